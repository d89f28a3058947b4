//! Installing what the build and the tests need, each only when missing: Debian packages, the
//! wasm toolchain (rustup's target where present, Debian's rustc-web otherwise), wasm-bindgen-cli
//! matching Cargo.lock, wasm-opt from npm, tauri-driver.

use anyhow::{bail, Context as _, Result};
use std::path::PathBuf;
use std::process::Command;

use crate::shell::{prints, run, Context};

/// What the caller is about to do, which decides what must be installed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Run,
    Test,
}

/// Debian packages for building and running the Tauri app (../shared/toolchain.md).
const DESKTOP_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libsoup-3.0-dev",
    "libjavascriptcoregtk-4.1-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "libssl-dev",
    // The OS keychain (keyring's Secret Service client links libdbus).
    "libdbus-1-dev",
    "pkg-config",
    "build-essential",
    "file",
];

/// Debian's Rust for wasm: rustc 1.96 with std source and rust-lld, to build std for wasm32.
const DEBIAN_WASM_PACKAGES: &[&str] = &["rustc-web", "rust-web-src", "lld-22"];

/// Extra Debian packages for the tests: the virtual display, screenshots, browsers, drivers,
/// PostgreSQL.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "imagemagick",
    "webkit2gtk-driver",
    "chromium",
    "chromium-driver",
    // The sync server's PostgreSQL store tests start a throwaway cluster from its binaries
    // (/usr/lib/postgresql/*/bin).
    "postgresql",
    // The keychain test: a Secret Service (gnome-keyring) on a private session bus
    // (dbus-run-session, dbus-send).
    "gnome-keyring",
    "dbus",
];

/// binaryen's wasm-opt from npm: Debian's binaryen 108 cannot read current wasm-bindgen output.
const BINARYEN_NPM: &str = "binaryen@132.0.0";

/// How the UI is compiled to wasm32.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum WasmToolchain {
    /// rustup's `wasm32-unknown-unknown` target (a normal developer laptop).
    Rustup,
    /// Debian's rustc-web, building std from source (these machines: rustup cannot download).
    DebianRustcWeb,
}

impl WasmToolchain {
    /// A cargo command set up for this toolchain; `args` follow the cargo subcommand.
    pub fn cargo(self, ctx: &Context, subcommand: &str) -> Command {
        let mut command = ctx.cargo();
        command.arg(subcommand);
        command
            .args(["--target", "wasm32-unknown-unknown", "--target-dir"])
            .arg(ctx.wasm_target());
        if self == WasmToolchain::DebianRustcWeb {
            command
                .env("RUSTC", "/usr/bin/rustc")
                .env("RUSTDOC", "/usr/bin/rustdoc")
                .env("RUSTC_BOOTSTRAP", "1")
                .arg("-Zbuild-std=std,panic_abort");
        }
        command
    }
}

/// The tools a build found or installed.
pub struct Tools {
    pub wasm: WasmToolchain,
    pub wasm_bindgen: PathBuf,
    pub wasm_opt: PathBuf,
}

/// Installs what `purpose` needs and says what it chose.
pub fn ensure(ctx: &Context, purpose: Purpose) -> Result<Tools> {
    let wasm = choose_wasm_toolchain();
    let mut packages: Vec<&str> = DESKTOP_PACKAGES.to_vec();
    if wasm == WasmToolchain::DebianRustcWeb {
        packages.extend(DEBIAN_WASM_PACKAGES);
    }
    if purpose == Purpose::Test {
        packages.extend(TEST_PACKAGES);
    }
    ensure_debian_packages(&packages)?;
    match wasm {
        WasmToolchain::Rustup => println!("xtask: wasm32 via rustup's installed wasm32-unknown-unknown target"),
        WasmToolchain::DebianRustcWeb => println!(
            "xtask: wasm32 via Debian rustc-web (/usr/bin/rustc, std built from source): rustup has no wasm32 target here"
        ),
    }
    let wasm_bindgen = ensure_wasm_bindgen(ctx)?;
    let wasm_opt = ensure_wasm_opt(ctx)?;
    if purpose == Purpose::Test {
        ensure_cargo_tool(
            ctx,
            "tauri-driver",
            &["install", "tauri-driver", "--locked"],
        )?;
    }
    Ok(Tools {
        wasm,
        wasm_bindgen,
        wasm_opt,
    })
}

