//! Form and multipart request bodies: which ones the method takes typed,
//! and the file fields of multipart bodies.

use super::ir::{BodyKind, Operation, RequestBody, TypeDef, TypeKind, TypeRef};
use crate::diagnostics::{child, Diagnostic};

/// A form or multipart body is typed when its value is an object of
/// fields: a struct, a map of typed values, or (a form's, or a multipart
/// one's whose variants are all such objects) a union, or an alias of one
/// of those. A nullable body is its value's type (a form has no `null`). Any
/// other body (no schema, a free-form object, a list) is taken as encoded
/// bytes: a map of any JSON values is free-form too, and it is also what
/// `additionalProperties: false` without properties reads as (Stripe's
/// bodies of no fields). The binary fields of a typed multipart body's
/// structs become files.
pub fn settle(defs: &mut [TypeDef], ops: &mut [Operation], diags: &mut Vec<Diagnostic>) {
    for op in ops {
        let pointer = op.pointer.clone();
        for body in op.bodies_mut() {
            settle_one(defs, body, &pointer, diags);
        }
    }
}

fn settle_one(defs: &mut [TypeDef], body: &mut RequestBody, pointer: &str, diags: &mut Vec<Diagnostic>) {
    if !matches!(body.kind, BodyKind::Form | BodyKind::Multipart) {
        return;
    }
    if let TypeRef::Option(inner) = &body.ty {
        body.ty = (**inner).clone();
    }
    // Aliases are looked through, and kept: the method's argument keeps the name.
    let value = unalias(defs, &body.ty);
    let def = value.named().and_then(|name| defs.iter().position(|d| d.name == name));
    let typed = match (&value, def.map(|i| &defs[i].kind)) {
        (TypeRef::Map(v), _) if **v != TypeRef::Value => Some(Vec::new()),
        (_, Some(TypeKind::Struct(_))) => def.map(|i| vec![i]),
        (_, Some(TypeKind::Union(_))) if body.kind == BodyKind::Form => Some(Vec::new()),
        (_, Some(TypeKind::Union(u))) => {
            // Each variant a struct (its fields as parts) or a map.
            let variants: Vec<TypeRef> = u.variants.iter().map(|v| unalias(defs, &v.ty)).collect();
            variants
                .iter()
                .map(|t| object_fields(defs, t))
                .collect::<Option<Vec<_>>>()
                .map(|structs| structs.into_iter().flatten().collect())
        }
        _ => None,
    };
    match typed {
        Some(structs) if body.kind == BodyKind::Multipart => {
            for i in structs {
                if let TypeKind::Struct(s) = &mut defs[i].kind {
                    s.fields.iter_mut().for_each(|f| to_file(&mut f.ty));
                }
            }
        }
        Some(_) => {}
        None => untyped(body, pointer, diags),
    }
}

/// Where an object variant of a multipart union gets its parts: `Some`
/// with the struct's index, `Some(None)` for a map; `None` when the
/// variant is not an object of fields.
fn object_fields(defs: &[TypeDef], t: &TypeRef) -> Option<Option<usize>> {
    match t {
        TypeRef::Map(v) if **v != TypeRef::Value => Some(None),
        TypeRef::Named(name) => {
            let i = defs.iter().position(|d| &d.name == name)?;
            matches!(defs[i].kind, TypeKind::Struct(_)).then_some(Some(i))
        }
        _ => None,
    }
}

/// `t` with aliases followed to what they name.
pub fn unalias(defs: &[TypeDef], t: &TypeRef) -> TypeRef {
    let mut t = t.clone();
    // Bounded: an alias cycle is not followed forever.
    for _ in 0..defs.len() {
        let Some(TypeKind::Alias(target)) =
            t.named().and_then(|n| defs.iter().find(|d| d.name == n)).map(|d| &d.kind)
        else {
            break;
        };
        t = target.clone();
    }
    t
}

/// Falls back to bytes; says so when the spec gave the body a schema.
fn untyped(body: &mut RequestBody, pointer: &str, diags: &mut Vec<Diagnostic>) {
    if !matches!(body.ty, TypeRef::Value | TypeRef::Object) {
        diags.push(Diagnostic::warning(
            child(&child(&child(pointer, "requestBody"), "content"), &body.media_type),
            format!(
                "{} body whose schema is not an object of fields: the method takes it as encoded bytes",
                body.media_type
            ),
        ));
    }
    body.kind = BodyKind::Binary;
    body.ty = TypeRef::Bytes;
}

