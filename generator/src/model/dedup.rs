//! Types of the same shape are one type: the same fields (names, wire
//! names, types, optionality), the same enum values or union variants.
//! Schemas differ in their descriptions and examples far more often than in
//! what they hold (`get_appointment`'s record and `get_appointment_list`'s
//! item); docs and examples are not part of the shape, so the first of
//! equals keeps its own and the others' references move to it.

use std::collections::BTreeMap;

use super::ir::*;

/// The shape of a definition, without its docs, as comparable text.
fn shape_key(kind: &TypeKind) -> String {
    let mut kind = kind.clone();
    if let TypeKind::Struct(s) = &mut kind {
        for f in &mut s.fields {
            f.docs = Docs::default();
        }
    }
    format!("{kind:?}")
}

/// Old name -> the name of the first definition of the same shape, merged
/// until nothing changes (merged members make their parents equal too).
/// The merged definitions are removed.
pub fn merge_equal(defs: &mut Vec<TypeDef>) -> BTreeMap<String, String> {
    let mut all = BTreeMap::new();
    loop {
        let mut first: BTreeMap<String, String> = BTreeMap::new();
        let mut renames = BTreeMap::new();
        for def in defs.iter() {
            let key = shape_key(&def.kind);
            match first.get(&key) {
                Some(keeper) => {
                    renames.insert(def.name.clone(), keeper.clone());
                }
                None => {
                    first.insert(key, def.name.clone());
                }
            }
        }
        if renames.is_empty() {
            return all;
        }
        defs.retain(|d| !renames.contains_key(&d.name));
        super::rename::apply(defs, &mut [], &mut [], &mut [], &renames);
        for target in all.values_mut() {
            if let Some(t) = renames.get(target) {
                *target = t.clone();
            }
        }
        all.extend(renames);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(name: &str, field_ty: TypeRef, doc: &str) -> TypeDef {
        TypeDef {
            name: name.into(),
            docs: Docs { description: Some(doc.into()), ..Docs::default() },
            kind: TypeKind::Struct(Struct {
                fields: vec![Field {
                    name: "a".into(),
                    wire_name: "a".into(),
                    ty: field_ty,
                    required: false,
                    nullable: false,
                    boxed: false,
                    sensitive: false,
                    docs: Docs { description: Some(doc.into()), ..Docs::default() },
                }],
                extra: None,
            }),
            pointer: format!("/{name}"),
            in_request: false,
            envelope: None,
        }
    }

    #[test]
    fn equal_shapes_merge_through_their_parents() {
        let mut defs = vec![
            def("A", TypeRef::String, "one"),
            def("B", TypeRef::String, "two"),
            def("PA", TypeRef::Named("A".into()), "p"),
            def("PB", TypeRef::Named("B".into()), "q"),
            def("C", TypeRef::I64, "three"),
        ];
        let renames = merge_equal(&mut defs);
        assert_eq!(renames.get("B").map(String::as_str), Some("A"));
        assert_eq!(renames.get("PB").map(String::as_str), Some("PA"));
        let names: Vec<&str> = defs.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["A", "PA", "C"]);
    }
}
