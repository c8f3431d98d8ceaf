//! The spec's security schemes, whatever they are: a bearer token, HTTP
//! basic, or an API key in a header, the query or a cookie. The client
//! holds credentials by scheme name; an operation lists the schemes it
//! accepts, and the first alternative whose credentials the client holds
//! is sent.

use std::fmt;

use base64::Engine;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION, COOKIE};

use crate::auth::{header_value as sensitive, is_blank, Secret};
use crate::Error;

/// One security scheme of the spec, as generated code describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheme {
    /// Its name under `components.securitySchemes`: the name a client's
    /// credential is set under.
    pub name: &'static str,
    /// How its credential goes on a request.
    pub kind: SchemeKind,
}

/// How a scheme's credential goes on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>` (HTTP bearer, OAuth 2, OpenID Connect).
    Bearer,
    /// `Authorization: Basic <base64 of user:password>`.
    Basic,
    /// An API key in a header: `<name>: <prefix><key>`.
    Header {
        /// The header's name.
        name: &'static str,
        /// What goes before the key (`"Token "`), often nothing.
        prefix: &'static str,
    },
    /// An API key as a query parameter.
    Query {
        /// The parameter's name.
        name: &'static str,
    },
    /// An API key in a cookie.
    Cookie {
        /// The cookie's name.
        name: &'static str,
    },
}

impl Scheme {
    /// A bearer token scheme.
    pub const fn bearer(name: &'static str) -> Self {
        Self { name, kind: SchemeKind::Bearer }
    }

    /// An HTTP basic scheme.
    pub const fn basic(name: &'static str) -> Self {
        Self { name, kind: SchemeKind::Basic }
    }

    /// An API key in the header `header`, after `prefix`.
    pub const fn header(name: &'static str, header: &'static str, prefix: &'static str) -> Self {
        Self { name, kind: SchemeKind::Header { name: header, prefix } }
    }

    /// An API key in the query parameter `param`.
    pub const fn query(name: &'static str, param: &'static str) -> Self {
        Self { name, kind: SchemeKind::Query { name: param } }
    }

    /// An API key in the cookie `cookie`.
    pub const fn cookie(name: &'static str, cookie: &'static str) -> Self {
        Self { name, kind: SchemeKind::Cookie { name: cookie } }
    }
}

/// A credential as set on the builder.
#[derive(Clone)]
enum Value {
    Token(Secret),
    Basic { user: Secret, password: Secret },
}

/// A client's credentials by scheme name. Prints names only.
#[derive(Clone, Default)]
pub(crate) struct Credentials {
    entries: Vec<(String, Value)>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.entries.iter().map(|(name, _)| (name, "<redacted>"))).finish()
    }
}

impl Credentials {
    pub(crate) fn set_token(&mut self, scheme: String, token: Secret) {
        self.set(scheme, Value::Token(token));
    }

    pub(crate) fn set_basic(&mut self, scheme: String, user: Secret, password: Secret) {
        self.set(scheme, Value::Basic { user, password });
    }

    fn set(&mut self, scheme: String, value: Value) {
        self.entries.retain(|(name, _)| *name != scheme);
        self.entries.push((scheme, value));
    }

    fn get(&self, scheme: &str) -> Option<&Value> {
        self.entries.iter().find(|(name, _)| name == scheme).map(|(_, value)| value)
    }

    /// Why the credentials cannot be sent, naming the scheme, never a value.
    pub(crate) fn check(&self) -> Result<(), String> {
        for (name, value) in &self.entries {
            let blank = match value {
                Value::Token(token) => is_blank(token),
                Value::Basic { user, .. } => is_blank(user),
            };
            if blank {
                return Err(format!("the credential of `{name}` is empty"));
            }
            if let Value::Basic { user, .. } = value {
                if user.expose().contains(':') {
                    return Err(format!("the basic-auth user of `{name}` contains `:`"));
                }
            }
        }
        Ok(())
    }
}

/// What an operation's security adds to a request. Its `Debug` shows the
/// names only.
#[derive(Default)]
pub(crate) struct Applied {
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) query: Vec<(&'static str, Secret)>,
}

