//! `cargo xtask fetch`: download (or import) a published spec, accept it only
//! if it is a loadable OpenAPI 3.0/3.1 or Swagger 2.0 document, then write it under
//! `spec/<api>/` and record its hash and date in `source.json`.
//!
//! Nothing under `spec/` is touched until the new document has passed every
//! check, so a bad download can never replace a good spec.

mod date;
mod download;
mod summary;
mod validate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use generator::write::{write_if_changed, Written};
use serde_json::Value;

use crate::apis;
use crate::changes::{self, ApiReport};

use validate::Format;

#[derive(clap::Args, Debug)]
#[command(after_long_help = "\
Examples:
  cargo xtask fetch                       refresh every API under spec/ from its published URL
  cargo xtask fetch --api b2b-v1          refresh one API
  cargo xtask fetch --check               exit 1 if a published spec differs, write nothing
  cargo xtask fetch --api developers --from ./openapi.yaml
                                          import a local JSON or YAML file")]
pub struct FetchArgs {
    /// Which API under spec/ to refresh (a folder holding source.json); every one when omitted.
    #[arg(long, value_name = "NAME")]
    pub api: Option<String>,
    /// Download from this URL instead of the `url` recorded in spec/<api>/source.json.
    #[arg(long, value_name = "URL", conflicts_with = "from", requires = "api")]
    pub url: Option<String>,
    /// Import a local JSON or YAML file instead of downloading; it is validated the same way.
    #[arg(long, value_name = "PATH", requires = "api")]
    pub from: Option<PathBuf>,
    /// Write nothing; exit 1 when the new document differs from the committed one, 0 when identical.
    #[arg(long)]
    pub check: bool,
    /// Seconds allowed for each attempt, from connecting to the last byte of the body.
    #[arg(long, default_value_t = 30, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout_secs: u64,
    /// Further attempts after a connection error, a timeout or a 5xx answer (never after a 4xx).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub retries: u32,
    /// Milliseconds to wait before the first retry; the wait doubles on each further retry.
    #[arg(long, default_value_t = 500, value_name = "MS")]
    pub backoff_ms: u64,
}

/// Refreshes the named API, or every API in turn: one failing does not stop
/// the others, and the exit code is the worst of them (failed, differs, ok).
pub fn run(root: &Path, args: FetchArgs) -> Result<ExitCode> {
    let Some(name) = &args.api else {
        let all = apis::discover(root)?;
        let (mut failed, mut differs, mut reports) = (Vec::new(), false, Vec::new());
        for api in &all {
            match fetch_one(api, &args) {
                Ok((outcome, report)) => {
                    differs |= matches!(outcome, Outcome::Differs);
                    reports.extend(report);
                }
                Err(err) => {
                    eprintln!("error: {err:#}");
                    failed.push(api.name.as_str());
                }
            }
        }
        print!("{}", changes::release(&reports));
        if !failed.is_empty() {
            anyhow::bail!("{} of {} APIs failed: {}", failed.len(), all.len(), failed.join(", "));
        }
        return Ok(if differs { ExitCode::from(1) } else { ExitCode::SUCCESS });
    };
    let api = apis::find(root, name)?;
    let (outcome, report) = fetch_one(&api, &args)?;
    print!("{}", changes::release(&Vec::from_iter(report)));
    Ok(match outcome {
        Outcome::Differs => ExitCode::from(1),
        Outcome::Same => ExitCode::SUCCESS,
    })
}

/// What `fetch_one` found: `Differs` only with `--check`.
enum Outcome {
    Same,
    Differs,
}

/// Fetches one API; the API change report comes back when the spec differs.
fn fetch_one(api: &apis::ApiSpec, args: &FetchArgs) -> Result<(Outcome, Option<ApiReport>)> {
    let rel = api.relative_file();
    let committed = read_optional(&api.file)?;
    let format = Format::of_committed(&api.file, committed.as_deref());

    let (origin, body) = match &args.from {
        Some(path) => {
            let body = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            (format!("file {}", path.display()), body)
        }
        None => {
            let url = args.url.clone().unwrap_or_else(|| api.url.clone());
            let policy = download::Policy {
                timeout: Duration::from_secs(args.timeout_secs),
                retries: args.retries,
                backoff: Duration::from_millis(args.backoff_ms),
            };
            eprintln!("downloading {url}");
            let body = download::download(&url, &policy)
                .with_context(|| format!("could not download {url} (spec/ left unchanged)"))?;
            (url, body)
        }
    };

    let accepted = validate::accept(&body, format)
        .with_context(|| format!("rejected {origin} (spec/ left unchanged)"))?;
    let doc = &accepted.doc;
    let about = format!(
        "{} {}, {} paths, {} schemas, {} webhooks",
        if doc.version == generator::SpecVersion::Swagger2 { "Swagger" } else { "OpenAPI" },
        doc.declared_version,
        doc.api.paths.paths.len(),
        doc.api.components.as_ref().map_or(0, |c| c.schemas.len()),
        doc.webhooks.len()
    );
    if accepted.converted {
        eprintln!("converted the YAML document to JSON, as {rel} is JSON");
    }

    if committed.as_deref() == Some(accepted.bytes.as_slice()) {
        println!("{rel}: unchanged ({about})");
        return Ok((Outcome::Same, None));
    }
    let report = changes::between_specs(api, committed.as_deref(), &accepted.bytes);
    let changes = describe_changes(&report, committed.as_deref(), &accepted.value);

    if args.check {
        println!("{rel}: differs from {origin} ({about})");
        print!("{changes}");
        return Ok((Outcome::Differs, Some(report)));
    }

    // Prepare source.json before touching anything, so a broken source.json
    // fails the command with spec/ still untouched.
    let source_path = api.file.with_file_name("source.json");
    let source = updated_source(&source_path, &doc.sha256)?;
    let written = write_if_changed(&api.file, &accepted.bytes)?;
    write_if_changed(&source_path, source.as_bytes())?;
    let verb = if written == Written::Created { "created" } else { "updated" };
    println!("{rel}: {verb} from {origin} ({about}, sha256 {})", doc.sha256);
    print!("{changes}");
    Ok((Outcome::Same, Some(report)))
}

/// The committed file, or `None` when this is the first fetch.
fn read_optional(path: &Path) -> Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// The API change report against the committed document. When it finds
/// no change to the API, or cannot be computed, the document-level summary
/// says what differs instead.
fn describe_changes(report: &ApiReport, committed: Option<&[u8]>, new: &Value) -> String {
    let Some(bytes) = committed else {
        return "  no committed file: every operation and schema is new\n".to_owned();
    };
    let mut out = changes::render_one(report);
    if report.has_changes() {
        return out;
    }
    out.push_str("  the document differs in:\n");
    match generator::load::parse_value(bytes) {
        Ok(old) => out.push_str(&summary::compare(&old, new).render()),
        Err(e) => {
            out.push_str(&format!("  the committed file could not be read ({e}); it is replaced whole\n"))
        }
    }
    out
}

/// `source.json` with `sha256` and `downloaded` set, keeping every other
/// field, its key order and its trailing newline.
fn updated_source(path: &Path, sha256: &str) -> Result<String> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut value: Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let obj = value.as_object_mut().with_context(|| format!("{}: expected a JSON object", path.display()))?;
    obj.insert("downloaded".to_owned(), Value::String(date::today_utc()?));
    obj.insert("sha256".to_owned(), Value::String(sha256.to_owned()));
    let mut out = serde_json::to_string_pretty(&value).context("serialising source.json")?;
    if text.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}
