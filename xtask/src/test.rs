//! `cargo xtask test`: every check and test, each stage timed, ending with `N passed, N failed`.

use anyhow::{bail, Result};

use crate::build;
use crate::report::Report;
use crate::setup::{Purpose, WasmToolchain};
use crate::shell::{run, Context};
use crate::xvfb::Xvfb;

/// Runs everything; fails if any stage or test failed.
pub fn all(ctx: &Context) -> Result<()> {
    let mut report = Report::default();
    let _ = report.stage("dependency boundaries (cargo metadata)", || {
        crate::boundaries::check(ctx)
    });
    let built = build::everything(ctx, &mut report, Purpose::Test);
    let _ = report.stage("format check", || {
        run(ctx.cargo().args(["fmt", "--all", "--check"]))
    });
    let _ = report.stage("clippy (native, -D warnings)", || {
        run(ctx.cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    });
    report.test_stage(
        "unit and integration tests",
        ctx.cargo().args(["test", "--workspace", "--no-fail-fast"]),
    );
    // The merge property over three replicas (replica/tests/merge_properties.rs) in release,
    // where its 1,000 cases take a few minutes; the debug run above does a few dozen.
    report.test_stage(
        "merge property, 3 replicas (release, 1,000 cases)",
        ctx.cargo()
            .args(["test", "--release", "-p", "clientele-replica"])
            .args(["--test", "merge_properties", "--", "--nocapture"])
            .env("MERGE_PROPERTY_CASES", "1000"),
    );
    match &built {
        Ok((tools, app)) => {
            packages(ctx, &mut report);
            keychain(ctx, &mut report, app);
            let _ = report.stage("wasm32 lint of model and ui", || wasm_lint(ctx, tools.wasm));
            report.test_stage(
                "UI browser tests (headless Chromium)",
                tools
                    .wasm
                    .cargo(ctx, "test")
                    .args(["-p", "clientele-ui", "--test", "browser"])
                    .env(
                        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                        ctx.cargo_bin().join("wasm-bindgen-test-runner"),
                    )
                    .env("CHROMEDRIVER", "/usr/bin/chromedriver")
                    .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
            );
            match Xvfb::start() {
                Ok(display) => {
                    report.test_stage(
                        "desktop end-to-end (tauri-driver, Xvfb)",
                        ctx.cargo()
                            .args([
                                "test",
                                "-p",
                                "clientele-tests",
                                "--test",
                                "desktop",
                                "--test",
                                "desktop_sync",
                                "--test",
                                "desktop_team",
                                "--test",
                                "desktop_conflicts",
                                "--test",
                                "desktop_sales",
                                "--test",
                                "customers_e2e",
                            ])
                            .args(["--", "--ignored", "--test-threads=1"])
                            .env("DISPLAY", &display.name)
                            .env("CLIENTELE_APP", app)
                            .env("PATH", ctx.path_with_tools()),
                    );
                    drop(display);
                }
                Err(error) => {
                    let _ = report.stage("desktop end-to-end (tauri-driver, Xvfb)", || {
                        Err::<(), _>(error)
                    });
                }
            }
        }
        Err(error) => {
            println!("xtask: skipping browser and desktop tests: the build failed: {error:#}")
        }
    }
    report.print_stages();
    let failed_stages = report.failed_stages();
    // Every failed stage counts: a lint failure is as red as a failed test.
    let failed = report.failed.max(failed_stages.len());
    println!("\n{} passed, {} failed", report.passed, failed);
    if !failed_stages.is_empty() {
        bail!("failed stages: {}", failed_stages.join(", "));
    }
    Ok(())
}

/// Packages the debug build just made (the Tauri bundler, signed with a throwaway key; seconds,
/// where a release build takes many minutes on two cores) and tests the .deb and the manifest.
fn packages(ctx: &Context, report: &mut Report) {
    let options = crate::bundle::Options {
        debug: true,
        channel: "stable".into(),
        server_url: "http://127.0.0.1:8787".into(),
        prebuilt: true,
    };
    match crate::bundle::bundle(ctx, report, &options) {
        Ok(bundled) => report.test_stage(
            "packages (.deb unpacked with dpkg-deb, the packaged binary, the manifest)",
            ctx.cargo()
                .args(["test", "-p", "clientele-tests", "--test", "package"])
                .args(["--", "--ignored"])
                .env("CLIENTELE_DEB", &bundled.deb)
                .env("CLIENTELE_RPM", &bundled.rpm)
                .env("CLIENTELE_UPDATE_MANIFEST", &bundled.manifest),
        ),
        Err(error) => {
            let _ = report.stage("packages", || Err::<(), _>(error));
        }
    }
}

/// The sync token kept in the keychain and in no file (tests/tests/keychain.rs): gnome-keyring
/// needs a session bus of its own, so the test runs inside `dbus-run-session`.
fn keychain(ctx: &Context, report: &mut Report, app: &std::path::Path) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    report.test_stage(
        "keychain (gnome-keyring under dbus-run-session, the real sync server and app)",
        std::process::Command::new("dbus-run-session")
            .current_dir(&ctx.root)
            .arg("--")
            .arg(cargo)
            .args(["test", "-p", "clientele-tests", "--test", "keychain"])
            .args(["--", "--ignored", "--test-threads=1"])
            .env("CLIENTELE_APP", app)
            .env("PATH", ctx.path_with_tools()),
    );
}

/// Lints the wasm32 build of the crates that compile for it. With rustup's target this is clippy;
/// with Debian's rustc-web (no clippy for it) a `cargo check` of the same crates and tests.
fn wasm_lint(ctx: &Context, wasm: WasmToolchain) -> Result<()> {
    let subcommand = match wasm {
        WasmToolchain::Rustup => "clippy",
        WasmToolchain::DebianRustcWeb => "check",
    };
    let mut command = wasm.cargo(ctx, subcommand);
    command.args([
        "-p",
        "clientele-model",
        "-p",
        "clientele-ui",
        "--all-targets",
    ]);
    if wasm == WasmToolchain::Rustup {
        command.args(["--", "-D", "warnings"]);
    }
    run(&mut command)
}
