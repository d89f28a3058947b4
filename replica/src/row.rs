//! One customer as a card or list row shows it (`CustomerRow`, what `customer_page` pages hold),
//! read from the projection: what creating or changing a customer answers, so the window shows
//! the replica's row rather than building one from the draft it sent.

use clientele_model::query::{CustomerRow, SortKey};
use rusqlite::OptionalExtension;

use crate::query::{read_row, row_select, sort_column};
use crate::store::Replica;
use crate::ReplicaError;

impl Replica {
    /// The customer's row for the session's user (its favourite flag) on today's date (its
    /// activity state). Its sort value is the name's, as pages sorted by name (the default) hold.
    pub fn customer_row(&self, id: &str) -> Result<CustomerRow, ReplicaError> {
        let today = chrono::Local::now().format("%Y-%m-%d").to_string();
        let sql = format!("{} WHERE c.id = ?3", row_select(sort_column(SortKey::Name)));
        let row = self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params![today, self.user(), id], read_row)
            .optional()?;
        row.ok_or_else(|| ReplicaError::NotFound {
            what: "customer".into(),
            id: id.to_owned(),
        })
    }
}
