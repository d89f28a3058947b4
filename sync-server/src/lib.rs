//! The sync server as a library: its configuration and its HTTP routes, so tests can run it
//! in-process and the binary stays a thin `main`.

pub mod config;
pub mod routes;
pub mod store;

pub use config::{ConfigError, ServerConfig};
