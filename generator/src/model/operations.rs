//! Paths and operations -> [`Operation`]s: parameters, bodies, responses,
//! security and paging.

use openapiv3::{
    MediaType, Operation as SpecOp, Parameter, ParameterSchemaOrContent, PathItem, QueryStyle, ReferenceOr,
    StatusCode,
};

use super::ir::*;
use super::types::{docs_of, wrap_option, Ctx, Types};
use crate::diagnostics::{child, Diagnostic};
use crate::load::Document;
use crate::naming::{field_name, type_name, Namespace};
use crate::resolve::{ResolveError, Resolver};

/// Header parameters that are the transport's job (OpenAPI says to ignore them).
const TRANSPORT_HEADERS: &[&str] = &["accept", "content-type", "authorization"];

/// An operation documented as an incoming request rather than a call.
pub struct Incoming<'a> {
    pub operation: &'a SpecOp,
    pub pointer: String,
}

/// Whether an operation documents a request the API sends (a webhook).
fn is_incoming(op: &SpecOp) -> bool {
    op.extensions.get("x-webhook").and_then(|v| v.as_bool()).unwrap_or(false)
        || op
            .description
            .as_deref()
            .is_some_and(|d| d.to_ascii_lowercase().contains("not a callable endpoint"))
}

pub fn build<'a>(
    doc: &'a Document,
    resolver: &'a Resolver<'a>,
    types: &mut Types<'a>,
    diags: &mut Vec<Diagnostic>,
) -> Result<(Vec<Operation>, Vec<Incoming<'a>>), ResolveError> {
    let mut out = Vec::new();
    let mut incoming = Vec::new();
    let mut methods = Namespace::new();
    for (path, item) in doc.api.paths.paths.iter() {
        let path_ptr = child("/paths", path);
        let item: &PathItem = match item {
            ReferenceOr::Item(i) => i,
            ReferenceOr::Reference { reference } => {
                diags.push(Diagnostic::warning(
                    &path_ptr,
                    format!("path item $ref {reference:?} is not followed; path skipped"),
                ));
                continue;
            }
        };
        if let Some((sent, fragment)) = path.split_once('#') {
            diags.push(Diagnostic::note(
                &path_ptr,
                format!("the path's fragment `#{fragment}` is not sent: requests go to `{sent}`"),
            ));
        }
        let repeated = repeated_variables(sent_path(path));
        if !repeated.is_empty() {
            let names: Vec<String> = repeated.iter().map(|v| format!("`{{{v}}}`")).collect();
            diags.push(Diagnostic::warning(
                &path_ptr,
                format!(
                    "the path template names {} more than once; every occurrence is filled with the same argument",
                    names.join(", ")
                ),
            ));
        }
        for (method, op) in item.iter() {
            let pointer = child(&path_ptr, method);
            if is_incoming(op) {
                diags.push(Diagnostic::note(
                    &pointer,
                    "documented as not callable: generated as a webhook payload",
                ));
                incoming.push(Incoming { operation: op, pointer });
                continue;
            }
            let mut built =
                operation(doc, resolver, types, diags, &mut methods, path, item, method, op, pointer)?;
            let before_fragment = path.split('#').next().unwrap_or(path);
            if let Some((_, query)) = before_fragment.split_once('?') {
                path_query(&mut built, query, diags);
            }
            out.push(built);
        }
    }
    // The methods for other media types are named last: an operation's own
    // name never gives way to another operation's alternative.
    for op in &mut out {
        let method = op.method_name.clone();
        for alt in &mut op.alternatives {
            alt.method_name = methods.claim(&crate::naming::body_method_name(&method, &alt.body.media_type));
        }
    }
    Ok((out, incoming))
}

/// The path a key sends: without a fragment (Box tells operations on one
/// path apart by one, `/files/{file_id}#get_shared_link`; a fragment never
/// reaches the server) or a query string (see [`path_query`]).
fn sent_path(key: &str) -> &str {
    key.split(['#', '?']).next().unwrap_or(key)
}

