//! Durable storage of accepted changes, document snapshots, users and tokens, behind one trait
//! so the embedded SQLite store (default) and PostgreSQL pass the same tests. A push is committed
//! before it is acknowledged, and an entry already held is ignored, so retries duplicate nothing.

use clientele_model::team::{TeamMember, TeamRole};
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

impl From<Role> for TeamRole {
    fn from(role: Role) -> TeamRole {
        match role {
            Role::Admin => TeamRole::Admin,
            Role::Manager => TeamRole::Manager,
            Role::Rep => TeamRole::Rep,
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

/// The author name of a device that worked alone before joining a team: never a server user.
pub const RESERVED_USER: &str = "local";

/// A user with the name people read (the login when none was given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user: User,
    pub display_name: String,
}

impl Member {
    /// This member as the team directory shows them.
    pub fn team_member(&self) -> TeamMember {
        TeamMember {
            user: self.user.name.clone(),
            display_name: self.display_name.clone(),
            role: self.user.role.into(),
            active: !self.user.disabled,
        }
    }

    /// A member as a store's `users` row holds them; an empty display name reads as the login.
    pub fn from_columns(user: User, display_name: String) -> Member {
        let display_name = if display_name.trim().is_empty() {
            user.name.clone()
        } else {
            display_name
        };
        Member { user, display_name }
    }
}

/// The display name to store for `user`: `display_name` trimmed, or the login when empty.
pub fn display_name_or_login(user: &str, display_name: &str) -> String {
    match display_name.trim() {
        "" => user.to_owned(),
        name => name.to_owned(),
    }
}

/// Refuses a new user the server must not have: no name, or the reserved `local`.
pub fn check_new_user(user: &User) -> Result<(), StoreError> {
    let name = user.name.as_str();
    if name.trim().is_empty() || name.trim() != name {
        return Err(StoreError::BadUserName(name.to_owned()));
    }
    if name == RESERVED_USER {
        return Err(StoreError::ReservedUser);
    }
    Ok(())
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

/// Which paged table a page reads: the change log in `seq` order, or the snapshots in
/// `position` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paged {
    Entries,
    Snapshots,
}

impl Paged {
    /// The table and the column that orders it (the same names in every store's schema).
    pub fn table_and_order(self) -> (&'static str, &'static str) {
        match self {
            Paged::Entries => ("entries", "seq"),
            Paged::Snapshots => ("snapshots", "position"),
        }
    }
}

/// What a page asks for: rows after `after` in the table's order, at most `limit`, only of
/// documents `visibility` may see.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest<'a> {
    pub after: u64,
    pub limit: u32,
    pub visibility: Visibility<'a>,
}

/// A push to store: `user`'s `entries`, each merged into its document's snapshot by `merge`.
#[derive(Clone, Copy)]
pub struct Push<'a> {
    pub user: &'a str,
    pub entries: &'a [NewEntry],
    pub merge: &'a Merge<'a>,
}

/// One row of a page, as both paged tables hold it: its place in the order, and the document's
/// id, class and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRow {
    pub order: u64,
    pub doc_id: String,
    pub class: String,
    pub data: Vec<u8>,
}

/// `From<PageRow>` for a paged type whose order column is the field `$order`.
macro_rules! from_page_row {
    ($paged:ident, $order:ident) => {
        impl From<PageRow> for $paged {
            fn from(row: PageRow) -> Self {
                let PageRow {
                    order,
                    doc_id,
                    class,
                    data,
                } = row;
                $paged {
                    $order: order,
                    doc_id,
                    class,
                    data,
                }
            }
        }
    };
}
from_page_row!(StoredEntry, seq);
from_page_row!(Snapshot, position);

impl User {
    /// What this user's requests may see.
    pub fn visibility(&self) -> Visibility<'_> {
        Visibility {
            user: &self.name,
            private_addresses: self.private_addresses,
        }
    }

    /// A user as a store's `users` row holds them; an unknown role reads as the least
    /// privileged one.
    pub fn from_columns(name: String, role: &str, private_addresses: bool, disabled: bool) -> User {
        User {
            name,
            role: Role::parse(role).unwrap_or(Role::Rep),
            private_addresses,
            disabled,
        }
    }
}

