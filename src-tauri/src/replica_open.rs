//! Opening this device's replica encrypted at rest: its key (32 random bytes made on the first
//! start and kept with this device's secrets, the OS keychain, before any file is encrypted
//! with it), the plain replica of an older version encrypted on that first open, and a file the
//! key cannot read answered with a message offering a re-sync from the server
//! (`clientele resync`), never a crash. Key handling stays here, out of the UI.

use anyhow::Context;
use clientele_replica::{Replica, ReplicaError, ReplicaKey};
use std::path::{Path, PathBuf};

/// The name of the replica's key among this device's secrets.
pub const REPLICA_KEY: &str = "replica_key";

/// Exit code when the replica cannot be read with this device's key.
pub const EXIT_UNREADABLE_REPLICA: i32 = 5;

/// What opening gave.
pub enum Opened {
    /// The replica, and where an unreadable one was set aside by a re-sync.
    Replica(Box<Replica>, Option<PathBuf>),
    /// The file cannot be read with this device's key: what to tell the user.
    Unreadable(String),
}

/// Opens the replica in `data_dir` with this device's key. With `resync`, a file the key
/// cannot read is set aside (kept whole) and a fresh replica starts, for the server to fill.
pub fn open(data_dir: &Path, resync: bool, has_server: bool) -> anyhow::Result<Opened> {
    let key = device_key(data_dir)?;
    match Replica::open_with_key(data_dir, Some(&key)) {
        Ok(replica) => Ok(Opened::Replica(Box::new(replica), None)),
        Err(error) if error.is_unreadable() && resync => {
            let aside = Replica::set_aside(data_dir)?;
            let replica = Replica::open_with_key(data_dir, Some(&key))?;
            Ok(Opened::Replica(Box::new(replica), Some(aside)))
        }
        Err(error) if error.is_unreadable() => {
            tracing::error!(%error, "the local database cannot be read with this device's key");
            Ok(Opened::Unreadable(offer(&error, has_server)))
        }
        Err(error) => Err(error.into()),
    }
}

/// A replica this device's key cannot read, while the window offers the re-sync.
#[derive(Debug, Clone)]
pub struct UnreadableReplica {
    pub data_dir: PathBuf,
    /// The empty replica the window runs on meanwhile.
    pub stand_in: PathBuf,
}

impl UnreadableReplica {
    /// Removes the stand-in's folder (best effort: it is empty and in the temporary folder).
    pub fn remove_stand_in(&self) {
        if let Err(error) = std::fs::remove_dir_all(&self.stand_in) {
            tracing::debug!(%error, "the stand-in replica's folder stays");
        }
    }
}

/// The window's state: the unreadable replica, if this start found one.
#[derive(Debug, Default)]
pub struct ReplicaProblem(pub Option<UnreadableReplica>);

/// An empty, plain replica in the temporary folder for the window to run on while it offers
/// the re-sync of the unreadable one in `data_dir`; nothing is written to it.
pub fn stand_in(data_dir: &Path) -> anyhow::Result<(Replica, UnreadableReplica)> {
    let stand_in =
        std::env::temp_dir().join(format!("clientele-unreadable-{}", std::process::id()));
    let replica = Replica::open(&stand_in)?;
    Ok((
        replica,
        UnreadableReplica {
            data_dir: data_dir.to_owned(),
            stand_in,
        },
    ))
}

/// The message for a replica this device's key cannot read: what happened, and the re-sync.
fn offer(error: &ReplicaError, has_server: bool) -> String {
    let how = if has_server {
        "Your customers are kept on your team's sync server: run `clientele resync` to set this \
         file aside (it is kept, not deleted) and download them again; then start Clientele."
    } else {
        "No sync server is configured, so a re-sync would start an empty database: run \
         `clientele resync` only if you accept that (the old file is kept, not deleted), or ask \
         IT to restore this device's key."
    };
    format!("{error}\n\n{how}")
}

/// This device's replica key: the stored one, or a new one, stored before it is used.
fn device_key(data_dir: &Path) -> anyhow::Result<ReplicaKey> {
    let secrets = secrets(data_dir)?;
    if let Some(hex) = secrets.get(REPLICA_KEY)? {
        return ReplicaKey::from_hex(&hex).context("this device's replica key is damaged");
    }
    let key = ReplicaKey::generate()?;
    secrets
        .set(REPLICA_KEY, &key.to_hex())
        .context("cannot keep this device's replica key")?;
    tracing::info!("a new replica key was made and kept with this device's secrets");
    Ok(key)
}

/// This device's secrets (the OS keychain; files only this user reads, `secrets/` in the data
/// folder, when none answers), once the data folder exists: its canonical path names the
/// keychain entries, so it must not change between the first start and the next.
fn secrets(data_dir: &Path) -> anyhow::Result<crate::secrets::Secrets> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create the data folder {}", data_dir.display()))?;
    Ok(crate::secrets::Secrets::open(data_dir))
}
