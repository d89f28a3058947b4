//! Opening the replica's SQLite file and the customer operations on it. Every write puts the
//! document bytes and its projection row in one transaction, so a killed process never leaves
//! one without the other.

use clientele_model::{Customer, CustomerDraft, CustomerKind};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

use crate::document::{customer_from_bytes, new_customer_document, CUSTOMER_CLASS};
use crate::schema::{migrations, SCHEMA_VERSION};
use crate::ReplicaError;

/// The database file's name inside the data folder.
pub const DATABASE_FILE: &str = "clientele.sqlite3";

/// A local replica: one SQLite file in a data folder.
pub struct Replica {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Replica {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replica").field("path", &self.path).finish()
    }
}

impl Replica {
    /// Opens (creating if needed) the replica in `data_dir`, and brings its schema up to date.
    pub fn open(data_dir: &Path) -> Result<Self, ReplicaError> {
        std::fs::create_dir_all(data_dir).map_err(|source| ReplicaError::DataDir {
            path: data_dir.to_owned(),
            source,
        })?;
        let path = data_dir.join(DATABASE_FILE);
        let mut conn = Connection::open(&path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a commit is on disk before the call returns, so an acknowledged save survives.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if found > SCHEMA_VERSION as i64 {
            return Err(ReplicaError::NewerSchema {
                path,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        migrations().to_latest(&mut conn)?;
        tracing::info!(path = %path.display(), "replica opened");
        Ok(Replica { conn, path })
    }

    /// The SQLite file this replica lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Validates the draft and stores a new customer: its document and its projection row,
    /// atomically. Returns the stored customer.
    pub fn create_customer(&mut self, draft: &CustomerDraft) -> Result<Customer, ReplicaError> {
        draft.validate()?;
        let draft = draft.normalized();
        let id = uuid::Uuid::new_v4().to_string();
        let bytes = new_customer_document(&id, &draft)?.save();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO documents (id, class, bytes) VALUES (?1, ?2, ?3)",
            params![id, CUSTOMER_CLASS, bytes],
        )?;
        tx.execute(
            "INSERT INTO customers (id, kind, name, email, phone) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id,
                draft.kind.as_str(),
                draft.name,
                draft.email,
                draft.phone
            ],
        )?;
        tx.commit()?;
        tracing::debug!(%id, "customer created");
        Ok(Customer {
            id,
            kind: draft.kind,
            name: draft.name,
            email: draft.email,
            phone: draft.phone,
        })
    }

    /// Every customer, by name, from the projection (no document is loaded).
    pub fn list_customers(&self) -> Result<Vec<Customer>, ReplicaError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, kind, name, email, phone FROM customers ORDER BY name COLLATE NOCASE, id",
        )?;
        let rows = statement.query_map([], |row| {
            let kind: String = row.get(1)?;
            Ok(Customer {
                id: row.get(0)?,
                kind: CustomerKind::parse(&kind).unwrap_or_default(),
                name: row.get(2)?,
                email: row.get(3)?,
                phone: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One customer as its document says, for checks that the projection agrees.
    pub fn customer_document(&self, id: &str) -> Result<Option<Customer>, ReplicaError> {
        let bytes: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT bytes FROM documents WHERE id = ?1 AND class = ?2",
                params![id, CUSTOMER_CLASS],
                |row| row.get(0),
            )
            .optional()?;
        bytes.map(|b| customer_from_bytes(id, &b)).transpose()
    }

    /// Ids of customer documents that have no projection row, and of rows without a document.
    /// Both lists are empty in a healthy replica.
    pub fn orphans(&self) -> Result<(Vec<String>, Vec<String>), ReplicaError> {
        let ids = |sql: &str| -> Result<Vec<String>, ReplicaError> {
            let mut statement = self.conn.prepare(sql)?;
            let rows = statement.query_map([], |row| row.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        Ok((
            ids("SELECT id FROM documents WHERE class = 'customer' AND id NOT IN (SELECT id FROM customers)")?,
            ids("SELECT id FROM customers WHERE id NOT IN (SELECT id FROM documents)")?,
        ))
    }
}
