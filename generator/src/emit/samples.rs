//! Sample values for generated tests: a Rust expression of a type and the
//! JSON that expression serializes to, built side by side.

use std::collections::BTreeMap;
use std::rc::Rc;

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Value};

use super::tokens::{ident, ty};
use crate::model::*;

/// How deep samples nest before optional members are left out.
const MAX_DEPTH: usize = 4;

/// The named types samples are built from, indexed by name: large specs
/// have over a thousand, looked up for every field of every operation.
pub struct Samples<'a> {
    types: Rc<BTreeMap<&'a str, &'a TypeDef>>,
    extra: Option<&'a TypeDef>,
}

impl<'a> Samples<'a> {
    pub fn new(types: &'a [TypeDef]) -> Self {
        Samples { types: Rc::new(types_by_name(types)), extra: None }
    }

    /// The same types plus one more (an operation's parameters struct).
    pub fn with(&self, extra: &'a TypeDef) -> Samples<'a> {
        Samples { types: Rc::clone(&self.types), extra: Some(extra) }
    }

    fn def(&self, name: &str) -> Option<&'a TypeDef> {
        self.extra.filter(|d| d.name == name).or_else(|| self.types.get(name).copied())
    }

    /// A Rust expression of type `t` and its JSON, or `None` when no finite
    /// value can be built (required recursion).
    pub fn value(&self, t: &TypeRef, depth: usize) -> Option<(TokenStream, Value)> {
        if depth > MAX_DEPTH + 4 {
            return None;
        }
        Some(match t {
            TypeRef::Bool => (quote!(true), json!(true)),
            TypeRef::I32 => (quote!(7), json!(7)),
            TypeRef::I64 => (quote!(7), json!(7)),
            // Typed: an `impl Into<u64>` argument takes no `i32`.
            TypeRef::U64 => (quote!(7u64), json!(7)),
            TypeRef::F32 => (quote!(1.5f32), json!(1.5)),
            TypeRef::F64 => (quote!(1.5), json!(1.5)),
            TypeRef::String | TypeRef::Bytes => (quote!("sample".to_owned()), json!("sample")),
            TypeRef::File => (
                quote!(File::new(&b"sample"[..]).file_name("sample.bin").content_type("image/png")),
                json!("sample"),
            ),
            TypeRef::DateTime => {
                (quote!(DateTime::from("2026-04-20 18:30:00")), json!("2026-04-20 18:30:00"))
            }
            TypeRef::Value => (quote!(serde_json::json!({"key": "value"})), json!({"key": "value"})),
            TypeRef::Object => (
                quote!(serde_json::Map::from_iter([("key".to_owned(), serde_json::json!(1))])),
                json!({"key": 1}),
            ),
            TypeRef::Unit => (quote!(()), Value::Null),
            TypeRef::Vec(inner) => {
                let (expr, v) = self.value(inner, depth + 1)?;
                (quote!(vec![#expr]), json!([v]))
            }
            TypeRef::Map(inner) => {
                let (expr, v) = self.value(inner, depth + 1)?;
                (quote!(std::collections::BTreeMap::from([("key".to_owned(), #expr)])), json!({ "key": v }))
            }
            TypeRef::Option(inner) => {
                let (expr, v) = self.value(inner, depth)?;
                (quote!(Some(#expr)), v)
            }
            TypeRef::Named(name) => return self.named(name, depth),
        })
    }

    fn named(&self, name: &str, depth: usize) -> Option<(TokenStream, Value)> {
        let def = self.def(name)?;
        let id = ident(name);
        match &def.kind {
            TypeKind::Alias(t) => self.value(t, depth),
            TypeKind::Enum(e) => {
                let first = e.variants.first()?;
                let v = ident(&first.name);
                Some((quote!(#id::#v), first.value.clone()))
            }
            TypeKind::Union(u) => u.variants.iter().find_map(|variant| {
                let (expr, v) = self.value(&variant.ty, depth + 1)?;
                let vid = ident(&variant.name);
                let expr = if variant.boxed { quote!(Box::new(#expr)) } else { expr };
                Some((quote!(#id::#vid(#expr)), v))
            }),
            TypeKind::Struct(s) => self.structure(name, s, def.in_request, depth),
        }
    }

    fn structure(&self, name: &str, s: &Struct, builder: bool, depth: usize) -> Option<(TokenStream, Value)> {
        let id = ident(name);
        let mut json = serde_json::Map::new();
        let mut inits = Vec::new();
        let all_optional = s.fields.iter().all(|f| f.optional() || matches!(f.ty, TypeRef::Value));
        let mut required_args = Vec::new();
        let mut setters = Vec::new();
        for f in &s.fields {
            let fid = ident(&f.name);
            let required = !f.optional() && !matches!(f.ty, TypeRef::Value);
            let fill = required || (depth < MAX_DEPTH && !f.docs.deprecated);
            let base = match &f.ty {
                TypeRef::Option(inner) => inner.as_ref(),
                other => other,
            };
            let sample = if fill { self.value(base, depth + 1) } else { None };
            match (required, sample) {
                (true, None) => return None,
                (true, Some((expr, v))) => {
                    let expr = if f.boxed { quote!(Box::new(#expr)) } else { expr };
                    let expr = if f.nullable && !matches!(f.ty, TypeRef::Option(_)) {
                        quote!(Some(#expr))
                    } else {
                        expr
                    };
                    json.insert(f.wire_name.clone(), v);
                    required_args.push(expr.clone());
                    inits.push(quote!(#fid: #expr));
                }
                (false, Some((expr, v))) if !matches!(f.ty, TypeRef::Value) => {
                    json.insert(f.wire_name.clone(), v);
                    let setter = super::tokens::ident(&crate::naming::setter_name(&f.name));
                    setters.push(quote!(.#setter(#expr)));
                    let wrapped = if f.boxed { quote!(Box::new(#expr)) } else { expr };
                    inits.push(quote!(#fid: Some(#wrapped)));
                }
                (false, _) => {
                    let init = if matches!(f.ty, TypeRef::Value) {
                        quote!(#fid: serde_json::Value::Null)
                    } else {
                        quote!(#fid: None)
                    };
                    if matches!(f.ty, TypeRef::Value) && required {
                        json.insert(f.wire_name.clone(), Value::Null);
                    }
                    inits.push(init);
                }
            }
        }
        let expr = if builder {
            let start =
                if all_optional { quote!(#id::default()) } else { quote!(#id::new(#(#required_args),*)) };
            quote!(#start #(#setters)*)
        } else {
            let extra = s.extra.as_ref().map(|_| {
                let mut name = "additional_properties".to_owned();
                while s.fields.iter().any(|f| f.name == name) {
                    name.push('_');
                }
                let n = ident(&name);
                quote!(#n: Default::default(),)
            });
            quote!(#id { #(#inits,)* #extra })
        };
        let _ = ty;
        Some((expr, Value::Object(json)))
    }

    /// The JSON a server might send for `t`: the documented example when
    /// there is one, else a sample.
    pub fn json(&self, t: &TypeRef) -> Value {
        self.value(t, 0).map(|(_, v)| v).unwrap_or(Value::Null)
    }
}
