//! Every identifier decision in one place: case conversion, keywords,
//! leading digits, characters Rust does not allow, and collisions.

use std::collections::BTreeSet;

pub mod file;
pub mod stats;
pub mod types;
pub mod words;

#[cfg(test)]
mod spec_tests;

pub use file::{NameEntry, NamesError};

/// The longest type name inference may give; the names file may not
/// exceed it either.
pub const MAX_TYPE_NAME: usize = 40;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (all editions) that cannot be identifiers as they are.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try", "union",
];
/// Keywords that cannot be raw identifiers either.
const NON_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];
/// Type names the generated code uses unqualified; a schema may not take them.
pub(crate) const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Serialize",
    "Deserialize",
    "Value",
    "Map",
    "Client",
    "Error",
    "ApiResponse",
    "Request",
    "Self",
    "Send",
    "Sync",
    "Sized",
    "From",
    "Into",
    "Iterator",
    "ToString",
    "Fn",
    // Names the generated client and webhook modules define or import.
    "Api",
    "Auth",
    "Method",
    "WebhookEvent",
];

/// Splits into words on anything that is not alphanumeric, keeping ASCII
/// letters and digits only (other scripts are transliterated to nothing).
fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut prev_sep = true;
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
            prev_sep = false;
        } else if !prev_sep {
            out.push('_');
            prev_sep = true;
        }
    }
    out.trim_matches('_').to_owned()
}

/// Whether a member holds a credential (`partner_token`, `password`,
/// `api_key`), whose value must stay out of `Debug` output.
pub fn is_secret(wire_name: &str) -> bool {
    let n = clean(wire_name).to_snake_case();
    matches!(n.as_str(), "token" | "password" | "secret" | "api_key" | "apikey" | "client_secret")
        || ["_token", "_password", "_secret", "_api_key"].iter().any(|s| n.ends_with(s))
}

/// `UpperCamelCase` type name for a schema or inline shape.
pub fn type_name(raw: &str) -> String {
    let mut name = clean(raw).to_upper_camel_case();
    if name.is_empty() {
        name = "Unnamed".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
        let is_status = digits.len() == 3 && matches!(digits.as_bytes()[0], b'1'..=b'5');
        name = format!("{}{name}", if is_status { "Status" } else { "N" });
    }
    if RESERVED_TYPES.contains(&name.as_str()) {
        name.push_str("Type");
    }
    name
}

/// `snake_case` name for a field, parameter or method. Returns the name and
/// whether it differs from `raw` (so a serde rename is needed).
pub fn field_name(raw: &str) -> String {
    let mut name = clean(raw).to_snake_case();
    if name.is_empty() {
        name = "value".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("n{name}");
    }
    escape_keyword(name)
}

/// `UpperCamelCase` enum variant for an enum value.
pub fn variant_name(raw: &str) -> String {
    let cleaned = clean(raw);
    if cleaned.is_empty() {
        return if raw.is_empty() { "Empty".into() } else { "Symbol".into() };
    }
    let mut name = cleaned.to_upper_camel_case();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("V{name}");
    }
    if name == "Self" {
        name = "SelfValue".into();
    }
    name
}

/// Methods a generated type has from its constructor and the traits it
/// implements: an inherent setter of the same name would shadow them
/// (`Type::default()` would find the setter first).
const TYPE_METHODS: &[&str] = &[
    "new",
    "default",
    "clone",
    "clone_from",
    "fmt",
    "eq",
    "ne",
    "hash",
    "serialize",
    "deserialize",
    "deserialize_tolerant",
    "empty",
    "from",
    "into",
    "to_string",
    "to_owned",
    "partial_cmp",
    "cmp",
];

/// The setter of an optional field: the field's name, with `_` appended
/// when that is a method the type already has.
pub fn setter_name(field: &str) -> String {
    let plain = field.strip_prefix("r#").unwrap_or(field);
    if TYPE_METHODS.contains(&plain) {
        format!("{plain}_")
    } else {
        field.to_owned()
    }
}

/// The page-stream method beside a paged operation's method.
pub fn stream_method_name(method: &str) -> String {
    format!("{}_stream", method.trim_start_matches("r#"))
}

/// The word a request media type goes by in the names of the method that
/// sends it and of its body type: `form`, `multipart`, `text`, `bytes`,
/// else the subtype without its `x-`/`vnd.` prefix (`text/csv` -> `csv`).
pub fn media_word(media_type: &str) -> String {
    let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let word = match essence.as_str() {
        "application/x-www-form-urlencoded" => "form".to_owned(),
        "multipart/form-data" | "form-data" => "multipart".to_owned(),
        "text/plain" => "text".to_owned(),
        "application/octet-stream" => "bytes".to_owned(),
        other => {
            let subtype = other.rsplit('/').next().unwrap_or(other);
            let subtype = subtype.split('+').next().unwrap_or(subtype);
            let subtype = subtype.trim_start_matches("x-").trim_start_matches("vnd.");
            clean(subtype).to_snake_case()
        }
    };
    if word.is_empty() || word.starts_with(|c: char| c.is_ascii_digit()) {
        format!("body{}", if word.is_empty() { String::new() } else { format!("_{word}") })
    } else {
        word
    }
}

/// The method that sends an operation's body as `media_type`, beside the
/// operation's own method (`create_pet` -> `create_pet_form`).
pub fn body_method_name(method: &str, media_type: &str) -> String {
    format!("{}_{}", method.trim_start_matches("r#"), media_word(media_type))
}

