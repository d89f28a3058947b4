//! Encryption at rest: the replica file is SQLCipher, keyed with a random 32-byte key the shell
//! keeps in the OS keychain, so a lost laptop does not hand its finder every customer. A plain
//! file from before is encrypted on the first keyed open (exported into a new file that then
//! replaces it); a file the key cannot read is a typed error, which the shell answers by
//! offering a re-sync from the server (`Replica::set_aside`). Without a key (the sync server,
//! tests) the file is plain SQLite.

use rusqlite::{Connection, ErrorCode};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::ReplicaError;

/// The first 16 bytes of every plain SQLite file; an encrypted one starts with a random salt.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The key of an encrypted replica: 32 random bytes, used raw (no passphrase stretching, so
/// opening costs nothing; the randomness is the strength).
#[derive(Clone, PartialEq, Eq)]
pub struct ReplicaKey([u8; 32]);

impl std::fmt::Debug for ReplicaKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReplicaKey(..)")
    }
}

/// A key that could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the replica key must be 64 hexadecimal digits (32 bytes); the stored one is not")]
    Malformed,
    #[error("the system's random source failed while making the replica key: {0}")]
    Random(String),
}

impl ReplicaKey {
    /// A new random key from the operating system's random source.
    pub fn generate() -> Result<Self, KeyError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|error| KeyError::Random(error.to_string()))?;
        Ok(ReplicaKey(bytes))
    }

    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        ReplicaKey(bytes)
    }

    /// The key from its 64 hexadecimal digits (how the keychain keeps it).
    pub fn from_hex(text: &str) -> Result<Self, KeyError> {
        let text = text.trim();
        if text.len() != 64 || !text.is_ascii() {
            return Err(KeyError::Malformed);
        }
        let mut bytes = [0u8; 32];
        for (byte, pair) in bytes.iter_mut().zip(text.as_bytes().chunks_exact(2)) {
            let pair = std::str::from_utf8(pair).map_err(|_| KeyError::Malformed)?;
            *byte = u8::from_str_radix(pair, 16).map_err(|_| KeyError::Malformed)?;
        }
        Ok(ReplicaKey(bytes))
    }

    /// The key as 64 hexadecimal digits.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// SQLCipher's raw-key form: `x'<64 hex digits>'`.
    fn sqlcipher_literal(&self) -> String {
        format!("x'{}'", self.to_hex())
    }
}

/// What the replica file holds before it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileState {
    /// No file, or an empty one: a new replica.
    New,
    Plain,
    /// Not plain SQLite: encrypted (or damaged).
    Encrypted,
}

fn file_state(path: &Path) -> Result<FileState, ReplicaError> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::New),
        Err(error) => return Err(encryption_error(path, error)),
    };
    let mut header = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut header)
        .map_err(|error| encryption_error(path, error))?;
    Ok(match header.as_slice() {
        [] => FileState::New,
        h if h == PLAIN_HEADER => FileState::Plain,
        _ => FileState::Encrypted,
    })
}

fn encryption_error(path: &Path, error: impl std::fmt::Display) -> ReplicaError {
    ReplicaError::Encryption {
        path: path.to_owned(),
        reason: error.to_string(),
    }
}

/// Opens the replica file at `path`: with a key, encrypted (a plain file is encrypted first);
/// without one, plain. A file the key cannot read gives `WrongKey` (or `KeyMissing` when no key
/// was given for an encrypted file), leaving the file untouched.
pub(crate) fn connect(path: &Path, key: Option<&ReplicaKey>) -> Result<Connection, ReplicaError> {
    let state = file_state(path)?;
    let Some(key) = key else {
        if state == FileState::Encrypted {
            return Err(ReplicaError::KeyMissing {
                path: path.to_owned(),
            });
        }
        return Ok(Connection::open(path)?);
    };
    if state == FileState::Plain {
        encrypt_plain_file(path, key)?;
    }
    let conn = Connection::open(path)?;
    // A wrong key is reported below, by name; SQLCipher's own log would only repeat it.
    if let Err(error) = conn.pragma_update(None, "cipher_log_level", "NONE") {
        tracing::debug!(%error, "SQLCipher's log level could not be set");
    }
    conn.pragma_update(None, "key", key.sqlcipher_literal())?;
    // The key is only checked when a page is read.
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(conn),
        Err(rusqlite::Error::SqliteFailure(error, _)) if error.code == ErrorCode::NotADatabase => {
            Err(ReplicaError::WrongKey {
                path: path.to_owned(),
            })
        }
        Err(error) => Err(error.into()),
    }
}

