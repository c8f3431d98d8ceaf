//! `CHANGELOG.md`: `regen` merges each API change report into the
//! "Unreleased" section, grouped by API and release level. The section is
//! the tool's: it is parsed back, merged and rewritten whole; the rest of
//! the file (the released versions) is left as it is.

use std::path::Path;

use anyhow::{bail, Context, Result};
use generator::changes::Level;

use crate::changes::ApiReport;
use generator::write::{write_if_changed, Written};

/// The changelog, relative to the workspace root.
pub const FILE: &str = "CHANGELOG.md";

const UNRELEASED: &str = "## Unreleased";

const HEADER: &str = "# Changelog

Changes to the API of `altegio-api`, one section per release. The
\"Unreleased\" section is written by `cargo xtask regen` from the API change
report (`cargo xtask check` shows the same report before regenerating);
the level of each change follows Rust's semver rules for users of the crate.

";

/// The entries of one API in the Unreleased section.
#[derive(Debug, Clone, PartialEq)]
struct Group {
    /// `### <module> (<title>)`
    heading: String,
    /// Lines per level, most severe first.
    levels: Vec<(Level, Vec<String>)>,
}

impl Group {
    fn new(heading: String) -> Self {
        Group { heading, levels: Level::ALL.iter().map(|l| (*l, Vec::new())).collect() }
    }

    fn entries(&mut self, level: Level) -> &mut Vec<String> {
        let i = Level::ALL.iter().position(|l| *l == level).expect("every level is listed");
        &mut self.levels[i].1
    }
}

/// The changelog with the reports merged into its Unreleased section,
/// ready for [`write`]; prepared before anything is written, so that a
/// section `regen` cannot read stops it with the recorded surfaces intact.
pub fn prepare(root: &Path, reports: &[&ApiReport]) -> Result<String> {
    let text = match std::fs::read_to_string(root.join(FILE)) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => HEADER.to_owned(),
        Err(e) => return Err(e).with_context(|| format!("reading {FILE}")),
    };
    merge(&text, reports)
}

/// Writes what [`prepare`] made; returns whether the file changed.
pub fn write(root: &Path, text: &str) -> Result<bool> {
    Ok(write_if_changed(&root.join(FILE), text.as_bytes())? != Written::Unchanged)
}

fn merge(text: &str, reports: &[&ApiReport]) -> Result<String> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.trim_end() == UNRELEASED);
    // The section runs to the next release heading.
    let (before, section, after) = match start {
        Some(s) => {
            let end =
                lines[s + 1..].iter().position(|l| l.starts_with("## ")).map_or(lines.len(), |e| s + 1 + e);
            (&lines[..s], &lines[s + 1..end], &lines[end..])
        }
        None => {
            // New section above the first release, below the file's intro.
            let first = lines.iter().position(|l| l.starts_with("## ")).unwrap_or(lines.len());
            (&lines[..first], &[][..], &lines[first..])
        }
    };
    let mut groups = parse(section, start.map_or(0, |s| s + 2))?;
    for r in reports {
        let Ok(report) = &r.report else { continue };
        let heading = format!("{} ({})", r.api.module, r.api.title);
        let i = match groups.iter().position(|g| g.heading == heading) {
            Some(i) => i,
            None => {
                groups.push(Group::new(heading));
                groups.len() - 1
            }
        };
        for change in &report.changes {
            let line = format!("`{}::{}`: {}", report.module, change.item, change.what);
            let entries = groups[i].entries(change.level);
            if !entries.contains(&line) {
                entries.push(line);
            }
        }
    }
    let mut out = before.join("\n");
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
    }
    out.push_str(&render(&groups));
    if !after.is_empty() {
        out.push('\n');
        out.push_str(&after.join("\n"));
        out.push('\n');
    }
    Ok(out)
}

/// Reads back what [`render`] wrote; `first_line` numbers errors.
fn parse(section: &[&str], first_line: usize) -> Result<Vec<Group>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut level: Option<Level> = None;
    for (i, raw) in section.iter().enumerate() {
        let line = raw.trim_end();
        if line.is_empty() || line.starts_with("Release level: ") {
            continue;
        }
        if let Some(h) = line.strip_prefix("### ") {
            groups.push(Group::new(h.to_owned()));
            level = None;
        } else if let Some(h) = line.strip_prefix("#### ") {
            let name = h.split_whitespace().next().unwrap_or_default().to_ascii_lowercase();
            level = Level::ALL.into_iter().find(|l| l.name() == name);
            if level.is_none() || groups.is_empty() {
                bail!(
                    "{FILE} line {}: unexpected heading {line:?} in the Unreleased section",
                    first_line + i
                );
            }
        } else if let (Some(entry), Some(l), Some(g)) = (line.strip_prefix("- "), level, groups.last_mut()) {
            g.entries(l).push(entry.to_owned());
        } else {
            bail!(
                "{FILE} line {}: {line:?} does not belong in the Unreleased section, which `cargo xtask regen` \
                 writes; move notes of your own above it or into a released section",
                first_line + i
            );
        }
    }
    Ok(groups)
}

