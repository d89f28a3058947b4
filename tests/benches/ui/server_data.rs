//! The sync server's data folder for the IPC-under-sync figures: seeded once with the
//! benchmark's customers and kept beside the UI data (target/bench/ui-data/, named after the
//! replica folder it was seeded from), then copied for each run so the apps' edits never reach
//! the cache.
//!
//! Seeding: a manager `bench` and a token for them (kept in the folder's `bench-token`, since a
//! token prints only once), then a copy of the generated replica folder syncs once with the real
//! server process, pushing every customer (authored `local`), and the server stops.

use clientele_replica::HttpTransport;
use clientele_tests::server::SyncServer;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Bump when the seeding changes, so cached server folders are seeded again.
const SERVER_DATA_VERSION: u32 = 1;

/// The token file in a seeded folder.
const TOKEN_FILE: &str = "bench-token";

/// The marker a finished seeding leaves (an interrupted one leaves only a `.partial` folder).
const SEEDED: &str = "seeded";

/// A copy of the seeded server folder for this run, and the manager's token.
pub struct ServerData {
    pub folder: tempfile::TempDir,
    pub token: String,
}

/// The cached server folder seeded from the replica folder `data` (seeding it on the first run),
/// copied to a temporary folder for this run.
pub async fn prepare(data: &Path) -> ServerData {
    let cached = cached_folder(data).await;
    let token = std::fs::read_to_string(cached.join(TOKEN_FILE))
        .unwrap()
        .trim()
        .to_owned();
    let folder = tempfile::tempdir().unwrap();
    let started = Instant::now();
    copy_dir(&cached, folder.path());
    println!(
        "server data copied from {} in {:.1} s",
        cached.display(),
        started.elapsed().as_secs_f64()
    );
    ServerData { folder, token }
}

/// `<data>-server-s<version>` beside `data`, seeded if it is not yet.
async fn cached_folder(data: &Path) -> PathBuf {
    let name = data.file_name().unwrap().to_string_lossy().into_owned();
    let folder = data.with_file_name(format!("{name}-server-s{SERVER_DATA_VERSION}"));
    if folder.join(SEEDED).exists() {
        println!("reusing the server data in {}", folder.display());
        return folder;
    }
    let partial = folder.with_extension("partial");
    for stale in [&partial, &folder] {
        if stale.exists() {
            std::fs::remove_dir_all(stale).unwrap();
        }
    }
    std::fs::create_dir_all(&partial).unwrap();
    let started = Instant::now();
    let mut server = SyncServer::new(&partial);
    let token = server.member("bench", "manager", "Đo hiệu năng");
    server.start();
    let (url, data, bearer) = (server.url.clone(), data.to_owned(), token.clone());
    let pushed = tokio::task::spawn_blocking(move || {
        let device = tempfile::tempdir().unwrap();
        copy_dir(&data, device.path());
        // The app may have encrypted the kept folder already: its key came along in secrets/.
        let mut replica = clientele_tests::app_replica::app_replica(device.path());
        let transport = HttpTransport::new(&url, &bearer).unwrap();
        let report = replica.sync_once(&transport).unwrap();
        assert!(
            report.refused.is_empty(),
            "the server refused the benchmark's data: {:?}",
            &report.refused[..report.refused.len().min(3)]
        );
        report.pushed
    })
    .await
    .unwrap();
    drop(server);
    std::fs::write(partial.join(TOKEN_FILE), format!("{token}\n")).unwrap();
    std::fs::write(partial.join(SEEDED), format!("{pushed}\n")).unwrap();
    std::fs::rename(&partial, &folder).unwrap();
    println!(
        "seeded the server data in {} ({pushed} documents pushed) in {:.1} s",
        folder.display(),
        started.elapsed().as_secs_f64()
    );
    folder
}

/// Copies the files of `from` (and its folders) into `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
