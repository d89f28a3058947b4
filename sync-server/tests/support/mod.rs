//! The real server process for tests and benchmarks: admin commands and `serve` on 127.0.0.1
//! with a data folder, stopped with SIGKILL when dropped.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A running server and its base URL.
pub struct Server {
    pub child: Child,
    pub url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs an admin command (user/token) on the server's data folder; returns what it printed.
pub fn admin(data: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_clientele-sync-server"))
        .args(args)
        .env("CLIENTELE_SYNC_DATA_DIR", data)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// Starts `serve` on `listen` (e.g. 127.0.0.1:0) and waits for its "listening on" line.
pub fn start_on(data: &Path, listen: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clientele-sync-server"))
        .args(["serve", "--listen", listen])
        .env("CLIENTELE_SYNC_DATA_DIR", data)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    Server { child, url }
}

/// Starts `serve` on a free port.
pub fn start(data: &Path) -> Server {
    start_on(data, "127.0.0.1:0")
}
