//! Where the nodes of a converted document came from. A Swagger 2.0
//! description is rewritten into OpenAPI 3.0 before anything reads it, so a
//! pointer into the rewritten document (`/components/schemas/Pet`) has to be
//! turned back into one into the file the user wrote (`/definitions/Pet`).

use std::collections::HashMap;

use crate::diagnostics::Diagnostic;

/// Converted pointer -> original pointer, for each node that moved. A node
/// below a moved one moved with it: its original is the moved ancestor's
/// original plus the rest of the path. Nodes under no moved ancestor kept
/// their place. Empty for a document that was not converted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins {
    moved: HashMap<String, String>,
}

impl Origins {
    /// Whether nothing moved (the document was read as written).
    pub fn is_empty(&self) -> bool {
        self.moved.is_empty()
    }

    /// Records that the node now at `converted` was written at `original`.
    pub(crate) fn record(&mut self, converted: impl Into<String>, original: impl Into<String>) {
        self.moved.insert(converted.into(), original.into());
    }

    /// The pointer in the original document of the node at `pointer` in the
    /// converted one.
    pub fn original(&self, pointer: &str) -> String {
        if self.moved.is_empty() {
            return pointer.to_owned();
        }
        let mut prefix = pointer;
        loop {
            if let Some(original) = self.moved.get(prefix) {
                return format!("{original}{}", &pointer[prefix.len()..]);
            }
            match prefix.rfind('/') {
                Some(at) if at > 0 => prefix = &prefix[..at],
                _ => return pointer.to_owned(),
            }
        }
    }

    /// Points each diagnostic at the original document.
    pub fn relocate(&self, diagnostics: &mut [Diagnostic]) {
        if self.moved.is_empty() {
            return;
        }
        for d in diagnostics {
            d.pointer = self.original(&d.pointer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_moved_ancestor_wins() {
        let mut o = Origins::default();
        o.record("/components/schemas", "/definitions");
        o.record("/paths/~1a/get/parameters/0", "/paths/~1a/get/parameters/1");
        o.record("/paths/~1a/get/parameters/0/schema", "/paths/~1a/get/parameters/1");
        assert_eq!(o.original("/components/schemas/Pet/properties/id"), "/definitions/Pet/properties/id");
        assert_eq!(o.original("/paths/~1a/get/parameters/0"), "/paths/~1a/get/parameters/1");
        assert_eq!(
            o.original("/paths/~1a/get/parameters/0/schema/items"),
            "/paths/~1a/get/parameters/1/items"
        );
        assert_eq!(o.original("/paths/~1a/get/responses/200"), "/paths/~1a/get/responses/200");
        // A token that merely starts like a moved one is not below it.
        assert_eq!(o.original("/components/schemasX"), "/components/schemasX");
        assert_eq!(o.original(""), "");
    }
}
