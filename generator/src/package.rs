//! A standalone client crate for one spec: the generated API module and a
//! crate root that gives the runtime crate (`openapi-rs-runtime`) the API's
//! profile (default base URL, `Accept`, user agent). The runtime is a
//! dependency, never copied.

use openapiv3::Server;

use crate::diagnostics::{Diagnostic, Severity};
use crate::emit::{GeneratedFile, Options};
use crate::load::{load, Document, SpecVersion};
use crate::Error;

/// The module the generated API lives in; also `Client::api()`.
const MODULE: &str = "api";

/// The generated request tests: one per operation, against the mock server.
pub const REQUEST_TESTS: &str = "tests/requests.rs";

/// The runtime crate generated crates depend on.
pub const RUNTIME_CRATE: &str = "openapi-rs-runtime";

/// The runtime's version this generator writes code for: the workspace's
/// version, which the runtime shares.
pub const RUNTIME_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where a generated crate gets the runtime from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// The published crate, at [`RUNTIME_VERSION`].
    Version,
    /// A folder holding the runtime crate (offline, vendored, or this
    /// workspace's `runtime/`), as written in `Cargo.toml`.
    Path(String),
}

/// How a standalone crate is named and described.
#[derive(Debug, Clone)]
pub struct PackageOptions {
    /// The crate's name (`petstore-client`); must be a valid package name.
    pub crate_name: String,
    /// The spec's path as shown in file headers and the README.
    pub spec_path: String,
    /// The crate's version.
    pub version: String,
    /// Where the runtime comes from.
    pub runtime: RuntimeDependency,
}

impl PackageOptions {
    /// Options with version `0.1.0`.
    pub fn new(crate_name: impl Into<String>, spec_path: impl Into<String>) -> Self {
        Self {
            crate_name: crate_name.into(),
            spec_path: spec_path.into(),
            version: "0.1.0".into(),
            runtime: RuntimeDependency::Version,
        }
    }
}

