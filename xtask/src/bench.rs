//! `cargo xtask bench ui`: builds the UI, the release app and the release sync server, starts a
//! virtual display, and runs the tests crate's `ui` benchmark, which drives the real window
//! through tauri-driver (and the sync server's process for the IPC-while-syncing figures).

use anyhow::Result;

use crate::build;
use crate::report::Report;
use crate::setup::{self, Purpose};
use crate::shell::{run, Context};
use crate::xvfb::Xvfb;

/// Installs what is missing, builds ui/dist and the release app embedding it, then measures.
pub fn ui(ctx: &Context, report: &mut Report, title: &str) -> Result<()> {
    let tools = report.stage("install missing tools", || {
        setup::ensure(ctx, Purpose::Test)
    })?;
    report.stage("build UI (wasm)", || build::ui(ctx, &tools))?;
    let app = report.stage("build desktop app (release)", || build::app_release(ctx))?;
    // In the app's profile: the figures of IPC while syncing measure a release server too.
    let server = report.stage("build sync server (release)", || {
        run(ctx.cargo().args([
            "build",
            "--release",
            "-p",
            "clientele-sync-server",
            "--bin",
            "clientele-sync-server",
        ]))?;
        Ok(ctx.target.join("release/clientele-sync-server"))
    })?;
    report.stage(title, || {
        let display = Xvfb::start()?;
        run(ctx
            .cargo()
            .args(["bench", "-p", "clientele-tests", "--bench", "ui"])
            .env("DISPLAY", &display.name)
            .env("CLIENTELE_APP", &app)
            .env("CLIENTELE_SYNC_SERVER_BIN", &server)
            .env("PATH", ctx.path_with_tools()))
    })
}
