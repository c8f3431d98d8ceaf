use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Value};

use super::*;
use crate::DateTime;

/// What a generated response type looks like.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
struct Client {
    #[serde(default, deserialize_with = "de")]
    id: Option<i64>,
    #[serde(default, deserialize_with = "de")]
    phone: Option<String>,
    #[serde(default, deserialize_with = "de")]
    visits: Option<Vec<i32>>,
}

impl Tolerant for Client {
    const SHAPE: Shape = Shape::Object;
    fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        object(d)
    }
    fn empty() -> Option<Self> {
        Some(Self::default())
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Record {
    #[serde(deserialize_with = "de")]
    id: i64,
    #[serde(default, deserialize_with = "de")]
    client: Option<Client>,
    #[serde(deserialize_with = "de")]
    staff: Client,
    #[serde(default, deserialize_with = "de")]
    cost: Option<f64>,
    #[serde(default, deserialize_with = "de")]
    online: Option<bool>,
    #[serde(default, deserialize_with = "de")]
    services: Option<Vec<Client>>,
    #[serde(default, deserialize_with = "de")]
    datetime: Option<DateTime>,
    #[serde(default, deserialize_with = "de")]
    extra: Option<BTreeMap<String, i64>>,
}

impl Tolerant for Record {
    const SHAPE: Shape = Shape::Object;
    fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        object(d)
    }
}

#[derive(Debug, PartialEq, Deserialize)]
struct Envelope {
    #[serde(default, deserialize_with = "de")]
    success: Option<bool>,
    #[serde(default, deserialize_with = "de")]
    data: Option<Vec<Client>>,
    #[serde(default, deserialize_with = "de")]
    meta: Option<Value>,
}

impl Tolerant for Envelope {
    const SHAPE: Shape = Shape::Object;
    fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        envelope(d, "data")
    }
}

fn decode<T: Tolerant>(json: &str) -> Result<T, String> {
    serde_json::from_str::<Lenient<T>>(json).map(|l| l.0).map_err(|e| e.to_string())
}

