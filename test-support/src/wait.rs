//! Waiting on a condition with a deadline, never sleeping and hoping: tests poll what they
//! expect (a replica has the change, a status was reported) and fail naming it when it does
//! not come in time.

use std::time::{Duration, Instant};

/// Polls `condition` every `every` until it holds; panics naming `what` after `within`.
pub fn eventually(
    what: &str,
    within: Duration,
    every: Duration,
    mut condition: impl FnMut() -> bool,
) {
    let deadline = Instant::now() + within;
    while !condition() {
        assert!(
            Instant::now() < deadline,
            "timed out after {within:?} waiting for {what}"
        );
        std::thread::sleep(every);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_once_the_condition_holds() {
        let mut calls = 0;
        eventually(
            "the third call",
            Duration::from_secs(5),
            Duration::ZERO,
            || {
                calls += 1;
                calls == 3
            },
        );
        assert_eq!(calls, 3);
    }

    #[test]
    #[should_panic(expected = "waiting for something that never happens")]
    fn fails_naming_what_never_came() {
        eventually(
            "something that never happens",
            Duration::from_millis(20),
            Duration::from_millis(1),
            || false,
        );
    }
}
