//! `cargo xtask check`: regenerate in memory and compare with what is
//! committed; any difference is drift.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use similar::TextDiff;

use crate::regen::{plan, stale_files};

pub fn run(root: &Path) -> Result<ExitCode> {
    let plan = plan(root)?;
    let mut drift = 0;
    for (rel, expected) in &plan.files {
        let path = root.join(rel);
        let actual = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                println!("missing: {}", rel.display());
                drift += 1;
                continue;
            }
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        if &actual != expected {
            let name = rel.display().to_string();
            let diff = TextDiff::from_lines(actual.as_str(), expected.as_str());
            print!(
                "{}",
                diff.unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{name} (committed)"), &format!("b/{name} (generated)"))
            );
            drift += 1;
        }
    }
    for rel in stale_files(root, &plan)? {
        println!("stale: {} is no longer generated", rel.display());
        drift += 1;
    }
    if drift > 0 {
        println!("{drift} generated file(s) differ from the specs: run `cargo xtask regen`");
        return Ok(ExitCode::from(1));
    }
    println!("check: {} generated files match the specs", plan.files.len());
    Ok(ExitCode::SUCCESS)
}
