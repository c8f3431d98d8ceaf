//! `cargo xtask check`: regenerate in memory and compare with what is
//! committed; any difference is drift. The API change report (against the
//! surface recorded at the last `regen`) comes first, then the code diff.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use similar::TextDiff;

use crate::changes::{self, SURFACE_FILE};
use crate::regen::{plan, stale_files};

pub fn run(root: &Path) -> Result<ExitCode> {
    let plan = plan(root)?;
    let reports = changes::against_recorded(root, &plan)?;
    let mut drift = 0;
    let mut diffs = String::new();
    for (rel, expected) in &plan.files {
        let path = root.join(rel);
        let actual = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                diffs.push_str(&format!("missing: {}\n", rel.display()));
                drift += 1;
                continue;
            }
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        if &actual != expected {
            let name = rel.display().to_string();
            drift += 1;
            if rel.file_name().is_some_and(|n| n == SURFACE_FILE) {
                // The report above says what changed in it.
                diffs.push_str(&format!("differs: {name} (the API surface; see the report above)\n"));
                continue;
            }
            let diff = TextDiff::from_lines(actual.as_str(), expected.as_str());
            diffs.push_str(
                &diff
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{name} (committed)"), &format!("b/{name} (generated)"))
                    .to_string(),
            );
        }
    }
    let stale = stale_files(root, &plan)?;
    for rel in &stale.generated {
        diffs.push_str(&format!("stale: {} is no longer generated\n", rel.display()));
        drift += 1;
    }
    if drift > 0 {
        println!("{}", changes::render(&reports));
        print!("{diffs}");
        println!("{drift} generated file(s) differ from the specs: run `cargo xtask regen`");
    }
    // `regen` never deletes a file without the marker: a person must.
    for rel in &stale.other {
        println!(
            "foreign: {} is in a generated folder but not generated (no `{}` marker); move or delete it",
            rel.display(),
            generator::write::MARKER
        );
    }
    if drift > 0 || !stale.other.is_empty() {
        return Ok(ExitCode::from(1));
    }
    println!("check: {} generated files match the specs", plan.files.len());
    Ok(ExitCode::SUCCESS)
}
