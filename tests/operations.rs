//! Every operation of every API against a local mock server (the tests are
//! generated under `generated/`), and a count against the specs so that an
//! operation without a test fails here.

#[rustfmt::skip]
#[path = "generated/mod.rs"]
mod generated;

use std::collections::BTreeSet;

use altegio_tests::root;

/// The callable operations of a spec with its reviewed overrides (which
/// may add one), read independently of the generator: every method under
/// `paths`, less those documented as not callable.
fn spec_operations(file: &std::path::Path) -> BTreeSet<String> {
    let bytes = std::fs::read(file).expect("spec readable");
    let mut doc = generator::load::parse_value(&bytes).expect("spec parses");
    if let Ok(overrides) = std::fs::read_to_string(file.with_file_name("overrides.json")) {
        generator::overrides::apply_file(&mut doc, &overrides).expect("overrides apply");
    }
    let mut ids = BTreeSet::new();
    let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    for (path, item) in doc["paths"].as_object().expect("paths").iter() {
        for (m, op) in item.as_object().expect("path item").iter() {
            if !methods.contains(&m.as_str()) {
                continue;
            }
            let description = op["description"].as_str().unwrap_or_default().to_ascii_lowercase();
            if description.contains("not a callable endpoint") {
                continue;
            }
            let id = op["operationId"].as_str().map(str::to_owned).unwrap_or_else(|| format!("{m} {path}"));
            ids.insert(id);
        }
    }
    ids
}

#[test]
fn every_operation_in_every_spec_has_a_test() {
    let spec_dir = root().join("spec");
    let mut checked = 0;
    for entry in std::fs::read_dir(&spec_dir).expect("spec/") {
        let dir = entry.expect("entry").path();
        let Ok(source) = std::fs::read_to_string(dir.join("source.json")) else { continue };
        let source: serde_json::Value = serde_json::from_str(&source).expect("source.json");
        let module = source["module"].as_str().expect("module");
        let file = dir.join(source["file"].as_str().expect("file"));
        let tested: BTreeSet<String> = generated::tested(module)
            .unwrap_or_else(|| panic!("no generated tests registered for API {module}"))
            .iter()
            .map(|s| s.to_string())
            .collect();
        let documented = spec_operations(&file);
        let missing: Vec<_> = documented.difference(&tested).collect();
        assert!(missing.is_empty(), "{module}: operations without a test: {missing:?}");
        let extra: Vec<_> = tested.difference(&documented).collect();
        assert!(extra.is_empty(), "{module}: tests for operations the spec does not have: {extra:?}");
        checked += documented.len();
    }
    assert!(checked > 0, "no operations found under spec/");
}
