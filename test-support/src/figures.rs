//! Benchmark figures: each printed on one line, the ones with a raw baseline beside it with
//! their ratio and its goal, all written to `target/bench/<suite>.json`.
//!
//! Absolute times differ two-fold between machines of one kind; a ratio to a baseline measured
//! in the same run on the same data does not, so goals are ratios.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// The figures of one benchmark run.
#[derive(Debug, Default)]
pub struct Figures {
    values: BTreeMap<String, f64>,
    misses: Vec<String>,
}

impl Figures {
    pub fn new() -> Figures {
        Figures::default()
    }

    /// A figure without a baseline (a size, a count, a memory peak), with what it is held to.
    pub fn figure(&mut self, key: &str, value: f64, unit: &str, target: &str) {
        println!("{key:<30} {value:>12.3} {unit:<4} (target {target})");
        self.values.insert(key.to_owned(), value);
    }

    /// A figure beside its raw baseline from the same run: writes `{name}_{unit}`,
    /// `{name}_raw_{unit}`, `{name}_ratio` and `{name}_ratio_goal`, and prints whether the ratio
    /// is within `goal`. `raw_is` says what the baseline does.
    pub fn versus_raw(
        &mut self,
        name: &str,
        unit: &str,
        measured: f64,
        raw: f64,
        goal: f64,
        raw_is: &str,
    ) -> f64 {
        let ratio = measured / raw;
        let verdict = if ratio <= goal { "ok" } else { "MISSES" };
        println!(
            "{:<30} {measured:>12.3} {unit:<4} raw {raw:>10.3} {unit:<4} ratio {ratio:>6.2} \
             (goal <= {goal}x) {verdict}   [raw: {raw_is}]",
            format!("{name}_{unit}")
        );
        if ratio > goal {
            self.misses.push(format!(
                "{name}: {ratio:.2}x its raw baseline (goal <= {goal}x)"
            ));
        }
        self.values.insert(format!("{name}_{unit}"), measured);
        self.values.insert(format!("{name}_raw_{unit}"), raw);
        self.values.insert(format!("{name}_ratio"), ratio);
        self.values.insert(format!("{name}_ratio_goal"), goal);
        ratio
    }

    /// An absolute goal some figures keep beside their ratio (e.g. a repaint within 50 ms).
    pub fn absolute_goal(&mut self, key: &str, value: f64, at_most: f64, unit: &str) {
        let verdict = if value <= at_most { "ok" } else { "MISSES" };
        println!("{key:<30} {value:>12.3} {unit:<4} (goal <= {at_most} {unit}) {verdict}");
        if value > at_most {
            self.misses.push(format!(
                "{key}: {value:.1} {unit} (goal <= {at_most} {unit})"
            ));
        }
        self.values.insert(format!("{key}_goal"), at_most);
    }

    /// A figure already recorded, e.g. to compute a ratio from it.
    pub fn get(&self, key: &str) -> Option<f64> {
        self.values.get(key).copied()
    }

    /// The goals missed so far, one sentence each.
    pub fn misses(&self) -> &[String] {
        &self.misses
    }

    /// Prints the goals missed and writes the figures to `dir/file` (a JSON object of numbers).
    pub fn write(&self, dir: &Path, file: &str) -> std::io::Result<()> {
        if self.misses.is_empty() {
            println!("every ratio is within its goal");
        } else {
            println!("goals missed:");
            for miss in &self.misses {
                println!("  {miss}");
            }
        }
        std::fs::create_dir_all(dir)?;
        let path = dir.join(file);
        let json = serde_json::to_string_pretty(&self.values).map_err(std::io::Error::other)?;
        std::fs::write(&path, json)?;
        println!("wrote {}", path.display());
        Ok(())
    }
}

/// The median of `runs` timings of `work`, in milliseconds.
pub fn median_ms(runs: usize, mut work: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    median(&mut times)
}

/// The median of `values` (sorted in place); NaN when empty.
pub fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The `p`th percentile of `values` (sorted in place; nearest rank, `p` in 0..=100): the
/// smallest value at least `p`% of them do not exceed. NaN when empty.
pub fn percentile(values: &mut [f64], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    let rank = (p / 100.0 * values.len() as f64).ceil() as usize;
    values[rank.clamp(1, values.len()) - 1]
}

/// This process's peak resident memory in MB (Linux), NaN elsewhere.
pub fn peak_rss_mb() -> f64 {
    peak_rss_mb_in("/proc/self/status")
}

/// Peak resident memory of process `pid` in MB (Linux; e.g. a server a benchmark started), NaN
/// elsewhere or when the process is gone.
pub fn process_peak_rss_mb(pid: u32) -> f64 {
    peak_rss_mb_in(&format!("/proc/{pid}/status"))
}

/// The `VmHWM` line of a `/proc/PID/status` file, in MB.
fn peak_rss_mb_in(status: &str) -> f64 {
    std::fs::read_to_string(status)
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_beside_its_baseline_records_both_and_their_ratio() {
        let mut figures = Figures::new();
        let ratio = figures.versus_raw("search", "ms", 3.0, 2.0, 2.0, "the FTS5 query alone");
        assert_eq!(ratio, 1.5);
        assert_eq!(figures.get("search_ms"), Some(3.0));
        assert_eq!(figures.get("search_raw_ms"), Some(2.0));
        assert_eq!(figures.get("search_ratio"), Some(1.5));
        assert!(figures.misses().is_empty());
        figures.versus_raw("edit", "ms", 7.0, 2.0, 3.0, "load, put, save, update");
        assert_eq!(figures.misses().len(), 1);
        assert!(figures.misses()[0].starts_with("edit: 3.50x"));
    }

    #[test]
    fn the_median_is_the_middle_value() {
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), 3.0);
        assert!(median(&mut []).is_nan());
    }

    #[test]
    fn a_percentile_is_the_nearest_rank() {
        let mut values: Vec<f64> = (1..=200).rev().map(f64::from).collect();
        assert_eq!(percentile(&mut values, 99.0), 198.0);
        assert_eq!(percentile(&mut values, 50.0), 100.0);
        assert_eq!(percentile(&mut values, 100.0), 200.0);
        assert_eq!(percentile(&mut [7.0], 99.0), 7.0);
        assert!(percentile(&mut [], 99.0).is_nan());
    }

    #[test]
    fn figures_are_written_as_a_json_object_of_numbers() {
        let dir = std::env::temp_dir().join(format!("figures-{}", std::process::id()));
        let mut figures = Figures::new();
        figures.figure("wasm_kb", 731.0, "KB", "reported");
        figures.write(&dir, "x.json").unwrap();
        let written: BTreeMap<String, f64> =
            serde_json::from_str(&std::fs::read_to_string(dir.join("x.json")).unwrap()).unwrap();
        assert_eq!(written.get("wasm_kb"), Some(&731.0));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
