//! An API's policy as data (`spec/<api>/profile.json`): what the generic
//! generator cannot know from the spec alone. Every setting has a default
//! that suits any spec, so a profile is optional.

use serde::Deserialize;

/// The policy of one API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    /// Why the settings are what they are (for reviewers; not used).
    pub notes: Option<String>,
    /// How boolean query parameters are written.
    pub query_booleans: QueryBooleans,
    /// The envelope the API wraps its answers in, if any.
    pub envelope: Option<Envelope>,
    /// An empty array stands for an absent object (a PHP backend): a
    /// documented "object or array" is typed as the object, which the
    /// runtime reads as `None` when `[]` comes.
    pub empty_arrays_absent: bool,
    /// Where a paged answer gives the total number of items, as JSON
    /// pointers tried in order (`/meta/total_count`).
    pub total_count: Vec<String>,
    /// Security schemes sent as the runtime's composite credentials rather
    /// than as the spec describes them, by scheme name: `partner` sends
    /// `Authorization: Bearer <partner>`, `partner_user`
    /// `Bearer <partner>, User <user>` (Altegio's form, which no scheme
    /// type of OpenAPI can describe).
    pub composite_auth: std::collections::BTreeMap<String, Composite>,
    /// Reviewed type names (`spec/<api>/names.json`), read beside the
    /// profile rather than from it.
    #[serde(skip)]
    pub names: Vec<crate::naming::NameEntry>,
}

/// A composite credential of the runtime; `PartnerUser` needs more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Composite {
    /// `Authorization: Bearer <partner>`.
    Partner,
    /// `Authorization: Bearer <partner>, User <user>`.
    PartnerUser,
}

/// How a boolean goes in a query string.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryBooleans {
    /// `true` / `false`.
    #[default]
    Text,
    /// `1` / `0`.
    Numeric,
}

/// A response envelope such as `{"success": true, "data": ..., "meta": ...}`.
///
/// A struct is an envelope when it has the data member and the meta or the
/// success member. An operation whose answer is an envelope with no other
/// members returns its data, with its meta beside it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// The member holding the payload (`data`).
    pub data: String,
    /// The member holding what comes with the payload, such as a total
    /// (`meta`): kept, typed, beside the data.
    #[serde(default)]
    pub meta: Option<String>,
    /// The boolean member that says whether the call succeeded
    /// (`success`): dropped once read, as a `false` is an error.
    #[serde(default)]
    pub success: Option<String>,
}

impl Envelope {
    /// The members an envelope may have, data first.
    pub fn members(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.data.as_str()).chain(self.meta.as_deref()).chain(self.success.as_deref())
    }
}

/// A profile file that cannot be used, with what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("invalid profile: {0}")]
pub struct ProfileError(String);

impl Profile {
    /// Reads a profile from JSON text.
    pub fn from_json(text: &str) -> Result<Self, ProfileError> {
        let profile: Profile = serde_json::from_str(text).map_err(|e| ProfileError(e.to_string()))?;
        if let Some(envelope) = &profile.envelope {
            let names: Vec<&str> = envelope.members().collect();
            if names.iter().any(|n| n.is_empty()) || (1..names.len()).any(|i| names[..i].contains(&names[i]))
            {
                return Err(ProfileError(format!(
                    "envelope members {names:?} must be distinct and not empty"
                )));
            }
            if envelope.meta.is_none() && envelope.success.is_none() {
                return Err(ProfileError("an envelope names its meta or success member, or both".to_owned()));
            }
        }
        for pointer in &profile.total_count {
            if !pointer.starts_with('/') {
                return Err(ProfileError(format!("total_count entry {pointer:?} is not a JSON pointer")));
            }
        }
        Ok(profile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_rejects() {
        let p = Profile::from_json(
            r#"{"query_booleans": "numeric", "envelope": {"data": "data", "success": "success"},
                "total_count": ["/meta/total_count"]}"#,
        )
        .unwrap();
        assert_eq!(p.query_booleans, QueryBooleans::Numeric);
        let envelope = p.envelope.unwrap();
        assert_eq!(envelope.members().collect::<Vec<_>>(), ["data", "success"]);
        assert_eq!(Profile::from_json("{}").unwrap(), Profile::default());
        let err = Profile::from_json(r#"{"query_bools": "numeric"}"#).unwrap_err().to_string();
        assert!(err.contains("unknown field `query_bools`"), "{err}");
        assert!(Profile::from_json(r#"{"total_count": ["meta.count"]}"#).is_err());
        for bad in
            [r#"{"data": "data"}"#, r#"{"data": "data", "meta": "data"}"#, r#"{"data": "", "meta": "m"}"#]
        {
            let err = Profile::from_json(&format!(r#"{{"envelope": {bad}}}"#)).unwrap_err().to_string();
            assert!(err.contains("envelope"), "{bad}: {err}");
        }
    }
}
