//! The API change report around `fetch`, `check` and `regen`
//! (`generator::changes` computes it; this module picks what to compare).
//!
//! `check` and `regen` compare with the surface recorded beside the
//! generated code (`altegio-api/src/generated/<module>/surface.json`) when
//! it was last regenerated. That is exactly what the committed code offers
//! users, whatever moved since (the spec, its overrides or the generator),
//! it needs no git history (CI checks out one commit), and a second `regen`
//! finds nothing new to report. `fetch` compares the committed spec with
//! the downloaded one, both with the API's overrides applied as `regen`
//! applies them.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use generator::changes::{self, Level, Report, Surface};

use crate::apis::ApiSpec;
use crate::regen::{load_with_overrides, Plan, GENERATED_DIR};

/// The recorded surface's name in each API's generated folder.
pub const SURFACE_FILE: &str = "surface.json";

/// Where an API's surface is recorded, relative to the workspace root.
pub fn surface_path(api: &ApiSpec) -> PathBuf {
    Path::new(GENERATED_DIR).join(&api.module).join(SURFACE_FILE)
}

/// The report of one API, or why there is none.
pub struct ApiReport {
    pub api: ApiSpec,
    pub report: Result<Report, String>,
}

impl ApiReport {
    pub fn has_changes(&self) -> bool {
        self.report.as_ref().is_ok_and(|r| !r.changes.is_empty())
    }

    pub fn level(&self) -> Option<Level> {
        self.report.as_ref().ok().and_then(Report::level)
    }
}

/// Each API's surface as planned against the one recorded on disk.
pub fn against_recorded(root: &Path, plan: &Plan) -> Result<Vec<ApiReport>> {
    let mut out = Vec::new();
    for (api, surface) in &plan.apis {
        let rel = surface_path(api);
        let report = match std::fs::read_to_string(root.join(&rel)) {
            Ok(text) => match Surface::from_json(&text) {
                Ok(old) => Ok(Report { module: api.module.clone(), changes: changes::diff(&old, surface) }),
                Err(e) => Err(format!("{}: {e}; nothing to compare with", rel.display())),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(format!("no recorded surface ({}) to compare with", rel.display()))
            }
            Err(e) => return Err(e).with_context(|| format!("reading {}", rel.display())),
        };
        out.push(ApiReport { api: api.clone(), report });
    }
    Ok(out)
}

/// The report of a spec update: the committed bytes (if any) against the
/// new ones, both with the API's overrides. When the overrides no longer
/// apply to the new spec, both sides are compared without them, and the
/// note says so.
pub fn between_specs(api: &ApiSpec, committed: Option<&[u8]>, new: &[u8]) -> ApiReport {
    let model = |bytes: &[u8], overrides: bool| -> Result<generator::Api> {
        let doc = if overrides {
            load_with_overrides(api, bytes)?
        } else {
            generator::load(bytes).with_context(|| format!("loading {}", api.relative_file()))?
        };
        generator::build_model_with(&doc, &crate::regen::profile(api)?)
            .with_context(|| format!("modelling {}", api.relative_file()))
    };
    let report = (|| -> Result<Report> {
        let Some(committed) = committed else {
            anyhow::bail!("no committed spec to compare with");
        };
        let (old, new) = match model(new, true) {
            Ok(new) => (model(committed, true)?, new),
            Err(e) => {
                eprintln!("note: {e:#}; the API change report compares both specs without overrides");
                (model(committed, false)?, model(new, false)?)
            }
        };
        Ok(changes::compare(&api.module, &old, &new))
    })();
    ApiReport { api: api.clone(), report: report.map_err(|e| format!("{e:#}")) }
}

/// One API's report, or why there is none.
pub fn render_one(r: &ApiReport) -> String {
    match &r.report {
        Ok(report) => report.render(),
        Err(why) => format!("API changes in {}: unknown, {why}\n", r.api.module),
    }
}

/// The reports of several APIs, ending with the release level they imply.
pub fn render(reports: &[ApiReport]) -> String {
    let mut out: String = reports.iter().map(render_one).collect();
    out.push_str(&release(reports));
    out
}

/// The release level line of several reports, noting APIs without one.
pub fn release(reports: &[ApiReport]) -> String {
    let mut out = String::new();
    let unknown = reports.iter().filter(|r| r.report.is_err()).count();
    if unknown > 0 {
        out.push_str(&format!("{unknown} API(s) without a report are not counted in the release level\n"));
    }
    out.push_str(&changes::release_line(reports.iter().filter_map(ApiReport::level).max()));
    out
}