/// A query string written into a path key (YCLIENTS:
/// `/goods/search/{company_id}?term={search_term}&count={max_count}`,
/// `/cities?country_id=1&company_id=1`) is not part of the path: a `?`
/// there would be sent percent-encoded. Each `name={param}` sends that
/// query parameter under `name`, as the template shows; a literal
/// `name=value` is an example of the query parameter `name`, which sends
/// it. A pair without such a parameter is not sent (a warning says so).
fn path_query(op: &mut Operation, query: &str, diags: &mut Vec<Diagnostic>) {
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let template = value.strip_prefix('{').and_then(|v| v.strip_suffix('}'));
        let wanted = template.unwrap_or(name);
        let param =
            op.params.iter_mut().find(|p| p.location == ParamLocation::Query && p.wire_name == wanted);
        match (param, template) {
            (Some(param), Some(_)) if param.wire_name != name => {
                diags.push(Diagnostic::note(
                    &op.pointer,
                    format!("the path's query string sends the parameter `{wanted}` as `{name}`"),
                ));
                param.wire_name = name.to_owned();
            }
            (Some(_), _) => {}
            (None, _) => diags.push(Diagnostic::warning(
                &op.pointer,
                format!("`{pair}` in the path's query string names no query parameter; it is not sent"),
            )),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn operation<'a>(
    doc: &'a Document,
    resolver: &'a Resolver<'a>,
    types: &mut Types<'a>,
    diags: &mut Vec<Diagnostic>,
    methods: &mut Namespace,
    path: &str,
    item: &'a PathItem,
    method: &str,
    op: &'a SpecOp,
    pointer: String,
) -> Result<Operation, ResolveError> {
    let raw_id = op.operation_id.clone().filter(|id| !field_name(id).is_empty() && id.is_ascii());
    let operation_id = raw_id.clone().unwrap_or_else(|| derive_id(method, path));
    if op.operation_id.is_some() && raw_id.is_none() {
        diags.push(Diagnostic::warning(
            child(&pointer, "operationId"),
            "operationId is not ASCII; name derived from method and path",
        ));
    }
    let method_name = methods.claim(&field_name(&operation_id));
    let hint = type_name(&operation_id);

    // Parameters: path-level first, overridden by operation-level ones.
    let mut specs: Vec<(&'a Parameter, String)> = Vec::new();
    for (i, p) in item.parameters.iter().enumerate() {
        let ptr = child(&child(&child("/paths", path), "parameters"), &i.to_string());
        specs.push((resolver.parameter(p, &ptr)?, ptr));
    }
    for (i, p) in op.parameters.iter().enumerate() {
        let ptr = child(&child(&pointer, "parameters"), &i.to_string());
        let param = resolver.parameter(p, &ptr)?;
        let data = param.parameter_data_ref();
        specs.retain(|(q, _)| !(q.parameter_data_ref().name == data.name && same_location(q, param)));
        specs.push((param, ptr));
    }
    let mut arg_names = Namespace::new();
    for reserved in ["body", "params", "self"] {
        arg_names.claim(reserved);
    }
    let mut params = Vec::new();
    for (param, ptr) in specs {
        let data = param.parameter_data_ref();
        let location = match param {
            Parameter::Path { .. } => ParamLocation::Path,
            Parameter::Query { .. } => ParamLocation::Query,
            Parameter::Header { .. } => ParamLocation::Header,
            Parameter::Cookie { .. } => ParamLocation::Cookie,
        };
        if location == ParamLocation::Header
            && TRANSPORT_HEADERS.contains(&data.name.to_ascii_lowercase().as_str())
        {
            continue;
        }
        if location == ParamLocation::Cookie {
            diags.push(Diagnostic::warning(&ptr, "cookie parameters are not sent by the client"));
            continue;
        }
        let explode = match param {
            Parameter::Query { style, .. } => data.explode.unwrap_or(matches!(style, QueryStyle::Form)),
            _ => data.explode.unwrap_or(false),
        };
        let separator = match param {
            Parameter::Query { style: QueryStyle::SpaceDelimited, .. } => ' ',
            Parameter::Query { style: QueryStyle::PipeDelimited, .. } => '|',
            _ => ',',
        };
        let ctx = Ctx {
            hint: format!("{hint}{}", type_name(&data.name)),
            pointer: child(&ptr, "schema"),
            field: Some(&data.name),
        };
        let (ty, _) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => types.type_of(schema, &ctx)?,
            ParameterSchemaOrContent::Content(_) => (TypeRef::String, false),
        };
        // Dates are written by the caller as text; tolerance is for reading.
        let ty = match ty {
            TypeRef::DateTime => TypeRef::String,
            TypeRef::Vec(inner) if *inner == TypeRef::DateTime => TypeRef::Vec(Box::new(TypeRef::String)),
            t => t,
        };
        let ty = match ty {
            TypeRef::Vec(inner) if !inner.is_scalar() && !is_named(&inner) => {
                TypeRef::Vec(Box::new(TypeRef::String))
            }
            TypeRef::Vec(inner) => TypeRef::Vec(inner),
            t if t.is_scalar() || is_named(&t) => t,
            other => {
                diags
                    .push(Diagnostic::warning(&ptr, "parameter of a structured type: sent as its JSON text"));
                let _ = other;
                TypeRef::Value
            }
        };
        let mut docs = Docs {
            description: data.description.clone(),
            deprecated: data.deprecated.unwrap_or(false),
            ..Docs::default()
        };
        docs.example = data.example.clone();
        params.push(Param {
            name: arg_names.claim(&field_name(&data.name)),
            wire_name: data.name.clone(),
            location,
            ty,
            required: data.required || location == ParamLocation::Path,
            explode,
            separator,
            docs,
        });
    }
    repair_path_template(sent_path(path), &mut params, &mut arg_names, &pointer, diags);
    let params_struct = params
        .iter()
        .any(|p| p.location != ParamLocation::Path)
        .then(|| types.claim_name(&format!("{operation_id}_params")));

    let (body, alternatives, unsent_media) = match &op.request_body {
        None => (None, Vec::new(), Vec::new()),
        Some(rb) => {
            let ptr = child(&pointer, "requestBody");
            let rb = resolver.request_body(rb, &ptr)?;
            let choice = choose_media(&rb.content);
            let mut build = |(media_type, media, kind): (&String, &'a MediaType, BodyKind), role: &str| {
                let content = child(&child(&ptr, "content"), media_type);
                let ctx = Ctx::new(format!("{hint}{role}"), child(&content, "schema"));
                let ty = media_type_ref(types, media, kind, &ctx)?;
                media_examples(types, media, &ty, kind, &content);
                Ok::<_, ResolveError>(RequestBody {
                    kind,
                    media_type: media_type.clone(),
                    ty,
                    required: rb.required,
                    description: rb.description.clone(),
                    encoding: encoding_of(media),
                })
            };
            let body = choice.default.map(|m| build(m, "Request")).transpose()?;
            let mut alternatives = Vec::new();
            for m in choice.others {
                let role = crate::naming::media_body_role(m.0);
                // Named once every operation has its name (see `build`).
                alternatives.push(BodyAlternative { method_name: String::new(), body: build(m, &role)? });
            }
            (body, alternatives, choice.unsent)
        }
    };

    let mut responses = Vec::new();
    let success_count = op.responses.responses.keys().filter(|c| is_success(c)).count();
    let default = op.responses.default.iter().map(|r| (Status::Default, r, "default".to_owned()));
    let coded = op.responses.responses.iter().map(|(code, r)| (status_of(code), r, code.to_string()));
    for (status, r, code) in coded.chain(default) {
        let ptr = child(&child(&pointer, "responses"), &code);
        let resp = resolver.response(r, &ptr)?;
        let success = status.is_success();
        let suffix = if success && success_count <= 1 {
            "Response".to_owned()
        } else if success {
            format!("Response{code}")
        } else {
            format!("Error{}", type_name(&code))
        };
        let body = match pick_media(&resp.content) {
            None => None,
            Some((media_type, media, kind)) => {
                let mptr = child(&child(&child(&ptr, "content"), media_type), "schema");
                let ty = media_type_ref(types, media, kind, &Ctx::new(format!("{hint}{suffix}"), mptr))?;
                media_examples(types, media, &ty, kind, &child(&child(&ptr, "content"), media_type));
                Some(ResponseBody { kind, media_type: media_type.clone(), ty, envelope: None })
            }
        };
        responses.push(Response { status, description: resp.description.clone(), body });
    }

    let success_enum =
        several_success_shapes(&responses).then(|| types.claim_name(&format!("{operation_id}_response")));

    let requirements = op.security.as_ref().or(doc.api.security.as_ref());
    // Inherited requirements are reported where the document states them.
    let security_at = if op.security.is_some() { pointer.as_str() } else { "" };
    let auth = super::security::auth_of(requirements, doc, &types.composite_auth, security_at, diags);
    let server = op.servers.first().or_else(|| item.servers.first()).map(server_url);
    let _ = docs_of;
    Ok(Operation {
        operation_id,
        method_name,
        http_method: method.to_ascii_uppercase(),
        path: sent_path(path).to_owned(),
        server,
        summary: op.summary.clone(),
        description: op.description.clone(),
        deprecated: op.deprecated,
        tags: op.tags.clone(),
        params,
        params_struct,
        body,
        alternatives,
        unsent_media,
        responses,
        success_enum,
        auth,
        pagination: None,
        pointer,
    })
}

/// Makes the path parameters match the template, which some specs get
/// wrong. One unused parameter and one unfilled variable are the same thing
/// misnamed: the parameter fills the variable. Any other unfilled variable
/// becomes a required string argument; any other unused parameter is
/// still taken (the method's signature follows the spec) but not sent.
fn repair_path_template(
    path: &str,
    params: &mut Vec<Param>,
    arg_names: &mut Namespace,
    pointer: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let mut variables = template_variables(path);
    // A repeated variable is one argument (reported once, on the path).
    let mut seen = std::collections::HashSet::new();
    variables.retain(|v| seen.insert(v.clone()));
    let is_path = |p: &Param| p.location == ParamLocation::Path;
    let unfilled: Vec<&String> =
        variables.iter().filter(|v| !params.iter().any(|p| is_path(p) && &p.wire_name == *v)).collect();
    let unused: Vec<usize> = (0..params.len())
        .filter(|&i| is_path(&params[i]) && !variables.contains(&params[i].wire_name))
        .collect();
    if let ([variable], [index]) = (unfilled.as_slice(), unused.as_slice()) {
        let p = &mut params[*index];
        diags.push(Diagnostic::warning(
            child(pointer, "parameters"),
            format!(
                "path parameter `{}` is not in the path template {path:?}; it fills `{{{variable}}}`, the one variable without a parameter",
                p.wire_name
            ),
        ));
        p.wire_name = (*variable).clone();
        return;
    }
    for i in unused {
        diags.push(Diagnostic::warning(
            child(pointer, "parameters"),
            format!(
                "path parameter `{}` is not in the path template {path:?}; the method takes it but does not send it",
                params[i].wire_name
            ),
        ));
    }
    for variable in unfilled {
        diags.push(Diagnostic::warning(
            pointer,
            format!("path template variable `{{{variable}}}` has no path parameter; the method takes it as a string"),
        ));
        params.push(Param {
            name: arg_names.claim(&field_name(variable)),
            wire_name: variable.clone(),
            location: ParamLocation::Path,
            ty: TypeRef::String,
            required: true,
            explode: false,
            separator: ',',
            docs: Docs::default(),
        });
    }
}

/// The `{variable}`s of a path template, in order, repeats included.
fn template_variables(path: &str) -> Vec<String> {
    path.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned())).collect()
}

