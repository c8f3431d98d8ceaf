//! A standalone client crate for one spec: the generated API module, a copy
//! of `altegio-api`'s hand-written runtime (the single source of truth,
//! embedded at build time), and a crate root that defines what the runtime
//! expects from it (default base URL, `Accept`, user agent).

use openapiv3::Server;

use crate::diagnostics::{Diagnostic, Severity};
use crate::emit::{GeneratedFile, Options};
use crate::load::{load, Document, SpecVersion};
use crate::Error;

/// The runtime files, as `altegio-api` has them.
const RUNTIME: &[(&str, &str)] = &[
    ("auth.rs", include_str!("../../altegio-api/src/auth.rs")),
    ("body.rs", include_str!("../../altegio-api/src/body.rs")),
    ("call.rs", include_str!("../../altegio-api/src/call.rs")),
    ("client.rs", include_str!("../../altegio-api/src/client.rs")),
    ("date_time.rs", include_str!("../../altegio-api/src/date_time.rs")),
    ("deadline.rs", include_str!("../../altegio-api/src/deadline.rs")),
    ("envelope.rs", include_str!("../../altegio-api/src/envelope.rs")),
    ("error.rs", include_str!("../../altegio-api/src/error.rs")),
    ("hooks.rs", include_str!("../../altegio-api/src/hooks.rs")),
    ("mock.rs", include_str!("../../altegio-api/src/mock.rs")),
    ("paginate.rs", include_str!("../../altegio-api/src/paginate.rs")),
    ("rate_limit.rs", include_str!("../../altegio-api/src/rate_limit.rs")),
    ("request.rs", include_str!("../../altegio-api/src/request.rs")),
    ("response.rs", include_str!("../../altegio-api/src/response.rs")),
    ("retry.rs", include_str!("../../altegio-api/src/retry.rs")),
    ("runtime.rs", include_str!("../../altegio-api/src/runtime.rs")),
    ("tolerant/mod.rs", include_str!("../../altegio-api/src/tolerant/mod.rs")),
    ("tolerant/collections.rs", include_str!("../../altegio-api/src/tolerant/collections.rs")),
    ("tolerant/object.rs", include_str!("../../altegio-api/src/tolerant/object.rs")),
    ("tolerant/option.rs", include_str!("../../altegio-api/src/tolerant/option.rs")),
    ("tolerant/replay.rs", include_str!("../../altegio-api/src/tolerant/replay.rs")),
    ("tolerant/scalars.rs", include_str!("../../altegio-api/src/tolerant/scalars.rs")),
    ("trace.rs", include_str!("../../altegio-api/src/trace.rs")),
    ("unknown.rs", include_str!("../../altegio-api/src/unknown.rs")),
    ("wire.rs", include_str!("../../altegio-api/src/wire.rs")),
];

/// The module the generated API lives in; also `Client::api()`.
const MODULE: &str = "api";

/// How a standalone crate is named and described.
#[derive(Debug, Clone)]
pub struct PackageOptions {
    /// The crate's name (`petstore-client`); must be a valid package name.
    pub crate_name: String,
    /// The spec's path as shown in file headers and the README.
    pub spec_path: String,
    /// The crate's version.
    pub version: String,
}

