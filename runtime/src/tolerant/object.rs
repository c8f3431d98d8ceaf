//! The helpers generated types call from their `Tolerant` impls.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, MapDeserializer, SeqAccessDeserializer, StrDeserializer};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    Visitor,
};
use serde::Deserializer;

use super::replay::{first_key, several, Replay};
use super::{Seed, Tolerant};

/// A struct: an object as documented, or the shapes a PHP server sends
/// for it (`[]`, `null`, the object wrapped in an array).
pub fn object<'de, D: Deserializer<'de>, T: DeserializeOwned + Tolerant>(d: D) -> Result<T, D::Error> {
    d.deserialize_any(ObjectVisitor { data: None, marker: PhantomData })
}

/// A response envelope (`{success, data, meta}`) whose `data` member is
/// named `data`: as [`object`], but a bare array is the envelope's `data`
/// (some endpoints answer the list without the envelope).
pub fn envelope<'de, D: Deserializer<'de>, T: DeserializeOwned + Tolerant>(
    d: D,
    data: &'static str,
) -> Result<T, D::Error> {
    d.deserialize_any(ObjectVisitor { data: Some(data), marker: PhantomData })
}

/// A string enum: numbers and booleans are taken as their text, so that an
/// unknown value still reaches the enum's catch-all.
pub fn string_enum<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<T, D::Error> {
    let text = String::deserialize_tolerant(d)?;
    T::deserialize(text.into_deserializer())
}

/// An integer enum: the code may come as a string or an integral float.
pub fn integer_enum<'de, D: Deserializer<'de>, T: From<i64>>(d: D) -> Result<T, D::Error> {
    i64::deserialize_tolerant(d).map(T::from)
}

/// A type that decodes as it is (unions try their variants, whose own
/// fields are tolerant).
pub fn plain<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<T, D::Error> {
    T::deserialize(d)
}

struct ObjectVisitor<T> {
    /// The envelope's data member, for envelopes.
    data: Option<&'static str>,
    marker: PhantomData<T>,
}

impl<T: Tolerant> ObjectVisitor<T> {
    fn empty<E: de::Error>(&self, what: Unexpected) -> Result<T, E> {
        T::empty().ok_or_else(|| E::invalid_type(what, &"an object"))
    }
}

impl<'de, T: DeserializeOwned + Tolerant> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        // `{}` where members are required: the empty value, if the type has one.
        let Some(first) = first_key(&mut map)? else {
            return match T::empty() {
                Some(empty) => Ok(empty),
                // Decoding no members names the first missing one.
                None => T::deserialize(MapDeserializer::<_, A::Error>::new(std::iter::empty::<((), ())>())),
            };
        };
        T::deserialize(MapAccessDeserializer::new(Replay::new(first, map)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
        if let Some(data) = self.data {
            return T::deserialize(MapAccessDeserializer::new(OneMember { key: data, seq: Some(seq) }));
        }
        let Some(first) = seq.next_element_seed(Seed::<T>::new())? else {
            return self.empty(Unexpected::Seq);
        };
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(several());
        }
        Ok(first)
    }
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        self.empty(Unexpected::Unit)
    }
    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        self.empty(Unexpected::Option)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        if v.trim().is_empty() {
            self.empty(Unexpected::Str(v))
        } else {
            Err(E::invalid_type(Unexpected::Str(v), &self))
        }
    }
}

/// `{"<key>": <the array being read>}`.
struct OneMember<A> {
    key: &'static str,
    seq: Option<A>,
}

impl<'de, A: SeqAccess<'de>> MapAccess<'de> for OneMember<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        if self.seq.is_none() {
            return Ok(None);
        }
        seed.deserialize(StrDeserializer::<A::Error>::new(self.key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        let seq = self.seq.take().ok_or_else(|| de::Error::custom("value read twice"))?;
        seed.deserialize(SeqAccessDeserializer::new(seq))
    }
}
