//! The intermediate representation: plain data the emit stage walks.
//! Nothing here refers to `openapiv3`, `syn` or `quote`.

use serde_json::Value;

use crate::diagnostics::Diagnostic;
pub use crate::profile::QueryBooleans;

/// One API: its types, operations and incoming webhooks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// Server URLs from the top-level `servers`, first is the default.
    pub servers: Vec<String>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    pub webhooks: Vec<Webhook>,
    /// The operations grouped by the spec's tags, in the spec's order.
    pub tags: Vec<TagGroup>,
    /// Every documented example of a request or response value, with the
    /// type it must decode into.
    pub examples: Vec<Example>,
    pub diagnostics: Vec<Diagnostic>,
    /// How boolean query parameters are written (from the API's profile).
    pub query_booleans: QueryBooleans,
    /// Where a paged answer gives its total, as JSON pointers tried in
    /// order (from the API's profile).
    pub total_count: Vec<String>,
}

/// A documented example and the Rust type it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// JSON pointer of the example in the spec.
    pub pointer: String,
    /// The type it decodes into: for an answer in the API's envelope, the
    /// type of its data.
    pub ty: TypeRef,
    pub value: Value,
    /// Set for an answer in the API's envelope, read as data and meta.
    pub envelope: Option<Unwrapped>,
}

/// Documentation carried from the spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    pub title: Option<String>,
    pub description: Option<String>,
    pub example: Option<Value>,
    pub default: Option<Value>,
    pub format: Option<String>,
    pub deprecated: bool,
    pub read_only: bool,
    pub write_only: bool,
    /// What the item is, said from where it is used (`` `phone` of
    /// [`Client`] ``): printed when the spec has neither title nor
    /// description for it. Markdown, intra-doc links relative to the
    /// generated module's files.
    pub derived: Option<String>,
}

