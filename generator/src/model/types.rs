//! Schemas -> named Rust types. Component schemas keep their names; inline
//! schemas are named from where they stand, and identical inline shapes
//! share one type.

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaData};
use serde_json::Value;

use super::ir::*;
use super::shape::{classify, nullable, ObjectParts, Shape};
use crate::diagnostics::{child, Diagnostic};
use crate::naming::{field_name, is_secret, type_name, variant_name, Namespace};
use crate::resolve::{ResolveError, Resolver};

/// Names of numeric fields that hold whole numbers even when a spec types
/// them `number` (Altegio types every id so): decoded as `i64`.
fn integral_name(name: &str) -> bool {
    let raw = name.trim_end_matches("[]");
    let n = raw.to_ascii_lowercase();
    n == "id"
        || n.ends_with("_id")
        || n.ends_with("_ids")
        || raw.ends_with("Id")
        || raw.ends_with("Ids")
        || matches!(
            n.as_str(),
            "page" | "count" | "limit" | "offset" | "per_page" | "page_size" | "total_count"
        )
}

/// How deep inline schemas may nest before the rest is read as any value.
const MAX_INLINE_DEPTH: usize = 32;

/// Where a schema stands: the name its inline types get, its pointer, and
/// the property or parameter name it belongs to.
#[derive(Debug, Clone)]
pub struct Ctx<'c> {
    pub hint: String,
    pub pointer: String,
    pub field: Option<&'c str>,
}

impl<'c> Ctx<'c> {
    pub fn new(hint: impl Into<String>, pointer: impl Into<String>) -> Self {
        Self { hint: hint.into(), pointer: pointer.into(), field: None }
    }
    fn sub(&self, hint_suffix: &str, pointer_token: &str) -> Ctx<'c> {
        Ctx {
            hint: format!("{}{}", self.hint, hint_suffix),
            // `allOf/0` is two tokens, not one with a slash in it.
            pointer: pointer_token.split('/').fold(self.pointer.clone(), |p, t| child(&p, t)),
            field: None,
        }
    }
}

pub struct Types<'a> {
    resolver: &'a Resolver<'a>,
    pub defs: Vec<TypeDef>,
    names: Namespace,
    components: IndexMap<String, String>,
    inline: HashMap<String, String>,
    pub diagnostics: Vec<Diagnostic>,
    pub examples: Vec<Example>,
    /// How many inline schemas enclose the one being built.
    depth: usize,
    /// The API's profile says `[]` stands for an absent object.
    pub empty_arrays_absent: bool,
    /// The profile's schemes sent as the runtime's partner/user composite.
    pub composite_auth: std::collections::BTreeMap<String, crate::profile::Composite>,
}

impl<'a> Types<'a> {
    pub fn new(resolver: &'a Resolver<'a>) -> Self {
        Self {
            resolver,
            defs: Vec::new(),
            names: Namespace::new(),
            components: IndexMap::new(),
            inline: HashMap::new(),
            diagnostics: Vec::new(),
            examples: Vec::new(),
            depth: 0,
            empty_arrays_absent: false,
            composite_auth: Default::default(),
        }
    }

    /// Reserves a type name for something other than a schema (parameter structs).
    pub fn claim_name(&mut self, raw: &str) -> String {
        self.names.claim(&type_name(raw))
    }

    /// Names and builds every component schema, in document order.
    pub fn components(
        &mut self,
        schemas: &'a IndexMap<String, ReferenceOr<Schema>>,
    ) -> Result<(), ResolveError> {
        for key in schemas.keys() {
            let name = self.names.claim(&type_name(key));
            self.components.insert(key.clone(), name);
        }
        for (key, schema) in schemas {
            let name = self.components[key].clone();
            let pointer = child("/components/schemas", key);
            let def = match schema {
                ReferenceOr::Reference { reference } => {
                    let target = self.resolver.schema_name(reference, &pointer)?;
                    let ty = TypeRef::Named(self.components[&target].clone());
                    TypeDef {
                        name,
                        docs: Docs::default(),
                        kind: TypeKind::Alias(ty),
                        pointer,
                        in_request: false,
                        envelope: None,
                    }
                }
                ReferenceOr::Item(s) => {
                    // Placeholder first: inline types this one creates follow it.
                    let index = self.defs.len();
                    self.defs.push(placeholder(&name, &pointer));
                    let def = self.build_def(name.clone(), s, &Ctx::new(name, pointer))?;
                    self.defs[index] = def;
                    continue;
                }
            };
            self.defs.push(def);
        }
        Ok(())
    }

