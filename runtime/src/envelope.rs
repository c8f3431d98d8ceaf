//! Answers in an envelope, `{"success": true, "data": ..., "meta": ...}`,
//! read as their data and meta: what the methods of an API whose answers
//! come in one return.
//!
//! The data and the meta decode tolerantly (see [`crate::tolerant`]); a
//! member that is missing reads as `null` does (an empty list, a struct of
//! absent members, `None`), as do both in a body that is `null`; where
//! `null` is no value of the type (a number the docs say is always there),
//! a missing member is an error.
//! A bare array is the data (some endpoints answer the list without the
//! envelope). The success flag is read before decoding, by
//! [`RawResponse`](crate::codegen::RawResponse): `false` is an error.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::SeqAccessDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::tolerant::{Key, Seed, Tolerant};

/// The members of an envelope, as the generated code names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnvelopeMembers {
    /// The member holding the data (`data`).
    pub data: &'static str,
    /// The member holding the meta (`meta`), when the envelope has one.
    pub meta: Option<&'static str>,
    /// The success flag (`success`), when the envelope has one.
    pub success: Option<&'static str>,
}

/// An answer in an envelope, read: its data and its meta. Encodes back as
/// the envelope's data and meta members (not the flag, which is not kept).
#[derive(Debug, Clone, PartialEq)]
pub struct Enveloped<T, M> {
    /// The data member.
    pub data: T,
    /// The meta member (`()` for an envelope without one).
    pub meta: M,
    /// Where they came from.
    pub members: EnvelopeMembers,
}

impl<T: Serialize, M: Serialize> Serialize for Enveloped<T, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(self.members.data, &self.data)?;
        if let Some(meta) = self.members.meta {
            map.serialize_entry(meta, &self.meta)?;
        }
        map.end()
    }
}

/// Reads an [`Enveloped`] tolerantly.
pub struct EnvelopeSeed<T, M> {
    members: EnvelopeMembers,
    marker: PhantomData<fn() -> (T, M)>,
}

impl<T, M> EnvelopeSeed<T, M> {
    /// A reader of envelopes with these members.
    pub fn new(members: EnvelopeMembers) -> Self {
        EnvelopeSeed { members, marker: PhantomData }
    }
}

impl<T, M> Clone for EnvelopeSeed<T, M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, M> Copy for EnvelopeSeed<T, M> {}

