//! Docs for what the spec leaves undescribed, said from where each item is
//! used: a type from the operations and types that hold it, a field from
//! its struct, a parameter from its operation. Decided once every name is
//! final; the emit stage prints them where the spec gives no prose.

use std::collections::BTreeMap;

use super::ir::*;

/// More places than this are counted, not listed.
const LISTED: usize = 4;

/// Sets [`Docs::derived`] on every type, field and parameter.
pub fn apply(defs: &mut [TypeDef], ops: &mut [Operation], webhooks: &[Webhook]) {
    let texts: Vec<String> = {
        let places = places(defs, ops, webhooks);
        defs.iter()
            .map(|def| match places.get(def.name.as_str()) {
                Some(list) => sentence(list),
                None => unused(&def.pointer),
            })
            .collect()
    };
    for (def, text) in defs.iter_mut().zip(texts) {
        def.docs.derived = Some(text);
        let parent = def.name.clone();
        if let TypeKind::Struct(s) = &mut def.kind {
            for f in &mut s.fields {
                f.docs.derived = Some(field(&parent, &f.name, &f.wire_name));
            }
        }
    }
    for op in ops.iter_mut() {
        let at = operation(op);
        for p in &mut op.params {
            let location = match p.location {
                ParamLocation::Path => "path",
                ParamLocation::Query => "query",
                ParamLocation::Header => "header",
                ParamLocation::Cookie => "cookie",
            };
            p.docs.derived = Some(format!("The `{}` {location} parameter of {at}.", code(&p.wire_name)));
        }
    }
}

/// `` `phone` of [`Client`] ``, and the wire name when it differs.
fn field(parent: &str, name: &str, wire: &str) -> String {
    let plain = name.trim_start_matches("r#");
    let mut out = format!("`{plain}` of [`{parent}`]");
    if plain != wire {
        out.push_str(&format!(" (`{}` on the wire)", code(wire)));
    }
    out.push('.');
    out
}

/// A type nothing uses: the spec's name for it.
fn unused(pointer: &str) -> String {
    match pointer.strip_prefix("/components/schemas/").filter(|k| !k.contains('/')) {
        Some(key) => {
            format!("The `{}` schema of the spec.", code(&key.replace("~1", "/").replace("~0", "~")))
        }
        None => format!("A schema of the spec (`{}`).", code(pointer)),
    }
}

/// The first place as a sentence, the next few as a list, the rest counted.
fn sentence(places: &[Place]) -> String {
    let mut texts: Vec<&str> = Vec::new();
    for p in places {
        if !texts.contains(&p.text.as_str()) {
            texts.push(&p.text);
        }
    }
    let mut out = capitalized(texts[0]);
    out.push('.');
    let rest = &texts[1..];
    if !rest.is_empty() {
        out.push_str("\n\nAlso:\n");
        for t in rest.iter().take(LISTED) {
            out.push_str(&format!("- {t};\n"));
        }
        match rest.len() - rest.len().min(LISTED) {
            0 => {}
            1 => out.push_str("- and 1 other place.\n"),
            n => out.push_str(&format!("- and {n} other places.\n")),
        }
        out = out.trim_end().trim_end_matches(';').to_owned();
        if !out.ends_with('.') {
            out.push('.');
        }
    }
    out
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One place a type is used, with how prominent it is.
struct Place {
    /// Lower is mentioned first: what an operation returns, then what it
    /// takes, then where other types hold it.
    rank: u8,
    order: usize,
    text: String,
}

/// How a reference reaches the named type.
#[derive(Clone, Copy)]
enum Via {
    Direct,
    Item,
    Value,
}

impl Via {
    fn prefix(self) -> &'static str {
        match self {
            Via::Direct => "",
            Via::Item => "an item of ",
            Via::Value => "a value of ",
        }
    }
}

/// The named type a reference leads to, and through what.
fn target(ty: &TypeRef) -> Option<(&str, Via)> {
    match ty {
        TypeRef::Named(n) => Some((n, Via::Direct)),
        TypeRef::Option(inner) => target(inner),
        TypeRef::Vec(inner) => target(inner).map(|(n, _)| (n, Via::Item)),
        TypeRef::Map(inner) => target(inner).map(|(n, _)| (n, Via::Value)),
        _ => None,
    }
}

/// `` [`get_client`](super::Api::get_client) (`GET /clients/{id}`) ``.
fn operation(op: &Operation) -> String {
    let m = op.method_name.trim_start_matches("r#");
    format!("[`{m}`](super::Api::{m}) (`{} {}`)", op.http_method, code(&op.path))
}

/// Text for inside a code span.
fn code(text: &str) -> String {
    text.replace('`', "'")
}

