//! `cargo xtask`: Clientele's build driver. Installs what the build needs (skipping what is
//! present), builds the UI to wasm and the desktop app, runs it, tests everything, benchmarks.

mod build;
mod report;
mod setup;
mod shell;
mod test;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Clientele's build driver")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install what is missing, build the UI and the desktop app, and open it.
    Run {
        /// Arguments for the app, e.g. `-- --data-dir /tmp/clientele`.
        #[arg(last = true)]
        app_args: Vec<String>,
    },
    /// Build the UI and the desktop app without opening it.
    Build,
    /// Format and lint checks, unit and integration tests, browser tests, desktop end-to-end.
    Test,
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let ctx = shell::Context::discover()?;
    match cli.command {
        Command::Run { app_args } => {
            let mut report = report::Report::default();
            let (_, app) = build::everything(&ctx, &mut report, setup::Purpose::Run)?;
            report.print_stages();
            shell::run_app(&ctx, &app, &app_args)
        }
        Command::Build => {
            let mut report = report::Report::default();
            build::everything(&ctx, &mut report, setup::Purpose::Run)?;
            report.print_stages();
            Ok(())
        }
        Command::Test => test::all(&ctx),
    }
}
