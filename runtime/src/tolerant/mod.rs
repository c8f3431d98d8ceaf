//! Reading what servers send, not only what their docs say.
//!
//! Every field of a generated type decodes through [`Tolerant`], chosen by
//! the generator with `#[serde(deserialize_with = "...::de")]`. The rules,
//! for a field documented as
//!
//! - an object: `[]`, `{}` and `null` are absent (`None`, or the type's
//!   `Default` when the field is required); a one-element array is its
//!   element; an array of several is an error, never a silent drop;
//! - a string: numbers and booleans are taken as their JSON text;
//! - a number or integer: numeric strings (`"2161.51"`), integral floats
//!   for integers (`5.0`) and booleans (`1`/`0`); `""` is absent;
//! - a boolean: `0`/`1`, `"0"`/`"1"`, `"true"`/`"false"`;
//! - an array: a single value is one element, `{}` and `null` are empty, an
//!   object keyed `"0"`, `"1"`, ... (a PHP list with gaps) is its values;
//! - a date: see [`DateTime`](crate::DateTime).
//!
//! Only reading is tolerant: serialising a value writes exactly its type.

mod collections;
mod object;
mod option;
mod replay;
mod scalars;

use serde::de::{DeserializeSeed, Deserializer};
use serde::Deserialize;

pub use object::{envelope, integer_enum, object, plain, string_enum};
pub(crate) use replay::Key;

/// What a type is on the wire, so that wrappers (`Option`, `Vec`) know
/// what an empty or wrapped value means for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A string.
    Text,
    /// A number, integer or boolean.
    Scalar,
    /// A date or date-time string.
    Date,
    /// An object with named members (a struct).
    Object,
    /// An object used as a map.
    Map,
    /// An array.
    Array,
    /// Anything (kept as it came).
    Any,
}

/// A type that decodes tolerantly; see the module docs for the rules.
pub trait Tolerant: Sized {
    /// What the type is on the wire.
    const SHAPE: Shape;

    /// Decodes a value, accepting the variations the module docs list.
    fn deserialize_tolerant<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;

    /// The value of a required field that came empty (`[]`, `{}`, `null`),
    /// and of each member of such an object: its `Default`, with zero and
    /// `""` for scalars. `None` makes an empty value an error.
    fn empty() -> Option<Self> {
        None
    }
}

/// The `deserialize_with` function generated fields use.
pub fn de<'de, D: Deserializer<'de>, T: Tolerant>(deserializer: D) -> Result<T, D::Error> {
    T::deserialize_tolerant(deserializer)
}

/// A value decoded tolerantly at the top level, for `serde_json::from_slice`.
#[derive(Debug, Clone, PartialEq)]
pub struct Lenient<T>(pub T);

impl<'de, T: Tolerant> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_tolerant(deserializer).map(Lenient)
    }
}

/// Decodes one element of a sequence or map value tolerantly (or a whole
/// body, as `T` itself rather than [`Lenient<T>`]).
pub struct Seed<T>(std::marker::PhantomData<T>);

impl<T> Seed<T> {
    /// The seed of `T`.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Seed(std::marker::PhantomData)
    }
}

impl<T> Clone for Seed<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Seed<T> {}

impl<'de, T: Tolerant> DeserializeSeed<'de> for Seed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize_tolerant(deserializer)
    }
}

/// Whether a JSON value is of the kind `T` is (an object for a struct, an
/// array for a list, a scalar for a scalar): a union only reads a variant
/// of the value's own kind tolerantly.
pub fn fits<T: Tolerant>(value: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (T::SHAPE, value) {
        (Shape::Any, _) | (_, Value::Null) => true,
        (Shape::Object | Shape::Map, v) => v.is_object(),
        (Shape::Array, v) => v.is_array(),
        (Shape::Text | Shape::Scalar | Shape::Date, v) => !v.is_object() && !v.is_array(),
    }
}

/// Decodes `T` tolerantly from a JSON value (tests, webhooks).
pub fn from_value<T: Tolerant>(value: serde_json::Value) -> Result<T, serde_json::Error> {
    T::deserialize_tolerant(value)
}

/// `serde_json::Value` and other types that decode as they are.
macro_rules! as_is {
    ($shape:ident: $($t:ty),*) => {$(
        impl Tolerant for $t {
            const SHAPE: Shape = Shape::$shape;
            fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$t as Deserialize>::deserialize(d)
            }
            fn empty() -> Option<Self> {
                Some(Self::default())
            }
        }
    )*};
}

as_is!(Any: serde_json::Value, ());

impl<T: Tolerant> Tolerant for Box<T> {
    const SHAPE: Shape = T::SHAPE;

    fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize_tolerant(d).map(Box::new)
    }

    fn empty() -> Option<Self> {
        T::empty().map(Box::new)
    }
}

/// Whether a string stands for "no value" in a field of `shape`: blank for
/// anything but text, and Altegio's zero dates for dates.
pub(crate) fn is_absent_text(shape: Shape, text: &str) -> bool {
    match shape {
        Shape::Text | Shape::Any => false,
        Shape::Date => crate::date_time::is_sentinel(text),
        _ => text.trim().is_empty(),
    }
}

/// `Tolerant` for test types that derive `Deserialize` (as generated
/// structs do, but without the per-field helpers).
#[cfg(test)]
macro_rules! test_objects {
    ($($t:ty),*) => {$(
        impl $crate::tolerant::Tolerant for $t {
            const SHAPE: $crate::tolerant::Shape = $crate::tolerant::Shape::Object;
            fn deserialize_tolerant<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::tolerant::object(d)
            }
        }
    )*};
}
#[cfg(test)]
pub(crate) use test_objects;

#[cfg(test)]
mod tests;
