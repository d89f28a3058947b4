//! Where things are (repository, target folders, installed tools) and running commands.

use anyhow::{bail, Context as _, Result};
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
    pub fn discover() -> Result<Self> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .context("xtask lives inside the repository")?
            .to_owned();
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
