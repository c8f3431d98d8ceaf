//! Test support for the generated example tests: decode every documented
//! example into its type, encode it again, compare with the reviewed list
//! of examples known not to fit, and decode each example again under every
//! quirk the real server is known for.

mod quirks;

use std::fmt::Debug;
use std::marker::PhantomData;

use serde::de::DeserializeSeed;
use serde::Serialize;
use serde_json::Value;

use crate::runtime::{EnvelopeMembers, EnvelopeSeed, Enveloped, Tolerant};

/// The type an example was checked against.
pub struct Checked<T>(PhantomData<T>);

/// Collects example results; [`ExampleReport::finish`] asserts on them.
pub struct ExampleReport {
    findings: Vec<(String, String)>,
    failures: Vec<String>,
    seen_findings: Vec<String>,
    /// Why each listed finding still fails, for the report.
    finding_errors: Vec<(String, String)>,
    checked: usize,
    /// Quirk mutations decoded, and those refused as a required member
    /// sent as `null` (not a quirk of optional values).
    mutations: usize,
    required_nulls: usize,
}

impl ExampleReport {
    /// `findings` is the JSON list of `{pointer, reason}` reviewed entries.
    pub fn new(findings: &str) -> Self {
        let list: Vec<Value> = serde_json::from_str(findings).expect("findings file is a JSON array");
        let findings = list
            .iter()
            .map(|f| {
                let pointer = f["pointer"].as_str().expect("finding has a pointer").to_owned();
                let reason = f["reason"].as_str().unwrap_or_default().to_owned();
                assert!(!reason.trim().is_empty(), "finding {pointer} has no reason");
                (pointer, reason)
            })
            .collect();
        Self {
            findings,
            failures: Vec::new(),
            seen_findings: Vec::new(),
            finding_errors: Vec::new(),
            checked: 0,
            mutations: 0,
            required_nulls: 0,
        }
    }

    /// Decodes `json` as `T`, encodes it and decodes it again; then decodes
    /// every quirk mutation of it.
    pub fn check<T: Tolerant + Serialize + PartialEq + Debug>(
        &mut self,
        pointer: &str,
        json: &str,
    ) -> Checked<T> {
        self.check_with(pointer, json, crate::runtime::Seed::<T>::new());
        Checked(PhantomData)
    }

    /// As [`ExampleReport::check`], for an answer in an envelope read as
    /// its data and meta, as the operation's method reads it.
    pub fn check_enveloped<T, M>(
        &mut self,
        pointer: &str,
        json: &str,
        members: EnvelopeMembers,
    ) -> Checked<Enveloped<T, M>>
    where
        T: Tolerant + Serialize + PartialEq + Debug,
        M: Tolerant + Serialize + PartialEq + Debug,
    {
        self.check_with(pointer, json, EnvelopeSeed::<T, M>::new(members));
        Checked(PhantomData)
    }

    fn check_with<S, T>(&mut self, pointer: &str, json: &str, seed: S)
    where
        S: for<'de> DeserializeSeed<'de, Value = T> + Copy,
        T: Serialize + PartialEq + Debug,
    {
        self.checked += 1;
        let result = round_trip(seed, json);
        let known = self.findings.iter().any(|(p, _)| p == pointer);
        match (result, known) {
            (Ok(canonical), false) => self.mutate(seed, pointer, &canonical),
            (Err(e), true) => {
                self.seen_findings.push(pointer.to_owned());
                self.finding_errors.push((pointer.to_owned(), e));
            }
            (Ok(_), true) => {
                self.failures.push(format!("{pointer}: listed as a finding but now decodes; remove it"))
            }
            (Err(e), false) => self.failures.push(format!("{pointer}: {e}")),
        }
    }

    /// Each quirk must decode, and every member it did not touch must keep
    /// its value (the touched one too, when the quirk loses nothing).
    fn mutate<S, T>(&mut self, seed: S, pointer: &str, canonical: &Value)
    where
        S: for<'de> DeserializeSeed<'de, Value = T> + Copy,
        T: Serialize,
    {
        for m in quirks::mutations(canonical) {
            let text = m.document.to_string();
            let decoded: T = match decode_tracked(seed, &text) {
                Ok(v) => v,
                Err(e) if m.quirk == "value as null" && refuses_null(&e, &m.pointer) => {
                    // A required member refuses `null`: it is documented
                    // as always present, so this is not a tolerated quirk.
                    self.required_nulls += 1;
                    continue;
                }
                Err(e) => {
                    self.failures.push(format!(
                        "{pointer}: {} at {} does not decode: {} at {}",
                        m.quirk,
                        m.pointer,
                        e.inner(),
                        e.path()
                    ));
                    continue;
                }
            };
            self.mutations += 1;
            let again = without_empties(&serde_json::to_value(&decoded).expect("decoded values encode"));
            let skip = (!m.lossless).then_some(m.pointer.as_str());
            let changed = quirks::difference(&without_empties(canonical), &again, skip, &mut String::new())
                // A member typed "any JSON" keeps what came: nothing is lost.
                .filter(|at| !(*at == m.pointer && again.pointer(at) == m.document.pointer(at)));
            if let Some(at) = changed {
                self.failures.push(format!(
                    "{pointer}: {} at {} changed the value at `{at}`: {:?} became {:?}",
                    m.quirk,
                    m.pointer,
                    canonical.pointer(&at),
                    again.pointer(&at)
                ));
            }
        }
    }

