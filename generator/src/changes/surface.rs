//! An API's surface: the IR reduced to what users of the generated module
//! see (item names, Rust types and signatures, wire names and values, a
//! hash of each item's docs from the spec). Two surfaces are what [`super::diff`]
//! compares; one is kept beside the generated code as the baseline of the
//! next report, so it serializes to JSON with one item per line.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::emit::signature::{self, Methods};
use crate::model::*;

/// Bumped when the surface's JSON changes shape; a baseline of another
/// format is not compared.
pub const FORMAT: u32 = 1;

/// The items of one API module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Surface {
    pub format: u32,
    pub types: Vec<TypeItem>,
    pub operations: Vec<OperationItem>,
    pub webhooks: Vec<WebhookItem>,
}

/// A named type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeItem {
    pub name: String,
    #[serde(flatten)]
    pub shape: Shape,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    pub docs: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Shape {
    Struct {
        fields: Vec<FieldItem>,
        /// Derives `Default`.
        default: bool,
        /// The arguments of `new`, for request types that have it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        new: Option<Vec<String>>,
        /// Request types: a setter per optional field.
        #[serde(default, skip_serializing_if = "is_false")]
        setters: bool,
    },
    Enum {
        /// `string` or `integer`.
        repr: String,
        variants: Vec<VariantItem>,
    },
    Union {
        variants: Vec<UnionVariantItem>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        discriminator: Option<String>,
    },
    Alias {
        target: String,
    },
}

impl Shape {
    pub fn kind(&self) -> &'static str {
        match self {
            Shape::Struct { .. } => "struct",
            Shape::Enum { .. } => "enum",
            Shape::Union { .. } => "union enum",
            Shape::Alias { .. } => "type alias",
        }
    }
}

/// A struct field (or a parameter, as a field of the parameters struct).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldItem {
    pub name: String,
    /// The JSON member (or query/header name) when it differs from the
    /// name (see [`FieldItem::wire`]); `*` for the field holding
    /// `additionalProperties`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub wire: String,
    /// The Rust type, with `Option` and `Box` applied.
    pub ty: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    pub docs: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantItem {
    pub name: String,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnionVariantItem {
    pub name: String,
    pub ty: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

/// One method of the API's handle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationItem {
    pub method: String,
    /// `GET /path/{id}`.
    pub http: String,
    pub id: String,
    /// Path parameters in argument order: name and type.
    pub path_args: Vec<(String, String)>,
    /// The parameters struct: its name and fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<ParamsItem>,
    /// The body argument's type and media type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<(String, String)>,
    /// The methods that send the body in other media types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<AlternativeItem>,
    pub returns: String,
    /// `M` of `ApiResponse<T, M>`: the meta of the envelope the method
    /// unwraps, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<String>,
    /// The success enum, when the method returns one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<SuccessItem>,
    /// `none`, `partner` or `partner_user`.
    pub auth: String,
    /// The item type of `<method>_stream`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<String>,
    /// Documented statuses other than 2xx.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    pub docs: String,
}

/// A method that sends an operation's body in another media type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlternativeItem {
    pub method: String,
    /// The body argument's type and media type.
    pub body: (String, String),
}

/// An operation's enum of success responses by status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuccessItem {
    /// Variant names and payload types.
    pub variants: Vec<(String, Option<String>)>,
    /// Whether an `Other` variant catches undocumented 2xx statuses.
    pub other: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamsItem {
    pub name: String,
    pub fields: Vec<ParamItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamItem {
    #[serde(flatten)]
    pub field: FieldItem,
    /// `query`, `header` or `cookie`.
    #[serde(rename = "in")]
    pub location: String,
}

/// One variant of `WebhookEvent`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookItem {
    pub variant: String,
    pub name: String,
    pub ty: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<(String, Vec<String>)>,
    pub docs: String,
}

