//! Two surfaces -> the changes between them, each classified under Rust's
//! semver rules for users of the generated module.
//!
//! The rules rest on what the emitter prints: every struct and enum is
//! `#[non_exhaustive]` (a new field, variant or event is additive), request
//! structs are built with `new(required...)` or `default()` and setters (a
//! new required field changes `new`), and methods take path parameters, a
//! parameters struct and a body in that order.

use indexmap::IndexMap;

use super::report::{Change, Level};
use super::surface::*;

/// The changes from `old` to `new`: operations first, then types, then
/// webhook events; removed items after the others of their kind.
pub fn diff(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut out = Changes(Vec::new());
    for pair in pairs(&old.operations, &new.operations, |o| o.method.clone()) {
        match pair {
            Pair::Added(o) => {
                let stream = o.stream.as_ref().map(|_| format!(", with `{}_stream`", plain(&o.method)));
                out.push(
                    Level::Minor,
                    api(&o.method),
                    format!("added (`{}`){}{}", o.http, stream.unwrap_or_default(), with_alternatives(o)),
                )
            }
            Pair::Removed(o) => out.push(
                Level::Major,
                api(&o.method),
                format!("removed (`{}`){}", o.http, with_alternatives(o)),
            ),
            Pair::Both(a, b) => operation(a, b, &mut out),
        }
    }
    for pair in pairs(&old.types, &new.types, |t| t.name.clone()) {
        match pair {
            Pair::Added(t) => out.push(Level::Minor, t.name.clone(), format!("added ({})", t.shape.kind())),
            Pair::Removed(t) => {
                out.push(Level::Major, t.name.clone(), format!("removed ({})", t.shape.kind()))
            }
            Pair::Both(a, b) => type_def(a, b, &mut out),
        }
    }
    for pair in pairs(&old.webhooks, &new.webhooks, |w| w.variant.clone()) {
        let item = |w: &WebhookItem| format!("WebhookEvent::{}", w.variant);
        match pair {
            Pair::Added(w) => out.push(Level::Minor, item(w), format!("added (`{}`, `{}`)", w.name, w.ty)),
            Pair::Removed(w) => out.push(Level::Major, item(w), format!("removed (`{}`)", w.name)),
            Pair::Both(a, b) => webhook(a, b, &item(b), &mut out),
        }
    }
    out.0
}

/// `, with `create_pet_form``: the methods for other media types that come
/// and go with an operation.
fn with_alternatives(o: &OperationItem) -> String {
    if o.alternatives.is_empty() {
        return String::new();
    }
    let names: Vec<String> = o.alternatives.iter().map(|a| format!("`{}`", plain(&a.method))).collect();
    format!(", with {}", names.join(", "))
}

struct Changes(Vec<Change>);

impl Changes {
    fn push(&mut self, level: Level, item: String, what: String) {
        self.0.push(Change { level, item, what });
    }
}

