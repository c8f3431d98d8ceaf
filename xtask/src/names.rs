//! `cargo xtask names`: the length distribution of the generated type
//! names, per API and overall, read from the committed generated sources;
//! `--write` puts it in docs/names.md, `--pointers` lists every type with
//! the spec pointer it comes from (what `spec/<api>/names.json` names).

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use generator::naming::stats::{type_names, NameStats};

use crate::apis;
use crate::regen::{load_with_overrides, profile, GENERATED_DIR};

/// Where `--write` puts the table.
pub const DOC: &str = "docs/names.md";

#[derive(clap::Args)]
pub struct NamesArgs {
    /// Write the table to docs/names.md.
    #[arg(long)]
    write: bool,
    /// List every generated type with its length and spec pointer instead.
    #[arg(long)]
    pointers: bool,
}

/// Type names of one API module's generated sources.
pub fn module_names(root: &Path, module: &str) -> Result<Vec<String>> {
    let dir = root.join(GENERATED_DIR).join(module);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut names = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
        names.extend(type_names(&text).with_context(|| format!("parsing {}", f.display()))?);
    }
    Ok(names)
}

/// The markdown table: one row per API, then all of them.
pub fn table(root: &Path) -> Result<String> {
    let mut out = String::from(
        "| API | types | median | p90 | max | longest |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    let mut all = Vec::new();
    let mut row = |label: &str, names: &[String]| {
        if let Some(s) = NameStats::of(names) {
            let _ = writeln!(
                out,
                "| {label} | {} | {} | {} | {} | `{}` |",
                s.count, s.median, s.p90, s.max, s.longest
            );
        }
    };
    for api in apis::discover(root)? {
        let names = module_names(root, &api.module)?;
        row(&api.module, &names);
        all.extend(names);
    }
    row("all", &all);
    Ok(out)
}

pub fn run(root: &Path, args: NamesArgs) -> Result<ExitCode> {
    if args.pointers {
        for api in apis::discover(root)? {
            let bytes =
                std::fs::read(&api.file).with_context(|| format!("reading {}", api.file.display()))?;
            let doc = load_with_overrides(&api, &bytes)?;
            let model = generator::build_model_with(&doc, &profile(&api)?)?;
            for t in &model.types {
                println!("{}\t{}\t{}\t{}", api.module, t.name.len(), t.name, t.pointer);
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let table = table(root)?;
    print!("{table}");
    if args.write {
        let text = format!(
            "# Type names\n\nLengths in characters of the type names in `altegio-api/src/generated/` \
             (public structs, enums and aliases), written by `cargo xtask names --write` from the \
             committed sources. `tests/names.rs` fails when the median exceeds 20 or any name 40.\n\n{table}"
        );
        std::fs::write(root.join(DOC), text).with_context(|| format!("writing {DOC}"))?;
        println!("wrote {DOC}");
    }
    Ok(ExitCode::SUCCESS)
}