/// The variables a path template names more than once, each once.
fn repeated_variables(path: &str) -> Vec<String> {
    let variables = template_variables(path);
    let mut repeated: Vec<String> = Vec::new();
    for (i, v) in variables.iter().enumerate() {
        if variables[..i].contains(v) && !repeated.contains(v) {
            repeated.push(v.clone());
        }
    }
    repeated
}

/// Records a media type's `example` and `examples` against its type.
pub fn media_examples(types: &mut Types, media: &MediaType, ty: &TypeRef, kind: BodyKind, pointer: &str) {
    if !matches!(kind, BodyKind::Json) {
        return;
    }
    if let Some(value) = &media.example {
        types.examples.push(Example {
            pointer: child(pointer, "example"),
            ty: ty.clone(),
            value: value.clone(),
            envelope: None,
        });
    }
    for (name, ex) in &media.examples {
        if let ReferenceOr::Item(ex) = ex {
            if let Some(value) = &ex.value {
                let p = child(&child(&child(pointer, "examples"), name), "value");
                types.examples.push(Example {
                    pointer: p,
                    ty: ty.clone(),
                    value: value.clone(),
                    envelope: None,
                });
            }
        }
    }
}

fn is_named(t: &TypeRef) -> bool {
    matches!(t, TypeRef::Named(_))
}