fn render(groups: &[Group]) -> String {
    let level =
        groups.iter().flat_map(|g| g.levels.iter().filter(|(_, e)| !e.is_empty()).map(|(l, _)| *l)).max();
    let mut out = format!("{UNRELEASED}\n\n");
    if let Some(l) = level {
        out.push_str(&format!("Release level: {}\n\n", l.heading()));
    }
    for g in groups {
        out.push_str(&format!("### {}\n\n", g.heading));
        for (l, entries) in g.levels.iter().filter(|(_, e)| !e.is_empty()) {
            let mut heading = l.heading();
            heading[..1].make_ascii_uppercase();
            out.push_str(&format!("#### {heading}\n\n"));
            for e in entries {
                out.push_str(&format!("- {e}\n"));
            }
            out.push('\n');
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use generator::changes::{Change, Report};

    fn report(module: &str, changes: &[(Level, &str, &str)]) -> ApiReport {
        ApiReport {
            api: crate::apis::ApiSpec {
                name: module.into(),
                module: module.into(),
                file: "openapi.json".into(),
                url: String::new(),
                title: format!("{module} API"),
            },
            report: Ok(Report {
                module: module.into(),
                changes: changes
                    .iter()
                    .map(|(level, item, what)| Change {
                        level: *level,
                        item: (*item).into(),
                        what: (*what).into(),
                    })
                    .collect(),
            }),
        }
    }

    #[test]
    fn a_new_file_gets_a_section_grouped_by_api_and_level() {
        let a = report("pets", &[(Level::Minor, "Pet::age", "added"), (Level::Major, "Api::x", "removed")]);
        let text = merge(HEADER, &[&a]).unwrap();
        assert_eq!(
            text,
            format!(
                "{HEADER}## Unreleased

Release level: major (breaking)

### pets (pets API)

#### Major (breaking)

- `pets::Api::x`: removed

#### Minor (additive)

- `pets::Pet::age`: added
"
            )
        );
        // Merging the same report again changes nothing.
        assert_eq!(merge(&text, &[&a]).unwrap(), text);
    }

    #[test]
    fn later_reports_merge_into_the_section_and_releases_stay() {
        let released = format!("{HEADER}## 0.1.0\n\n- first release\n");
        let a = report("pets", &[(Level::Patch, "Pet", "documentation changed")]);
        let once = merge(&released, &[&a]).unwrap();
        assert!(
            once.ends_with("- `pets::Pet`: documentation changed\n\n## 0.1.0\n\n- first release\n"),
            "{once}"
        );
        let b = report("pets", &[(Level::Minor, "Pet::age", "added")]);
        let c = report("toys", &[(Level::Patch, "Toy", "documentation changed")]);
        let twice = merge(&once, &[&b, &c]).unwrap();
        let section = twice.split("## 0.1.0").next().unwrap();
        assert!(section.contains("Release level: minor (additive)"), "{twice}");
        let order: Vec<&str> = section.lines().filter(|l| l.starts_with('#')).collect();
        assert_eq!(
            order,
            [
                "# Changelog",
                "## Unreleased",
                "### pets (pets API)",
                "#### Minor (additive)",
                "#### Patch (documentation and behaviour, no change to the Rust API)",
                "### toys (toys API)",
                "#### Patch (documentation and behaviour, no change to the Rust API)",
            ]
        );
        assert!(twice.ends_with("## 0.1.0\n\n- first release\n"), "{twice}");
    }

    #[test]
    fn an_intro_without_a_blank_last_line_gets_one_before_the_section() {
        let intro = HEADER.trim_end().to_owned() + "\n";
        let a = report("pets", &[(Level::Minor, "Pet::age", "added")]);
        assert_eq!(merge(&intro, &[&a]).unwrap(), merge(HEADER, &[&a]).unwrap());
    }

    #[test]
    fn a_hand_written_line_in_the_section_is_an_error() {
        let text = format!("{HEADER}## Unreleased\n\nSome notes.\n");
        let a = report("pets", &[(Level::Minor, "Pet::age", "added")]);
        let err = merge(&text, &[&a]).unwrap_err().to_string();
        assert!(err.contains("\"Some notes.\" does not belong in the Unreleased section"), "{err}");
    }
}
