//! Names of the generated types, decided once the whole model is known, in
//! this order: a reviewed name from the names file; the schema's `title`
//! when it reads as a name; the component's own key when it carries no
//! spec noise; what the type is in its operation (`get_appointment`'s data
//! is an `Appointment`); the component key with the noise dropped; and
//! last the property path from the parent's name (`Appointment.services[]`
//! -> `AppointmentService`). A shape several places share gets the name
//! its places have in common, never one place's.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

use super::file::NameEntry;
use super::words::{camel, camel_words, denoise, singular, split};
use super::{type_name, MAX_TYPE_NAME};
use crate::model::{Operation, TypeDef, TypeKind, TypeRef, Webhook};

/// A composed name longer than this takes a shorter form when one is free.
const COMFORTABLE: usize = 20;

/// Verbs that lead an operation id and are not part of what it returns.
const VERBS: &[&str] = &[
    "get", "list", "create", "update", "delete", "remove", "add", "set", "search", "find", "fetch", "post",
    "put", "patch", "send", "apply", "cancel", "assign", "change", "edit", "read", "retrieve", "make",
];

/// Where a type is used.
#[derive(Debug, Clone)]
enum Use {
    /// A field (or its array items, or map values) of another type.
    Field {
        parent: usize,
        wire: String,
        item: bool,
    },
    /// A variant of a union, or the target of an alias.
    Member {
        parent: usize,
    },
    /// An operation's success body.
    Success {
        op: usize,
        several: Option<String>,
    },
    /// The `data` member of an operation's success body.
    Data {
        op: usize,
    },
    /// An operation's request body; `role` is `Request` for the body its
    /// method sends, `FormRequest` and the like for other media types.
    Body {
        op: usize,
        role: String,
    },
    Error {
        op: usize,
        status: Option<u16>,
    },
    Param {
        op: usize,
        wire: String,
        item: bool,
    },
    Webhook {
        name: String,
    },
}

/// The names decided: type renames (old -> new) and the operation-owned
/// names (parameter structs, success enums), by operation index.
#[derive(Debug, Default)]
pub struct Decided {
    pub renames: BTreeMap<String, String>,
    pub params: BTreeMap<usize, String>,
    pub success_enums: BTreeMap<usize, String>,
    /// Names file entries that no longer fit the spec: pointer and why.
    pub stale: Vec<(String, String)>,
}

struct Taken(BTreeSet<String>);

impl Taken {
    fn free(&self, name: &str) -> bool {
        !name.is_empty() && !self.0.contains(name)
    }
    fn claim(&mut self, name: &str) -> String {
        self.0.insert(name.to_owned());
        name.to_owned()
    }
    /// `Name`, then `Name2`, `Name3`, ...: the last resort, deterministic.
    fn numbered(&mut self, name: &str) -> String {
        if self.free(name) {
            return self.claim(name);
        }
        let base = fit(name, MAX_TYPE_NAME - 2);
        (2..).map(|n| format!("{base}{n}")).find(|c| self.free(c)).map(|c| self.claim(&c)).expect("unbounded")
    }
}

