//! HTTPS from the real server process: with a certificate (self-signed, made here) it serves
//! /health over TLS to a client that trusts that certificate, refuses plain HTTP on the same port
//! and untrusting clients, and the desktop client's transport syncs over it when told to trust
//! the certificate (CLIENTELE_SYNC_CA); half a TLS set-up and plain HTTP on a network address are
//! refused with messages that say what to do.

mod support;

use clientele_model::CustomerDraft;
use clientele_replica::{HttpTransport, Replica};
use support::Backend;

struct Files {
    _dir: tempfile::TempDir,
    cert: std::path::PathBuf,
    key: std::path::PathBuf,
    pem: String,
}

fn self_signed() -> Files {
    let dir = tempfile::tempdir().unwrap();
    let made =
        rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    let pem = made.cert.pem();
    std::fs::write(&cert, &pem).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    Files {
        _dir: dir,
        cert,
        key,
        pem,
    }
}

#[test]
fn serves_https_to_trusting_clients_and_the_desktop_transport_and_refuses_plain_http() {
    let backend = Backend::sqlite();
    let files = self_signed();
    let mut command = backend.command();
    command
        .args(["serve", "--listen", "127.0.0.1:0", "--tls-cert"])
        .arg(&files.cert)
        .arg("--tls-key")
        .arg(&files.key);
    let server = support::spawn(command);
    assert!(
        server.url.starts_with("https://127.0.0.1:"),
        "{}",
        server.url
    );

    let trusting = reqwest::blocking::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(files.pem.as_bytes()).unwrap()])
        .build()
        .unwrap();
    let health: serde_json::Value = trusting
        .get(format!("{}/health", server.url))
        .send()
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(health["status"], "ok");

    let plain = format!("http://{}/health", server.address());
    assert!(
        reqwest::blocking::get(&plain).is_err_and(|e| !e.is_status()),
        "plain HTTP to the TLS port must fail"
    );
    assert!(
        reqwest::blocking::get(format!("{}/health", server.url)).is_err(),
        "a client that does not trust the self-signed certificate must refuse it"
    );

    let token = backend.member("rep1", &[]);
    let mut device = Replica::open(&backend.path().join("device")).unwrap();
    device
        .create_customer(&CustomerDraft {
            name: "Công ty Đông Á".into(),
            ..CustomerDraft::default()
        })
        .unwrap();
    let untrusting = HttpTransport::new(&server.url, &token).unwrap();
    assert!(device.sync_once(&untrusting).is_err());
    // Only this test reads the variable; std serialises environment access with spawning.
    std::env::set_var("CLIENTELE_SYNC_CA", &files.cert);
    device
        .sync_once(&HttpTransport::new(&server.url, &token).unwrap())
        .unwrap();
    assert_eq!(device.unsent_documents().unwrap(), 0, "pushed over HTTPS");
}

fn refused(args: &[&str]) -> String {
    let backend = Backend::sqlite();
    let output = backend.command().args(args).output().unwrap();
    assert!(!output.status.success(), "{args:?} started");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn half_a_tls_set_up_and_plain_http_on_a_network_address_are_refused() {
    let files = self_signed();
    let cert = files.cert.to_str().unwrap();
    let error = refused(&["serve", "--listen", "127.0.0.1:0", "--tls-cert", cert]);
    assert!(error.contains("tls_key"), "{error}");
    let error = refused(&["serve", "--listen", "0.0.0.0:0"]);
    assert!(
        error.contains("--insecure-http") && error.contains("--tls-cert"),
        "{error}"
    );

    let backend = Backend::sqlite();
    let mut command = backend.command();
    command.args(["serve", "--listen", "0.0.0.0:0", "--insecure-http"]);
    let server = support::spawn(command);
    assert!(server.url.starts_with("http://0.0.0.0:"), "{}", server.url);
}