fn same_location(a: &Parameter, b: &Parameter) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// `get /users/{id}/repos` -> `get_users_id_repos`.
fn derive_id(method: &str, path: &str) -> String {
    let mut id = method.to_ascii_lowercase();
    for seg in path.split(['/', '?', '&', '=']).filter(|s| !s.is_empty()) {
        let seg = seg.trim_start_matches('{').trim_end_matches('}');
        id.push('_');
        id.push_str(seg);
    }
    id
}

fn is_success(code: &StatusCode) -> bool {
    matches!(code, StatusCode::Code(200..=299) | StatusCode::Range(2))
}

fn status_of(code: &StatusCode) -> Status {
    match code {
        StatusCode::Code(c) => Status::Code(*c),
        StatusCode::Range(r) => Status::Range(*r),
    }
}

/// How the client treats a media type, and its rank when choosing the one
/// an operation's method sends (lower first): JSON, forms, multipart,
/// binary, text, and XML (not modelled: bytes) last.
fn media_kind(media_type: &str) -> (u8, BodyKind) {
    let mt = media_type.to_ascii_lowercase();
    let essence = mt.split(';').next().unwrap_or("").trim();
    if essence == "application/json" || essence.ends_with("+json") || essence == "*/*" {
        (0, BodyKind::Json)
    } else if essence == "application/x-www-form-urlencoded" {
        (1, BodyKind::Form)
    } else if essence == "multipart/form-data" || essence == "form-data" {
        (2, BodyKind::Multipart)
    } else if essence.starts_with("text/") && essence != "text/xml" {
        (4, BodyKind::Text)
    } else if essence.contains("xml") {
        (5, BodyKind::Binary)
    } else {
        (3, BodyKind::Binary)
    }
}