/// Decides every type name.
pub fn decide(defs: &[TypeDef], ops: &[Operation], webhooks: &[Webhook], file: &[NameEntry]) -> Decided {
    let index: BTreeMap<&str, usize> = defs.iter().enumerate().map(|(i, d)| (d.name.as_str(), i)).collect();
    let uses = uses(defs, ops, webhooks, &index);
    let mut taken = Taken(super::RESERVED_TYPES.iter().map(|s| (*s).to_owned()).collect());
    let mut out = Decided::default();
    let mut names: Vec<Option<String>> = vec![None; defs.len()];

    // Reviewed names first: they win over any inference.
    for entry in file {
        match defs.iter().position(|d| d.pointer == entry.pointer) {
            Some(i) if taken.free(&entry.name) => names[i] = Some(taken.claim(&entry.name)),
            Some(_) => out.stale.push((
                entry.pointer.clone(),
                format!("names file: `{}` is a name the generated code already uses", entry.name),
            )),
            None => out.stale.push((
                entry.pointer.clone(),
                format!(
                    "names file: no generated type comes from this pointer (`{}`); the spec changed, review the entry",
                    entry.name
                ),
            )),
        }
    }

    // Names that stand on their own, claimed by rank, then document order.
    let mut anchored: Vec<(u8, usize, Vec<String>)> = Vec::new();
    for (i, def) in defs.iter().enumerate() {
        if names[i].is_some() {
            continue;
        }
        for (rank, candidates) in anchors(def, &uses[i], ops) {
            anchored.push((rank, i, candidates));
        }
    }
    for (op_index, op) in ops.iter().enumerate() {
        let base = op_name(op);
        if op.params_struct.is_some() {
            anchored.push((
                5,
                usize::MAX - op_index,
                vec![fit(&format!("{base}Params"), MAX_TYPE_NAME), format!("{}Params", noun(op))],
            ));
        }
        if op.success_enum.is_some() {
            anchored.push((
                5,
                usize::MAX - op_index,
                vec![fit(&format!("{base}Response"), MAX_TYPE_NAME), format!("{}Response", noun(op))],
            ));
        }
    }
    anchored.sort_by_key(|a| (a.0, a.1));
    for (_, i, candidates) in &anchored {
        let is_op = *i > defs.len();
        if !is_op && names[*i].is_some() {
            continue;
        }
        let Some(c) = candidates.iter().find(|c| taken.free(c)) else { continue };
        let name = taken.claim(c);
        if is_op {
            let op_index = usize::MAX - i;
            let slot = if c.ends_with("Params") { &mut out.params } else { &mut out.success_enums };
            if slot.contains_key(&op_index) {
                continue;
            }
            slot.insert(op_index, name);
        } else {
            names[*i] = Some(name);
        }
    }
    // Operation-owned names whose candidates were all taken.
    for (op_index, op) in ops.iter().enumerate() {
        if op.params_struct.is_some() && !out.params.contains_key(&op_index) {
            let n = taken.numbered(&fit(&format!("{}Params", op_name(op)), MAX_TYPE_NAME));
            out.params.insert(op_index, n);
        }
        if op.success_enum.is_some() && !out.success_enums.contains_key(&op_index) {
            let n = taken.numbered(&fit(&format!("{}Response", op_name(op)), MAX_TYPE_NAME));
            out.success_enums.insert(op_index, n);
        }
    }
    // Anchored types whose every candidate was taken, and nothing else to go by.
    for (_, i, candidates) in &anchored {
        if *i < defs.len() && names[*i].is_none() && !has_parent(&uses[*i]) {
            names[*i] = Some(taken.numbered(&candidates[0]));
        }
    }

    // The rest from their parents, outermost first.
    loop {
        let pending: Vec<usize> = (0..defs.len()).filter(|&i| names[i].is_none()).collect();
        if pending.is_empty() {
            break;
        }
        let ready = |i: &usize, all: bool| {
            let mut parents = uses[*i].iter().filter_map(parent_of);
            if all {
                parents.all(|p| names[p].is_some())
            } else {
                parents.any(|p| names[p].is_some())
            }
        };
        let mut batch: Vec<usize> =
            pending.iter().copied().filter(|i| ready(i, true) && has_parent(&uses[*i])).collect();
        if batch.is_empty() {
            batch = pending.iter().copied().filter(|i| ready(i, false)).take(1).collect();
        }
        if batch.is_empty() {
            // Nothing to go by: the place it was found, noise dropped.
            let i = pending[0];
            let fallback = denoised(&defs[i].name);
            names[i] = Some(taken.numbered(&fit(&fallback, MAX_TYPE_NAME)));
            continue;
        }
        for i in batch {
            let candidates = from_parents(&uses[i], &names);
            let name = match candidates.iter().find(|c| taken.free(c)) {
                Some(c) => taken.claim(c),
                None => taken.numbered(candidates.first().map(String::as_str).unwrap_or("Unnamed")),
            };
            names[i] = Some(name);
        }
    }

    for (def, name) in defs.iter().zip(names) {
        let name = name.expect("every type was named");
        if name != def.name {
            out.renames.insert(def.name.clone(), name);
        }
    }
    out
}

fn has_parent(uses: &[Use]) -> bool {
    uses.iter().any(|u| parent_of(u).is_some())
}

fn parent_of(u: &Use) -> Option<usize> {
    match u {
        Use::Field { parent, .. } | Use::Member { parent } => Some(*parent),
        _ => None,
    }
}