/// Refuses `entry` when its document is already held as another class: a document's class
/// never changes.
pub fn check_class(entry: &NewEntry, existing: &str) -> Result<(), StoreError> {
    if existing == entry.class {
        return Ok(());
    }
    Err(StoreError::ClassMismatch {
        doc_id: entry.doc_id.clone(),
        existing: existing.to_owned(),
        claimed: entry.class.clone(),
    })
}

/// Whose request it is: decides which documents leave the server (the rule is the shared
/// schema's, written once).
pub type Visibility<'a> = clientele_schema::Viewer<'a>;

pub use clientele_schema::ids::preferences_id;

/// Decides, inside the store's transaction, what a pushed entry does to its document: given the
/// current snapshot (`None` for a new document) it returns the new snapshot, or `None` when the
/// entry brings nothing new. An error refuses the whole push; nothing is stored.
/// The merge may draw an official number from `numbers` (a sales record the server accepts for
/// the first time, design.md "Numbers made offline").
pub type Merge<'a> = dyn Fn(&NewEntry, Option<&[u8]>, &mut dyn NumberSource) -> Result<Option<Merged>, StoreError>
    + 'a;

/// What an accepted entry leaves in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The document's new snapshot.
    pub snapshot: Vec<u8>,
    /// What the change log keeps for devices to pull instead of the entry's bytes: those bytes
    /// followed by the server's own change (the official number). `None`: the entry's bytes.
    pub log_data: Option<Vec<u8>>,
}

/// The store's sequences of official numbers, drawn from inside the push's transaction: a
/// number is used once, by the push that commits with it.
pub trait NumberSource {
    /// The next number of `sequence` (1 for a sequence never used).
    fn next_number(&mut self, sequence: &str) -> Result<u64, StoreError>;
}

/// The statement that draws the next number of sequence `?1`/`$1` (the same SQL on SQLite and
/// PostgreSQL but for the parameter's spelling): concurrent pushes wait on the sequence's row.
pub fn next_number_sql(parameter: &str) -> String {
    format!(
        "INSERT INTO number_sequences (name, last) VALUES ({parameter}, 1)
         ON CONFLICT (name) DO UPDATE SET last = number_sequences.last + 1 RETURNING last"
    )
}

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
    #[error(
        "the name `local` is reserved: it is the author of a device's edits made before it \
         joined a team; choose another login (the display name may still read \"local\")"
    )]
    ReservedUser,
    #[error(
        "a user's login must not be empty nor begin or end with spaces (got {0:?}); \
         put a name with spaces in --display-name"
    )]
    BadUserName(String),
    #[error(
        "{0} is disabled: enable them again or enrol another user (`clientele-sync-server \
         user list` shows who is active)"
    )]
    UserDisabled(String),
    #[error(
        "this enrolment code is not known: check that it was typed as printed, or ask your \
         manager for a new one"
    )]
    EnrolmentCodeUnknown,
    #[error(
        "this enrolment code was already used by another device: each code enrols one device; \
         ask your manager for a new one"
    )]
    EnrolmentCodeUsed,
    #[error("this enrolment code has expired: ask your manager for a new one")]
    EnrolmentCodeExpired,
    #[error(
        "{0} is the team's last active admin: make someone else admin first \
         (`clientele-sync-server user set-role NAME --role admin`), or nobody could manage the team"
    )]
    LastAdmin(String),
}