type Media<'a> = (&'a String, &'a MediaType, BodyKind);

/// Chooses the media type the client speaks: JSON first, then forms,
/// binary and text.
fn pick_media(content: &indexmap::IndexMap<String, MediaType>) -> Option<Media<'_>> {
    content
        .iter()
        .map(|(mt, media)| (media_kind(mt), mt, media))
        .min_by_key(|((rank, _), ..)| *rank)
        .map(|((_, kind), mt, media)| (mt, media, kind))
}

/// The media types of a request body: the one the operation's method
/// sends, those sent by methods of their own, and those no method sends.
struct MediaChoice<'a> {
    default: Option<Media<'a>>,
    others: Vec<Media<'a>>,
    unsent: Vec<String>,
}

/// [`pick_media`] for the operation's method; every other media type the
/// client encodes gets a method of its own, in the spec's order, one per
/// method name. Further JSON types (the JSON method sends
/// `application/json`), XML and wildcards get none.
fn choose_media(content: &indexmap::IndexMap<String, MediaType>) -> MediaChoice<'_> {
    let default = pick_media(content);
    let mut choice = MediaChoice { default, others: Vec::new(), unsent: Vec::new() };
    let Some((chosen, ..)) = default else { return choice };
    let mut words = vec![crate::naming::media_word(chosen)];
    for (mt, media) in content.iter().filter(|(mt, _)| *mt != chosen) {
        let (rank, kind) = media_kind(mt);
        let word = crate::naming::media_word(mt);
        if kind == BodyKind::Json || rank == 5 || mt.contains('*') || words.contains(&word) {
            choice.unsent.push(mt.clone());
            continue;
        }
        words.push(word);
        choice.others.push((mt, media, kind));
    }
    choice
}

/// The form encoding of the fields the media type's `encoding` names;
/// fields written as `style: form`'s default (exploded) are left out.
/// `explode` is the one written: the loader keeps a written `false`
/// ([`crate::load::EXPLODE_FALSE`]), which `openapiv3` reads as absent;
/// absent, it is `true` for `style: form` only.
fn encoding_of(media: &MediaType) -> Vec<(String, FieldEncoding)> {
    media
        .encoding
        .iter()
        .filter_map(|(name, e)| {
            let json = e.content_type.as_deref().is_some_and(|ct| {
                let ct = ct.to_ascii_lowercase();
                ct.starts_with("application/json") || ct.contains("+json")
            });
            let explode = if e.extensions.contains_key(crate::load::EXPLODE_FALSE) {
                false
            } else {
                e.explode || matches!(e.style, None | Some(QueryStyle::Form))
            };
            let style = match e.style {
                _ if json => FieldEncoding::Json,
                Some(QueryStyle::DeepObject) => FieldEncoding::DeepObject,
                // Exploded, every style repeats the field per item.
                _ if explode => return None,
                Some(QueryStyle::SpaceDelimited) => FieldEncoding::SpaceDelimited,
                Some(QueryStyle::PipeDelimited) => FieldEncoding::PipeDelimited,
                None | Some(QueryStyle::Form) => FieldEncoding::FormFlat,
            };
            Some((name.clone(), style))
        })
        .collect()
}

