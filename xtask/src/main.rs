//! `cargo xtask`: Clientele's build driver. Installs what the build needs (skipping what is
//! present), builds the UI to wasm and the desktop app, runs it, tests everything, benchmarks.

mod bench;
mod bench_sync;
mod boundaries;
mod build;
mod bundle;
mod report;
mod setup;
mod shell;
mod test;
mod xvfb;

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
    /// Print the checkout and commit this xtask works on (every command prints it first).
    Where,
    /// Release .deb and .rpm through the Tauri bundler, their signed updater artifacts and the
    /// update manifest (a channel folder for the sync server's updates_dir); prints the paths.
    Bundle {
        /// Package the debug build instead of a release build (seconds, for tests; no update key
        /// is built into it).
        #[arg(long)]
        debug: bool,
        /// With --debug: package the debug build as it is, without building it first.
        #[arg(long, requires = "debug")]
        no_build: bool,
        /// The channel the manifest is for: stable or beta.
        #[arg(long, default_value = "stable")]
        channel: String,
        /// The sync server devices download updates from (the manifest's URLs start with it).
        #[arg(
            long,
            env = "CLIENTELE_UPDATES_SERVER",
            default_value = "http://127.0.0.1:8787"
        )]
        server_url: String,
    },
    /// Check that every crate depends only on what the architecture allows (part of `test`).
    Boundaries,
    /// Benchmarks, printing figures and writing target/bench/*.json (no pass/fail on time).
    Bench {
        /// Which suite: replica, sync or ui; all when omitted.
        suite: Option<String>,
        /// Also run the automerge-repo reference at 10,000 documents (about 8 minutes).
        #[arg(long)]
        reference_10k: bool,
    },
}

/// Runs the benchmark suites (release builds; figures land in target/bench/).
fn bench(ctx: &shell::Context, suite: Option<&str>, reference_10k: bool) -> Result<()> {
    let suites: &[(&str, &str, &str)] = &[
        (
            "replica",
            "clientele-replica",
            "replica benchmark (100,000 customers)",
        ),
        (
            "sync",
            "clientele-sync-server",
            "sync benchmark (bootstrap 1k/10k/100k vs automerge-repo, 10 edits, 200 devices)",
        ),
        (
            "ui",
            "clientele-tests",
            "UI benchmark (real window, 100,000 customers)",
        ),
    ];
    let chosen: Vec<_> = match suite {
        None => suites.iter().collect(),
        Some(name) => {
            let found: Vec<_> = suites.iter().filter(|s| s.0 == name).collect();
            if found.is_empty() {
                anyhow::bail!("unknown benchmark suite \"{name}\": use replica, sync or ui");
            }
            found
        }
    };
    let mut report = report::Report::default();
    for (name, package, title) in chosen {
        if *name == "ui" {
            // Needs the built UI, the release app and a display: see bench.rs.
            bench::ui(ctx, &mut report, title)?;
            continue;
        }
        if *name == "sync" {
            let cases = report.stage("convergence, 1,000 cases (release)", || {
                bench_sync::convergence(ctx, 1_000)
            })?;
            report.stage(title, || {
                let mut command = ctx.cargo();
                command.args(["bench", "-p", package, "--bench", name]);
                if reference_10k {
                    command.env("BENCH_SYNC_REFERENCE_10K", "1");
                }
                shell::run(&mut command)
            })?;
            bench_sync::add_figure(ctx, "sync.json", "convergence_cases", cases as f64)?;
            continue;
        }
        report.stage(title, || {
            shell::run(ctx.cargo().args(["bench", "-p", package, "--bench", name]))
        })?;
    }
    report.print_stages();
    Ok(())
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let ctx = shell::Context::discover()?;
    println!(
        "xtask: checkout {} at commit {}",
        ctx.root.display(),
        ctx.commit()
    );
    match cli.command {
        Command::Where => Ok(()),
        Command::Boundaries => boundaries::check(&ctx),
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
        Command::Bundle {
            debug,
            no_build,
            channel,
            server_url,
        } => {
            let mut report = report::Report::default();
            let options = bundle::Options {
                debug,
                channel,
                server_url,
                prebuilt: no_build,
            };
            let result = bundle::bundle(&ctx, &mut report, &options);
            report.print_stages();
            result.map(|_| ())
        }
        Command::Bench {
            suite,
            reference_10k,
        } => bench(&ctx, suite.as_deref(), reference_10k),
    }
}
