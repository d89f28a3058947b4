//! Two clones of the checkout sharing one target folder, as `.ci/run` shares
//! `~/.cache/clientele-target` between every clone on a machine: `cargo xtask` run in the second
//! clone must work on the second clone, even when cargo reuses the xtask binary built in the
//! first (equal sources, older than that binary).

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=Clone Test",
            "-c",
            "user.email=clone@test.invalid",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// Copies the checkout's files (tracked, and new ones not ignored: the work tree as it is) into
/// `to` and commits them. Both clones are made before anything is built in either, so their
/// files are older than the xtask built in the first, as on a CI machine that cloned twice.
fn clone_work_tree(root: &Path, to: &Path) {
    let listed = git(root, &["ls-files", "-z", "-co", "--exclude-standard"]);
    for relative in listed.split('\0').filter(|f| !f.is_empty()) {
        let from = root.join(relative);
        if !from.is_file() {
            continue; // deleted in the work tree but still tracked
        }
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&from, &target).unwrap();
    }
    git(to, &["init", "-q"]);
    git(to, &["add", "-A"]);
    git(to, &["commit", "-q", "-m", "clone"]);
}

/// `cargo xtask where` in `clone` with the shared target folder; its output.
fn xtask_where(clone: &Path, target: &Path) -> String {
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["xtask", "where"])
        .current_dir(clone)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .expect("cargo runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "cargo xtask where in {} failed: {}{}",
        clone.display(),
        text,
        String::from_utf8_lossy(&output.stderr)
    );
    text
}

#[test]
fn xtask_in_a_second_clone_works_on_the_second_clone() {
    // At run time: this test binary, too, may have been built in another clone.
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("..");
    // Kept between runs, like CI's shared folder, so only the first run builds xtask.
    let this_test = std::env::current_exe().unwrap();
    let shared_target = this_test
        .ancestors()
        .nth(3)
        .expect("target/debug/deps/this-test")
        .join("two-clones");
    let work = tempfile::tempdir().unwrap();
    let (first, second) = (work.path().join("first"), work.path().join("second"));
    clone_work_tree(&root, &first);
    clone_work_tree(&root, &second);

    let in_first = xtask_where(&first, &shared_target);
    assert!(
        in_first.contains(&format!("checkout {} ", first.display())),
        "{in_first}"
    );

    // A change only the second clone has: a new commit (no source of xtask changes, so cargo
    // reuses the binary built in the first clone).
    std::fs::write(second.join("CHANGED_IN_SECOND_CLONE"), "only here\n").unwrap();
    git(&second, &["add", "CHANGED_IN_SECOND_CLONE"]);
    git(
        &second,
        &["commit", "-q", "-m", "a change only the second clone has"],
    );
    let second_commit = git(&second, &["rev-parse", "HEAD"]);

    let in_second = xtask_where(&second, &shared_target);
    assert!(
        in_second.contains(&format!(
            "checkout {} at commit {second_commit}",
            second.display()
        )),
        "cargo xtask in the second clone must work on it (commit {second_commit}), but said: {in_second}"
    );
}
