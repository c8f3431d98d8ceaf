//! Findings about a spec that do not stop generation: what was repaired,
//! downgraded or skipped, each with the JSON pointer of the node.

use std::fmt;

/// How much a finding matters to a user of the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Informational: something was normalised (3.1 -> 3.0 rewrites).
    Note,
    /// Something in the spec is wrong or unsupported and was worked around.
    Warning,
}

/// One finding, located by a JSON pointer into the source document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub pointer: String,
    pub message: String,
}

impl Diagnostic {
    pub fn note(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Note, pointer: pointer.into(), message: message.into() }
    }
    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, pointer: pointer.into(), message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}: {}", self.pointer, self.message)
    }
}

/// Escapes one reference token for a JSON pointer (RFC 6901).
pub fn escape_pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one reference token of a JSON pointer (RFC 6901).
pub fn unescape_pointer(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Appends a token to a JSON pointer.
pub fn child(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", escape_pointer(token))
}
