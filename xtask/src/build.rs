//! Building the UI to wasm (cargo + wasm-bindgen + wasm-opt, no trunk) into ui/dist, then the
//! desktop app that embeds it.

use anyhow::{Context as _, Result};
use std::path::PathBuf;
use std::process::Command;

use crate::report::Report;
use crate::setup::{self, Purpose, Tools};
use crate::shell::{run, Context};

/// Installs what is missing and builds the UI and the app; returns the tools and the app binary.
pub fn everything(
    ctx: &Context,
    report: &mut Report,
    purpose: Purpose,
) -> Result<(Tools, PathBuf)> {
    let tools = report.stage("install missing tools", || setup::ensure(ctx, purpose))?;
    report.stage("build UI (wasm)", || ui(ctx, &tools))?;
    let app = report.stage("build desktop app", || app(ctx))?;
    Ok((tools, app))
}

/// The UI: release wasm, bindings for the web, optimised, with the static files, in ui/dist.
pub fn ui(ctx: &Context, tools: &Tools) -> Result<()> {
    run(tools.wasm.cargo(ctx, "build").args([
        "--profile",
        "wasm-release",
        "-p",
        "clientele-ui",
        "--bin",
        "clientele-ui",
    ]))?;
    let wasm = ctx
        .wasm_target()
        .join("wasm32-unknown-unknown/wasm-release/clientele-ui.wasm");
    let dist = ctx.root.join("ui/dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist).context("cannot clear ui/dist")?;
    }
    std::fs::create_dir_all(&dist)?;
    run(Command::new(&tools.wasm_bindgen)
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "clientele-ui",
            "--out-dir",
        ])
        .arg(&dist)
        .arg(&wasm))?;
    let bindgen_wasm = dist.join("clientele-ui_bg.wasm");
    let before = std::fs::metadata(&bindgen_wasm)?.len();
    run(Command::new(&tools.wasm_opt)
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
        ])
        .arg(&bindgen_wasm)
        .arg("-o")
        .arg(&bindgen_wasm))?;
    let after = std::fs::metadata(&bindgen_wasm)?.len();
    println!(
        "xtask: wasm {} KB -> {} KB after wasm-opt -Oz",
        before / 1024,
        after / 1024
    );
    for entry in std::fs::read_dir(ctx.root.join("ui/static"))? {
        let entry = entry?;
        std::fs::copy(entry.path(), dist.join(entry.file_name()))?;
    }
    Ok(())
}

/// The desktop app (debug build: the same one the end-to-end tests drive).
pub fn app(ctx: &Context) -> Result<PathBuf> {
    // With the sync server beside it: the desktop team test runs the real server process.
    run(ctx.cargo().args([
        "build",
        "-p",
        "clientele",
        "--bin",
        "clientele",
        "-p",
        "clientele-sync-server",
        "--bin",
        "clientele-sync-server",
    ]))?;
    Ok(ctx.target.join("debug/clientele"))
}

/// The desktop app as users get it (release build), for the UI benchmark.
pub fn app_release(ctx: &Context) -> Result<PathBuf> {
    run(ctx.cargo().args([
        "build",
        "--release",
        "-p",
        "clientele",
        "--bin",
        "clientele",
    ]))?;
    Ok(ctx.target.join("release/clientele"))
}
