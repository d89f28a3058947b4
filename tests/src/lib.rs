//! Helpers for the cross-component tests: the desktop app under tauri-driver, waited on with
//! deadlines rather than sleeps.

pub mod desktop;
