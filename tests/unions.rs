//! Tagged unions whose variants share a tag (OpenAI's `InputMessage` and
//! `OutputMessage`, both `"message"`): a crate generated from
//! `fixtures/unions.yaml` runs `fixtures/unions_received.rs`.

#[test]
fn variants_sharing_a_tag_decode_by_their_members() {
    let (pkg, stdout) =
        altegio_tests::run_in_generated_crate("unions-fixture", "unions.yaml", "unions_received.rs");
    assert!(pkg.diagnostics.is_empty(), "{:?}", pkg.diagnostics);
    assert!(stdout.contains("test result: ok. 1 passed"), "{stdout}");
    // The generated request test of the one operation.
    assert!(stdout.matches("test result: ok. 1 passed").count() == 2, "{stdout}");
}
