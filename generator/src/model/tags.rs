//! Operations grouped by the spec's tags, for the module's docs: the
//! declared tags in the spec's order, then tags only operations name, in
//! order of first use, then the operations without a tag. An operation
//! with several tags is in each of their groups.

use super::ir::{Operation, TagGroup};

pub fn groups(declared: &[openapiv3::Tag], ops: &[Operation]) -> Vec<TagGroup> {
    let mut groups: Vec<TagGroup> = declared
        .iter()
        .map(|t| TagGroup {
            name: t.name.clone(),
            description: t.description.clone().filter(|d| !d.trim().is_empty()),
            operations: Vec::new(),
        })
        .collect();
    let mut untagged = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        // An empty name would read as the untagged group's.
        let tags: Vec<&String> = op.tags.iter().filter(|t| !t.trim().is_empty()).collect();
        if tags.is_empty() {
            untagged.push(i);
        }
        for tag in tags {
            let at = match groups.iter().position(|g| &g.name == tag) {
                Some(at) => at,
                None => {
                    groups.push(TagGroup { name: tag.clone(), description: None, operations: Vec::new() });
                    groups.len() - 1
                }
            };
            if !groups[at].operations.contains(&i) {
                groups[at].operations.push(i);
            }
        }
    }
    groups.retain(|g| !g.operations.is_empty());
    if !untagged.is_empty() {
        groups.push(TagGroup { name: String::new(), description: None, operations: untagged });
    }
    groups
}
