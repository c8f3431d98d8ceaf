//! The generated type names stay short: a median of at most 20
//! characters and none over 40, across every API module, read from the
//! committed generated sources (`cargo xtask names` prints the same figures).

use generator::naming::stats::{type_names, NameStats};

const MEDIAN_LIMIT: usize = 20;
const MAX_LIMIT: usize = 40;

fn generated_names() -> Vec<String> {
    let modules = altegio_tests::generated_modules();
    assert_eq!(modules.len(), 4, "one folder per API: {modules:?}");
    let mut names = Vec::new();
    for file in modules.iter().flat_map(|(_, files)| files) {
        let text = std::fs::read_to_string(file).expect("readable");
        names.extend(type_names(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display())));
    }
    names
}

#[test]
fn type_names_are_short() {
    let names = generated_names();
    let stats = NameStats::of(&names).expect("types were generated");
    println!(
        "{} types: median {}, p90 {}, max {} (`{}`)",
        stats.count, stats.median, stats.p90, stats.max, stats.longest
    );
    assert!(stats.count > 500, "all four APIs were read: {}", stats.count);
    assert!(stats.median <= MEDIAN_LIMIT, "median name length {} > {MEDIAN_LIMIT}", stats.median);
    let long: Vec<&String> = names.iter().filter(|n| n.len() > MAX_LIMIT).collect();
    assert!(long.is_empty(), "names over {MAX_LIMIT} characters: {long:?}");
}

#[test]
fn no_generated_name_carries_spec_noise() {
    let noisy: Vec<String> = generated_names()
        .into_iter()
        .filter(|n| {
            ["DataTypes", "Companyid", "Staffid", "Response200", "Status403", "ItemItem"]
                .iter()
                .any(|w| n.contains(w))
        })
        .collect();
    assert!(noisy.is_empty(), "names with the spec's noise: {noisy:?}");
}

/// docs/names.md shows the figures of the committed sources: regenerating
/// without `cargo xtask names --write` leaves it stale.
#[test]
fn docs_names_table_is_current() {
    let root = altegio_tests::root();
    let table = xtask::names::table(&root).expect("the name table");
    let doc = std::fs::read_to_string(root.join("docs/names.md")).expect("docs/names.md");
    assert!(
        doc.contains(&table),
        "docs/names.md is stale: run `cargo xtask names --write`; the table is now:\n{table}"
    );
}