impl FieldItem {
    /// The JSON member (or query/header name).
    pub fn wire(&self) -> &str {
        if self.wire.is_empty() {
            &self.name
        } else {
            &self.wire
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A short hash of doc text: the report says docs changed, not how.
fn hash(lines: &[String]) -> String {
    let digest = Sha256::digest(lines.join("\n").as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

fn field(f: &Field) -> FieldItem {
    FieldItem {
        name: f.name.clone(),
        wire: if f.wire_name == f.name { String::new() } else { f.wire_name.clone() },
        ty: signature::field_type_text(f),
        required: f.required,
        nullable: f.nullable,
        deprecated: f.docs.deprecated,
        docs: hash(&signature::doc_lines(&f.docs)),
    }
}

fn type_item(def: &TypeDef) -> TypeItem {
    let shape = match &def.kind {
        TypeKind::Struct(s) => {
            let c = signature::construction(s, def.in_request);
            let mut fields: Vec<FieldItem> = s.fields.iter().map(field).collect();
            if let Some((name, ty)) = signature::extra_field(s) {
                fields.push(FieldItem {
                    name,
                    wire: "*".to_owned(),
                    ty,
                    required: false,
                    nullable: false,
                    deprecated: false,
                    docs: String::new(),
                });
            }
            Shape::Struct { fields, default: c.default, new: c.new_args, setters: c.setters }
        }
        TypeKind::Enum(e) => Shape::Enum {
            repr: match e.repr {
                EnumRepr::String => "string",
                EnumRepr::Integer => "integer",
            }
            .to_owned(),
            variants: e
                .variants
                .iter()
                .map(|v| VariantItem { name: v.name.clone(), value: v.value.clone() })
                .collect(),
        },
        TypeKind::Union(u) => Shape::Union {
            variants: u
                .variants
                .iter()
                .map(|v| UnionVariantItem {
                    name: v.name.clone(),
                    ty: signature::union_variant_text(v),
                    tag: v.tag.clone(),
                })
                .collect(),
            discriminator: u.discriminator.as_ref().map(|d| d.property.clone()),
        },
        TypeKind::Alias(t) => Shape::Alias { target: signature::type_text(t) },
    };
    TypeItem {
        name: def.name.clone(),
        shape,
        deprecated: def.docs.deprecated,
        docs: hash(&signature::doc_lines(&def.docs)),
    }
}

fn operation_item(op: &Operation, methods: &Methods) -> OperationItem {
    let m = methods.method(op);
    let params = op.params_struct.as_ref().map(|name| ParamsItem {
        name: name.clone(),
        fields: m
            .params
            .iter()
            .map(|f| {
                let location = op
                    .params
                    .iter()
                    .find(|p| p.name == f.name && p.location != ParamLocation::Path)
                    .map_or(ParamLocation::Query, |p| p.location);
                ParamItem { field: field(f), location: format!("{location:?}").to_ascii_lowercase() }
            })
            .collect(),
    });
    OperationItem {
        method: op.method_name.clone(),
        http: format!("{} {}", op.http_method, op.path),
        id: op.operation_id.clone(),
        path_args: m.path_args,
        params,
        body: m.body.map(|t| (t, op.body.as_ref().map(|b| b.media_type.clone()).unwrap_or_default())),
        alternatives: op
            .alternatives
            .iter()
            .filter_map(|alt| {
                let t = methods.method(&op.with_alternative(alt)).body?;
                Some(AlternativeItem {
                    method: alt.method_name.clone(),
                    body: (t, alt.body.media_type.clone()),
                })
            })
            .collect(),
        returns: m.returns,
        meta: m.meta,
        success: m.success.map(|(variants, other)| SuccessItem {
            variants: variants.into_iter().map(|v| (v.name, v.payload)).collect(),
            other,
        }),
        auth: match &op.auth {
            Auth::None => "none".to_owned(),
            Auth::Partner => "partner".to_owned(),
            Auth::PartnerUser => "partner_user".to_owned(),
            Auth::Schemes(alternatives) => Auth::describe_schemes(alternatives),
        },
        stream: m.stream,
        errors: op
            .responses
            .iter()
            .filter_map(|r| match r.status {
                Status::Code(c) if !(200..300).contains(&c) => Some(c),
                _ => None,
            })
            .collect(),
        server: op.server.clone(),
        deprecated: op.deprecated,
        docs: hash(&operation_prose(op)),
    }
}

/// The prose of an operation's docs; the lines the method's docs derive
/// from its path and credentials are reported as changes of their own.
fn operation_prose(op: &Operation) -> Vec<String> {
    let mut out: Vec<String> = [&op.summary, &op.description].into_iter().flatten().cloned().collect();
    for p in op.params.iter().filter(|p| p.location == ParamLocation::Path) {
        out.extend(signature::doc_lines(&p.docs));
    }
    out
}

fn webhook_item(w: &Webhook) -> WebhookItem {
    let docs: Vec<String> = [&w.summary, &w.description].into_iter().flatten().cloned().collect();
    WebhookItem {
        variant: w.variant.clone(),
        name: w.name.clone(),
        ty: signature::type_text(&w.ty),
        tag: w.tag.clone(),
        docs: hash(&docs),
    }
}

impl Surface {
    /// The surface of a modelled API.
    pub fn of(api: &Api) -> Surface {
        let methods = Methods::new(api);
        Surface {
            format: FORMAT,
            types: api.types.iter().map(type_item).collect(),
            operations: api.operations.iter().map(|op| operation_item(op, &methods)).collect(),
            webhooks: api.webhooks.iter().map(webhook_item).collect(),
        }
    }

    /// JSON with one item per line, so that a change to the file reads as
    /// the items that changed.
    pub fn to_json(&self) -> String {
        fn list<T: Serialize>(out: &mut String, key: &str, items: &[T], last: bool) {
            out.push_str(&format!("\"{key}\": ["));
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                out.push_str(&serde_json::to_string(item).expect("surface items serialize"));
            }
            out.push_str(if items.is_empty() { "]" } else { "\n]" });
            out.push_str(if last { "\n" } else { ",\n" });
        }
        // The marker lets the writer tell it from a hand-written file.
        let mut out = format!(
            "{{\"{}\": \"the API surface of the generated code; regenerate rather than edit\",\n\"format\": {},\n",
            crate::write::MARKER,
            self.format
        );
        list(&mut out, "types", &self.types, false);
        list(&mut out, "operations", &self.operations, false);
        list(&mut out, "webhooks", &self.webhooks, true);
        out.push_str("}\n");
        out
    }

    /// Reads [`Surface::to_json`]'s output.
    pub fn from_json(text: &str) -> Result<Surface, SurfaceError> {
        let format =
            serde_json::from_str::<FormatOnly>(text).map_err(|e| SurfaceError::Parse(e.to_string()))?;
        if format.format != FORMAT {
            return Err(SurfaceError::Format(format.format));
        }
        serde_json::from_str(text).map_err(|e| SurfaceError::Parse(e.to_string()))
    }
}

#[derive(Deserialize)]
struct FormatOnly {
    format: u32,
}

/// A recorded surface that cannot be used as a baseline.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SurfaceError {
    #[error("not a recorded API surface: {0}")]
    Parse(String),
    #[error("recorded in surface format {0}, this generator writes format {FORMAT}")]
    Format(u32),
}
