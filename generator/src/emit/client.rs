//! Operations -> one async method each on the API's handle, plus parameter
//! structs and page streams. A method only describes the request; the
//! runtime (`crate::runtime`) sends it.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::tokens::{ident, ty};
use super::types::structure;
use crate::model::*;

/// Type names the client may use where a spec type would not be printable
/// in a URL (structs, unions): those are sent as JSON text.
pub struct Printable<'a>(BTreeMap<&'a str, &'a TypeDef>);

impl<'a> Printable<'a> {
    pub fn new(types: &'a [TypeDef]) -> Self {
        Printable(types_by_name(types))
    }

    pub(super) fn def(&self, name: &str) -> Option<&'a TypeDef> {
        self.0.get(name).copied()
    }

    /// Whether values of the type are `Copy` (passed without a borrow).
    fn copy(&self, t: &TypeRef) -> bool {
        match t {
            TypeRef::Named(n) => self.def(n).is_some_and(|d| match &d.kind {
                TypeKind::Enum(e) => e.repr == EnumRepr::Integer,
                TypeKind::Alias(inner) => self.copy(inner),
                _ => false,
            }),
            t => matches!(
                t,
                TypeRef::Bool | TypeRef::I32 | TypeRef::I64 | TypeRef::U64 | TypeRef::F32 | TypeRef::F64
            ),
        }
    }

    /// `t` with named aliases followed, so an alias of an array is sent as one.
    fn unalias(&self, t: &TypeRef) -> TypeRef {
        match t {
            TypeRef::Named(n) => match self.def(n).map(|d| &d.kind) {
                Some(TypeKind::Alias(inner)) => self.unalias(inner),
                _ => t.clone(),
            },
            t => t.clone(),
        }
    }

    pub fn ok(&self, t: &TypeRef) -> bool {
        match t {
            TypeRef::Named(n) => self.def(n).is_some_and(|d| match &d.kind {
                TypeKind::Enum(_) => true,
                TypeKind::Alias(inner) => self.ok(inner),
                _ => false,
            }),
            TypeRef::Vec(inner) => self.ok(inner),
            t => t.is_scalar() || matches!(t, TypeRef::Value),
        }
    }
}

/// What every method of an API needs to know besides its operation.
struct Ctx<'a> {
    printable: &'a Printable<'a>,
    /// Booleans in a query string as `1`/`0` (the API's profile).
    numeric_bools: bool,
    /// JSON pointers of a paged answer's total (the API's profile).
    total_count: &'a [String],
    /// The API's module, the first half of each call's span name.
    module: &'a str,
}

fn param_type(p: &Param, printable: &Printable) -> TypeRef {
    if printable.ok(&p.ty) {
        p.ty.clone()
    } else {
        TypeRef::Value
    }
}

