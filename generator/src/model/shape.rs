//! A uniform view of a schema. `openapiv3` splits schemas into typed kinds
//! and a catch-all `Any`, depending on which keywords appear together; the
//! model only cares about the shape.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty};
use serde_json::Value;

/// The properties of an object shape.
#[derive(Debug, Clone, Default)]
pub struct ObjectParts<'s> {
    pub properties: Vec<(&'s str, &'s ReferenceOr<Box<Schema>>)>,
    pub required: Vec<&'s str>,
    pub additional: Option<&'s AdditionalProperties>,
}

#[derive(Debug, Clone)]
pub enum Shape<'s> {
    Null,
    Bool,
    Integer(Option<String>),
    Number(Option<String>),
    String(Option<String>),
    /// `enum` of strings or integers (nulls removed; see [`nullable`]).
    StringEnum(Vec<String>),
    IntegerEnum(Vec<i64>),
    Object(ObjectParts<'s>),
    Array(Option<&'s ReferenceOr<Box<Schema>>>),
    OneOf(&'s [ReferenceOr<Schema>]),
    AnyOf(&'s [ReferenceOr<Schema>]),
    AllOf(&'s [ReferenceOr<Schema>], ObjectParts<'s>),
    Any,
}

fn format_of<T: std::fmt::Debug>(f: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match f {
        VariantOrUnknownOrEmpty::Item(item) => Some(format!("{item:?}").to_ascii_lowercase()),
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// Whether the schema admits `null`.
pub fn nullable(schema: &Schema) -> bool {
    if schema.schema_data.nullable || schema.schema_data.extensions.contains_key("x-null-type") {
        return true;
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Integer(s)) => s.enumeration.iter().any(Option::is_none),
        SchemaKind::Any(a) => {
            a.enumeration.iter().any(Value::is_null) || a.any_of.iter().chain(&a.one_of).any(is_null_item)
        }
        SchemaKind::AnyOf { any_of: v } | SchemaKind::OneOf { one_of: v } => v.iter().any(is_null_item),
        _ => false,
    }
}

fn is_null_item(s: &ReferenceOr<Schema>) -> bool {
    matches!(s, ReferenceOr::Item(s) if s.schema_data.extensions.contains_key("x-null-type"))
}

pub fn classify(schema: &Schema) -> Shape<'_> {
    if schema.schema_data.extensions.contains_key("x-null-type") {
        return Shape::Null;
    }
    match &schema.schema_kind {
        SchemaKind::Type(t) => match t {
            Type::Boolean(_) => Shape::Bool,
            Type::Integer(i) => {
                let values: Vec<i64> = i.enumeration.iter().flatten().copied().collect();
                if values.is_empty() {
                    Shape::Integer(format_of(&i.format))
                } else {
                    Shape::IntegerEnum(values)
                }
            }
            Type::Number(n) => Shape::Number(format_of(&n.format)),
            Type::String(s) => {
                let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                if values.is_empty() {
                    Shape::String(format_of(&s.format))
                } else {
                    Shape::StringEnum(values)
                }
            }
            Type::Object(o) => Shape::Object(ObjectParts {
                properties: o.properties.iter().map(|(k, v)| (k.as_str(), v)).collect(),
                required: o.required.iter().map(String::as_str).collect(),
                additional: o.additional_properties.as_ref(),
            }),
            Type::Array(a) => Shape::Array(a.items.as_ref()),
        },
        SchemaKind::OneOf { one_of } => Shape::OneOf(one_of),
        SchemaKind::AnyOf { any_of } => Shape::AnyOf(any_of),
        SchemaKind::AllOf { all_of } => Shape::AllOf(all_of, ObjectParts::default()),
        SchemaKind::Not { .. } => Shape::Any,
        SchemaKind::Any(a) => {
            let own = ObjectParts {
                properties: a.properties.iter().map(|(k, v)| (k.as_str(), v)).collect(),
                required: a.required.iter().map(String::as_str).collect(),
                additional: a.additional_properties.as_ref(),
            };
            let has_object = !own.properties.is_empty() || own.additional.is_some();
            if !a.all_of.is_empty() {
                return Shape::AllOf(&a.all_of, own);
            }
            if has_object {
                // Properties beside oneOf/anyOf: the properties are the shape,
                // the alternatives only constrain which are present.
                return Shape::Object(own);
            }
            if !a.one_of.is_empty() {
                return Shape::OneOf(&a.one_of);
            }
            if !a.any_of.is_empty() {
                return Shape::AnyOf(&a.any_of);
            }
            let values: Vec<&Value> = a.enumeration.iter().filter(|v| !v.is_null()).collect();
            match a.typ.as_deref() {
                Some("object") => return Shape::Object(own),
                Some("array") => return Shape::Array(a.items.as_ref()),
                Some("boolean") => return Shape::Bool,
                Some("integer") if values.is_empty() => return Shape::Integer(a.format.clone()),
                Some("number") => return Shape::Number(a.format.clone()),
                Some("string") if values.is_empty() => return Shape::String(a.format.clone()),
                _ => {}
            }
            if a.items.is_some() {
                return Shape::Array(a.items.as_ref());
            }
            if !values.is_empty() {
                if values.iter().all(|v| v.is_string()) {
                    return Shape::StringEnum(
                        values.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
                    );
                }
                if values.iter().all(|v| v.is_i64()) {
                    return Shape::IntegerEnum(values.iter().filter_map(|v| v.as_i64()).collect());
                }
                // Mixed-type enums: fall back to the type, if one is given.
                return match a.typ.as_deref() {
                    Some("string") => Shape::String(a.format.clone()),
                    Some("integer") => Shape::Integer(a.format.clone()),
                    _ => Shape::Any,
                };
            }
            Shape::Any
        }
    }
}
