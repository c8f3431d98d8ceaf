//! The maintainer commands behind `cargo xtask`, a library so that the
//! workspace's tests run the same code (the corpus subset in `tests/`).

pub mod apis;
pub mod bench;
pub mod changelog;
pub mod changes;
pub mod check;
pub mod corpus;
pub mod fetch;
pub mod names;
pub mod regen;
