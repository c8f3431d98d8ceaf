//! Request bodies that are not JSON: which the generated method takes typed
//! and which it takes as already encoded bytes.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{ident, ty};
use crate::model::{
    Api, BodyKind, FieldEncoding, Operation, RequestBody, Struct, TypeDef, TypeKind, TypeRef,
};

/// Operations whose method takes the request body as encoded bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RawBodies {
    /// All of them.
    pub total: usize,
    /// Those with a form or multipart media type: left to bytes because
    /// the spec names no fields the client can encode.
    pub shaped: usize,
}

/// Counts the operations of `api` whose body goes out as raw bytes.
pub fn raw_bodies(api: &Api) -> RawBodies {
    let mut out = RawBodies::default();
    for body in api.operations.iter().filter_map(|op| op.body.as_ref()) {
        if is_raw(body) {
            out.total += 1;
            if is_form_media(&body.media_type) {
                out.shaped += 1;
            }
        }
    }
    out
}

/// Operations whose body the spec offers in several media types, and
/// which of those the client sends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MediaChoices {
    /// Operations that accept more than one request media type.
    pub several: usize,
    /// Methods that send a body in another media type than the
    /// operation's own method.
    pub methods: usize,
    /// Those of `methods` that take the body as encoded bytes.
    pub raw: RawBodies,
    /// Request media types no method sends (XML, further JSON types,
    /// wildcards).
    pub unsent: usize,
}

/// Counts the operations of `api` that accept several request media types.
pub fn media_choices(api: &Api) -> MediaChoices {
    let mut out = MediaChoices::default();
    for op in &api.operations {
        let offered = usize::from(op.body.is_some()) + op.alternatives.len() + op.unsent_media.len();
        if offered > 1 {
            out.several += 1;
        }
        out.methods += op.alternatives.len();
        out.unsent += op.unsent_media.len();
        for alt in op.alternatives.iter().filter(|a| is_raw(&a.body)) {
            out.raw.total += 1;
            if is_form_media(&alt.body.media_type) {
                out.raw.shaped += 1;
            }
        }
    }
    out
}

/// Whether the method takes `body` as encoded bytes.
pub(super) fn is_raw(body: &RequestBody) -> bool {
    body.kind == BodyKind::Binary
}

/// A form or multipart media type (which the model leaves to bytes only
/// when the spec gives the body no fields).
fn is_form_media(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    matches!(essence.as_str(), "application/x-www-form-urlencoded" | "multipart/form-data" | "form-data")
}