/// Every place each named type is used, most prominent first.
fn places<'a>(defs: &'a [TypeDef], ops: &[Operation], webhooks: &[Webhook]) -> BTreeMap<&'a str, Vec<Place>> {
    let by_name = types_by_name(defs);
    let mut out: BTreeMap<&'a str, Vec<Place>> = BTreeMap::new();
    // Success bodies whose `data` is described from the operation: not
    // described again as a member of the envelope.
    let mut envelopes: Vec<&str> = Vec::new();
    let mut order = 0;
    let mut add = |ty: &TypeRef, rank: u8, text: &dyn Fn(&str) -> String| {
        if let Some((name, via)) = target(ty) {
            if let Some((key, _)) = by_name.get_key_value(name) {
                order += 1;
                out.entry(*key).or_default().push(Place { rank, order, text: text(via.prefix()) });
            }
        }
    };
    for op in ops {
        let at = operation(op);
        let m = op.method_name.trim_start_matches("r#");
        let several = op.successes().filter(|r| r.body.is_some()).count() > 1;
        for r in &op.responses {
            let Some(body) = &r.body else { continue };
            let status = match r.status {
                Status::Code(c) => format!("`{c}` "),
                Status::Range(d) => format!("`{d}XX` "),
                Status::Default => String::new(),
            };
            if r.status.is_success() {
                let status = if several { status.as_str() } else { "" };
                add(&body.ty, 1, &|via| format!("{via}the {status}response of {at}"));
                // The envelope's `data` is what the operation returns.
                let data = body.ty.named().and_then(|n| by_name.get(n)).and_then(|d| match &d.kind {
                    TypeKind::Struct(s) => s.fields.iter().find(|f| f.wire_name == "data").map(|f| (d, f)),
                    _ => None,
                });
                if let Some((envelope, f)) = data {
                    envelopes.push(&envelope.name);
                    let path = code(&op.path);
                    let method = &op.http_method;
                    add(&f.ty, 0, &|via| {
                        format!("{via}the `data` of [`{m}`](super::Api::{m})'s {status}response (`{method} {path}`)")
                    });
                }
            } else {
                add(&body.ty, 5, &|via| format!("{via}the {status}error response of {at}"));
            }
        }
        if let Some(b) = &op.body {
            add(&b.ty, 2, &|via| format!("{via}the request body of {at}"));
        }
        for p in &op.params {
            let wire = code(&p.wire_name);
            add(&p.ty, 3, &|via| format!("{via}the `{wire}` parameter of {at}"));
        }
    }
    for w in webhooks {
        let v = &w.variant;
        let name = code(&w.name);
        add(&w.ty, 4, &|via| {
            format!("{via}the payload of the `{name}` webhook event ([`WebhookEvent::{v}`](super::WebhookEvent::{v}))")
        });
    }
    for def in defs {
        let parent = &def.name;
        match &def.kind {
            TypeKind::Struct(s) => {
                for f in &s.fields {
                    if f.wire_name == "data" && envelopes.contains(&parent.as_str()) {
                        continue;
                    }
                    let plain = f.name.trim_start_matches("r#");
                    add(&f.ty, 6, &|via| format!("{via}the `{plain}` of [`{parent}`]"));
                }
                if let Some(extra) = &s.extra {
                    let name = crate::naming::extra_field_name(s.fields.iter().map(|f| f.name.as_str()));
                    add(&TypeRef::Map(Box::new(extra.clone())), 6, &|via| {
                        format!("{via}the `{name}` of [`{parent}`]")
                    });
                }
            }
            TypeKind::Union(u) => {
                for v in &u.variants {
                    add(&v.ty, 7, &|_| format!("a variant of [`{parent}`]"));
                }
            }
            TypeKind::Alias(t) => add(t, 7, &|via| match via {
                "" => format!("the type the alias [`{parent}`] names"),
                via => format!("{via}[`{parent}`]"),
            }),
            TypeKind::Enum(_) => {}
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|p| (p.rank, p.order));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_places_list_the_first_few_and_count_the_rest() {
        let places: Vec<Place> =
            (0..7).map(|i| Place { rank: 0, order: i, text: format!("the `data` of op{}", i % 6) }).collect();
        assert_eq!(
            sentence(&places),
            "The `data` of op0.\n\nAlso:\n- the `data` of op1;\n- the `data` of op2;\n- the `data` of op3;\n- the `data` of op4;\n- and 1 other place."
        );
        assert_eq!(sentence(&places[..2]), "The `data` of op0.\n\nAlso:\n- the `data` of op1.");
    }

    #[test]
    fn fields_name_their_struct_and_a_different_wire_name() {
        assert_eq!(field("Client", "phone", "phone"), "`phone` of [`Client`].");
        assert_eq!(field("Client", "r#type", "Type"), "`type` of [`Client`] (`Type` on the wire).");
        assert_eq!(unused("/components/schemas/a~1b"), "The `a/b` schema of the spec.");
    }
}
