//! Methods for request media types other than an operation's default, and
//! form and multipart bodies of every typed shape, against a mock server:
//! a crate generated from `fixtures/media_types.yaml` runs
//! `fixtures/media_types_received.rs` (reading bodies back with the
//! runtime's `mock::requests`) and its generated request tests under its
//! `mock` feature, with warnings denied.

#[test]
fn methods_for_other_media_types_send_their_own_body() {
    let (pkg, stdout) = altegio_tests::run_in_generated_crate(
        "media-types-fixture",
        "media_types.yaml",
        "media_types_received.rs",
    );
    assert!(pkg.diagnostics.is_empty(), "{:?}", pkg.diagnostics);
    assert_eq!((pkg.media_choices.several, pkg.media_choices.methods), (3, 4));
    assert_eq!((pkg.raw_bodies.total, pkg.media_choices.raw.total), (0, 0));
    assert!(stdout.contains("test result: ok. 6 passed"), "{stdout}");
    // The generated request tests: the 5 operations and their 3 other media types.
    assert!(stdout.contains("test result: ok. 8 passed"), "{stdout}");
}
