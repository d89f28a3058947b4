//! The configuration's precedence (managed locked > environment > user file > managed
//! default), lenient unknown keys and strict values, on temporary files.

use super::*;

/// A folder holding `user.toml` and `managed.toml` with the given texts (absent when `None`).
struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new(user: Option<&str>, managed: Option<&str>) -> Files {
        let dir = tempfile::tempdir().unwrap();
        if let Some(text) = user {
            std::fs::write(dir.path().join("user.toml"), text).unwrap();
        }
        if let Some(text) = managed {
            std::fs::write(dir.path().join("managed.toml"), text).unwrap();
        }
        Files { dir }
    }

    fn user(&self) -> PathBuf {
        self.dir.path().join("user.toml")
    }

    fn managed(&self) -> PathBuf {
        self.dir.path().join("managed.toml")
    }

    fn load(&self, env: &[(&str, &str)]) -> Result<AppConfig, ConfigError> {
        let user = self.user();
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        AppConfig::load_from(
            &self.managed(),
            user.exists().then_some(user.as_path()),
            |key| env.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()),
        )
    }
}

#[test]
fn flag_beats_file_and_environment_sets_the_server() {
    let files = Files::new(Some("data_dir = \"/from/file\"\n"), None);
    let config = files
        .load(&[("CLIENTELE_SYNC_SERVER", "https://sync.example.vn")])
        .unwrap();
    assert_eq!(
        config.sync_server.as_deref(),
        Some("https://sync.example.vn")
    );
    assert_eq!(config.data_dir(None).unwrap(), PathBuf::from("/from/file"));
    assert_eq!(
        config.data_dir(Some(Path::new("/flag"))).unwrap(),
        PathBuf::from("/flag")
    );
    assert!(config.managed.is_empty());
}

#[test]
fn the_configured_language_beats_the_system_locale() {
    let config = AppConfig {
        language: Some("en".into()),
        ..AppConfig::default()
    };
    assert_eq!(config.locale(), "en");
    assert!(!AppConfig::default().locale().is_empty());
}

#[test]
fn a_locked_server_wins_over_the_users_file_and_environment() {
    let files = Files::new(
        Some("sync_server = \"https://mine.example\"\nupdates = false\n"),
        Some(
            "sync_server = \"https://sync.team.vn\"\nupdates = true\n\
             update_channel = \"beta\"\nlocked = [\"sync_server\", \"updates\"]\n",
        ),
    );
    let config = files.load(&[]).unwrap();
    assert_eq!(config.sync_server.as_deref(), Some("https://sync.team.vn"));
    assert_eq!(config.updates, Some(true));
    assert_eq!(config.managed, ["sync_server", "updates"]);
    assert!(
        config
            .warnings
            .iter()
            .any(|w| w.contains("`sync_server`") && w.contains("managed.toml")),
        "{:?}",
        config.warnings
    );
    let config = files
        .load(&[("CLIENTELE_SYNC_SERVER", "https://env.example")])
        .unwrap();
    assert_eq!(config.sync_server.as_deref(), Some("https://sync.team.vn"));
}

#[test]
fn an_unlocked_managed_key_is_a_default_the_user_overrides() {
    let managed = "sync_server = \"https://sync.team.vn\"\nupdate_channel = \"beta\"\n\
                   cache_private_addresses = false\nlocked = [\"cache_private_addresses\"]\n";
    let files = Files::new(Some("update_channel = \"stable\"\n"), Some(managed));
    let config = files.load(&[]).unwrap();
    assert_eq!(config.sync_server.as_deref(), Some("https://sync.team.vn"));
    assert_eq!(config.update_channel, Some(UpdateChannel::Stable));
    assert_eq!(config.cache_private_addresses, Some(false));
    assert_eq!(config.managed, ["cache_private_addresses"]);
    let config = files
        .load(&[("CLIENTELE_SYNC_SERVER", "https://env.example")])
        .unwrap();
    assert_eq!(config.sync_server.as_deref(), Some("https://env.example"));
    let without_user_file = Files::new(None, Some(managed)).load(&[]).unwrap();
    assert_eq!(without_user_file.update_channel, Some(UpdateChannel::Beta));
}

