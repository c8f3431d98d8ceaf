//! Applies the type names [`crate::naming::types`] decided to every
//! definition and reference in the model.

use std::collections::BTreeMap;

use super::ir::*;

fn fix(t: &mut TypeRef, renames: &BTreeMap<String, String>) {
    match t {
        TypeRef::Named(n) => {
            if let Some(new) = renames.get(n.as_str()) {
                *n = new.clone();
            }
        }
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => fix(inner, renames),
        _ => {}
    }
}

/// Applies renames to every type name and reference.
pub fn apply(
    defs: &mut [TypeDef],
    ops: &mut [Operation],
    webhooks: &mut [Webhook],
    examples: &mut [Example],
    renames: &BTreeMap<String, String>,
) {
    if renames.is_empty() {
        return;
    }
    for def in defs.iter_mut() {
        if let Some(new) = renames.get(&def.name) {
            def.name = new.clone();
        }
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    fix(&mut f.ty, renames);
                }
                if let Some(extra) = &mut s.extra {
                    fix(extra, renames);
                }
            }
            TypeKind::Union(u) => {
                for v in &mut u.variants {
                    fix(&mut v.ty, renames);
                }
            }
            TypeKind::Alias(t) => fix(t, renames),
            TypeKind::Enum(_) => {}
        }
    }
    for op in ops.iter_mut() {
        for p in &mut op.params {
            fix(&mut p.ty, renames);
        }
        for b in op.bodies_mut() {
            fix(&mut b.ty, renames);
        }
        for r in &mut op.responses {
            if let Some(b) = &mut r.body {
                fix(&mut b.ty, renames);
                if let Some((_, meta)) = b.envelope.as_mut().and_then(|u| u.meta.as_mut()) {
                    fix(meta, renames);
                }
            }
        }
    }
    for w in webhooks.iter_mut() {
        fix(&mut w.ty, renames);
    }
    for e in examples.iter_mut() {
        fix(&mut e.ty, renames);
    }
}
