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

    /// The replica file is encrypted and no key was given for it.
    #[error("the local database {path} is encrypted and this device has no key for it (was the keychain reset?); nothing was changed: re-sync from the server to set it aside and download your customers again")]
    KeyMissing { path: PathBuf },

    /// The replica file cannot be read with the key given (another key, or a damaged file).
    #[error("the local database {path} cannot be read with this device's key (it was encrypted with another key, or it is damaged); nothing was changed: re-sync from the server to set it aside and download your customers again")]
    WrongKey { path: PathBuf },

    /// Encrypting a plain replica (or setting an unreadable one aside) failed.
    #[error("the local database {path} could not be encrypted or moved: {reason}")]
    Encryption { path: PathBuf, reason: String },

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

    /// A sales input or action the model refuses (an order line, a payment's allocations...);
    /// the message starts with the field.
    #[error(transparent)]
    Sales(#[from] clientele_model::sales::SalesError),
}

impl ReplicaError {
    /// Whether the replica file cannot be read with the key at hand (`KeyMissing`,
    /// `WrongKey`): the shell offers a re-sync from the server (`Replica::set_aside`).
    pub fn is_unreadable(&self) -> bool {
        matches!(
            self,
            ReplicaError::KeyMissing { .. } | ReplicaError::WrongKey { .. }
        )
    }
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
            (_, ReplicaError::Sales(sales)) => CommandError {
                field: Some(sales.field().to_owned()),
                ..CommandError::new(ErrorCode::Validation, sales.to_string())
            },
            (code, other) => {
                CommandError::new(code.unwrap_or(ErrorCode::Storage), other.to_string())
            }
        }
    }
}