impl PackageOptions {
    /// Options with version `0.1.0`.
    pub fn new(crate_name: impl Into<String>, spec_path: impl Into<String>) -> Self {
        Self { crate_name: crate_name.into(), spec_path: spec_path.into(), version: "0.1.0".into() }
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
        example_findings: None,
        base_server: None,
        profile: Default::default(),
    };
    let (out, _) = crate::generate_parts(doc, &emit_options, false)?;
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
        contents: readme(options, &lib_name, title, &base_url),
    });
    files.push(GeneratedFile { path: "src/lib.rs".into(), contents: lib_rs(options, title, &base_url) });
    for (name, text) in RUNTIME {
        files.push(GeneratedFile { path: format!("src/{name}"), contents: runtime_file(text, &lib_name) });
    }
    for file in out.files {
        // The emitter's header names the workspace's regen command.
        let contents = file.contents.replacen("`cargo xtask regen`", "openapi-rs-gen", 1);
        files.push(GeneratedFile { path: format!("src/{MODULE}/{}", file.path), contents });
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

/// The runtime as the standalone crate needs it: unit tests dropped (they
/// need `altegio-api`'s dev-dependencies) and doc examples renamed.
fn runtime_file(text: &str, lib_name: &str) -> String {
    // Unit tests (`mod tests { ... }` or `mod tests;`) and test-only
    // helpers sit at the end of each file.
    let cut = ["\n#[cfg(test)]\nmod tests", "\n/// `Tolerant` for test types"]
        .iter()
        .filter_map(|marker| text.find(marker))
        .min();
    let body = match cut {
        Some(at) => &text[..at + 1],
        None => text,
    };
    let header = "// @generated by openapi-rs-gen: a copy of the altegio-api runtime; regenerate rather than edit.\n\n";
    format!("{header}{}", body.replace("altegio_api", lib_name))
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
rustls = ["reqwest/rustls-tls"]
native-tls = ["reqwest/native-tls"]
# One `tracing` span per call, named `api.<operation>`; retries as events.
tracing = ["dep:tracing"]
# Typed mocks of every operation for tests: an in-process server (wiremock).
mock = ["dep:wiremock"]

[dependencies]
reqwest = {{ version = "0.12", default-features = false, features = ["json", "http2", "charset", "multipart"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = {{ version = "1", features = ["preserve_order"] }}
serde_path_to_error = "0.1"
thiserror = "2"
tokio = {{ version = "1", features = ["time", "sync"] }}
futures-util = "0.3"
percent-encoding = "2"
fastrand = "2"
url = "2"
form_urlencoded = "1"
bytes = "1"
httpdate = "1"
chrono = {{ version = "0.4", default-features = false, features = ["std"] }}
tracing = {{ version = "0.1", optional = true, default-features = false, features = ["std"] }}
wiremock = {{ version = "0.6", optional = true }}
"#,
        spec = one_line(&options.spec_path, 200).replace('\n', " "),
        name = toml_str(&options.crate_name),
        version = toml_str(&options.version),
    )
}

fn lib_rs(options: &PackageOptions, title: &str, base_url: &str) -> String {
    let title_doc = one_line(title, 200).replace('`', "'");
    let spec = one_line(&options.spec_path, 200);
    format!(
        r#"// @generated by openapi-rs-gen from {spec}.
// Do not edit by hand: change the spec or the generator and regenerate.

//! A typed async client for {title_doc}, generated from its OpenAPI
//! description by openapi-rs-gen.
//!
//! Each documented operation is one `async` method on the handle that
//! [`Client::api`] returns; see [`api`] for the methods and types.

#![allow(clippy::result_large_err)]
#![warn(missing_docs)]

mod auth;
mod body;
mod call;
mod client;
mod date_time;
mod deadline;
mod envelope;
mod error;
pub mod hooks;
#[cfg(feature = "mock")]
pub mod mock;
mod paginate;
mod rate_limit;
mod request;
mod response;
mod retry;
#[doc(hidden)]
pub mod runtime;
mod tolerant;
mod trace;
mod unknown;
mod wire;

// Generated from the spec; items the spec leaves undescribed are
// documented from where they are used.
#[rustfmt::skip]
#[allow(clippy::all)]
pub mod {MODULE};

pub use body::File;
pub use call::Call;
pub use client::{{Client, ClientBuilder, DEFAULT_DEADLINE, DEFAULT_TIMEOUT}};
pub use date_time::{{DateTime, DateTimeValue}};
pub use error::{{Error, TimeoutCause}};
pub use rate_limit::RateLimit;
pub use response::ApiResponse;
pub use retry::RetryPolicy;

/// The base URL used unless [`ClientBuilder::base_url`] sets another: the
/// spec's first server.
pub const DEFAULT_BASE_URL: &str = {base_url:?};

/// The `Accept` header sent unless [`ClientBuilder::accept`] sets another.
pub const DEFAULT_ACCEPT: &str = "application/json";

/// The default `User-Agent`: this crate's name and version.
pub(crate) const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// Whether a 2xx JSON body with `"success": false` is an error (an
/// Altegio convention the runtime knows; off here).
pub(crate) const SUCCESS_FLAG: bool = false;
"#
    )
}

fn readme(options: &PackageOptions, lib_name: &str, title: &str, base_url: &str) -> String {
    let title = one_line(title, 200);
    format!(
        r#"<!-- @generated by openapi-rs-gen; regenerate rather than edit. -->

# {name}

A typed async Rust client for {title}, generated by `openapi-rs-gen` from
`{spec}`.

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
- A bearer token set with `ClientBuilder::partner_token` is sent to the
  operations the spec secures.
- Idempotent calls are retried on 429/502/503/504 and network errors.
- Per call: `.header(..)`, `.timeout(..)`, `.no_retry()`; hooks before each
  request and after each response (`ClientBuilder::before_request`,
  `ClientBuilder::after_response`).
- Features: `tracing` (one span per call, named `api.<operation>`, no
  credentials or query values recorded) and `mock` (an in-process server
  with a typed mock of every operation, `mock.api().<operation>()` on a
  `mock::MockServer`, for tests).

Do not edit the files under `src/`: regenerate them from the spec.
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
        assert!(pkg.files.len() > 20);
        for f in &pkg.files {
            assert!(crate::write::has_marker(f.contents.as_bytes()), "{} has no marker", f.path);
        }
    }
}
