//! Dates and date-times as Altegio sends them: three forms in one record,
//! and several ways to say "no date".

use std::fmt;

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::tolerant::{Shape, Tolerant};

/// A date or date-time field, as the server sent it.
///
/// It reads every form Altegio uses, `2026-04-20` (a date),
/// `2026-04-20 18:30:00` (the company's local time, no offset),
/// `2026-04-20T18:30:00+05:00` and `2026-04-20T18:30:00+0500` (with an
/// offset; `T` or a space, optional fractions of a second, `Z`), and keeps
/// the text, so a value encodes back byte for byte. A naive time stays
/// naive: no offset is invented for it.
///
/// "No date" (`""`, `"0000-00-00"`, `"0000-00-00 00:00:00"`,
/// `"1970-01-01"`) makes an optional field `None`; a required field keeps
/// the text with [`DateTimeValue::Unset`]. Text that is no date at all is
/// kept too, as [`DateTimeValue::Unrecognised`], rather than failing the
/// whole response.
///
/// ```
/// use openapi_rs_runtime::{DateTime, DateTimeValue};
///
/// let local = DateTime::parse("2026-04-20 18:30:00");
/// assert!(matches!(local.value(), DateTimeValue::Naive(_)));
/// assert_eq!(local.to_string(), "2026-04-20 18:30:00");
/// assert!(local.with_offset().is_none());
///
/// let exact = DateTime::parse("2026-04-20T18:30:00+0500");
/// assert_eq!(exact.with_offset().unwrap().to_rfc3339(), "2026-04-20T18:30:00+05:00");
/// assert_eq!(exact.naive(), local.naive());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    text: String,
    value: DateTimeValue,
}

/// What a [`DateTime`]'s text holds, as `chrono` types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateTimeValue {
    /// A calendar date: `2026-04-20`.
    Date(NaiveDate),
    /// A local date and time without an offset: `2026-04-20 18:30:00`.
    Naive(NaiveDateTime),
    /// A date and time with its UTC offset: `2026-04-20T18:30:00+05:00`.
    Offset(chrono::DateTime<FixedOffset>),
    /// "No date": `""`, `0000-00-00`, `1970-01-01`.
    Unset,
    /// Text in no form above, kept as sent.
    Unrecognised,
}

impl DateTime {
    /// Reads `text` in any form the type knows; never fails (see
    /// [`DateTimeValue::Unrecognised`]).
    pub fn parse(text: impl Into<String>) -> Self {
        let text = text.into();
        let value = parse(&text);
        DateTime { text, value }
    }

    /// The text as sent (or as given).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// What the text holds.
    pub fn value(&self) -> DateTimeValue {
        self.value
    }

    /// Whether the text holds a date (not "no date" or unrecognised text).
    pub fn is_set(&self) -> bool {
        !matches!(self.value, DateTimeValue::Unset | DateTimeValue::Unrecognised)
    }

    /// The calendar date, in the time's own offset.
    pub fn date(&self) -> Option<NaiveDate> {
        match self.value {
            DateTimeValue::Date(d) => Some(d),
            DateTimeValue::Naive(t) => Some(t.date()),
            DateTimeValue::Offset(t) => Some(t.date_naive()),
            _ => None,
        }
    }

    /// The date and time on the wall clock, without the offset; a date
    /// alone gives `None`.
    pub fn naive(&self) -> Option<NaiveDateTime> {
        match self.value {
            DateTimeValue::Naive(t) => Some(t),
            DateTimeValue::Offset(t) => Some(t.naive_local()),
            _ => None,
        }
    }

    /// The instant, when the text gives an offset.
    pub fn with_offset(&self) -> Option<chrono::DateTime<FixedOffset>> {
        match self.value {
            DateTimeValue::Offset(t) => Some(t),
            _ => None,
        }
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DateTime").field(&self.text).finish()
    }
}

impl From<&str> for DateTime {
    fn from(text: &str) -> Self {
        DateTime::parse(text)
    }
}

impl From<String> for DateTime {
    fn from(text: String) -> Self {
        DateTime::parse(text)
    }
}

