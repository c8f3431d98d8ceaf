//! Small token helpers shared by the emitters.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::TypeRef;

/// An identifier, raw (`r#type`) where the name says so.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The Rust type for a type reference, in a JSON context.
pub fn ty(t: &TypeRef) -> TokenStream {
    match t {
        TypeRef::Named(n) => {
            let n = ident(n);
            quote!(#n)
        }
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::U64 => quote!(u64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        // Binary inside JSON travels as a (base64 or raw) string.
        TypeRef::String | TypeRef::Bytes => quote!(String),
        TypeRef::DateTime => quote!(crate::DateTime),
        TypeRef::File => quote!(crate::File),
        TypeRef::Value => quote!(serde_json::Value),
        TypeRef::Object => quote!(serde_json::Map<String, serde_json::Value>),
        TypeRef::Unit => quote!(()),
        TypeRef::Vec(inner) => {
            let inner = ty(inner);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = ty(inner);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Option(inner) => {
            let inner = ty(inner);
            quote!(Option<#inner>)
        }
    }
}

/// Whether a type holds `f32`/`f64` numbers outside a named type (those
/// are sent with whole values as integers).
pub fn holds_float(t: &TypeRef) -> bool {
    match t {
        TypeRef::F32 | TypeRef::F64 => true,
        TypeRef::Option(inner) | TypeRef::Vec(inner) | TypeRef::Map(inner) => holds_float(inner),
        _ => false,
    }
}
