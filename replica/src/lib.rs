//! The local replica: the only code that opens the SQLite file. Each customer is one Automerge
//! document (the truth) stored beside a plain-table projection of it, written in the same
//! transaction, so lists and searches are SQL while merges stay Automerge's.

mod bulk;
mod conflicts;
mod contacts;
mod document;
mod duplicates;
mod edit_at;
mod encryption;
mod error;
mod history;
mod history_page;
mod identity;
mod maintenance;
mod merge;
mod notes;
mod parallel;
mod private_cache;
mod projection;
mod query;
mod record;
mod refusals;
mod row;
mod saved_searches;
mod schema;
mod session;
mod settings;
mod settings_edit;
mod store;
mod sync;
mod sync_access;
mod sync_bootstrap;
mod sync_exchange;
mod sync_http;
mod sync_loop;
mod sync_merge;
mod transfer;

pub use bulk::CustomerSeed;
pub use document::CustomerDocument;
pub use encryption::{KeyError, ReplicaKey};
pub use error::ReplicaError;
pub use history::FieldConflict;
pub use maintenance::CheckReport;
pub use notes::MAX_NOTE_CHARS;
pub use private_cache::PrivateAddressPurge;
pub use query::{fts_query, MAX_PAGE};
pub use session::{ChangeNotice, ChangeOrigin, Session, LOCAL_USER};
pub use settings::SETTINGS_ID;
pub use settings_edit::SettingsError;
pub use store::{Replica, DATABASE_FILE};
pub use sync::{sync_shared, SyncError, SyncProgress, SyncReport, SyncTransport};
pub use sync_access::{ReplicaAccess, SharedReplica};
pub use sync_http::HttpTransport;
pub use sync_loop::{spawn_sync_loop, SyncHandle};
pub use transfer::{ImportProgress, ImportReport, PossibleDuplicate, RowError, CANONICAL_COLUMNS};