    /// The Rust type for a schema, and whether it admits `null`.
    pub fn type_of(
        &mut self,
        schema: &'a ReferenceOr<Schema>,
        ctx: &Ctx,
    ) -> Result<(TypeRef, bool), ResolveError> {
        match schema {
            ReferenceOr::Reference { reference } => {
                let name = self.resolver.schema_name(reference, &ctx.pointer)?;
                let (target, _) = self.resolver.schema(schema, &ctx.pointer)?;
                Ok((TypeRef::Named(self.components[&name].clone()), nullable(target)))
            }
            ReferenceOr::Item(s) => self.inline(s, ctx),
        }
    }

    fn type_of_boxed(
        &mut self,
        schema: &'a ReferenceOr<Box<Schema>>,
        ctx: &Ctx,
    ) -> Result<(TypeRef, bool), ResolveError> {
        match schema {
            ReferenceOr::Reference { reference } => {
                let name = self.resolver.schema_name(reference, &ctx.pointer)?;
                let r = ReferenceOr::Reference { reference: reference.clone() };
                let (target, _) = self.resolver.schema(&r, &ctx.pointer)?;
                Ok((TypeRef::Named(self.components[&name].clone()), nullable(target)))
            }
            ReferenceOr::Item(s) => self.inline(s, ctx),
        }
    }

    fn inline(&mut self, s: &'a Schema, ctx: &Ctx) -> Result<(TypeRef, bool), ResolveError> {
        // Deeper inline nesting than any real spec needs would overflow the
        // stack here and in the emitter (nested generics).
        if self.depth >= MAX_INLINE_DEPTH {
            self.diagnostics.push(Diagnostic::warning(
                &ctx.pointer,
                format!("schemas nested more than {MAX_INLINE_DEPTH} deep inline: read as any JSON value"),
            ));
            return Ok((TypeRef::Value, nullable(s)));
        }
        self.depth += 1;
        let result = self.inline_at_depth(s, ctx);
        self.depth -= 1;
        result
    }

    fn inline_at_depth(&mut self, s: &'a Schema, ctx: &Ctx) -> Result<(TypeRef, bool), ResolveError> {
        let is_nullable = nullable(s);
        let ty = match classify(s) {
            Shape::Null => TypeRef::Unit,
            Shape::Bool => TypeRef::Bool,
            Shape::Integer(format) => integer(format.as_deref()),
            Shape::Number(format) => {
                if format.is_none() && ctx.field.is_some_and(integral_name) {
                    TypeRef::I64
                } else {
                    TypeRef::F64
                }
            }
            Shape::String(format) => match format.as_deref() {
                Some("binary") => TypeRef::Bytes,
                Some(f) if is_date_format(f) => TypeRef::DateTime,
                _ => TypeRef::String,
            },
            Shape::Array(items) => match items {
                Some(items) => {
                    let mut item_ctx = ctx.sub("Item", "items");
                    item_ctx.field = ctx.field;
                    let (item, item_null) = self.type_of_boxed(items, &item_ctx)?;
                    TypeRef::Vec(Box::new(wrap_option(item, item_null)))
                }
                None => TypeRef::Vec(Box::new(TypeRef::Value)),
            },
            Shape::Object(parts) if parts.properties.is_empty() => self.map_of(&parts, ctx)?,
            Shape::AllOf(parts, own) if parts.len() == 1 && own.properties.is_empty() => {
                let (ty, n) = self.type_of(&parts[0], &ctx.sub("", "allOf/0"))?;
                return Ok((ty, n || is_nullable));
            }
            Shape::OneOf(variants) | Shape::AnyOf(variants) => {
                let non_null = self.meaningful_variants(variants, &ctx.pointer);
                let has_null = non_null.len() < variants.len();
                if non_null.len() == 1 {
                    let (ty, n) = self
                        .type_of(&variants[non_null[0]], &ctx.sub("", &format!("oneOf/{}", non_null[0])))?;
                    return Ok((ty, n || has_null || is_nullable));
                }
                if non_null.is_empty() {
                    return Ok((TypeRef::Unit, true));
                }
                let ty = self.named_inline(s, ctx)?;
                return Ok((ty, has_null || is_nullable));
            }
            Shape::Any => TypeRef::Value,
            Shape::StringEnum(_) | Shape::IntegerEnum(_) | Shape::Object(_) | Shape::AllOf(..) => {
                self.named_inline(s, ctx)?
            }
        };
        Ok((ty, is_nullable))
    }

