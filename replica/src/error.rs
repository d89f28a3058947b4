//! What can go wrong in the replica, worded so a user or support knows what to do.

use clientele_model::{CommandError, ErrorCode, ValidationErrors};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ReplicaError {
    #[error(transparent)]
    Invalid(#[from] ValidationErrors),

    #[error("cannot create the data folder {path}: {source}; check it is writable or pick another with --data-dir")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("the database {path} was written by a newer Clientele (schema {found}, this version knows up to {supported}); update Clientele, nothing was changed")]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: usize,
    },

    #[error("the local database failed: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("upgrading the local database failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("no {what} with id {id}: it may have been removed; refresh the list")]
    NotFound { what: String, id: String },

    #[error("{0}")]
    Conflict(String),

    /// The session's user may not do this (e.g. private addresses without the permission).
    #[error("{0}")]
    Forbidden(String),

    /// An edit was made on a version of the record this device does not hold.
    #[error("the edit of {id} was made on a version this device does not hold (change {head}); reload the record and make the edit again")]
    UnknownVersion { id: String, head: String },

    #[error("customer document {id} is damaged: {reason}")]
    Document { id: String, reason: String },
}

impl From<ReplicaError> for CommandError {
    fn from(error: ReplicaError) -> Self {
        let code = match &error {
            ReplicaError::Invalid(_) => None,
            ReplicaError::NotFound { .. } => Some(ErrorCode::NotFound),
            ReplicaError::Conflict(_)
            | ReplicaError::Forbidden(_)
            | ReplicaError::UnknownVersion { .. } => Some(ErrorCode::Conflict),
            _ => Some(ErrorCode::Storage),
        };
        match (code, error) {
            (None, ReplicaError::Invalid(errors)) => errors.into(),
            (code, other) => {
                CommandError::new(code.unwrap_or(ErrorCode::Storage), other.to_string())
            }
        }
    }
}
