//! The headless command line on the real `clientele` binary, with no display: import, export,
//! search, list with filters and groups, rebuild and check, and their exit codes; the replica
//! encrypted at rest and a re-sync offered when the device's key cannot read it.

use std::process::{Command, Output};

fn clientele(data: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clientele"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("CLIENTELE_USER", "rep1")
        // The replica's key in a file of the data folder, not the tester's keychain.
        .env("CLIENTELE_SECRETS", "file")
        .output()
        .expect("the clientele binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn import_search_list_export_and_check_work_without_a_window() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("customers.csv");
    std::fs::write(
        &file,
        "Tên khách hàng,company,city,country,mobile,email,tags\n\
         Công ty Đông Á,,Hồ Chí Minh,VN,,lienhe@donga.vn,bán sỉ\n\
         Nguyễn Thị Đào,Công ty Đông Á,Hồ Chí Minh,VN,0903 123 456,dao@donga.vn,khách quen\n\
         Lỗi Email,,Hà Nội,VN,,loi@,\n",
    )
    .unwrap();

    let import = clientele(&data, &["import", file.to_str().unwrap()]);
    assert_eq!(
        import.status.code(),
        Some(3),
        "a refused row exits 3: {import:?}"
    );
    let stderr = String::from_utf8_lossy(&import.stderr);
    assert!(stderr.contains("line 4:"), "{stderr}");
    assert!(
        stdout(&import).contains("imported 2 customers"),
        "{}",
        stdout(&import)
    );

    let search = clientele(&data, &["search", "nguyen dao", "--json"]);
    assert!(search.status.success(), "{search:?}");
    let page: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["name"], "Nguyễn Thị Đào");
    assert_eq!(page["rows"][0]["company"], "Công ty Đông Á");

    let phone = clientele(&data, &["search", "0903 123"]);
    assert!(
        stdout(&phone).starts_with("Nguyễn Thị Đào\t"),
        "{}",
        stdout(&phone)
    );

    let companies = clientele(&data, &["list", "--filter", "kind=company"]);
    assert_eq!(
        stdout(&companies).lines().count(),
        1,
        "{}",
        stdout(&companies)
    );
    let groups = clientele(&data, &["list", "--group-by", "kind", "--json"]);
    let groups: serde_json::Value = serde_json::from_slice(&groups.stdout).unwrap();
    assert_eq!(groups.as_array().unwrap().len(), 2);
    let bad = clientele(&data, &["list", "--group-by", "mood"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("cannot group by \"mood\""));

    let export = clientele(&data, &["export", "--format", "vcard"]);
    assert!(
        stdout(&export).matches("BEGIN:VCARD").count() == 2,
        "{}",
        stdout(&export)
    );
    let csv = clientele(&data, &["export"]);
    assert!(
        stdout(&csv).starts_with("kind,name,company,"),
        "{}",
        stdout(&csv)
    );

    let rebuild = clientele(&data, &["rebuild-projection"]);
    assert!(rebuild.status.success(), "{rebuild:?}");
    let check = clientele(&data, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    assert!(stdout(&check).contains("documents and projection agree"));
}

#[test]
fn a_missing_file_is_a_clear_failure() {
    let dir = tempfile::tempdir().unwrap();
    let output = clientele(dir.path(), &["import", "/no/such/file.csv"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot open /no/such/file.csv"));
}

/// The replica file's bytes and its write-ahead log's.
fn replica_bytes(data: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(data.join("clientele.sqlite3")).unwrap();
    bytes.extend(std::fs::read(data.join("clientele.sqlite3-wal")).unwrap_or_default());
    bytes
}

fn holds(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

#[test]
fn the_replica_is_encrypted_and_one_the_key_cannot_read_offers_a_resync() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // A plain replica, as an older version left it, is encrypted on the first open.
    {
        let mut plain = clientele_replica::Replica::open(&data).unwrap();
        plain
            .create_customer(&clientele_model::CustomerDraft {
                name: "Nguyễn Thị Đào".into(),
                email: "dao@donga.vn".into(),
                ..Default::default()
            })
            .unwrap();
    }
    assert!(holds(&replica_bytes(&data), "Nguyễn Thị Đào"));
    let search = clientele(&data, &["search", "nguyen dao"]);
    assert!(
        stdout(&search).starts_with("Nguyễn Thị Đào\t"),
        "{search:?}"
    );
    let stored = replica_bytes(&data);
    assert!(!stored.starts_with(b"SQLite format 3\0"));
    for clear in ["Nguyễn Thị Đào", "nguyen thi dao", "dao@donga.vn"] {
        assert!(!holds(&stored, clear), "{clear} readable in the replica");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let key = std::fs::metadata(data.join("secrets/replica_key")).unwrap();
        assert_eq!(key.permissions().mode() & 0o777, 0o600);
    }

    // Another key (a restored keychain, a copied folder): a message offering the re-sync, exit
    // 5, and the file untouched.
    std::fs::write(data.join("secrets/replica_key"), "ab".repeat(32)).unwrap();
    let before = std::fs::read(data.join("clientele.sqlite3")).unwrap();
    let refused = clientele(&data, &["list"]);
    assert_eq!(refused.status.code(), Some(5), "{refused:?}");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("cannot be read with this device's key"),
        "{stderr}"
    );
    assert!(stderr.contains("clientele resync"), "{stderr}");
    assert_eq!(
        std::fs::read(data.join("clientele.sqlite3")).unwrap(),
        before
    );

    let resync = clientele(&data, &["resync"]);
    assert!(resync.status.success(), "{resync:?}");
    assert!(stdout(&resync).contains("set aside"), "{resync:?}");
    let aside: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("clientele.sqlite3.unreadable-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(std::fs::read(data.join(&aside[0])).unwrap(), before);
    let list = clientele(&data, &["list", "--json"]);
    assert!(list.status.success(), "{list:?}");
    let page: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(page["total"], 0);
}
