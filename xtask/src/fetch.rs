//! `cargo xtask fetch`: placeholder, implemented separately.

use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct FetchArgs {
    /// Which API under spec/ to refresh.
    #[arg(long, default_value = "developers")]
    pub api: String,
}

pub fn run(_root: &Path, _args: FetchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("fetch is not implemented yet")
}
