//! `cargo xtask regen`: every spec under spec/ -> altegio-api's generated
//! sources. [`plan`] is shared with `check`, so both see the same files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::{apis, changelog, changes};

/// Folder of the generated sources, relative to the workspace root.
pub const GENERATED_DIR: &str = "altegio-api/src/generated";
/// Folder of the generated mock-server tests (in the `tests` package).
pub const GENERATED_TESTS_DIR: &str = "tests/generated";

/// altegio-api's `DEFAULT_BASE_URL`: calls of an API served elsewhere (such
/// as Business Management v2 under `/api/v2`) name their server.
const CLIENT_BASE_URL: &str = "https://api.alteg.io/api/v1";

/// Name of the reviewed corrections file beside a spec.
pub const OVERRIDES_FILE: &str = "overrides.json";

/// Name of the API's policy file beside a spec.
pub const PROFILE_FILE: &str = "profile.json";

/// Name of the reviewed type names file beside a spec.
pub const NAMES_FILE: &str = "names.json";

/// The API's `profile.json` (or the default profile when it has none),
/// with the reviewed type names of its `names.json`.
pub fn profile(api: &apis::ApiSpec) -> Result<generator::Profile> {
    let path = api.file.with_file_name(PROFILE_FILE);
    let mut profile = if path.is_file() {
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        generator::Profile::from_json(&text).with_context(|| format!("spec/{}/{PROFILE_FILE}", api.name))?
    } else {
        generator::Profile::default()
    };
    let names = api.file.with_file_name(NAMES_FILE);
    if names.is_file() {
        let text = std::fs::read_to_string(&names).with_context(|| format!("reading {}", names.display()))?;
        profile.names = generator::naming::file::parse(&text)
            .with_context(|| format!("spec/{}/{NAMES_FILE}", api.name))?;
    }
    Ok(profile)
}

/// The spec as published, with its reviewed `overrides.json` (if any)
/// applied to the parsed document; the hash stays that of the file.
pub fn load_with_overrides(api: &apis::ApiSpec, bytes: &[u8]) -> Result<generator::Document> {
    let rel = api.relative_file();
    let mut value = generator::load::parse_value(bytes).with_context(|| format!("reading {rel}"))?;
    let path = api.file.with_file_name(OVERRIDES_FILE);
    if path.is_file() {
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        generator::overrides::apply_file(&mut value, &text)
            .with_context(|| format!("spec/{}/{OVERRIDES_FILE}", api.name))?;
    }
    generator::load::load_value(value, bytes).with_context(|| format!("loading {rel}"))
}

/// Everything generation produces, keyed by path relative to the root.
pub struct Plan {
    pub files: BTreeMap<PathBuf, String>,
    /// Each API with the surface its generated module now has.
    pub apis: Vec<(apis::ApiSpec, generator::changes::Surface)>,
    pub types: usize,
    pub operations: usize,
    pub webhooks: usize,
    pub warnings: Vec<String>,
}

