//! Inputs that once crashed or hung the generator (found by the fuzz
//! targets in `fuzz/`, or written by hand for the same failure), kept so
//! they never do again. Each must load and generate, or fail with an
//! error: never panic, overflow the stack or hang.

use std::path::Path;
use std::time::{Duration, Instant};

fn run(bytes: &[u8]) {
    let options = generator::PackageOptions::new("fuzzed", "fuzz.json");
    let _ = generator::package(bytes, &options);
}

#[test]
fn every_saved_input_generates_or_fails_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut entries: Vec<_> =
        std::fs::read_dir(&dir).expect("the inputs folder").flatten().map(|e| e.path()).collect();
    entries.sort();
    assert!(!entries.is_empty());
    for path in entries {
        let bytes = std::fs::read(&path).expect("an input");
        let started = Instant::now();
        run(&bytes);
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{} took {:?}",
            path.display(),
            started.elapsed()
        );
    }
}

/// Schemas nested as deep as the JSON parser allows, inline and through
/// `$ref` chains, on a test thread's small stack.
#[test]
fn deep_nesting_does_not_overflow() {
    let mut schema = String::from(r#"{"type": "string"}"#);
    for _ in 0..60 {
        schema = format!(r#"{{"type": "object", "properties": {{"a": {schema}}}}}"#);
    }
    let inline = format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}}, "paths": {{}},
        "components": {{"schemas": {{"Deep": {schema}}}}}}}"#
    );
    run(inline.as_bytes());

    let mut arrays = String::from(r#"{"type": "integer"}"#);
    for _ in 0..120 {
        arrays = format!(r#"{{"type": "array", "items": {arrays}}}"#);
    }
    run(format!(r#"{{"openapi": "3.1.0", "info": {{"title": "t", "version": "1"}}, "paths": {{}}, "components": {{"schemas": {{"A": {arrays}}}}}}}"#).as_bytes());

    let chain: Vec<String> = (0..2000)
        .map(|i| format!(r##""S{i}": {{"allOf": [{{"$ref": "#/components/schemas/S{}"}}]}}"##, i + 1))
        .collect();
    let chained = format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}}, "paths": {{}},
        "components": {{"schemas": {{{}, "S2000": {{"type": "object", "properties": {{"x": {{"type": "string"}}}}}}}}}}}}"#,
        chain.join(",")
    );
    run(chained.as_bytes());

    // The same depths in Swagger 2.0, which is converted before the
    // normaliser bounds the depth: in a definition, in a parameter's
    // items and in a body parameter's schema.
    let swagger = format!(
        r#"{{"swagger": "2.0", "info": {{"title": "t", "version": "1"}},
        "definitions": {{"Deep": {schema}, "A": {arrays}}},
        "paths": {{"/a": {{"post": {{"parameters": [
            {{"name": "q", "in": "query", "type": "array", "items": {arrays}}},
            {{"name": "b", "in": "body", "schema": {schema}}}],
          "responses": {{"200": {{"description": "ok", "schema": {arrays}}}}}}}}}}}}}"#
    );
    run(swagger.as_bytes());
}
