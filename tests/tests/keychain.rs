//! The sync token stays out of the user's files when a keychain runs: gnome-keyring on a
//! private D-Bus session, the real sync-server process on 127.0.0.1, and the real `clientele`
//! binary with its config and data folders in a temporary home. `clientele enrol CODE` keeps
//! the token in the keychain (and only there: no file under the config or data folder holds
//! it), remembers the server, and a second use of the code is refused; a token left in an older
//! config file moves into the keychain at start and leaves the file.
//!
//! Ignored by plain `cargo test`: it needs a session bus. `cargo xtask test` runs it as
//! `dbus-run-session -- cargo test -p clientele-tests --test keychain -- --ignored` with
//! `CLIENTELE_APP` naming the built app (Debian packages gnome-keyring and dbus).

use clientele_tests::desktop::app_binary;
use clientele_tests::server::SyncServer;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// gnome-keyring's Secret Service on the session bus, its login keyring (the default
/// collection) created and unlocked with a test password, its keyrings in a folder of its own;
/// stopped when dropped.
struct Keyring {
    daemon: Child,
}

impl Keyring {
    fn start(dir: &Path) -> Keyring {
        assert!(
            std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
            "no session bus: run this test under dbus-run-session (cargo xtask test does)"
        );
        let control = dir.join("control");
        std::fs::create_dir_all(&control).unwrap();
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&control, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        let mut daemon = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .arg(format!("--control-directory={}", control.display()))
            .env("XDG_DATA_HOME", dir.join("data"))
            .env("HOME", dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon runs (Debian package gnome-keyring)");
        // The login keyring's password (an empty one creates no login keyring, so no default
        // collection).
        daemon
            .stdin
            .take()
            .unwrap()
            .write_all(b"clientele-test")
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while !secret_service_owned() {
            assert!(
                Instant::now() < deadline,
                "gnome-keyring did not take org.freedesktop.secrets within 20 s"
            );
            if let Ok(Some(status)) = daemon.try_wait() {
                panic!("gnome-keyring-daemon ended: {status}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Keyring { daemon }
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// Whether some process owns the Secret Service's name (asked without activating one).
fn secret_service_owned() -> bool {
    let output = Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.secrets",
        ])
        .output()
        .expect("dbus-send runs (Debian package dbus)");
    String::from_utf8_lossy(&output.stdout).contains("boolean true")
}

/// The token the keychain holds for the replica in `data_dir`, as the app files it.
fn keychain_token(data_dir: &Path) -> Option<String> {
    let data_dir = std::fs::canonicalize(data_dir).unwrap();
    let account = format!("sync_token@{}", data_dir.display());
    match keyring::Entry::new("clientele", &account)
        .unwrap()
        .get_password()
    {
        Ok(token) => Some(token),
        Err(keyring::Error::NoEntry) => None,
        Err(error) => panic!("the keychain failed: {error}"),
    }
}

/// A home of its own: the user's config and data folders (XDG) inside `dir`.
struct Home {
    dir: PathBuf,
}

impl Home {
    fn config(&self) -> PathBuf {
        self.dir.join("config")
    }
    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }
    /// The app's data folder under the user's data folder.
    fn app_data(&self) -> PathBuf {
        self.data().join("clientele")
    }

    fn clientele(&self, args: &[&str]) -> Output {
        Command::new(app_binary())
            .args(args)
            .env("HOME", &self.dir)
            .env("XDG_CONFIG_HOME", self.config())
            .env("XDG_DATA_HOME", self.data())
            .env_remove("CLIENTELE_CONFIG")
            .env_remove("CLIENTELE_DATA_DIR")
            .env_remove("CLIENTELE_SYNC_TOKEN")
            .env_remove("CLIENTELE_SYNC_SERVER")
            .env_remove("CLIENTELE_SECRETS")
            .env_remove("DISPLAY")
            .env("CLIENTELE_MANAGED_CONFIG", self.dir.join("no-managed.toml"))
            .output()
            .expect("the clientele binary runs")
    }
}

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_containing(&path, needle));
        } else if std::fs::read(&path)
            .unwrap_or_default()
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
        {
            found.push(path);
        }
    }
    found
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
#[ignore = "needs a session bus and gnome-keyring: cargo xtask test runs it under dbus-run-session"]
fn an_enrolled_token_is_kept_in_the_keychain_and_in_no_file() {
    let root = tempfile::tempdir().unwrap();
    let _keyring = Keyring::start(&root.path().join("keyring"));
    let mut server = SyncServer::new(&root.path().join("server"));
    server.admin(&["user", "add", "lan", "--display-name", "Trần Thị Lan"]);
    let code = server.admin(&["enrol", "lan"]);
    server.start();
    let home = Home {
        dir: root.path().join("home"),
    };

    let enrolled = home.clientele(&[
        "enrol",
        &code,
        "--server",
        &server.url,
        "--device-name",
        "Laptop của Lan",
    ]);
    assert!(enrolled.status.success(), "{enrolled:?}");
    let said = text(&enrolled.stdout);
    assert!(said.contains("as lan (Trần Thị Lan)"), "{said}");
    assert!(said.contains("the system keychain"), "{said}");

    let token = keychain_token(&home.app_data()).expect("the token is in the keychain");
    assert_eq!(token.len(), 64, "a device token");
    for folder in [home.config(), home.data()] {
        let holding = files_containing(&folder, &token);
        assert!(
            holding.is_empty(),
            "the token is in a file under {}: {holding:?}",
            folder.display()
        );
    }
    // The server is remembered for the next start, the token is not.
    let config = std::fs::read_to_string(home.config().join("clientele/config.toml")).unwrap();
    assert!(config.contains(&server.url), "{config}");
    assert!(!config.contains("sync_token"), "{config}");

    // The same code a second time: refused, and the device keeps its token.
    let again = home.clientele(&["enrol", &code, "--server", &server.url]);
    assert!(!again.status.success(), "{again:?}");
    let refusal = text(&again.stderr);
    assert!(refusal.contains("already used"), "{refusal}");
    assert_eq!(
        keychain_token(&home.app_data()).as_deref(),
        Some(token.as_str())
    );
}

#[test]
#[ignore = "needs a session bus and gnome-keyring: cargo xtask test runs it under dbus-run-session"]
fn a_token_left_in_the_config_file_moves_into_the_keychain() {
    let root = tempfile::tempdir().unwrap();
    let _keyring = Keyring::start(&root.path().join("keyring"));
    let home = Home {
        dir: root.path().join("home"),
    };
    let file = home.config().join("clientele/config.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let legacy = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    std::fs::write(
        &file,
        format!(
            "# Lan's laptop\nsync_server = \"http://127.0.0.1:9\"\nsync_token = \"{legacy}\"\nlanguage = \"vi\"\n"
        ),
    )
    .unwrap();

    // Any start does it, a headless one too.
    let listed = home.clientele(&["list"]);
    assert!(listed.status.success(), "{listed:?}");

    assert_eq!(keychain_token(&home.app_data()).as_deref(), Some(legacy));
    let config = std::fs::read_to_string(&file).unwrap();
    assert!(!config.contains("sync_token"), "{config}");
    assert!(
        config.contains("# Lan's laptop") && config.contains("language = \"vi\""),
        "the rest of the file stays as it was: {config}"
    );
    for folder in [home.config(), home.data()] {
        let holding = files_containing(&folder, legacy);
        assert!(holding.is_empty(), "{holding:?}");
    }
}