/// The method's body argument and the statement that puts it in the
/// request. `def` finds a named type (a multipart body's struct).
pub(super) fn emit<'a>(
    op: &Operation,
    def: impl Fn(&str) -> Option<&'a TypeDef>,
) -> (Option<TokenStream>, Option<TokenStream>) {
    let Some(b) = &op.body else { return (None, None) };
    let media = &b.media_type;
    let typed = |stmt: TokenStream| {
        let t = match &b.ty {
            // A list is borrowed as a slice.
            TypeRef::Vec(inner) => {
                let inner = ty(inner);
                quote!([#inner])
            }
            other => ty(other),
        };
        if b.required {
            (Some(quote!(body: &#t)), Some(stmt))
        } else {
            (Some(quote!(body: Option<&#t>)), Some(quote!(if let Some(body) = body { #stmt })))
        }
    };
    match b.kind {
        BodyKind::Json => typed(quote!(request.json(body);)),
        BodyKind::Form => {
            let styles = b.encoding.iter().map(|(name, e)| {
                let style = match e {
                    FieldEncoding::Form => quote!(Form),
                    FieldEncoding::FormFlat => quote!(FormFlat),
                    FieldEncoding::SpaceDelimited => quote!(SpaceDelimited),
                    FieldEncoding::PipeDelimited => quote!(PipeDelimited),
                    FieldEncoding::DeepObject => quote!(DeepObject),
                    FieldEncoding::Json => quote!(Json),
                };
                quote!((#name, runtime::FormStyle::#style))
            });
            typed(quote!(request.form(body, &[#(#styles),*]);))
        }
        BodyKind::Multipart => {
            let fields = multipart_parts(&b.ty, &def);
            typed(quote! {
                let mut parts = runtime::Multipart::new();
                #(#fields)*
                request.multipart(parts);
            })
        }
        BodyKind::Text => (
            Some(quote!(body: String)),
            Some(quote!(request.body = runtime::Body::Text { content_type: #media.to_owned(), data: body };)),
        ),
        // Binary bodies, and forms the spec gives no fields, are passed
        // encoded by the caller.
        BodyKind::Binary => (
            Some(quote!(body: Vec<u8>)),
            Some(
                quote!(request.body = runtime::Body::Bytes { content_type: #media.to_owned(), data: body };),
            ),
        ),
    }
}

/// The statements that add `body`'s parts (the model typed the body as
/// a struct, a map, or a union of those).
fn multipart_parts<'a>(t: &TypeRef, def: &impl Fn(&str) -> Option<&'a TypeDef>) -> Vec<TokenStream> {
    let t = unalias(t, def);
    let kind = t.named().and_then(def).map(|d| &d.kind);
    match (&t, kind) {
        (TypeRef::Map(_) | TypeRef::Object, _) => {
            vec![quote!(for (name, value) in body.iter() {
                parts.text(name, value);
            })]
        }
        (_, Some(TypeKind::Struct(s))) => multipart_fields(s),
        (TypeRef::Named(name), Some(TypeKind::Union(u))) => {
            let union = ident(name);
            // Each arm rebinds `body` to the variant's value.
            let arms = u.variants.iter().map(|v| {
                let variant = ident(&v.name);
                let parts = multipart_parts(&v.ty, def);
                quote!(#union::#variant(body) => { #(#parts)* })
            });
            vec![quote!(match body { #(#arms)* })]
        }
        _ => Vec::new(),
    }
}

/// `t` with aliases followed to what they name (a few steps at most).
fn unalias<'a>(t: &TypeRef, def: &impl Fn(&str) -> Option<&'a TypeDef>) -> TypeRef {
    let mut t = t.clone();
    for _ in 0..16 {
        match t.named().and_then(def).map(|d| &d.kind) {
            Some(TypeKind::Alias(target)) => t = target.clone(),
            _ => break,
        }
    }
    t
}

/// One statement per field: files as file parts, the rest as text.
fn multipart_fields(s: &Struct) -> Vec<TokenStream> {
    let mut out: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|f| {
            let n = ident(&f.name);
            let wire = &f.wire_name;
            let value = if f.optional() { quote!(value) } else { quote!(&body.#n) };
            let add = match strip(&f.ty, f.optional()) {
                TypeRef::File => quote!(parts.file(#wire, #value);),
                TypeRef::Vec(inner) if **inner == TypeRef::File => {
                    quote!(for file in #value { parts.file(#wire, file); })
                }
                _ => return quote!(parts.text(#wire, &body.#n);),
            };
            if f.optional() {
                quote!(if let Some(value) = &body.#n { #add })
            } else {
                add
            }
        })
        .collect();
    if s.extra.is_some() {
        let extra = super::types::extra_field_name(s);
        out.push(quote!(for (name, value) in &body.#extra { parts.text(name, value); }));
    }
    out
}

/// The type inside the field's `Option`.
fn strip(t: &TypeRef, optional: bool) -> &TypeRef {
    match t {
        TypeRef::Option(inner) if optional => inner,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Auth, Docs, Field};

    fn op(kind: BodyKind, media: &str, ty: TypeRef, encoding: Vec<(String, FieldEncoding)>) -> Operation {
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
            body: Some(RequestBody {
                kind,
                media_type: media.into(),
                ty,
                required: true,
                description: None,
                encoding,
            }),
            alternatives: Vec::new(),
            unsent_media: Vec::new(),
            responses: Vec::new(),
            success_enum: None,
            auth: Auth::None,
            pagination: None,
            pointer: String::new(),
        }
    }

    fn field(name: &str, ty: TypeRef, required: bool) -> Field {
        Field {
            name: name.into(),
            wire_name: name.into(),
            ty,
            required,
            nullable: false,
            boxed: false,
            sensitive: false,
            docs: Docs::default(),
        }
    }

    fn text(t: Option<TokenStream>) -> String {
        t.map(|t| t.to_string()).unwrap_or_default()
    }

    #[test]
    fn form_body_is_typed_with_its_field_styles() {
        let enc = vec![
            ("meta".to_owned(), FieldEncoding::DeepObject),
            ("raw".to_owned(), FieldEncoding::Json),
            ("tags".to_owned(), FieldEncoding::SpaceDelimited),
            ("ids".to_owned(), FieldEncoding::PipeDelimited),
        ];
        let op =
            op(BodyKind::Form, "application/x-www-form-urlencoded", TypeRef::Named("Charge".into()), enc);
        let (arg, stmt) = emit(&op, |_| None);
        assert_eq!(text(arg), "body : & Charge");
        assert_eq!(
            text(stmt),
            "request . form (body , & [(\"meta\" , runtime :: FormStyle :: DeepObject) , (\"raw\" , runtime :: FormStyle :: Json) , (\"tags\" , runtime :: FormStyle :: SpaceDelimited) , (\"ids\" , runtime :: FormStyle :: PipeDelimited)]) ;"
        );
    }

    #[test]
    fn multipart_body_adds_a_part_per_field() {
        let upload = TypeDef {
            name: "Upload".into(),
            docs: Docs::default(),
            kind: TypeKind::Struct(Struct {
                fields: vec![
                    field("id", TypeRef::I64, true),
                    field("note", TypeRef::String, false),
                    field("image", TypeRef::File, true),
                    field("thumb", TypeRef::File, false),
                    field("pages", TypeRef::Vec(Box::new(TypeRef::File)), true),
                ],
                extra: None,
            }),
            pointer: String::new(),
            in_request: true,
            envelope: None,
        };
        let op = op(BodyKind::Multipart, "multipart/form-data", TypeRef::Named("Upload".into()), Vec::new());
        let (arg, stmt) = emit(&op, |n| (n == "Upload").then_some(&upload));
        assert_eq!(text(arg), "body : & Upload");
        let stmt = text(stmt);
        for expected in [
            "let mut parts = runtime :: Multipart :: new () ;",
            "parts . text (\"id\" , & body . id) ;",
            "parts . text (\"note\" , & body . note) ;",
            "parts . file (\"image\" , & body . image) ;",
            "if let Some (value) = & body . thumb { parts . file (\"thumb\" , value) ; }",
            "for file in & body . pages { parts . file (\"pages\" , file) ; }",
            "request . multipart (parts) ;",
        ] {
            assert!(stmt.contains(expected), "{expected} not in {stmt}");
        }
    }

    #[test]
    fn binary_body_is_bytes_and_counted() {
        let op = op(BodyKind::Binary, "application/octet-stream", TypeRef::Bytes, Vec::new());
        let (arg, stmt) = emit(&op, |_| None);
        assert_eq!(text(arg), "body : Vec < u8 >");
        assert!(text(stmt).contains("\"application/octet-stream\""));
        let mut api = Api::default();
        api.operations.push(op.clone());
        let mut form = op;
        form.body.as_mut().unwrap().media_type = "multipart/form-data".into();
        api.operations.push(form);
        assert_eq!(raw_bodies(&api), RawBodies { total: 2, shaped: 1 });
    }
}