/// Every place each type is used.
fn uses(
    defs: &[TypeDef],
    ops: &[Operation],
    webhooks: &[Webhook],
    index: &BTreeMap<&str, usize>,
) -> Vec<Vec<Use>> {
    let mut out: Vec<Vec<Use>> = vec![Vec::new(); defs.len()];
    let mut add = |ty: &TypeRef, make: &dyn Fn(bool) -> Use| {
        if let Some((name, item)) = target(ty) {
            if let Some(&i) = index.get(name) {
                out[i].push(make(item));
            }
        }
    };
    for (p, def) in defs.iter().enumerate() {
        match &def.kind {
            TypeKind::Struct(s) => {
                for f in &s.fields {
                    add(&f.ty, &|item| Use::Field { parent: p, wire: f.wire_name.clone(), item });
                }
                if let Some(extra) = &s.extra {
                    add(extra, &|_| Use::Field { parent: p, wire: "value".into(), item: false });
                }
            }
            TypeKind::Union(u) => {
                for v in &u.variants {
                    add(&v.ty, &|_| Use::Member { parent: p });
                }
            }
            TypeKind::Alias(t) => add(t, &|_| Use::Member { parent: p }),
            TypeKind::Enum(_) => {}
        }
    }
    for (o, op) in ops.iter().enumerate() {
        for param in &op.params {
            add(&param.ty, &|item| Use::Param { op: o, wire: param.wire_name.clone(), item });
        }
        if let Some(b) = &op.body {
            add(&b.ty, &|_| Use::Body { op: o, role: "Request".into() });
        }
        // Another media type's body of the same type adds no name.
        for alt in op.alternatives.iter().filter(|a| op.body.as_ref().map(|b| &b.ty) != Some(&a.body.ty)) {
            let role = super::media_body_role(&alt.body.media_type);
            add(&alt.body.ty, &|_| Use::Body { op: o, role: role.clone() });
        }
        let several = op.successes().filter(|r| r.body.is_some()).count() > 1;
        for r in &op.responses {
            let Some(b) = &r.body else { continue };
            if r.status.is_success() {
                let code = match r.status {
                    crate::model::Status::Code(c) => c.to_string(),
                    _ => "2XX".into(),
                };
                add(&b.ty, &|_| Use::Success { op: o, several: several.then(|| code.clone()) });
            } else {
                let status = match r.status {
                    crate::model::Status::Code(c) => Some(c),
                    _ => None,
                };
                add(&b.ty, &|_| Use::Error { op: o, status });
            }
        }
    }
    for w in webhooks {
        add(&w.ty, &|_| Use::Webhook { name: w.name.clone() });
    }
    // The `data` member of a success body is what the operation returns.
    let data_uses: Vec<(usize, usize)> = (0..defs.len())
        .flat_map(|i| {
            out[i].iter().filter_map(move |u| match u {
                Use::Field { parent, wire, .. } if wire == "data" => Some((i, *parent)),
                _ => None,
            })
        })
        .collect();
    for (i, parent) in data_uses {
        let ops_of_parent: Vec<usize> = out[parent]
            .iter()
            .filter_map(|u| match u {
                Use::Success { op, .. } => Some(*op),
                _ => None,
            })
            .collect();
        for op in ops_of_parent {
            out[i].push(Use::Data { op });
        }
    }
    out
}

/// The named type a reference leads to, and whether through an array.
fn target(ty: &TypeRef) -> Option<(&str, bool)> {
    match ty {
        TypeRef::Named(n) => Some((n, false)),
        TypeRef::Option(inner) | TypeRef::Map(inner) => target(inner),
        TypeRef::Vec(inner) => target(inner).map(|(n, _)| (n, true)),
        _ => None,
    }
}

