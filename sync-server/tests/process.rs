//! The real server binary on 127.0.0.1: starts, answers its health check, and stops cleanly on
//! SIGTERM.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn serves_health_and_shuts_down_cleanly_on_sigterm() {
    // Its own data folder: a server started without one would write into the working folder.
    let dir = tempfile::tempdir().unwrap();
    let mut server = support::start(dir.path());
    let address = server
        .url
        .strip_prefix("http://")
        .unwrap_or_else(|| panic!("unexpected URL {}", server.url))
        .to_owned();

    let mut stream = TcpStream::connect(&address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /health HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"status\":\"ok\""), "{response}");
    assert!(response.contains("\"protocol\":1"), "{response}");

    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "server did not stop within 10 s of SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "server exited with {exit}");
}
