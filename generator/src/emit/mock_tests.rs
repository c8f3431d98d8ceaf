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

/// The start of an API's tests file: imports and what the tests cover.
pub fn preamble(api: &Api, module: &str) -> TokenStream {
    let base_path = base_path(api);
    let module_id = ident(module);
    let ids = api.operations.iter().map(|op| op.operation_id.as_str());
    quote! {
        #![allow(deprecated, clippy::all)]

        use altegio_api::#module_id::*;
        use altegio_tests::mock::*;

        /// The operations these tests cover, checked against the spec.
        pub const TESTED: &[&str] = &[#(#ids),*];

        /// The path the API's default server puts before every operation path.
        pub const BASE_PATH: &str = #base_path;
    }
}

/// One test per operation of `ops`, a run of `api`'s operations.
pub fn operation_tests(api: &Api, ops: &[Operation], module: &str) -> TokenStream {
    let samples = Samples::new(&api.types);
    let printable = Printable::new(&api.types);
    let base_path = base_path(api);
    let module_id = ident(module);
    let numeric_bools = api.query_booleans == QueryBooleans::Numeric;
    let test =
        |op: &Operation| operation_test(op, &samples, &printable, &base_path, &module_id, numeric_bools);
    // The methods for other media types are tested like the operation's own.
    let tests = ops.iter().map(|op| {
        let alternatives = op.alternatives.iter().map(|alt| test(&op.with_alternative(alt)));
        let own = test(op);
        quote!(#own #(#alternatives)*)
    });
    quote!(#(#tests)*)
}

fn base_path(api: &Api) -> String {
    api.servers.first().map(|s| server_path(s)).unwrap_or_default()
}

fn operation_test(
    op: &Operation,
    samples: &Samples,
    printable: &Printable,
    base_path: &str,
    module: &proc_macro2::Ident,
    numeric_bools: bool,
) -> TokenStream {
    let name = format_ident!("{}", op.method_name.trim_start_matches("r#"));
    let call = ident(&op.method_name);
    let prefix = op.server.as_deref().map(server_path).unwrap_or_else(|| base_path.to_owned());
    let mut args = Vec::new();
    let mut path = op.path.clone();
    let mut path_params: Vec<&Param> =
        op.params.iter().filter(|p| p.location == ParamLocation::Path).collect();
    path_params.sort_by_key(|p| op.path.find(&format!("{{{}}}", p.wire_name)).unwrap_or(usize::MAX));
    for p in &path_params {
        let ty = if printable_ok(printable, &p.ty) { p.ty.clone() } else { TypeRef::Value };
        let Some((expr, v)) = samples.value(&ty, 0) else {
            return skipped(&name, "no sample for a path parameter");
        };
        let expr = match &ty {
            TypeRef::String => quote!("sample"),
            t if t.is_scalar() => expr,
            _ => quote!(&#expr),
        };
        args.push(expr);
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
                ty: if printable_ok(printable, &p.ty) { p.ty.clone() } else { TypeRef::Value },
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
        args.push(quote!(&#expr));
        for p in op.params.iter().filter(|p| p.location != ParamLocation::Path) {
            let Some(value) = v.get(&p.wire_name) else { continue };
            let wire = &p.wire_name;
            match (p.location, value) {
                (ParamLocation::Query, Value::Array(items)) if p.explode => {
                    for item in items {
                        let text = url_text(item);
                        matchers.push(quote!(.and(query_param(#wire, #text))));
                    }
                }
                (ParamLocation::Query, Value::Array(items)) => {
                    let text = items.iter().map(url_text).collect::<Vec<_>>().join(&p.separator.to_string());
                    matchers.push(quote!(.and(query_param(#wire, #text))));
                }
                (ParamLocation::Query, Value::Bool(b)) if numeric_bools => {
                    let text = if *b { "1" } else { "0" };
                    matchers.push(quote!(.and(query_param(#wire, #text))));
                }
                (ParamLocation::Query, other) => {
                    let text = url_text(other);
                    matchers.push(quote!(.and(query_param(#wire, #text))));
                }
                (_, Value::Array(items)) => {
                    let text = items.iter().map(url_text).collect::<Vec<_>>().join(",");
                    matchers.push(quote!(.and(exact_header(#wire, #text))));
                }
                (_, other) => {
                    let text = url_text(other);
                    matchers.push(quote!(.and(exact_header(#wire, #text))));
                }
            }
        }
    }
    if let Some(body) = &op.body {
        match body.kind {
            BodyKind::Json => {
                let Some((expr, v)) = samples.value(&body.ty, 0) else {
                    return skipped(&name, "no sample for the body");
                };
                let json = serde_json::to_string(&v).unwrap_or_default();
                args.push(if body.required { quote!(&#expr) } else { quote!(Some(&#expr)) });
                matchers.push(quote!(.and(json_body(#json))));
                matchers.push(quote!(.and(exact_header("content-type", "application/json"))));
            }
            BodyKind::Text => {
                args.push(quote!("sample".to_owned()));
                matchers.push(quote!(.and(raw_body(b"sample".to_vec()))));
            }
            BodyKind::Form | BodyKind::Multipart => {
                let Some((expr, v)) = samples.value(&body.ty, 0) else {
                    return skipped(&name, "no sample for the body");
                };
                args.push(if body.required { quote!(&#expr) } else { quote!(Some(&#expr)) });
                let def = body.ty.named().and_then(|n| printable.def(n));
                matchers.push(form_matcher(body.kind, &v, def));
            }
            BodyKind::Binary => {
                args.push(quote!(b"sample".to_vec()));
                matchers.push(quote!(.and(raw_body(b"sample".to_vec()))));
            }
        }
    }
    matchers.push(quote!(.and(exact_header("accept", "application/vnd.api.v2+json"))));
    matchers.push(match &op.auth {
        Auth::None => quote!(.and(no_header("authorization"))),
        Auth::Partner => quote!(.and(exact_header("authorization", "Bearer partner-token"))),
        Auth::PartnerUser => {
            quote!(.and(exact_header("authorization", "Bearer partner-token, User user-token")))
        }
        // The client holds every scheme's credential: the first
        // alternative is sent, each value `mock-<scheme>`.
        Auth::Schemes(alternatives) => {
            let first = alternatives.iter().find(|alt| !alt.is_empty()).cloned().unwrap_or_default();
            let checks = first.iter().map(|scheme| {
                let value = format!("mock-{}", scheme.name);
                match &scheme.kind {
                    SchemeKind::Bearer => {
                        let expected = format!("Bearer {value}");
                        quote!(.and(exact_header("authorization", #expected)))
                    }
                    SchemeKind::Basic => {
                        quote!(.and(exact_header("authorization", "Basic bW9jay11c2VyOm1vY2stcGFzc3dvcmQ=")))
                    }
                    SchemeKind::Header { name, prefix } => {
                        let expected = format!("{prefix}{value}");
                        quote!(.and(exact_header(#name, #expected)))
                    }
                    SchemeKind::Query { name } => quote!(.and(query_param(#name, #value))),
                    SchemeKind::Cookie { name } => {
                        let expected = format!("{name}={value}");
                        quote!(.and(exact_header("cookie", #expected)))
                    }
                }
            });
            quote!(#(#checks)*)
        }
    });

    // The success answer: the documented example, else a sample.
    let success = op.responses.iter().find(|r| matches!(r.status, Status::Code(200..=299)));
    let (status, body_json) = match success {
        Some(r) => {
            let code = match r.status {
                Status::Code(c) => c,
                _ => 200,
            };
            // Answers are samples built from the type: documented examples
            // are checked on their own (examples.rs), and some are reviewed
            // findings that do not fit their schema.
            let body = r.body.as_ref().map(|b| answer_json(samples, b));
            (code, body)
        }
        None => (200, None),
    };
    // An unwrapped envelope: its data and meta hold all of the sample
    // (the flag, read, is no member left out).
    let unwrapped_check = success
        .and_then(|r| r.body.as_ref())
        .and_then(|b| b.envelope.as_ref())
        .map(|_| quote!(assert!(response.unknown_fields().is_empty(), "{:?}", response.unknown_fields());));
    let respond = match &body_json {
        Some(v) => {
            let text = serde_json::to_string(v).unwrap_or_default();
            quote!(json_response(#status, #text))
        }
        None => quote!(empty_response(#status)),
    };
    let status = proc_macro2::Literal::u16_unsuffixed(status);
    let errors: Vec<proc_macro2::Literal> = op
        .responses
        .iter()
        .filter_map(|r| match r.status {
            Status::Code(c) if c >= 400 => Some(proc_macro2::Literal::u16_unsuffixed(c)),
            _ => None,
        })
        .collect();
    let method_call = quote!(client.#module().#call(#(#args),*).await);
    let variant_checks = success_variant_checks(op, samples, &method_call);
    let user_check = (op.auth == Auth::PartnerUser).then(|| {
        quote! {
            // Without a user token nothing is sent.
            let server = MockServer::start().await;
            let client = partner_only_client(&server, BASE_PATH);
            let err = client.#module().#call(#(#args),*).await.expect_err("needs a user token");
            assert!(matches!(err, altegio_api::Error::MissingUserToken { .. }), "{err:?}");
            assert!(server.received_requests().await.unwrap_or_default().is_empty());
        }
    });
    quote! {
        #[tokio::test]
        async fn #name() {
            let server = MockServer::start().await;
            let client = mock_client(&server, BASE_PATH);
            Mock::given(method(#method))
                #(#matchers)*
                .respond_with(#respond)
                .expect(1)
                .mount(&server)
                .await;
            let response = #method_call.expect("documented success decodes");
            assert_eq!(response.status.as_u16(), #status);
            #unwrapped_check
            #variant_checks
            #(
                let server = MockServer::start().await;
                let client = mock_client(&server, BASE_PATH);
                Mock::given(any()).respond_with(error_response(#errors)).mount(&server).await;
                let err = #method_call.expect_err("documented error status");
                assert_api_error(&err, #errors);
            )*
            #user_check
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
fn success_variant_checks(
    op: &Operation,
    samples: &Samples,
    method_call: &TokenStream,
) -> Option<TokenStream> {
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
            let server = MockServer::start().await;
            let client = mock_client(&server, BASE_PATH);
            Mock::given(any()).respond_with(#respond).mount(&server).await;
            let response = #method_call.expect("documented success decodes");
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

fn printable_ok(printable: &Printable, t: &TypeRef) -> bool {
    printable.ok(t)
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
