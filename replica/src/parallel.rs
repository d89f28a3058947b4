//! Spreading CPU-bound work (validation, Automerge encoding and merging) over the cores.

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
    map_on(cores(), items, work)
}

/// Maps `work` over `items` on every core but one, keeping their order: for work that runs
/// beside a writer holding the replica (a bootstrap's merging), so the writer and the
/// window's commands keep a core rather than queueing behind the merge for the CPU.
pub(crate) fn parallel_map_beside<T: Send, U: Send>(
    items: Vec<T>,
    work: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    map_on(cores().saturating_sub(1).max(1), items, work)
}

fn map_on<T: Send, U: Send>(threads: usize, items: Vec<T>, work: impl Fn(T) -> U + Sync) -> Vec<U> {
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
            .map(|part| scope.spawn(move || part.into_iter().map(work).collect::<Vec<U>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("an import worker panicked"))
            .collect()
    })
}