/// `2026-04-20`.
impl From<NaiveDate> for DateTime {
    fn from(date: NaiveDate) -> Self {
        DateTime { text: date.format("%Y-%m-%d").to_string(), value: DateTimeValue::Date(date) }
    }
}

/// `2026-04-20 18:30:00`, Altegio's form for a company's local time.
impl From<NaiveDateTime> for DateTime {
    fn from(time: NaiveDateTime) -> Self {
        DateTime { text: time.format("%Y-%m-%d %H:%M:%S%.f").to_string(), value: DateTimeValue::Naive(time) }
    }
}

/// RFC 3339: `2026-04-20T18:30:00+05:00`.
impl From<chrono::DateTime<FixedOffset>> for DateTime {
    fn from(time: chrono::DateTime<FixedOffset>) -> Self {
        DateTime { text: time.to_rfc3339(), value: DateTimeValue::Offset(time) }
    }
}

/// RFC 3339 with offset `+00:00`.
impl From<chrono::DateTime<chrono::Utc>> for DateTime {
    fn from(time: chrono::DateTime<chrono::Utc>) -> Self {
        DateTime::from(time.fixed_offset())
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DateTimeVisitor)
    }
}

impl Tolerant for DateTime {
    const SHAPE: Shape = Shape::Date;

    fn deserialize_tolerant<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DateTimeVisitor)
    }

    fn empty() -> Option<Self> {
        Some(DateTime::parse(""))
    }
}

/// A string; a number (a Unix time, say) is kept as its text.
struct DateTimeVisitor;

