//! A throwaway PostgreSQL for the tests: one cluster per test binary (initdb in a temporary
//! folder, as the `postgres` user when running as root since initdb refuses root, on a free port
//! of 127.0.0.1), one fresh database per test. A watchdog shell stops the cluster and deletes its
//! folder once the test process is gone, even after SIGKILL. CLIENTELE_TEST_POSTGRES_URL uses a
//! running server instead. Without PostgreSQL installed the tests fail and say how to install it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Where to connect as a superuser to create test databases.
struct Cluster {
    /// Connection settings of the maintenance database.
    admin: ::postgres::Config,
    /// `host`, `port`, `user` (and `password`) for test URLs.
    host: String,
    port: u16,
    user: String,
    password: Option<String>,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();

fn cluster() -> &'static Cluster {
    match CLUSTER.get_or_init(|| match std::env::var("CLIENTELE_TEST_POSTGRES_URL") {
        Ok(url) => external(&url),
        Err(_) => throwaway(),
    }) {
        Ok(cluster) => cluster,
        Err(message) => panic!("{message}"),
    }
}

/// A fresh database, dropped (best effort) with this value.
pub struct Database {
    pub name: String,
    /// What the server's --database-url takes.
    pub url: String,
}

impl Database {
    pub fn create() -> Database {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let cluster = cluster();
        let name = format!(
            "clientele_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let mut client = cluster
            .admin
            .connect(::postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to the test PostgreSQL: {e}"));
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
        let credentials = match &cluster.password {
            Some(password) => format!("{}:{}", cluster.user, password),
            None => cluster.user.clone(),
        };
        let url = format!(
            "postgres://{credentials}@{}:{}/{name}",
            cluster.host, cluster.port
        );
        Database { name, url }
    }

    /// A client connected to this database (to watch it from the test).
    pub fn connect(&self) -> ::postgres::Client {
        let mut config = cluster().admin.clone();
        config.dbname(&self.name);
        config.connect(::postgres::NoTls).unwrap()
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Ok(mut client) = cluster().admin.connect(::postgres::NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

fn external(url: &str) -> Result<Cluster, String> {
    let admin: ::postgres::Config = url
        .parse()
        .map_err(|e| format!("CLIENTELE_TEST_POSTGRES_URL is not a PostgreSQL URL: {e}"))?;
    let host = match admin.get_hosts().first() {
        Some(::postgres::config::Host::Tcp(host)) => host.clone(),
        _ => return Err("CLIENTELE_TEST_POSTGRES_URL must name a TCP host".into()),
    };
    Ok(Cluster {
        host,
        port: admin.get_ports().first().copied().unwrap_or(5432),
        user: admin.get_user().unwrap_or("postgres").to_owned(),
        password: admin
            .get_password()
            .map(|p| String::from_utf8_lossy(p).into_owned()),
        admin,
    })
}

/// The newest PostgreSQL's binaries (Debian puts them in /usr/lib/postgresql/VERSION/bin).
fn binaries() -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// `command args` as the `postgres` user when root (initdb and postgres refuse root).
fn as_cluster_owner(program: &Path) -> Command {
    if is_root() {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn throwaway() -> Result<Cluster, String> {
    let bin = binaries().ok_or(
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb), so the PostgreSQL \
         variants of these tests cannot run: run `cargo xtask test`, which installs the Debian \
         package postgresql, or set CLIENTELE_TEST_POSTGRES_URL=postgres://USER@HOST:PORT/postgres \
         to use a running server",
    )?;
    // Not a TempDir: the watchdog deletes it once this process has exited.
    let dir = tempfile::Builder::new()
        .prefix("clientele-test-pg-")
        .tempdir()
        .map_err(|e| format!("cannot create a folder for PostgreSQL: {e}"))?
        .keep();
    if is_root() {
        let status = Command::new("chown")
            .args(["-R", "postgres"])
            .arg(&dir)
            .status()
            .map_err(|e| format!("chown: {e}"))?;
        if !status.success() {
            return Err(format!(
                "cannot give {} to the postgres user (is there one?)",
                dir.display()
            ));
        }
    }
    let data = dir.join("data");
    let initdb = as_cluster_owner(&bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args(["-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])
        .output()
        .map_err(|e| format!("cannot run initdb: {e}"))?;
    if !initdb.status.success() {
        return Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&initdb.stderr)
        ));
    }
    let port = free_port();
    // The watchdog: runs postgres, and when this test process is gone stops it and deletes the
    // folder (checked through /proc: the postgres user may not signal a root process).
    let script = r#"
        "$BIN/postgres" -D "$DIR/data" -p "$PORT" -k "$DIR" -c listen_addresses=127.0.0.1 \
            -c fsync=off -c max_connections=300 -c shared_buffers=32MB >"$DIR/log" 2>&1 &
        pg=$!
        while [ -d "/proc/$OWNER" ] && kill -0 "$pg" 2>/dev/null; do sleep 1; done
        kill -INT "$pg" 2>/dev/null
        wait "$pg"
        rm -rf "$DIR"
    "#;
    as_cluster_owner(Path::new("/bin/sh"))
        .args(["-c", script])
        .env("BIN", &bin)
        .env("DIR", &dir)
        .env("PORT", port.to_string())
        .env("OWNER", std::process::id().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start PostgreSQL: {e}"))?;
    let mut admin = ::postgres::Config::new();
    admin
        .host("127.0.0.1")
        .port(port)
        .user("postgres")
        .dbname("postgres")
        .connect_timeout(Duration::from_secs(5));
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match admin.connect(::postgres::NoTls) {
            Ok(_) => break,
            Err(error) if Instant::now() > deadline => {
                let log = std::fs::read_to_string(dir.join("log")).unwrap_or_default();
                return Err(format!(
                    "PostgreSQL did not accept connections on port {port} within 60 s ({error}); its log:\n{log}"
                ));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    Ok(Cluster {
        admin,
        host: "127.0.0.1".into(),
        port,
        user: "postgres".into(),
        password: None,
    })
}
