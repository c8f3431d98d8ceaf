//! Finding what a typed body left out of the JSON it came from.

use serde_json::Value;

/// Appends to `out` the JSON pointer of every member of `raw` that `typed`
/// (the decoded body encoded again) does not have. Arrays are compared
/// item by item; a member whose value changed type (a number read as a
/// string) is not reported, only members that are gone.
pub(crate) fn missing_members(raw: &Value, typed: &Value, at: &mut String, out: &mut Vec<String>) {
    match (raw, typed) {
        (Value::Object(raw), Value::Object(typed)) => {
            for (key, value) in raw {
                let len = at.len();
                at.push('/');
                at.push_str(&key.replace('~', "~0").replace('/', "~1"));
                match typed.get(key) {
                    Some(t) => missing_members(value, t, at, out),
                    // An empty value that decoded as absent is not data lost.
                    None if !is_empty(value) => out.push(at.clone()),
                    None => {}
                }
                at.truncate(len);
            }
        }
        (Value::Array(raw), Value::Array(typed)) => {
            for (i, (r, t)) in raw.iter().zip(typed).enumerate() {
                let len = at.len();
                at.push('/');
                at.push_str(&i.to_string());
                missing_members(r, t, at, out);
                at.truncate(len);
            }
        }
        // `data` sent as one object where a list is documented, and the
        // other way round.
        (Value::Object(_), Value::Array(typed)) if typed.len() == 1 => {
            missing_members(raw, &typed[0], at, out)
        }
        (Value::Array(raw), _) if raw.len() == 1 => missing_members(&raw[0], typed, at, out),
        _ => {}
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty() || crate::date_time::is_sentinel(s),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    fn missing(raw: serde_json::Value, typed: serde_json::Value) -> Vec<String> {
        let mut out = Vec::new();
        super::missing_members(&raw, &typed, &mut String::new(), &mut out);
        out
    }

    #[test]
    fn reports_members_the_types_dropped() {
        let raw = json!({"data": [{"id": 1, "phone": "1", "a/b": 2, "client": []}], "meta": {"count": 1}});
        let typed = json!({"data": [{"id": 1}], "meta": {}});
        assert_eq!(missing(raw, typed), ["/data/0/phone", "/data/0/a~1b", "/meta/count"]);
        assert!(missing(json!({"id": "5"}), json!({"id": 5})).is_empty());
        assert_eq!(missing(json!({"data": {"id": 1, "x": 2}}), json!({"data": [{"id": 1}]})), ["/data/x"]);
    }
}
