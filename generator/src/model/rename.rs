//! Inline shapes shared by several places are named after the first place
//! that used them (`SalonEventStatus` used by `RecordEvent` too). Once all
//! uses are known, such a type takes the name its users have in common
//! (`EventStatus`), when that is at least two words and still free.

use std::collections::BTreeMap;

use super::ir::*;

/// Words of an `UpperCamelCase` name.
fn words(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            out.push(&name[start..i]);
            start = i;
        }
    }
    out.push(&name[start..]);
    out
}

/// New names for types whose users (`hints`) differ, keyed by old name.
pub fn shared_names(
    uses: &BTreeMap<String, Vec<String>>,
    taken: impl Fn(&str) -> bool,
) -> BTreeMap<String, String> {
    let mut renames = BTreeMap::new();
    for (name, hints) in uses {
        if hints.iter().all(|h| h == &hints[0]) {
            continue;
        }
        let split: Vec<Vec<&str>> = hints.iter().map(|h| words(h)).collect();
        let shortest = split.iter().map(Vec::len).min().unwrap_or(0);
        let mut common = 0;
        while common < shortest {
            let w = split[0][split[0].len() - 1 - common];
            if split.iter().all(|s| s[s.len() - 1 - common] == w) {
                common += 1;
            } else {
                break;
            }
        }
        if common < 2 {
            continue;
        }
        let first = &split[0];
        let candidate: String = first[first.len() - common..].concat();
        if candidate != *name && !taken(&candidate) && !renames.values().any(|v| v == &candidate) {
            renames.insert(name.clone(), candidate);
        }
    }
    renames
}

fn fix(t: &mut TypeRef, renames: &BTreeMap<String, String>) {
    match t {
        TypeRef::Named(n) => {
            if let Some(new) = renames.get(n.as_str()) {
                *n = new.clone();
            }
        }
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => fix(inner, renames),
        _ => {}
    }
}

/// Applies renames to every type name and reference.
pub fn apply(
    defs: &mut [TypeDef],
    ops: &mut [Operation],
    webhooks: &mut [Webhook],
    examples: &mut [Example],
    renames: &BTreeMap<String, String>,
) {
    if renames.is_empty() {
        return;
    }
    for def in defs.iter_mut() {
        if let Some(new) = renames.get(&def.name) {
            def.name = new.clone();
        }
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    fix(&mut f.ty, renames);
                }
                if let Some(extra) = &mut s.extra {
                    fix(extra, renames);
                }
            }
            TypeKind::Union(u) => {
                for v in &mut u.variants {
                    fix(&mut v.ty, renames);
                }
            }
            TypeKind::Alias(t) => fix(t, renames),
            TypeKind::Enum(_) => {}
        }
    }
    for op in ops.iter_mut() {
        for p in &mut op.params {
            fix(&mut p.ty, renames);
        }
        if let Some(b) = &mut op.body {
            fix(&mut b.ty, renames);
        }
        for r in &mut op.responses {
            if let Some(b) = &mut r.body {
                fix(&mut b.ty, renames);
            }
        }
    }
    for w in webhooks.iter_mut() {
        fix(&mut w.ty, renames);
    }
    for e in examples.iter_mut() {
        fix(&mut e.ty, renames);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_suffix_of_two_words_or_more() {
        let mut uses = BTreeMap::new();
        uses.insert(
            "SalonEventStatus".to_owned(),
            vec!["SalonEventStatus".to_owned(), "RecordEventStatus".to_owned()],
        );
        uses.insert("AItem".to_owned(), vec!["AItem".to_owned(), "BItem".to_owned()]);
        let renames = shared_names(&uses, |_| false);
        assert_eq!(renames.get("SalonEventStatus").map(String::as_str), Some("EventStatus"));
        assert!(!renames.contains_key("AItem"), "one common word is too generic");
        assert!(shared_names(&uses, |n| n == "EventStatus").is_empty());
    }
}
