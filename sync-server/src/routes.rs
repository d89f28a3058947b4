//! The server's HTTP routes. For now: a health check that tells monitoring and tests the server
//! is up and which protocol version it speaks.

use axum::{routing::get, Json, Router};
use serde::Serialize;

/// The sync protocol version this server speaks.
pub const PROTOCOL_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
    protocol: u32,
    version: &'static str,
}

async fn health() -> Json<Health> {
    Json(Health {
        status: "ok",
        protocol: PROTOCOL_VERSION,
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// The whole application.
pub fn router() -> Router {
    Router::new().route("/health", get(health))
}