impl Visitor<'_> for DateTimeVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date or date-time string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime, E> {
        Ok(DateTime::parse(v))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<DateTime, E> {
        Ok(DateTime::parse(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateTime, E> {
        Ok(DateTime::parse(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateTime, E> {
        Ok(DateTime::parse(v.to_string()))
    }
}

/// Whether `text` is one of the ways Altegio says "no date".
pub(crate) fn is_sentinel(text: &str) -> bool {
    matches!(parse(text), DateTimeValue::Unset)
}

fn parse(text: &str) -> DateTimeValue {
    let t = text.trim();
    if t.is_empty() || t.starts_with("0000-00-00") {
        return DateTimeValue::Unset;
    }
    let value = parse_set(t.as_bytes()).unwrap_or(DateTimeValue::Unrecognised);
    if is_epoch(value) {
        DateTimeValue::Unset
    } else {
        value
    }
}

/// Midnight of 1970-01-01 without an offset or at UTC: a zero timestamp.
fn is_epoch(value: DateTimeValue) -> bool {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).map(|d| d.and_time(NaiveTime::MIN));
    match value {
        DateTimeValue::Date(d) => Some(d) == NaiveDate::from_ymd_opt(1970, 1, 1),
        DateTimeValue::Naive(t) => Some(t) == epoch,
        DateTimeValue::Offset(t) => t.offset().local_minus_utc() == 0 && Some(t.naive_utc()) == epoch,
        _ => false,
    }
}

fn parse_set(b: &[u8]) -> Option<DateTimeValue> {
    let date = NaiveDate::from_ymd_opt(digits(b, 0, 4)? as i32, digits(b, 5, 2)?, digits(b, 8, 2)?)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    if b.len() == 10 {
        return Some(DateTimeValue::Date(date));
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || b.get(13) != Some(&b':') {
        return None;
    }
    let (hour, minute) = (digits(b, 11, 2)?, digits(b, 14, 2)?);
    let mut at = 16;
    let mut second = 0;
    let mut nano = 0;
    if b.get(at) == Some(&b':') {
        second = digits(b, at + 1, 2)?;
        at += 3;
        if b.get(at) == Some(&b'.') {
            at += 1;
            let start = at;
            while b.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            let fraction = &b[start..at];
            if fraction.is_empty() {
                return None;
            }
            // Nanoseconds: the first nine digits, padded.
            for i in 0..9 {
                nano = nano * 10 + fraction.get(i).map_or(0, |d| u32::from(d - b'0'));
            }
        }
    }
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nano)?;
    let naive = date.and_time(time);
    let rest = &b[at..];
    if rest.is_empty() {
        return Some(DateTimeValue::Naive(naive));
    }
    let offset = offset(rest)?;
    naive.and_local_timezone(offset).single().map(DateTimeValue::Offset)
}

/// `Z`, `+05:00`, `+0500` or `+05`.
fn offset(rest: &[u8]) -> Option<FixedOffset> {
    if rest == b"Z" || rest == b"z" {
        return FixedOffset::east_opt(0);
    }
    let sign = match rest.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours = digits(rest, 1, 2)?;
    let minutes = match rest.len() {
        3 => 0,
        5 => digits(rest, 3, 2)?,
        6 if rest[3] == b':' => digits(rest, 4, 2)?,
        _ => return None,
    };
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60) as i32)
}

/// The number written by `len` ASCII digits at `at`.
fn digits(b: &[u8], at: usize, len: usize) -> Option<u32> {
    let s = b.get(at..at + len)?;
    s.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> DateTimeValue {
        DateTime::parse(text).value()
    }

    #[test]
    fn every_form_parses_and_keeps_its_text() {
        let date = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
        let naive = date.and_hms_opt(18, 30, 0).unwrap();
        let plus5 = FixedOffset::east_opt(5 * 3600).unwrap();
        assert_eq!(value("2026-04-20"), DateTimeValue::Date(date));
        assert_eq!(value("2026-04-20 18:30:00"), DateTimeValue::Naive(naive));
        assert_eq!(value("2026-04-20T18:30:00"), DateTimeValue::Naive(naive));
        assert_eq!(value("2026-04-20 18:30"), DateTimeValue::Naive(naive));
        for text in ["2026-04-20T18:30:00+05:00", "2026-04-20T18:30:00+0500", "2026-04-20 18:30:00+05"] {
            let t = DateTime::parse(text);
            assert_eq!(t.with_offset(), naive.and_local_timezone(plus5).single(), "{text}");
            assert_eq!(t.as_str(), text);
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{text}\""));
        }
        let utc = DateTime::parse("2026-01-15T14:30:00.000000Z");
        assert_eq!(utc.with_offset().unwrap().to_rfc3339(), "2026-01-15T14:30:00+00:00");
        let minus = DateTime::parse("2026-09-21T23:00:00.125-05:00");
        assert_eq!(minus.with_offset().unwrap().timestamp_subsec_millis(), 125);
        assert_eq!(minus.date(), NaiveDate::from_ymd_opt(2026, 9, 21));
    }

    #[test]
    fn no_date_and_unknown_text() {
        for text in ["", " ", "0000-00-00", "0000-00-00 00:00:00", "1970-01-01", "1970-01-01 00:00:00"] {
            assert_eq!(value(text), DateTimeValue::Unset, "{text:?}");
            assert!(is_sentinel(text));
            assert!(!DateTime::parse(text).is_set());
        }
        assert_eq!(value("1970-01-01T00:00:00Z"), DateTimeValue::Unset);
        assert!(matches!(value("1970-01-01 00:00:01"), DateTimeValue::Naive(_)));
        for text in ["tomorrow", "2026-13-01", "2026-02-30", "2026-04-20T25:00:00", "2026-04-20T10:00:00+5"] {
            assert_eq!(value(text), DateTimeValue::Unrecognised, "{text:?}");
            assert_eq!(DateTime::parse(text).as_str(), text);
        }
    }

    #[test]
    fn made_from_chrono_values() {
        let date = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
        assert_eq!(DateTime::from(date).as_str(), "2026-04-20");
        let naive = date.and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(DateTime::from(naive).as_str(), "2026-04-20 09:05:00");
        let exact = naive.and_local_timezone(FixedOffset::east_opt(-5 * 3600).unwrap()).unwrap();
        assert_eq!(DateTime::from(exact).as_str(), "2026-04-20T09:05:00-05:00");
        assert_eq!(DateTime::from("2026-04-20").date(), Some(date));
    }

    #[test]
    fn decodes_numbers_as_text() {
        let t: DateTime = serde_json::from_str("1713638400").unwrap();
        assert_eq!(t.as_str(), "1713638400");
        assert_eq!(t.value(), DateTimeValue::Unrecognised);
        assert!(serde_json::from_str::<DateTime>("[]").is_err());
    }
}