    /// The variants of a union that carry a shape of their own: not
    /// `null`, and, when the profile says an empty array means "no
    /// object" (PHP's `[]`), not an untyped array beside one object, which
    /// the runtime already reads as absent.
    fn meaningful_variants(&self, variants: &'a [ReferenceOr<Schema>], pointer: &str) -> Vec<usize> {
        let non_null: Vec<usize> =
            (0..variants.len()).filter(|&i| !self.is_null_schema(&variants[i], pointer)).collect();
        if !self.empty_arrays_absent {
            return non_null;
        }
        let shape = |i: usize| self.resolver.schema(&variants[i], pointer).ok().map(|(s, _)| classify(s));
        let objects: Vec<usize> = non_null
            .iter()
            .copied()
            .filter(|&i| matches!(shape(i), Some(Shape::Object(_) | Shape::AllOf(..))))
            .collect();
        let untyped_arrays = non_null.iter().filter(|&&i| match shape(i) {
            Some(Shape::Array(None)) => true,
            Some(Shape::Array(Some(ReferenceOr::Item(items)))) => matches!(classify(items), Shape::Any),
            _ => false,
        });
        if objects.len() == 1
            && objects.len() + untyped_arrays.count() == non_null.len()
            && non_null.len() > 1
        {
            objects
        } else {
            non_null
        }
    }

    fn is_null_schema(&self, schema: &'a ReferenceOr<Schema>, pointer: &str) -> bool {
        self.resolver
            .schema(schema, pointer)
            .map(|(s, _)| matches!(classify(s), Shape::Null))
            .unwrap_or(false)
    }

    /// An inline schema that needs a named type: reuse an identical one.
    fn named_inline(&mut self, s: &'a Schema, ctx: &Ctx) -> Result<TypeRef, ResolveError> {
        let key = serde_json::to_string(s).unwrap_or_default();
        if let Some(existing) = self.inline.get(&key) {
            return Ok(TypeRef::Named(existing.clone()));
        }
        let name = self.names.claim(&type_name(&ctx.hint));
        self.inline.insert(key, name.clone());
        // Push a placeholder first so recursive inline shapes terminate.
        let index = self.defs.len();
        self.defs.push(placeholder(&name, &ctx.pointer));
        let def = self.build_def(
            name.clone(),
            s,
            &Ctx { hint: name.clone(), pointer: ctx.pointer.clone(), field: ctx.field },
        )?;
        self.defs[index] = def;
        Ok(TypeRef::Named(name))
    }