fn to_file(t: &mut TypeRef) {
    match t {
        TypeRef::Bytes => *t = TypeRef::File,
        TypeRef::Option(inner) | TypeRef::Vec(inner) => to_file(inner),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ir::{Docs, Field, Struct, Union, UnionVariant};

    fn def(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: name.into(),
            docs: Docs::default(),
            kind,
            pointer: String::new(),
            in_request: true,
            envelope: None,
        }
    }

    fn field(name: &str, ty: TypeRef) -> Field {
        Field {
            name: name.into(),
            wire_name: name.into(),
            ty,
            required: true,
            nullable: false,
            boxed: false,
            sensitive: false,
            docs: Docs::default(),
        }
    }

    fn op(kind: BodyKind, media: &str, ty: TypeRef) -> Operation {
        let body = RequestBody {
            kind,
            media_type: media.into(),
            ty,
            required: true,
            description: None,
            encoding: Vec::new(),
        };
        Operation {
            operation_id: "op".into(),
            method_name: "op".into(),
            http_method: "POST".into(),
            path: "/".into(),
            server: None,
            summary: None,
            description: None,
            deprecated: false,
            tags: Vec::new(),
            params: Vec::new(),
            params_struct: None,
            body: Some(body),
            alternatives: Vec::new(),
            unsent_media: Vec::new(),
            responses: Vec::new(),
            success_enum: None,
            auth: crate::model::ir::Auth::None,
            pagination: None,
            pointer: "/paths/~1x/post".into(),
        }
    }

    #[test]
    fn multipart_binary_fields_become_files_and_shapeless_bodies_bytes() {
        let upload = Struct {
            fields: vec![
                field("image", TypeRef::Bytes),
                field("more", TypeRef::Option(Box::new(TypeRef::Vec(Box::new(TypeRef::Bytes))))),
                field("id", TypeRef::I64),
            ],
            extra: None,
        };
        let mut defs =
            vec![def("Upload", TypeKind::Struct(upload)), def("Alias", TypeKind::Alias(TypeRef::String))];
        let mut ops = vec![
            op(BodyKind::Multipart, "multipart/form-data", TypeRef::Named("Upload".into())),
            op(BodyKind::Form, "application/x-www-form-urlencoded", TypeRef::Value),
            op(BodyKind::Form, "application/x-www-form-urlencoded", TypeRef::Named("Alias".into())),
        ];
        let mut diags = Vec::new();
        settle(&mut defs, &mut ops, &mut diags);
        let TypeKind::Struct(s) = &defs[0].kind else { panic!() };
        assert_eq!(s.fields[0].ty, TypeRef::File);
        assert_eq!(s.fields[1].ty, TypeRef::Option(Box::new(TypeRef::Vec(Box::new(TypeRef::File)))));
        assert_eq!(s.fields[2].ty, TypeRef::I64);
        assert_eq!(ops[0].body.as_ref().unwrap().kind, BodyKind::Multipart);
        for op in &ops[1..] {
            let body = op.body.as_ref().unwrap();
            assert_eq!((body.kind, &body.ty), (BodyKind::Binary, &TypeRef::Bytes));
        }
        // Only the body with a schema is worth a warning.
        assert_eq!(diags.len(), 1, "{diags:?}");
    }

    fn union(variants: &[TypeRef]) -> TypeKind {
        let variants = variants
            .iter()
            .enumerate()
            .map(|(i, ty)| UnionVariant { name: format!("V{i}"), ty: ty.clone(), tag: None, boxed: false })
            .collect();
        TypeKind::Union(Union { variants, discriminator: None })
    }

    #[test]
    fn unions_of_objects_maps_and_nullable_bodies_are_typed() {
        let named = |n: &str| TypeRef::Named(n.into());
        let photo = Struct { fields: vec![field("image", TypeRef::Bytes)], extra: None };
        let labels = TypeRef::Map(Box::new(TypeRef::String));
        let mut defs = vec![
            def("Photo", TypeKind::Struct(photo)),
            def("Labels", TypeKind::Alias(labels.clone())),
            def("Upload", union(&[named("Photo"), named("Labels")])),
            def("Free", union(&[named("Photo"), TypeRef::Object])),
            def("Loose", union(&[named("Photo"), TypeRef::String])),
        ];
        let mut ops = vec![
            op(BodyKind::Multipart, "multipart/form-data", named("Upload")),
            op(BodyKind::Multipart, "multipart/form-data", named("Labels")),
            op(BodyKind::Form, "application/x-www-form-urlencoded", labels),
            op(
                BodyKind::Form,
                "application/x-www-form-urlencoded",
                TypeRef::Option(Box::new(named("Photo"))),
            ),
            op(BodyKind::Form, "application/x-www-form-urlencoded", named("Loose")),
            op(BodyKind::Multipart, "multipart/form-data", named("Loose")),
            op(BodyKind::Multipart, "multipart/form-data", named("Free")),
            op(BodyKind::Form, "application/x-www-form-urlencoded", TypeRef::Map(Box::new(TypeRef::Value))),
        ];
        let mut diags = Vec::new();
        settle(&mut defs, &mut ops, &mut diags);
        let body = |i: usize| ops[i].body.as_ref().unwrap();
        // A union whose variants are all objects, with the files of its structs.
        assert_eq!((body(0).kind, &body(0).ty), (BodyKind::Multipart, &named("Upload")));
        let TypeKind::Struct(s) = &defs[0].kind else { panic!() };
        assert_eq!(s.fields[0].ty, TypeRef::File);
        // An alias keeps its name; a map is typed as a form and as parts.
        assert_eq!((body(1).kind, &body(1).ty), (BodyKind::Multipart, &named("Labels")));
        assert_eq!(body(2).kind, BodyKind::Form);
        // A form has no null: a nullable body is its value.
        assert_eq!((body(3).kind, &body(3).ty), (BodyKind::Form, &named("Photo")));
        // A form's union goes through serde; multipart needs each variant's fields.
        assert_eq!(body(4).kind, BodyKind::Form);
        // A free-form object is no list of fields.
        for i in 5..8 {
            assert_eq!((body(i).kind, &body(i).ty), (BodyKind::Binary, &TypeRef::Bytes), "{i}");
        }
        assert_eq!(diags.len(), 3, "{diags:?}");
        assert!(diags[0].pointer.ends_with("/requestBody/content/multipart~1form-data"), "{diags:?}");
    }
}
