//! The window's read-only connection for the Customers screen's pages and group counts. Under
//! WAL a reader sees the last committed state without waiting for the writer, so the screen
//! pages while a sync's bootstrap writes or rebuilds an index, instead of queueing behind the
//! replica's lock (issue 10: no frozen window). Writes, and every read that must see the
//! caller's own uncommitted state, stay on the replica.

use std::sync::Arc;

use clientele_model::query::{CustomerPage, CustomerQuery, GroupBy, GroupCount};
use rusqlite::Connection;

use crate::query::Queries;
use crate::store::{tune, Replica};
use crate::ReplicaError;

/// A second connection to the replica's file, for queries only.
pub struct PageReader {
    reading: parking_lot::Mutex<Reading>,
}

/// The connection, and the replica's session user (kept current by `Replica::set_session`).
struct Reading {
    conn: Connection,
    user: Arc<parking_lot::RwLock<String>>,
}

impl Reading {
    fn queries<T>(&self, run: impl FnOnce(Queries<'_>) -> T) -> T {
        let user = self.user.read().clone();
        run(Queries {
            conn: &self.conn,
            user: &user,
        })
    }
}

impl std::fmt::Debug for PageReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageReader").finish_non_exhaustive()
    }
}

impl Replica {
    /// Opens the window's reader on this replica's file, with the same key; it refuses every
    /// write (`query_only`).
    pub fn page_reader(&self) -> Result<PageReader, ReplicaError> {
        Ok(PageReader {
            reading: parking_lot::Mutex::new(self.reading()?),
        })
    }

    fn reading(&self) -> Result<Reading, ReplicaError> {
        let conn = crate::encryption::connect(&self.path, self.key.as_ref())?;
        tune(&conn)?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(Reading {
            conn,
            user: Arc::clone(&self.shared_user),
        })
    }
}

impl PageReader {
    /// Reads `replica`'s file from now on, closing the file read before: the shell swapped its
    /// replica (a wipe on sign-out), and nothing of the old file may stay readable.
    pub fn follow(&self, replica: &Replica) -> Result<(), ReplicaError> {
        let reading = replica.reading()?;
        *self.reading.lock() = reading;
        Ok(())
    }

    /// `Replica::customer_page`, on the last committed state.
    pub fn customer_page(&self, query: &CustomerQuery) -> Result<CustomerPage, ReplicaError> {
        self.reading.lock().queries(|q| q.customer_page(query))
    }

    /// `Replica::group_counts`, on the last committed state.
    pub fn group_counts(
        &self,
        query: &CustomerQuery,
        group_by: GroupBy,
    ) -> Result<Vec<GroupCount>, ReplicaError> {
        self.reading
            .lock()
            .queries(|q| q.group_counts(query, group_by))
    }
}
