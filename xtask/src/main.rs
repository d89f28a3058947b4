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
    /// Benchmarks, printing figures and writing target/bench/*.json (no pass/fail on time).
    Bench {
        /// Which suite: replica (the only one so far); all when omitted.
        suite: Option<String>,
    },
}

/// Runs the benchmark suites (release builds; figures land in target/bench/).
fn bench(ctx: &shell::Context, suite: Option<&str>) -> Result<()> {
    match suite {
        None | Some("replica") => {
            let mut report = report::Report::default();
            report.stage("replica benchmark (100,000 customers)", || {
                shell::run(ctx.cargo().args([
                    "bench",
                    "-p",
                    "clientele-replica",
                    "--bench",
                    "replica",
                ]))
            })?;
            report.print_stages();
            if suite.is_none() {
                println!(
                    "xtask: the sync and ui benchmarks do not exist yet (their issues are open)"
                );
            }
            Ok(())
        }
        Some(other @ ("sync" | "ui")) => {
            anyhow::bail!("the {other} benchmark does not exist yet: its issue is still open")
        }
        Some(other) => anyhow::bail!("unknown benchmark suite \"{other}\": use replica"),
    }
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
        Command::Bench { suite } => bench(&ctx, suite.as_deref()),
    }
}
