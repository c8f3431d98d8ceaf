//! The fast subset of `cargo xtask corpus`, run by its own code. Always:
//! Altegio's committed specs and `fixtures/specs/`; when `../shared/specs`
//! exists, a few small real-world specs from it too (three of them Swagger
//! 2.0, and the official YCLIENTS description, Altegio's platform under its
//! earlier brand). Each is generated as `openapi-rs-gen` would and all are
//! compiled with one `cargo check` per feature set (the Altegio crates only
//! with their features on): generated code must compile without warnings.
//! Then the others' generated request tests are built and run: every
//! operation must pass.

use std::path::Path;

use xtask::corpus::{self, Spec};

const SMALL: &[&str] = &[
    "petstore.yaml",
    "petstore-expanded.yaml",
    "uspto.yaml",
    "param-collision.json",
    "example-multipart.json",
    "keeper.json",
    "yclients.json",
    "uber.json",
    "alertmanager.yaml",
    "gotify.json",
];

/// Operations some specs must come out with: none dropped.
const OPERATIONS: &[(&str, usize)] = &[
    ("yclients.json", 304),
    ("petstore.yaml", 3),
    ("uspto.yaml", 3),
    ("uber.json", 5),
    ("alertmanager.yaml", 9),
    ("gotify.json", 42),
];

/// The committed specs (Altegio's and the fixtures of constructs that once
/// made rustc warn), then the small ones when `../shared/specs` exists.
fn specs(root: &Path) -> Vec<Spec> {
    let apis = xtask::apis::discover(root).expect("the committed specs under spec/");
    let mut specs: Vec<Spec> = apis.iter().map(Spec::committed).collect();
    let fixtures = corpus::spec_files(&root.join("tests/fixtures/specs")).expect("the fixture specs");
    specs.extend(fixtures.iter().map(|file| Spec::from_file(file)));
    let shared = root.join("../shared/specs");
    if shared.is_dir() {
        specs.extend(SMALL.iter().map(|name| Spec::from_file(&shared.join(name))));
    } else {
        println!("skipped the small real-world specs: ../shared/specs is absent");
    }
    specs
}

/// The generated methods of a crate: each returns a `runtime::Call`.
fn methods(crate_dir: &Path) -> usize {
    let api = crate_dir.join("src/api");
    let files = std::fs::read_dir(&api).unwrap_or_else(|e| panic!("reading {}: {e}", api.display()));
    files
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .map(|text| text.matches(") -> runtime::Call<").count())
        .sum()
}

#[test]
fn committed_and_small_specs_generate_and_compile_without_warnings() {
    let root = altegio_tests::root();
    let work = altegio_tests::scratch_dir("corpus-small");
    let mut members = Vec::new();
    let mut committed = Vec::new();
    for spec in specs(&root) {
        let outcome = corpus::generate(&spec, &work);
        assert!(outcome.panic.is_none() && outcome.unsupported.is_none(), "{}: {outcome:?}", spec.name);
        if let Some((_, n)) = OPERATIONS.iter().find(|(name, _)| *name == spec.name) {
            assert_eq!(outcome.operations, *n, "{}: operations", spec.name);
        }
        let crate_dir = work.join("crates").join(&spec.crate_name);
        assert_eq!(methods(&crate_dir), outcome.operations, "{}: one method per operation", spec.name);
        if spec.file.starts_with(root.join("spec")) {
            committed.push(spec.crate_name.clone());
        }
        members.push(spec.crate_name);
    }
    corpus::write_workspace(&work, &root, &members).expect("writing the scratch workspace");

    // Every crate with its `tracing` and `mock` features, then the others
    // with default features. The Altegio crates are left out of the second
    // pass: they are the largest, and the emitter that decides what each
    // feature gates is the same for every spec (`.ci/run` also builds
    // altegio-api with each feature set).
    let all: Vec<String> =
        members.iter().flat_map(|m| [format!("{m}/tracing"), format!("{m}/mock")]).collect();
    let others: Vec<String> = members.iter().filter(|m| !committed.contains(m)).cloned().collect();
    for (with, packages, features) in
        [("tracing and mock", &members, &all[..]), ("default features", &others, &[][..])]
    {
        let checked = corpus::check(&work, packages, features, false).expect("running cargo check");
        let findings: Vec<String> = checked
            .findings
            .iter()
            .filter(|(_, (errors, warnings, ..))| errors + warnings > 0)
            .map(|(krate, (_, _, error, warning))| format!("{krate}: {error:?} {warning:?}"))
            .collect();
        assert!(findings.is_empty(), "generated code has rustc findings ({with}):\n{}", findings.join("\n"));
        assert!(checked.success, "cargo check ({with}) failed:\n{}", checked.stderr);
    }

    // The request tests of every crate but Altegio's (its own run under
    // `tests/generated/`) and YCLIENTS' (the largest; `cargo xtask corpus`
    // runs it): each operation sends what its spec says, credentials
    // included (gotify's basic auth, header and query keys).
    let tested: Vec<String> = others.iter().filter(|m| !m.contains("yclients")).cloned().collect();
    let runs =
        corpus::requests::build_and_run(&work, &tested).expect("building and running the request tests");
    let failing: Vec<String> =
        runs.iter().filter_map(|(krate, run)| run.problem().map(|p| format!("{krate}: {p}"))).collect();
    assert!(failing.is_empty(), "generated request tests fail:\n{}", failing.join("\n"));
    assert_eq!(runs.len(), tested.len(), "a run per crate");
}
