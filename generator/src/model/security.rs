//! An operation's `security` -> the credentials it sends: the spec's
//! schemes as they are, or, where the API's profile says so, the runtime's
//! partner/user composite (Altegio's `Bearer <partner>, User <user>`).

use std::collections::BTreeMap;

use openapiv3::{APIKeyLocation, ReferenceOr, SecurityRequirement, SecurityScheme};

use super::ir::{Auth, Scheme, SchemeKind};
use crate::diagnostics::{child, Diagnostic};
use crate::load::Document;
use crate::profile::Composite;

/// What an operation (at `pointer`) sends, from its requirements (its own
/// or the document's).
pub fn auth_of(
    requirements: Option<&Vec<SecurityRequirement>>,
    doc: &Document,
    composites: &BTreeMap<String, Composite>,
    pointer: &str,
    diags: &mut Vec<Diagnostic>,
) -> Auth {
    let Some(reqs) = requirements else { return Auth::None };
    if reqs.is_empty() {
        return Auth::None;
    }
    // The profile's composite, chosen by the first requirement's schemes.
    let composite = reqs[0].keys().filter_map(|name| composites.get(name)).max();
    match composite {
        Some(Composite::PartnerUser) => return Auth::PartnerUser,
        Some(Composite::Partner) => return Auth::Partner,
        None => {}
    }
    let schemes = doc.api.components.as_ref().map(|c| &c.security_schemes);
    let mut alternatives = Vec::new();
    for (i, req) in reqs.iter().enumerate() {
        let at = child(&child(pointer, "security"), &i.to_string());
        let alternative: Option<Vec<Scheme>> = req
            .keys()
            .map(|name| {
                let found = schemes.and_then(|s| s.get(name));
                let scheme = match found {
                    Some(ReferenceOr::Item(scheme)) => scheme_of(name, scheme),
                    _ => Err(format!("security scheme `{name}` is not in components.securitySchemes")),
                };
                scheme.map_err(|why| diags.push(Diagnostic::warning(&at, why))).ok()
            })
            .collect();
        if let Some(alternative) = alternative {
            if !alternatives.contains(&alternative) {
                alternatives.push(alternative);
            }
        }
    }
    if alternatives.is_empty() {
        diags.push(Diagnostic::warning(
            child(pointer, "security"),
            "no security requirement can be sent; the operation sends no credentials",
        ));
        return Auth::None;
    }
    if alternatives.iter().all(Vec::is_empty) {
        return Auth::None;
    }
    Auth::Schemes(alternatives)
}

/// One scheme, or why it cannot be sent.
pub(crate) fn scheme_of(name: &str, scheme: &SecurityScheme) -> Result<Scheme, String> {
    let kind = match scheme {
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => SchemeKind::Bearer,
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => SchemeKind::Basic,
        SecurityScheme::HTTP { scheme, .. } => {
            return Err(format!("HTTP `{scheme}` authentication (scheme `{name}`) is not supported"))
        }
        SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. } => SchemeKind::Bearer,
        SecurityScheme::APIKey { location, name: key, description, .. } => match location {
            APIKeyLocation::Header => SchemeKind::Header {
                name: key.clone(),
                prefix: documented_prefix(description.as_deref().unwrap_or_default()),
            },
            APIKeyLocation::Query => SchemeKind::Query { name: key.clone() },
            APIKeyLocation::Cookie => SchemeKind::Cookie { name: key.clone() },
        },
    };
    Ok(Scheme { name: name.to_owned(), kind })
}

/// The prefix a header key's description documents: the text before the
/// placeholder in `` `Token token=<API_KEY>` `` (or `{...}`), or the word
/// in "with the `Bearer` prefix". None otherwise.
pub fn documented_prefix(description: &str) -> String {
    let quoted: Vec<&str> = description.split('`').skip(1).step_by(2).collect();
    for text in &quoted {
        if let Some(at) = text.find(['<', '{']) {
            let closes = if text.as_bytes()[at] == b'<' { '>' } else { '}' };
            if at > 0 && text.ends_with(closes) && !text[..at].contains(['<', '{']) {
                return text[..at].to_owned();
            }
        }
    }
    let lower = description.to_ascii_lowercase();
    for (i, text) in quoted.iter().enumerate() {
        let word = !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        // The i-th quoted text follows the (2i+1)-th backtick.
        let after = description.split('`').nth(2 * i + 2).unwrap_or_default().to_ascii_lowercase();
        if word && after.trim_start().starts_with("prefix") && lower.contains("prefix") {
            return format!("{text} ");
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::documented_prefix;

    #[test]
    fn prefixes_as_specs_document_them() {
        assert_eq!(documented_prefix("The API Key with format `Token token=<API_KEY>`"), "Token token=");
        assert_eq!(
            documented_prefix(
                "Enter an application token with the `Bearer` prefix, e.g. `Bearer Axxxxxxxxxx`."
            ),
            "Bearer "
        );
        assert_eq!(documented_prefix("Send `Key {key}` in the header"), "Key ");
        assert_eq!(documented_prefix("Discord bot token"), "");
        assert_eq!(documented_prefix("`<API_KEY>` alone"), "");
        assert_eq!(documented_prefix("the `X-Key` header"), "");
    }
}