fn choose_wasm_toolchain() -> WasmToolchain {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown"))
        .unwrap_or(false);
    if installed {
        WasmToolchain::Rustup
    } else {
        WasmToolchain::DebianRustcWeb
    }
}

fn package_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${db:Status-Abbrev}", package])
        .output()
        .map(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).starts_with("ii"))
        .unwrap_or(false)
}

fn ensure_debian_packages(packages: &[&str]) -> Result<()> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| !package_installed(p))
        .collect();
    if missing.is_empty() {
        println!("xtask: Debian packages present ({})", packages.len());
        return Ok(());
    }
    println!(
        "xtask: installing missing Debian packages: {}",
        missing.join(" ")
    );
    let as_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let apt = |args: &[&str]| {
        let mut command = if as_root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    run(&mut apt(&["update", "-qq"]))
        .context("apt-get update failed: these packages come from Debian's archive")?;
    let mut install = apt(&["install", "-y", "-qq"]);
    install.args(&missing);
    run(&mut install).context("apt-get install failed")?;
    Ok(())
}

/// The `wasm-bindgen` version Cargo.lock pins; the CLI must be the same.
fn locked_wasm_bindgen_version(ctx: &Context) -> Result<String> {
    let lock = std::fs::read_to_string(ctx.root.join("Cargo.lock"))
        .context("Cargo.lock is missing: run `cargo generate-lockfile`")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    bail!("Cargo.lock names no wasm-bindgen package")
}

fn ensure_wasm_bindgen(ctx: &Context) -> Result<PathBuf> {
    let version = locked_wasm_bindgen_version(ctx)?;
    let binary = ctx.cargo_bin().join("wasm-bindgen");
    let runner = ctx.cargo_bin().join("wasm-bindgen-test-runner");
    if prints(&binary, &["--version"], &version) && runner.exists() {
        println!("xtask: wasm-bindgen-cli {version} present");
        return Ok(binary);
    }
    println!(
        "xtask: installing wasm-bindgen-cli {version} (matches Cargo.lock; takes a few minutes)"
    );
    // Not --locked: its lockfile pins a webpki-roots the registry here lacks (toolchain.md).
    run(ctx.cargo().args([
        "install",
        "wasm-bindgen-cli",
        "--force",
        "--version",
        &version,
    ]))?;
    Ok(binary)
}

fn ensure_wasm_opt(ctx: &Context) -> Result<PathBuf> {
    let prefix = ctx.tools.join("npm");
    let binary = prefix.join("node_modules/.bin/wasm-opt");
    if prints(&binary, &["--version"], "132") {
        println!("xtask: wasm-opt (npm {BINARYEN_NPM}) present");
        return Ok(binary);
    }
    println!("xtask: installing wasm-opt from npm {BINARYEN_NPM}");
    npm_install(&prefix, BINARYEN_NPM).context("npm could not install binaryen (wasm-opt)")?;
    Ok(binary)
}

/// Installs the pinned npm `package` (name@version) into its own `prefix`, writing no
/// package.json or lockfile: npm prunes from a prefix what its (absent) package.json does not
/// name, so each tool keeps a prefix of its own.
pub fn npm_install(prefix: &std::path::Path, package: &str) -> Result<()> {
    std::fs::create_dir_all(prefix)?;
    run(Command::new("npm")
        .args([
            "install",
            "--no-save",
            "--no-package-lock",
            "--no-audit",
            "--no-fund",
            "--prefix",
        ])
        .arg(prefix)
        .arg(package))
}

fn ensure_cargo_tool(ctx: &Context, name: &str, install: &[&str]) -> Result<()> {
    if ctx.cargo_bin().join(name).exists() {
        println!("xtask: {name} present");
        return Ok(());
    }
    println!("xtask: installing {name}");
    run(ctx.cargo().args(install))
}
