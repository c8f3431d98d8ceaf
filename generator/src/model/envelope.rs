//! The API's response envelope (see the profile): which structs are
//! envelopes, and which operations return their data, with the meta beside
//! it, instead of the whole envelope.

use std::collections::{BTreeMap, BTreeSet};

use super::ir::*;
use crate::profile::Envelope;

/// Marks structs with the envelope's data member and its meta or success
/// member: they read a bare array as their data.
pub fn mark(defs: &mut [TypeDef], envelope: &Envelope) {
    for def in defs {
        let TypeKind::Struct(s) = &def.kind else { continue };
        let has = |name: &str| s.fields.iter().any(|f| f.wire_name == name);
        let beside = envelope.meta.iter().chain(&envelope.success);
        if has(&envelope.data) && beside.into_iter().any(|b| has(b)) {
            def.envelope = Some(envelope.data.clone());
        }
    }
}

/// Makes each operation whose answer is an envelope return its data: the
/// answer's type becomes the data's, with the meta's beside it. Only
/// envelopes made of nothing but the data, meta and success members are
/// unwrapped (another member, such as JSON:API's `included`, would be lost);
/// an operation whose success statuses answer different bodies keeps them.
/// Returns the envelope types unwrapped, by name, with their data type.
pub fn unwrap(ops: &mut [Operation], defs: &[TypeDef], envelope: &Envelope) -> Unwraps {
    let by_name = types_by_name(defs);
    let mut unwrapped = BTreeMap::new();
    for op in ops.iter_mut().filter(|op| op.success_enum.is_none()) {
        let answering: Vec<bool> = op
            .responses
            .iter()
            .map(|r| super::graph::answers(op, r) && r.effective_body().is_some())
            .collect();
        for (response, answers) in op.responses.iter_mut().zip(answering) {
            let Some(body) = response.body.as_mut().filter(|b| answers && b.kind == BodyKind::Json) else {
                continue;
            };
            let Some(name) = body.ty.named().map(str::to_owned) else { continue };
            let Some(found) = unwrapped_of(&name, &by_name, envelope) else { continue };
            body.ty = found.0.clone();
            body.envelope = Some(found.1.clone());
            unwrapped.insert(name, found);
        }
    }
    unwrapped
}

/// Envelope types by name, each with its data type and how it unwraps.
pub type Unwraps = BTreeMap<String, (TypeRef, Unwrapped)>;

/// The data type and the unwrapped envelope of the struct `name`, when it
/// is an envelope with no other members.
fn unwrapped_of(
    name: &str,
    by_name: &BTreeMap<&str, &TypeDef>,
    envelope: &Envelope,
) -> Option<(TypeRef, Unwrapped)> {
    let TypeKind::Struct(s) = &by_name.get(name)?.kind else { return None };
    if s.extra.is_some() || s.fields.iter().any(|f| !envelope.members().any(|m| m == f.wire_name)) {
        return None;
    }
    let member = |wire: Option<&String>| wire.and_then(|w| s.fields.iter().find(|f| &f.wire_name == w));
    let data = member(Some(&envelope.data)).filter(|f| !f.boxed)?;
    let meta = member(envelope.meta.as_ref()).filter(|f| !f.boxed);
    if meta.is_none() && member(envelope.meta.as_ref()).is_some() {
        return None;
    }
    let success = member(envelope.success.as_ref()).map(|f| f.wire_name.clone());
    let unwrapped = Unwrapped {
        data: data.wire_name.clone(),
        meta: meta.map(|f| (f.wire_name.clone(), member_type(f, by_name))),
        success,
    };
    Some((member_type(data, by_name), unwrapped))
}

/// The type a member of an envelope is returned as: its own type when it
/// has an empty value (a list, a map, a struct of optional members) that
/// stands for `null` or a missing member, or when the docs say it is always
/// there; otherwise an `Option`.
fn member_type(f: &Field, by_name: &BTreeMap<&str, &TypeDef>) -> TypeRef {
    let base = match &f.ty {
        TypeRef::Option(inner) => (**inner).clone(),
        t => t.clone(),
    };
    if can_be_empty(&base, by_name, 0) || !f.optional() {
        base
    } else {
        TypeRef::Option(Box::new(base))
    }
}

/// Whether a value of `t` may be empty (`[]`, `{}`, `null`) and still mean
/// something: collections, any JSON, and structs whose members may all be
/// absent. Scalars and enums may not: a zero or an unknown value is not
/// "nothing".
fn can_be_empty(t: &TypeRef, by_name: &BTreeMap<&str, &TypeDef>, depth: usize) -> bool {
    match t {
        TypeRef::Vec(_) | TypeRef::Map(_) | TypeRef::Object | TypeRef::Value | TypeRef::Unit => true,
        TypeRef::Named(n) if depth < 8 => by_name.get(n.as_str()).is_some_and(|d| match &d.kind {
            TypeKind::Struct(s) => s.fields.iter().all(|f| f.optional() || matches!(f.ty, TypeRef::Value)),
            TypeKind::Alias(inner) => can_be_empty(inner, by_name, depth + 1),
            _ => false,
        }),
        _ => false,
    }
}

/// Points the documented examples of envelopes that are no longer
/// generated at their data type, read through the envelope.
pub fn retarget_examples(examples: &mut [Example], unwraps: &Unwraps, pruned: &BTreeSet<String>) {
    for example in examples {
        let Some(name) = example.ty.named().filter(|n| pruned.contains(*n)) else { continue };
        if let Some((ty, unwrapped)) = unwraps.get(name) {
            example.ty = ty.clone();
            example.envelope = Some(unwrapped.clone());
        }
    }
}