fn media_type_ref<'a>(
    types: &mut Types<'a>,
    media: &'a MediaType,
    kind: BodyKind,
    ctx: &Ctx,
) -> Result<TypeRef, ResolveError> {
    Ok(match (kind, &media.schema) {
        (BodyKind::Binary, _) => TypeRef::Bytes,
        (BodyKind::Text, _) => TypeRef::String,
        (_, Some(schema)) => {
            let (ty, nullable) = types.type_of(schema, ctx)?;
            wrap_option(ty, nullable)
        }
        (_, None) => TypeRef::Value,
    })
}

/// Recognises `page` + `count`/`limit` paging where the response carries
/// an array (at the top, or under `data`).
pub fn with_pagination(mut ops: Vec<Operation>, defs: &[TypeDef]) -> Vec<Operation> {
    for op in &mut ops {
        if op.http_method != "GET" && op.body.is_none() {
            continue;
        }
        let find = |names: &[&str]| {
            op.params
                .iter()
                .find(|p| p.location == ParamLocation::Query && names.contains(&p.wire_name.as_str()))
                .map(|p| (p.name.clone(), !p.required, p.ty.clone()))
        };
        let ((page, page_optional, page_ty), (size, size_optional, size_ty), in_body) =
            match (find(&["page"]), find(&["count", "limit"])) {
                (Some(p), Some(s)) => (p, s, false),
                _ => match body_paging(op, defs) {
                    Some((p, s)) => (p, s, true),
                    None => continue,
                },
            };
        if page_ty != TypeRef::I64 || size_ty != TypeRef::I64 {
            continue;
        }
        let Some(success) = op.responses.iter().find(|r| matches!(r.status, Status::Code(200..=299))) else {
            continue;
        };
        let Some(body) = &success.body else { continue };
        let item = match &body.ty {
            TypeRef::Vec(item) => Some(((**item).clone(), false, false)),
            TypeRef::Named(n) => struct_of(defs, n).and_then(|s| {
                s.fields.iter().find(|f| f.wire_name == "data" && !f.boxed).and_then(|f| match &f.ty {
                    TypeRef::Vec(item) => Some(((**item).clone(), true, f.optional())),
                    _ => None,
                })
            }),
            _ => None,
        };
        if let Some((item, enveloped, data_optional)) = item {
            op.pagination = Some(Pagination {
                page,
                size,
                in_body,
                item,
                enveloped,
                page_optional,
                size_optional,
                data_optional,
            });
        }
    }
    ops
}

type PagingField = (String, bool, TypeRef);

fn body_paging(op: &Operation, defs: &[TypeDef]) -> Option<(PagingField, PagingField)> {
    let body = op.body.as_ref().filter(|b| b.kind == BodyKind::Json)?;
    let s = struct_of(defs, body.ty.named()?)?;
    let page = s.fields.iter().find(|f| f.wire_name == "page")?;
    let size = s.fields.iter().find(|f| f.wire_name == "count" || f.wire_name == "limit")?;
    Some((
        (page.name.clone(), page.optional(), page.ty.clone()),
        (size.name.clone(), size.optional(), size.ty.clone()),
    ))
}

/// A JSON body whose type has required members, or that is a list, cannot
/// be left out, even where the spec does not mark the body required
/// (Altegio never does).
pub fn bodies_with_required_members(ops: &mut [Operation], defs: &[TypeDef]) {
    for op in ops {
        let Some(body) = op.body.as_mut().filter(|b| b.kind == BodyKind::Json && !b.required) else {
            continue;
        };
        let named = body.ty.named().and_then(|n| struct_of(defs, n));
        if named.is_some_and(|s| s.fields.iter().any(|f| !f.optional())) || matches!(body.ty, TypeRef::Vec(_))
        {
            body.required = true;
        }
    }
}

pub fn struct_of<'d>(defs: &'d [TypeDef], name: &str) -> Option<&'d Struct> {
    defs.iter().find(|d| d.name == name).and_then(|d| match &d.kind {
        TypeKind::Struct(s) => Some(s),
        _ => None,
    })
}

/// A server's URL with each `{variable}` at its default (GitHub's uploads
/// server is `{origin}`, default `https://uploads.github.com`); a variable
/// without one stays as written.
fn server_url(server: &openapiv3::Server) -> String {
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    url
}
