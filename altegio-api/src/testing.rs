//! Test support for the generated example tests: decode every documented
//! example into its type, encode it again, and compare with the reviewed
//! list of examples known not to fit.

use std::fmt::Debug;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;

/// The type an example was checked against.
pub struct Checked<T>(PhantomData<T>);

/// Collects example results; [`ExampleReport::finish`] asserts on them.
pub struct ExampleReport {
    findings: Vec<(String, String)>,
    failures: Vec<String>,
    seen_findings: Vec<String>,
    checked: usize,
}

impl ExampleReport {
    /// `findings` is the JSON list of `{pointer, reason}` reviewed entries.
    pub fn new(findings: &str) -> Self {
        let list: Vec<serde_json::Value> =
            serde_json::from_str(findings).expect("findings file is a JSON array");
        let findings = list
            .iter()
            .map(|f| {
                let pointer = f["pointer"].as_str().expect("finding has a pointer").to_owned();
                let reason = f["reason"].as_str().unwrap_or_default().to_owned();
                assert!(!reason.trim().is_empty(), "finding {pointer} has no reason");
                (pointer, reason)
            })
            .collect();
        Self { findings, failures: Vec::new(), seen_findings: Vec::new(), checked: 0 }
    }

    /// Decodes `json` as `T`, encodes it and decodes it again.
    pub fn check<T: DeserializeOwned + Serialize + PartialEq + Debug>(
        &mut self,
        pointer: &str,
        json: &str,
    ) -> Checked<T> {
        self.checked += 1;
        let result = round_trip::<T>(json);
        let known = self.findings.iter().any(|(p, _)| p == pointer);
        match (result, known) {
            (Ok(()), false) => {}
            (Err(_), true) => self.seen_findings.push(pointer.to_owned()),
            (Ok(()), true) => {
                self.failures.push(format!("{pointer}: listed as a finding but now decodes; remove it"))
            }
            (Err(e), false) => self.failures.push(format!("{pointer}: {e}")),
        }
        Checked(PhantomData)
    }

    /// Fails on any unexpected result, and on findings that match no example.
    pub fn finish(self, expected: usize) {
        assert_eq!(self.checked, expected);
        let mut failures = self.failures;
        for (pointer, _) in &self.findings {
            if !self.seen_findings.contains(pointer)
                && !failures.iter().any(|f| f.starts_with(pointer.as_str()))
            {
                failures.push(format!("{pointer}: finding matches no failing example"));
            }
        }
        assert!(failures.is_empty(), "{} example problem(s):\n{}", failures.len(), failures.join("\n"));
    }
}

fn round_trip<T: DeserializeOwned + Serialize + PartialEq + Debug>(json: &str) -> Result<(), String> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let first: T = serde_path_to_error::deserialize(de)
        .map_err(|e| format!("decode failed at {}: {}", e.path(), e.inner()))?;
    let encoded = serde_json::to_string(&first).map_err(|e| format!("encode failed: {e}"))?;
    let second: T =
        serde_json::from_str(&encoded).map_err(|e| format!("re-decode failed: {e}: {encoded}"))?;
    if first != second {
        return Err(format!("round trip changed the value: {first:?} != {second:?}"));
    }
    Ok(())
}