impl<'de, T: Tolerant, M: Tolerant> DeserializeSeed<'de> for EnvelopeSeed<T, M> {
    type Value = Enveloped<T, M>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<T: Tolerant, M: Tolerant> EnvelopeSeed<T, M> {
    /// The value of a member that did not come: what `null` reads as.
    fn absent<V: Tolerant, E: de::Error>(member: &'static str) -> Result<V, E> {
        V::deserialize_tolerant(IntoDeserializer::<E>::into_deserializer(()))
            .map_err(|_| E::missing_field(member))
    }

    fn meta_absent<E: de::Error>(&self) -> Result<M, E> {
        Self::absent(self.members.meta.unwrap_or("meta"))
    }

    fn enveloped(&self, data: T, meta: M) -> Enveloped<T, M> {
        Enveloped { data, meta, members: self.members }
    }
}

impl<'de, T: Tolerant, M: Tolerant> Visitor<'de> for EnvelopeSeed<T, M> {
    type Value = Enveloped<T, M>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an object with `{}`", self.members.data)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut data, mut meta) = (None, None);
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let key = key.as_str();
            if key == self.members.data {
                if data.is_some() {
                    return Err(de::Error::duplicate_field(self.members.data));
                }
                data = Some(map.next_value_seed(Seed::<T>::new())?);
            } else if Some(key) == self.members.meta {
                if meta.is_some() {
                    return Err(de::Error::duplicate_field(self.members.meta.unwrap_or_default()));
                }
                meta = Some(map.next_value_seed(Seed::<M>::new())?);
            } else {
                // The flag (read before decoding) and members the docs do
                // not list, which `ApiResponse::unknown_fields` reports.
                map.next_value::<IgnoredAny>()?;
            }
        }
        let data = match data {
            Some(data) => data,
            None => Self::absent(self.members.data)?,
        };
        let meta = match meta {
            Some(meta) => meta,
            None => self.meta_absent()?,
        };
        Ok(self.enveloped(data, meta))
    }

    /// A bare array: the data, without the envelope.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let data = T::deserialize_tolerant(SeqAccessDeserializer::new(seq))?;
        let meta = self.meta_absent()?;
        Ok(self.enveloped(data, meta))
    }

    /// `null`: no data.
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        let data = Self::absent(self.members.data)?;
        let meta = self.meta_absent()?;
        Ok(self.enveloped(data, meta))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;
    use reqwest::header::HeaderMap;
    use reqwest::StatusCode;
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    use super::*;
    use crate::codegen::RawResponse;
    use crate::Error;

    const MEMBERS: EnvelopeMembers =
        EnvelopeMembers { data: "data", meta: Some("meta"), success: Some("success") };

    #[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    struct Appointment {
        id: Option<i64>,
    }

    #[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    struct Meta {
        total_count: Option<u64>,
    }

    impl Tolerant for Appointment {
        const SHAPE: crate::tolerant::Shape = crate::tolerant::Shape::Object;
        fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            crate::tolerant::object(d)
        }
        fn empty() -> Option<Self> {
            Some(Self::default())
        }
    }

    impl Tolerant for Meta {
        const SHAPE: crate::tolerant::Shape = crate::tolerant::Shape::Object;
        fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            crate::tolerant::object(d)
        }
        fn empty() -> Option<Self> {
            Some(Self::default())
        }
    }

    fn raw(status: u16, body: &str) -> RawResponse {
        RawResponse {
            status: StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body: Bytes::from(body.to_owned()),
            operation_id: "get_appointment",
            success_flag: true,
        }
    }

    fn one(body: &str) -> Result<crate::ApiResponse<Appointment, Meta>, Error> {
        raw(200, body).enveloped(MEMBERS)
    }

    fn list(body: &str) -> Result<crate::ApiResponse<Vec<Appointment>, Meta>, Error> {
        raw(200, body).enveloped(MEMBERS)
    }

    #[test]
    fn data_and_meta_are_one_field_away() {
        let body = r#"{"success": true, "data": {"id": 501}, "meta": {"total_count": 7}}"#;
        let response = one(body).unwrap();
        assert_eq!(response.body, Appointment { id: Some(501) });
        assert_eq!(response.id, Some(501), "derefs to the data");
        assert_eq!(response.meta.total_count, Some(7));
        assert_eq!(response.status, StatusCode::OK);
        // The whole body stays as it came, envelope included.
        assert_eq!(response.raw_body(), body.as_bytes());
        assert_eq!(response.raw_json().unwrap()["meta"]["total_count"], 7);
        assert_eq!(response.count_at(&["/meta/total_count"]), Some(7));
        assert!(response.unknown_fields().is_empty(), "{:?}", response.unknown_fields());
        assert_eq!(response.into_parts(), (Appointment { id: Some(501) }, Meta { total_count: Some(7) }));
    }

    #[test]
    fn unknown_members_are_named_in_the_whole_body() {
        let body = r#"{"success": true, "data": {"id": 1, "new": 2}, "meta": {"page": 3}, "extra": 4}"#;
        let response = one(body).unwrap();
        assert_eq!(response.unknown_fields(), ["/data/new", "/meta/page", "/extra"]);
        let bare = list(r#"[{"id": 1, "new": 2}]"#).unwrap();
        assert_eq!(bare.unknown_fields(), ["/0/new"]);
    }

    #[test]
    fn what_is_empty_decodes_as_empty() {
        for body in [
            r#"{"success": true, "data": null, "meta": []}"#,
            r#"{"success": true, "data": [], "meta": {}}"#,
            r#"{"success": true, "data": {}}"#,
            r#"{"success": true}"#,
            r#"{"data": []}"#,
            "null",
            "",
        ] {
            let response = one(body).unwrap_or_else(|e| panic!("{body}: {e}"));
            assert_eq!(response.into_parts(), (Appointment::default(), Meta::default()), "{body}");
            let response = list(body).unwrap_or_else(|e| panic!("{body}: {e}"));
            assert!(response.body.is_empty(), "{body}");
        }
    }

    #[test]
    fn the_server_s_other_shapes_are_read() {
        // The object wrapped in an array where one is documented.
        assert_eq!(one(r#"{"data": [{"id": 2}], "meta": []}"#).unwrap().id, Some(2));
        // One object where a list is documented.
        assert_eq!(list(r#"{"data": {"id": 3}}"#).unwrap().body, [Appointment { id: Some(3) }]);
        // The bare list, without the envelope.
        let bare = list(r#"[{"id": 4}, {"id": 5}]"#).unwrap();
        assert_eq!(bare.body.iter().map(|a| a.id).collect::<Vec<_>>(), [Some(4), Some(5)]);
        assert_eq!(bare.meta, Meta::default());
    }

    #[test]
    fn success_false_is_an_api_error_whatever_the_status() {
        let failed = r#"{"success": false, "data": null, "meta": {"message": "Appointment not found"}}"#;
        match one(failed).unwrap_err() {
            Error::Api { status, message, operation_id, .. } => {
                assert_eq!(status, StatusCode::OK);
                assert_eq!(message.as_deref(), Some("Appointment not found"));
                assert_eq!(operation_id, "get_appointment");
            }
            other => panic!("{other:?}"),
        }
        // Found after the data, too.
        let late = r#"{"data": {"id": 1}, "success": false, "meta": []}"#;
        assert!(matches!(one(late), Err(Error::Api { .. })));
    }

    #[test]
    fn what_does_not_fit_is_a_decode_error_at_its_path() {
        match list(r#"{"success": true, "data": [{"id": 1}, {"id": "x"}]}"#).unwrap_err() {
            Error::Decode { path, body, .. } => {
                assert_eq!(path, "data[1].id");
                assert!(body.starts_with(b"{\"success\""));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(one(r#"{"data": {"id": 1}, "data": {"id": 2}}"#), Err(Error::Decode { .. })));
        assert!(matches!(one("<html>"), Err(Error::NotJson { .. })));
        assert!(matches!(one(r#""text""#), Err(Error::Decode { .. })));
    }

    #[test]
    fn data_without_an_empty_value_must_come() {
        let members = EnvelopeMembers { data: "data", meta: None, success: Some("success") };
        let response = raw(200, r#"{"success": true, "data": 5}"#).enveloped::<i64, ()>(members).unwrap();
        assert_eq!((response.body, response.meta), (5, ()));
        match raw(200, r#"{"success": true}"#).enveloped::<i64, ()>(members).unwrap_err() {
            Error::Decode { message, .. } => assert!(message.contains("missing field `data`"), "{message}"),
            other => panic!("{other:?}"),
        }
        let some = raw(200, r#"{"data": null}"#).enveloped::<Option<i64>, ()>(members).unwrap();
        assert_eq!(some.body, None);
    }

    #[test]
    fn an_enveloped_value_encodes_as_its_members() {
        let value: Enveloped<Vec<Appointment>, Meta> = EnvelopeSeed::new(MEMBERS)
            .deserialize(json!({"success": true, "data": [{"id": 1}], "meta": {"total_count": 1}}))
            .unwrap();
        let encoded = serde_json::to_value(&value).unwrap();
        assert_eq!(encoded, json!({"data": [{"id": 1}], "meta": {"total_count": 1}}));
    }
}
