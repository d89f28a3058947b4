//! A virtual X display (Xvfb) for the desktop tests and the UI benchmark, stopped when dropped.

use anyhow::{bail, Context as _, Result};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A virtual X display for the desktop tests, stopped when dropped.
pub struct Xvfb {
    pub name: String,
    process: Child,
}

impl Xvfb {
    /// Starts Xvfb on the first free display number from :90 and waits for its socket.
    pub fn start() -> Result<Xvfb> {
        let number = (90..200)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                    && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .context("no free X display number between :90 and :199")?;
        let name = format!(":{number}");
        let process = Command::new("Xvfb")
            .args([
                name.as_str(),
                "-screen",
                "0",
                "1366x768x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start Xvfb (Debian package xvfb)")?;
        let socket = format!("/tmp/.X11-unix/X{number}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while !Path::new(&socket).exists() {
            if Instant::now() > deadline {
                bail!("Xvfb did not open display {name} within 20 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        println!("xtask: Xvfb on display {name}");
        Ok(Xvfb { name, process })
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.process.id().to_string()])
            .status();
        let _ = self.process.wait();
    }
}
