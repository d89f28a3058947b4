//! The real server process for tests and benchmarks: admin commands and `serve` on 127.0.0.1,
//! stopped with SIGKILL when dropped, over either store. `backend_tests!` runs one scenario
//! against SQLite (a data folder) and PostgreSQL (a fresh database in a throwaway cluster, see
//! `cluster.rs`), so both stores pass the same tests.
#![allow(dead_code, unused_macros, unused_imports)]

pub mod cluster;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

/// A running server and its base URL.
pub struct Server {
    pub child: Child,
    pub url: String,
    /// What it wrote to stderr so far (for failure messages).
    pub stderr: Arc<Mutex<String>>,
}

impl Server {
    /// `host:port` of the URL.
    pub fn address(&self) -> String {
        self.url
            .split_once("://")
            .map_or(self.url.as_str(), |(_, rest)| rest)
            .to_owned()
    }

    /// SIGKILL, then waits for the process to be gone.
    pub fn kill_9(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where a test's server keeps its data.
pub struct Backend {
    pub name: &'static str,
    /// The data folder (SQLite's database; unused but set for PostgreSQL).
    pub dir: tempfile::TempDir,
    /// The PostgreSQL database, when that is the store.
    pub database: Option<cluster::Database>,
}

impl Backend {
    /// SQLite in a fresh data folder.
    pub fn sqlite() -> Backend {
        Backend {
            name: "sqlite",
            dir: tempfile::tempdir().unwrap(),
            database: None,
        }
    }

    /// A fresh PostgreSQL database; fails (never skips) when PostgreSQL is not installed.
    pub fn postgres() -> Backend {
        Backend {
            name: "postgres",
            dir: tempfile::tempdir().unwrap(),
            database: Some(cluster::Database::create()),
        }
    }

    /// The server binary with this backend's storage in its environment.
    pub fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_clientele-sync-server"));
        command
            .env("CLIENTELE_SYNC_DATA_DIR", self.dir.path().join("server"))
            .env_remove("CLIENTELE_SYNC_DATABASE_URL")
            .env_remove("CLIENTELE_SYNC_CONFIG");
        if let Some(database) = &self.database {
            command.env("CLIENTELE_SYNC_DATABASE_URL", &database.url);
        }
        command
    }

    /// Runs an admin command (user/token); returns what it printed.
    pub fn admin(&self, args: &[&str]) -> String {
        run_admin(self.command(), args)
    }

    /// Adds team member `name` (`options` such as `--role manager`, `--private-addresses`) and
    /// issues them a token: the token.
    pub fn member(&self, name: &str, options: &[&str]) -> String {
        let mut args = vec!["user", "add", name];
        args.extend_from_slice(options);
        self.admin(&args);
        self.admin(&["token", "issue", name])
    }

    /// Starts `serve` on a free port.
    pub fn start(&self) -> Server {
        self.start_on("127.0.0.1:0")
    }

    /// Starts `serve` on `listen` (e.g. 127.0.0.1:0).
    pub fn start_on(&self, listen: &str) -> Server {
        let mut command = self.command();
        command.args(["serve", "--listen", listen]);
        spawn(command)
    }

    /// A folder for devices and other files of the test.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// Runs one scenario `fn name(&Backend)` per store: `name::sqlite` and `name::postgres`.
macro_rules! backend_tests {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[test]
                fn sqlite() {
                    super::$name(&crate::support::Backend::sqlite());
                }
                #[test]
                fn postgres() {
                    super::$name(&crate::support::Backend::postgres());
                }
            }
        )*
    };
}
pub(crate) use backend_tests;

fn run_admin(mut command: Command, args: &[&str]) -> String {
    let output = command.args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// Starts `command` (a `serve`), waits for its "listening on" line, and keeps its stderr.
pub fn spawn(mut command: Command) -> Server {
    let mut child = command
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = Arc::new(Mutex::new(String::new()));
    let mut pipe = child.stderr.take().unwrap();
    let kept = stderr.clone();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n @ 1..) = pipe.read(&mut buffer) {
            let mut kept = kept.lock().unwrap();
            if kept.len() < 64 * 1024 {
                kept.push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        }
    });
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let Some(url) = line.trim().strip_prefix("listening on ") else {
        let _ = child.wait();
        // The stderr thread ends with the process; give it the pipe's last bytes.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while stderr.lock().unwrap().is_empty() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!(
            "the server did not start: first line {line:?}, stderr:\n{}",
            stderr.lock().unwrap()
        );
    };
    Server {
        url: url.to_owned(),
        child,
        stderr,
    }
}

/// Runs an admin command (user/token) on a SQLite data folder; returns what it printed.
pub fn admin(data: &Path, args: &[&str]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_clientele-sync-server"));
    command
        .env("CLIENTELE_SYNC_DATA_DIR", data)
        .env_remove("CLIENTELE_SYNC_DATABASE_URL");
    run_admin(command, args)
}

/// Starts `serve` on `listen` (e.g. 127.0.0.1:0) over a SQLite data folder.
pub fn start_on(data: &Path, listen: &str) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_clientele-sync-server"));
    command
        .args(["serve", "--listen", listen])
        .env("CLIENTELE_SYNC_DATA_DIR", data)
        .env_remove("CLIENTELE_SYNC_DATABASE_URL");
    spawn(command)
}

/// Starts `serve` on a free port over a SQLite data folder.
pub fn start(data: &Path) -> Server {
    start_on(data, "127.0.0.1:0")
}
