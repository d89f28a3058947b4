//! Durable storage of accepted changes, users and tokens, behind one trait so the embedded
//! SQLite store (default) and others share the same tests. A push is committed before it is
//! acknowledged, and an entry already held is ignored, so retries duplicate nothing.

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Mutex;

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

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the server's database failed: {0}")]
    Database(#[from] rusqlite::Error),
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
    /// Stores the entries in one transaction; returns (accepted, duplicates, latest cursor).
    fn append(&self, user: &str, entries: &[NewEntry]) -> Result<(u32, u32, u64), StoreError>;
    /// Entries after `after`, at most `limit`, leaving out private addresses unless allowed.
    fn pull(
        &self,
        after: u64,
        limit: u32,
        private_addresses: bool,
    ) -> Result<Vec<StoredEntry>, StoreError>;
    /// The highest cursor stored (0 when empty).
    fn latest_cursor(&self) -> Result<u64, StoreError>;
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

/// The embedded store: one SQLite file, WAL, synchronous FULL.
pub struct SqliteStore {
    conn: Mutex<Connection>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    class TEXT NOT NULL,
    hash BLOB NOT NULL UNIQUE,
    data BLOB NOT NULL,
    user_name TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS documents (doc_id TEXT PRIMARY KEY NOT NULL, class TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY NOT NULL,
    role TEXT NOT NULL,
    private_addresses INTEGER NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE IF NOT EXISTS tokens (
    hash BLOB PRIMARY KEY NOT NULL,
    user_name TEXT NOT NULL REFERENCES users(name),
    label TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
) STRICT;
";

impl SqliteStore {
    /// Opens or creates `sync.sqlite3` in `dir`.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let conn = Connection::open(dir.join("sync.sqlite3"))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn user_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    let role: String = row.get(1)?;
    Ok(User {
        name: row.get(0)?,
        role: Role::parse(&role).unwrap_or(Role::Rep),
        private_addresses: row.get(2)?,
        disabled: row.get(3)?,
    })
}

impl Store for SqliteStore {
    fn append(&self, user: &str, entries: &[NewEntry]) -> Result<(u32, u32, u64), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let (mut accepted, mut duplicates) = (0, 0);
        for entry in entries {
            let existing: Option<String> = tx
                .prepare_cached("SELECT class FROM documents WHERE doc_id = ?1")?
                .query_row([&entry.doc_id], |r| r.get(0))
                .optional()?;
            match existing {
                Some(class) if class != entry.class => {
                    return Err(StoreError::ClassMismatch {
                        doc_id: entry.doc_id.clone(),
                        existing: class,
                        claimed: entry.class.clone(),
                    })
                }
                Some(_) => {}
                None => {
                    tx.prepare_cached("INSERT INTO documents (doc_id, class) VALUES (?1, ?2)")?
                        .execute(params![entry.doc_id, entry.class])?;
                }
            }
            let mut hasher = Sha256::new();
            hasher.update(entry.doc_id.as_bytes());
            hasher.update([0]);
            hasher.update(&entry.data);
            let inserted = tx
                .prepare_cached("INSERT OR IGNORE INTO entries (doc_id, class, hash, data, user_name) VALUES (?1, ?2, ?3, ?4, ?5)")?
                .execute(params![entry.doc_id, entry.class, hasher.finalize().to_vec(), entry.data, user])?;
            if inserted == 1 {
                accepted += 1;
            } else {
                duplicates += 1;
            }
        }
        let cursor: i64 = tx.query_row("SELECT coalesce(max(seq), 0) FROM entries", [], |r| {
            r.get(0)
        })?;
        tx.commit()?;
        Ok((accepted, duplicates, cursor as u64))
    }

    fn pull(
        &self,
        after: u64,
        limit: u32,
        private_addresses: bool,
    ) -> Result<Vec<StoredEntry>, StoreError> {
        let conn = self.conn();
        let mut statement = conn.prepare_cached(
            "SELECT seq, doc_id, class, data FROM entries
             WHERE seq > ?1 AND (?3 OR class != 'private_address') ORDER BY seq LIMIT ?2",
        )?;
        let rows = statement.query_map(params![after as i64, limit, private_addresses], |r| {
            Ok(StoredEntry {
                seq: r.get::<_, i64>(0)? as u64,
                doc_id: r.get(1)?,
                class: r.get(2)?,
                data: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn latest_cursor(&self) -> Result<u64, StoreError> {
        let cursor: i64 =
            self.conn()
                .query_row("SELECT coalesce(max(seq), 0) FROM entries", [], |r| {
                    r.get(0)
                })?;
        Ok(cursor as u64)
    }

    fn add_user(&self, user: &User) -> Result<(), StoreError> {
        let inserted = self.conn().execute(
            "INSERT OR IGNORE INTO users (name, role, private_addresses, disabled) VALUES (?1, ?2, ?3, ?4)",
            params![user.name, user.role.as_str(), user.private_addresses, user.disabled],
        )?;
        if inserted == 0 {
            return Err(StoreError::DuplicateUser(user.name.clone()));
        }
        Ok(())
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        let conn = self.conn();
        let mut statement = conn
            .prepare("SELECT name, role, private_addresses, disabled FROM users ORDER BY name")?;
        let rows = statement.query_map([], user_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn set_disabled(&self, name: &str, disabled: bool) -> Result<(), StoreError> {
        if self.conn().execute(
            "UPDATE users SET disabled = ?2 WHERE name = ?1",
            params![name, disabled],
        )? == 0
        {
            return Err(StoreError::UnknownUser(name.to_owned()));
        }
        Ok(())
    }

    fn add_token(&self, user: &str, token_hash: &[u8], label: &str) -> Result<(), StoreError> {
        let conn = self.conn();
        let known: Option<String> = conn
            .query_row("SELECT name FROM users WHERE name = ?1", [user], |r| {
                r.get(0)
            })
            .optional()?;
        if known.is_none() {
            return Err(StoreError::UnknownUser(user.to_owned()));
        }
        conn.execute(
            "INSERT INTO tokens (hash, user_name, label) VALUES (?1, ?2, ?3)",
            params![token_hash, user, label],
        )?;
        Ok(())
    }

    fn revoke_token(&self, token_hash: &[u8]) -> Result<bool, StoreError> {
        Ok(self.conn().execute(
            "UPDATE tokens SET revoked = 1 WHERE hash = ?1",
            [token_hash],
        )? == 1)
    }

    fn user_for_token(&self, token_hash: &[u8]) -> Result<Option<User>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT u.name, u.role, u.private_addresses, u.disabled FROM tokens t JOIN users u ON u.name = t.user_name
                 WHERE t.hash = ?1 AND t.revoked = 0 AND u.disabled = 0",
                [token_hash],
                user_from_row,
            )
            .optional()?)
    }
}
