//! The local replica: the only code that opens the SQLite file. Each customer is one Automerge
//! document (the truth) stored beside a plain-table projection of it, written in the same
//! transaction, so lists and searches are SQL while merges stay Automerge's.

mod document;
mod error;
mod schema;
mod store;

pub use error::ReplicaError;
pub use store::{Replica, DATABASE_FILE};
