//! What changed between two versions of a spec, at the level a client user
//! cares about: operations, schemas, webhooks; a text diff of a
//! 200 KB JSON file says little.

use indexmap::IndexMap;
use serde_json::Value;

/// Keys of a path item that hold operations.
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Added, removed and changed entries of one kind, each by its label.
#[derive(Debug, Default)]
pub struct Changes {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<String>,
}

impl Changes {
    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// Compares two keyed maps of (label, JSON) entries.
    fn between(old: &IndexMap<String, (String, Value)>, new: &IndexMap<String, (String, Value)>) -> Changes {
        let mut out = Changes::default();
        for (key, (label, value)) in new {
            match old.get(key) {
                None => out.added.push(label.clone()),
                Some((_, before)) if before != value => out.changed.push(label.clone()),
                Some(_) => {}
            }
        }
        out.removed =
            old.iter().filter(|(k, _)| !new.contains_key(*k)).map(|(_, (l, _))| l.clone()).collect();
        out
    }
}

#[derive(Debug, Default)]
pub struct Summary {
    pub operations: Changes,
    pub schemas: Changes,
    pub webhooks: Changes,
    /// Other top-level sections (or `components.*` maps) that differ.
    pub other: Vec<String>,
}

/// Compares two parsed documents.
pub fn compare(old: &Value, new: &Value) -> Summary {
    let mut other = Vec::new();
    for key in union_keys(old, new) {
        if !matches!(key.as_str(), "paths" | "components" | "webhooks" | "definitions")
            && old.get(&key) != new.get(&key)
        {
            other.push(key);
        }
    }
    let (old_components, new_components) = (old.get("components"), new.get("components"));
    for key in union_keys(old_components.unwrap_or(&Value::Null), new_components.unwrap_or(&Value::Null)) {
        let pick = |c: Option<&Value>| c.and_then(|c| c.get(&key)).cloned();
        if key != "schemas" && pick(old_components) != pick(new_components) {
            other.push(format!("components.{key}"));
        }
    }
    Summary {
        operations: Changes::between(&operations(old), &operations(new)),
        schemas: Changes::between(&schemas(old), &schemas(new)),
        webhooks: Changes::between(&named(old, &["webhooks"]), &named(new, &["webhooks"])),
        other,
    }
}

impl Summary {
    /// Indented lines: a count line per kind, then `+`, `-` and `~` entries.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (kind, changes) in
            [("operations", &self.operations), ("schemas", &self.schemas), ("webhooks", &self.webhooks)]
        {
            if changes.is_empty() {
                continue;
            }
            let counts =
                [("added", &changes.added), ("removed", &changes.removed), ("changed", &changes.changed)]
                    .iter()
                    .filter(|(_, list)| !list.is_empty())
                    .map(|(word, list)| format!("{} {word}", list.len()))
                    .collect::<Vec<_>>()
                    .join(", ");
            out.push_str(&format!("  {kind}: {counts}\n"));
            for (mark, list) in [('+', &changes.added), ('-', &changes.removed), ('~', &changes.changed)] {
                for label in list {
                    out.push_str(&format!("    {mark} {label}\n"));
                }
            }
        }
        if !self.other.is_empty() {
            out.push_str(&format!("  other sections changed: {}\n", self.other.join(", ")));
        }
        if out.is_empty() {
            out.push_str("  no change to the document's content (formatting only)\n");
        }
        out
    }
}

/// Every operation keyed by `METHOD /path`, labelled with its operationId.
/// Path-level parameters belong to each operation under the path, so a
/// change there marks them all as changed.
fn operations(doc: &Value) -> IndexMap<String, (String, Value)> {
    let mut out = IndexMap::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return out;
    };
    for (path, item) in paths {
        let shared = item.get("parameters").cloned().unwrap_or(Value::Null);
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let key = format!("{} {path}", method.to_ascii_uppercase());
            let label = match op.get("operationId").and_then(Value::as_str) {
                Some(id) => format!("{key} ({id})"),
                None => key.clone(),
            };
            out.insert(key, (label, Value::Array(vec![op.clone(), shared.clone()])));
        }
    }
    out
}

/// Component schemas, or a Swagger 2.0 document's `definitions`.
fn schemas(doc: &Value) -> IndexMap<String, (String, Value)> {
    let mut out = named(doc, &["components", "schemas"]);
    out.extend(named(doc, &["definitions"]));
    out
}

/// The entries of the object at `pointer`, labelled by name.
fn named(doc: &Value, pointer: &[&str]) -> IndexMap<String, (String, Value)> {
    let mut node = Some(doc);
    for key in pointer {
        node = node.and_then(|n| n.get(*key));
    }
    node.and_then(Value::as_object)
        .map(|map| map.iter().map(|(k, v)| (k.clone(), (k.clone(), v.clone()))).collect())
        .unwrap_or_default()
}

/// Keys of two objects, in first-seen order.
fn union_keys(a: &Value, b: &Value) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for obj in [a, b].into_iter().filter_map(Value::as_object) {
        for key in obj.keys() {
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {
                "/a": {"get": {"operationId": "getA"}, "post": {"operationId": "postA"}},
                "/b/{id}": {"parameters": [{"name": "id"}], "delete": {}}
            },
            "components": {"schemas": {"A": {"type": "string"}, "B": {"type": "integer"}}},
            "webhooks": {"created": {"post": {}}}
        })
    }

    #[test]
    fn identical_documents_have_no_changes() {
        let text = compare(&doc(), &doc()).render();
        assert_eq!(text, "  no change to the document's content (formatting only)\n");
    }

    #[test]
    fn names_what_was_added_removed_and_changed() {
        let mut new = doc();
        new["paths"]["/a"].as_object_mut().unwrap().remove("post");
        new["paths"]["/c"] = json!({"put": {"operationId": "putC"}});
        new["paths"]["/b/{id}"]["parameters"] = json!([{"name": "id", "required": true}]);
        new["components"]["schemas"]["C"] = json!({});
        new["components"]["schemas"]["A"] = json!({"type": "number"});
        new["components"]["schemas"].as_object_mut().unwrap().remove("B");
        new["webhooks"] = json!({"deleted": {"post": {}}});
        new["info"]["version"] = json!("2");
        let text = compare(&doc(), &new).render();
        let expected = "  operations: 1 added, 1 removed, 1 changed
    + PUT /c (putC)
    - POST /a (postA)
    ~ DELETE /b/{id}
  schemas: 1 added, 1 removed, 1 changed
    + C
    - B
    ~ A
  webhooks: 1 added, 1 removed
    + deleted
    - created
  other sections changed: info
";
        assert_eq!(text, expected);
    }
}
