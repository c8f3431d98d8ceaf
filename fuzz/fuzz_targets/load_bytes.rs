//! Arbitrary bytes through the whole pipeline: load (JSON or YAML), model,
//! emit and the standalone crate. Errors are fine; panics, overflows and
//! hangs are not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = generator::PackageOptions::new("fuzzed", "fuzz.json");
    let _ = generator::package(data, &options);
});