/// `path` with `suffix` appended to its file name (`clientele.sqlite3-wal`).
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(suffix);
    path.with_file_name(name)
}

/// Encrypts the plain replica at `path` in place: exports it into a new encrypted file beside
/// it, then renames that over it, so a crash leaves either the whole plain file or the whole
/// encrypted one, and no plain copy remains afterwards.
fn encrypt_plain_file(path: &Path, key: &ReplicaKey) -> Result<(), ReplicaError> {
    let temp = sibling(path, ".encrypting");
    match std::fs::remove_file(&temp) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            return Err(encryption_error(&temp, error))
        }
        _ => {}
    }
    {
        let plain = Connection::open(path)?;
        let version: i64 = plain.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        // Fold the log into the file, so closing leaves nothing beside it to lose or misread.
        let busy: i64 = plain.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy != 0 {
            return Err(encryption_error(
                path,
                "the database is in use by another program; close it and start again",
            ));
        }
        let temp_name = temp.to_str().ok_or_else(|| {
            encryption_error(&temp, "the data folder's path is not valid Unicode")
        })?;
        plain.execute(
            "ATTACH DATABASE ?1 AS encrypted KEY ?2",
            [temp_name, key.sqlcipher_literal().as_str()],
        )?;
        plain.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        // sqlcipher_export copies tables, indexes, triggers and rows, not the schema version.
        plain.execute_batch(&format!("PRAGMA encrypted.user_version = {version}"))?;
        plain.execute_batch("DETACH DATABASE encrypted")?;
        plain.close().map_err(|(_, error)| error)?;
    }
    let wal = sibling(path, "-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        // Not reached after a clean checkpoint; refusing keeps both copies whole.
        return Err(encryption_error(
            path,
            "its write-ahead log could not be folded in; nothing was changed",
        ));
    }
    std::fs::File::open(&temp)
        .and_then(|file| file.sync_all())
        .map_err(|error| encryption_error(&temp, error))?;
    for leftover in [wal, sibling(path, "-shm")] {
        match std::fs::remove_file(&leftover) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                return Err(encryption_error(&leftover, error))
            }
            _ => {}
        }
    }
    std::fs::rename(&temp, path).map_err(|error| encryption_error(path, error))?;
    if let Some(folder) = path.parent() {
        // The rename is durable once the folder is synced (not possible on every platform).
        if let Err(error) = std::fs::File::open(folder).and_then(|dir| dir.sync_all()) {
            tracing::debug!(%error, "could not sync the data folder after encrypting");
        }
    }
    tracing::info!(path = %path.display(), "the plain replica was encrypted; no plain copy remains");
    Ok(())
}

/// Moves an unreadable replica file (and its log) aside as `clientele.sqlite3.unreadable-TIME`,
/// so a fresh replica can be filled from the server. Nothing is deleted: the old file is kept in
/// case its key turns up. Returns the new name.
pub(crate) fn set_aside(path: &Path) -> Result<PathBuf, ReplicaError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let aside = sibling(path, &format!(".unreadable-{stamp}"));
    for suffix in ["-wal", "-shm"] {
        let from = sibling(path, suffix);
        if from.exists() {
            let to = sibling(&aside, suffix);
            std::fs::rename(&from, &to).map_err(|error| encryption_error(&from, error))?;
        }
    }
    std::fs::rename(path, &aside).map_err(|error| encryption_error(path, error))?;
    tracing::warn!(from = %path.display(), to = %aside.display(), "the unreadable replica was set aside; a fresh one starts");
    Ok(aside)
}
