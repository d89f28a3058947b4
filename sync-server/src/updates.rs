//! Desktop app updates from a folder IT fills (`updates_dir`): one sub-folder per channel
//! (`stable`, `beta`) holding `latest.json` (Tauri's updater manifest: `version`, `notes`,
//! `pub_date`, `platforms.{target}-{arch}.{signature,url}`) and the artifacts it names.
//!
//! - `GET /v1/updates/{channel}/{target}/{arch}/{current_version}` (Tauri's dynamic endpoint):
//!   204 No Content when `current_version` is at least the channel's version (semver) or the
//!   manifest has no build for `{target}-{arch}`; else 200 with the manifest, its `platforms`
//!   narrowed to that platform's keys (`linux-x86_64`, `linux-x86_64-deb`, ...): Tauri checks
//!   every platform it is given.
//! - `GET /v1/updates/files/{channel}/{file}`: an artifact; only a plain file name is accepted.
//!
//! No token: the updater checks before a device has enrolled, everything here is read-only,
//! and what it serves is signed (the app refuses an artifact its public key does not verify).

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::path::PathBuf;
use std::sync::Arc;

use crate::routes::ApiError;

/// The channels a device may follow.
pub const CHANNELS: [&str; 2] = ["stable", "beta"];

/// Where the updates are; none when the server is not configured to serve them.
#[derive(Clone)]
struct Updates {
    dir: Option<Arc<PathBuf>>,
}

/// The update routes over `dir` (`updates_dir`, `--updates-dir`, `CLIENTELE_SYNC_UPDATES_DIR`).
pub fn router(dir: Option<PathBuf>) -> Router {
    Router::new()
        .route(
            "/v1/updates/{channel}/{target}/{arch}/{current_version}",
            get(check),
        )
        .route("/v1/updates/files/{channel}/{file}", get(file))
        .with_state(Updates {
            dir: dir.map(Arc::new),
        })
}

impl Updates {
    /// The folder of `channel`, or a refusal saying why there is none.
    fn channel_dir(&self, channel: &str) -> Result<PathBuf, ApiError> {
        if !CHANNELS.contains(&channel) {
            return Err(ApiError(
                StatusCode::NOT_FOUND,
                "unknown_channel",
                format!(
                    "there is no update channel {channel:?}; use {}",
                    CHANNELS.join(" or ")
                ),
            ));
        }
        let Some(dir) = &self.dir else {
            return Err(ApiError(
                StatusCode::NOT_FOUND,
                "no_updates",
                "this server serves no updates: its administrator sets updates_dir \
                 (--updates-dir, CLIENTELE_SYNC_UPDATES_DIR)"
                    .into(),
            ));
        };
        Ok(dir.join(channel))
    }
}

async fn check(
    State(updates): State<Updates>,
    Path((channel, target, arch, current)): Path<(String, String, String, String)>,
) -> Result<Response, ApiError> {
    let current = parse_version(&current).ok_or_else(|| {
        ApiError(
            StatusCode::BAD_REQUEST,
            "bad_version",
            format!("{current:?} is not a version such as 1.2.3"),
        )
    })?;
    let path = updates.channel_dir(&channel)?.join("latest.json");
    let text = match tokio::fs::read_to_string(&path).await {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            tracing::info!(file = %path.display(), "no update published on this channel");
            return Ok(StatusCode::NO_CONTENT.into_response());
        }
        Err(error) => return Err(broken_manifest(&path, &error.to_string())),
    };
    let mut manifest: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| broken_manifest(&path, &e.to_string()))?;
    let latest = manifest
        .get("version")
        .and_then(serde_json::Value::as_str)
        .and_then(parse_version)
        .ok_or_else(|| broken_manifest(&path, "`version` is missing or not a version"))?;
    if current >= latest {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    // `{target}-{arch}`, and installer-specific keys such as `linux-x86_64-deb` that
    // Tauri's updater looks for first.
    let platform = format!("{target}-{arch}");
    let builds: serde_json::Map<String, serde_json::Value> = manifest
        .get("platforms")
        .and_then(serde_json::Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(key, _)| {
            key.strip_prefix(platform.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
        })
        .map(|(key, build)| (key.clone(), build.clone()))
        .collect();
    if builds.is_empty() {
        tracing::warn!(file = %path.display(), %platform, "no build for this platform in the manifest");
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    manifest["platforms"] = serde_json::Value::Object(builds);
    Ok(Json(manifest).into_response())
}

/// A version as Tauri writes them, with or without a leading `v`.
fn parse_version(text: &str) -> Option<semver::Version> {
    semver::Version::parse(text.strip_prefix('v').unwrap_or(text)).ok()
}

/// The manifest IT wrote cannot be used: said in the log and to the device.
fn broken_manifest(path: &std::path::Path, problem: &str) -> ApiError {
    tracing::error!(file = %path.display(), problem, "the update manifest cannot be used");
    ApiError(
        StatusCode::INTERNAL_SERVER_ERROR,
        "bad_manifest",
        format!("the server's update manifest cannot be used ({problem}); tell its administrator"),
    )
}

async fn file(
    State(updates): State<Updates>,
    Path((channel, name)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    if !is_plain_file_name(&name) {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            "bad_file_name",
            format!(
                "{name:?} is not a plain file name (letters, digits, '.', '_', '-', '+'; \
                 no '/' or '..')"
            ),
        ));
    }
    let path = updates.channel_dir(&channel)?.join(&name);
    let not_found = || {
        ApiError(
            StatusCode::NOT_FOUND,
            "no_such_file",
            format!("the {channel} channel has no file {name:?}"),
        )
    };
    let length = match tokio::fs::symlink_metadata(&path).await {
        Ok(meta) if meta.is_file() => meta.len(),
        _ => return Err(not_found()),
    };
    let opened = tokio::fs::File::open(&path)
        .await
        .map_err(|_| not_found())?;
    // Streamed: many devices may fetch a large artifact at once.
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(opened));
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_LENGTH, length.to_string()),
        ],
        body,
    )
        .into_response())
}

/// A name inside the channel's folder and nothing else: no separators, no `..`, no hidden
/// files, only the characters artifact names use.
pub fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && !name.starts_with('.')
        && !name.contains("..")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_file_names_pass() {
        for good in [
            "Clientele_0.2.0_amd64.AppImage.tar.gz",
            "app.sig",
            "a+b-c_d",
        ] {
            assert!(is_plain_file_name(good), "{good}");
        }
        for bad in [
            "", "..", "../x", "a/b", "a\\b", ".hidden", "x..y", "a b", "a%2Fb",
        ] {
            assert!(!is_plain_file_name(bad), "{bad}");
        }
    }

    #[test]
    fn versions_compare_as_semver() {
        let v = |s| parse_version(s).unwrap();
        assert!(v("v0.10.0") > v("0.9.9"));
        assert!(v("1.0.0") > v("1.0.0-beta.2"));
        assert!(parse_version("latest").is_none());
    }
}
