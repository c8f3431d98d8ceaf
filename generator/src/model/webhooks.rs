//! Incoming requests (3.1 `webhooks`, and operations documented as not
//! callable) -> payload types and one event enum.

use openapiv3::{Operation as SpecOp, ReferenceOr};
use serde_json::Value;

use super::ir::*;
use super::operations::{media_examples, struct_of, Incoming};
use super::types::{Ctx, Types};
use crate::diagnostics::{child, Diagnostic};
use crate::load::Document;
use crate::naming::{type_name, variant_name, Namespace};
use crate::resolve::{ResolveError, Resolver};

pub fn build<'a>(
    doc: &'a Document,
    resolver: &'a Resolver<'a>,
    types: &mut Types<'a>,
    incoming: Vec<Incoming<'a>>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Webhook>, ResolveError> {
    let mut sources: Vec<(String, &'a SpecOp, String)> = Vec::new();
    for (name, item) in &doc.webhooks {
        let ptr = child("/webhooks", name);
        let ReferenceOr::Item(item) = item else {
            diags.push(Diagnostic::warning(&ptr, "webhook $ref is not followed; skipped"));
            continue;
        };
        for (method, op) in item.iter() {
            sources.push((name.clone(), op, child(&ptr, method)));
        }
    }
    for inc in incoming {
        let name = inc.operation.operation_id.clone().unwrap_or_else(|| "incoming".into());
        sources.push((name, inc.operation, inc.pointer));
    }
    let mut variants = Namespace::new();
    variants.claim("Unknown");
    let mut out = Vec::new();
    for (name, op, ptr) in sources {
        let Some(body) = &op.request_body else {
            diags.push(Diagnostic::warning(&ptr, "webhook without a request body; skipped"));
            continue;
        };
        let body_ptr = child(&ptr, "requestBody");
        let body = resolver.request_body(body, &body_ptr)?;
        let Some((media_type, media)) = body.content.iter().find(|(mt, _)| mt.contains("json")) else {
            diags.push(Diagnostic::warning(&body_ptr, "webhook body is not JSON; skipped"));
            continue;
        };
        let Some(schema) = &media.schema else { continue };
        let type_hint = type_name(&name);
        let schema_ptr = child(&child(&child(&body_ptr, "content"), media_type), "schema");
        let (ty, _) = types.type_of(schema, &Ctx::new(type_hint.clone(), schema_ptr))?;
        let mut examples: Vec<Value> = media.example.iter().cloned().collect();
        for ex in media.examples.values() {
            if let ReferenceOr::Item(ex) = ex {
                examples.extend(ex.value.iter().cloned());
            }
        }
        media_examples(types, media, &ty, BodyKind::Json, &child(&child(&body_ptr, "content"), media_type));
        let short = type_hint.strip_suffix("Event").filter(|s| !s.is_empty()).unwrap_or(&type_hint);
        out.push(Webhook {
            name,
            variant: variants.claim(&variant_name(short)),
            summary: op.summary.clone(),
            description: op.description.clone(),
            ty,
            tag: None,
            examples,
            pointer: ptr,
        });
    }
    let defs = &types.defs;
    for w in &mut out {
        w.tag = tag_of(defs, &w.ty);
    }
    Ok(out)
}

/// A required property holding a string enum (Altegio's `resource`) tells
/// events apart: its values are this event's.
fn tag_of(defs: &[TypeDef], ty: &TypeRef) -> Option<(String, Vec<String>)> {
    let s = struct_of(defs, ty.named()?)?;
    s.fields.iter().filter(|f| f.required).find_map(|f| {
        let def = defs.iter().find(|d| Some(d.name.as_str()) == f.ty.named())?;
        match &def.kind {
            TypeKind::Enum(e) if e.repr == EnumRepr::String => {
                let values = e.variants.iter().filter_map(|v| v.value.as_str().map(str::to_owned)).collect();
                Some((f.wire_name.clone(), values))
            }
            _ => None,
        }
    })
}
