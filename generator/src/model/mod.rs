//! Model stage: a loaded document -> [`Api`], the plain-data IR. `$ref`s are
//! resolved here (through [`crate::resolve`]); nothing after this stage
//! reads the document.

mod dedup;
mod describe;
mod envelope;
mod form_bodies;
mod graph;
mod ir;
mod operations;
mod rename;
pub(crate) mod security;
mod shape;
mod tags;
mod types;
mod webhooks;

pub use ir::*;

use crate::load::{Document, Origins};
use crate::profile::Profile;
use crate::resolve::{ResolveError, Resolver};

/// The document cannot be turned into a model: where and why.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{pointer}: {message}")]
pub struct ModelError {
    pub pointer: String,
    pub message: String,
}

impl From<ResolveError> for ModelError {
    fn from(e: ResolveError) -> Self {
        Self { pointer: e.pointer, message: e.message }
    }
}

/// Builds the IR for a document, with the default profile.
pub fn build(doc: &Document) -> Result<Api, ModelError> {
    build_with(doc, &Profile::default())
}

/// Builds the IR for a document under an API's profile. Every pointer in
/// it, and in an error, names the source document (for a converted Swagger
/// 2.0 document too).
pub fn build_with(doc: &Document, profile: &Profile) -> Result<Api, ModelError> {
    let mut api = build_converted(doc, profile).map_err(|mut e| {
        e.pointer = doc.origins.original(&e.pointer);
        e
    })?;
    relocate(&mut api, &doc.origins);
    Ok(api)
}

/// Points the IR's pointers at the source document.
fn relocate(api: &mut Api, origins: &Origins) {
    if origins.is_empty() {
        return;
    }
    origins.relocate(&mut api.diagnostics);
    for t in &mut api.types {
        t.pointer = origins.original(&t.pointer);
    }
    for op in &mut api.operations {
        op.pointer = origins.original(&op.pointer);
    }
    for e in &mut api.examples {
        e.pointer = origins.original(&e.pointer);
    }
    for w in &mut api.webhooks {
        w.pointer = origins.original(&w.pointer);
    }
}

/// The IR, with pointers into the document as the loader left it.
fn build_converted(doc: &Document, profile: &Profile) -> Result<Api, ModelError> {
    let resolver = Resolver::new(&doc.api);
    let mut types = types::Types::new(&resolver);
    types.empty_arrays_absent = profile.empty_arrays_absent;
    types.composite_auth = profile.composite_auth.clone();
    if let Some(components) = &doc.api.components {
        types.components(&components.schemas)?;
    }
    let mut diagnostics = Vec::new();
    let (mut ops, incoming) = operations::build(doc, &resolver, &mut types, &mut diagnostics)?;
    let mut webhooks = webhooks::build(doc, &resolver, &mut types, incoming, &mut diagnostics)?;
    let mut defs = std::mem::take(&mut types.defs);
    diagnostics.append(&mut types.diagnostics);
    let mut examples = std::mem::take(&mut types.examples);
    let merged = dedup::merge_equal(&mut defs);
    rename::apply(&mut [], &mut ops, &mut webhooks, &mut examples, &merged);
    let mut decided = crate::naming::types::decide(&defs, &ops, &webhooks, &profile.names);
    if let Some((pointer, message)) = decided.stale.first() {
        return Err(ModelError { pointer: pointer.clone(), message: message.clone() });
    }
    rename::apply(&mut defs, &mut ops, &mut webhooks, &mut examples, &decided.renames);
    for (i, op) in ops.iter_mut().enumerate() {
        if let Some(name) = decided.params.remove(&i) {
            op.params_struct = Some(name);
        }
        if let Some(name) = decided.success_enums.remove(&i) {
            op.success_enum = Some(name);
        }
    }
    graph::box_cycles(&mut defs);
    graph::mark_requests(&mut defs, &ops);
    form_bodies::settle(&mut defs, &mut ops, &mut diagnostics);
    let unwraps = match &profile.envelope {
        Some(e) => {
            envelope::mark(&mut defs, e);
            envelope::unwrap(&mut ops, &defs, e)
        }
        None => Default::default(),
    };
    let pruned = graph::prune(&mut defs, &mut ops, &webhooks, unwraps.keys());
    if let Some(entry) = profile.names.iter().find(|e| pruned.contains(&e.name)) {
        return Err(ModelError {
            pointer: entry.pointer.clone(),
            message: format!(
                "names file: `{}` is not generated (an error body, or an envelope whose operations return its data); remove the entry",
                entry.name
            ),
        });
    }
    envelope::retarget_examples(&mut examples, &unwraps, &pruned);
    // The examples of error bodies, which are not generated.
    examples.retain(|e| !graph::mentions(&e.ty, &pruned));
    operations::bodies_with_required_members(&mut ops, &defs);
    let mut ops = operations::with_pagination(ops, &defs);
    describe::apply(&mut defs, &mut ops, &webhooks);
    let tags = tags::groups(&doc.api.tags, &ops);
    Ok(Api {
        title: doc.api.info.title.clone(),
        version: doc.api.info.version.clone(),
        description: doc.api.info.description.clone(),
        servers: doc.api.servers.iter().map(|s| s.url.clone()).collect(),
        types: defs,
        operations: ops,
        webhooks,
        tags,
        examples,
        diagnostics,
        query_booleans: profile.query_booleans,
        total_count: profile.total_count.clone(),
    })
}

#[cfg(test)]
mod tests;
