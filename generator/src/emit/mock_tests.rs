//! Operations -> one test each against a local mock server: the request
//! the generated method sends (method, path, query, headers, credentials,
//! JSON body) and how each documented status decodes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::client::Printable;
use super::samples::Samples;
use super::tokens::ident;
use crate::model::*;

/// The path part of a server URL (`https://api.alteg.io/api/v1` -> `/api/v1`).
fn server_path(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    match rest.find('/') {
        Some(i) => rest[i..].trim_end_matches('/').to_owned(),
        None => String::new(),
    }
}

/// Text a scalar sample puts in a URL.
fn url_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The crate generated request tests reach the runtime through (its
/// `mock` feature on, as a dev-dependency).
const RUNTIME: &str = "openapi_rs_runtime";

/// What a tests file needs to know beyond the API: the crate under test
/// and the server calls without one of their own go to.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The Rust name of the crate the API lives in (`altegio_api`).
    pub crate_name: &'a str,
    /// The API module in it (`developers`; `api` in a standalone crate).
    pub module: &'a str,
    /// See [`super::client::api_server`].
    pub api_server: Option<&'a String>,
}

/// The start of an API's tests file: imports, the mock server (whose
/// client holds a credential for each of the API's schemes) and what the
/// tests cover.
pub fn preamble(api: &Api, target: Target<'_>) -> TokenStream {
    let krate = ident(target.crate_name);
    let module_id = ident(target.module);
    let runtime = ident(RUNTIME);
    let ids = api.operations.iter().map(|op| op.operation_id.as_str());
    let schemes = api
        .operations
        .iter()
        .any(|op| matches!(op.auth, Auth::Schemes(_)))
        .then_some(quote!(, #krate::SECURITY_SCHEMES));
    let scheme_path = schemes.as_ref().map(|_| quote!(use #runtime::codegen as runtime;));
    quote! {
        #![allow(deprecated, clippy::all)]

        use #runtime::mock::requests::*;
        #scheme_path
        // The API's types, and what samples of date-time and file fields
        // name, whichever the tests use.
        #[allow(unused_imports)]
        use #krate::{#module_id::*, DateTime, File};

        #runtime::define_mock_server!(#krate::Client #schemes);

        /// The operations these tests cover, checked against the spec.
        pub const TESTED: &[&str] = &[#(#ids),*];
    }
}

/// One test per operation of `ops`, a run of `api`'s operations.
pub fn operation_tests(api: &Api, ops: &[Operation], target: Target<'_>) -> TokenStream {
    let samples = Samples::new(&api.types);
    let printable = Printable::new(&api.types);
    let ctx = Context {
        samples: &samples,
        printable: &printable,
        target,
        numeric_bools: api.query_booleans == QueryBooleans::Numeric,
    };
    // The methods for other media types are tested like the operation's own.
    let tests = ops.iter().map(|op| {
        let alternatives = op.alternatives.iter().map(|alt| operation_test(&op.with_alternative(alt), &ctx));
        let own = operation_test(op, &ctx);
        quote!(#own #(#alternatives)*)
    });
    quote!(#(#tests)*)
}

struct Context<'a> {
    samples: &'a Samples<'a>,
    printable: &'a Printable<'a>,
    target: Target<'a>,
    numeric_bools: bool,
}

/// The arguments of a call: the expressions passed, and the `let`s binding
/// what they borrow (so that the call can be made again in a closure).
#[derive(Default)]
struct Args {
    lets: Vec<TokenStream>,
    passed: Vec<TokenStream>,
}

impl Args {
    /// Passes `&expr` (or `Some(&expr)`), bound to a local first.
    fn borrowed(&mut self, expr: TokenStream, optional: bool) {
        let local = format_ident!("arg{}", self.lets.len());
        self.lets.push(quote!(let #local = #expr;));
        self.passed.push(if optional { quote!(Some(&#local)) } else { quote!(&#local) });
    }
}

fn operation_test(op: &Operation, ctx: &Context<'_>) -> TokenStream {
    let Context { samples, printable, target, numeric_bools } = *ctx;
    let name = format_ident!("{}", op.method_name.trim_start_matches("r#"));
    let call = ident(&op.method_name);
    let prefix = op.server.as_ref().or(target.api_server).map(|s| server_path(s)).unwrap_or_default();
    let mut args = Args::default();
    let mut path = op.path.clone();
    let mut path_params: Vec<&Param> =
        op.params.iter().filter(|p| p.location == ParamLocation::Path).collect();
    path_params.sort_by_key(|p| op.path.find(&format!("{{{}}}", p.wire_name)).unwrap_or(usize::MAX));
    for p in &path_params {
        let ty = if printable.ok(&p.ty) { p.ty.clone() } else { TypeRef::Value };
        let Some((expr, v)) = samples.value(&ty, 0) else {
            return skipped(&name, "no sample for a path parameter");
        };
        match &ty {
            TypeRef::String => args.passed.push(quote!("sample")),
            t if t.is_scalar() => args.passed.push(expr),
            _ => args.borrowed(expr, false),
        }
        path = path.replace(&format!("{{{}}}", p.wire_name), &encode(&url_text(&v)));
    }
    let method = op.http_method.as_str();
    let full_path = format!("{prefix}{path}");
    let mut matchers = vec![quote!(.and(path(#full_path)))];
    if let Some(struct_name) = &op.params_struct {
        let fields: Vec<Field> = op
            .params
            .iter()
            .filter(|p| p.location != ParamLocation::Path)
            .map(|p| Field {
                name: p.name.clone(),
                wire_name: p.wire_name.clone(),
                ty: if printable.ok(&p.ty) { p.ty.clone() } else { TypeRef::Value },
                required: p.required,
                nullable: false,
                boxed: false,
                sensitive: false,
                docs: p.docs.clone(),
            })
            .collect();
        let s = Struct { fields, extra: None };
        let params_def = TypeDef {
            name: struct_name.clone(),
            docs: Docs::default(),
            kind: TypeKind::Struct(s),
            pointer: String::new(),
            in_request: true,
            envelope: None,
        };
        let with_params = samples.with(&params_def);
        let Some((expr, v)) = with_params.value(&TypeRef::Named(struct_name.clone()), 0) else {
            return skipped(&name, "no sample for the parameters");
        };
        args.borrowed(expr, false);
        for p in op.params.iter().filter(|p| p.location != ParamLocation::Path) {
            let Some(value) = v.get(&p.wire_name) else { continue };
            matchers.extend(param_matchers(p, value, numeric_bools));
        }
    }
    if let Some(body) = &op.body {
        match body.kind {
            BodyKind::Json => {
                let Some((expr, v)) = samples.value(&body.ty, 0) else {
                    return skipped(&name, "no sample for the body");
                };
                let json = serde_json::to_string(&v).unwrap_or_default();
                args.borrowed(expr, !body.required);
                matchers.push(quote!(.and(json_body(#json))));
                matchers.push(quote!(.and(exact_header("content-type", "application/json"))));
            }
            BodyKind::Text => {
                args.passed.push(quote!("sample".to_owned()));
                matchers.push(quote!(.and(raw_body(b"sample".to_vec()))));
            }
            BodyKind::Form | BodyKind::Multipart => {
                let Some((expr, v)) = samples.value(&body.ty, 0) else {
                    return skipped(&name, "no sample for the body");
                };
                args.borrowed(expr, !body.required);
                let def = body.ty.named().and_then(|n| printable.def(n));
                matchers.push(form_matcher(body.kind, &v, def));
            }
            BodyKind::Binary => {
                args.passed.push(quote!(b"sample".to_vec()));
                matchers.push(quote!(.and(raw_body(b"sample".to_vec()))));
            }
        }
    }
    matchers.push(quote!(.and(exact_header("accept", client.accept()))));
    matchers.push(auth_matchers(&op.auth));

    // The success answer: a sample built from the type. Documented
    // examples are checked on their own (examples.rs), and some are
    // reviewed findings that do not fit their schema.
    let success = op.responses.iter().find(|r| matches!(r.status, Status::Code(200..=299)));
    let status = match success.map(|r| &r.status) {
        Some(&Status::Code(c)) => c,
        _ => 200,
    };
    let respond = match success.and_then(|r| r.body.as_ref()) {
        Some(b) => {
            let text = serde_json::to_string(&answer_json(samples, b)).unwrap_or_default();
            quote!(json_response(#status, #text))
        }
        None => quote!(empty_response(#status)),
    };
    // An unwrapped envelope: its data and meta hold all of the sample
    // (the flag, read, is no member left out).
    let unwrapped_check = success
        .and_then(|r| r.body.as_ref())
        .and_then(|b| b.envelope.as_ref())
        .map(|_| quote!(assert!(response.unknown_fields().is_empty(), "{:?}", response.unknown_fields());));
    let status = proc_macro2::Literal::u16_unsuffixed(status);
    let errors: Vec<proc_macro2::Literal> = op
        .responses
        .iter()
        .filter_map(|r| match r.status {
            Status::Code(c) if c >= 400 => Some(proc_macro2::Literal::u16_unsuffixed(c)),
            _ => None,
        })
        .collect();
    let module = ident(target.module);
    let passed = &args.passed;
    let lets = &args.lets;
    let variant_checks = success_variant_checks(op, samples);
    let error_checks =
        (!errors.is_empty()).then(|| quote!(expect_errors(server.wiremock(), &[#(#errors),*], call).await;));
    let user_check = (op.auth == Auth::PartnerUser).then(|| {
        quote! {
            // Without a user token nothing is sent.
            let partner_only = client.with_user_token("");
            expect_missing_user_token(server.wiremock(), partner_only.#module().#call(#(#passed),*)).await;
        }
    });
    quote! {
        #[test]
        fn #name() {
            run(|| async {
            let server = MockServer::start().await;
            let client = server.client();
            #(#lets)*
            Mock::given(method(#method))
                #(#matchers)*
                .respond_with(#respond)
                .expect(1)
                .mount(server.wiremock())
                .await;
            let call = || client.#module().#call(#(#passed),*);
            let response = call().await.expect("documented success decodes");
            assert_eq!(response.status.as_u16(), #status);
            #unwrapped_check
            #variant_checks
            #error_checks
            #user_check
            });
        }
    }
}

/// How a query or header parameter's sample value must arrive.
fn param_matchers(p: &Param, value: &Value, numeric_bools: bool) -> Vec<TokenStream> {
    let wire = &p.wire_name;
    match (p.location, value) {
        (ParamLocation::Query, Value::Array(items)) if p.explode => items
            .iter()
            .map(|item| {
                let text = url_text(item);
                quote!(.and(query_param(#wire, #text)))
            })
            .collect(),
        (ParamLocation::Query, Value::Array(items)) => {
            let text = items.iter().map(url_text).collect::<Vec<_>>().join(&p.separator.to_string());
            vec![quote!(.and(query_param(#wire, #text)))]
        }
        (ParamLocation::Query, Value::Bool(b)) if numeric_bools => {
            let text = if *b { "1" } else { "0" };
            vec![quote!(.and(query_param(#wire, #text)))]
        }
        (ParamLocation::Query, other) => {
            let text = url_text(other);
            vec![quote!(.and(query_param(#wire, #text)))]
        }
        (_, Value::Array(items)) => {
            let text = items.iter().map(url_text).collect::<Vec<_>>().join(",");
            vec![quote!(.and(exact_header(#wire, #text)))]
        }
        (_, other) => {
            let text = url_text(other);
            vec![quote!(.and(exact_header(#wire, #text)))]
        }
    }
}

/// The credentials the operation's security requires, as the mock
/// server's client holds them: the first alternative that needs any.
fn auth_matchers(auth: &Auth) -> TokenStream {
    match auth {
        Auth::None => quote!(.and(no_header("authorization"))),
        Auth::Partner => quote!(.and(sends_partner_token(false))),
        Auth::PartnerUser => quote!(.and(sends_partner_token(true))),
        Auth::Schemes(alternatives) => {
            let first = alternatives.iter().find(|alt| !alt.is_empty()).cloned().unwrap_or_default();
            let schemes: Vec<TokenStream> = first.iter().map(super::client::scheme_tokens).collect();
            match schemes.as_slice() {
                [] => quote!(),
                [one] => quote!(.and(sends_credential(#one))),
                // One matcher for the requirement: schemes sharing a header
                // send one field.
                several => quote!(.and(sends_credentials(&[#(#several),*]))),
            }
        }
    }
}

/// A sample answer: the body, or for an enveloped answer, the envelope
/// around sample data and meta.
fn answer_json(samples: &Samples, body: &ResponseBody) -> Value {
    let data = samples.json(&body.ty);
    let Some(u) = &body.envelope else { return data };
    let mut envelope = serde_json::Map::new();
    if let Some(flag) = &u.success {
        envelope.insert(flag.clone(), Value::Bool(true));
    }
    envelope.insert(u.data.clone(), data);
    if let Some((member, ty)) = &u.meta {
        envelope.insert(member.clone(), samples.json(ty));
    }
    Value::Object(envelope)
}

/// For an operation with a success enum: each documented success status
/// decodes into its own variant.
fn success_variant_checks(op: &Operation, samples: &Samples) -> Option<TokenStream> {
    let name = ident(op.success_enum.as_deref()?);
    let (variants, _) = super::client::success_variants(op);
    let checks = variants.iter().filter_map(|v| {
        let Status::Code(code) = v.response.status else { return None };
        let vid = ident(&v.name);
        let code = proc_macro2::Literal::u16_unsuffixed(code);
        let (respond, pattern) = match v.response.effective_body() {
            None => (quote!(empty_response(#code)), quote!(#name::#vid)),
            Some(b) => {
                let respond = match b.kind {
                    BodyKind::Json => {
                        let text = serde_json::to_string(&samples.json(&b.ty)).unwrap_or_default();
                        quote!(json_response(#code, #text))
                    }
                    _ => quote!(ResponseTemplate::new(#code).set_body_string("sample")),
                };
                (respond, quote!(#name::#vid(_)))
            }
        };
        Some(quote! {
            answer(server.wiremock(), #respond).await;
            let response = call().await.expect("documented success decodes");
            assert_eq!(response.status.as_u16(), #code);
            assert!(matches!(response.body, #pattern), "{:?}", response.body);
        })
    });
    Some(quote!(#(#checks)*))
}

/// The sample's top-level scalar fields as the server must receive them:
/// form pairs, or multipart parts (files with the sample's file name and
/// content type).
fn form_matcher(kind: BodyKind, sample: &Value, def: Option<&TypeDef>) -> TokenStream {
    let fields = match def.map(|d| &d.kind) {
        Some(TypeKind::Struct(s)) => s.fields.as_slice(),
        _ => &[],
    };
    let scalar = |wire: &str| -> Option<String> {
        match sample.get(wire)? {
            Value::String(s) => Some(s.clone()),
            v @ (Value::Number(_) | Value::Bool(_)) => Some(v.to_string()),
            _ => None,
        }
    };
    if kind == BodyKind::Form {
        let pairs = fields.iter().filter_map(|f| {
            let wire = &f.wire_name;
            scalar(wire).map(|v| quote!((#wire, #v)))
        });
        return quote!(.and(form_fields(&[#(#pairs),*])));
    }
    let parts = fields.iter().filter_map(|f| {
        let wire = &f.wire_name;
        let value = scalar(wire)?;
        let is_file = matches!(&f.ty, TypeRef::File)
            || matches!(&f.ty, TypeRef::Option(inner) if **inner == TypeRef::File);
        Some(if is_file {
            quote!((#wire, Some("sample.bin"), Some("image/png"), #value))
        } else {
            quote!((#wire, None, None, #value))
        })
    });
    quote!(.and(multipart_parts(&[#(#parts),*])))
}

fn skipped(name: &proc_macro2::Ident, why: &str) -> TokenStream {
    let msg = format!("no generated test: {why}");
    quote! {
        #[test]
        #[ignore = #msg]
        fn #name() {}
    }
}

/// Percent-encodes like the runtime's path encoding (unreserved kept).
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