/// Generates every API in memory.
pub fn plan(root: &Path) -> Result<Plan> {
    let mut plan = Plan {
        files: BTreeMap::new(),
        apis: Vec::new(),
        types: 0,
        operations: 0,
        webhooks: 0,
        warnings: Vec::new(),
    };
    let mut modules = Vec::new();
    for api in apis::discover(root)? {
        let bytes = std::fs::read(&api.file).with_context(|| format!("reading {}", api.file.display()))?;
        let doc = load_with_overrides(&api, &bytes)?;
        let options = generator::Options {
            spec_path: api.relative_file(),
            module: api.module.clone(),
            crate_name: "altegio_api".into(),
            example_findings: Some(format!("/../spec/{}/example-findings.json", api.name)),
            base_server: Some(CLIENT_BASE_URL.to_owned()),
            profile: profile(&api)?,
        };
        let model = generator::build_model_with(&doc, &options.profile)
            .with_context(|| format!("modelling {}", api.relative_file()))?;
        let out = generator::generate_model(&doc, &model, &options)
            .with_context(|| format!("generating from {}", api.relative_file()))?;
        let surface = generator::changes::Surface::of(&model);
        plan.files.insert(changes::surface_path(&api), surface.to_json());
        plan.types += out.types;
        plan.operations += out.operations;
        plan.webhooks += out.webhooks;
        plan.warnings.extend(
            out.diagnostics
                .iter()
                .filter(|d| d.severity == generator::Severity::Warning)
                .map(|d| format!("{}: {d}", api.relative_file())),
        );
        for file in out.files {
            plan.files.insert(Path::new(GENERATED_DIR).join(&api.module).join(&file.path), file.contents);
        }
        plan.files.insert(
            Path::new(GENERATED_TESTS_DIR).join(&out.operation_tests.path),
            out.operation_tests.contents,
        );
        modules.push((api.module.clone(), api.title.clone()));
        plan.apis.push((api, surface));
    }
    plan.files.insert(Path::new(GENERATED_DIR).join("mod.rs"), generator::emit::root_module(&modules));
    plan.files
        .insert(Path::new(GENERATED_TESTS_DIR).join("mod.rs"), generator::emit::tests_root_module(&modules));
    Ok(plan)
}

/// The folders generation owns: their stale generated files are deleted.
pub const OWNED_DIRS: [&str; 2] = [GENERATED_DIR, GENERATED_TESTS_DIR];

/// Files under the generated folders that generation did not plan.
pub fn stale_files(root: &Path, plan: &Plan) -> Result<generator::write::Stale> {
    let owned = OWNED_DIRS.map(Path::new);
    let planned = plan.files.keys().map(PathBuf::as_path).collect();
    Ok(generator::write::stale_files(root, &owned, &planned)?)
}

pub fn run(root: &Path) -> Result<ExitCode> {
    let started = Instant::now();
    let plan = plan(root)?;
    // The surfaces as last regenerated, read before they are overwritten.
    let reports = changes::against_recorded(root, &plan)?;
    let changed: Vec<&changes::ApiReport> = reports.iter().filter(|r| r.has_changes()).collect();
    let changelog = if changed.is_empty() { None } else { Some(changelog::prepare(root, &changed)?) };
    let files = plan.files.iter().map(|(rel, text)| (rel.as_path(), text.as_bytes()));
    let summary = generator::write::write_tree(root, files, &OWNED_DIRS.map(Path::new))?;
    let mut written: Vec<&PathBuf> = summary.created.iter().chain(&summary.updated).collect();
    written.sort();
    for rel in &written {
        println!("wrote {}", rel.display());
    }
    for rel in &summary.deleted {
        println!("deleted {}", rel.display());
    }
    for rel in &summary.kept {
        eprintln!(
            "{}: not generated (no `{}` marker), left alone; move or delete it",
            rel.display(),
            generator::write::MARKER
        );
    }
    for w in &plan.warnings {
        eprintln!("{w}");
    }
    for r in &reports {
        if let Err(why) = &r.report {
            println!("{}: {why}; recorded its API surface for the next report", r.api.module);
        }
    }
    if let Some(text) = changelog {
        print!("{}", changes::render(&reports));
        if changelog::write(root, &text)? {
            println!("wrote {}", changelog::FILE);
        }
    }
    println!(
        "regen: {} types, {} operations, {} webhooks; {} files written, {} deleted, {} unchanged; {} ms",
        plan.types,
        plan.operations,
        plan.webhooks,
        summary.written(),
        summary.deleted.len(),
        summary.unchanged,
        started.elapsed().as_millis()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn client_base_url_is_altegio_apis_default() {
        let lib = include_str!("../../altegio-api/src/lib.rs");
        let expected = format!("pub const DEFAULT_BASE_URL: &str = \"{}\";", super::CLIENT_BASE_URL);
        assert!(lib.contains(&expected), "altegio-api's DEFAULT_BASE_URL changed: update CLIENT_BASE_URL");
    }
}