#[test]
fn a_locked_key_without_a_managed_value_cannot_be_set_by_the_user() {
    let files = Files::new(
        Some("sync_server = \"https://mine.example\"\n"),
        Some("locked = [\"sync_server\"]\n"),
    );
    let config = files.load(&[]).unwrap();
    assert_eq!(config.sync_server, None);
    assert_eq!(config.managed, ["sync_server"]);
}

#[test]
fn unknown_keys_warn_naming_the_key_and_file_and_do_not_fail() {
    let files = Files::new(
        Some("sync_sever = \"x\"\nlanguage = \"en\"\n"),
        Some("updatez = true\nsync_token = \"t\"\nlocked = [\"data_dir\"]\nupdates = false\n"),
    );
    let config = files.load(&[]).unwrap();
    assert_eq!(config.language.as_deref(), Some("en"));
    assert_eq!(config.updates, Some(false));
    assert!(config.managed.is_empty());
    for (key, file) in [
        ("sync_sever", "user.toml"),
        ("updatez", "managed.toml"),
        ("sync_token", "managed.toml"),
        ("data_dir", "managed.toml"),
    ] {
        assert!(
            config
                .warnings
                .iter()
                .any(|w| w.contains(&format!("`{key}`")) && w.contains(file)),
            "{key} in {file}: {:?}",
            config.warnings
        );
    }
}

#[test]
fn a_bad_value_is_refused_naming_the_key_and_file() {
    for (user, managed, key, file) in [
        (Some("updates = \"yes\"\n"), None, "updates", "user.toml"),
        (
            None,
            Some("update_channel = \"nightly\"\n"),
            "update_channel",
            "managed.toml",
        ),
        (
            None,
            Some("cache_private_addresses = 1\n"),
            "cache_private_addresses",
            "managed.toml",
        ),
        (
            None,
            Some("locked = \"sync_server\"\n"),
            "locked",
            "managed.toml",
        ),
        (Some("sync_server = 3\n"), None, "sync_server", "user.toml"),
    ] {
        let error = Files::new(user, managed).load(&[]).unwrap_err().to_string();
        assert!(
            error.contains(&format!("`{key}`")) && error.contains(file),
            "{error}"
        );
    }
    let error = Files::new(Some("= broken"), None).load(&[]).unwrap_err();
    assert!(error.to_string().contains("user.toml"), "{error}");
}

#[test]
fn the_managed_file_has_a_system_place_unless_the_environment_names_one() {
    let named = managed_path(&|key: &str| {
        (key == "CLIENTELE_MANAGED_CONFIG").then(|| "/tmp/m.toml".to_owned())
    });
    assert_eq!(named, PathBuf::from("/tmp/m.toml"));
    let system = managed_path(&|_: &str| None);
    if cfg!(target_os = "linux") {
        assert_eq!(system, PathBuf::from("/etc/clientele/config.toml"));
    }
}

#[test]
fn only_the_managed_file_gives_an_update_public_key() {
    let files = Files::new(
        Some("update_public_key = \"from the user\"\n"),
        Some("update_public_key = \"RWQ-rotated\"\n"),
    );
    let config = files.load(&[]).unwrap();
    assert_eq!(config.update_public_key.as_deref(), Some("RWQ-rotated"));
    assert!(
        config
            .warnings
            .iter()
            .any(|w| w.contains("update_public_key") && w.contains("user.toml")),
        "{:?}",
        config.warnings
    );
    let without_managed = Files::new(Some("update_public_key = \"x\"\n"), None);
    assert_eq!(without_managed.load(&[]).unwrap().update_public_key, None);
}
