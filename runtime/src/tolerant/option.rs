//! Optional fields: `null`, an empty object or array, a blank string or a
//! zero date is absent; anything else decodes as the inner type.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserializer;

use super::replay::{first_key, several, Replay};
use super::{is_absent_text, Seed, Shape, Tolerant};

impl<T: Tolerant> Tolerant for Option<T> {
    const SHAPE: Shape = T::SHAPE;

    fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OptionVisitor(PhantomData))
    }

    fn empty() -> Option<Self> {
        Some(None)
    }
}

struct OptionVisitor<T>(PhantomData<T>);

impl<'de, T: Tolerant> Visitor<'de> for OptionVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_unit<E>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_none<E>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        T::deserialize_tolerant(d).map(Some)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<T>, E> {
        T::deserialize_tolerant(v.into_deserializer()).map(Some)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<T>, E> {
        T::deserialize_tolerant(v.into_deserializer()).map(Some)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<T>, E> {
        T::deserialize_tolerant(v.into_deserializer()).map(Some)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<T>, E> {
        T::deserialize_tolerant(v.into_deserializer()).map(Some)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        if is_absent_text(T::SHAPE, v) {
            return Ok(None);
        }
        T::deserialize_tolerant(v.into_deserializer()).map(Some)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Option<T>, E> {
        if is_absent_text(T::SHAPE, v) {
            return Ok(None);
        }
        T::deserialize_tolerant(BorrowedStrDeserializer::new(v)).map(Some)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Option<T>, E> {
        if is_absent_text(T::SHAPE, &v) {
            return Ok(None);
        }
        T::deserialize_tolerant(v.into_deserializer()).map(Some)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<T>, A::Error> {
        if matches!(T::SHAPE, Shape::Array | Shape::Any) {
            return T::deserialize_tolerant(SeqAccessDeserializer::new(seq)).map(Some);
        }
        // PHP's empty object, or one value wrapped in an array.
        let Some(first) = seq.next_element_seed(Seed::<T>::new())? else { return Ok(None) };
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(several());
        }
        Ok(Some(first))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        if T::SHAPE == Shape::Any {
            return T::deserialize_tolerant(MapAccessDeserializer::new(map)).map(Some);
        }
        let Some(first) = first_key(&mut map)? else { return Ok(None) };
        T::deserialize_tolerant(MapAccessDeserializer::new(Replay::new(first, map))).map(Some)
    }
}
