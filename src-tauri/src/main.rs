//! The `clientele` desktop binary: parses the command line and opens the window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> anyhow::Result<()> {
    clientele_app::run()
}
