//! Strings, numbers and booleans that arrive as another scalar. Their
//! `empty` (zero, `""`, `false`) only fills the members of a required
//! object that came empty; a scalar itself never reads `null` as zero.

use std::fmt;

use serde::de::{self, Unexpected, Visitor};
use serde::Deserializer;

use super::{Shape, Tolerant};

impl Tolerant for String {
    const SHAPE: Shape = Shape::Text;

    fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }

    fn empty() -> Option<Self> {
        Some(String::new())
    }
}

/// A string, or a number or boolean taken as its JSON text (`13155550175`).
struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_i64<E>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E>(self, v: f64) -> Result<String, E> {
        // As JSON writes it: `1.5`, and `2.0` for a float that is whole.
        Ok(serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string()))
    }
    fn visit_bool<E>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// A whole number from any scalar that holds one.
struct IntegerVisitor;

impl Visitor<'_> for IntegerVisitor {
    type Value = i128;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer")
    }
    fn visit_i64<E>(self, v: i64) -> Result<i128, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<i128, E> {
        Ok(v.into())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i128, E> {
        whole(v).ok_or_else(|| E::invalid_type(Unexpected::Float(v), &self))
    }
    fn visit_bool<E>(self, v: bool) -> Result<i128, E> {
        Ok(v.into())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<i128, E> {
        let t = v.trim();
        t.parse::<i128>()
            .ok()
            .or_else(|| t.parse::<f64>().ok().and_then(whole))
            .ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }
}

/// `v` when it is a finite whole number within `i64`/`u64` reach.
fn whole(v: f64) -> Option<i128> {
    (v.is_finite() && v.fract() == 0.0 && v.abs() < 1.9e19).then_some(v as i128)
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl Tolerant for $t {
            const SHAPE: Shape = Shape::Scalar;
            fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let v = d.deserialize_any(IntegerVisitor)?;
                <$t>::try_from(v).map_err(|_| {
                    de::Error::custom(format_args!("{v} is out of range for {}", stringify!($t)))
                })
            }
            fn empty() -> Option<Self> {
                Some(0)
            }
        }
    )*};
}

integers!(i8, i16, i32, i64, u8, u16, u32, u64);

/// A number from any scalar that holds one.
struct NumberVisitor;

impl Visitor<'_> for NumberVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_i64<E>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_u64<E>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_f64<E>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }
    fn visit_bool<E>(self, v: bool) -> Result<f64, E> {
        Ok(if v { 1.0 } else { 0.0 })
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        // `inf` and `NaN` parse in Rust but are not JSON numbers.
        v.trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }
}

impl Tolerant for f64 {
    const SHAPE: Shape = Shape::Scalar;

    fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumberVisitor)
    }

    fn empty() -> Option<Self> {
        Some(0.0)
    }
}

impl Tolerant for f32 {
    const SHAPE: Shape = Shape::Scalar;

    fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumberVisitor).map(|v| v as f32)
    }

    fn empty() -> Option<Self> {
        Some(0.0)
    }
}

/// A boolean, or a flag written as `0`/`1`, `"0"`/`"1"` or `"true"`/`"false"`.
struct FlagVisitor;

impl Visitor<'_> for FlagVisitor {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a boolean or 0/1")
    }
    fn visit_bool<E>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Signed(v), &self)),
        }
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<bool, E> {
        if v == 0.0 {
            Ok(false)
        } else if v == 1.0 {
            Ok(true)
        } else {
            Err(E::invalid_value(Unexpected::Float(v), &self))
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        let t = v.trim();
        if t == "1" || t.eq_ignore_ascii_case("true") {
            Ok(true)
        } else if t == "0" || t.eq_ignore_ascii_case("false") {
            Ok(false)
        } else {
            Err(E::invalid_value(Unexpected::Str(v), &self))
        }
    }
}

impl Tolerant for bool {
    const SHAPE: Shape = Shape::Scalar;

    fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FlagVisitor)
    }

    fn empty() -> Option<Self> {
        Some(false)
    }
}
