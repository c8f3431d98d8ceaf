//! OpenAPI 3.0 / 3.1 and Swagger 2.0 -> typed Rust client code.
//!
//! The pipeline has one stage per module and data flows one way:
//! [`load`] (bytes -> normalised `openapiv3` document) -> [`model`] (document
//! -> plain-data IR, resolving `$ref`s) -> [`emit`] (IR -> `syn` -> text).
//! [`naming`] makes every identifier decision.

pub mod changes;
pub mod diagnostics;
pub mod emit;
pub mod load;
pub mod model;
pub mod naming;
pub mod overrides;
pub mod package;
pub mod profile;
pub mod resolve;
pub mod write;

pub use diagnostics::{Diagnostic, Severity};
pub use emit::{GeneratedFile, Options};
pub use load::{load, Document, LoadError, SpecVersion};
pub use model::{build as build_model, build_with as build_model_with, Api, ModelError};
pub use package::{package, Package, PackageOptions, RuntimeDependency};
pub use profile::Profile;

/// Everything generated for one spec.
#[derive(Debug, Clone)]
pub struct Output {
    pub files: Vec<GeneratedFile>,
    /// Mock-server tests of every operation, for a crate that depends on
    /// the generated one.
    pub operation_tests: GeneratedFile,
    pub types: usize,
    pub operations: usize,
    pub webhooks: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Any failure between bytes and Rust source.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Emit(#[from] emit::EmitError),
}

/// Loads `bytes` (JSON or YAML) and generates the Rust sources for it.
pub fn generate(bytes: &[u8], options: &Options) -> Result<Output, Error> {
    let doc = load(bytes)?;
    generate_document(&doc, options)
}

/// Generates the Rust sources for an already loaded document.
pub fn generate_document(doc: &Document, options: &Options) -> Result<Output, Error> {
    let api = model::build_with(doc, &options.profile)?;
    generate_model(doc, &api, options)
}

/// Generates the Rust sources for a document already modelled as `api`
/// (for callers that also read the model, such as the change report).
pub fn generate_model(doc: &Document, api: &Api, options: &Options) -> Result<Output, Error> {
    let (parts, tests) = parts_of(doc, api, options, true)?;
    Ok(Output {
        files: parts.files,
        operation_tests: tests.expect("tests were asked for"),
        types: parts.types,
        operations: parts.operations,
        webhooks: parts.webhooks,
        diagnostics: parts.diagnostics,
    })
}

/// What [`generate_document`] makes, without the mock-server tests.
pub(crate) struct Parts {
    pub files: Vec<GeneratedFile>,
    pub types: usize,
    pub operations: usize,
    pub webhooks: usize,
    pub raw_bodies: emit::bodies::RawBodies,
    pub media_choices: emit::bodies::MediaChoices,
    pub diagnostics: Vec<Diagnostic>,
}

/// The generated module and, when `with_tests`, the mock-server tests
/// (a standalone crate has no use for them).
pub(crate) fn generate_parts(
    doc: &Document,
    options: &Options,
    with_tests: bool,
) -> Result<(Parts, Option<GeneratedFile>), Error> {
    parts_of(doc, &model::build_with(doc, &options.profile)?, options, with_tests)
}

fn parts_of(
    doc: &Document,
    api: &Api,
    options: &Options,
    with_tests: bool,
) -> Result<(Parts, Option<GeneratedFile>), Error> {
    let (files, tests) = if with_tests {
        let (files, tests) = emit::emit_with_tests(api, doc, options)?;
        (files, Some(tests))
    } else {
        (emit::emit(api, doc, options)?, None)
    };
    let mut diagnostics = doc.diagnostics.clone();
    diagnostics.extend(api.diagnostics.iter().cloned());
    let parts = Parts {
        files,
        types: api.types.len(),
        operations: api.operations.len(),
        webhooks: api.webhooks.len(),
        raw_bodies: emit::bodies::raw_bodies(api),
        media_choices: emit::bodies::media_choices(api),
        diagnostics,
    };
    Ok((parts, tests))
}