    /// Fails on any unexpected result, and on findings that match no
    /// example; returns how many quirk mutations decoded.
    pub fn finish(self, expected: usize) -> usize {
        assert_eq!(self.checked, expected);
        let mut failures = self.failures;
        for (pointer, _) in &self.findings {
            if !self.seen_findings.contains(pointer)
                && !failures.iter().any(|f| f.starts_with(pointer.as_str()))
            {
                failures.push(format!("{pointer}: finding matches no failing example"));
            }
        }
        let shown: Vec<&String> = failures.iter().take(400).collect();
        assert!(
            failures.is_empty(),
            "{} example problem(s), the first {}:\n{}",
            failures.len(),
            shown.len(),
            shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
        );
        for (pointer, error) in &self.finding_errors {
            eprintln!("reviewed finding {pointer}: {error}");
        }
        eprintln!(
            "{} examples, {} quirk mutations decoded, {} nulls refused by required members",
            self.checked, self.mutations, self.required_nulls
        );
        self.mutations
    }
}

/// Whether decoding failed because a member documented as required got
/// `null`: the failure is at the member, or at the union holding it
/// (whose variants all need the member).
fn refuses_null<E: std::fmt::Display>(e: &serde_path_to_error::Error<E>, pointer: &str) -> bool {
    // `a[0].b` and `/a/0/b` name the same member (and a map's numeric key
    // reads like an index in a pointer): compare the tokens.
    let tokens = |path: &str| -> Vec<String> {
        path.split(['.', '[', ']', '/']).filter(|t| !t.is_empty()).map(str::to_owned).collect()
    };
    let failed = tokens(&e.path().to_string());
    let member = tokens(pointer);
    failed == member
        || (e.inner().to_string().contains("did not match any variant") && member.starts_with(&failed))
}

/// Decodes `text` with `seed`, naming the path of a failure.
fn decode_tracked<S, T>(seed: S, text: &str) -> Result<T, serde_path_to_error::Error<serde_json::Error>>
where
    S: for<'de> DeserializeSeed<'de, Value = T>,
{
    let mut de = serde_json::Deserializer::from_str(text);
    let mut track = serde_path_to_error::Track::new();
    let decoded = seed.deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track));
    decoded.and_then(|v| de.end().map(|()| v)).map_err(|e| serde_path_to_error::Error::new(track.path(), e))
}

/// Decodes `json` tolerantly with `seed`, encodes it and decodes it again;
/// the value must survive, and its encoding is returned.
fn round_trip<S, T>(seed: S, json: &str) -> Result<Value, String>
where
    S: for<'de> DeserializeSeed<'de, Value = T> + Copy,
    T: Serialize + PartialEq + Debug,
{
    let first =
        decode_tracked(seed, json).map_err(|e| format!("decode failed at {}: {}", e.path(), e.inner()))?;
    let encoded = serde_json::to_string(&first).map_err(|e| format!("encode failed: {e}"))?;
    let second =
        decode_tracked(seed, &encoded).map_err(|e| format!("re-decode failed: {}: {encoded}", e.inner()))?;
    let canonical: Value = serde_json::from_str(&encoded).map_err(|e| e.to_string())?;
    // An object whose members are all absent encodes as `{}`, which reads
    // back as absent: the same nothing, not a change.
    let again = serde_json::to_value(&second).map_err(|e| e.to_string())?;
    if first != second && without_empties(&canonical) != without_empties(&again) {
        return Err(format!("round trip changed the value: {first:?} != {second:?}"));
    }
    Ok(canonical)
}

/// `value` with empty objects and arrays left out, at any depth.
fn without_empties(value: &Value) -> Value {
    match value {
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), without_empties(v)))
                .filter(|(_, v)| !matches!(v, Value::Object(m) if m.is_empty()))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_empties).collect()),
        other => other.clone(),
    }
}
