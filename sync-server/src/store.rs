//! Durable storage of accepted changes, document snapshots, users and tokens, behind one trait
//! so the embedded SQLite store (default) and PostgreSQL pass the same tests. A push is committed
//! before it is acknowledged, and an entry already held is ignored, so retries duplicate nothing.

use sha2::{Digest, Sha256};

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Admin,
    Manager,
    Rep,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Rep => "rep",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "admin" => Some(Role::Admin),
            "manager" => Some(Role::Manager),
            "rep" => Some(Role::Rep),
            _ => None,
        }
    }
}

/// A team member as the server knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub name: String,
    pub role: Role,
    /// May see and write private addresses.
    pub private_addresses: bool,
    pub disabled: bool,
}

/// One entry to store: the changes of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub doc_id: String,
    pub class: String,
    pub data: Vec<u8>,
}

/// One stored entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    pub seq: u64,
    pub doc_id: String,
    pub class: String,
    pub data: Vec<u8>,
}

/// A document's compacted state (Automerge `save()` bytes), which a fresh device loads instead
/// of replaying the change log. `position` orders documents for resumable paging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub position: u64,
    pub doc_id: String,
    pub class: String,
    pub data: Vec<u8>,
}

/// Whose request it is: decides which documents leave the server (the rule is the shared
/// schema's, written once).
pub type Visibility<'a> = clientele_schema::Viewer<'a>;

pub use clientele_schema::ids::preferences_id;

/// Decides, inside the store's transaction, what a pushed entry does to its document: given the
/// current snapshot (`None` for a new document) it returns the new snapshot, or `None` when the
/// entry brings nothing new. An error refuses the whole push; nothing is stored.
pub type Merge<'a> = dyn Fn(&NewEntry, Option<&[u8]>) -> Result<Option<Vec<u8>>, StoreError> + 'a;

/// What a store calls when another instance moved the cursor.
pub type CursorWaker = Box<dyn Fn(u64) + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the server's database failed: {0}")]
    Database(String),
    #[error("the server's SQLite database failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL at {target} failed while {what}: {detail}; {hint}")]
    Postgres {
        target: String,
        what: String,
        /// The error with its causes, for the message.
        detail: String,
        hint: &'static str,
        #[source]
        source: postgres::Error,
    },
    #[error("{user} may not change document {doc_id}: {reason}")]
    Forbidden {
        user: String,
        doc_id: String,
        reason: String,
    },
    #[error("the changes of {doc_id} are not valid Automerge data: {reason}")]
    BadChanges { doc_id: String, reason: String },
    #[error(
        "document {doc_id} is a {existing}, not a {claimed}: a document's class never changes"
    )]
    ClassMismatch {
        doc_id: String,
        existing: String,
        claimed: String,
    },
    #[error("no user named {0}: add them with `clientele-sync-server user add {0}`")]
    UnknownUser(String),
    #[error("a user named {0} already exists")]
    DuplicateUser(String),
}

/// The storage every server instance uses.
pub trait Store: Send + Sync {
    /// Stores the entries in one transaction, each merged into its document's snapshot by
    /// `merge` (called with the document locked against concurrent pushes); returns (accepted,
    /// duplicates, latest cursor). An entry whose bytes are already held, or that `merge` finds
    /// brings nothing new, is a duplicate and is not stored again.
    fn append(
        &self,
        user: &str,
        entries: &[NewEntry],
        merge: &Merge<'_>,
    ) -> Result<(u32, u32, u64), StoreError>;
    /// Entries after `after`, at most `limit`, only of documents `visibility` may see.
    fn pull(
        &self,
        after: u64,
        limit: u32,
        visibility: Visibility<'_>,
    ) -> Result<Vec<StoredEntry>, StoreError>;
    /// Snapshots of documents with position after `after`, at most `limit`, in position order,
    /// only of documents `visibility` may see. Each includes every entry stored before it was read.
    fn snapshots(
        &self,
        after: u64,
        limit: u32,
        visibility: Visibility<'_>,
    ) -> Result<Vec<Snapshot>, StoreError>;
    /// How many documents `visibility` may see (a fresh device's progress).
    fn visible_documents(&self, visibility: Visibility<'_>) -> Result<u64, StoreError>;
    /// The highest cursor stored (0 when empty).
    fn latest_cursor(&self) -> Result<u64, StoreError>;
    /// Calls `wake` with the latest cursor whenever any server instance on this storage commits
    /// new entries, so a device long-polling one instance hears of a push to another. The
    /// embedded store has one instance (its pushes wake their own waiters), so by default this
    /// does nothing.
    fn watch_cursor(&self, wake: CursorWaker) -> Result<(), StoreError> {
        let _ = wake;
        Ok(())
    }
    fn add_user(&self, user: &User) -> Result<(), StoreError>;
    fn users(&self) -> Result<Vec<User>, StoreError>;
    fn set_disabled(&self, name: &str, disabled: bool) -> Result<(), StoreError>;
    /// Stores a token's hash for `user`.
    fn add_token(&self, user: &str, token_hash: &[u8], label: &str) -> Result<(), StoreError>;
    fn revoke_token(&self, token_hash: &[u8]) -> Result<bool, StoreError>;
    /// The active user a token belongs to.
    fn user_for_token(&self, token_hash: &[u8]) -> Result<Option<User>, StoreError>;
}

/// SHA-256, for tokens (stored hashed) and entry identity.
pub fn sha256(bytes: &[u8]) -> Vec<u8> {
    Sha256::digest(bytes).to_vec()
}

/// An entry's identity: the hash of its document id and bytes (a retried push repeats it).
pub fn entry_hash(entry: &NewEntry) -> Vec<u8> {
    let mut hasher = Sha256::new();
    hasher.update(entry.doc_id.as_bytes());
    hasher.update([0]);
    hasher.update(&entry.data);
    hasher.finalize().to_vec()
}
