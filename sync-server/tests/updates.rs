//! Desktop updates from the real server process (`--updates-dir`, no token): 204 when the
//! device is up to date, the channel's manifest narrowed to the device's platform when it is
//! older, per channel (stable, beta); artifacts downloaded whole; anything but a plain file
//! name refused with 400; an unknown channel, or a server without updates, answers 404 with
//! a message saying what to do.

mod support;

use reqwest::blocking::Client;
use reqwest::StatusCode;
use std::path::Path;
use support::{Backend, Server};

const ARTIFACT: &[u8] = b"pretend AppImage.tar.gz bytes \x00\x01\x02";

/// An updates folder with stable 0.2.0 and beta 0.3.0-beta.1 for linux-x86_64 (its .deb too)
/// and windows-x86_64, a secret beside the channels, and a sub-folder in stable.
fn fill_updates(dir: &Path) {
    for (channel, version) in [("stable", "0.2.0"), ("beta", "v0.3.0-beta.1")] {
        let folder = dir.join(channel);
        std::fs::create_dir_all(folder.join("sub")).unwrap();
        let file = format!("Clientele_{version}_amd64.AppImage.tar.gz");
        std::fs::write(folder.join(&file), ARTIFACT).unwrap();
        let manifest = serde_json::json!({
            "version": version,
            "notes": format!("{channel} notes"),
            "pub_date": "2026-11-28T10:00:00Z",
            "platforms": {
                "linux-x86_64": {
                    "signature": format!("sig of {file}"),
                    "url": format!("https://sync.example.vn/v1/updates/files/{channel}/{file}"),
                },
                "linux-x86_64-deb": {"signature": "d", "url": "https://sync.example.vn/c.deb"},
                "linux-x86_64_v2": {"signature": "no", "url": "https://sync.example.vn/no"},
                "windows-x86_64": {"signature": "w", "url": "https://sync.example.vn/w.msi"},
            },
        });
        std::fs::write(folder.join("latest.json"), manifest.to_string()).unwrap();
    }
    std::fs::write(dir.join("secret"), "not for devices").unwrap();
}

/// A server over a fresh SQLite store serving `fill_updates`' folder, given as an env var
/// (`with_flag` false) or as `--updates-dir`.
fn start(backend: &Backend, with_flag: bool) -> Server {
    let updates = backend.path().join("updates");
    fill_updates(&updates);
    let mut command = backend.command();
    command.args(["serve", "--listen", "127.0.0.1:0"]);
    if with_flag {
        command.arg("--updates-dir").arg(&updates);
    } else {
        command.env("CLIENTELE_SYNC_UPDATES_DIR", &updates);
    }
    support::spawn(command)
}

fn get(server: &Server, path: &str) -> reqwest::blocking::Response {
    Client::new()
        .get(format!("{}{path}", server.url))
        .send()
        .unwrap()
}

