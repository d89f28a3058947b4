//! The sync suite's extras around its benchmark binary: the convergence property test run at
//! 1,000 cases in the release profile (its count goes into target/bench/sync.json).

use anyhow::{bail, Context as _, Result};
use std::collections::BTreeMap;

use crate::shell::Context;

/// Runs the convergence test with `cases` seeds on the embedded store in release; the number
/// of cases that passed.
pub fn convergence(ctx: &Context, cases: u64) -> Result<u64> {
    let output = ctx
        .cargo()
        .args([
            "test",
            "--release",
            "-p",
            "clientele-sync-server",
            "--test",
            "convergence",
            "sqlite",
            "--",
            "--nocapture",
        ])
        .env("CONVERGENCE_CASES", cases.to_string())
        .output()
        .context("cannot run cargo test for the convergence cases")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    print!("{stdout}");
    if !output.status.success() {
        eprint!("{}", String::from_utf8_lossy(&output.stderr));
        bail!("the convergence property test failed");
    }
    let passed = stdout
        .lines()
        .find_map(|line| {
            line.strip_prefix("convergence: ")?
                .split_whitespace()
                .next()?
                .parse::<u64>()
                .ok()
        })
        .context("the convergence test did not say how many cases passed")?;
    println!("convergence_cases {passed}");
    Ok(passed)
}

/// Adds `key = value` to the JSON figures in target/bench/`file`.
pub fn add_figure(ctx: &Context, file: &str, key: &str, value: f64) -> Result<()> {
    let path = ctx.root.join("target/bench").join(file);
    let mut figures: BTreeMap<String, f64> = match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text)
            .with_context(|| format!("{} is not a JSON object of numbers", path.display()))?,
        Err(_) => BTreeMap::new(),
    };
    figures.insert(key.to_owned(), value);
    std::fs::create_dir_all(path.parent().unwrap_or(&ctx.root))?;
    std::fs::write(&path, serde_json::to_string_pretty(&figures)?)?;
    Ok(())
}