pub fn client(api: &Api, options: &super::Options, title: &str) -> TokenStream {
    let module = options.module.as_str();
    let printable = Printable::new(&api.types);
    let api_server = api_server(api, options);
    let accessor = ident(module);
    let handle_doc =
        format!(" Calls of the {title} API; get one from [`Client::{module}`](crate::Client::{module}).");
    let accessor_doc = format!(" The {title} API.");
    let ctx = Ctx {
        printable: &printable,
        numeric_bools: api.query_booleans == QueryBooleans::Numeric,
        total_count: &api.total_count,
        module,
    };
    let mut param_structs = Vec::new();
    let methods: Vec<TokenStream> = api
        .operations
        .iter()
        .map(|op| {
            if let Some(name) = &op.params_struct {
                param_structs.push(params_struct(name, op, &printable));
            }
            if let Some(name) = &op.success_enum {
                param_structs.push(success_enum(name, op));
            }
            let mut out = method(op, &ctx, api_server, None);
            for alt in &op.alternatives {
                out.extend(method(&op.with_alternative(alt), &ctx, api_server, Some(op)));
            }
            out
        })
        .collect();
    // Import only what the methods use: an unused import is a warning.
    let used = idents(quote!(#(#methods)* #(#param_structs)*));
    let runtime_items: Vec<TokenStream> = [("runtime", quote!(self)), ("Auth", quote!(Auth))]
        .into_iter()
        .chain([("Method", quote!(Method)), ("Request", quote!(Request))])
        .filter(|(name, _)| used.contains(*name))
        .map(|(_, t)| t)
        .collect();
    let runtime_use = (!runtime_items.is_empty()).then(|| quote!(use crate::runtime::{#(#runtime_items),*};));
    let crate_items: Vec<TokenStream> = [("ApiResponse", quote!(ApiResponse)), ("Error", quote!(Error))]
        .into_iter()
        .filter(|(name, _)| used.contains(*name))
        .map(|(_, t)| t)
        .collect();
    let crate_use = (!crate_items.is_empty()).then(|| quote!(use crate::{#(#crate_items),*};));
    let types_use = api.types.iter().any(|t| used.contains(&t.name)).then(|| {
        quote!(
            use super::types::*;
        )
    });
    // A spec with webhooks only has no calls to make through the handle.
    let unread = methods.is_empty().then(|| quote!(#[allow(dead_code)]));
    quote! {
        #runtime_use
        #crate_use
        #types_use

        impl crate::Client {
            #[doc = #accessor_doc]
            pub fn #accessor(&self) -> Api<'_> {
                Api { client: self }
            }
        }

        #[doc = #handle_doc]
        #[derive(Debug, Clone, Copy)]
        pub struct Api<'a> {
            #unread
            client: &'a crate::Client,
        }

        impl<'a> Api<'a> {
            #(#methods)*
        }

        #(#param_structs)*
    }
}

/// The server calls without one of their own go to: the API's, unless
/// that is the one the client's base URL already stands for.
pub(super) fn api_server<'a>(api: &'a Api, options: &super::Options) -> Option<&'a String> {
    api.servers.first().filter(|s| {
        options.base_server.as_deref().is_some_and(|b| b.trim_end_matches('/') != s.trim_end_matches('/'))
    })
}

/// Every identifier in `tokens`, at any depth.
fn idents(tokens: TokenStream) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    let mut stack = vec![tokens];
    while let Some(ts) = stack.pop() {
        for tt in ts {
            match tt {
                proc_macro2::TokenTree::Ident(i) => {
                    out.insert(i.to_string().trim_start_matches("r#").to_owned());
                }
                proc_macro2::TokenTree::Group(g) => stack.push(g.stream()),
                _ => {}
            }
        }
    }
    out
}

/// The fields of an operation's parameters struct: its query and header
/// parameters.
pub(super) fn params_fields(op: &Operation, printable: &Printable) -> Vec<Field> {
    op.params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
        .map(|p| Field {
            name: p.name.clone(),
            wire_name: p.wire_name.clone(),
            ty: param_type(p, printable),
            required: p.required,
            nullable: false,
            boxed: false,
            sensitive: crate::naming::is_secret(&p.wire_name),
            docs: p.docs.clone(),
        })
        .collect()
}

fn params_struct(name: &str, op: &Operation, printable: &Printable) -> TokenStream {
    let s = Struct { fields: params_fields(op, printable), extra: None };
    let doc =
        format!(" Query and header parameters of [`Api::{}`].", op.method_name.trim_start_matches("r#"));
    structure(name, &s, true, false, quote!(#[doc = #doc]))
}

fn method_docs(op: &Operation) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(s) = op.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        lines.extend(docs::markdown(s.trim()));
    }
    if let Some(d) = op.description.as_deref().filter(|d| !d.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(docs::markdown(d.trim()));
    }
    if lines.is_empty() {
        // Undescribed: the spec's name for the operation.
        lines.push(format!("The `{}` operation.", op.operation_id.replace('`', "'")));
    }
    lines.push(String::new());
    lines.push(format!("`{} {}`", op.http_method, op.path.replace('`', "'")));
    let described: Vec<&Param> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path && p.docs.description.is_some())
        .collect();
    if !described.is_empty() {
        lines.push(String::new());
        for p in described {
            let text = docs::markdown(p.docs.description.as_deref().unwrap_or_default().trim()).join(" ");
            lines.push(format!("- `{}`: {text}", p.name.trim_start_matches("r#")));
        }
    }
    let auth = match &op.auth {
        Auth::None => None,
        Auth::Partner => Some("Sends the partner token.".to_owned()),
        Auth::PartnerUser => Some(
            "Sends the partner and the user token; fails before sending when the client has no user token."
                .to_owned(),
        ),
        Auth::Schemes(alternatives) => {
            let sent = Auth::describe_alternatives(alternatives);
            let mut text = match sent.as_slice() {
                [one] => format!("Sends {one}"),
                _ => format!("Sends the first of {} that the client holds", sent.join(" or ")),
            };
            if alternatives.iter().any(Vec::is_empty) {
                text.push_str(", or nothing when it holds none");
            }
            Some(format!("{text}."))
        }
    };
    if let Some(a) = auth {
        lines.push(String::new());
        lines.push(a);
    }
    lines
}

/// Which media type the method sends the body as, when the operation
/// accepts others, and which methods send those.
fn media_docs(op: &Operation, default: Option<&Operation>) -> Vec<String> {
    let sent = |o: &Operation| match &o.body {
        Some(b) if b.kind == BodyKind::Json => "application/json".to_owned(),
        Some(b) => b.media_type.clone(),
        None => String::new(),
    };
    let link = |name: &str| format!("[`Api::{}`]", name.trim_start_matches("r#"));
    let mut lines = vec![String::new()];
    match default {
        Some(default) => lines.push(format!(
            "Sends the body as `{}`; {} sends it as `{}`.",
            sent(op),
            link(&default.method_name),
            sent(default)
        )),
        None if !op.alternatives.is_empty() => {
            let others: Vec<String> = op
                .alternatives
                .iter()
                .map(|a| format!("as `{}` by {}", a.body.media_type, link(&a.method_name)))
                .collect();
            lines.push(format!("Sends the body as `{}`; it is also sent {}.", sent(op), others.join(", ")));
        }
        None => return Vec::new(),
    }
    lines
}

/// What an operation's method returns and how a 2xx answer decodes.
pub(super) struct Success {
    /// `T` of `ApiResponse<T, M>`: the body, or an envelope's data.
    pub ty: TokenStream,
    /// `M`, the envelope's meta, when the method unwraps an envelope that
    /// has one.
    pub meta: Option<TokenStream>,
    /// The envelope the method unwraps.
    pub envelope: Option<Unwrapped>,
    /// A function from the raw response to `ApiResponse<T, M>`.
    pub decode: TokenStream,
}

impl Success {
    /// `T` or `T, M`: the type arguments of `Call` and `OperationMock`.
    pub fn type_args(&self) -> TokenStream {
        let t = &self.ty;
        match &self.meta {
            Some(m) => quote!(#t, #m),
            None => quote!(#t),
        }
    }
}

/// The response the method returns: the first success (without an enum
/// every success response has the same shape, `model::several_success_shapes`),
/// or `default` when the spec lists no success.
fn answer(op: &Operation) -> Option<&ResponseBody> {
    match op.successes().next() {
        Some(r) => r.effective_body(),
        None => op.responses.iter().find(|r| r.status == Status::Default).and_then(|r| r.body.as_ref()),
    }
}

/// The success type and the function that decodes a 2xx answer into it.
pub(super) fn success(op: &Operation) -> Success {
    if let Some(name) = &op.success_enum {
        let (ty, decode) = success_enum_decode(name, op);
        return Success { ty, meta: None, envelope: None, decode };
    }
    let Some(b) = answer(op) else {
        return Success { ty: quote!(()), meta: None, envelope: None, decode: quote!(|raw| Ok(raw.empty())) };
    };
    if let Some(u) = &b.envelope {
        let members = members(u, quote!(runtime));
        return Success {
            ty: body_type(b),
            meta: u.meta.as_ref().map(|(_, m)| ty(m)),
            envelope: Some(u.clone()),
            decode: quote!(|raw| raw.enveloped(#members)),
        };
    }
    let decode = match b.kind {
        BodyKind::Binary => quote!(|raw| Ok(raw.bytes())),
        BodyKind::Text => quote!(runtime::RawResponse::text),
        _ => quote!(runtime::RawResponse::json),
    };
    Success { ty: body_type(b), meta: None, envelope: None, decode }
}

/// The runtime's description of an envelope's members; `runtime` is the
/// path of the runtime module where the tokens go.
pub(super) fn members(u: &Unwrapped, runtime: TokenStream) -> TokenStream {
    let data = &u.data;
    let meta = match &u.meta {
        Some((m, _)) => quote!(Some(#m)),
        None => quote!(None),
    };
    let success = match &u.success {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    };
    quote!(#runtime::EnvelopeMembers { data: #data, meta: #meta, success: #success })
}

/// One variant of an operation's success enum.
pub(super) struct SuccessVariant<'a> {
    pub name: String,
    pub response: &'a Response,
}

/// The variants of an operation's success enum, one per documented
/// success status, and whether an `Other` variant catches undocumented
/// 2xx statuses (it does unless the spec lists a `2XX` range).
pub(super) fn success_variants(op: &Operation) -> (Vec<SuccessVariant<'_>>, bool) {
    let variants: Vec<SuccessVariant> =
        op.successes().map(|r| SuccessVariant { name: status_variant(&r.status), response: r }).collect();
    let has_range = variants.iter().any(|v| matches!(v.response.status, Status::Range(_)));
    (variants, !has_range)
}

/// `Created` for 201, `Status299` for codes without a common name,
/// `Success` for the `2XX` range.
fn status_variant(status: &Status) -> String {
    crate::naming::status_variant(match status {
        Status::Code(code) => Some(*code),
        _ => None,
    })
}

fn success_enum(name: &str, op: &Operation) -> TokenStream {
    let id = ident(name);
    let (variants, other) = success_variants(op);
    let items = variants.iter().map(|v| {
        let vid = ident(&v.name);
        let status = match v.response.status {
            Status::Code(c) => c.to_string(),
            _ => "2XX".to_owned(),
        };
        let mut lines = vec![format!("`{status}`")];
        if let Some(d) = Some(v.response.description.as_str()).filter(|d| !d.trim().is_empty()) {
            lines[0].push_str(": ");
            let mut text = docs::markdown(d.trim());
            if let Some(first) = text.first_mut() {
                lines[0].push_str(first);
                text.remove(0);
            }
            lines.extend(text);
        }
        let doc = docs::attrs(&lines);
        match v.response.effective_body() {
            None => quote!(#doc #vid,),
            Some(b) => {
                let t = body_type(b);
                quote!(#doc #vid(#t),)
            }
        }
    });
    let other = other.then(|| {
        quote! {
            /// A success status the spec does not list, with its body as JSON
            /// (`null` when empty).
            Other(serde_json::Value),
        }
    });
    let doc = format!(
        " The documented success responses of [`Api::{}`], by status.",
        op.method_name.trim_start_matches("r#")
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #id {
            #(#items)*
            #other
        }
    }
}

pub(super) fn body_type(b: &ResponseBody) -> TokenStream {
    match b.kind {
        BodyKind::Binary => quote!(bytes::Bytes),
        BodyKind::Text => quote!(String),
        _ => ty(&b.ty),
    }
}

/// Decodes the body by status into the operation's success enum.
fn success_enum_decode(name: &str, op: &Operation) -> (TokenStream, TokenStream) {
    let id = ident(name);
    let (variants, other) = success_variants(op);
    let decode = |v: &SuccessVariant| {
        let vid = ident(&v.name);
        match v.response.effective_body() {
            None => quote!(Ok(raw.empty().map(|()| #id::#vid))),
            Some(b) => match b.kind {
                BodyKind::Binary => quote!(Ok(raw.bytes().map(#id::#vid))),
                BodyKind::Text => quote!(raw.text().map(|r| r.map(#id::#vid))),
                _ => {
                    let t = body_type(b);
                    quote!(raw.json::<#t>().map(|r| r.map(#id::#vid)))
                }
            },
        }
    };
    let arms = variants.iter().filter_map(|v| match v.response.status {
        Status::Code(c) => {
            let code = proc_macro2::Literal::u16_unsuffixed(c);
            let expr = decode(v);
            Some(quote!(#code => #expr,))
        }
        _ => None,
    });
    let fallback = match variants.iter().find(|v| matches!(v.response.status, Status::Range(_))) {
        Some(range) if !other => decode(range),
        _ => quote!(raw.json::<serde_json::Value>().map(|r| r.map(#id::Other))),
    };
    let decode = quote! {
        |raw: runtime::RawResponse| match raw.status.as_u16() {
            #(#arms)*
            _ => #fallback,
        }
    };
    (quote!(#id), decode)
}

/// The method of `op`; `default` is the operation as its own method sends
/// it, when `op` is one of its other media types.
fn method(
    op: &Operation,
    ctx: &Ctx,
    api_server: Option<&String>,
    default: Option<&Operation>,
) -> TokenStream {
    let printable = ctx.printable;
    let mut lines = method_docs(op);
    lines.extend(media_docs(op, default));
    let doc = docs::attrs(&lines);
    let name = ident(&op.method_name);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let path_params: Vec<&Param> = ordered_path_params(op);
    let args = path_params.iter().map(|p| {
        let n = ident(&p.name);
        let t = path_arg_type(p, printable);
        quote!(#n: #t)
    });
    let params_arg = op.params_struct.as_ref().map(|s| {
        let s = ident(s);
        quote!(params: &#s,)
    });
    let (body_arg, body_stmt) = body(op, printable);
    let success = success(op);
    let (ok_args, decode) = (success.type_args(), &success.decode);
    let method = format_ident!("{}", op.http_method);
    let op_id = &op.operation_id;
    let (path_lets, path_expr) = path_expr(op, &path_params);
    let server = op.server.as_ref().or(api_server).map(|s| quote!(request.server = Some(#s);));
    let auth = match &op.auth {
        Auth::None => quote!(),
        Auth::Partner => quote!(request.auth = Auth::Partner;),
        Auth::PartnerUser => quote!(request.auth = Auth::PartnerUser;),
        Auth::Schemes(alternatives) => {
            let alternatives = alternatives.iter().map(|alt| {
                let schemes = alt.iter().map(scheme_tokens);
                quote!(&[#(#schemes),*])
            });
            // A constant: calls of `const fn`s are not promoted to `'static`.
            quote! {
                const SECURITY: &[&[runtime::Scheme]] = &[#(#alternatives),*];
                request.auth = Auth::Schemes(SECURITY);
            }
        }
    };
    let errors: Vec<u16> = op
        .responses
        .iter()
        .filter_map(|r| match r.status {
            Status::Code(c) if !(200..300).contains(&c) => Some(c),
            _ => None,
        })
        .collect();
    let errors: Vec<proc_macro2::Literal> =
        errors.into_iter().map(proc_macro2::Literal::u16_unsuffixed).collect();
    let errors_stmt = (!errors.is_empty()).then(|| quote!(request.error_statuses = &[#(#errors),*];));
    let query: Vec<TokenStream> =
        op.params.iter().filter(|p| p.location != ParamLocation::Path).map(|p| param_stmt(p, ctx)).collect();
    let stream = page_stream(op, &path_params, ctx);
    let route = &op.path;
    let span_name = format!("{}.{}", ctx.module, op.operation_id);
    quote! {
        #doc
        #deprecated
        pub fn #name(&self, #(#args,)* #params_arg #body_arg) -> runtime::Call<'a, #ok_args> {
            #(#path_lets)*
            let mut request = Request::new(Method::#method, #op_id, #path_expr);
            request.route = #route;
            runtime::call_span!(request, #span_name);
            #server
            #auth
            #errors_stmt
            #(#query)*
            #body_stmt
            runtime::Call::new(self.client, request, #decode)
        }
        #stream
    }
}

pub(super) fn ordered_path_params(op: &Operation) -> Vec<&Param> {
    let mut ps: Vec<(usize, &Param)> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|p| (op.path.find(&format!("{{{}}}", p.wire_name)).unwrap_or(usize::MAX), p))
        .collect();
    ps.sort_by_key(|(pos, _)| *pos);
    ps.into_iter().map(|(_, p)| p).collect()
}

pub(super) fn path_arg_type(p: &Param, printable: &Printable) -> TokenStream {
    match param_type(p, printable) {
        TypeRef::String => quote!(&str),
        t if t.is_scalar() => ty(&t),
        t => {
            let t = ty(&t);
            quote!(&#t)
        }
    }
}

/// Binds each path parameter, percent-encoded, then `format!`s the path.
fn path_expr(op: &Operation, params: &[&Param]) -> (Vec<TokenStream>, TokenStream) {
    let mut template = String::new();
    let mut lets = Vec::new();
    // A variable the template repeats is bound once and used at each place.
    let mut bound_names: Vec<&str> = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        template.push_str(&rest[..start].replace('}', "}}"));
        let name = &rest[start + 1..start + len];
        match params.iter().find(|p| p.wire_name == name) {
            Some(p) => {
                let plain = p.name.trim_start_matches("r#");
                let bound = format_ident!("{}_segment", plain);
                template.push_str(&format!("{{{bound}}}"));
                if !bound_names.contains(&p.wire_name.as_str()) {
                    bound_names.push(&p.wire_name);
                    let n = ident(&p.name);
                    // A string argument is already `&str`.
                    let text =
                        if matches!(p.ty, TypeRef::String) { quote!(#n) } else { quote!(&#n.to_string()) };
                    lets.push(quote!(let #bound = runtime::encode_path(#text);));
                }
            }
            None => template.push_str(&format!("{{{{{name}}}}}")),
        }
        rest = &rest[start + len + 1..];
    }
    template.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    let bound_any = !lets.is_empty();
    for p in params.iter().filter(|p| !op.path.contains(&format!("{{{}}}", p.wire_name))) {
        // Declared in the spec but absent from the path: taken, not sent.
        let n = ident(&p.name);
        lets.push(quote!(let _ = #n;));
    }
    if !bound_any {
        let literal = template.replace("{{", "{").replace("}}", "}");
        (lets, quote!(#literal.to_owned()))
    } else {
        (lets, quote!(format!(#template)))
    }
}

fn param_stmt(p: &Param, ctx: &Ctx) -> TokenStream {
    let printable = ctx.printable;
    let wire = &p.wire_name;
    let n = ident(&p.name);
    let t = printable.unalias(&param_type(p, printable));
    let add = match p.location {
        ParamLocation::Header => quote!(header),
        _ => quote!(query),
    };
    if ctx.numeric_bools && t == TypeRef::Bool && p.location == ParamLocation::Query {
        // As the API's docs write it: `with_deleted=1`.
        return if p.required {
            quote!(request.query(#wire, u8::from(params.#n));)
        } else {
            quote!(request.query_opt(#wire, params.#n.map(u8::from).as_ref());)
        };
    }
    match (&t, p.required) {
        (TypeRef::Vec(_), true) if p.location == ParamLocation::Query => {
            let add = query_array(p, quote!(&params.#n));
            quote!(#add;)
        }
        (TypeRef::Vec(_), false) if p.location == ParamLocation::Query => {
            let add = query_array(p, quote!(values));
            quote!(if let Some(values) = &params.#n { #add; })
        }
        (TypeRef::Vec(_), true) => {
            quote!(request.#add(#wire, params.#n.iter().map(ToString::to_string).collect::<Vec<_>>().join(","));)
        }
        (TypeRef::Vec(_), false) => quote! {
            if let Some(values) = &params.#n {
                request.#add(#wire, values.iter().map(ToString::to_string).collect::<Vec<_>>().join(","));
            }
        },
        (t, true) if printable.copy(t) => quote!(request.#add(#wire, params.#n);),
        (_, true) => quote!(request.#add(#wire, &params.#n);),
        (_, false) if p.location == ParamLocation::Query => {
            quote!(request.query_opt(#wire, params.#n.as_ref());)
        }
        (_, false) => quote!(if let Some(value) = &params.#n { request.#add(#wire, value); }),
    }
}

pub(super) fn body(op: &Operation, printable: &Printable) -> (Option<TokenStream>, Option<TokenStream>) {
    super::bodies::emit(op, |name| printable.def(name))
}

/// Whether the operation gets a `<method>_stream`: it is paged and its
/// path arguments are plain values the stream can own.
pub(super) fn has_page_stream(op: &Operation, path_params: &[&Param], printable: &Printable) -> bool {
    op.pagination.is_some() && path_params.iter().all(|p| param_type(p, printable).is_scalar())
}

/// `<method>_stream`: every item of every page, fetched lazily.
fn page_stream(op: &Operation, path_params: &[&Param], ctx: &Ctx) -> Option<TokenStream> {
    let printable = ctx.printable;
    if !has_page_stream(op, path_params, printable) {
        return None;
    }
    let pg = op.pagination.as_ref()?;
    let name = ident(&op.method_name);
    let stream_name = ident(&crate::naming::stream_method_name(&op.method_name));
    let item = ty(&pg.item);
    let page = ident(&pg.page);
    let size = ident(&pg.size);
    let args: Vec<TokenStream> = path_params
        .iter()
        .map(|p| {
            let n = ident(&p.name);
            let t = path_arg_type(p, printable);
            quote!(#n: #t)
        })
        .collect();
    let owned: Vec<TokenStream> = path_params
        .iter()
        .filter(|p| param_type(p, printable) == TypeRef::String)
        .map(|p| {
            let n = ident(&p.name);
            quote!(let #n = #n.to_owned();)
        })
        .collect();
    let cloned: Vec<TokenStream> = path_params
        .iter()
        .filter(|p| param_type(p, printable) == TypeRef::String)
        .map(|p| {
            let n = ident(&p.name);
            quote!(let #n = #n.clone();)
        })
        .collect();
    let call_args: Vec<TokenStream> = path_params
        .iter()
        .map(|p| {
            let n = ident(&p.name);
            if param_type(p, printable) == TypeRef::String {
                quote!(&#n)
            } else {
                quote!(#n)
            }
        })
        .collect();
    let (holder, holder_ty, call_holder) = if pg.in_body {
        let t = op.body.as_ref().map(|b| ty(&b.ty)).unwrap_or_else(|| quote!(()));
        let required = op.body.as_ref().is_some_and(|b| b.required);
        (quote!(body), t, if required { quote!(&body) } else { quote!(Some(&body)) })
    } else {
        let t = ident(op.params_struct.as_deref().unwrap_or("Params"));
        (quote!(params), quote!(#t), quote!(&params))
    };
    let (page_field, size_field) = (pg.page_optional, pg.size_optional);
    let set_page = if page_field {
        quote!(#holder.#page = Some(page as i64);)
    } else {
        quote!(#holder.#page = page as i64;)
    };
    let read_size = if size_field { quote!(#holder.#size.unwrap_or(100)) } else { quote!(#holder.#size) };
    let set_size = if size_field { quote!(#holder.#size = Some(size);) } else { quote!() };
    let items = if pg.enveloped {
        if pg.data_optional {
            quote!(response.body.data.unwrap_or_default())
        } else {
            quote!(response.body.data)
        }
    } else {
        quote!(response.body)
    };
    let pointers = ctx.total_count;
    let total = if pointers.is_empty() { quote!(None) } else { quote!(response.count_at(&[#(#pointers),*])) };
    let doc = if pointers.is_empty() {
        format!(
            " Every item of every page of [`Api::{}`], fetched lazily: pages are requested from 1 until one comes back shorter than `{}`.",
            op.method_name.trim_start_matches("r#"),
            pg.size.trim_start_matches("r#")
        )
    } else {
        format!(
            " Every item of every page of [`Api::{}`], fetched lazily: pages are requested from 1 until as many items came as the answer's total (`{}`), or, without a total, until a page comes back shorter than `{}`; an empty page always ends it.",
            op.method_name.trim_start_matches("r#"),
            pointers.join("`, `"),
            pg.size.trim_start_matches("r#")
        )
    };
    let body_mut = size_field.then(|| quote!(mut));
    Some(quote! {
        #[doc = #doc]
        pub fn #stream_name(&self, #(#args,)* #body_mut #holder: #holder_ty) -> impl futures_util::Stream<Item = Result<#item, Error>> + 'a {
            let api = *self;
            let size = #read_size;
            #set_size
            #(#owned)*
            runtime::paginate(size.max(1) as u64, move |page| {
                let mut #holder = #holder.clone();
                #set_page
                #(#cloned)*
                async move {
                    let response = api.#name(#(#call_args,)* #call_holder).await?;
                    let total = #total;
                    Ok(runtime::Page { items: #items, total })
                }
            })
        }
    })
}

/// Adds a query array as its style says: repeated (`explode`), or joined
/// by `,` (`form`), ` ` (`spaceDelimited`) or `|` (`pipeDelimited`).
fn query_array(p: &Param, values: TokenStream) -> TokenStream {
    let wire = &p.wire_name;
    if p.explode || p.separator == ',' {
        let explode = p.explode;
        quote!(request.query_array(#wire, #values, #explode))
    } else {
        let separator = p.separator.to_string();
        quote!(request.query_delimited(#wire, #values, #separator))
    }
}

/// `runtime::Scheme::header("api_key", "X-Key", "")`.
pub(crate) fn scheme_tokens(scheme: &Scheme) -> TokenStream {
    let name = &scheme.name;
    match &scheme.kind {
        SchemeKind::Bearer => quote!(runtime::Scheme::bearer(#name)),
        SchemeKind::Basic => quote!(runtime::Scheme::basic(#name)),
        SchemeKind::Header { name: header, prefix } => {
            quote!(runtime::Scheme::header(#name, #header, #prefix))
        }
        SchemeKind::Query { name: param } => quote!(runtime::Scheme::query(#name, #param)),
        SchemeKind::Cookie { name: cookie } => quote!(runtime::Scheme::cookie(#name, #cookie)),
    }
}
