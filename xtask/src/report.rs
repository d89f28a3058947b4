//! Stage timings and test counts, printed at the end of a run.

use anyhow::{bail, Context as _};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Default)]
pub struct Report {
    stages: Vec<(String, Duration, bool)>,
    pub passed: usize,
    pub failed: usize,
}

impl Report {
    /// Runs one stage, timing it and printing its start and end.
    pub fn stage<T>(
        &mut self,
        name: &str,
        work: impl FnOnce() -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        println!("\n==> {name}");
        let started = Instant::now();
        let result = work();
        let took = started.elapsed();
        match &result {
            Ok(_) => println!("<== {name}: ok in {:.1} s", took.as_secs_f64()),
            Err(error) => println!(
                "<== {name}: FAILED in {:.1} s: {error:#}",
                took.as_secs_f64()
            ),
        }
        self.stages.push((name.to_owned(), took, result.is_ok()));
        result
    }

    /// Runs a test command as one stage, echoing its output and adding its counts. The stage
    /// fails if a test failed or the command did not succeed.
    pub fn test_stage(&mut self, name: &str, command: &mut Command) {
        let (before_passed, before_failed) = (self.passed, self.failed);
        let mut counts = Report::default();
        let result = self.stage(name, || {
            let mut child = command
                .stdout(Stdio::piped())
                .spawn()
                .with_context(|| format!("cannot start {command:?}"))?;
            let stdout = child.stdout.take().expect("stdout is piped");
            for line in BufReader::new(stdout).lines() {
                let line = line?;
                println!("{line}");
                counts.count_test_output(&line);
            }
            let status = child.wait()?;
            if counts.failed > 0 {
                bail!("{} test(s) failed, {} passed", counts.failed, counts.passed);
            }
            if !status.success() {
                bail!(
                    "{command:?} failed with {status} after {} passed",
                    counts.passed
                );
            }
            if counts.passed == 0 {
                bail!("no test ran");
            }
            Ok(())
        });
        self.passed = before_passed + counts.passed;
        // A runner that failed without reporting a failed test still counts as one failure.
        self.failed = before_failed + counts.failed.max(usize::from(result.is_err()));
    }

    /// Adds the counts from a test runner's `test result:` lines.
    pub fn count_test_output(&mut self, output: &str) {
        for line in output.lines() {
            let Some(rest) = line.trim().strip_prefix("test result: ") else {
                continue;
            };
            for part in rest.split(';') {
                let words: Vec<&str> = part.split_whitespace().collect();
                match words.as_slice() {
                    [.., n, "passed"] => self.passed += n.parse::<usize>().unwrap_or(0),
                    [n, "failed"] => self.failed += n.parse::<usize>().unwrap_or(0),
                    _ => {}
                }
            }
        }
    }

    pub fn print_stages(&self) {
        println!("\nStage times:");
        for (name, took, ok) in &self.stages {
            let mark = if *ok { "ok" } else { "FAILED" };
            println!("  {:>7.1} s  {mark:<6}  {name}", took.as_secs_f64());
        }
        let total: Duration = self.stages.iter().map(|s| s.1).sum();
        println!("  {:>7.1} s  total", total.as_secs_f64());
    }

    pub fn failed_stages(&self) -> Vec<&str> {
        self.stages
            .iter()
            .filter(|s| !s.2)
            .map(|s| s.0.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cargo_and_wasm_runner_summaries() {
        let mut report = Report::default();
        report.count_test_output(
            "running 3 tests\ntest result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
             test result: FAILED. 2 passed; 1 failed; 0 ignored\nnoise passed\n",
        );
        assert_eq!((report.passed, report.failed), (5, 1));
    }
}
