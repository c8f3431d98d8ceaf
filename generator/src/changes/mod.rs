//! What changed between two versions of an API for the people who use the
//! generated code: each item added, removed or changed, named as Rust shows
//! it (`business_v1::Appointment::datetime`), and the release level each
//! change calls for under Rust's semver rules.
//!
//! Computed from the model, never from JSON or text: [`Surface::of`]
//! reduces an [`Api`] to what users see, [`diff`] compares two surfaces.

mod diff;
mod report;
mod surface;

pub use diff::diff;
pub use report::{release_line, Change, Level, Report};
pub use surface::{Surface, SurfaceError};

use crate::model::Api;

/// The changes from `old` to `new`, for the module users know as `module`.
pub fn compare(module: &str, old: &Api, new: &Api) -> Report {
    Report { module: module.to_owned(), changes: diff(&Surface::of(old), &Surface::of(new)) }
}

#[cfg(test)]
mod tests;
