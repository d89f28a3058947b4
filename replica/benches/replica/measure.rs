//! How the replica benchmark measures: paired medians of the replica and its raw baseline,
//! this process's CPU time, and the import runs, each in a child process of its own (the
//! benchmark run again with an environment variable) so that peak memory is the import's.

use clientele_replica::Replica;
use clientele_test_support::figures::{median, peak_rss_mb};
use clientele_test_support::vietnamese::add_salespeople;
use std::path::Path;
use std::time::Instant;

/// The medians of `runs` timings each of `measured` and `raw`, run in turn so that both see
/// the same machine (other work on a shared machine comes and goes).
pub fn paired_median_ms(
    runs: usize,
    mut measured: impl FnMut(),
    mut raw: impl FnMut(),
) -> (f64, f64) {
    let time = |work: &mut dyn FnMut()| {
        let started = Instant::now();
        work();
        started.elapsed().as_secs_f64() * 1000.0
    };
    let (mut a, mut b) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for _ in 0..runs {
        a.push(time(&mut measured));
        b.push(time(&mut raw));
    }
    (median(&mut a), median(&mut b))
}

/// This process's CPU time so far (all its threads, user and system), in seconds (Linux; NaN
/// elsewhere). Beside a wall time it says whether the time was work or waiting for a core.
pub fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            // Fields after the command name in parentheses; utime and stime are the 12th and
            // 13th, in clock ticks of 1/100 s.
            let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
            let ticks =
                fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(f64::NAN)
}

/// The import child: imports FILE into a fresh DIR and prints seconds and peak memory.
pub fn import_child(file: &str, dir: &str) {
    let mut replica = Replica::open(Path::new(dir)).unwrap();
    add_salespeople(&mut replica).unwrap();
    let started = Instant::now();
    let cpu = cpu_seconds();
    let input = std::io::BufReader::new(std::fs::File::open(file).unwrap());
    let report = replica
        .import_csv(input, &Default::default(), &mut |_| {})
        .unwrap();
    assert!(
        report.errors.is_empty(),
        "{:?}",
        &report.errors[..report.errors.len().min(3)]
    );
    println!(
        "IMPORT {} {} {} {}",
        started.elapsed().as_secs_f64(),
        peak_rss_mb(),
        report.imported,
        cpu_seconds() - cpu
    );
}
/// Runs this benchmark again as a child with `env`, and returns the numbers of its `tag` line.
pub fn child(tag: &str, env: &[(&str, &Path)]) -> Vec<f64> {
    let mut command = std::process::Command::new(std::env::current_exe().unwrap());
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("{tag} ")))
        .unwrap_or_else(|| {
            panic!(
                "{tag} child failed: {}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    line.split_whitespace()
        .skip(1)
        .map(|v| v.parse().unwrap())
        .collect()
}
