//! The Rust items a generated module shows its users, as text, taken from
//! the same functions that print them: the API change report
//! ([`crate::changes`]) names types and signatures exactly as users see them.

use proc_macro2::{TokenStream, TokenTree};

use super::client::{self, Printable};
use super::{docs, tokens, types};
use crate::model::*;

/// Source text of a type's tokens: `Option<Vec<String>>`, `&str`.
pub fn text(ts: &TokenStream) -> String {
    let mut out = String::new();
    push_tokens(ts.clone(), &mut out);
    out
}

fn push_tokens(ts: TokenStream, out: &mut String) {
    for tt in ts {
        match tt {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                    proc_macro2::Delimiter::Bracket => ("[", "]"),
                    proc_macro2::Delimiter::Brace => ("{", "}"),
                    proc_macro2::Delimiter::None => ("", ""),
                };
                out.push_str(open);
                push_tokens(g.stream(), out);
                out.push_str(close);
            }
            TokenTree::Ident(i) => {
                // Two words in a row need a space (`dyn Trait`, `mut x`).
                if out.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    out.push(' ');
                }
                out.push_str(&i.to_string());
            }
            TokenTree::Punct(p) => {
                // `a: T` and `A, B` are spaced; the second colon of `::` is not.
                let spaced = p.as_char() == ','
                    || (p.as_char() == ':'
                        && p.spacing() == proc_macro2::Spacing::Alone
                        && !out.ends_with(':'));
                out.push(p.as_char());
                if spaced {
                    out.push(' ');
                }
            }
            TokenTree::Literal(l) => out.push_str(&l.to_string()),
        }
    }
}

/// The Rust type of a type reference, as a field or argument spells it.
pub fn type_text(t: &TypeRef) -> String {
    text(&tokens::ty(t))
}

/// The Rust type of a struct field, with `Box` and `Option` applied.
pub fn field_type_text(f: &Field) -> String {
    text(&types::field_type(f))
}

/// The doc lines the spec gives a type or field. Docs the model derives
/// from where an item is used are left out: they follow from the shape,
/// whose changes the report already names one by one.
pub fn doc_lines(d: &Docs) -> Vec<String> {
    docs::lines(d)
}

/// How users get a value of a struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Construction {
    /// The struct derives `Default`.
    pub default: bool,
    /// The arguments of `new` (`name: Type`), for request types that have it.
    pub new_args: Option<Vec<String>>,
    /// Request types have one setter per optional field.
    pub setters: bool,
}

pub fn construction(s: &Struct, in_request: bool) -> Construction {
    let default = types::derives_default(s);
    let new_args = (in_request && !default).then(|| {
        types::constructor_fields(s)
            .into_iter()
            .map(|f| format!("{}: {}", f.name, field_type_text(f)))
            .collect()
    });
    Construction { default, new_args, setters: in_request }
}

/// The name and type of the field holding `additionalProperties`, if any.
pub fn extra_field(s: &Struct) -> Option<(String, String)> {
    let extra = s.extra.as_ref()?;
    Some((types::extra_field_name(s).to_string(), text(&types::extra_type(extra))))
}

/// The payload type of a union variant.
pub fn union_variant_text(v: &UnionVariant) -> String {
    let t = type_text(&v.ty);
    if v.boxed {
        format!("Box<{t}>")
    } else {
        t
    }
}

/// One success variant of an operation's success enum: its name and
/// payload type, if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuccessVariant {
    pub name: String,
    pub payload: Option<String>,
}

/// The signature of an operation's method, and what comes with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Method {
    /// Path parameters, in the order the method takes them: name and type.
    pub path_args: Vec<(String, String)>,
    /// The fields of the parameters struct (query and header parameters).
    pub params: Vec<Field>,
    /// The body argument's type, when the method takes one.
    pub body: Option<String>,
    /// `T` of `Result<ApiResponse<T, M>, Error>`: the body, or the data of
    /// an envelope the method unwraps.
    pub returns: String,
    /// `M`, the meta of an envelope the method unwraps, when it has one.
    pub meta: Option<String>,
    /// The variants of the success enum, when there is one, and whether it
    /// has an `Other` catch-all.
    pub success: Option<(Vec<SuccessVariant>, bool)>,
    /// The item type of `<method>_stream`, when the method has a page stream.
    pub stream: Option<String>,
}

/// Method signatures of one API.
pub struct Methods<'a> {
    printable: Printable<'a>,
}

impl<'a> Methods<'a> {
    pub fn new(api: &'a Api) -> Self {
        Methods { printable: Printable::new(&api.types) }
    }

    pub fn method(&self, op: &Operation) -> Method {
        let path_params = client::ordered_path_params(op);
        let path_args = path_params
            .iter()
            .map(|p| (p.name.clone(), text(&client::path_arg_type(p, &self.printable))))
            .collect();
        let params = client::params_fields(op, &self.printable);
        let body = client::body(op, &self.printable).0.map(|arg| {
            let arg = text(&arg);
            arg.split_once(": ").map(|(_, t)| t.to_owned()).unwrap_or(arg)
        });
        let success = client::success(op);
        let returns = text(&success.ty);
        let meta = success.meta.as_ref().map(text);
        let success = op.success_enum.as_ref().map(|_| {
            let (variants, other) = client::success_variants(op);
            let variants = variants
                .iter()
                .map(|v| SuccessVariant {
                    name: v.name.clone(),
                    payload: v.response.effective_body().map(|b| text(&client::body_type(b))),
                })
                .collect();
            (variants, other)
        });
        let stream = op
            .pagination
            .as_ref()
            .filter(|_| client::has_page_stream(op, &path_params, &self.printable))
            .map(|pg| type_text(&pg.item));
        Method { path_args, params, body, returns, meta, success, stream }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn type_text_is_spaced_like_source() {
        assert_eq!(text(&quote!(Option<Vec<String>>)), "Option<Vec<String>>");
        assert_eq!(
            text(&quote!(std::collections::BTreeMap<String, i64>)),
            "std::collections::BTreeMap<String, i64>"
        );
        assert_eq!(text(&quote!(&str)), "&str");
        assert_eq!(text(&quote!(Option<&serde_json::Value>)), "Option<&serde_json::Value>");
        assert_eq!(text(&quote!(())), "()");
        assert_eq!(text(&quote!(id: i64)), "id: i64");
    }
}
