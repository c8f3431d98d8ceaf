//! A few small real-world specs (from `../shared/specs`, when present; three
//! of them Swagger 2.0), the official YCLIENTS description (Altegio's platform under its earlier
//! brand) and Altegio's committed Developer Tools spec, each generated as a
//! standalone crate and compiled with one `cargo check`: the fast subset of
//! `cargo xtask corpus`. Generated code must compile without warnings.

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

/// Operations each spec must come out with: every one a method, none dropped.
const OPERATIONS: &[(&str, usize)] = &[
    ("yclients.json", 304),
    ("petstore.yaml", 3),
    ("uspto.yaml", 3),
    ("uber.json", 5),
    ("alertmanager.yaml", 9),
    ("gotify.json", 42),
];

#[test]
fn small_specs_generate_and_compile_without_warnings() {
    let specs_dir = altegio_tests::root().join("../shared/specs");
    if !specs_dir.is_dir() {
        println!("skipped: ../shared/specs not found");
        return;
    }
    let work = altegio_tests::scratch_dir("corpus-small");
    let mut specs: Vec<(String, Vec<u8>)> = SMALL
        .iter()
        .map(|name| {
            let bytes = std::fs::read(specs_dir.join(name)).unwrap_or_else(|e| panic!("reading {name}: {e}"));
            (name.to_string(), bytes)
        })
        .collect();
    specs.push(("altegio-developers.json".into(), altegio_tests::spec_bytes("developers", "openapi.json")));

    let mut members = Vec::new();
    for (name, bytes) in &specs {
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let crate_name = format!("small-{}", stem.replace(['.', '_'], "-"));
        let options = generator::PackageOptions::new(&crate_name, name.as_str());
        let pkg = generator::package(bytes, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Some((_, n)) = OPERATIONS.iter().find(|(spec, _)| spec == name) {
            assert_eq!(pkg.operations, *n, "{name}: operations");
            // Generated code sits under src/api/, the copied runtime beside it.
            let client: String = pkg
                .files
                .iter()
                .filter(|f| f.path.starts_with("src/api/"))
                .map(|f| f.contents.as_str())
                .collect();
            assert_eq!(client.matches(") -> runtime::Call<").count(), *n, "{name}: one method per operation");
        }
        for f in &pkg.files {
            altegio_tests::write_if_changed(
                &work.join("crates").join(&crate_name).join(&f.path),
                &f.contents,
            );
        }
        members.push(crate_name);
    }
    let list: Vec<String> = members.iter().map(|m| format!("\"crates/{m}\"")).collect();
    altegio_tests::write_if_changed(
        &work.join("Cargo.toml"),
        &format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", list.join(", ")),
    );
    // The workspace's lock file: the same dependency versions, no resolution.
    if !work.join("Cargo.lock").exists() {
        std::fs::copy(altegio_tests::root().join("Cargo.lock"), work.join("Cargo.lock"))
            .expect("copying Cargo.lock");
    }

    // Default features, then the `tracing` and `mock` features of every crate.
    let features: Vec<String> =
        members.iter().flat_map(|m| [format!("{m}/tracing"), format!("{m}/mock")]).collect();
    for extra in [None, Some(features.join(","))] {
        let mut cmd = altegio_tests::nested_cargo(&work);
        cmd.args(["check", "--workspace", "--keep-going", "--message-format=short", "--target-dir"])
            .arg(work.join("target"));
        if let Some(features) = &extra {
            cmd.args(["--features", features]);
        }
        let output = cmd.output().expect("running cargo check");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let findings: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains("crates/") && (l.contains(": error") || l.contains(": warning")))
            .collect();
        let with = extra.as_deref().map_or("default features", |_| "tracing and mock");
        assert!(output.status.success(), "cargo check ({with}) failed:\n{stderr}");
        assert!(findings.is_empty(), "generated code has rustc findings ({with}):\n{}", findings.join("\n"));
    }
}
