//! Versioned schema migrations, run on open. Each entry is applied once, in order; a database
//! whose version is past the last entry was written by a newer Clientele and is left untouched.

use rusqlite_migration::{Migrations, M};

/// The migrations, oldest first. Never edit a released entry: append a new one.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(
        "CREATE TABLE documents (
             id TEXT PRIMARY KEY NOT NULL,
             class TEXT NOT NULL,
             bytes BLOB NOT NULL
         ) STRICT;
         CREATE TABLE customers (
             id TEXT PRIMARY KEY NOT NULL REFERENCES documents(id),
             kind TEXT NOT NULL,
             name TEXT NOT NULL,
             email TEXT NOT NULL,
             phone TEXT NOT NULL
         ) STRICT;
         CREATE INDEX customers_by_name ON customers(name COLLATE NOCASE, id);",
    )])
}

/// How many migrations this build knows.
pub const SCHEMA_VERSION: usize = 1;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_counted() {
        migrations().validate().unwrap();
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version as usize, SCHEMA_VERSION);
    }
}