impl fmt::Debug for Applied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Applied")
            .field("headers", &self.headers.iter().map(|(name, _)| name).collect::<Vec<_>>())
            .field("query", &self.query.iter().map(|(name, _)| name).collect::<Vec<_>>())
            .finish()
    }
}

/// The credentials of the first alternative the client can satisfy (an
/// empty alternative, meaning "none needed", only when no other can be);
/// `bearer` stands in for any bearer scheme without a credential of its own.
pub(crate) fn apply(
    alternatives: &[&[Scheme]],
    credentials: &Credentials,
    bearer: Option<&Secret>,
    operation_id: &'static str,
) -> Result<Applied, Error> {
    let bearer = bearer.filter(|t| !is_blank(t));
    let usable = |scheme: &Scheme| -> Option<Value> {
        let own = credentials.get(scheme.name).cloned();
        match (scheme.kind, own) {
            (SchemeKind::Basic, Some(basic @ Value::Basic { .. })) => Some(basic),
            (SchemeKind::Basic, _) => None,
            (_, Some(token @ Value::Token(_))) => Some(token),
            (SchemeKind::Bearer, _) => bearer.cloned().map(Value::Token),
            _ => None,
        }
    };
    let chosen = alternatives.iter().filter(|alt| !alt.is_empty()).find_map(|alt| {
        alt.iter().map(|scheme| usable(scheme).map(|value| (*scheme, value))).collect::<Option<Vec<_>>>()
    });
    let Some(chosen) = chosen else {
        if alternatives.iter().any(|alt| alt.is_empty()) || alternatives.is_empty() {
            return Ok(Applied::default());
        }
        let wanted: Vec<String> = alternatives
            .iter()
            .map(|alt| alt.iter().map(|s| format!("`{}`", s.name)).collect::<Vec<_>>().join(" and "))
            .collect();
        return Err(Error::MissingCredentials { operation_id, schemes: wanted.join(" or ") });
    };
    let invalid = |name: &str| Error::InvalidHeader { operation_id, name: name.to_owned() };
    let mut applied = Applied::default();
    // Header texts by name, in order: schemes of one requirement that share
    // a header (YCLIENTS' `bearer` and `user` keys, both `Authorization`)
    // send one field, their values joined as a list (`Bearer P, User U`),
    // as RFC 9110 combines repeated fields; a second field would replace
    // or be ignored.
    let mut headers: Vec<(HeaderName, String)> = Vec::new();
    let mut add = |header: HeaderName, text: String| match headers.iter_mut().find(|(n, _)| *n == header) {
        Some((_, existing)) => {
            existing.push_str(", ");
            existing.push_str(&text);
        }
        None => headers.push((header, text)),
    };
    let mut cookies = Vec::new();
    for (scheme, value) in chosen {
        match (scheme.kind, value) {
            (SchemeKind::Basic, Value::Basic { user, password }) => {
                let pair = format!("{}:{}", user.expose(), password.expose());
                add(
                    AUTHORIZATION,
                    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair)),
                );
            }
            (SchemeKind::Bearer, Value::Token(token)) => {
                add(AUTHORIZATION, format!("Bearer {}", token.expose()))
            }
            (SchemeKind::Header { name, prefix }, Value::Token(token)) => {
                let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid(name))?;
                add(header, format!("{prefix}{}", token.expose()));
            }
            (SchemeKind::Query { name }, Value::Token(token)) => applied.query.push((name, token)),
            (SchemeKind::Cookie { name }, Value::Token(token)) => {
                cookies.push(format!("{name}={}", token.expose()));
            }
            // `usable` pairs basic schemes with basic values only.
            _ => {}
        }
    }
    if !cookies.is_empty() {
        add(COOKIE, cookies.join("; "));
    }
    for (name, text) in headers {
        let value = sensitive(text).ok_or_else(|| invalid(name.as_str()))?;
        applied.headers.push((name, value));
    }
    Ok(applied)
}

#[cfg(test)]
mod tests;
