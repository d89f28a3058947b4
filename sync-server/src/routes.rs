//! The server's HTTP routes: health and updates (open, see `updates`); enrol (the one-time
//! code is the credential, see `enrolment`); push, pull, snapshots, wait and me (bearer token).
//! Every refusal is a 4xx with a JSON `{code, message}` that says what to do; nothing stored is
//! touched by a refused request.

use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use clientele_model::sync::{
    PullResponse, PulledChanges, PushRequest, PushResponse, SnapshotDocument, SnapshotPage,
    SyncError, SyncRequest, SyncResponse, PROTOCOL_VERSION,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::documents::merge_entry;
use crate::store::{sha256, NewEntry, PageRequest, Push, Store, StoreError, User};

/// Largest request body accepted (413 beyond).
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// Most entries one pull returns.
pub const MAX_PULL: u32 = 1_000;
/// Most snapshots one bootstrap page returns.
pub const MAX_SNAPSHOTS: u32 = 5_000;

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    /// The latest cursor, so waiting devices hear of new changes at once.
    pub cursor: Arc<tokio::sync::watch::Sender<u64>>,
}

/// Longest a device's wait may last before it is answered anyway.
pub const MAX_WAIT_SECONDS: u64 = 60;

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

/// A refusal: status, code and message.
pub struct ApiError(
    pub(crate) StatusCode,
    pub(crate) &'static str,
    pub(crate) String,
);

/// A refusal about one document, which the device then holds back.
struct DocumentError(ApiError, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error_response(self, None)
    }
}

impl IntoResponse for DocumentError {
    fn into_response(self) -> Response {
        error_response(self.0, Some(self.1))
    }
}

fn error_response(error: ApiError, document: Option<String>) -> Response {
    let ApiError(status, code, message) = error;
    tracing::warn!(%status, code, %message, ?document, "request refused");
    (
        status,
        Json(SyncError {
            code: code.to_owned(),
            message,
            document,
        }),
    )
        .into_response()
}

/// A push's refusal: about one document where the store says so.
enum PushError {
    Request(ApiError),
    Document(DocumentError),
}

impl IntoResponse for PushError {
    fn into_response(self) -> Response {
        match self {
            PushError::Request(error) => error.into_response(),
            PushError::Document(error) => error.into_response(),
        }
    }
}

impl From<ApiError> for PushError {
    fn from(error: ApiError) -> Self {
        PushError::Request(error)
    }
}

impl From<StoreError> for PushError {
    fn from(error: StoreError) -> Self {
        let document = match &error {
            StoreError::ClassMismatch { doc_id, .. }
            | StoreError::Forbidden { doc_id, .. }
            | StoreError::BadChanges { doc_id, .. } => Some(doc_id.clone()),
            _ => None,
        };
        match document {
            Some(doc_id) => PushError::Document(DocumentError(ApiError::from(error), doc_id)),
            None => PushError::Request(ApiError::from(error)),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::ClassMismatch { .. } => {
                ApiError(StatusCode::CONFLICT, "class_mismatch", error.to_string())
            }
            StoreError::Forbidden { .. } => {
                ApiError(StatusCode::FORBIDDEN, "forbidden", error.to_string())
            }
            StoreError::BadChanges { .. } => {
                ApiError(StatusCode::BAD_REQUEST, "bad_changes", error.to_string())
            }
            other => {
                tracing::error!(error = %other, "storage failed");
                ApiError(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "storage",
                    "the server could not store this; try again later".into(),
                )
            }
        }
    }
}

/// The user behind the request's bearer token (401 otherwise).
pub(crate) fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<User, ApiError> {
    let unauthorized = |m: &str| ApiError(StatusCode::UNAUTHORIZED, "unauthorized", m.to_owned());
    let header = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .ok_or_else(|| {
            unauthorized("send Authorization: Bearer <token>; ask your admin for a token")
        })?;
    let token = header
        .strip_prefix("Bearer ")
        .ok_or_else(|| unauthorized("the Authorization header must be Bearer <token>"))?;
    state
        .store
        .user_for_token(&sha256(token.trim().as_bytes()))?
        .ok_or_else(|| unauthorized("this token is unknown, revoked, or its user is disabled; ask your admin for a new one"))
}

/// A query string that does not parse, answered with what the route takes (`usage`).
fn malformed_query(usage: &'static str) -> impl FnOnce(QueryRejection) -> ApiError {
    move |e| {
        let message = format!("{usage}: {}", e.body_text());
        ApiError(StatusCode::BAD_REQUEST, "malformed", message)
    }
}

/// Runs `work` on the store from a blocking thread (the stores are synchronous); the outer error
/// is a task that died, the inner one the store's.
pub(crate) async fn on_store<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<Result<T, StoreError>, ApiError> {
    let store = Arc::clone(&state.store);
    tokio::task::spawn_blocking(move || work(&*store))
        .await
        .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))
}

