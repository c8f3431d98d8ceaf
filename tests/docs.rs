//! Every public item of the generated API modules has a doc comment,
//! read from the committed generated sources; prints the figures per
//! module. (`#![warn(missing_docs)]` says the same for the features a
//! build enables; this reads every file whatever the features.)

use generator::emit::coverage::doc_coverage;

#[test]
fn every_public_generated_item_is_documented() {
    let modules = altegio_tests::generated_modules();
    assert_eq!(modules.len(), 4, "one folder per API: {modules:?}");
    let (mut items, mut missing) = (0, Vec::new());
    for (module, files) in modules {
        let (mut module_items, before) = (0, missing.len());
        for file in files {
            let text = std::fs::read_to_string(&file).expect("readable");
            let c = doc_coverage(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            // `examples.rs` is a private test module.
            if !c.module_doc && name != "examples.rs" {
                missing.push(format!("{}: module doc", file.display()));
            }
            module_items += c.items;
            missing.extend(c.undocumented.iter().map(|i| format!("{}: {i}", file.display())));
        }
        println!(
            "{}: {module_items} public items, {} without docs",
            module.file_name().and_then(|n| n.to_str()).unwrap_or_default(),
            missing.len() - before
        );
        items += module_items;
    }
    println!("all: {items} public items, {} without docs", missing.len());
    assert!(items > 5000, "every module was read: {items}");
    assert!(missing.is_empty(), "{} undocumented:\n{}", missing.len(), missing.join("\n"));
}
