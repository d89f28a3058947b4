//! The replica a desktop test's app wrote, opened as the app opens it: encrypted with the key
//! the app keeps with its secrets (the tests run the app with `CLIENTELE_SECRETS=file`, so the
//! key is `secrets/replica_key` in the data folder); a folder the app never opened is plain.

use clientele_replica::{Replica, ReplicaKey};
use std::path::Path;

/// Opens the replica in the app's `data_dir` with the app's key, if it made one.
pub fn app_replica(data_dir: &Path) -> Replica {
    let key = std::fs::read_to_string(data_dir.join("secrets").join("replica_key"))
        .ok()
        .map(|hex| ReplicaKey::from_hex(&hex).expect("the app's replica key"));
    Replica::open_with_key(data_dir, key.as_ref()).expect("the app's replica opens")
}
