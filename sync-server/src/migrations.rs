//! The server's schema history, one list for both stores: each step's SQL for SQLite and for
//! PostgreSQL side by side, so the two cannot drift and "schema N" means the same on either.
//! A store applies the steps it lacks in one transaction and records the version (SQLite's
//! `user_version`, PostgreSQL's `schema_version` table); a database newer than this server is
//! refused with a message saying to update the server.

use crate::store::StoreError;

/// One step of the schema.
pub struct Migration {
    /// The version a database has once this step is applied (1, 2, ...).
    pub version: u32,
    /// What the step brings, for logs.
    pub what: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

/// Every step, oldest first. Append only: a released step never changes.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        what: "the change log, users and tokens",
        sqlite: "
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    class TEXT NOT NULL,
    hash BLOB NOT NULL UNIQUE,
    data BLOB NOT NULL,
    user_name TEXT NOT NULL
) STRICT;
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
) STRICT;",
        postgres: "
CREATE TABLE IF NOT EXISTS entries (
    seq BIGINT GENERATED ALWAYS AS IDENTITY (CACHE 1) PRIMARY KEY,
    doc_id TEXT NOT NULL,
    class TEXT NOT NULL,
    hash BYTEA NOT NULL UNIQUE,
    data BYTEA NOT NULL,
    user_name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    private_addresses BOOLEAN NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE TABLE IF NOT EXISTS tokens (
    hash BYTEA PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users(name),
    label TEXT NOT NULL,
    revoked BOOLEAN NOT NULL DEFAULT FALSE
);",
    },
    Migration {
        version: 2,
        what: "each document's compacted snapshot, for bootstrap and merging",
        // SQLite databases of version 1 get their snapshots built from the change log by the
        // store after this step (see store_sqlite.rs); PostgreSQL stores had them from the start.
        sqlite: "
CREATE TABLE IF NOT EXISTS snapshots (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL UNIQUE,
    class TEXT NOT NULL,
    data BLOB NOT NULL
) STRICT;",
        postgres: "
CREATE TABLE IF NOT EXISTS snapshots (
    position BIGINT GENERATED ALWAYS AS IDENTITY (CACHE 1) PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    class TEXT NOT NULL,
    data BYTEA NOT NULL
);",
    },
    Migration {
        version: 3,
        what: "each user's display name, the name people read (the login until one is given)",
        sqlite: "
ALTER TABLE users ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
UPDATE users SET display_name = name WHERE display_name = '';",
        postgres: "
ALTER TABLE users ADD COLUMN IF NOT EXISTS display_name TEXT NOT NULL DEFAULT '';
UPDATE users SET display_name = name WHERE display_name = '';",
    },
    Migration {
        version: 4,
        what: "one-time enrolment codes (stored hashed), exchanged by a device for its own token",
        sqlite: "
CREATE TABLE IF NOT EXISTS enrolment_codes (
    hash BLOB PRIMARY KEY NOT NULL,
    user_name TEXT NOT NULL REFERENCES users(name),
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    device_name TEXT
) STRICT;",
        postgres: "
CREATE TABLE IF NOT EXISTS enrolment_codes (
    hash BYTEA PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users(name),
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    device_name TEXT
);",
    },
    Migration {
        version: 5,
        what: "the sequences the official numbers of sales records are drawn from",
        sqlite: "
CREATE TABLE IF NOT EXISTS number_sequences (
    name TEXT PRIMARY KEY NOT NULL,
    last INTEGER NOT NULL
) STRICT;",
        postgres: "
CREATE TABLE IF NOT EXISTS number_sequences (
    name TEXT PRIMARY KEY,
    last BIGINT NOT NULL
);",
    },
];

/// The version this server's schema has: that of the last step.
pub fn schema_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// The steps a database at `version` lacks, oldest first; an error when it is newer than this
/// server.
pub fn pending(version: u32) -> Result<impl Iterator<Item = &'static Migration>, StoreError> {
    let ours = schema_version();
    if version > ours {
        return Err(StoreError::Database(format!(
            "the database is of schema {version}, newer than this server's {ours}: update \
             clientele-sync-server"
        )));
    }
    Ok(MIGRATIONS.iter().filter(move |m| m.version > version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_count_up_from_one_without_gaps() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version as usize, index + 1, "{}", migration.what);
        }
        assert_eq!(schema_version(), 5);
    }

    #[test]
    fn a_database_gets_only_the_steps_it_lacks() {
        let versions = |from| {
            pending(from)
                .unwrap()
                .map(|m| m.version)
                .collect::<Vec<_>>()
        };
        assert_eq!(versions(0), vec![1, 2, 3, 4, 5]);
        assert_eq!(versions(1), vec![2, 3, 4, 5]);
        assert_eq!(versions(2), vec![3, 4, 5]);
        assert_eq!(versions(3), vec![4, 5]);
        assert_eq!(versions(4), vec![5]);
        assert!(versions(5).is_empty());
        let newer = pending(6).err().unwrap().to_string();
        assert!(newer.contains("update clientele-sync-server"), "{newer}");
    }
}