#[test]
fn up_to_date_devices_get_204_and_older_ones_the_channels_manifest() {
    let backend = Backend::sqlite();
    let server = start(&backend, true);
    for path in [
        "/v1/updates/stable/linux/x86_64/0.2.0",
        "/v1/updates/stable/linux/x86_64/0.10.0",
        "/v1/updates/beta/linux/x86_64/0.3.0-beta.1",
        "/v1/updates/beta/linux/x86_64/0.3.0",
        // No build for this platform: nothing to update to.
        "/v1/updates/stable/darwin/aarch64/0.1.0",
    ] {
        let answer = get(&server, path);
        assert_eq!(answer.status(), StatusCode::NO_CONTENT, "{path}");
        assert!(answer.bytes().unwrap().is_empty());
    }
    let answer = get(&server, "/v1/updates/stable/linux/x86_64/0.1.9");
    assert_eq!(answer.status(), StatusCode::OK);
    let manifest: serde_json::Value = answer.json().unwrap();
    assert_eq!(manifest["version"], "0.2.0");
    assert_eq!(manifest["notes"], "stable notes");
    assert_eq!(manifest["pub_date"], "2026-11-28T10:00:00Z");
    let platforms = manifest["platforms"].as_object().unwrap();
    let keys: Vec<&String> = platforms.keys().collect();
    assert_eq!(
        keys,
        ["linux-x86_64", "linux-x86_64-deb"],
        "only the asking platform's"
    );
    let build = &platforms["linux-x86_64"];
    assert_eq!(
        build["signature"],
        "sig of Clientele_0.2.0_amd64.AppImage.tar.gz"
    );
    assert!(build["url"]
        .as_str()
        .unwrap()
        .ends_with("/stable/Clientele_0.2.0_amd64.AppImage.tar.gz"));

    // A stable device at 0.2.0 is up to date; on beta it is offered the beta.
    let beta: serde_json::Value = get(&server, "/v1/updates/beta/linux/x86_64/0.2.0")
        .json()
        .unwrap();
    assert_eq!(beta["version"], "v0.3.0-beta.1");
    assert_eq!(beta["notes"], "beta notes");
    let windows: serde_json::Value = get(&server, "/v1/updates/stable/windows/x86_64/v0.1.0")
        .json()
        .unwrap();
    assert_eq!(
        windows["platforms"]["windows-x86_64"]["url"],
        "https://sync.example.vn/w.msi"
    );

    let answer = get(&server, "/v1/updates/stable/linux/x86_64/latest");
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    assert!(answer.text().unwrap().contains("1.2.3"));
}

#[test]
fn artifacts_download_and_only_plain_file_names_are_served() {
    let backend = Backend::sqlite();
    let server = start(&backend, false);
    let answer = get(
        &server,
        "/v1/updates/files/stable/Clientele_0.2.0_amd64.AppImage.tar.gz",
    );
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(answer.bytes().unwrap().as_ref(), ARTIFACT);
    let beta = get(
        &server,
        "/v1/updates/files/beta/Clientele_v0.3.0-beta.1_amd64.AppImage.tar.gz",
    );
    assert_eq!(beta.status(), StatusCode::OK);
    // Each channel serves its own folder only.
    let answer = get(
        &server,
        "/v1/updates/files/stable/Clientele_v0.3.0-beta.1_amd64.AppImage.tar.gz",
    );
    assert_eq!(answer.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        get(&server, "/v1/updates/files/stable/sub").status(),
        StatusCode::NOT_FOUND
    );

    for name in [
        "..%2Fsecret",
        "...",
        "sub%2F..%2F..%2Fsecret",
        "..%5Csecret",
        ".hidden",
        "%2Fetc%2Fpasswd",
        "a%20b",
    ] {
        let answer = get(&server, &format!("/v1/updates/files/stable/{name}"));
        assert_eq!(answer.status(), StatusCode::BAD_REQUEST, "{name}");
        let body = answer.text().unwrap();
        assert!(body.contains("plain file name"), "{name}: {body}");
        assert!(!body.contains("not for devices"));
    }
    // A bare `..` the client resolves itself never reaches a file either.
    let answer = get(&server, "/v1/updates/files/stable/../../secret");
    assert_eq!(answer.status(), StatusCode::NOT_FOUND);
}

#[test]
fn unknown_channels_and_servers_without_updates_answer_404_saying_why() {
    let backend = Backend::sqlite();
    let server = start(&backend, true);
    for path in [
        "/v1/updates/nightly/linux/x86_64/0.1.0",
        "/v1/updates/files/nightly/Clientele_0.2.0_amd64.AppImage.tar.gz",
    ] {
        let answer = get(&server, path);
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{path}");
        let body = answer.text().unwrap();
        assert!(
            body.contains("nightly") && body.contains("stable or beta"),
            "{body}"
        );
    }
    drop(server);

    let plain = Backend::sqlite();
    let server = plain.start();
    let answer = get(&server, "/v1/updates/stable/linux/x86_64/0.1.0");
    assert_eq!(answer.status(), StatusCode::NOT_FOUND);
    assert!(answer.text().unwrap().contains("--updates-dir"));
}