async fn push(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<PushRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<PushResponse>, PushError> {
    let user = authenticate(&state, &headers)?;
    let Json(request) = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "a push may carry at most {} MB: send fewer documents per push",
                MAX_BODY_BYTES / (1024 * 1024)
            ),
        ),
        _ => ApiError(
            StatusCode::BAD_REQUEST,
            "malformed",
            format!("the push body is not a valid push: {}", e.body_text()),
        ),
    })?;
    Ok(Json(
        store_push(&state, &user, request.protocol, request.changes).await?,
    ))
}

/// Checks and stores a push's changes for `user`; what the store kept.
async fn store_push(
    state: &AppState,
    user: &User,
    protocol: u32,
    changes: Vec<clientele_model::sync::DocumentChanges>,
) -> Result<PushResponse, PushError> {
    if protocol != PROTOCOL_VERSION {
        return Err(ApiError(StatusCode::BAD_REQUEST, "protocol", format!("protocol {protocol} is not spoken here (this server speaks {PROTOCOL_VERSION}); update Clientele")).into());
    }
    let mut entries = Vec::with_capacity(changes.len());
    for change in changes {
        if clientele_schema::DocumentClass::parse(&change.class).is_none() {
            return Err(ApiError(
                StatusCode::BAD_REQUEST,
                "unknown_class",
                format!(
                    "document {} has unknown class {:?}; known: {}",
                    change.doc_id,
                    change.class,
                    clientele_schema::DocumentClass::names()
                ),
            )
            .into());
        }
        if change.doc_id.is_empty() || change.doc_id.len() > 200 {
            return Err(ApiError(
                StatusCode::BAD_REQUEST,
                "bad_document_id",
                "a document id has 1 to 200 characters".into(),
            )
            .into());
        }
        let data = base64::engine::general_purpose::STANDARD
            .decode(&change.data)
            .map_err(|e| {
                ApiError(
                    StatusCode::BAD_REQUEST,
                    "bad_base64",
                    format!("the changes of {} are not base64: {e}", change.doc_id),
                )
            })?;
        entries.push(NewEntry {
            doc_id: change.doc_id,
            class: change.class,
            data,
        });
    }
    let pusher = user.clone();
    // Merging and the role checks run inside the store's transaction: a refusal stores nothing.
    let (accepted, duplicates, cursor) = on_store(state, move |store| {
        store.append(Push {
            user: &pusher.name,
            entries: &entries,
            merge: &|entry, current, numbers| merge_entry(&pusher, entry, current, numbers),
        })
    })
    .await??;
    tracing::info!(user = %user.name, accepted, duplicates, cursor, "push stored");
    if accepted > 0 {
        advance(&state.cursor, cursor);
    }
    Ok(PushResponse {
        accepted,
        duplicates,
        cursor,
    })
}

/// A page's query string (pull and snapshots): after which cursor or position, how many.
#[derive(Debug, Deserialize)]
struct PageQuery {
    #[serde(default)]
    after: u64,
    limit: Option<u32>,
}

