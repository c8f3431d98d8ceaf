//! Sending numbers as the server expects them: a whole `number` goes out
//! as an integer (`3600`, not `3600.0`); fractions are kept.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

/// Numbers, and containers of them, written with whole values as integers.
pub trait WireNumber {
    /// Serialises `self`, whole numbers as integers.
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

/// The `serialize_with` function generated number fields use.
pub fn whole_numbers<T: WireNumber, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.serialize_wire(serializer)
}

/// Beyond 2^53 an `f64` no longer holds every integer: keep it a float.
const EXACT: f64 = 9_007_199_254_740_992.0;

impl WireNumber for f64 {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.fract() == 0.0 && self.abs() <= EXACT {
            serializer.serialize_i64(*self as i64)
        } else {
            serializer.serialize_f64(*self)
        }
    }
}

impl WireNumber for f32 {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.fract() == 0.0 && f64::from(self.abs()) <= EXACT {
            serializer.serialize_i64(*self as i64)
        } else {
            // Through the shortest `f32` text, so `0.1f32` is `0.1`.
            serializer.serialize_f64(self.to_string().parse().unwrap_or(f64::from(*self)))
        }
    }
}

/// A borrowed value that serialises through [`WireNumber`].
struct Wire<'a, T>(&'a T);

impl<T: WireNumber> Serialize for Wire<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_wire(serializer)
    }
}

impl<T: WireNumber> WireNumber for Option<T> {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(v) => serializer.serialize_some(&Wire(v)),
            None => serializer.serialize_none(),
        }
    }
}

impl<T: WireNumber> WireNumber for Box<T> {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize_wire(serializer)
    }
}

impl<T: WireNumber> WireNumber for Vec<T> {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(Wire))
    }
}

impl<T: WireNumber> WireNumber for BTreeMap<String, T> {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(k, v)| (k, Wire(v))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Body {
        #[serde(serialize_with = "whole_numbers")]
        duration: f64,
        #[serde(serialize_with = "whole_numbers", skip_serializing_if = "Option::is_none")]
        cost: Option<f64>,
        #[serde(serialize_with = "whole_numbers")]
        amounts: Vec<Option<f32>>,
        #[serde(serialize_with = "whole_numbers")]
        by_name: BTreeMap<String, f64>,
    }

    #[test]
    fn whole_numbers_go_out_as_integers() {
        let body = Body {
            duration: 3600.0,
            cost: Some(12.5),
            amounts: vec![Some(2.0), None, Some(0.1), Some(-0.0)],
            by_name: [("a".to_owned(), 1e20), ("b".to_owned(), -7.0)].into(),
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"duration":3600,"cost":12.5,"amounts":[2,null,0.1,0],"by_name":{"a":1e+20,"b":-7}}"#
        );
        let none = Body { duration: 0.25, cost: None, amounts: vec![], by_name: BTreeMap::new() };
        assert_eq!(serde_json::to_string(&none).unwrap(), r#"{"duration":0.25,"amounts":[],"by_name":{}}"#);
    }
}
