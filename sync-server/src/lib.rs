//! The sync server as a library: its configuration and its HTTP routes, so tests can run it
//! in-process and the binary stays a thin `main`.

pub mod config;
pub mod documents;
pub mod enrolment;
pub mod identity;
pub mod migrations;
pub mod routes;
pub mod store;
pub mod store_postgres;
pub mod store_sqlite;
pub mod tls;
pub mod updates;

pub use config::{ConfigError, ServerConfig};
