//! Form and multipart request bodies: which ones the method takes typed,
//! and the file fields of multipart bodies.

use super::ir::{BodyKind, Operation, RequestBody, TypeDef, TypeKind, TypeRef};
use crate::diagnostics::{child, Diagnostic};

/// A form body whose type does not encode as fields (no schema, a free-form
/// object, a list) is taken as encoded bytes; the binary fields of every
/// typed multipart body's struct become files.
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
    let def = body.ty.named().and_then(|name| defs.iter_mut().find(|d| d.name == name));
    match (body.kind, def) {
        (BodyKind::Multipart, Some(def)) => match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| to_file(&mut f.ty)),
            _ => untyped(body, pointer, diags),
        },
        (BodyKind::Form, Some(def)) if matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_)) => {}
        _ => untyped(body, pointer, diags),
    }
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
    use crate::model::ir::{Docs, Field, Struct};

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
}
