//! Helpers for the cross-component tests: the desktop app under tauri-driver and the real sync
//! server process, waited on with deadlines rather than sleeps.

pub mod app_replica;
pub mod desktop;
pub mod server;