/// The names a type can take without looking at its parents, each with
/// its rank (lower is claimed first).
fn anchors(def: &TypeDef, uses: &[Use], ops: &[Operation]) -> Vec<(u8, Vec<String>)> {
    let mut out = Vec::new();
    if let Some(title) = def.docs.title.as_deref().and_then(title_name) {
        out.push((1, vec![title]));
    }
    let key = def.pointer.strip_prefix("/components/schemas/").filter(|k| !k.contains('/'));
    let key = key.map(|k| k.replace("~1", "/").replace("~0", "~"));
    let (clean_key, noisy_key) = match &key {
        Some(k) => {
            let words = split(k);
            let denoised = denoise(&words);
            let name = fit(&type_name(&camel(&denoised)), MAX_TYPE_NAME);
            if denoised == words && type_name(k).len() <= MAX_TYPE_NAME {
                (Some(type_name(k)), None)
            } else {
                // A status in the key tells same-named shapes apart.
                let reason = words.iter().find_map(|w| {
                    let digits = w.trim_start_matches(|c: char| c.is_ascii_alphabetic());
                    digits.parse().ok().and_then(super::status_reason)
                });
                let mut names = vec![name.clone()];
                if let Some(reason) = reason {
                    let base = name.strip_suffix("Response").unwrap_or(&name);
                    names.push(fit(&format!("{base}{reason}"), MAX_TYPE_NAME));
                }
                (None, Some(names))
            }
        }
        None => (None, None),
    };
    if let Some(k) = clean_key {
        out.push((2, vec![k]));
    }
    let mut by_role: BTreeMap<u8, Vec<Vec<String>>> = BTreeMap::new();
    for u in uses {
        let (rank, candidates) = match u {
            Use::Data { op } => {
                let op = &ops[*op];
                let rank = if op_is_list(op) {
                    4
                } else if op_is_get(op) {
                    3
                } else {
                    5
                };
                (rank, vec![noun(op), fit(&format!("{}Data", op_name(op)), MAX_TYPE_NAME)])
            }
            Use::Success { op, several } => {
                // Several success shapes: told apart by status (`CreatedResponse`).
                let suffix = match several {
                    Some(code) => format!("{}Response", super::status_variant(code.parse().ok())),
                    None => "Response".into(),
                };
                (5, role_names(&ops[*op], &suffix))
            }
            Use::Body { op, role } => (5, role_names(&ops[*op], role)),
            // A shape that is also a member elsewhere is not this error.
            Use::Error { .. } if has_parent(uses) => continue,
            Use::Error { op, status } => {
                let op = &ops[*op];
                let full = role_names(op, "Error");
                // Two error shapes of one operation: told apart by status.
                let reason =
                    status.and_then(super::status_reason).map(|r| role_names(op, &format!("{r}Error")));
                let mut names = vec![full[0].clone()];
                names.extend(reason.iter().map(|r| r[0].clone()));
                names.extend(full.iter().skip(1).cloned());
                names.extend(reason.iter().flat_map(|r| r.iter().skip(1).cloned()));
                (7, names)
            }
            Use::Param { op, wire, item } => {
                let w = field_word(wire, *item);
                (
                    5,
                    vec![
                        fit(&format!("{}{w}", noun(&ops[*op])), MAX_TYPE_NAME),
                        fit(&format!("{}{w}", op_name(&ops[*op])), MAX_TYPE_NAME),
                    ],
                )
            }
            Use::Webhook { name } => (5, vec![fit(&type_name(name), MAX_TYPE_NAME)]),
            Use::Field { .. } | Use::Member { .. } => continue,
        };
        by_role.entry(rank).or_default().push(candidates);
    }
    // A type several places share: only what all of them have in common.
    let mut shared_rank = None;
    for (rank, lists) in by_role {
        let distinct: BTreeSet<&Vec<String>> = lists.iter().collect();
        if distinct.len() == 1 {
            out.push((rank, lists[0].clone()));
        } else {
            let firsts: Vec<&str> = lists.iter().map(|l| l[0].as_str()).collect();
            let lasts: Vec<&str> = lists.iter().filter_map(|l| l.last()).map(String::as_str).collect();
            let seconds: BTreeSet<&str> = lists.iter().filter_map(|l| l.get(1)).map(String::as_str).collect();
            // After the names of single places: those are more specific.
            if let Some(common) = common_name(&firsts) {
                let mut names = vec![common];
                names.extend(common_name(&lasts).filter(|c| !names.contains(c)));
                out.push((rank + 1, names));
            } else if seconds.len() == 1 && lists.iter().all(|l| l.len() > 1) {
                // Different operations on one thing (`create_appointment`,
                // `get_appointment_list`): named for the thing.
                out.push((rank + 1, seconds.into_iter().map(str::to_owned).collect()));
            } else {
                shared_rank = Some(rank);
            }
        }
    }
    if let Some(k) = noisy_key {
        out.push((6, k));
    }
    if out.is_empty() {
        if let Some(rank) = shared_rank {
            // Nothing in common: named for its shape's place, with no operation in it.
            out.push((rank, vec![fit(&denoised(&def.name), MAX_TYPE_NAME)]));
        }
    }
    out
}

