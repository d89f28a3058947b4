//! The `clientele` desktop binary: parses the command line and opens the window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> anyhow::Result<()> {
    let code = clientele_app::run()?;
    std::process::exit(code)
}
