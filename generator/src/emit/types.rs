//! Named types -> structs, enums, unions and aliases, with serde attributes
//! and, for request types, a constructor and chained setters.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::tokens::{holds_float, ident, ty};
use crate::model::*;

/// One named type and how it decodes tolerantly; `object_like` says
/// whether a type (a union's variant) is an object on the wire.
pub fn type_def(def: &TypeDef, object_like: impl Fn(&TypeRef) -> bool) -> TokenStream {
    let doc = docs::attrs(&docs::item_lines(&def.docs));
    let name = ident(&def.name);
    let deprecated = def.docs.deprecated.then(|| quote!(#[deprecated]));
    let (item, shape, helper) = match &def.kind {
        TypeKind::Alias(target) => {
            let target = ty(target);
            return quote! { #doc #deprecated pub type #name = #target; };
        }
        TypeKind::Struct(s) => {
            let item = structure(&def.name, s, def.in_request, true, quote!(#doc #deprecated));
            let helper = match &def.envelope {
                Some(data) => quote!(runtime::envelope(deserializer, #data)),
                None => quote!(runtime::object(deserializer)),
            };
            (item, quote!(Object), helper)
        }
        TypeKind::Enum(e) => {
            let item = enumeration(&def.name, e, quote!(#doc #deprecated));
            match e.repr {
                EnumRepr::String => (item, quote!(Text), quote!(runtime::string_enum(deserializer))),
                EnumRepr::Integer => (item, quote!(Scalar), quote!(runtime::integer_enum(deserializer))),
            }
        }
        TypeKind::Union(u) => {
            let item = union(&def.name, u, quote!(#doc #deprecated));
            let shape =
                if u.variants.iter().all(|v| object_like(&v.ty)) { quote!(Object) } else { quote!(Any) };
            (item, shape, quote!(runtime::plain(deserializer)))
        }
    };
    let empty = match &def.kind {
        TypeKind::Struct(s) => empty_struct(s),
        // The zero value, as for any scalar of an object that came empty.
        TypeKind::Enum(e) if e.repr == EnumRepr::String => Some(quote!(Some(Self::Unknown(String::new())))),
        TypeKind::Enum(_) => Some(quote!(Some(Self::from(0)))),
        _ => None,
    }
    .map(|value| {
        quote! {
            fn empty() -> Option<Self> {
                #value
            }
        }
    });
    quote! {
        #item
        impl runtime::Tolerant for #name {
            const SHAPE: runtime::Shape = runtime::Shape::#shape;
            fn deserialize_tolerant<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #helper
            }
            #empty
        }
    }
}

/// The value of a struct that came empty: each member's own empty value
/// (`None`, zero, `""`); none when a required member has none, or would
/// recurse into the struct again.
fn empty_struct(s: &Struct) -> Option<TokenStream> {
    if derives_default(s) {
        return Some(quote!(Some(Self::default())));
    }
    if s.fields.iter().any(|f| f.boxed && !f.optional()) {
        return None;
    }
    let fields = s.fields.iter().map(|f| {
        let n = ident(&f.name);
        quote!(#n: runtime::Tolerant::empty()?)
    });
    let extra = s.extra.as_ref().map(|_| {
        let f = extra_field_name(s);
        quote!(#f: Default::default(),)
    });
    Some(quote!(Some(Self { #(#fields,)* #extra })))
}

/// Whether every field may be left out, so the struct derives `Default`.
pub(super) fn derives_default(s: &Struct) -> bool {
    s.fields.iter().all(|f| f.optional() || matches!(f.ty, TypeRef::Value))
}

/// The fields a request struct's `new` takes, in order.
pub(super) fn constructor_fields(s: &Struct) -> Vec<&Field> {
    s.fields.iter().filter(|f| !f.optional() && !matches!(f.ty, TypeRef::Value)).collect()
}

/// The Rust type of a field, with `Box` and `Option` applied.
pub fn field_type(f: &Field) -> TokenStream {
    let mut t = ty(&f.ty);
    if f.boxed {
        t = quote!(Box<#t>);
    }
    if f.optional() && !matches!(f.ty, TypeRef::Option(_)) {
        t = quote!(Option<#t>);
    }
    t
}

pub(super) fn extra_type(extra: &TypeRef) -> TokenStream {
    match extra {
        TypeRef::Value => quote!(serde_json::Map<String, serde_json::Value>),
        other => {
            let t = ty(other);
            quote!(std::collections::BTreeMap<String, #t>)
        }
    }
}

/// A struct; `serde` off for parameter structs, which never travel as JSON.
pub fn structure(name: &str, s: &Struct, builder: bool, serde: bool, attrs: TokenStream) -> TokenStream {
    let name_id = ident(name);
    let all_optional = derives_default(s);
    let default = all_optional.then(|| quote!(Default,));
    // Credentials are left out of `Debug` by a hand-rolled impl.
    let redacted = s.fields.iter().any(|f| f.sensitive);
    let debug = (!redacted).then(|| quote!(Debug,));
    let derive = if serde {
        quote!(#[derive(#debug Clone, PartialEq, #default serde::Serialize, serde::Deserialize)])
    } else {
        quote!(#[derive(#debug Clone, PartialEq, #default)])
    };
    let fields = s.fields.iter().map(|f| {
        let doc = docs::attrs(&docs::item_lines(&f.docs));
        let fname = ident(&f.name);
        let t = field_type(f);
        let deprecated = f.docs.deprecated.then(|| quote!(#[deprecated]));
        let serde_attr = serde.then(|| field_serde(f));
        quote! { #doc #deprecated #serde_attr pub #fname: #t, }
    });
    let extra = s.extra.as_ref().map(|e| {
        let t = extra_type(e);
        let f = extra_field_name(s);
        let serde_attr = serde.then(|| quote!(#[serde(flatten)]));
        quote! {
            /// Members the schema does not name (`additionalProperties`).
            #serde_attr
            pub #f: #t,
        }
    });
    let builder = builder.then(|| builder_impl(name, s, all_optional));
    let debug_impl = redacted.then(|| redacted_debug(name, s));
    // Users build values with `new`/`default` and setters, never with a
    // struct literal, so a new field is an additive change.
    quote! {
        #attrs
        #derive
        #[non_exhaustive]
        pub struct #name_id {
            #(#fields)*
            #extra
        }
        #debug_impl
        #builder
    }
}

/// `Debug` that prints `"<redacted>"` for credentials.
fn redacted_debug(name: &str, s: &Struct) -> TokenStream {
    let name_id = ident(name);
    let fields = s.fields.iter().map(|f| {
        let wire = f.name.trim_start_matches("r#");
        let fid = ident(&f.name);
        match (f.sensitive, f.optional()) {
            (false, _) => quote!(.field(#wire, &self.#fid)),
            (true, false) => quote!(.field(#wire, &"<redacted>")),
            (true, true) => quote!(.field(#wire, &self.#fid.as_ref().map(|_| "<redacted>"))),
        }
    });
    let extra = s.extra.as_ref().map(|_| {
        let f = extra_field_name(s);
        let label = f.to_string();
        quote!(.field(#label, &self.#f))
    });
    quote! {
        impl std::fmt::Debug for #name_id {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#name) #(#fields)* #extra .finish()
            }
        }
    }
}

pub(super) fn extra_field_name(s: &Struct) -> proc_macro2::Ident {
    ident(&crate::naming::extra_field_name(s.fields.iter().map(|f| f.name.as_str())))
}

/// Renames, defaults, and the runtime helpers that read tolerantly and
/// write whole numbers as integers.
fn field_serde(f: &Field) -> TokenStream {
    let wire = &f.wire_name;
    let plain = f.name.strip_prefix("r#").unwrap_or(&f.name);
    let rename = (plain != wire).then(|| quote!(rename = #wire,));
    let write = holds_float(&f.ty).then(|| quote!(#[serde(serialize_with = "runtime::whole_numbers")]));
    // On a line of its own: every field has it.
    let read = quote!(#[serde(deserialize_with = "runtime::de")]);
    let shape = if !f.required {
        quote!(#[serde(#rename default, skip_serializing_if = "Option::is_none")])
    } else if f.nullable || matches!(f.ty, TypeRef::Value) {
        // Required but nullable: sent as `null`, tolerated when absent.
        quote!(#[serde(#rename default)])
    } else if rename.is_some() {
        quote!(#[serde(#rename)])
    } else {
        quote!()
    };
    quote!(#shape #write #read)
}

/// `new(required...)` plus one setter per optional field.
fn builder_impl(name: &str, s: &Struct, all_optional: bool) -> TokenStream {
    let name_id = ident(name);
    let required = constructor_fields(s);
    let new_fn = (!all_optional).then(|| {
        let args = required.iter().map(|f| {
            let n = ident(&f.name);
            let t = field_type(f);
            quote!(#n: impl Into<#t>)
        });
        let inits = s.fields.iter().map(|f| {
            let n = ident(&f.name);
            if required.iter().any(|r| r.name == f.name) {
                quote!(#n: #n.into())
            } else {
                quote!(#n: Default::default())
            }
        });
        let extra = s.extra.as_ref().map(|_| {
            let f = extra_field_name(s);
            quote!(#f: Default::default(),)
        });
        let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote! {
            /// Creates a value from its required fields; optional fields start empty.
            #many
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits,)* #extra }
            }
        }
    });
    let setters = s.fields.iter().filter(|f| f.optional() && !matches!(f.ty, TypeRef::Value)).map(|f| {
        let n = ident(&f.name);
        let setter = ident(&crate::naming::setter_name(&f.name));
        let mut inner = match &f.ty {
            TypeRef::Option(inner) => ty(inner),
            other => ty(other),
        };
        let mut value = quote!(value.into());
        if f.boxed {
            inner = quote!(#inner);
            value = quote!(Box::new(value.into()));
        }
        let doc = format!(" Sets `{}`.", f.wire_name.replace('`', "'"));
        quote! {
            #[doc = #doc]
            pub fn #setter(mut self, value: impl Into<#inner>) -> Self {
                self.#n = Some(#value);
                self
            }
        }
    });
    quote! {
        #[allow(deprecated)]
        impl #name_id {
            #new_fn
            #(#setters)*
        }
    }
}

fn enumeration(name: &str, e: &Enum, attrs: TokenStream) -> TokenStream {
    let name_id = ident(name);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    // The spec describes the values as a whole, if at all: each variant
    // says what it stands for on the wire.
    let docs: Vec<String> = e
        .variants
        .iter()
        .map(|v| format!(" The wire value `{}`.", v.value.to_string().replace('`', "'")))
        .collect();
    match e.repr {
        EnumRepr::String => {
            let values: Vec<String> =
                e.variants.iter().map(|v| v.value.as_str().unwrap_or_default().to_owned()).collect();
            quote! {
                #attrs
                #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
                #[non_exhaustive]
                pub enum #name_id {
                    #( #[doc = #docs] #[serde(rename = #values)] #variants, )*
                    /// A value this version of the client does not know.
                    #[serde(untagged)]
                    Unknown(String),
                }
                impl #name_id {
                    /// The value as sent on the wire.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #( Self::#variants => #values, )*
                            Self::Unknown(other) => other,
                        }
                    }
                }
                impl std::fmt::Display for #name_id {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }
            }
        }
        EnumRepr::Integer => {
            let values: Vec<i64> = e.variants.iter().map(|v| v.value.as_i64().unwrap_or_default()).collect();
            quote! {
                #attrs
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
                #[serde(from = "i64", into = "i64")]
                #[non_exhaustive]
                pub enum #name_id {
                    #( #[doc = #docs] #variants, )*
                    /// A value this version of the client does not know.
                    Unknown(i64),
                }
                impl From<i64> for #name_id {
                    fn from(value: i64) -> Self {
                        match value {
                            #( #values => Self::#variants, )*
                            other => Self::Unknown(other),
                        }
                    }
                }
                impl From<#name_id> for i64 {
                    fn from(value: #name_id) -> Self {
                        match value {
                            #( #name_id::#variants => #values, )*
                            #name_id::Unknown(other) => other,
                        }
                    }
                }
                impl std::fmt::Display for #name_id {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(f, "{}", i64::from(*self))
                    }
                }
            }
        }
    }
}

fn union(name: &str, u: &Union, attrs: TokenStream) -> TokenStream {
    let name_id = ident(name);
    let variants: Vec<_> = u.variants.iter().map(|v| ident(&v.name)).collect();
    let docs: Vec<String> =
        u.variants.iter().map(|v| union_variant_doc(v, u.discriminator.as_ref())).collect();
    let types: Vec<_> = u
        .variants
        .iter()
        .map(|v| {
            let t = ty(&v.ty);
            if v.boxed {
                quote!(Box<#t>)
            } else {
                t
            }
        })
        .collect();
    let Some(disc) = &u.discriminator else {
        // As documented first, then each variant read tolerantly: a `"1"`
        // meets `integer | boolean` as the integer 1, not as no match.
        let plain = u.variants.iter().zip(&types).map(|(v, t)| {
            let vid = ident(&v.name);
            quote!(if let Ok(v) = serde_json::from_value::<#t>(value.clone()) { return Ok(Self::#vid(v)); })
        });
        // Only variants of the value's own kind: an array variant must not
        // take an object by wrapping it.
        let tolerant = u.variants.iter().zip(&types).map(|(v, t)| {
            let vid = ident(&v.name);
            quote! {
                if runtime::fits::<#t>(&value) {
                    if let Ok(v) = runtime::from_value::<#t>(value.clone()) { return Ok(Self::#vid(v)); }
                }
            }
        });
        let none = format!("data did not match any variant of untagged enum {name}");
        return quote! {
            #attrs
            #[derive(Debug, Clone, PartialEq, serde::Serialize)]
            #[serde(untagged)]
            #[non_exhaustive]
            pub enum #name_id {
                #( #[doc = #docs] #variants(#types), )*
            }
            impl<'de> serde::Deserialize<'de> for #name_id {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = serde_json::Value::deserialize(deserializer)?;
                    #(#plain)*
                    #(#tolerant)*
                    Err(serde::de::Error::custom(#none))
                }
            }
        };
    };
    // Tagged: the tag stays a member of each variant's struct, so decode by
    // looking at it first, then decode the whole object as that variant.
    let property = &disc.property;
    // Each tag once, with the variants it selects in order (the model puts
    // variants sharing a tag together, the most constrained first).
    let mut groups: Vec<(String, Vec<&proc_macro2::Ident>)> = Vec::new();
    for (v, id) in u.variants.iter().zip(&variants) {
        let tag = v.tag.clone().unwrap_or_else(|| v.name.clone());
        match groups.iter_mut().find(|(t, _)| *t == tag) {
            Some((_, ids)) => ids.push(id),
            None => groups.push((tag, vec![id])),
        }
    }
    let tags: Vec<String> = groups.iter().map(|(t, _)| t.clone()).collect();
    // One variant decodes the value; several are tried in turn, the last
    // one's error reported.
    let decode = groups.iter().map(|(_, ids)| {
        let mut ids = ids.iter().rev();
        let last = ids.next();
        let mut expr = quote!(runtime::from_value(value).map(Self::#last));
        for id in ids {
            expr = quote!(runtime::from_value(value.clone()).map(Self::#id).or_else(|_| #expr));
        }
        expr
    });
    let escape = |s: &str| s.replace('{', "{{").replace('}', "}}");
    let unknown =
        format!("unknown {} {{other:?}}; expected one of: {}", escape(property), escape(&tags.join(", ")));
    let missing = format!("missing discriminator {property}");
    quote! {
        #attrs
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name_id {
            #( #[doc = #docs] #variants(#types), )*
        }
        impl<'de> serde::Deserialize<'de> for #name_id {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use serde::de::Error as _;
                let value = serde_json::Value::deserialize(deserializer)?;
                let tag = value.get(#property).and_then(serde_json::Value::as_str).map(str::to_owned);
                match tag.as_deref() {
                    #( Some(#tags) => #decode.map_err(D::Error::custom), )*
                    Some(other) => Err(D::Error::custom(format!(#unknown))),
                    None => Err(D::Error::custom(#missing)),
                }
            }
        }
    }
}

/// What a union's variant holds, and the tag that selects it.
fn union_variant_doc(v: &UnionVariant, disc: Option<&Discriminator>) -> String {
    let held = match &v.ty {
        TypeRef::Named(n) => format!("the value as [`{n}`]"),
        TypeRef::Unit => "JSON `null`".to_owned(),
        other => format!("the value as `{}`", super::signature::type_text(other)),
    };
    match (disc, &v.tag) {
        (Some(d), Some(tag)) => {
            format!(" When `{}` is `{}`: {held}.", d.property.replace('`', "'"), tag.replace('`', "'"))
        }
        _ => match held.strip_prefix("the") {
            Some(rest) => format!(" The{rest}."),
            None => format!(" {held}."),
        },
    }
}