/// A title that reads as a type name: `Object of model "Tag"` -> `Tag`,
/// `Salary calculation object` -> `SalaryCalculation`; sentences and the
/// spec's `Root Type for ...` are not names.
fn title_name(title: &str) -> Option<String> {
    let t = title.trim();
    if t.to_ascii_lowercase().starts_with("root type") {
        return None;
    }
    let inner = match (t.find('"'), t.rfind('"')) {
        (Some(a), Some(b)) if b > a + 1 => &t[a + 1..b],
        _ => t,
    };
    if !inner.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_')) {
        return None;
    }
    let mut words = split(inner);
    while words.len() > 1 && matches!(words.last().map(String::as_str), Some("object" | "model")) {
        words.pop();
    }
    while words.len() > 1 && matches!(words.first().map(String::as_str), Some("the" | "a" | "an" | "model")) {
        words.remove(0);
    }
    let words = denoise(&words);
    if words.is_empty() || words.len() > 3 {
        return None;
    }
    let name = type_name(&camel(&words));
    (name.len() <= 30).then_some(name)
}

fn op_is_list(op: &Operation) -> bool {
    op.operation_id.starts_with("list_") || op.operation_id.ends_with("_list") || op.pagination.is_some()
}

fn op_is_get(op: &Operation) -> bool {
    op.http_method == "GET" || op.operation_id.starts_with("get_")
}

/// `Appointment` for `get_appointment`, `CreateAppointment` for
/// `create_appointment`: `get` is what reading calls do, so it adds nothing.
fn op_name(op: &Operation) -> String {
    let id = op.operation_id.as_str();
    let id = id.strip_prefix("get_").filter(|rest| !rest.is_empty()).unwrap_or(id);
    type_name(id)
}

/// What an operation is about: its id without the leading verb, a
/// trailing `list` or the spec's noise (`get_appointment_list` ->
/// `Appointment`).
fn noun(op: &Operation) -> String {
    let mut words = denoise(&split(&op.operation_id));
    let listed = words.first().is_some_and(|w| w == "list");
    if words.len() > 1 && VERBS.contains(&words[0].as_str()) {
        words.remove(0);
    }
    let listed = listed || (words.len() > 1 && words.last().is_some_and(|w| w == "list"));
    if words.len() > 1 && words.last().is_some_and(|w| w == "list") {
        words.pop();
    }
    if listed {
        if let Some(last) = words.last_mut() {
            *last = singular(last);
        }
    }
    fit(&type_name(&camel(&words)), MAX_TYPE_NAME)
}

/// `{Operation}{Role}` (words dropped from the middle when too long),
/// then `{Noun}{Role}`.
fn role_names(op: &Operation, role: &str) -> Vec<String> {
    let full = fit(&format!("{}{role}", op_name(op)), MAX_TYPE_NAME);
    let short = fit(&format!("{}{role}", noun(op)), MAX_TYPE_NAME);
    if full == short {
        vec![full]
    } else {
        vec![full, short]
    }
}

/// The longest run of trailing words (two at least) all names share,
/// else their leading words (two at least) with the shared last word.
fn common_name(names: &[&str]) -> Option<String> {
    let split: Vec<Vec<&str>> = names.iter().map(|n| camel_words(n)).collect();
    let shortest = split.iter().map(Vec::len).min()?;
    let suffix = (0..shortest).take_while(|&k| {
        let w = split[0][split[0].len() - 1 - k];
        split.iter().all(|s| s[s.len() - 1 - k] == w)
    });
    let common = suffix.count();
    if common >= 2 {
        return Some(split[0][split[0].len() - common..].concat());
    }
    let prefix = (0..shortest - common).take_while(|&k| split.iter().all(|s| s[k] == split[0][k])).count();
    if prefix >= 1 && common == 1 {
        let mut words: Vec<&str> = split[0][..prefix].to_vec();
        words.push(split[0][split[0].len() - 1]);
        return Some(fit(&words.concat(), MAX_TYPE_NAME));
    }
    None
}

