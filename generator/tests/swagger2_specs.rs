//! The real Swagger 2.0 descriptions in `../shared/specs` (when present):
//! each loads, generates every operation, and every pointer the generator
//! reports (findings, operations, types, examples) names a node of the
//! file as written, not of its OpenAPI 3.0 conversion. Whether the
//! generated crates compile is `cargo xtask corpus`'s job.

use std::path::Path;

use generator::{load, model, PackageOptions, SpecVersion};

/// Each spec, the operations it documents and the methods they come out
/// as: one per operation, and one per further media type its body is
/// accepted in (Docker's `consumes` lists).
const SPECS: &[(&str, usize, usize)] = &[
    ("uber.json", 5, 5),
    ("docker-engine.yaml", 108, 119),
    ("gotify.json", 42, 42),
    ("alertmanager.yaml", 9, 9),
];

#[test]
fn swagger_2_specs_generate_with_original_pointers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs");
    if !dir.is_dir() {
        println!("skipped: ../shared/specs not found");
        return;
    }
    for (name, operations, methods) in SPECS {
        let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("reading {name}: {e}"));
        let original = load::parse_value(&bytes).unwrap();
        let doc = load::load(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.version, SpecVersion::Swagger2, "{name}");
        let api = model::build(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(api.operations.len(), *operations, "{name}: operations");

        let mut pointers: Vec<(&str, &str)> = Vec::new();
        pointers
            .extend(doc.diagnostics.iter().chain(&api.diagnostics).map(|d| ("finding", d.pointer.as_str())));
        pointers.extend(api.operations.iter().map(|o| ("operation", o.pointer.as_str())));
        pointers.extend(api.examples.iter().map(|e| ("example", e.pointer.as_str())));
        let unknown: Vec<String> = pointers
            .iter()
            .filter(|(_, p)| original.pointer(p).is_none())
            .map(|(kind, p)| format!("{kind} {p}"))
            .collect();
        assert!(unknown.is_empty(), "{name}: pointers to nothing in the original:\n{}", unknown.join("\n"));

        let pkg = generator::package(&bytes, &PackageOptions::new("swagger-spec", *name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(pkg.operations, *operations, "{name}");
        let client: String = pkg
            .files
            .iter()
            .filter(|f| f.path.starts_with("src/api/"))
            .map(|f| f.contents.as_str())
            .collect();
        assert_eq!(
            client.matches(") -> runtime::Call<").count(),
            *methods,
            "{name}: one method per operation and per further media type"
        );
    }
}
