//! Credentials: which ones an operation sends, and how they are kept out of
//! `Debug` output and error messages.

use std::fmt;
use std::sync::Arc;

use reqwest::header::HeaderValue;

use crate::Error;

/// Which credentials an operation sends, from its `security` in the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Auth {
    /// No `Authorization` header.
    #[default]
    None,
    /// `Authorization: Bearer <partner>`.
    Partner,
    /// `Authorization: Bearer <partner>, User <user>`.
    PartnerUser,
    /// The spec's own schemes: alternatives (the first whose credentials
    /// the client holds is sent), each a list of schemes sent together;
    /// an empty alternative means the operation may go without.
    Schemes(&'static [&'static [crate::security::Scheme]]),
}

/// A token; prints as `"<redacted>"`. Cheap to clone, since a client and its
/// `with_user_token` clones share it.
#[derive(Clone)]
pub(crate) struct Secret(Arc<str>);

impl Secret {
    pub(crate) fn new(token: impl Into<String>) -> Self {
        Secret(Arc::from(token.into()))
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

/// Whether a token is empty or only whitespace: no token at all.
pub(crate) fn is_blank(token: &Secret) -> bool {
    token.expose().trim().is_empty()
}

/// Whether a token can go in an `Authorization` header (no control characters).
pub(crate) fn is_valid(token: &Secret) -> bool {
    header_value(format!("Bearer {}", token.expose())).is_some()
}

/// The `Authorization` value `auth` needs, or why it cannot be made.
pub(crate) fn authorization(
    auth: Auth,
    partner: Option<&Secret>,
    user: Option<&Secret>,
    operation_id: &'static str,
) -> Result<Option<HeaderValue>, Error> {
    // A blank token (from `Client::with_user_token("")`, say) is none.
    let partner = partner.filter(|t| !is_blank(t));
    let user = user.filter(|t| !is_blank(t));
    let text = match auth {
        Auth::None | Auth::Schemes(_) => return Ok(None),
        Auth::Partner => {
            let partner = partner.ok_or(Error::MissingPartnerToken { operation_id })?;
            format!("Bearer {}", partner.expose())
        }
        Auth::PartnerUser => {
            let partner = partner.ok_or(Error::MissingPartnerToken { operation_id })?;
            let user = user.ok_or(Error::MissingUserToken { operation_id })?;
            format!("Bearer {}, User {}", partner.expose(), user.expose())
        }
    };
    header_value(text)
        .map(Some)
        .ok_or_else(|| Error::InvalidHeader { operation_id, name: "authorization".to_owned() })
}

/// A client's `Authorization` values, made once rather than on every call.
#[derive(Clone, Default)]
pub(crate) struct Prepared {
    partner: Option<HeaderValue>,
    partner_user: Option<HeaderValue>,
}

impl Prepared {
    pub(crate) fn new(partner: Option<&Secret>, user: Option<&Secret>) -> Self {
        let made = |auth| authorization(auth, partner, user, "").ok().flatten();
        Self { partner: made(Auth::Partner), partner_user: made(Auth::PartnerUser) }
    }

    /// The value `auth` needs. When none could be made in advance (a token
    /// is missing or invalid), [`authorization`] says why.
    pub(crate) fn get(
        &self,
        auth: Auth,
        partner: Option<&Secret>,
        user: Option<&Secret>,
        operation_id: &'static str,
    ) -> Result<Option<HeaderValue>, Error> {
        let ready = match auth {
            Auth::None | Auth::Schemes(_) => return Ok(None),
            Auth::Partner => &self.partner,
            Auth::PartnerUser => &self.partner_user,
        };
        match ready {
            Some(value) => Ok(Some(value.clone())),
            None => authorization(auth, partner, user, operation_id),
        }
    }
}

/// A sensitive header value: HTTP/2 will not index it and its `Debug` is hidden.
pub(crate) fn header_value(text: String) -> Option<HeaderValue> {
    let mut value = HeaderValue::try_from(text).ok()?;
    value.set_sensitive(true);
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_forms() {
        let p = Secret::new("P");
        let u = Secret::new("U");
        let partner = authorization(Auth::Partner, Some(&p), Some(&u), "op").unwrap().unwrap();
        assert_eq!(partner.to_str().unwrap(), "Bearer P");
        assert!(partner.is_sensitive());
        let both = authorization(Auth::PartnerUser, Some(&p), Some(&u), "op").unwrap().unwrap();
        assert_eq!(both.to_str().unwrap(), "Bearer P, User U");
        assert!(authorization(Auth::None, None, None, "op").unwrap().is_none());
    }

    #[test]
    fn missing_tokens() {
        let p = Secret::new("P");
        assert!(matches!(
            authorization(Auth::Partner, None, None, "op"),
            Err(Error::MissingPartnerToken { operation_id: "op" })
        ));
        assert!(matches!(
            authorization(Auth::PartnerUser, Some(&p), None, "op"),
            Err(Error::MissingUserToken { operation_id: "op" })
        ));
    }

    #[test]
    fn prepared_values_match_and_errors_stay_the_same() {
        let (p, u) = (Secret::new("P"), Secret::new("U"));
        let both = Prepared::new(Some(&p), Some(&u));
        for auth in [Auth::None, Auth::Partner, Auth::PartnerUser] {
            let made = authorization(auth, Some(&p), Some(&u), "op").unwrap();
            let ready = both.get(auth, Some(&p), Some(&u), "op").unwrap();
            assert_eq!(made, ready);
            assert!(ready.is_none_or(|v| v.is_sensitive()));
        }
        let partner_only = Prepared::new(Some(&p), None);
        assert!(matches!(
            partner_only.get(Auth::PartnerUser, Some(&p), None, "op"),
            Err(Error::MissingUserToken { operation_id: "op" })
        ));
        let blank = Secret::new(" \t");
        let with_blank = Prepared::new(Some(&p), Some(&blank));
        assert!(matches!(
            with_blank.get(Auth::PartnerUser, Some(&p), Some(&blank), "op"),
            Err(Error::MissingUserToken { operation_id: "op" })
        ));
        assert!(matches!(
            authorization(Auth::Partner, Some(&Secret::new("")), None, "op"),
            Err(Error::MissingPartnerToken { operation_id: "op" })
        ));
        assert!(is_blank(&blank) && is_blank(&Secret::new("")) && !is_blank(&p));
        let bad = Secret::new("bad\nuser");
        let invalid = Prepared::new(Some(&p), Some(&bad));
        assert!(matches!(
            invalid.get(Auth::PartnerUser, Some(&p), Some(&bad), "op"),
            Err(Error::InvalidHeader { operation_id: "op", .. })
        ));
    }

    #[test]
    fn bad_token_is_reported_without_its_value() {
        let p = Secret::new("bad\ntoken");
        let err = authorization(Auth::Partner, Some(&p), None, "op").unwrap_err();
        assert!(matches!(err, Error::InvalidHeader { .. }));
        assert!(!err.to_string().contains("bad"));
        assert!(!is_valid(&p));
        assert!(is_valid(&Secret::new("fine")));
        assert_eq!(format!("{p:?}"), "\"<redacted>\"");
    }
}
