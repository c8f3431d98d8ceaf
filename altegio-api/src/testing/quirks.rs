//! Quirk mutations: what the real server does to a documented example,
//! one change at a time, at every place it applies.

use serde_json::{Number, Value};

use crate::{DateTime, DateTimeValue};

/// One change to a JSON document.
#[derive(Debug, Clone)]
pub struct Mutation {
    /// Where the change is (a JSON pointer).
    pub pointer: String,
    /// What was done, for failure messages.
    pub quirk: &'static str,
    /// The whole document with the change.
    pub document: Value,
    /// Whether the decoded value must equal the original's everywhere,
    /// the changed place included (the change loses nothing).
    pub lossless: bool,
}

/// "No date" as Altegio writes it.
const SENTINELS: &[&str] = &["", "0000-00-00", "0000-00-00 00:00:00", "1970-01-01"];

/// Every single-quirk mutation of `root`.
pub fn mutations(root: &Value) -> Vec<Mutation> {
    let mut out = Vec::new();
    walk(root, root, &mut String::new(), None, &mut out);
    out
}

fn walk(root: &Value, node: &Value, at: &mut String, key: Option<&str>, out: &mut Vec<Mutation>) {
    let mut push = |quirk: &'static str, replacement: Value, lossless: bool| {
        let mut document = root.clone();
        if let Some(slot) = document.pointer_mut(at) {
            *slot = replacement;
            out.push(Mutation { pointer: at.clone(), quirk, document, lossless });
        }
    };
    if !at.is_empty() {
        match node {
            Value::Object(_) => {
                push("object as []", Value::Array(Vec::new()), false);
                push("object as {}", Value::Object(Default::default()), false);
                push("object as null", Value::Null, false);
            }
            Value::String(s) => {
                if let Some(n) = numeric(s) {
                    push("numeric string as a number", Value::Number(n), true);
                }
                for (quirk, form) in date_forms(s) {
                    push(quirk, Value::String(form), false);
                }
            }
            Value::Number(n) => {
                push("number as a string", Value::String(n.to_string()), true);
                if let Some(float) =
                    n.as_i64().and_then(|i| Number::from_f64(i as f64)).filter(|_| n.is_i64())
                {
                    push("integer as a float", Value::Number(float), true);
                }
            }
            _ => {}
        }
        if key.is_some() && !node.is_null() {
            push("value as null", Value::Null, false);
        }
        if key == Some("data") {
            match node {
                Value::Object(_) => push("data object in an array", Value::Array(vec![node.clone()]), true),
                // An empty item is PHP's "none", not data to keep.
                Value::Array(items) if items.len() == 1 && !is_empty(&items[0]) => {
                    push("data array as its item", items[0].clone(), true)
                }
                _ => {}
            }
        }
    }
    match node {
        Value::Object(members) => {
            for (k, v) in members {
                let len = at.len();
                at.push('/');
                at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                walk(root, v, at, Some(k), out);
                at.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let len = at.len();
                at.push('/');
                at.push_str(&i.to_string());
                walk(root, v, at, None, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Object(m) => m.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Null => true,
        _ => false,
    }
}

/// A string that is exactly a JSON number's text (`"13155550175"`).
fn numeric(s: &str) -> Option<Number> {
    let n: Number = serde_json::from_str(s).ok()?;
    (n.to_string() == s).then_some(n)
}

/// The other forms of a date in `s`, and the ways to say "no date".
fn date_forms(s: &str) -> Vec<(&'static str, String)> {
    let parsed = DateTime::parse(s);
    let naive = match parsed.value() {
        DateTimeValue::Naive(t) => t,
        DateTimeValue::Offset(t) => t.naive_local(),
        DateTimeValue::Date(d) => d.and_time(chrono::NaiveTime::MIN),
        _ => return Vec::new(),
    };
    let forms = [
        ("date as company-local time", naive.format("%Y-%m-%d %H:%M:%S").to_string()),
        ("date with an offset", naive.format("%Y-%m-%dT%H:%M:%S+05:00").to_string()),
        ("date with a colon-less offset", naive.format("%Y-%m-%dT%H:%M:%S+0500").to_string()),
        ("date alone", naive.format("%Y-%m-%d").to_string()),
    ];
    let mut out: Vec<(&'static str, String)> = forms.into_iter().filter(|(_, f)| f != s).collect();
    out.extend(SENTINELS.iter().map(|z| ("date as no date", (*z).to_owned())));
    out
}

/// The first place where `a` and `b` differ, outside `skip` (a pointer
/// whose subtree may differ): `None` when they agree.
pub fn difference(a: &Value, b: &Value, skip: Option<&str>, at: &mut String) -> Option<String> {
    if skip == Some(at.as_str()) {
        return None;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys()) {
                let len = at.len();
                at.push('/');
                at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                // A member gone because the change emptied it: compare with `{}`.
                let empty = Value::Object(Default::default());
                let inside = skip.is_some_and(|s| s.starts_with(&format!("{at}/")));
                let found = match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => difference(p, q, skip, at),
                    _ if skip == Some(at.as_str()) => None,
                    (Some(p), None) if inside => difference(p, &empty, skip, at),
                    (None, Some(q)) if inside => difference(&empty, q, skip, at),
                    _ => Some(at.clone()),
                };
                at.truncate(len);
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                let len = at.len();
                at.push('/');
                at.push_str(&i.to_string());
                let found = difference(p, q, skip, at);
                at.truncate(len);
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        _ if a == b => None,
        _ => Some(at.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn quirks_at_every_place() {
        let doc = json!({"data": {"phone": "13155550175", "id": 5, "at": "2026-04-20 18:30:00"}});
        let all = mutations(&doc);
        let at = |p: &str, q: &str| {
            all.iter().find(|m| m.pointer == p && m.quirk == q).map(|m| m.document.clone())
        };
        assert_eq!(
            at("/data/phone", "numeric string as a number").unwrap()["data"]["phone"],
            json!(13155550175u64)
        );
        assert_eq!(at("/data/id", "integer as a float").unwrap()["data"]["id"], json!(5.0));
        assert_eq!(at("/data/id", "number as a string").unwrap()["data"]["id"], json!("5"));
        assert_eq!(at("/data", "object as []").unwrap()["data"], json!([]));
        assert!(at("/data", "data object in an array").unwrap()["data"].is_array());
        let dates: Vec<_> = all
            .iter()
            .filter(|m| m.pointer == "/data/at")
            .map(|m| m.document["data"]["at"].clone())
            .collect();
        assert!(dates.contains(&json!("2026-04-20T18:30:00+0500")));
        assert!(dates.contains(&json!("0000-00-00")));
        assert!(at("", "object as []").is_none(), "the root itself is not mutated");
    }

    #[test]
    fn differences_and_paths() {
        let a = json!({"x": 1, "y": [1, {"z": 2}]});
        assert_eq!(difference(&a, &a, None, &mut String::new()), None);
        let b = json!({"x": 1, "y": [1, {"z": 3}]});
        assert_eq!(difference(&a, &b, None, &mut String::new()).as_deref(), Some("/y/1/z"));
        assert_eq!(difference(&a, &b, Some("/y/1"), &mut String::new()), None);
        let c = json!({"y": [1, {"z": 2}]});
        assert_eq!(difference(&a, &c, Some("/x"), &mut String::new()), None);
    }
}
