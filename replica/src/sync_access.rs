//! Where a sync round finds its replica. A round is a series of short steps (read what to send,
//! store what came back) with network calls between them; it reaches the replica only through
//! `ReplicaAccess::with`, so the app's loop locks its shared replica for each step and never
//! across network I/O, while tests and the command line lend a replica they hold whole.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::store::Replica;

/// How long a step writes at most while no window command has asked for the replica lately
/// (and always for a replica held whole): each commit writes the pages it touched again, and
/// the search index a segment, so many small steps cost a bootstrap most of its time (3 ms
/// steps made 100,000 customers take 5.4× the raw baseline in the sync benchmark). A command
/// arriving mid-step waits for what the step wrote to commit: this bounds it.
pub(crate) const LONG_STEP: Duration = Duration::from_millis(25);

/// How long a step writes at most while the window is busy: a command then waits for a step's
/// commit of this much writing (measured in the UI benchmark's bootstrap, IPC p99 during it /
/// on the slow link: 12 ms, 71 / 57 ms; 5 ms, 56 / 46 ms; 3 ms, 52 / 38 ms; 25 ms, 84 / 55 ms).
pub(crate) const SHORT_STEP: Duration = Duration::from_millis(3);

/// How long after a command the window counts as busy.
const BUSY_FOR: Duration = Duration::from_secs(2);

/// A replica shared between the window's commands and the sync loop. parking_lot's mutex, not
/// std's: after each step the loop hands the lock straight to a waiting command
/// (`unlock_fair`) instead of taking it again at once for its next step, so a command waits
/// for at most one step of a bootstrap, not a whole page of them. It notes when commands ask
/// for the replica, so a step ends as soon as one waits, and steps are short while the window
/// is busy and long (fewer, cheaper commits) while it is idle.
pub struct SharedReplica {
    replica: parking_lot::Mutex<Replica>,
    /// Commands waiting for `replica` now.
    waiting: AtomicUsize,
    /// When a command last asked for `replica`, in milliseconds after `since`.
    last_asked: AtomicU64,
    since: Instant,
}

impl SharedReplica {
    pub fn new(replica: Replica) -> SharedReplica {
        SharedReplica {
            replica: parking_lot::Mutex::new(replica),
            waiting: AtomicUsize::new(0),
            last_asked: AtomicU64::new(0),
            since: Instant::now(),
        }
    }

    /// The replica, for a command: waits for the sync loop's current step, which ends early
    /// because this command waits.
    pub fn lock(&self) -> parking_lot::MutexGuard<'_, Replica> {
        // At least 1: 0 means no command has asked yet.
        let now = self.since.elapsed().as_millis().max(1) as u64;
        self.last_asked.store(now, Ordering::Relaxed);
        if let Some(replica) = self.replica.try_lock() {
            return replica;
        }
        self.waiting.fetch_add(1, Ordering::SeqCst);
        let replica = self.replica.lock();
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        replica
    }

    /// The replica itself, when nothing else shares it any more.
    pub fn into_inner(self) -> Replica {
        self.replica.into_inner()
    }

    /// The replica if nobody holds it now.
    pub fn try_lock(&self) -> Option<parking_lot::MutexGuard<'_, Replica>> {
        self.replica.try_lock()
    }
}

/// Lends the replica to one step of a round.
pub trait ReplicaAccess {
    /// Runs `step` with the replica; nothing else reaches it meanwhile.
    fn with<R>(&self, step: impl FnOnce(&mut Replica) -> R) -> R;

    /// Whether someone else waits for the replica now, so a step should end.
    fn awaited(&self) -> bool {
        false
    }

    /// How long the next step may write at most.
    fn step_budget(&self) -> Duration {
        LONG_STEP
    }
}

/// A replica the caller holds for the whole round.
pub(crate) struct Held<'a>(RefCell<&'a mut Replica>);

impl<'a> Held<'a> {
    pub(crate) fn new(replica: &'a mut Replica) -> Held<'a> {
        Held(RefCell::new(replica))
    }
}

impl ReplicaAccess for Held<'_> {
    fn with<R>(&self, step: impl FnOnce(&mut Replica) -> R) -> R {
        step(&mut self.0.borrow_mut())
    }