/// The storage every server instance uses.
pub trait Store: Send + Sync {
    /// Stores the push's entries in one transaction, each merged into its document's snapshot by
    /// `push.merge` (called with the document locked against concurrent pushes); returns (accepted,
    /// duplicates, latest cursor). An entry whose bytes are already held, or that `merge` finds
    /// brings nothing new, is a duplicate and is not stored again.
    fn append(&self, push: Push<'_>) -> Result<(u32, u32, u64), StoreError>;
    /// The `paged` rows `request` asks for, in order: the one query behind `pull` and
    /// `snapshots`.
    fn page(&self, paged: Paged, request: PageRequest<'_>) -> Result<Vec<PageRow>, StoreError>;
    /// Entries after `request.after`, at most `request.limit`, only of documents
    /// `request.visibility` may see.
    fn pull(&self, request: PageRequest<'_>) -> Result<Vec<StoredEntry>, StoreError> {
        let rows = self.page(Paged::Entries, request)?;
        Ok(rows.into_iter().map(StoredEntry::from).collect())
    }
    /// Snapshots of documents with position after `request.after`, at most `request.limit`, in
    /// position order, only of documents `request.visibility` may see. Each includes every entry
    /// stored before it was read.
    fn snapshots(&self, request: PageRequest<'_>) -> Result<Vec<Snapshot>, StoreError> {
        Ok(self
            .page(Paged::Snapshots, request)?
            .into_iter()
            .map(Snapshot::from)
            .collect())
    }
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
    /// Adds `user`, named `display_name` for people (the login when empty); refuses a
    /// duplicate, an empty name and the reserved `local` ([`check_new_user`]).
    fn add_member(&self, user: &User, display_name: &str) -> Result<(), StoreError>;
    /// Adds `user` with their login as display name.
    fn add_user(&self, user: &User) -> Result<(), StoreError> {
        self.add_member(user, &user.name)
    }
    /// Every user, active or disabled, with their display name, by login.
    fn members(&self) -> Result<Vec<Member>, StoreError>;
    /// Every user, active or disabled, by login.
    fn users(&self) -> Result<Vec<User>, StoreError> {
        Ok(self.members()?.into_iter().map(|m| m.user).collect())
    }
    /// Sets the name people read for `name` (the login when empty).
    fn set_display_name(&self, name: &str, display_name: &str) -> Result<(), StoreError>;
    fn set_disabled(&self, name: &str, disabled: bool) -> Result<(), StoreError>;
    /// Gives `name` the role `role`; their next request is judged by it (tokens carry no role).
    fn set_role(&self, name: &str, role: Role) -> Result<(), StoreError>;
    /// Stores a token's hash for `user`.
    fn add_token(&self, user: &str, token_hash: &[u8], label: &str) -> Result<(), StoreError>;
    fn revoke_token(&self, token_hash: &[u8]) -> Result<bool, StoreError>;
    /// The active user a token belongs to.
    fn user_for_token(&self, token_hash: &[u8]) -> Result<Option<User>, StoreError>;
    /// Stores a one-time enrolment code's hash for `user`, usable until `expires_at` (Unix
    /// seconds); refuses an unknown or disabled user.
    fn add_enrolment_code(
        &self,
        user: &str,
        code_hash: &[u8],
        expires_at: i64,
    ) -> Result<(), StoreError>;
    /// Exchanges an enrolment code for a device token in one transaction: marks the code used
    /// at `now` (Unix seconds) by `device_name` and stores `token_hash` for the code's user,
    /// whom it returns. Refuses (storing nothing) an unknown, used or expired code and a
    /// disabled user.
    fn redeem_enrolment_code(
        &self,
        code_hash: &[u8],
        now: i64,
        token_hash: &[u8],
        device_name: &str,
    ) -> Result<User, StoreError>;
}

/// An enrolment code's state as a store reads it, judged the same way by both stores: the
/// refusal, if any, for a redemption at `now`.
pub fn check_enrolment(
    expires_at: i64,
    used_at: Option<i64>,
    user: &User,
    now: i64,
) -> Result<(), StoreError> {
    if used_at.is_some() {
        return Err(StoreError::EnrolmentCodeUsed);
    }
    if expires_at <= now {
        return Err(StoreError::EnrolmentCodeExpired);
    }
    if user.disabled {
        return Err(StoreError::UserDisabled(user.name.clone()));
    }
    Ok(())
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