/// A field's word: its name, noise dropped, singular for array items.
fn field_word(wire: &str, item: bool) -> String {
    let mut words = denoise(&split(wire));
    if item {
        if let Some(last) = words.last_mut() {
            *last = singular(last);
        }
    }
    let w = camel(&words);
    if w.is_empty() || w.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{}{}", if item { "Item" } else { "Value" }, w)
    } else {
        w
    }
}

/// Names from the parents: `Parent` + `Field`, shorter forms when long.
fn from_parents(uses: &[Use], names: &[Option<String>]) -> Vec<String> {
    let mut per_use: Vec<Vec<String>> = Vec::new();
    for u in uses {
        let (parent, word) = match u {
            Use::Field { parent, wire, item } => (*parent, field_word(wire, *item)),
            Use::Member { parent } => (*parent, String::new()),
            _ => continue,
        };
        let Some(p) = names[parent].as_deref() else { continue };
        per_use.push(compose(p, &word));
    }
    let distinct: BTreeSet<&Vec<String>> = per_use.iter().collect();
    if distinct.len() <= 1 {
        return per_use.into_iter().next().unwrap_or_default();
    }
    let firsts: Vec<&str> = per_use.iter().map(|c| c[0].as_str()).collect();
    let mut out = Vec::new();
    if let Some(common) = common_name(&firsts) {
        out.push(common);
    }
    // The same field word everywhere: the word, qualified as one use is.
    out.extend(per_use.into_iter().next().unwrap_or_default());
    out
}

/// Candidates for a member `word` of `parent`, shortest sensible first.
fn compose(parent: &str, word: &str) -> Vec<String> {
    if word.is_empty() {
        return vec![
            fit(&format!("{parent}Variant"), MAX_TYPE_NAME),
            fit(&format!("{parent}Value"), MAX_TYPE_NAME),
        ];
    }
    let mut pw = camel_words(parent);
    // `ListVoipCallsRequest` + `status`: the role is not part of the thing.
    if pw.len() > 1
        && matches!(pw.last().copied(), Some("Request" | "Response" | "Error" | "Params" | "Data"))
    {
        pw.pop();
    }
    let ww = camel_words(word);
    // `Appointment` + `AppointmentStatus`: the word already says whose.
    let overlap = (1..=pw.len().min(ww.len())).rev().find(|&k| pw[pw.len() - k..] == ww[..k]).unwrap_or(0);
    let head: String = pw[..pw.len() - overlap].concat();
    let full = format!("{head}{word}");
    let last = format!("{}{word}", if overlap > 0 { "" } else { pw[pw.len() - 1] });
    let lead = pw.iter().find(|w| !VERBS.contains(&w.to_ascii_lowercase().as_str())).unwrap_or(&pw[0]);
    let first = format!("{lead}{word}");
    let mut out = Vec::new();
    if full.len() <= COMFORTABLE {
        out.push(full.clone());
    }
    // Last, the parent's whole name and the field's (`PermissionValue` +
    // `value`): long, but says exactly where it stands.
    let whole = fit(&format!("{parent}{word}"), MAX_TYPE_NAME);
    // `AppointmentList` + `Service` is not a `ListService`.
    let last = if matches!(pw[pw.len() - 1], "List" | "Info" | "Details" | "By" | "For" | "Of") {
        full.clone()
    } else {
        last
    };
    for c in [first, last, fit(&full, MAX_TYPE_NAME), whole] {
        if c.len() <= MAX_TYPE_NAME && !out.contains(&c) && c != word {
            out.push(c);
        }
    }
    out
}

/// A temporary name with the spec's noise dropped.
fn denoised(name: &str) -> String {
    let n = type_name(&camel(&denoise(&split(name))));
    if n.is_empty() {
        name.to_upper_camel_case()
    } else {
        n
    }
}

/// At most `max` characters: words dropped after the first until it fits.
pub fn fit(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    let mut words = camel_words(name);
    while words.len() > 2 && words.concat().len() > max {
        words.remove(1);
    }
    let joined = words.concat();
    joined.chars().take(max).collect()
}