enum Pair<'a, T> {
    Added(&'a T),
    Removed(&'a T),
    Both(&'a T, &'a T),
}

/// Items matched by key: the new ones in order, then the removed ones.
fn pairs<'a, T>(old: &'a [T], new: &'a [T], key: impl Fn(&T) -> String) -> Vec<Pair<'a, T>> {
    let old_by: IndexMap<String, &T> = old.iter().map(|t| (key(t), t)).collect();
    let new_by: IndexMap<String, &T> = new.iter().map(|t| (key(t), t)).collect();
    let mut out: Vec<Pair<T>> = new_by
        .iter()
        .map(|(k, n)| match old_by.get(k) {
            Some(o) => Pair::Both(*o, *n),
            None => Pair::Added(*n),
        })
        .collect();
    out.extend(old_by.iter().filter(|(k, _)| !new_by.contains_key(*k)).map(|(_, o)| Pair::Removed(*o)));
    out
}

fn plain(name: &str) -> &str {
    name.trim_start_matches("r#")
}

fn api(method: &str) -> String {
    format!("Api::{}", plain(method))
}

/// `made required: ...` or `made optional: ...` when only `Option` differs,
/// else `` `A` -> `B` ``.
fn retyped(a: &str, b: &str) -> String {
    let optional = |t: &str| t.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')).map(str::to_owned);
    if optional(a).as_deref() == Some(b) {
        format!("made required (`{a}` -> `{b}`)")
    } else if optional(b).as_deref() == Some(a) {
        format!("made optional (`{a}` -> `{b}`)")
    } else {
        format!("`{a}` -> `{b}`")
    }
}

/// `what` after a parameter's name: `` `A` -> `B` `` after a colon, words
/// after a space.
fn joined(what: &str) -> String {
    if what.starts_with('`') {
        format!(": {what}")
    } else {
        format!(" {what}")
    }
}

fn deprecation(a: bool, b: bool, item: &str, out: &mut Changes) {
    match (a, b) {
        (false, true) => out.push(Level::Minor, item.to_owned(), "deprecated".to_owned()),
        (true, false) => out.push(Level::Patch, item.to_owned(), "no longer deprecated".to_owned()),
        _ => {}
    }
}

fn docs(a: &str, b: &str, item: &str, out: &mut Changes) {
    if a != b {
        out.push(Level::Patch, item.to_owned(), "documentation changed".to_owned());
    }
}

fn type_def(a: &TypeItem, b: &TypeItem, out: &mut Changes) {
    let name = b.name.as_str();
    if a.shape.kind() != b.shape.kind() {
        out.push(Level::Major, name.to_owned(), format!("{} -> {}", a.shape.kind(), b.shape.kind()));
        return;
    }
    deprecation(a.deprecated, b.deprecated, name, out);
    docs(&a.docs, &b.docs, name, out);
    match (&a.shape, &b.shape) {
        (
            Shape::Struct { fields: fa, default: da, new: na, setters: sa },
            Shape::Struct { fields: fb, default: db, new: nb, setters: sb },
        ) => {
            let before = out.0.len();
            for pair in pairs(fa, fb, |f| f.name.clone()) {
                match pair {
                    Pair::Added(f) => {
                        let item = format!("{name}::{}", plain(&f.name));
                        let arg = format!("{}: {}", f.name, f.ty);
                        if *sb && nb.as_ref().is_some_and(|args| args.contains(&arg)) {
                            out.push(
                                Level::Major,
                                item,
                                format!("added, `{}`, required by `{name}::new`", f.ty),
                            );
                        } else {
                            out.push(Level::Minor, item, format!("added, `{}`", f.ty));
                        }
                    }
                    Pair::Removed(f) => {
                        out.push(Level::Major, format!("{name}::{}", plain(&f.name)), "removed".to_owned())
                    }
                    Pair::Both(x, y) => field(x, y, &format!("{name}::{}", plain(&y.name)), out),
                }
            }
            let field_breaks = out.0[before..].iter().any(|c| c.level == Level::Major);
            match (da, db) {
                (true, false) => {
                    out.push(Level::Major, name.to_owned(), "no longer implements `Default`".to_owned())
                }
                (false, true) => out.push(Level::Minor, name.to_owned(), "implements `Default`".to_owned()),
                _ => {}
            }
            match (sa, sb) {
                (false, true) => out.push(
                    Level::Minor,
                    name.to_owned(),
                    "now used in requests: gains a constructor and setters".to_owned(),
                ),
                (true, false) => out.push(
                    Level::Major,
                    name.to_owned(),
                    "no longer used in requests: its constructor and setters are gone".to_owned(),
                ),
                _ => {}
            }
            // Fields that trade places reorder `new`'s arguments.
            if let (Some(x), Some(y), true, false) = (na, nb, *sa && *sb, field_breaks) {
                if x != y {
                    out.push(
                        Level::Major,
                        format!("{name}::new"),
                        format!("arguments `({})` -> `({})`", x.join(", "), y.join(", ")),
                    );
                }
            }
        }
        (Shape::Enum { repr: ra, variants: va }, Shape::Enum { repr: rb, variants: vb }) => {
            if ra != rb {
                out.push(Level::Major, name.to_owned(), format!("{ra} enum -> {rb} enum"));
                return;
            }
            for pair in pairs(va, vb, |v| v.value.to_string()) {
                match pair {
                    Pair::Added(v) => out.push(
                        Level::Minor,
                        format!("{name}::{}", v.name),
                        format!("added (`{}`)", v.value),
                    ),
                    Pair::Removed(v) => out.push(
                        Level::Major,
                        format!("{name}::{}", v.name),
                        format!("removed (`{}`)", v.value),
                    ),
                    Pair::Both(x, y) if x.name != y.name => out.push(
                        Level::Major,
                        format!("{name}::{}", x.name),
                        format!("renamed to `{name}::{}` (`{}`)", y.name, y.value),
                    ),
                    Pair::Both(..) => {}
                }
            }
        }
        (
            Shape::Union { variants: va, discriminator: da },
            Shape::Union { variants: vb, discriminator: db },
        ) => {
            for pair in pairs(va, vb, |v| v.name.clone()) {
                match pair {
                    Pair::Added(v) => {
                        out.push(Level::Minor, format!("{name}::{}", v.name), format!("added, `{}`", v.ty))
                    }
                    Pair::Removed(v) => {
                        out.push(Level::Major, format!("{name}::{}", v.name), "removed".to_owned())
                    }
                    Pair::Both(x, y) => {
                        let item = format!("{name}::{}", y.name);
                        if x.ty != y.ty {
                            out.push(Level::Major, item.clone(), retyped(&x.ty, &y.ty));
                        }
                        if x.tag != y.tag {
                            out.push(
                                Level::Patch,
                                item,
                                format!("chosen by tag {} -> {}", opt(&x.tag), opt(&y.tag)),
                            );
                        }
                    }
                }
            }
            if da != db {
                out.push(Level::Patch, name.to_owned(), format!("discriminator {} -> {}", opt(da), opt(db)));
            }
        }
        (Shape::Alias { target: ta }, Shape::Alias { target: tb }) if ta != tb => {
            out.push(Level::Major, name.to_owned(), retyped(ta, tb));
        }
        _ => {}
    }
}

fn opt(v: &Option<String>) -> String {
    v.as_ref().map_or_else(|| "none".to_owned(), |s| format!("`{s}`"))
}

/// A field present on both sides (a struct field or a parameter).
fn field(a: &FieldItem, b: &FieldItem, item: &str, out: &mut Changes) {
    if a.ty != b.ty {
        out.push(Level::Major, item.to_owned(), retyped(&a.ty, &b.ty));
    } else if (a.required, a.nullable) != (b.required, b.nullable) {
        // Same Rust type: only what is sent or accepted changes.
        let state = |f: &FieldItem| match (f.required, f.nullable) {
            (true, false) => "required",
            (true, true) => "required, nullable",
            (false, false) => "optional",
            (false, true) => "optional, nullable",
        };
        out.push(
            Level::Patch,
            item.to_owned(),
            format!("JSON member {} -> {} (same Rust type)", state(a), state(b)),
        );
    }
    if a.wire() != b.wire() {
        out.push(Level::Patch, item.to_owned(), format!("wire name `{}` -> `{}`", a.wire(), b.wire()));
    }
    deprecation(a.deprecated, b.deprecated, item, out);
    docs(&a.docs, &b.docs, item, out);
}

fn operation(a: &OperationItem, b: &OperationItem, out: &mut Changes) {
    let item = api(&b.method);
    if a.http != b.http {
        out.push(Level::Patch, item.clone(), format!("calls `{}` (was `{}`)", b.http, a.http));
    }
    deprecation(a.deprecated, b.deprecated, &item, out);
    docs(&a.docs, &b.docs, &item, out);
    // Path parameters are positional arguments.
    let names = |args: &[(String, String)]| args.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    for pair in pairs(&a.path_args, &b.path_args, |(n, _)| n.clone()) {
        match pair {
            Pair::Added((n, t)) => {
                out.push(Level::Major, item.clone(), format!("path parameter `{n}: {t}` added"))
            }
            Pair::Removed((n, _)) => {
                out.push(Level::Major, item.clone(), format!("path parameter `{n}` removed"))
            }
            Pair::Both((n, x), (_, y)) if x != y => out.push(
                Level::Major,
                item.clone(),
                format!("path parameter `{n}`{}", joined(&retyped(x, y))),
            ),
            Pair::Both(..) => {}
        }
    }
    let same_set = {
        let (mut x, mut y) = (names(&a.path_args), names(&b.path_args));
        x.sort();
        y.sort();
        x == y
    };
    if same_set && names(&a.path_args) != names(&b.path_args) {
        out.push(
            Level::Major,
            item.clone(),
            format!(
                "path parameters reordered: ({}) -> ({})",
                names(&a.path_args).join(", "),
                names(&b.path_args).join(", ")
            ),
        );
    }
    params(a.params.as_ref(), b.params.as_ref(), &item, out);
    match (&a.body, &b.body) {
        (None, Some((t, _))) => out.push(Level::Major, item.clone(), format!("takes a body `{t}`")),
        (Some((t, _)), None) => {
            out.push(Level::Major, item.clone(), format!("no longer takes a body (was `{t}`)"))
        }
        (Some((x, mx)), Some((y, my))) => {
            if x != y {
                out.push(Level::Major, item.clone(), format!("body {}", retyped(x, y)));
            } else if mx != my {
                out.push(Level::Patch, item.clone(), format!("body sent as `{my}` (was `{mx}`)"));
            }
        }
        (None, None) => {}
    }
    alternatives(&a.alternatives, &b.alternatives, out);
    if a.returns != b.returns {
        out.push(Level::Major, item.clone(), format!("returns `{}` (was `{}`)", b.returns, a.returns));
    } else if let (Some(sa), Some(sb)) = (&a.success, &b.success) {
        let (va, oa, vb, ob) = (&sa.variants, sa.other, &sb.variants, sb.other);
        let enum_name = &b.returns;
        for pair in pairs(va, vb, |(n, _)| n.clone()) {
            match pair {
                Pair::Added((n, p)) => out.push(
                    Level::Minor,
                    format!("{enum_name}::{n}"),
                    match p {
                        Some(t) => format!("added, `{t}`"),
                        None => "added".to_owned(),
                    },
                ),
                Pair::Removed((n, _)) => {
                    out.push(Level::Major, format!("{enum_name}::{n}"), "removed".to_owned())
                }
                Pair::Both((n, x), (_, y)) if x != y => out.push(
                    Level::Major,
                    format!("{enum_name}::{n}"),
                    retyped(x.as_deref().unwrap_or("()"), y.as_deref().unwrap_or("()")),
                ),
                Pair::Both(..) => {}
            }
        }
        match (oa, ob) {
            (true, false) => out.push(Level::Major, format!("{enum_name}::Other"), "removed".to_owned()),
            (false, true) => out.push(Level::Minor, format!("{enum_name}::Other"), "added".to_owned()),
            _ => {}
        }
    }
    if a.meta != b.meta {
        let shown = |m: &Option<String>| m.as_deref().map_or("none".to_owned(), |t| format!("`{t}`"));
        out.push(Level::Major, item.clone(), format!("meta {} (was {})", shown(&b.meta), shown(&a.meta)));
    }
    if a.auth != b.auth {
        let words = |s: &str| match s {
            "none" => "no credentials".to_owned(),
            "partner" => "the partner token".to_owned(),
            "partner_user" => "the partner and user tokens".to_owned(),
            schemes => format!("the credentials of {schemes}"),
        };
        // Asking for more, or for other credentials, breaks callers that
        // hold only what was asked before; asking for less does not.
        let fewer = b.auth == "none" || (a.auth == "partner_user" && b.auth == "partner");
        let level = if fewer { Level::Patch } else { Level::Major };
        out.push(level, item.clone(), format!("sends {} (was {})", words(&b.auth), words(&a.auth)));
    }
    let stream = format!("Api::{}_stream", plain(&b.method));
    match (&a.stream, &b.stream) {
        (None, Some(t)) => out.push(Level::Minor, stream, format!("added, items `{t}`")),
        (Some(_), None) => out.push(Level::Major, stream, "removed".to_owned()),
        (Some(x), Some(y)) if x != y => out.push(Level::Major, stream, format!("items {}", retyped(x, y))),
        _ => {}
    }
    if a.errors != b.errors {
        out.push(
            Level::Patch,
            item.clone(),
            format!("documented error statuses {:?} -> {:?}", a.errors, b.errors),
        );
    }
    if a.server != b.server {
        out.push(Level::Patch, item, format!("server {} -> {}", opt(&a.server), opt(&b.server)));
    }
}

/// The methods that send an operation's body in other media types: new
/// ones are additions, removed or retyped ones break their callers.
fn alternatives(a: &[AlternativeItem], b: &[AlternativeItem], out: &mut Changes) {
    for pair in pairs(a, b, |m| m.method.clone()) {
        match pair {
            Pair::Added(m) => out.push(
                Level::Minor,
                api(&m.method),
                format!("added, sends the body as `{}` (`{}`)", m.body.1, m.body.0),
            ),
            Pair::Removed(m) => {
                out.push(Level::Major, api(&m.method), format!("removed (sent the body as `{}`)", m.body.1))
            }
            Pair::Both(x, y) if x.body.0 != y.body.0 => {
                out.push(Level::Major, api(&y.method), format!("body {}", retyped(&x.body.0, &y.body.0)))
            }
            Pair::Both(x, y) if x.body.1 != y.body.1 => out.push(
                Level::Patch,
                api(&y.method),
                format!("body sent as `{}` (was `{}`)", y.body.1, x.body.1),
            ),
            Pair::Both(..) => {}
        }
    }
}

fn params(a: Option<&ParamsItem>, b: Option<&ParamsItem>, item: &str, out: &mut Changes) {
    let (a, b) = match (a, b) {
        (None, None) => return,
        (None, Some(p)) => {
            let what = format!("takes `params: &{}` ({})", p.name, list(&p.fields));
            return out.push(Level::Major, item.to_owned(), what);
        }
        (Some(p), None) => {
            return out.push(Level::Major, item.to_owned(), format!("no longer takes `params: &{}`", p.name));
        }
        (Some(a), Some(b)) => (a, b),
    };
    if a.name != b.name {
        out.push(Level::Major, item.to_owned(), format!("parameters struct `{}` -> `{}`", a.name, b.name));
    }
    for pair in pairs(&a.fields, &b.fields, |p| p.field.name.clone()) {
        match pair {
            Pair::Added(p) if p.field.required => out.push(
                Level::Major,
                item.to_owned(),
                format!(
                    "{} parameter `{}: {}` added, required by `{}::new`",
                    p.location, p.field.name, p.field.ty, b.name
                ),
            ),
            Pair::Added(p) => out.push(
                Level::Minor,
                item.to_owned(),
                format!("{} parameter `{}: {}` added", p.location, p.field.name, p.field.ty),
            ),
            Pair::Removed(p) => out.push(
                Level::Major,
                item.to_owned(),
                format!("{} parameter `{}` removed", p.location, p.field.name),
            ),
            Pair::Both(x, y) => {
                let mut inner = Changes(Vec::new());
                field(&x.field, &y.field, "", &mut inner);
                for c in inner.0 {
                    let what = format!("{} parameter `{}`{}", y.location, y.field.name, joined(&c.what));
                    out.push(c.level, item.to_owned(), what);
                }
                if x.location != y.location {
                    out.push(
                        Level::Patch,
                        item.to_owned(),
                        format!(
                            "parameter `{}` sent in the {} (was the {})",
                            y.field.name, y.location, x.location
                        ),
                    );
                }
            }
        }
    }
}

fn list(fields: &[ParamItem]) -> String {
    fields
        .iter()
        .map(|p| format!("{} `{}: {}`", p.location, p.field.name, p.field.ty))
        .collect::<Vec<_>>()
        .join(", ")
}

fn webhook(a: &WebhookItem, b: &WebhookItem, item: &str, out: &mut Changes) {
    if a.ty != b.ty {
        out.push(Level::Major, item.to_owned(), retyped(&a.ty, &b.ty));
    }
    if a.name != b.name || a.tag != b.tag {
        let tag = |w: &WebhookItem| match &w.tag {
            Some((p, v)) => format!("`{}` (`{p}` in `{}`)", w.name, v.join("`, `")),
            None => format!("`{}`", w.name),
        };
        out.push(Level::Patch, item.to_owned(), format!("recognised as {} (was {})", tag(b), tag(a)));
    }
    docs(&a.docs, &b.docs, item, out);
}
