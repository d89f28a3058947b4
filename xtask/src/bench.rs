//! `cargo xtask bench ui`: builds the UI and the release app, starts a virtual display, and runs
//! the tests crate's `ui` benchmark, which drives the real window through tauri-driver.

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
    report.stage(title, || {
        let display = Xvfb::start()?;
        run(ctx
            .cargo()
            .args(["bench", "-p", "clientele-tests", "--bench", "ui"])
            .env("DISPLAY", &display.name)
            .env("CLIENTELE_APP", &app)
            .env("PATH", ctx.path_with_tools()))
    })
}
