//! The reviewed names file beside a spec (`spec/<api>/names.json`): a Rust
//! name for a schema, by JSON pointer, where inference names it wrongly.

use serde::Deserialize;

/// One reviewed name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameEntry {
    /// JSON pointer of the schema in the spec.
    pub pointer: String,
    /// The Rust type name it gets.
    pub name: String,
    /// Why inference gets it wrong; required.
    pub reason: String,
}

/// Why a names file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NamesError {
    #[error("not a list of names: {0}")]
    Parse(String),
    #[error("name {index} ({pointer}): {message}")]
    Invalid { index: usize, pointer: String, message: String },
}

/// Parses a names file (a JSON array), checking each entry has a reason,
/// a usable type name and a pointer of its own.
pub fn parse(text: &str) -> Result<Vec<NameEntry>, NamesError> {
    let list: Vec<NameEntry> = serde_json::from_str(text).map_err(|e| NamesError::Parse(e.to_string()))?;
    for (i, e) in list.iter().enumerate() {
        let invalid = |message: &str| NamesError::Invalid {
            index: i + 1,
            pointer: e.pointer.clone(),
            message: message.to_owned(),
        };
        if e.reason.trim().is_empty() {
            return Err(invalid("has no reason"));
        }
        if super::type_name(&e.name) != e.name {
            return Err(invalid(&format!("`{}` is not an UpperCamelCase type name", e.name)));
        }
        if e.name.len() > super::MAX_TYPE_NAME {
            return Err(invalid(&format!("`{}` is longer than {} characters", e.name, super::MAX_TYPE_NAME)));
        }
        if list[..i].iter().any(|o| o.pointer == e.pointer) {
            return Err(invalid("the pointer is named twice"));
        }
        if list[..i].iter().any(|o| o.name == e.name) {
            return Err(invalid(&format!("`{}` is given twice", e.name)));
        }
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_need_a_reason_and_a_type_name() {
        let ok = r#"[{"pointer": "/components/schemas/a", "name": "Tariff", "reason": "r"}]"#;
        assert_eq!(parse(ok).unwrap()[0].name, "Tariff");
        let no_reason = r#"[{"pointer": "/a", "name": "Tariff", "reason": " "}]"#;
        assert!(parse(no_reason).unwrap_err().to_string().contains("no reason"));
        let snake = r#"[{"pointer": "/a", "name": "tariff_x", "reason": "r"}]"#;
        assert!(parse(snake).unwrap_err().to_string().contains("UpperCamelCase"));
        let twice = r#"[{"pointer": "/a", "name": "A", "reason": "r"}, {"pointer": "/b", "name": "A", "reason": "r"}]"#;
        assert!(parse(twice).unwrap_err().to_string().contains("given twice"));
        assert!(matches!(parse("{}"), Err(NamesError::Parse(_))));
    }
}
