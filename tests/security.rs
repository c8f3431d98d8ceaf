//! The spec's security schemes in a generated crate: HTTP basic and bearer,
//! OAuth 2, API keys in a header (with the prefix its description
//! documents), a query parameter and a cookie, alternatives, and optional
//! and empty security. A crate generated from `fixtures/security.yaml` runs
//! `fixtures/security_received.rs` and its generated request tests against
//! its own mock server.

#[test]
fn each_operation_sends_the_credentials_its_security_asks_for() {
    let (pkg, stdout) =
        altegio_tests::run_in_generated_crate("security-fixture", "security.yaml", "security_received.rs");
    assert!(pkg.diagnostics.is_empty(), "{:?}", pkg.diagnostics);
    let client = pkg.files.iter().find(|f| f.path == "src/api/client.rs").expect("the client module");
    let docs = [
        "Sends `header_key` (header `Authorization`, after `Token token=`).",
        "Sends the first of `query_key` (query parameter `api_key`) or `basic` (HTTP basic) that the client holds.",
        "Sends `query_key` (query parameter `api_key`) and `cookie_key` (cookie `sid`).",
        "Sends `query_key` (query parameter `api_key`), or nothing when it holds none.",
    ];
    for doc in docs {
        assert!(client.contents.contains(doc), "{doc}");
    }
    assert!(stdout.contains("test result: ok. 2 passed"), "{stdout}");
    // The generated request tests: one per operation, each checking the
    // exact credentials its security asks for.
    assert!(stdout.contains("test result: ok. 7 passed"), "{stdout}");
}