/// A named Rust type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub docs: Docs,
    pub kind: TypeKind,
    /// JSON pointer of the schema it came from.
    pub pointer: String,
    /// Whether a request (body or parameter) uses it: such types get a
    /// constructor and setters.
    pub in_request: bool,
    /// For a response envelope (see the profile): the member holding the
    /// payload, which a bare array answer fills.
    pub envelope: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    /// `pub type Name = Target;`
    Alias(TypeRef),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties`: extra members kept in a flattened map.
    pub extra: Option<TypeRef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub wire_name: String,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    /// Boxed because the type contains itself through this field.
    pub boxed: bool,
    /// A credential (a token, a password): kept out of `Debug` output.
    pub sensitive: bool,
    pub docs: Docs,
}

impl Field {
    /// Whether the Rust field is an `Option`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub repr: EnumRepr,
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    String,
    Integer,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub name: String,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    pub discriminator: Option<Discriminator>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub name: String,
    pub ty: TypeRef,
    /// The discriminator value that selects this variant, when tagged.
    pub tag: Option<String>,
    pub boxed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Discriminator {
    pub property: String,
}

/// A reference to a type, as it appears in a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    Named(String),
    Bool,
    I32,
    I64,
    U64,
    F32,
    F64,
    String,
    /// `format: binary` request or response bodies.
    Bytes,
    /// A file part of a multipart body: bytes with a file name and a media
    /// type (`format: binary` fields of a multipart schema).
    File,
    /// `format: date` or `date-time`: the runtime's tolerant `DateTime`.
    DateTime,
    /// Any JSON value.
    Value,
    /// A JSON object of any members.
    Object,
    /// JSON `null` (`type: "null"`).
    Unit,
    Vec(Box<TypeRef>),
    Map(Box<TypeRef>),
    Option(Box<TypeRef>),
}

impl TypeRef {
    /// The named type this refers to, looking through no containers.
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeRef::Named(n) => Some(n),
            _ => None,
        }
    }

    /// Whether this is a plain scalar that can go in a path or query string.
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            TypeRef::Bool
                | TypeRef::I32
                | TypeRef::I64
                | TypeRef::U64
                | TypeRef::F32
                | TypeRef::F64
                | TypeRef::String
                | TypeRef::DateTime
        )
    }
}

/// One of the spec's tags and the operations that carry it; operations
/// without a tag form a last group with an empty name.
#[derive(Debug, Clone, PartialEq)]
pub struct TagGroup {
    pub name: String,
    pub description: Option<String>,
    /// Indexes into [`Api::operations`], in document order.
    pub operations: Vec<usize>,
}

/// One callable operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The spec's `operationId`, or one derived from method and path.
    pub operation_id: String,
    pub method_name: String,
    pub http_method: String,
    pub path: String,
    /// A per-operation (or per-path) server that overrides the API's.
    pub server: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    /// The spec's tags, in the spec's order.
    pub tags: Vec<String>,
    pub params: Vec<Param>,
    /// Name of the generated struct holding query and header parameters.
    pub params_struct: Option<String>,
    /// The body in the media type the method sends: the first of JSON,
    /// form, multipart, binary and text the operation accepts.
    pub body: Option<RequestBody>,
    /// The other media types the operation accepts, each sent by a method
    /// of its own (`create_pet_form` beside `create_pet`).
    pub alternatives: Vec<BodyAlternative>,
    /// Media types the operation also accepts that no method sends: XML,
    /// further JSON types and wildcards.
    pub unsent_media: Vec<String>,
    pub responses: Vec<Response>,
    /// Name of the enum of success responses, when the 2xx responses
    /// document bodies of more than one shape.
    pub success_enum: Option<String>,
    pub auth: Auth,
    pub pagination: Option<Pagination>,
    pub pointer: String,
}

impl Operation {
    /// Whether retrying the call cannot repeat a side effect.
    pub fn idempotent(&self) -> bool {
        matches!(self.http_method.as_str(), "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub wire_name: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub required: bool,
    /// Arrays: repeat the name per item (`form` + `explode`, the default).
    pub explode: bool,
    /// Arrays not exploded: what goes between items, `,` (`form`), ` `
    /// (`spaceDelimited`) or `|` (`pipeDelimited`).
    pub separator: char,
    pub docs: Docs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Form,
    Multipart,
    Binary,
    Text,
}

/// A request media type besides the one the operation's method sends, and
/// the method that sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyAlternative {
    pub method_name: String,
    pub body: RequestBody,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    pub kind: BodyKind,
    pub media_type: String,
    pub ty: TypeRef,
    pub required: bool,
    pub description: Option<String>,
    /// How the fields of a form are written, from the media type's
    /// `encoding` (fields not listed use [`FieldEncoding::Form`]).
    pub encoding: Vec<(String, FieldEncoding)>,
}

/// How one field of a URL-encoded form holding an array or object is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldEncoding {
    /// `style: form`, `explode: true` (the default).
    Form,
    /// `style: form`, `explode: false`.
    FormFlat,
    /// `style: spaceDelimited`, `explode: false`: an array as `a b`.
    SpaceDelimited,
    /// `style: pipeDelimited`, `explode: false`: an array as `a|b`.
    PipeDelimited,
    /// `style: deepObject`.
    DeepObject,
    /// `contentType: application/json`.
    Json,
}

/// A documented status (or range, or `default`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Code(u16),
    /// `2XX` and the like: the first digit.
    Range(u16),
    Default,
}

/// Named types by name, for look-ups over large specs.
pub fn types_by_name(types: &[TypeDef]) -> std::collections::BTreeMap<&str, &TypeDef> {
    types.iter().map(|d| (d.name.as_str(), d)).collect()
}

impl Status {
    /// A 2xx code or the `2XX` range.
    pub fn is_success(&self) -> bool {
        matches!(self, Status::Code(200..=299) | Status::Range(2))
    }
}

impl Operation {
    /// Every body a method of the operation sends: the default's, then
    /// the alternatives'.
    pub fn bodies(&self) -> impl Iterator<Item = &RequestBody> {
        self.body.iter().chain(self.alternatives.iter().map(|a| &a.body))
    }

    /// [`Operation::bodies`], mutably.
    pub fn bodies_mut(&mut self) -> impl Iterator<Item = &mut RequestBody> {
        self.body.iter_mut().chain(self.alternatives.iter_mut().map(|a| &mut a.body))
    }

    /// The operation as its alternative `alt` sends it: that method's name
    /// and body, and no page stream of its own.
    pub fn with_alternative(&self, alt: &BodyAlternative) -> Operation {
        Operation {
            method_name: alt.method_name.clone(),
            body: Some(alt.body.clone()),
            alternatives: Vec::new(),
            pagination: None,
            ..self.clone()
        }
    }

    /// The documented success responses (2xx codes and `2XX`).
    pub fn successes(&self) -> impl Iterator<Item = &Response> {
        self.responses.iter().filter(|r| r.status.is_success())
    }
}

impl Response {
    /// The body as it arrives: 204 and 205 carry none, whatever the spec
    /// lists for them.
    pub fn effective_body(&self) -> Option<&ResponseBody> {
        match self.status {
            Status::Code(204 | 205) => None,
            _ => self.body.as_ref(),
        }
    }
}

/// Whether success responses document bodies of more than one shape.
pub fn several_success_shapes(responses: &[Response]) -> bool {
    let mut shapes: Vec<Option<&ResponseBody>> = Vec::new();
    for r in responses.iter().filter(|r| r.status.is_success()) {
        let body = r.effective_body();
        if !shapes.contains(&body) {
            shapes.push(body);
        }
    }
    shapes.len() > 1
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: Status,
    pub description: String,
    pub body: Option<ResponseBody>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseBody {
    pub kind: BodyKind,
    pub media_type: String,
    /// What the method returns: the body, or for an answer in the API's
    /// envelope, its data.
    pub ty: TypeRef,
    /// Set when the body is the API's envelope, which the method unwraps.
    pub envelope: Option<Unwrapped>,
}

/// An answer in the API's envelope (`{"success": true, "data": ..., "meta":
/// ...}`) read as its data, with its meta beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwrapped {
    /// The member holding the data.
    pub data: String,
    /// The member holding the meta and its type, when the envelope has one.
    pub meta: Option<(String, TypeRef)>,
    /// The success flag's member, when the envelope has one.
    pub success: Option<String>,
}

