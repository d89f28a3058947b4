//! Where a sync round finds its replica. A round is a series of short steps (read what to send,
//! store what came back) with network calls between them; it reaches the replica only through
//! `ReplicaAccess::with`, so the app's loop locks its shared replica for each step and never
//! across network I/O, while tests and the command line lend a replica they hold whole.

use std::cell::RefCell;

use crate::store::Replica;

/// A replica shared between the window's commands and the sync loop. parking_lot's mutex, not
/// std's: after each step the loop hands the lock straight to a waiting command
/// (`unlock_fair`) instead of taking it again at once for its next step, so a command waits
/// for at most one step of a bootstrap, not a whole page of them.
pub type SharedReplica = parking_lot::Mutex<Replica>;

/// Lends the replica to one step of a round.
pub trait ReplicaAccess {
    /// Runs `step` with the replica; nothing else reaches it meanwhile.
    fn with<R>(&self, step: impl FnOnce(&mut Replica) -> R) -> R;
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
}

/// A replica shared with the window's commands: locked for each step only, and handed to a
/// waiting command after it.
impl ReplicaAccess for SharedReplica {
    fn with<R>(&self, step: impl FnOnce(&mut Replica) -> R) -> R {
        let mut replica = self.lock();
        let answer = step(&mut replica);
        parking_lot::MutexGuard::unlock_fair(replica);
        answer
    }
}
