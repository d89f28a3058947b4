//! Clientele's Yew front end. It renders and talks to the desktop shell through `ipc` only; it
//! never touches SQLite, HTTP or files.

pub mod components;
pub mod events;
pub mod fold;
pub mod format;
pub mod i18n;
pub mod ipc;
pub mod state;

pub use components::app::App;