    fn map_of(&mut self, parts: &ObjectParts<'a>, ctx: &Ctx) -> Result<TypeRef, ResolveError> {
        Ok(match parts.additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let (value, n) = self.type_of(schema, &ctx.sub("Value", "additionalProperties"))?;
                TypeRef::Map(Box::new(wrap_option(value, n)))
            }
            _ => TypeRef::Object,
        })
    }

    /// Builds the definition of a named type.
    fn build_def(&mut self, name: String, s: &'a Schema, ctx: &Ctx) -> Result<TypeDef, ResolveError> {
        let docs = docs_of_schema(s);
        let ctx = Ctx { hint: name.clone(), pointer: ctx.pointer.clone(), field: ctx.field };
        let kind = match classify(s) {
            Shape::Object(parts) if !parts.properties.is_empty() => {
                TypeKind::Struct(self.structure(&[], &parts, &ctx)?)
            }
            Shape::AllOf(parts, own) if !(parts.len() == 1 && own.properties.is_empty()) => {
                TypeKind::Struct(self.structure(parts, &own, &ctx)?)
            }
            Shape::StringEnum(values) => {
                TypeKind::Enum(enumeration(EnumRepr::String, values.into_iter().map(Value::String).collect()))
            }
            Shape::IntegerEnum(values) => {
                TypeKind::Enum(enumeration(EnumRepr::Integer, values.into_iter().map(Value::from).collect()))
            }
            Shape::OneOf(variants) | Shape::AnyOf(variants) => {
                let non_null: Vec<&'a ReferenceOr<Schema>> = self
                    .meaningful_variants(variants, &ctx.pointer)
                    .into_iter()
                    .map(|i| &variants[i])
                    .collect();
                if let [ReferenceOr::Item(only)] = non_null.as_slice() {
                    // One inline shape left: it is this type, under this name.
                    let mut def = self.build_def(name.clone(), only, &ctx)?;
                    if let Some(example) = &docs.example {
                        self.examples.push(Example {
                            pointer: child(&ctx.pointer, "example"),
                            ty: TypeRef::Named(name),
                            value: example.clone(),
                            envelope: None,
                        });
                    }
                    if def.docs.description.is_none() && def.docs.title.is_none() {
                        def.docs = docs;
                    }
                    return Ok(def);
                }
                if non_null.len() == 1 {
                    TypeKind::Alias(self.type_of(non_null[0], &ctx)?.0)
                } else {
                    TypeKind::Union(self.union(s, &non_null, &ctx)?)
                }
            }
            _ => {
                let (ty, _) = self.inline_no_name(s, &ctx)?;
                TypeKind::Alias(ty)
            }
        };
        if let Some(example) = &docs.example {
            self.examples.push(Example {
                pointer: child(&ctx.pointer, "example"),
                ty: TypeRef::Named(name.clone()),
                value: example.clone(),
                envelope: None,
            });
        }
        Ok(TypeDef { name, docs, kind, pointer: ctx.pointer.clone(), in_request: false, envelope: None })
    }

    /// The type of a schema that is not worth a name of its own (scalars,
    /// arrays, maps) when it is a component: used as an alias target.
    fn inline_no_name(&mut self, s: &'a Schema, ctx: &Ctx) -> Result<(TypeRef, bool), ResolveError> {
        match classify(s) {
            Shape::AllOf(parts, own) if parts.len() == 1 && own.properties.is_empty() => {
                self.type_of(&parts[0], &ctx.sub("", "allOf/0"))
            }
            _ => self.inline(s, ctx),
        }
    }

    fn structure(
        &mut self,
        all_of: &'a [ReferenceOr<Schema>],
        own: &ObjectParts<'a>,
        ctx: &Ctx,
    ) -> Result<Struct, ResolveError> {
        // Gather every object part: allOf members first (in order), then own.
        let mut parts: Vec<(ObjectParts<'a>, String)> = Vec::new();
        self.collect_parts(all_of, &ctx.pointer, &mut parts, 0)?;
        parts.push((own.clone(), ctx.pointer.clone()));
        let mut fields: Vec<Field> = Vec::new();
        let mut names = Namespace::new();
        let mut extra = None;
        for (part, pointer) in &parts {
            for (wire, prop) in &part.properties {
                if let Some(existing) = fields.iter_mut().find(|f| f.wire_name == *wire) {
                    // allOf members restating a property: the later one only
                    // adds `required`.
                    existing.required |= part.required.contains(wire);
                    continue;
                }
                let field_ctx = Ctx {
                    hint: format!("{}{}", ctx.hint, type_name(wire)),
                    pointer: child(&child(pointer, "properties"), wire),
                    field: Some(wire),
                };
                let (ty, null) = self.type_of_boxed(prop, &field_ctx)?;
                let docs = match prop {
                    ReferenceOr::Item(s) => docs_of_schema(s),
                    ReferenceOr::Reference { .. } => Docs::default(),
                };
                if let (Some(example), ReferenceOr::Item(_)) = (&docs.example, prop) {
                    self.examples.push(Example {
                        pointer: child(&field_ctx.pointer, "example"),
                        ty: wrap_option(ty.clone(), null),
                        value: example.clone(),
                        envelope: None,
                    });
                }
                let required = part.required.contains(wire) && !docs.read_only && !docs.write_only;
                fields.push(Field {
                    name: names.claim(&field_name(wire)),
                    wire_name: (*wire).to_owned(),
                    sensitive: is_secret(wire) || docs.format.as_deref() == Some("password"),
                    ty,
                    required,
                    nullable: null,
                    boxed: false,
                    docs,
                });
            }
            for req in &part.required {
                if let Some(f) = fields.iter_mut().find(|f| f.wire_name == *req) {
                    f.required = !f.docs.read_only && !f.docs.write_only;
                }
            }
            match part.additional {
                Some(AdditionalProperties::Any(true)) => extra = Some(TypeRef::Value),
                Some(AdditionalProperties::Schema(schema)) => {
                    let (value, n) = self.type_of(
                        schema,
                        &Ctx::new(format!("{}Value", ctx.hint), child(pointer, "additionalProperties")),
                    )?;
                    extra = Some(wrap_option(value, n));
                }
                _ => {}
            }
        }
        Ok(Struct { fields, extra })
    }

    fn collect_parts(
        &mut self,
        all_of: &'a [ReferenceOr<Schema>],
        pointer: &str,
        out: &mut Vec<(ObjectParts<'a>, String)>,
        depth: usize,
    ) -> Result<(), ResolveError> {
        for (i, member) in all_of.iter().enumerate() {
            let p = child(&child(pointer, "allOf"), &i.to_string());
            if depth > 32 {
                return Err(ResolveError {
                    pointer: p,
                    message: "allOf nested more than 32 deep (a cycle?)".into(),
                });
            }
            self.member_parts(member, p, out, depth)?;
        }
        Ok(())
    }

    /// The object parts of one allOf member (or of one alternative of a
    /// member that is a union of objects), found at `p`.
    fn member_parts(
        &mut self,
        member: &'a ReferenceOr<Schema>,
        p: String,
        out: &mut Vec<(ObjectParts<'a>, String)>,
        depth: usize,
    ) -> Result<(), ResolveError> {
        let (s, name) = self.resolver.schema(member, &p)?;
        let member_pointer = match &name {
            Some(n) => child("/components/schemas", n.as_str()),
            None => p.clone(),
        };
        match classify(s) {
            Shape::Object(parts) => out.push((parts, member_pointer)),
            Shape::AllOf(inner, own) => {
                self.collect_parts(inner, &member_pointer, out, depth + 1)?;
                out.push((own, member_pointer));
            }
            Shape::Any => {}
            shape @ (Shape::OneOf(variants) | Shape::AnyOf(variants))
                if self.objects_only(variants, &p)? =>
            {
                let keyword = if matches!(shape, Shape::OneOf(_)) { "oneOf" } else { "anyOf" };
                self.diagnostics.push(Diagnostic::note(
                    p,
                    format!(
                        "allOf member is a {keyword} of objects: the properties of every alternative are \
                         merged in as optional fields"
                    ),
                ));
                let first = out.len();
                let at = child(&member_pointer, keyword);
                for (j, variant) in variants.iter().enumerate() {
                    self.member_parts(variant, child(&at, &j.to_string()), out, depth + 1)?;
                }
                // Which alternative is sent is the caller's choice, so none
                // of their members is required by the merge.
                for (parts, _) in &mut out[first..] {
                    parts.required.clear();
                }
            }
            _ => self.diagnostics.push(Diagnostic::warning(
                p,
                "allOf member is not an object; its constraints are not represented in the merged struct",
            )),
        }
        Ok(())
    }

    /// Whether every alternative of a union is an object.
    fn objects_only(
        &mut self,
        variants: &'a [ReferenceOr<Schema>],
        pointer: &str,
    ) -> Result<bool, ResolveError> {
        for variant in variants {
            let (v, _) = self.resolver.schema(variant, pointer)?;
            if !matches!(classify(v), Shape::Object(_) | Shape::AllOf(..)) {
                return Ok(false);
            }
        }
        Ok(!variants.is_empty())
    }

    fn union(
        &mut self,
        s: &'a Schema,
        variants: &[&'a ReferenceOr<Schema>],
        ctx: &Ctx,
    ) -> Result<Union, ResolveError> {
        let mut names = Namespace::new();
        let mut out = Vec::new();
        let discriminator = s.schema_data.discriminator.as_ref();
        for (i, variant) in variants.iter().enumerate() {
            let (resolved, component) = self.resolver.schema(variant, &ctx.pointer)?;
            let base = resolved
                .schema_data
                .title
                .as_deref()
                .map(type_name)
                .or_else(|| component.as_deref().map(type_name))
                .unwrap_or_else(|| shape_word(&classify(resolved)).to_owned());
            let vname = names.claim(&variant_name(&base));
            let (ty, null) = self.type_of(variant, &ctx.sub(&vname, &i.to_string()))?;
            let tag = discriminator.map(|d| {
                d.mapping
                    .iter()
                    .find(|(_, target)| {
                        component.as_deref().is_some_and(|c| target.ends_with(&format!("/{c}")))
                    })
                    .map(|(value, _)| value.clone())
                    .or_else(|| self.single_value(resolved, &d.property_name, &ctx.pointer, 0))
                    .or_else(|| component.clone())
                    .unwrap_or_else(|| vname.clone())
            });
            out.push((
                required_count(resolved),
                UnionVariant { name: vname, ty: wrap_option(ty, null), tag, boxed: false },
            ));
        }
        if discriminator.is_none() {
            // Untagged: try the most constrained alternatives first.
            out.sort_by_key(|v| std::cmp::Reverse(v.0));
        } else {
            // Variants sharing a tag (OpenAI's `InputMessage` and
            // `OutputMessage`, both `"message"`) are tried in turn, the most
            // constrained first, next to each other where the tag first
            // appears; the others keep their order.
            let first_at: Vec<usize> =
                out.iter().map(|(_, v)| out.iter().position(|(_, w)| w.tag == v.tag).unwrap_or(0)).collect();
            let mut keyed: Vec<(usize, (usize, UnionVariant))> = first_at.into_iter().zip(out).collect();
            keyed.sort_by_key(|(at, (required, _))| (*at, std::cmp::Reverse(*required)));
            out = keyed.into_iter().map(|(_, v)| v).collect();
        }
        Ok(Union {
            variants: out.into_iter().map(|(_, v)| v).collect(),
            discriminator: discriminator.map(|d| Discriminator { property: d.property_name.clone() }),
        })
    }
}

impl Types<'_> {
    /// The one value a union variant lets its discriminator property take
    /// (`type: {enum: [file_search]}`). Without a mapping entry this is the
    /// tag servers send (OpenAI's tools, Spotify's items): the schema's
    /// name, which OpenAPI implies, could never validate against it.
    fn single_value(&self, s: &Schema, property: &str, pointer: &str, depth: usize) -> Option<String> {
        let (parts, all_of) = match classify(s) {
            Shape::Object(parts) => (parts, &[][..]),
            Shape::AllOf(all_of, parts) => (parts, all_of),
            _ => return None,
        };
        if let Some((_, schema)) = parts.properties.iter().find(|(name, _)| *name == property) {
            let value = |s: &Schema| match classify(s) {
                Shape::StringEnum(values) if values.len() == 1 => values.into_iter().next(),
                _ => None,
            };
            return match schema {
                ReferenceOr::Item(s) => value(s),
                ReferenceOr::Reference { reference } => {
                    let r = ReferenceOr::Reference { reference: reference.clone() };
                    value(self.resolver.schema(&r, pointer).ok()?.0)
                }
            };
        }
        if depth >= 4 {
            return None;
        }
        all_of.iter().find_map(|part| {
            let (part, _) = self.resolver.schema(part, pointer).ok()?;
            self.single_value(part, property, pointer, depth + 1)
        })
    }
}

fn placeholder(name: &str, pointer: &str) -> TypeDef {
    TypeDef {
        name: name.to_owned(),
        docs: Docs::default(),
        kind: TypeKind::Alias(TypeRef::Value),
        pointer: pointer.to_owned(),
        in_request: false,
        envelope: None,
    }
}

fn required_count(s: &Schema) -> usize {
    match classify(s) {
        Shape::Object(parts) => 1000 + parts.required.len() * 10 + parts.properties.len().min(9),
        Shape::AllOf(..) => 1000,
        Shape::Array(_) => 500,
        Shape::StringEnum(_) | Shape::IntegerEnum(_) => 400,
        Shape::Integer(_) => 300,
        Shape::Number(_) => 200,
        Shape::Bool => 150,
        Shape::String(_) => 100,
        _ => 0,
    }
}

fn shape_word(shape: &Shape) -> &'static str {
    match shape {
        Shape::Null => "Null",
        Shape::Bool => "Bool",
        Shape::Integer(_) | Shape::IntegerEnum(_) => "Integer",
        Shape::Number(_) => "Number",
        Shape::String(_) | Shape::StringEnum(_) => "String",
        Shape::Object(_) | Shape::AllOf(..) => "Object",
        Shape::Array(_) => "Array",
        Shape::OneOf(_) | Shape::AnyOf(_) | Shape::Any => "Value",
    }
}

/// String formats read as the runtime's `DateTime` (`datetime` is a
/// common misspelling of `date-time`).
fn is_date_format(format: &str) -> bool {
    matches!(format, "date" | "date-time" | "datetime")
}

fn integer(format: Option<&str>) -> TypeRef {
    match format {
        Some("int32") | Some("int16") | Some("int8") => TypeRef::I32,
        Some("uint64") | Some("uint32") | Some("uint") => TypeRef::U64,
        _ => TypeRef::I64,
    }
}

pub fn wrap_option(ty: TypeRef, nullable: bool) -> TypeRef {
    if nullable && !matches!(ty, TypeRef::Option(_) | TypeRef::Unit | TypeRef::Value) {
        TypeRef::Option(Box::new(ty))
    } else {
        ty
    }
}

fn enumeration(repr: EnumRepr, values: Vec<Value>) -> Enum {
    let mut names = Namespace::new();
    names.claim("Unknown");
    let mut seen = Vec::new();
    let mut variants = Vec::new();
    for value in values {
        if seen.contains(&value) {
            continue;
        }
        seen.push(value.clone());
        let raw = match &value {
            Value::String(s) => s.clone(),
            Value::Number(n) => {
                let s = n.to_string();
                match s.strip_prefix('-') {
                    Some(abs) => format!("Minus{abs}"),
                    None => format!("V{s}"),
                }
            }
            other => other.to_string(),
        };
        variants.push(EnumVariant { name: names.claim(&variant_name(&raw)), value });
    }
    Enum { repr, variants }
}

/// Docs of a schema, with the string format (dates, uuids) noted.
pub fn docs_of_schema(s: &Schema) -> Docs {
    let mut docs = docs_of(&s.schema_data);
    if let Shape::String(Some(format)) = classify(s) {
        docs.format = Some(format);
    }
    docs
}

pub fn docs_of(data: &SchemaData) -> Docs {
    Docs {
        title: data.title.clone(),
        description: data.description.clone(),
        example: data.example.clone(),
        default: data.default.clone(),
        format: None,
        deprecated: data.deprecated,
        read_only: data.read_only,
        write_only: data.write_only,
        derived: None,
    }
}
