//! Spreading CPU-bound work (validation, Automerge encoding and merging) over the cores.

/// How a bootstrap's background threads (merging the next page, checkpoints, syncing the WAL)
/// stand for the CPU: below the window's, about nice 10 on Linux. On two cores they otherwise
/// take turns with the window's commands and the webview; nobody waits for them but the writer,
/// which keeps its own priority (a command waits for its step).
const BACKGROUND: u8 = 25;

/// Lowers the calling thread's CPU priority to `BACKGROUND`, for work nobody waits for. Where
/// the system refuses, the thread keeps its priority (it only runs sooner); a process started
/// nicer than that keeps its own, since only a privileged one may raise a priority.
pub(crate) fn in_background() {
    let lowered = thread_priority::ThreadPriorityValue::try_from(BACKGROUND)
        .map_err(|e| e.to_string())
        .and_then(|value| {
            thread_priority::set_current_thread_priority(
                thread_priority::ThreadPriority::Crossplatform(value),
            )
            .map_err(|e| format!("{e:?}"))
        });
    if let Err(error) = lowered {
        tracing::debug!(%error, "a background thread keeps its CPU priority");
    }
}

/// The machine's cores, at most 8.
fn cores() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
}

/// Maps `work` over `items` on every core, keeping their order.
pub(crate) fn parallel_map<T: Send, U: Send>(
    items: Vec<T>,
    work: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    map_on(cores(), items, work, false)
}

/// Maps `work` over `items` on every core but one, in the background (`in_background`), keeping
/// their order: for work that runs beside a writer holding the replica (a bootstrap's merging),
/// so the writer and the window's commands keep a core rather than queueing behind the merge
/// for the CPU. The calling thread stays in the background too: call it from a thread of its own.
pub(crate) fn parallel_map_beside<T: Send, U: Send>(
    items: Vec<T>,
    work: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    in_background();
    map_on(cores().saturating_sub(1).max(1), items, work, true)
}

fn map_on<T: Send, U: Send>(
    threads: usize,
    items: Vec<T>,
    work: impl Fn(T) -> U + Sync,
    background: bool,
) -> Vec<U> {
    if threads < 2 || items.len() < 64 {
        return items.into_iter().map(work).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let mut chunks: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut items = items.into_iter();
    loop {
        let part: Vec<T> = items.by_ref().take(chunk).collect();
        if part.is_empty() {
            break;
        }
        chunks.push(part);
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|part| {
                scope.spawn(move || {
                    if background {
                        in_background();
                    }
                    part.into_iter().map(work).collect::<Vec<U>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("an import worker panicked"))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The thread's nice value, as /proc says (field 19 of its stat line).
    #[cfg(target_os = "linux")]
    fn nice() -> i64 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
        let after_name = &stat[stat.rfind(')').unwrap() + 2..];
        after_name.split(' ').nth(16).unwrap().parse().unwrap()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn background_work_runs_below_the_window_and_keeps_its_order() {
        let before = std::thread::spawn(nice).join().unwrap();
        let items: Vec<u32> = (0..1_000).collect();
        let (merged, nice_inside) = std::thread::spawn(move || {
            let merged = parallel_map_beside(items, |n| (n, nice()));
            (merged, nice())
        })
        .join()
        .unwrap();
        let order: Vec<u32> = merged.iter().map(|(n, _)| *n).collect();
        assert_eq!(order, (0..1_000).collect::<Vec<_>>());
        // The caller's other threads keep theirs.
        assert_eq!(std::thread::spawn(nice).join().unwrap(), before);
        // Background is nice 9. A run already nicer than that (a niced CI job) keeps its value
        // unless it may raise a priority (root).
        let in_background = |nice: i64| nice == 9 || (before > 9 && nice == before);
        assert!(
            in_background(nice_inside),
            "the calling thread: {nice_inside}, was {before}"
        );
        assert!(
            merged.iter().all(|(_, nice)| in_background(*nice)),
            "every worker"
        );
    }
}