async fn pull(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Json<PullResponse>, ApiError> {
    let user = authenticate(&state, &headers)?;
    let Query(query) = query.map_err(malformed_query("pull takes ?after=N&limit=M"))?;
    Ok(Json(
        read_changes(&state, user, query.after, query.limit).await?,
    ))
}

/// The entries after `after` that `user` may see, at most `limit` (the server's most).
async fn read_changes(
    state: &AppState,
    user: User,
    after: u64,
    limit: Option<u32>,
) -> Result<PullResponse, ApiError> {
    let limit = limit.unwrap_or(MAX_PULL).clamp(1, MAX_PULL);
    // One more than asked tells whether more wait.
    let mut entries = on_store(state, move |store| {
        store.pull(PageRequest {
            after,
            limit: limit + 1,
            visibility: user.visibility(),
        })
    })
    .await??;
    let more = entries.len() > limit as usize;
    entries.truncate(limit as usize);
    let cursor = entries.last().map_or(after, |e| e.seq);
    let changes = entries
        .into_iter()
        .map(|e| PulledChanges {
            seq: e.seq,
            doc_id: e.doc_id,
            class: e.class,
            data: base64::engine::general_purpose::STANDARD.encode(e.data),
        })
        .collect();
    Ok(PullResponse {
        changes,
        cursor,
        more,
    })
}

/// One round trip for a device that is up to date but for a few edits: its changes are stored,
/// then what it lacks after its cursor comes back in the same answer.
async fn exchange(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<SyncRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<SyncResponse>, PushError> {
    let user = authenticate(&state, &headers)?;
    let Json(request) = body.map_err(|e| {
        ApiError(
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::BAD_REQUEST
            },
            "malformed",
            format!(
                "the body is not a valid sync request (at most {} MB): {}",
                MAX_BODY_BYTES / (1024 * 1024),
                e.body_text()
            ),
        )
    })?;
    let pushed = store_push(&state, &user, request.protocol, request.changes).await?;
    let pulled = read_changes(&state, user, request.after, request.limit).await?;
    Ok(Json(SyncResponse { pushed, pulled }))
}

/// A fresh device's bootstrap: compacted documents in position order, each holding every change
/// the server had when it was read, plus the cursor to pull from once the last page is in.
async fn snapshots(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Json<SnapshotPage>, ApiError> {
    let user = authenticate(&state, &headers)?;
    let Query(query) = query.map_err(malformed_query("snapshots takes ?after=POSITION&limit=N"))?;
    let limit = query.limit.unwrap_or(MAX_SNAPSHOTS).clamp(1, MAX_SNAPSHOTS);
    let (cursor, total, mut documents) = on_store(&state, move |store| {
        let visibility = user.visibility();
        // The cursor is read first: every snapshot read after it holds at least that much.
        let cursor = store.latest_cursor()?;
        // Counting is a scan: only the first page carries the total.
        let total = if query.after == 0 {
            Some(store.visible_documents(visibility)?)
        } else {
            None
        };
        let documents = store.snapshots(PageRequest {
            after: query.after,
            limit: limit + 1,
            visibility,
        })?;
        Ok((cursor, total, documents))
    })
    .await??;
    let more = documents.len() > limit as usize;
    documents.truncate(limit as usize);
    let position = documents.last().map_or(query.after, |d| d.position);
    Ok(Json(SnapshotPage {
        documents: documents
            .into_iter()
            .map(|d| SnapshotDocument {
                doc_id: d.doc_id,
                class: d.class,
                data: base64::engine::general_purpose::STANDARD.encode(d.data),
            })
            .collect(),
        position,
        more,
        cursor,
        total,
    }))
}

#[derive(Debug, Deserialize)]
struct WaitQuery {
    #[serde(default)]
    after: u64,
    timeout: Option<u64>,
}

#[derive(Debug, Serialize)]
struct WaitAnswer {
    /// The server's latest cursor: pull if it is past yours. Carries no document, not even ids.
    cursor: u64,
}

/// Long-poll: answers as soon as the server holds changes past `after` (or at the timeout).
async fn wait(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<WaitQuery>, QueryRejection>,
) -> Result<Json<WaitAnswer>, ApiError> {
    authenticate(&state, &headers)?;
    let Query(query) = query.map_err(malformed_query("wait takes ?after=N&timeout=SECONDS"))?;
    let timeout = std::time::Duration::from_secs(query.timeout.unwrap_or(25).min(MAX_WAIT_SECONDS));
    let mut receiver = state.cursor.subscribe();
    let reached = async {
        loop {
            if *receiver.borrow_and_update() > query.after {
                return;
            }
            if receiver.changed().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    };
    let _ = tokio::time::timeout(timeout, reached).await;
    let cursor = *receiver.borrow();
    Ok(Json(WaitAnswer { cursor }))
}

/// Moves the cursor waiting devices watch forward (never back: a late notification of an
/// older push must not hide a newer one).
fn advance(cursor: &tokio::sync::watch::Sender<u64>, to: u64) {
    cursor.send_if_modified(|current| {
        let newer = to > *current;
        if newer {
            *current = to;
        }
        newer
    });
}

/// The whole application over `store`, serving no updates.
pub fn router(store: Arc<dyn Store>) -> Result<Router, StoreError> {
    router_with_updates(store, None)
}

/// The whole application over `store`, starting from its latest cursor (other instances on
/// the same storage wake this one's waiting devices through the store), and the desktop
/// app's updates from `updates_dir` when given.
pub fn router_with_updates(
    store: Arc<dyn Store>,
    updates_dir: Option<std::path::PathBuf>,
) -> Result<Router, StoreError> {
    let latest = store.latest_cursor()?;
    let (cursor, _) = tokio::sync::watch::channel(latest);
    let cursor = Arc::new(cursor);
    let woken = Arc::clone(&cursor);
    store.watch_cursor(Box::new(move |to| advance(&woken, to)))?;
    Ok(Router::new()
        .route("/health", get(health))
        .route("/v1/push", post(push))
        .route("/v1/pull", get(pull))
        .route("/v1/snapshots", get(snapshots))
        .route("/v1/sync", post(exchange))
        .route("/v1/wait", get(wait))
        .route("/v1/me", get(crate::identity::me))
        .route("/v1/enrol", post(crate::enrolment::enrol))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(AppState { store, cursor })
        .merge(crate::updates::router(updates_dir)))
}
