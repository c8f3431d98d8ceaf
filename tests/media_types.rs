//! Methods for request media types other than an operation's default, and
//! form and multipart bodies of every typed shape, against a mock server:
//! a crate generated from `fixtures/media_types.yaml` runs
//! `fixtures/media_types_received.rs` (with `multipart.rs`'s helpers to
//! read bodies back) under its `mock` feature, with warnings denied.

use generator::{PackageOptions, RuntimeDependency};

const CRATE: &str = "media-types-fixture";

#[test]
fn methods_for_other_media_types_send_their_own_body() {
    let root = altegio_tests::root();
    let work = altegio_tests::scratch_dir("media-types");
    let spec = std::fs::read(root.join("tests/fixtures/media_types.yaml")).expect("reading the fixture spec");
    let mut options = PackageOptions::new(CRATE, "media_types.yaml");
    options.runtime = RuntimeDependency::Path(root.join("runtime").to_string_lossy().into_owned());
    let pkg = generator::package(&spec, &options).expect("generates");
    assert!(pkg.diagnostics.is_empty(), "{:?}", pkg.diagnostics);
    assert_eq!((pkg.media_choices.several, pkg.media_choices.methods), (3, 4));
    assert_eq!((pkg.raw_bodies.total, pkg.media_choices.raw.total), (0, 0));
    for f in &pkg.files {
        let contents = if f.path == "Cargo.toml" {
            // A workspace of its own, with what the test file needs.
            format!(
                "{}\n[dev-dependencies]\ntokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\nwiremock = \"0.6\"\nform_urlencoded = \"1\"\n\n[workspace]\n",
                f.contents
            )
        } else {
            f.contents.clone()
        };
        altegio_tests::write_if_changed(&work.join(&f.path), &contents);
    }
    let copy = |from: &str, to: &str| {
        let text = std::fs::read_to_string(root.join(from)).unwrap_or_else(|e| panic!("reading {from}: {e}"));
        altegio_tests::write_if_changed(&work.join(to), &text);
    };
    copy("tests/fixtures/media_types_received.rs", "tests/received.rs");
    copy("tests/multipart.rs", "tests/support/multipart.rs");
    // The workspace's dependency versions; cargo adds the crate itself.
    if !work.join("Cargo.lock").exists() {
        copy("Cargo.lock", "Cargo.lock");
    }

    // No TLS: the mock server speaks plain HTTP.
    let output = altegio_tests::nested_cargo(&work)
        .args(["test", "--no-default-features", "--features", "mock", "--test", "received", "--target-dir"])
        .arg(work.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("running cargo test");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the generated crate's test failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("test result: ok. 6 passed"), "{stdout}");
}
