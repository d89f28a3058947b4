//! Where things are (repository, target folders, installed tools) and running commands.

use anyhow::{bail, Context as _, Result};

/// How the checkout is found, shared with the tests' and benchmarks' support crate by file (that
/// crate links the replica, which the build driver must not wait for).
#[path = "../../test-support/src/checkout.rs"]
#[allow(dead_code)] // the build driver uses the functions, not the benchmarks' `Checkout`
mod checkout;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Paths every stage needs.
pub struct Context {
    /// The repository root (the workspace).
    pub root: PathBuf,
    /// Cargo's target folder for native builds (CARGO_TARGET_DIR or root/target).
    pub target: PathBuf,
    /// Folder for tools the driver installs outside cargo and apt (npm packages).
    pub tools: PathBuf,
}

impl Context {
    /// Finds the checkout at run time: cargo sets `CARGO_MANIFEST_DIR` for the process it runs
    /// (`cargo xtask` is `cargo run -p xtask`). Never `env!`: a target folder shared between
    /// clones lets cargo reuse an xtask built in another clone, which would then test that one.
    pub fn discover() -> Result<Self> {
        let start = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .map_or_else(std::env::current_dir, Ok)
            .context("neither CARGO_MANIFEST_DIR nor a current folder")?;
        let root = checkout::workspace_root(&start).with_context(|| {
            format!(
                "{} is not inside Clientele's workspace: run `cargo xtask` in the checkout",
                start.display()
            )
        })?;
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .map(|t| if t.is_absolute() { t } else { root.join(t) })
            .unwrap_or_else(|| root.join("target"));
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.clone());
        Ok(Context {
            tools: home.join(".cache/clientele-tools"),
            root,
            target,
        })
    }

    /// The commit the checkout is at, `+changes` when its work tree differs.
    pub fn commit(&self) -> String {
        checkout::commit_of(&self.root)
    }

    /// The cargo folder for wasm builds, apart so a different rustc keeps the native cache.
    pub fn wasm_target(&self) -> PathBuf {
        self.target.join("wasm")
    }

    /// `~/.cargo/bin`, where `cargo install` puts tools.
    pub fn cargo_bin(&self) -> PathBuf {
        std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
            .unwrap_or_else(|| PathBuf::from("/root/.cargo"))
            .join("bin")
    }

    /// A `cargo` command in the repository.
    pub fn cargo(&self) -> Command {
        let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        command.current_dir(&self.root);
        command
    }

    /// PATH with cargo's bin folder first, so freshly installed tools are found.
    pub fn path_with_tools(&self) -> std::ffi::OsString {
        let mut paths = vec![self.cargo_bin()];
        paths.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        std::env::join_paths(paths).expect("PATH entries are valid")
    }
}

/// Runs `command`, failing with its description when it does not succeed.
pub fn run(command: &mut Command) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot start {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed with {status}");
    }
    Ok(())
}

/// Whether `program --version` (or the given probe) runs and prints `expect`.
pub fn prints(program: &Path, args: &[&str], expect: &str) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains(expect))
        .unwrap_or(false)
}

/// Opens the built app, passing `args` through.
pub fn run_app(ctx: &Context, app: &Path, args: &[String]) -> Result<()> {
    println!("xtask: opening {} {}", app.display(), args.join(" "));
    run(Command::new(app).args(args).current_dir(&ctx.root))
}
