//! Looking at the first key of an object without losing it: an empty
//! object means "absent", any other is decoded with its first key replayed.

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// A key as the deserializer gave it: borrowed from the input when it could be.
pub(crate) enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }

    /// `0`, `17`: the keys PHP gives a list that lost its order or a member.
    pub(crate) fn is_index(&self) -> bool {
        let s = self.as_str();
        !s.is_empty() && s.len() <= 10 && s.bytes().all(|b| b.is_ascii_digit())
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A map whose first key was already read: it gives that key again, then
/// the rest.
pub(crate) struct Replay<'de, A> {
    first: Option<Key<'de>>,
    rest: A,
}

impl<'de, A> Replay<'de, A> {
    pub(crate) fn new(first: Key<'de>, rest: A) -> Self {
        Replay { first: Some(first), rest }
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(Key::Borrowed(key)) => seed.deserialize(BorrowedStrDeserializer::new(key)).map(Some),
            Some(Key::Owned(key)) => seed.deserialize(StringDeserializer::new(key)).map(Some),
            None => self.rest.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.rest.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.rest.size_hint().map(|n| n + usize::from(self.first.is_some()))
    }
}

/// Reads the first key of `map`: `None` for an empty object.
pub(crate) fn first_key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Key<'de>>, A::Error> {
    map.next_key::<Key<'de>>()
}

/// The error for an array of several values where one is documented.
pub(crate) fn several<E: de::Error>() -> E {
    E::custom("an array of several values where the docs describe one value")
}
