//! Arrays and maps, and what PHP makes of them: `{}` for an empty list,
//! `[]` for an empty map, an object keyed by indexes for a list with gaps.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer};
use serde::de::{self, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserializer;

use super::replay::{first_key, Key, Replay};
use super::{Seed, Shape, Tolerant};

impl<T: Tolerant> Tolerant for Vec<T> {
    const SHAPE: Shape = Shape::Array;

    fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(VecVisitor(PhantomData))
    }

    fn empty() -> Option<Self> {
        Some(Vec::new())
    }
}

struct VecVisitor<T>(PhantomData<T>);

impl<T: Tolerant> VecVisitor<T> {
    fn one<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        T::deserialize_tolerant(d).map(|v| vec![v])
    }
}

impl<'de, T: Tolerant> Visitor<'de> for VecVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // Bounded: the hint comes from the input.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element_seed(Seed::<T>::new())? {
            items.push(item);
        }
        Ok(items)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
        let Some(first) = first_key(&mut map)? else { return Ok(Vec::new()) };
        if !first.is_index() || T::SHAPE == Shape::Map {
            // One object where a list of them is documented.
            return Self::one(MapAccessDeserializer::new(Replay::new(first, map)));
        }
        // `{"0": a, "3": b}`: a PHP list that lost an element keeps its keys.
        let mut items = vec![map.next_value_seed(Seed::<T>::new())?];
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if !key.is_index() {
                return Err(de::Error::custom(format_args!(
                    "an object keyed by indexes has a member `{}`",
                    key.as_str()
                )));
            }
            items.push(map.next_value_seed(Seed::<T>::new())?);
        }
        Ok(items)
    }
    fn visit_unit<E>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
    fn visit_none<E>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        Vec::<T>::deserialize_tolerant(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Vec<T>, E> {
        Self::one(v.into_deserializer())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Vec<T>, E> {
        Self::one(v.into_deserializer())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Vec<T>, E> {
        Self::one(v.into_deserializer())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Vec<T>, E> {
        Self::one(v.into_deserializer())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
        if v.trim().is_empty() {
            return Ok(Vec::new());
        }
        Self::one(v.into_deserializer())
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Vec<T>, E> {
        if v.trim().is_empty() {
            return Ok(Vec::new());
        }
        Self::one(BorrowedStrDeserializer::new(v))
    }
}

/// Maps with string keys: `BTreeMap<String, T>` and JSON objects.
trait MapLike: Default {
    type Value: Tolerant;
    fn insert(&mut self, key: String, value: Self::Value);
}

impl<T: Tolerant> MapLike for BTreeMap<String, T> {
    type Value = T;
    fn insert(&mut self, key: String, value: T) {
        BTreeMap::insert(self, key, value);
    }
}

impl MapLike for serde_json::Map<String, serde_json::Value> {
    type Value = serde_json::Value;
    fn insert(&mut self, key: String, value: serde_json::Value) {
        serde_json::Map::insert(self, key, value);
    }
}

impl<T: Tolerant> Tolerant for BTreeMap<String, T> {
    const SHAPE: Shape = Shape::Map;

    fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(MapVisitor(PhantomData))
    }

    fn empty() -> Option<Self> {
        Some(BTreeMap::new())
    }
}

impl Tolerant for serde_json::Map<String, serde_json::Value> {
    const SHAPE: Shape = Shape::Map;

    fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(MapVisitor(PhantomData))
    }

    fn empty() -> Option<Self> {
        Some(serde_json::Map::new())
    }
}

struct MapVisitor<M>(PhantomData<M>);

impl<'de, M: MapLike> Visitor<'de> for MapVisitor<M> {
    type Value = M;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<M, A::Error> {
        let mut out = M::default();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Seed::<M::Value>::new())?;
            out.insert(key, value);
        }
        Ok(out)
    }
    /// `[]` is PHP's empty map; a filled list keeps its items under their indexes.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<M, A::Error> {
        let mut out = M::default();
        let mut index = 0usize;
        while let Some(value) = seq.next_element_seed(Seed::<M::Value>::new())? {
            out.insert(index.to_string(), value);
            index += 1;
        }
        Ok(out)
    }
    fn visit_unit<E>(self) -> Result<M, E> {
        Ok(M::default())
    }
    fn visit_none<E>(self) -> Result<M, E> {
        Ok(M::default())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<M, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<M, E> {
        if v.trim().is_empty() {
            Ok(M::default())
        } else {
            Err(E::invalid_type(de::Unexpected::Str(v), &self))
        }
    }
}
