//! The app's updater (`clientele_app::updater`, over Tauri's updater plugin with the app's own
//! plugin configuration from tauri.conf.json) against the real sync-server process on
//! 127.0.0.1 serving an updates folder: an older build finds the newer version, downloads it
//! and verifies its signature; a file with one byte changed is refused with a clear message and
//! nothing is ready to install; a 204 means no update. Headless: Tauri's mock runtime.
//!
//! Releases are signed here as `tauri signer sign` signs them (minisign, the trusted comment
//! binding file and version), with a key made for the test.

use base64::Engine as _;
use clientele_app::updater::{fetch, UpdateError, UpdateSource, Updates};
use clientele_app::UpdateChannel;
use clientele_model::commands::UpdateStatus;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};

/// The `clientele-sync-server` binary: `CLIENTELE_SYNC_SERVER_BIN`, else beside this test's
/// target folder (`cargo test --workspace` and `cargo xtask build` build it).
fn server_binary() -> PathBuf {
    let path = std::env::var_os("CLIENTELE_SYNC_SERVER_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let exe = std::env::current_exe().unwrap();
            let debug = exe.parent().and_then(Path::parent).unwrap();
            debug.join(format!(
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

/// The sync server serving `updates` on a free port of 127.0.0.1, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(data: &Path, updates: &Path) -> Server {
        let mut child = Command::new(server_binary())
            .args(["serve", "--listen", "127.0.0.1:0", "--updates-dir"])
            .arg(updates)
            .env("CLIENTELE_SYNC_DATA_DIR", data)
            .env_remove("CLIENTELE_SYNC_DATABASE_URL")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .expect("cannot start the sync server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let Some(url) = line.trim().strip_prefix("listening on ") else {
            let _ = child.kill();
            panic!("the sync server did not start: {line:?}");
        };
        Server {
            url: url.to_owned(),
            child,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A release signing key, as `tauri signer generate` makes one.
struct Key {
    public: minisign::PublicKey,
    secret: minisign::SecretKey,
}

impl Key {
    fn new() -> Key {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        Key {
            public: pair.pk,
            secret: pair.sk,
        }
    }

    /// The public key as the app takes it (base64 of the `.pub` file).
    fn public_text(&self) -> String {
        base64::engine::general_purpose::STANDARD
            .encode(self.public.to_box().unwrap().into_string())
    }

    /// The `.sig` of `bytes` as `tauri signer sign --app-version VERSION` writes it.
    fn sign(&self, bytes: &[u8], file: &str, version: &str) -> String {
        let signature = minisign::sign(
            Some(&self.public),
            &self.secret,
            std::io::Cursor::new(bytes),
            Some(&format!(
                "timestamp:1795800000\tfile:{file}\tversion:{version}"
            )),
            Some("signature from tauri secret key"),
        )
        .unwrap();
        base64::engine::general_purpose::STANDARD.encode(signature.into_string())
    }
}

/// Publishes `bytes` as `version` on `channel` (the package and `latest.json`), signed by
/// `key` over `signed` (the same bytes, unless the test tampers with the file).
fn publish(
    updates: &Path,
    server: &str,
    channel: &str,
    version: &str,
    (bytes, signed): (&[u8], &[u8]),
    key: &Key,
) {
    let folder = updates.join(channel);
    std::fs::create_dir_all(&folder).unwrap();
    let file = format!("Clientele_{version}_amd64.deb");
    std::fs::write(folder.join(&file), bytes).unwrap();
    let platform = format!("linux-{}", std::env::consts::ARCH);
    let manifest = serde_json::json!({
        "version": version,
        "notes": "Sửa lỗi đồng bộ",
        "pub_date": "2026-11-28T10:00:00Z",
        "platforms": {
            platform: {
                "signature": key.sign(signed, &file, version),
                "url": format!("{server}/v1/updates/files/{channel}/{file}"),
            },
        },
    });
    std::fs::write(folder.join("latest.json"), manifest.to_string()).unwrap();
}

/// The app (mock runtime) at `version`, with the updater plugin configured as
/// tauri.conf.json configures it.
fn app(version: &str) -> tauri::App<MockRuntime> {
    let conf: serde_json::Value =
        serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
    let mut context = mock_context(noop_assets());
    context
        .config_mut()
        .plugins
        .0
        .insert("updater".into(), conf["plugins"]["updater"].clone());
    context.package_info_mut().version = version.parse().unwrap();
    mock_builder()
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(Updates::default())
        .build(context)
        .unwrap()
}

/// A server with stable 0.2.0 signed correctly and beta 0.3.0 whose file had one byte changed
/// after signing.
struct Fixture {
    server: Server,
    key: Key,
    _dir: tempfile::TempDir,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let updates = dir.path().join("updates");
    std::fs::create_dir_all(&updates).unwrap();
    let server = Server::start(&dir.path().join("server"), &updates);
    let key = Key::new();
    let package: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    publish(
        &updates,
        &server.url,
        "stable",
        "0.2.0",
        (&package, &package),
        &key,
    );
    let mut tampered = package.clone();
    tampered[100_000] ^= 0x01;
    publish(
        &updates,
        &server.url,
        "beta",
        "0.3.0",
        (&tampered, &package),
        &key,
    );
    Fixture {
        server,
        key,
        _dir: dir,
    }
}

fn source(fixture: &Fixture, channel: UpdateChannel) -> UpdateSource {
    UpdateSource {
        server: fixture.server.url.clone(),
        channel,
        public_key: fixture.key.public_text(),
    }
}

#[test]
fn an_older_build_finds_the_newer_version_and_verifies_it() {
    let fixture = fixture();
    let app = app("0.1.0");
    let source = source(&fixture, UpdateChannel::Stable);
    let ready = tauri::async_runtime::block_on(fetch(app.handle(), &source))
        .unwrap()
        .expect("0.1.0 is offered 0.2.0");
    assert_eq!(ready.version, "0.2.0");

    // What the window is told.
    let updates = Updates::default();
    tauri::async_runtime::block_on(updates.check_once(app.handle(), &source));
    assert_eq!(
        updates.status(),
        UpdateStatus::Ready {
            version: "0.2.0".into()
        }
    );

    // Signed by another key (the built-in one rotated away, say): refused.
    let other = UpdateSource {
        public_key: Key::new().public_text(),
        ..source
    };
    let error = tauri::async_runtime::block_on(fetch(app.handle(), &other)).unwrap_err();
    assert!(matches!(error, UpdateError::Tampered { .. }), "{error}");
}

#[test]
fn a_file_with_one_byte_changed_is_refused_and_nothing_is_ready() {
    let fixture = fixture();
    let app = app("0.1.0");
    let source = source(&fixture, UpdateChannel::Beta);
    let error = tauri::async_runtime::block_on(fetch(app.handle(), &source)).unwrap_err();
    let UpdateError::Tampered {
        ref version,
        ref current,
        ..
    } = error
    else {
        panic!("not refused as tampered: {error}");
    };
    assert_eq!((version.as_str(), current.as_str()), ("0.3.0", "0.1.0"));
    let message = error.to_string();
    for words in [
        "version 0.3.0 was refused",
        "does not match its signature",
        "nothing was installed",
        "Clientele 0.1.0 keeps working",
    ] {
        assert!(message.contains(words), "{words:?} not in: {message}");
    }

    let updates = Updates::default();
    tauri::async_runtime::block_on(updates.check_once(app.handle(), &source));
    assert!(
        matches!(updates.status(), UpdateStatus::Refused { ref version, .. } if version == "0.3.0"),
        "{:?}",
        updates.status()
    );
    assert!(matches!(updates.install(), Err(UpdateError::NothingReady)));
}

#[test]
fn a_204_means_no_update() {
    let fixture = fixture();
    let source = source(&fixture, UpdateChannel::Stable);
    for version in ["0.2.0", "0.10.0"] {
        let app = app(version);
        let found = tauri::async_runtime::block_on(fetch(app.handle(), &source)).unwrap();
        assert!(found.is_none(), "{version} was offered {found:?}");
        let updates = Updates::default();
        tauri::async_runtime::block_on(updates.check_once(app.handle(), &source));
        assert_eq!(updates.status(), UpdateStatus::Idle);
    }
}

#[test]
fn updates_follow_the_configuration_and_need_a_key() {
    use clientele_app::updater::UpdatesOff;
    let mut config = clientele_app::AppConfig {
        sync_server: Some("https://sync.example.vn".into()),
        ..Default::default()
    };
    assert_eq!(
        UpdateSource::from_config(&config, ""),
        Err(UpdatesOff::NoKey)
    );
    let built_in = UpdateSource::from_config(&config, "RWQbuiltin").unwrap();
    assert_eq!(built_in.public_key, "RWQbuiltin");
    assert_eq!(built_in.channel, UpdateChannel::Stable);
    assert_eq!(
        built_in.endpoint().unwrap().as_str(),
        "https://sync.example.vn/v1/updates/stable/%7B%7Btarget%7D%7D/%7B%7Barch%7D%7D/%7B%7Bcurrent_version%7D%7D"
    );
    config.update_public_key = Some("RWQrotated".into());
    config.update_channel = Some(UpdateChannel::Beta);
    let rotated = UpdateSource::from_config(&config, "RWQbuiltin").unwrap();
    assert_eq!(
        (rotated.public_key.as_str(), rotated.channel),
        ("RWQrotated", UpdateChannel::Beta)
    );
    config.updates = Some(false);
    assert_eq!(
        UpdateSource::from_config(&config, "RWQbuiltin"),
        Err(UpdatesOff::TurnedOff)
    );
    config.updates = None;
    config.sync_server = None;
    assert_eq!(
        UpdateSource::from_config(&config, "RWQbuiltin"),
        Err(UpdatesOff::NoServer)
    );
}
