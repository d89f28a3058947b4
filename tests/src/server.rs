//! The real sync-server process for the desktop tests: its binary (`CLIENTELE_SYNC_SERVER_BIN`,
//! else beside the app's), admin commands on a data folder, and `serve` on a free port of
//! 127.0.0.1, stopped when dropped.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The `clientele-sync-server` binary the tests run.
pub fn server_binary() -> PathBuf {
    let path = std::env::var_os("CLIENTELE_SYNC_SERVER_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            crate::desktop::app_binary().with_file_name(format!(
                "clientele-sync-server{}",
                std::env::consts::EXE_SUFFIX
            ))
        });
    assert!(
        path.exists(),
        "the sync server binary {} does not exist: build it with `cargo build -p clientele-sync-server` (cargo xtask test does)",
        path.display()
    );
    path
}

/// A sync server's data folder and, once started, its process.
pub struct SyncServer {
    data: PathBuf,
    child: Option<Child>,
    /// `http://127.0.0.1:PORT` once started.
    pub url: String,
}

impl SyncServer {
    /// A server over a SQLite data folder `data` (not started yet).
    pub fn new(data: &Path) -> SyncServer {
        SyncServer {
            data: data.to_owned(),
            child: None,
            url: String::new(),
        }
    }

    /// Runs an admin command (`user add ...`, `token issue ...`): what it printed.
    pub fn admin(&self, args: &[&str]) -> String {
        let output = Command::new(server_binary())
            .args(args)
            .env("CLIENTELE_SYNC_DATA_DIR", &self.data)
            .env_remove("CLIENTELE_SYNC_DATABASE_URL")
            .output()
            .expect("cannot run the sync server's admin command");
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// Adds a team member with a role and display name; returns a token issued to them.
    pub fn member(&self, login: &str, role: &str, display_name: &str) -> String {
        self.admin(&[
            "user",
            "add",
            login,
            "--role",
            role,
            "--display-name",
            display_name,
        ]);
        self.admin(&["token", "issue", login])
    }

    /// Starts `serve` on a free port and waits for its "listening on" line.
    pub fn start(&mut self) {
        let mut child = Command::new(server_binary())
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env("CLIENTELE_SYNC_DATA_DIR", &self.data)
            .env_remove("CLIENTELE_SYNC_DATABASE_URL")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cannot start the sync server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout"))
            .read_line(&mut line)
            .expect("cannot read the sync server's first line");
        let Some(url) = line.trim().strip_prefix("listening on ") else {
            let _ = child.kill();
            panic!("the sync server did not start: first line {line:?}");
        };
        self.url = url.to_owned();
        self.child = Some(child);
    }
}

impl Drop for SyncServer {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