fn record(extra: &str) -> Result<Record, String> {
    decode(&format!(r#"{{"id": 1, "staff": {{"id": 2}}{extra}}}"#))
}

#[test]
fn empty_objects_are_absent() {
    for empty in ["[]", "{}", "null", "\"\""] {
        let r = record(&format!(r#", "client": {empty}"#)).unwrap();
        assert_eq!(r.client, None, "{empty}");
        // A required object takes its default.
        let r = decode::<Record>(&format!(r#"{{"id": 1, "staff": {empty}}}"#)).unwrap();
        assert_eq!(r.staff, Client::default(), "{empty}");
    }
    // A required object without a default cannot be empty.
    let err = decode::<Record>(r#"[]"#).unwrap_err();
    assert!(err.contains("expected an object"), "{err}");
}

#[test]
fn an_object_in_an_array_is_the_object_but_several_are_an_error() {
    let r = record(r#", "client": [{"id": 7}]"#).unwrap();
    assert_eq!(r.client.unwrap().id, Some(7));
    let err = record(r#", "client": [{"id": 7}, {"id": 8}]"#).unwrap_err();
    assert!(err.contains("several values"), "{err}");
    let err = decode::<Record>(r#"{"id": 1, "staff": [{"id": 7}, {"id": 8}]}"#).unwrap_err();
    assert!(err.contains("several values"), "{err}");
}

#[test]
fn scalars_change_type() {
    let c: Client = decode(r#"{"id": "2919164", "phone": 13155550175}"#).unwrap();
    assert_eq!((c.id, c.phone.as_deref()), (Some(2919164), Some("13155550175")));
    let c: Client = decode(r#"{"id": 5.0, "phone": true}"#).unwrap();
    assert_eq!((c.id, c.phone.as_deref()), (Some(5), Some("true")));
    let c: Client = decode(r#"{"id": "", "phone": ""}"#).unwrap();
    assert_eq!((c.id, c.phone.as_deref()), (None, Some("")));
    assert!(decode::<Client>(r#"{"id": 5.5}"#).unwrap_err().contains("floating point"));
    assert!(decode::<Client>(r#"{"id": "five"}"#).is_err());
    let r = record(r#", "cost": "2161.51", "online": "1""#).unwrap();
    assert_eq!((r.cost, r.online), (Some(2161.51), Some(true)));
    let r = record(r#", "cost": 12, "online": 0"#).unwrap();
    assert_eq!((r.cost, r.online), (Some(12.0), Some(false)));
    let r = record(r#", "cost": "", "online": "false""#).unwrap();
    assert_eq!((r.cost, r.online), (None, Some(false)));
    assert!(record(r#", "online": 2"#).is_err());
    assert!(record(r#", "cost": "NaN""#).is_err());
    assert_eq!(decode::<i32>("3000000000").unwrap_err(), "3000000000 is out of range for i32");
    assert_eq!(decode::<u8>("\"7\"").unwrap(), 7);
    assert_eq!(decode::<f32>("\"1.5\"").unwrap(), 1.5);
    assert_eq!(decode::<String>("2.5").unwrap(), "2.5");
}

#[test]
fn arrays_take_one_value_an_empty_object_or_an_indexed_object() {
    let c: Client = decode(r#"{"visits": 3}"#).unwrap();
    assert_eq!(c.visits, Some(vec![3]));
    let c: Client = decode(r#"{"visits": {}}"#).unwrap();
    assert_eq!(c.visits, None);
    let c: Client = decode(r#"{"visits": ["1", 2.0]}"#).unwrap();
    assert_eq!(c.visits, Some(vec![1, 2]));
    let c: Client = decode(r#"{"visits": {"0": 4, "2": "5"}}"#).unwrap();
    assert_eq!(c.visits, Some(vec![4, 5]));
    assert!(decode::<Client>(r#"{"visits": {"0": 4, "x": 5}}"#).unwrap_err().contains("`x`"));
    let r = record(r#", "services": {"id": 9}"#).unwrap();
    assert_eq!(r.services.unwrap()[0].id, Some(9));
    assert_eq!(decode::<Vec<i64>>("null").unwrap(), Vec::<i64>::new());
    assert_eq!(decode::<Vec<i64>>("{}").unwrap(), Vec::<i64>::new());
    assert_eq!(decode::<Vec<String>>(r#""James Smith""#).unwrap(), ["James Smith"]);
}

#[test]
fn maps_take_an_empty_array_and_keep_a_filled_one() {
    let r = record(r#", "extra": []"#).unwrap();
    assert_eq!(r.extra, None);
    let m: BTreeMap<String, i64> = decode("[]").unwrap();
    assert!(m.is_empty());
    let m: BTreeMap<String, i64> = decode(r#"[1, "2"]"#).unwrap();
    assert_eq!(m, [("0".to_owned(), 1), ("1".to_owned(), 2)].into());
    let m: serde_json::Map<String, Value> = decode(r#"{"a": [1]}"#).unwrap();
    assert_eq!(Value::Object(m), json!({"a": [1]}));
}

#[test]
fn dates_in_every_form_and_no_date() {
    let r = record(r#", "datetime": "0000-00-00 00:00:00""#).unwrap();
    assert_eq!(r.datetime, None);
    let r = record(r#", "datetime": "2026-04-20T18:30:00+0500""#).unwrap();
    assert_eq!(r.datetime.unwrap().as_str(), "2026-04-20T18:30:00+0500");
    let required: DateTime = decode(r#""1970-01-01""#).unwrap();
    assert!(!required.is_set());
    assert_eq!(required.as_str(), "1970-01-01");
}

#[test]
fn values_stay_as_they_came() {
    let e: Envelope = decode(r#"{"success": 1, "data": [], "meta": []}"#).unwrap();
    assert_eq!(e, Envelope { success: Some(true), data: Some(vec![]), meta: Some(json!([])) });
    let e: Option<Value> = decode(r#""""#).unwrap();
    assert_eq!(e, Some(json!("")));
}

#[test]
fn a_bare_array_is_the_envelopes_data() {
    let e: Envelope = decode(r#"[{"id": 1}, {"id": "2"}]"#).unwrap();
    assert_eq!(e.success, None);
    assert_eq!(e.data.unwrap().iter().map(|c| c.id).collect::<Vec<_>>(), [Some(1), Some(2)]);
    // `data` as one object where a list is documented.
    let e: Envelope = decode(r#"{"success": true, "data": {"id": 3}}"#).unwrap();
    assert_eq!(e.data.unwrap()[0].id, Some(3));
}

#[test]
fn enums_read_codes_in_any_scalar() {
    #[derive(Debug, PartialEq, Deserialize)]
    enum Status {
        #[serde(rename = "active")]
        Active,
        #[serde(untagged)]
        Unknown(String),
    }
    let s: Status = string_enum(json!("active")).unwrap();
    assert_eq!(s, Status::Active);
    let s: Status = string_enum(json!(7)).unwrap();
    assert_eq!(s, Status::Unknown("7".into()));
    #[derive(Debug, PartialEq)]
    struct Code(i64);
    impl From<i64> for Code {
        fn from(v: i64) -> Self {
            Code(v)
        }
    }
    assert_eq!(integer_enum::<_, Code>(json!("2")).unwrap(), Code(2));
    assert_eq!(integer_enum::<_, Code>(json!(-1.0)).unwrap(), Code(-1));
}

#[test]
fn errors_name_the_path() {
    let mut de = serde_json::Deserializer::from_str(r#"{"id": 1, "staff": {"visits": [1, "x"]}}"#);
    let err = serde_path_to_error::deserialize::<_, Lenient<Record>>(&mut de).unwrap_err();
    assert_eq!(err.path().to_string(), "staff.visits[1]");
}