/// The role of an operation's body sent as `media_type` in its type's
/// name (`FormRequest`, as `Request` is the role of the default body).
pub fn media_body_role(media_type: &str) -> String {
    format!("{}Request", media_word(media_type).to_upper_camel_case())
}

/// The field holding a struct's undocumented members: a name none of its
/// documented fields has.
pub fn extra_field_name<'a>(fields: impl Iterator<Item = &'a str> + Clone) -> String {
    let mut name = "additional_properties".to_owned();
    while fields.clone().any(|f| f == name) {
        name.push('_');
    }
    name
}

/// A status's reason as a word (`NotFound` for 404), for telling apart
/// error shapes; `None` for statuses without a common one.
pub fn status_reason(code: u16) -> Option<&'static str> {
    Some(match code {
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        410 => "Gone",
        413 => "TooLarge",
        415 => "UnsupportedMedia",
        422 => "Unprocessable",
        429 => "TooManyRequests",
        500 => "ServerError",
        502 => "BadGateway",
        503 => "Unavailable",
        _ => return None,
    })
}

/// The variant of a success-response enum for a status (`Ok`, `Created`,
/// `Status299`), `Success` for the `2XX` range (`None`).
pub fn status_variant(code: Option<u16>) -> String {
    let named = match code {
        Some(200) => "Ok",
        Some(201) => "Created",
        Some(202) => "Accepted",
        Some(203) => "NonAuthoritativeInformation",
        Some(204) => "NoContent",
        Some(205) => "ResetContent",
        Some(206) => "PartialContent",
        Some(207) => "MultiStatus",
        Some(208) => "AlreadyReported",
        Some(226) => "ImUsed",
        Some(code) => return format!("Status{code}"),
        None => "Success",
    };
    named.to_owned()
}

/// Makes a keyword usable: raw identifier where allowed, else a suffix.
fn escape_keyword(name: String) -> String {
    if NON_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Hands out unique names within one namespace, deterministically: the
/// first comer keeps the name, later ones get `2`, `3`, ... appended.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves `name` (or a numbered variant of it) and returns what was reserved.
    pub fn claim(&mut self, name: &str) -> String {
        if self.taken.insert(name.to_owned()) {
            return name.to_owned();
        }
        let (base, raw) = match name.strip_prefix("r#") {
            Some(stripped) => (stripped, true),
            None => (name, false),
        };
        for n in 2.. {
            let candidate = format!("{base}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            if raw && n > 1_000_000 {
                break;
            }
        }
        unreachable!("an unbounded counter always finds a free name")
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets() {
        for name in
            ["partner_token", "user_token", "password", "api_key", "apiKey", "crmToken", "client_secret"]
        {
            assert!(is_secret(name), "{name}");
        }
        for name in ["token_count", "tokens", "key", "sort_key", "passwordless_login"] {
            assert!(!is_secret(name), "{name}");
        }
    }

    #[test]
    fn type_names() {
        assert_eq!(type_name("401_unauthorized_response"), "Status401UnauthorizedResponse");
        assert_eq!(type_name("companies_data_types"), "CompaniesDataTypes");
        assert_eq!(type_name("2fa-settings"), "N2faSettings");
        assert_eq!(type_name("Option"), "OptionType");
        assert_eq!(type_name("ключ"), "Unnamed");
        assert_eq!(type_name("simple-user"), "SimpleUser");
    }

    #[test]
    fn field_names() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("+1"), "n1");
        assert_eq!(field_name("@odata.type"), "odata_type");
        assert_eq!(field_name("firstName"), "first_name");
        assert_eq!(field_name("staff_ids[]"), "staff_ids");
    }

    #[test]
    fn variants() {
        assert_eq!(variant_name("incoming"), "Incoming");
        assert_eq!(variant_name("-1"), "V1");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("+"), "Symbol");
    }

    #[test]
    fn setters_do_not_shadow_type_methods() {
        assert_eq!(setter_name("default"), "default_");
        assert_eq!(setter_name("new"), "new_");
        assert_eq!(setter_name("clone"), "clone_");
        assert_eq!(setter_name("r#type"), "r#type");
        assert_eq!(setter_name("title"), "title");
        assert_eq!(extra_field_name(["a", "additional_properties"].into_iter()), "additional_properties_");
    }

    #[test]
    fn media_words() {
        assert_eq!(media_word("application/x-www-form-urlencoded"), "form");
        assert_eq!(media_word("Multipart/Form-Data; boundary=x"), "multipart");
        assert_eq!(media_word("text/plain; charset=utf-8"), "text");
        assert_eq!(media_word("application/octet-stream"), "bytes");
        assert_eq!(media_word("text/csv"), "csv");
        assert_eq!(media_word("text/x-markdown"), "markdown");
        assert_eq!(media_word("application/x-tar"), "tar");
        assert_eq!(media_word("application/vnd.api+json"), "api");
        assert_eq!(media_word("application/3gpp"), "body_3gpp");
        assert_eq!(media_word("weird"), "weird");
        assert_eq!(body_method_name("create_pet", "multipart/form-data"), "create_pet_multipart");
        assert_eq!(body_method_name("r#use", "text/csv"), "use_csv");
        assert_eq!(media_body_role("application/x-www-form-urlencoded"), "FormRequest");
        assert_eq!(media_body_role("text/x-markdown"), "MarkdownRequest");
    }

    #[test]
    fn namespace_is_deterministic() {
        let mut ns = Namespace::new();
        assert_eq!(ns.claim("Foo"), "Foo");
        assert_eq!(ns.claim("Foo"), "Foo2");
        assert_eq!(ns.claim("Foo"), "Foo3");
    }
}
