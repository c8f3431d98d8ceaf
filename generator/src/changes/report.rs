//! Classified changes and their text: one line per change naming the Rust
//! item, grouped by the release level each implies.

use std::fmt;

/// What a change means for users of the generated crate, under Rust's
/// semver rules (every generated struct and enum is `#[non_exhaustive]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Documentation or behaviour only: code that compiled still compiles
    /// and means the same.
    Patch,
    /// Additive: new items, new optional inputs, new variants and fields.
    Minor,
    /// Breaking: code that compiled may not, or may stop working.
    Major,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Major, Level::Minor, Level::Patch];

    pub fn name(self) -> &'static str {
        match self {
            Level::Major => "major",
            Level::Minor => "minor",
            Level::Patch => "patch",
        }
    }

    /// What changes of this level do to users.
    pub fn meaning(self) -> &'static str {
        match self {
            Level::Major => "breaking",
            Level::Minor => "additive",
            Level::Patch => "documentation and behaviour, no change to the Rust API",
        }
    }

    /// The group heading: the level and what it stands for.
    pub fn heading(self) -> String {
        format!("{} ({})", self.name(), self.meaning())
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One change to one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub level: Level,
    /// The item, relative to the API module: `Pet::name`, `Api::list_pets`.
    pub item: String,
    /// What happened to it: `added`, `` `String` -> `i64` ``.
    pub what: String,
}

impl Change {
    /// `module::Item: what`.
    pub fn line(&self, module: &str) -> String {
        format!("{module}::{}: {}", self.item, self.what)
    }
}

/// The changes of one API module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub module: String,
    pub changes: Vec<Change>,
}

impl Report {
    /// The release the changes call for; `None` when nothing changed.
    pub fn level(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }

    /// The lines of one level, in report order.
    pub fn lines(&self, level: Level) -> Vec<String> {
        self.changes.iter().filter(|c| c.level == level).map(|c| c.line(&self.module)).collect()
    }

    /// Plain text for a terminal: a heading, then the lines of each level.
    pub fn render(&self) -> String {
        let Some(level) = self.level() else {
            return format!("API changes in {}: none\n", self.module);
        };
        let mut out = format!(
            "API changes in {}: {} ({level} release)\n",
            self.module,
            count(self.changes.len(), "change")
        );
        for level in Level::ALL {
            let lines = self.lines(level);
            if lines.is_empty() {
                continue;
            }
            out.push_str(&format!("  {}:\n", level.heading()));
            for line in lines {
                out.push_str(&format!("    {line}\n"));
            }
        }
        out
    }
}

/// The release level line that ends a report of several APIs.
pub fn release_line(level: Option<Level>) -> String {
    match level {
        Some(l) => format!("release level: {}\n", l.heading()),
        None => "release level: none (no change to the API)\n".to_owned(),
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
