//! Resolve stage: follows `$ref`s inside the document, detects reference
//! cycles, and names the JSON pointer of whatever cannot be resolved.

use openapiv3::{Components, OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema};

use crate::diagnostics::{child, unescape_pointer};

/// A `$ref` that could not be followed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pointer}: {message}")]
pub struct ResolveError {
    pub pointer: String,
    pub message: String,
}

/// Looks references up in one document.
pub struct Resolver<'a> {
    components: Option<&'a Components>,
}

/// The component a local reference names: (`schemas`, `Pet`).
pub fn split_ref(reference: &str) -> Option<(&str, String)> {
    let rest = reference.strip_prefix("#/components/")?;
    let (kind, name) = rest.split_once('/')?;
    if name.contains('/') {
        return None;
    }
    Some((kind, unescape_pointer(name)))
}

impl<'a> Resolver<'a> {
    pub fn new(api: &'a OpenAPI) -> Self {
        Self { components: api.components.as_ref() }
    }

    /// Follows a schema reference chain to a schema; returns the component
    /// name of the last reference followed, if any.
    pub fn schema<'b>(
        &self,
        item: &'b ReferenceOr<Schema>,
        pointer: &str,
    ) -> Result<(&'b Schema, Option<String>), ResolveError>
    where
        'a: 'b,
    {
        let mut current = item;
        let mut seen: Vec<String> = Vec::new();
        let mut last = None;
        loop {
            match current {
                ReferenceOr::Item(s) => return Ok((s, last)),
                ReferenceOr::Reference { reference } => {
                    let name = self.schema_name(reference, pointer)?;
                    if seen.contains(&name) {
                        seen.push(name);
                        return Err(ResolveError {
                            pointer: pointer.to_owned(),
                            message: format!("$ref cycle with no schema in it: {}", seen.join(" -> ")),
                        });
                    }
                    seen.push(name.clone());
                    current = self.lookup_schema(&name, reference, pointer)?;
                    last = Some(name);
                }
            }
        }
    }

    /// The component name of a schema reference, checking it exists.
    pub fn schema_name(&self, reference: &str, pointer: &str) -> Result<String, ResolveError> {
        match split_ref(reference) {
            Some(("schemas", name)) => {
                self.lookup_schema(&name, reference, pointer)?;
                Ok(name)
            }
            _ => Err(ResolveError {
                pointer: pointer.to_owned(),
                message: format!("unsupported $ref {reference:?}: only #/components/schemas/<name> is followed for schemas"),
            }),
        }
    }

    fn lookup_schema(
        &self,
        name: &str,
        reference: &str,
        pointer: &str,
    ) -> Result<&'a ReferenceOr<Schema>, ResolveError> {
        self.components.and_then(|c| c.schemas.get(name)).ok_or_else(|| ResolveError {
            pointer: pointer.to_owned(),
            message: format!("$ref {reference:?} points to no schema"),
        })
    }

    pub fn parameter<'b>(
        &self,
        item: &'b ReferenceOr<Parameter>,
        pointer: &str,
    ) -> Result<&'b Parameter, ResolveError>
    where
        'a: 'b,
    {
        self.follow(item, pointer, "parameters", |c| &c.parameters)
    }

    pub fn request_body<'b>(
        &self,
        item: &'b ReferenceOr<RequestBody>,
        pointer: &str,
    ) -> Result<&'b RequestBody, ResolveError>
    where
        'a: 'b,
    {
        self.follow(item, pointer, "requestBodies", |c| &c.request_bodies)
    }

    pub fn response<'b>(
        &self,
        item: &'b ReferenceOr<Response>,
        pointer: &str,
    ) -> Result<&'b Response, ResolveError>
    where
        'a: 'b,
    {
        self.follow(item, pointer, "responses", |c| &c.responses)
    }

    fn follow<'b, T: 'a>(
        &self,
        item: &'b ReferenceOr<T>,
        pointer: &str,
        kind: &str,
        map: impl Fn(&'a Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
    ) -> Result<&'b T, ResolveError>
    where
        'a: 'b,
    {
        let mut current = item;
        let mut seen = Vec::new();
        loop {
            match current {
                ReferenceOr::Item(t) => return Ok(t),
                ReferenceOr::Reference { reference } => {
                    let name = match split_ref(reference) {
                        Some((k, name)) if k == kind => name,
                        _ => {
                            return Err(ResolveError {
                                pointer: pointer.to_owned(),
                                message: format!(
                                    "unsupported $ref {reference:?}: expected #/components/{kind}/<name>"
                                ),
                            })
                        }
                    };
                    if seen.contains(&name) {
                        return Err(ResolveError {
                            pointer: pointer.to_owned(),
                            message: format!("$ref cycle through {reference:?}"),
                        });
                    }
                    seen.push(name.clone());
                    current =
                        self.components.and_then(|c| map(c).get(&name)).ok_or_else(|| ResolveError {
                            pointer: child(pointer, "$ref"),
                            message: format!("$ref {reference:?} points to nothing"),
                        })?;
                }
            }
        }
    }
}