    /// Nobody waits for a replica held whole: a page is written in one step, one commit (each
    /// commit writes the pages it touched and a search-index segment again).
    fn step_budget(&self) -> Duration {
        WHOLE_PAGE
    }
}

/// A step's budget that no page's writing reaches.
const WHOLE_PAGE: Duration = Duration::from_secs(3600);

/// A replica shared with the window's commands: locked for each step only, and handed to a
/// waiting command after it.
impl ReplicaAccess for SharedReplica {
    fn with<R>(&self, step: impl FnOnce(&mut Replica) -> R) -> R {
        let mut replica = self.replica.lock();
        let answer = step(&mut replica);
        parking_lot::MutexGuard::unlock_fair(replica);
        answer
    }

    fn awaited(&self) -> bool {
        self.waiting.load(Ordering::SeqCst) > 0
    }

    fn step_budget(&self) -> Duration {
        let asked = self.last_asked.load(Ordering::Relaxed);
        let now = self.since.elapsed().as_millis() as u64;
        budget_after((asked > 0).then(|| Duration::from_millis(now.saturating_sub(asked))))
    }
}

/// A step's budget when the last command asked `quiet` ago (`None`: none ever did).
fn budget_after(quiet: Option<Duration>) -> Duration {
    match quiet {
        Some(quiet) if quiet < BUSY_FOR => SHORT_STEP,
        _ => LONG_STEP,
    }
}

/// When a step of writing ends: at its access's budget, or as soon as a command waits.
pub(crate) struct StepLimit<'a> {
    pub(crate) budget: Duration,
    pub(crate) awaited: &'a dyn Fn() -> bool,
}

impl StepLimit<'_> {
    /// Whether a step that started at `started` should commit now.
    pub(crate) fn reached(&self, started: Instant) -> bool {
        (self.awaited)() || started.elapsed() >= self.budget
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn shared() -> (tempfile::TempDir, Arc<SharedReplica>) {
        let dir = tempfile::tempdir().unwrap();
        let replica = Replica::open(dir.path()).unwrap();
        (dir, Arc::new(SharedReplica::new(replica)))
    }

    /// Waits up to 10 s for `condition`.
    fn wait_for(condition: impl Fn() -> bool) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if condition() {
                return true;
            }
            std::thread::yield_now();
        }
        false
    }

    #[test]
    fn a_step_sees_a_command_waiting_and_the_command_then_gets_the_replica() {
        let (_dir, shared) = shared();
        let command = shared.with(|_| {
            assert!(!shared.awaited(), "nobody waits yet");
            let waiting = shared.clone();
            let command = std::thread::spawn(move || waiting.lock().actor.to_hex_string());
            assert!(
                wait_for(|| shared.awaited()),
                "the step never saw the command waiting"
            );
            command
        });
        assert!(!command.join().unwrap().is_empty());
        assert!(!shared.awaited(), "the command has its replica");
    }

    #[test]
    fn steps_are_long_until_a_command_asks_then_short() {
        let (_dir, shared) = shared();
        assert_eq!(shared.step_budget(), LONG_STEP);
        drop(shared.lock());
        assert_eq!(shared.step_budget(), SHORT_STEP);
        assert_eq!(budget_after(Some(BUSY_FOR / 2)), SHORT_STEP);
        assert_eq!(budget_after(Some(BUSY_FOR * 2)), LONG_STEP);
        assert_eq!(budget_after(None), LONG_STEP);
    }

    #[test]
    fn a_replica_held_whole_writes_a_page_in_one_step_and_is_never_awaited() {
        let dir = tempfile::tempdir().unwrap();
        let mut replica = Replica::open(dir.path()).unwrap();
        let held = Held::new(&mut replica);
        assert_eq!(held.step_budget(), WHOLE_PAGE);
        assert!(!held.awaited());
        let limit = StepLimit {
            budget: held.step_budget(),
            awaited: &|| held.awaited(),
        };
        assert!(!limit.reached(Instant::now()));
        assert!(!limit.reached(Instant::now() - LONG_STEP * 100));
    }
}
