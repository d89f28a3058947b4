//! The checkout a test or benchmark runs in, found at run time.
//!
//! A target folder shared between clones lets cargo reuse a binary built from another clone when
//! the sources are equal, so `env!("CARGO_MANIFEST_DIR")` may name the other clone. Cargo sets
//! `CARGO_MANIFEST_DIR` in the environment of every process it runs (tests, benches, `cargo
//! run`), which names the right one; the workspace root is found from there.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A checkout of the repository: its root and the commit it is at.
#[derive(Debug, Clone)]
pub struct Checkout {
    /// The workspace root (the folder whose Cargo.toml has `[workspace]`).
    pub root: PathBuf,
    /// `git rev-parse HEAD`, with `+changes` when the work tree differs from it; "unknown"
    /// outside git.
    pub commit: String,
}

impl Checkout {
    /// The checkout of the process cargo is running now.
    ///
    /// # Panics
    /// When neither `CARGO_MANIFEST_DIR` nor the current folder is inside a cargo workspace:
    /// only cargo runs the tests and benchmarks that call this.
    pub fn current() -> Checkout {
        let start = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .or_else(|| std::env::current_dir().ok())
            .expect("CARGO_MANIFEST_DIR or a current folder");
        let root = workspace_root(&start).unwrap_or_else(|| {
            panic!(
                "{} is not inside a cargo workspace: run this through cargo",
                start.display()
            )
        });
        Checkout::at(root)
    }

    /// The checkout whose root is `root`.
    pub fn at(root: PathBuf) -> Checkout {
        let commit = commit_of(&root);
        Checkout { root, commit }
    }

    /// Where benchmarks write their JSON figures: `<root>/target/bench`.
    pub fn bench_dir(&self) -> PathBuf {
        self.root.join("target").join("bench")
    }

    /// The line every benchmark and xtask prints first, so a run says what it tested.
    pub fn banner(&self, what: &str) -> String {
        format!(
            "{what}: checkout {} at commit {}",
            self.root.display(),
            self.commit
        )
    }
}

/// The nearest folder at or above `start` whose Cargo.toml declares `[workspace]`.
pub fn workspace_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|folder| {
        let manifest = std::fs::read_to_string(folder.join("Cargo.toml")).ok()?;
        manifest
            .lines()
            .any(|line| line.trim() == "[workspace]")
            .then(|| folder.to_owned())
    })
}

/// The commit `root` is at, marked `+changes` when its work tree has uncommitted changes.
pub fn commit_of(root: &Path) -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    match git(&["rev-parse", "HEAD"]) {
        Some(head) => match git(&["status", "--porcelain", "--untracked-files=no"]) {
            Some(changes) if !changes.is_empty() => format!("{head}+changes"),
            _ => head,
        },
        None => "unknown (not a git checkout)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_root_is_found_from_a_member_folder() {
        let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
        let root = workspace_root(&here).unwrap();
        assert_eq!(root, here.parent().unwrap());
        assert!(root.join("test-support").is_dir());
    }

    #[test]
    fn a_folder_outside_any_workspace_has_no_root() {
        assert_eq!(workspace_root(Path::new("/proc/self")), None);
    }
}