/// Which credentials an operation sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    None,
    /// `Authorization: Bearer <partner>` (a profile's composite)
    Partner,
    /// `Authorization: Bearer <partner>, User <user>` (a profile's composite)
    PartnerUser,
    /// The spec's schemes: alternatives, each sent together; an empty
    /// alternative means the operation may go without.
    Schemes(Vec<Vec<Scheme>>),
}

impl Auth {
    /// The schemes in words: `` `api_key` or `basic` and `key` ``, with
    /// "or none" for an optional security.
    pub fn describe_schemes(alternatives: &[Vec<Scheme>]) -> String {
        let mut words = Self::describe_alternatives(alternatives);
        if alternatives.iter().any(Vec::is_empty) {
            words.push("none".to_owned());
        }
        words.join(" or ")
    }
}

impl Auth {
    /// Each alternative that sends something, its schemes joined by "and".
    pub fn describe_alternatives(alternatives: &[Vec<Scheme>]) -> Vec<String> {
        alternatives
            .iter()
            .filter(|alt| !alt.is_empty())
            .map(|alt| alt.iter().map(Scheme::describe).collect::<Vec<_>>().join(" and "))
            .collect()
    }
}

/// One security scheme of the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheme {
    /// Its name under `components.securitySchemes`.
    pub name: String,
    pub kind: SchemeKind,
}

impl Scheme {
    /// `` `api_key` (header `X-Key`) ``.
    pub fn describe(&self) -> String {
        let how = match &self.kind {
            SchemeKind::Bearer => "a bearer token".to_owned(),
            SchemeKind::Basic => "HTTP basic".to_owned(),
            SchemeKind::Header { name, prefix } if prefix.is_empty() => format!("header `{name}`"),
            SchemeKind::Header { name, prefix } => format!("header `{name}`, after `{prefix}`"),
            SchemeKind::Query { name } => format!("query parameter `{name}`"),
            SchemeKind::Cookie { name } => format!("cookie `{name}`"),
        };
        format!("`{}` ({how})", self.name)
    }
}

/// How a scheme's credential is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer` (HTTP bearer, OAuth 2, OpenID Connect).
    Bearer,
    Basic,
    /// An API key in a header, after a prefix the spec documents.
    Header {
        name: String,
        prefix: String,
    },
    Query {
        name: String,
    },
    Cookie {
        name: String,
    },
}

/// `page` + `count`/`limit` paging, in the query or the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    pub page: String,
    pub size: String,
    pub in_body: bool,
    /// The type of the items in the response's `data` array.
    pub item: TypeRef,
    /// Whether the items sit under `data` (Altegio's envelope) or at the top.
    pub enveloped: bool,
    /// Whether the page and size fields are `Option`s.
    pub page_optional: bool,
    pub size_optional: bool,
    /// Whether the envelope's `data` field is an `Option`.
    pub data_optional: bool,
}

/// An incoming request the API sends to the integrator.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    pub name: String,
    pub variant: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub ty: TypeRef,
    /// A property whose allowed values tell this event apart.
    pub tag: Option<(String, Vec<String>)>,
    pub examples: Vec<Value>,
    pub pointer: String,
}