/// A generated crate: its files (paths relative to the crate folder) and
/// what generation found out on the way.
#[derive(Debug, Clone)]
pub struct Package {
    pub files: Vec<GeneratedFile>,
    pub declared_version: String,
    pub version: SpecVersion,
    /// Component schemas in the document.
    pub schemas: usize,
    /// Rust types generated.
    pub types: usize,
    pub operations: usize,
    pub webhooks: usize,
    /// Operations whose request body the caller passes as encoded bytes.
    pub raw_bodies: crate::emit::bodies::RawBodies,
    /// Operations that accept several request media types, and the
    /// methods for the other ones.
    pub media_choices: crate::emit::bodies::MediaChoices,
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether `name` can be a cargo package name (and so a crate name).
pub fn valid_crate_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Generates a standalone crate from JSON or YAML bytes.
pub fn package(bytes: &[u8], options: &PackageOptions) -> Result<Package, Error> {
    let doc = load(bytes)?;
    package_document(&doc, options)
}

/// Generates a standalone crate from a loaded document.
pub fn package_document(doc: &Document, options: &PackageOptions) -> Result<Package, Error> {
    let emit_options = Options {
        spec_path: options.spec_path.clone(),
        module: MODULE.into(),
        crate_name: options.crate_name.replace('-', "_"),
        example_findings: None,
        base_server: None,
        profile: Default::default(),
    };
    let (out, tests) = crate::generate_parts(doc, &emit_options, true)?;
    let mut diagnostics = out.diagnostics;
    let lib_name = options.crate_name.replace('-', "_");
    let (base_url, note) = base_url(&doc.api.servers);
    if let Some(note) = note {
        diagnostics.push(Diagnostic::warning(doc.origins.original("/servers"), note));
    }
    let title = doc.api.info.title.trim();
    let title = if title.is_empty() { options.crate_name.as_str() } else { title };

    let mut files = Vec::new();
    files.push(GeneratedFile { path: "Cargo.toml".into(), contents: cargo_toml(options, title) });
    files.push(GeneratedFile {
        path: "README.md".into(),
        contents: readme(options, &lib_name, title, &base_url, &schemes(doc)),
    });
    let schemes = schemes(doc);
    files.push(GeneratedFile {
        path: "src/lib.rs".into(),
        contents: lib_rs(options, title, &base_url, &schemes)?,
    });
    for file in out.files {
        // The emitter's header names the workspace's regen command.
        let contents = file.contents.replacen("`cargo xtask regen`", "openapi-rs-gen", 1);
        files.push(GeneratedFile { path: format!("src/{MODULE}/{}", file.path), contents });
    }
    if let Some(tests) = tests {
        let contents = tests.contents.replacen("`cargo xtask regen`", "openapi-rs-gen", 1);
        files.push(GeneratedFile { path: REQUEST_TESTS.into(), contents });
    }
    Ok(Package {
        files,
        declared_version: doc.declared_version.clone(),
        version: doc.version,
        schemas: doc.api.components.as_ref().map_or(0, |c| c.schemas.len()),
        types: out.types,
        operations: out.operations,
        webhooks: out.webhooks,
        raw_bodies: out.raw_bodies,
        media_choices: out.media_choices,
        diagnostics,
    })
}

/// The first server's URL with its variables at their defaults; a relative
/// or missing URL falls back to localhost (with a note why).
fn base_url(servers: &[Server]) -> (String, Option<String>) {
    let Some(server) = servers.first() else {
        return (
            "http://localhost".into(),
            Some("no `servers`: the default base URL is http://localhost".into()),
        );
    };
    let mut url = server.url.trim().to_owned();
    if let Some(vars) = &server.variables {
        for (name, var) in vars {
            url = url.replace(&format!("{{{name}}}"), &var.default);
        }
    }
    let url = url.trim_end_matches('/').to_owned();
    if url.contains('{')
        || url.contains('}')
        || url.chars().any(|c| c.is_whitespace() || c == '"' || c == '\\')
    {
        return (
            "http://localhost".into(),
            Some(format!(
                "server URL {:?} cannot be a base URL; the default is http://localhost",
                server.url
            )),
        );
    }
    if url.starts_with("http://") || url.starts_with("https://") {
        (url, None)
    } else if url.starts_with('/') || url.is_empty() {
        let url = format!("http://localhost{url}");
        let note = format!("relative server URL {:?}: the default base URL is {url}", server.url);
        (url, Some(note))
    } else {
        (
            "http://localhost".into(),
            Some(format!("server URL {:?} is not http(s); the default is http://localhost", server.url)),
        )
    }
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn one_line(s: &str, max: usize) -> String {
    let line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > max {
        format!("{}...", line.chars().take(max).collect::<String>())
    } else {
        line
    }
}

fn cargo_toml(options: &PackageOptions, title: &str) -> String {
    let description = toml_str(&format!("Typed async client for {}.", one_line(title, 200)));
    let runtime = match &options.runtime {
        RuntimeDependency::Version => format!("version = {}", toml_str(RUNTIME_VERSION)),
        RuntimeDependency::Path(path) => format!("path = {}", toml_str(path)),
    };
    format!(
        r#"# @generated by openapi-rs-gen from {spec}.

[package]
name = {name}
version = {version}
description = {description}
edition = "2021"
rust-version = "1.85"
publish = false

[features]
default = ["rustls"]
rustls = ["{RUNTIME_CRATE}/rustls"]
native-tls = ["{RUNTIME_CRATE}/native-tls"]
# One `tracing` span per call, named `api.<operation>`; retries as events.
tracing = ["{RUNTIME_CRATE}/tracing"]
# Typed mocks of every operation for tests: an in-process server (wiremock).
mock = ["{RUNTIME_CRATE}/mock"]

[dependencies]
{RUNTIME_CRATE} = {{ {runtime}, default-features = false }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = {{ version = "1", features = ["preserve_order"] }}
futures-util = "0.3"
bytes = "1"

[dev-dependencies]
# The request tests (`tests/requests.rs`) run against the runtime's mock server.
{RUNTIME_CRATE} = {{ {runtime}, default-features = false, features = ["mock"] }}
"#,
        spec = one_line(&options.spec_path, 200).replace('\n', " "),
        name = toml_str(&options.crate_name),
        version = toml_str(&options.version),
    )
}

/// The document's security schemes the runtime can send, in order.
fn schemes(doc: &Document) -> Vec<crate::model::Scheme> {
    let Some(components) = &doc.api.components else { return Vec::new() };
    components
        .security_schemes
        .iter()
        .filter_map(|(name, scheme)| match scheme {
            openapiv3::ReferenceOr::Item(scheme) => crate::model::security::scheme_of(name, scheme).ok(),
            openapiv3::ReferenceOr::Reference { .. } => None,
        })
        .collect()
}

/// `pub const SECURITY_SCHEMES ...;`, printed from the tokens the emitter
/// writes for a scheme elsewhere (lib.rs has `runtime` in scope).
fn security_schemes_const(schemes: &[crate::model::Scheme]) -> Result<String, crate::emit::EmitError> {
    let schemes = schemes.iter().map(crate::emit::client::scheme_tokens);
    let item = quote::quote!(pub const SECURITY_SCHEMES: &[runtime::Scheme] = &[#(#schemes),*];);
    let file = syn::parse2::<syn::File>(item)
        .map_err(|e| crate::emit::EmitError { file: "src/lib.rs".into(), message: e.to_string() })?;
    Ok(prettyplease::unparse(&file).trim_end().to_owned())
}

fn lib_rs(
    options: &PackageOptions,
    title: &str,
    base_url: &str,
    schemes: &[crate::model::Scheme],
) -> Result<String, crate::emit::EmitError> {
    let title_doc = one_line(title, 200).replace('`', "'");
    let spec = one_line(&options.spec_path, 200);
    let runtime = RUNTIME_CRATE.replace('-', "_");
    let schemes_const = security_schemes_const(schemes)?;
    let scheme_docs: String =
        schemes.iter().map(|s| format!("\n/// - {}", s.describe().replace('\n', " "))).collect();
    Ok(format!(
        r#"// @generated by openapi-rs-gen from {spec}.
// Do not edit by hand: change the spec or the generator and regenerate.

//! A typed async client for {title_doc}, generated from its OpenAPI
//! description by openapi-rs-gen.
//!
//! Each documented operation is one `async` method on the handle that
//! [`Client::api`] returns; see [`api`] for the methods and types. Sending,
//! retries, errors and decoding are the `{runtime}` crate's.

#![allow(clippy::result_large_err)]
#![warn(missing_docs)]

// Generated from the spec; items the spec leaves undescribed are
// documented from where they are used.
#[rustfmt::skip]
#[allow(clippy::all)]
pub mod {MODULE};

pub use {runtime}::{{
    hooks, ApiResponse, Call, DateTime, DateTimeValue, Error, File, RateLimit, RetryPolicy, TimeoutCause,
    DEFAULT_DEADLINE, DEFAULT_TIMEOUT,
}};

/// What the generated code calls (the runtime's `codegen` module).
#[doc(hidden)]
pub use {runtime}::codegen as runtime;

/// The base URL used unless [`ClientBuilder::base_url`] sets another: the
/// spec's first server.
pub const DEFAULT_BASE_URL: &str = {base_url:?};

/// The spec's security schemes: set each one's credential with
/// [`ClientBuilder::credential`] under its name ([`ClientBuilder::basic_auth`]
/// for HTTP basic; [`ClientBuilder::bearer_token`] serves every bearer
/// scheme). Each operation's docs say which it sends.{scheme_docs}
{schemes_const}

/// This API's defaults for the runtime: its base URL and this crate's
/// user agent.
const PROFILE: {runtime}::Profile = {runtime}::Profile::new(DEFAULT_BASE_URL)
    .user_agent(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")));

{runtime}::define_client! {{
    /// A client for {title_doc}. Cheap to clone: clones share the
    /// connection pool, the settings and the rate limiter.
    ///
    /// The operations are methods of [`Client::api`]'s handle; the settings
    /// are the runtime's client's ([`{runtime}::Client`]), which this one
    /// dereferences to.
    profile = PROFILE
}}

/// Typed mocks of every operation for tests (the `mock` feature): an
/// in-process server, a [`Client`] pointed at it, and
/// `mock.api().<operation>()` to say what it answers.
#[cfg(feature = "mock")]
pub mod mock {{
    pub use {runtime}::mock::*;

    {runtime}::define_mock_server!(crate::Client, crate::SECURITY_SCHEMES);
}}
"#
    ))
}

fn readme(
    options: &PackageOptions,
    lib_name: &str,
    title: &str,
    base_url: &str,
    schemes: &[crate::model::Scheme],
) -> String {
    let title = one_line(title, 200);
    let credentials = if schemes.is_empty() {
        "- The spec defines no security schemes: no credentials are sent.".to_owned()
    } else {
        let list: Vec<String> = schemes.iter().map(|s| format!("  - {}", s.describe())).collect();
        format!(
            "- Credentials per security scheme of the spec, by its name:\n  `ClientBuilder::credential(\"<scheme>\", ..)`, `basic_auth` for HTTP\n  basic, `bearer_token` for every bearer scheme; each operation sends the\n  first of its schemes the client holds:\n{}",
            list.join("\n")
        )
    };
    format!(
        r#"<!-- @generated by openapi-rs-gen; regenerate rather than edit. -->

# {name}

A typed async Rust client for {title}, generated by `openapi-rs-gen` from
`{spec}`. It depends on the `{RUNTIME_CRATE}` crate, which sends the calls.

```rust,no_run
# async fn run() -> Result<(), {lib_name}::Error> {{
let client = {lib_name}::Client::builder().build()?;
let api = client.api();
# let _ = api;
# Ok(()) }}
```

- One `async` method per operation on `client.api()`; query and header
  parameters go in a `...Params` struct, bodies as typed values.
- Requests go to `{base_url}` unless `ClientBuilder::base_url` says otherwise.
{credentials}
- Idempotent calls are retried on 429/502/503/504 and network errors.
- Per call: `.header(..)`, `.timeout(..)`, `.no_retry()`; hooks before each
  request and after each response (`ClientBuilder::before_request`,
  `ClientBuilder::after_response`).
- Features: `tracing` (one span per call, named `api.<operation>`, no
  credentials or query values recorded) and `mock` (an in-process server
  with a typed mock of every operation, `mock.api().<operation>()` on a
  `mock::MockServer`, for tests).

`tests/requests.rs` holds a request test per operation: `cargo test`
sends each call to the runtime's mock server, which answers only when the
method, path, query, header parameters, body and the credentials the
operation's security asks for are as the spec says, then checks that the
documented success decodes and each documented error status is an API error.

Do not edit the files under `src/` and `tests/`: regenerate them from the spec.
"#,
        name = options.crate_name,
        spec = one_line(&options.spec_path, 200),
    )
}

/// How many diagnostics of each severity: (notes, warnings).
pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    (diagnostics.len() - warnings, warnings)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_file_carries_the_generated_marker() {
        let spec = br#"{"openapi": "3.0.3", "info": {"title": "T", "version": "1"},
            "paths": {"/pets": {"get": {"operationId": "listPets", "responses": {"200": {"description": "ok"}}}}}}"#;
        let pkg = super::package(spec, &super::PackageOptions::new("t", "t.json")).unwrap();
        assert!(pkg.files.len() > 5);
        for f in &pkg.files {
            assert!(crate::write::has_marker(f.contents.as_bytes()), "{} has no marker", f.path);
        }
    }
}
