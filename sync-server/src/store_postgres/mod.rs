//! The PostgreSQL store, for several server instances on one database: the same semantics as the
//! SQLite store (one transaction per push, committed before the answer; entries unique by hash;
//! snapshots paged by position), with each document's snapshot row locked `FOR UPDATE` while it is
//! merged so two instances cannot lose each other's merge.
//!
//! Crates: the synchronous `postgres` client (the `Store` trait is synchronous and routes call it
//! from `spawn_blocking`) in an `r2d2` pool (`r2d2_postgres`); both come from the author of
//! `tokio-postgres`. The sync client drives its own small runtime, which must not run on an async
//! worker thread: every call goes through [`off_the_runtime`], which uses `block_in_place` there.
//! Connections are plain TCP (`NoTls`): run PostgreSQL on the same host or a private network.
//!
//! Ordering: a puller must never pass a cursor while a lower one is still uncommitted. Entries
//! therefore get their sequence numbers at the end of the transaction under one advisory lock
//! (the sequencer), so numbering order is commit order; the slow part, merging, runs before it
//! under the per-document locks only. Documents are locked in `doc_id` order so two pushes never
//! wait on each other in a cycle; a deadlock the server still reports is retried.
//!
//! Wake-ups: a push that stores entries sends `NOTIFY clientele_cursor, '<cursor>'` inside its
//! transaction (PostgreSQL delivers it at commit), and every instance LISTENs on a connection of
//! its own, so a device long-polling instance B hears of a push to instance A at once.

use postgres::{Client, NoTls};
use r2d2_postgres::PostgresConnectionManager;
use std::time::Duration;

use crate::migrations;

mod listen;
mod push;
use crate::store::{
    check_enrolment, check_new_user, display_name_or_login, preferences_id, CursorWaker, Member,
    PageRequest, PageRow, Paged, Push, Role, Store, StoreError, User, Visibility,
};
use listen::listen_for_cursors;
use push::{append_once, retryable};

/// Advisory lock keys ("clientel" + a digit): schema creation, and entry numbering.
const SCHEMA_LOCK: i64 = 0x636c_6965_6e74_0001;
const SEQUENCER_LOCK: i64 = 0x636c_6965_6e74_0002;

/// Connections per server instance.
const POOL_SIZE: u32 = 16;
/// How often a push that lost a deadlock is tried again.
const ATTEMPTS: usize = 5;

/// The channel on which pushes announce the new cursor.
const CURSOR_CHANNEL: &str = "clientele_cursor";

/// The shared store.
pub struct PostgresStore {
    pool: r2d2::Pool<PostgresConnectionManager<NoTls>>,
    /// For the LISTEN connection, which lives outside the pool.
    config: postgres::Config,
    /// `user@host:port/database`, without the password, for messages.
    target: String,
}

/// A failure inside a transaction: PostgreSQL's (maybe retried) or the store's own.
enum Failure {
    Postgres(postgres::Error),
    Store(StoreError),
}

impl From<postgres::Error> for Failure {
    fn from(error: postgres::Error) -> Self {
        Failure::Postgres(error)
    }
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Self {
        Failure::Store(error)
    }
}

/// Runs blocking database work where it may: on a multi-thread runtime's thread through
/// `block_in_place`, elsewhere (blocking threads, no runtime) directly. The server runs the
/// multi-thread runtime; async code of a current-thread runtime must not call this store.
fn off_the_runtime<T>(work: impl FnOnce() -> T) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current().map(|h| h.runtime_flavor()) {
        Ok(RuntimeFlavor::MultiThread) => tokio::task::block_in_place(work),
        _ => work(),
    }
}

/// An error with its causes (tokio-postgres keeps "connection refused" in the source).
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let inner_text = inner.to_string();
        if !text.contains(&inner_text) {
            text = format!("{text}: {inner_text}");
        }
        cause = inner.source();
    }
    text
}

/// `user@host:port/database` of a connection string, without its password.
fn describe(config: &postgres::Config) -> String {
    let host = config
        .get_hosts()
        .first()
        .map(|h| match h {
            postgres::config::Host::Tcp(name) => name.clone(),
            postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .unwrap_or_else(|| "localhost".into());
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or("(no user)");
    let database = config.get_dbname().unwrap_or(user);
    format!("{user}@{host}:{port}/{database}")
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user:password@host:port/database` or `key=value` form) and
    /// creates the schema if absent.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let config: postgres::Config = url.parse().map_err(|e| {
            StoreError::Database(format!(
                "the database URL is not valid ({e}); write it as postgres://USER:PASSWORD@HOST:5432/DATABASE"
            ))
        })?;
        let target = describe(&config);
        let mut config = config;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        off_the_runtime(|| {
            let mut client = config.connect(NoTls).map_err(|e| {
                StoreError::Database(format!(
                    "cannot connect to PostgreSQL at {target}: {}. Check that PostgreSQL runs and \
                     accepts TCP connections there, that the database exists (createdb), and the \
                     user and password in the database URL",
                    with_causes(&e)
                ))
            })?;
            create_schema(&mut client).map_err(|e| failure(&target, "creating the schema", e))
        })?;
        let pool = r2d2::Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(0))
            .connection_timeout(Duration::from_secs(10))
            .build_unchecked(PostgresConnectionManager::new(config.clone(), NoTls));
        Ok(PostgresStore {
            pool,
            config,
            target,
        })
    }

    /// Runs `work` on a pooled connection, off the async runtime.
    fn with<T>(
        &self,
        what: &str,
        work: impl FnOnce(&mut Client) -> Result<T, Failure>,
    ) -> Result<T, StoreError> {
        off_the_runtime(|| {
            let mut client = self.pool.get().map_err(|e| {
                StoreError::Database(format!(
                    "no PostgreSQL connection to {} within 10 s: {e}. Check that PostgreSQL runs \
                     and accepts connections (max_connections)",
                    self.target
                ))
            })?;
            work(&mut client).map_err(|e| failure(&self.target, what, e))
        })
    }
}

/// Refuses to take `name` out of the admins (a new role, or disabled) when they are the team's
/// last active admin. The active admins' rows are locked first, so two such changes at once
/// cannot each leave the other as the last.
fn keep_an_admin(tx: &mut postgres::Transaction<'_>, name: &str) -> Result<(), Failure> {
    let admins: Vec<String> = tx
        .query(
            "SELECT name FROM users WHERE role = 'admin' AND NOT disabled FOR UPDATE",
            &[],
        )?
        .iter()
        .map(|row| row.get(0))
        .collect();
    if admins.iter().any(|admin| admin == name) && admins.len() == 1 {
        return Err(StoreError::LastAdmin(name.to_owned()).into());
    }
    Ok(())
}

/// A failure as the store reports it, saying what to check.
fn failure(target: &str, what: &str, failure: Failure) -> StoreError {
    match failure {
        Failure::Store(error) => error,
        Failure::Postgres(error) => {
            let hint = if error.is_closed() || error.as_db_error().is_none() {
                "check that PostgreSQL still runs and is reachable"
            } else {
                "see PostgreSQL's log for details"
            };
            StoreError::Postgres {
                target: target.to_owned(),
                what: what.to_owned(),
                detail: with_causes(&error),
                hint,
                source: error,
            }
        }
    }
}

/// Brings the schema up to date (crate::migrations), once even when several instances start
/// together.
fn create_schema(client: &mut Client) -> Result<(), Failure> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")?;
    let version: Option<i32> = tx
        .query_one("SELECT max(version) FROM schema_version", &[])?
        .get(0);
    let version = version.unwrap_or(0) as u32;
    let mut applied = None;
    for migration in migrations::pending(version)? {
        tracing::info!(version = migration.version, "migrating: {}", migration.what);
        tx.batch_execute(migration.postgres)?;
        applied = Some(migration.version as i32);
    }
    if let Some(version) = applied {
        tx.execute("DELETE FROM schema_version", &[])?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES ($1)",
            &[&version],
        )?;
    }
    tx.commit()?;
    Ok(())
}

fn user_from_row(row: &postgres::Row) -> User {
    let role: String = row.get(1);
    User::from_columns(row.get(0), &role, row.get(2), row.get(3))
}

/// Which rows the request's user may see: the shared schema's rule, its two values in
/// parameters `$private` and `$preferences`.
fn visible(private: usize, preferences: usize) -> String {
    clientele_schema::visibility::sql_condition(&format!("${private}"), &format!("${preferences}"))
}

impl Store for PostgresStore {
    fn watch_cursor(&self, wake: CursorWaker) -> Result<(), StoreError> {
        let (config, target) = (self.config.clone(), self.target.clone());
        std::thread::Builder::new()
            .name("postgres-listen".into())
            .spawn(move || listen_for_cursors(config, target, wake))
            .map_err(|e| StoreError::Database(format!("cannot start the LISTEN thread: {e}")))?;
        Ok(())
    }

    fn append(&self, push: Push<'_>) -> Result<(u32, u32, u64), StoreError> {
        self.with("storing a push", |client| {
            let mut attempt = 1;
            loop {
                match append_once(client, push) {
                    Err(failure) if retryable(&failure) && attempt < ATTEMPTS => {
                        tracing::warn!(attempt, "a push met a deadlock; trying again");
                        attempt += 1;
                    }
                    result => return result,
                }
            }
        })
    }

    fn page(&self, paged: Paged, request: PageRequest<'_>) -> Result<Vec<PageRow>, StoreError> {
        let (table, order) = paged.table_and_order();
        let visibility = request.visibility;
        let preferences = visibility.preferences_id();
        self.with(&format!("reading {table}"), |client| {
            let rows = client.query(
                &format!(
                    "SELECT {order}, doc_id, class, data FROM {table}
                     WHERE {order} > $1 AND {} ORDER BY {order} LIMIT $2",
                    visible(3, 4)
                ),
                &[
                    &(request.after as i64),
                    &i64::from(request.limit),
                    &visibility.private_addresses,
                    &preferences,
                ],
            )?;
            let row = |r: &postgres::Row| PageRow {
                order: r.get::<_, i64>(0) as u64,
                doc_id: r.get(1),
                class: r.get(2),
                data: r.get(3),
            };
            Ok(rows.iter().map(row).collect())
        })
    }

    fn visible_documents(&self, visibility: Visibility<'_>) -> Result<u64, StoreError> {
        let preferences = preferences_id(visibility.user);
        self.with("counting documents", |client| {
            let row = client.query_one(
                &format!("SELECT count(*) FROM snapshots WHERE {}", visible(1, 2)),
                &[&visibility.private_addresses, &preferences],
            )?;
            Ok(row.get::<_, i64>(0) as u64)
        })
    }

    fn latest_cursor(&self) -> Result<u64, StoreError> {
        self.with("reading the latest cursor", |client| {
            let row = client.query_one("SELECT coalesce(max(seq), 0)::BIGINT FROM entries", &[])?;
            Ok(row.get::<_, i64>(0) as u64)
        })
    }

    fn add_member(&self, user: &User, display_name: &str) -> Result<(), StoreError> {
        check_new_user(user)?;
        let display_name = display_name_or_login(&user.name, display_name);
        self.with("adding a user", |client| {
            let inserted = client.execute(
                "INSERT INTO users (name, role, private_addresses, disabled, display_name)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING",
                &[
                    &user.name,
                    &user.role.as_str(),
                    &user.private_addresses,
                    &user.disabled,
                    &display_name,
                ],
            )?;
            if inserted == 0 {
                return Err(StoreError::DuplicateUser(user.name.clone()).into());
            }
            Ok(())
        })
    }

    fn members(&self) -> Result<Vec<Member>, StoreError> {
        self.with("listing users", |client| {
            let rows = client.query(
                "SELECT name, role, private_addresses, disabled, display_name FROM users
                 ORDER BY name",
                &[],
            )?;
            Ok(rows
                .iter()
                .map(|r| Member::from_columns(user_from_row(r), r.get(4)))
                .collect())
        })
    }

    fn set_display_name(&self, name: &str, display_name: &str) -> Result<(), StoreError> {
        let display_name = display_name_or_login(name, display_name);
        self.with("renaming a user", |client| {
            let changed = client.execute(
                "UPDATE users SET display_name = $2 WHERE name = $1",
                &[&name, &display_name],
            )?;
            if changed == 0 {
                return Err(StoreError::UnknownUser(name.to_owned()).into());
            }
            Ok(())
        })
    }

    fn set_disabled(&self, name: &str, disabled: bool) -> Result<(), StoreError> {
        self.with("disabling a user", |client| {
            let mut tx = client.transaction()?;
            if disabled {
                keep_an_admin(&mut tx, name)?;
            }
            let changed = tx.execute(
                "UPDATE users SET disabled = $2 WHERE name = $1",
                &[&name, &disabled],
            )?;
            if changed == 0 {
                return Err(StoreError::UnknownUser(name.to_owned()).into());
            }
            tx.commit()?;
            Ok(())
        })
    }

    fn set_role(&self, name: &str, role: Role) -> Result<(), StoreError> {
        self.with("changing a user's role", |client| {
            let mut tx = client.transaction()?;
            if role != Role::Admin {
                keep_an_admin(&mut tx, name)?;
            }
            let changed = tx.execute(
                "UPDATE users SET role = $2 WHERE name = $1",
                &[&name, &role.as_str()],
            )?;
            if changed == 0 {
                return Err(StoreError::UnknownUser(name.to_owned()).into());
            }
            tx.commit()?;
            Ok(())
        })
    }

    fn add_token(&self, user: &str, token_hash: &[u8], label: &str) -> Result<(), StoreError> {
        self.with("storing a token", |client| {
            let inserted = client.execute(
                "INSERT INTO tokens (hash, user_name, label) SELECT $1, name, $3 FROM users WHERE name = $2",
                &[&token_hash, &user, &label],
            )?;
            if inserted == 0 {
                return Err(StoreError::UnknownUser(user.to_owned()).into());
            }
            Ok(())
        })
    }

    fn revoke_token(&self, token_hash: &[u8]) -> Result<bool, StoreError> {
        self.with("revoking a token", |client| {
            Ok(client.execute(
                "UPDATE tokens SET revoked = TRUE WHERE hash = $1",
                &[&token_hash],
            )? == 1)
        })
    }

    fn user_for_token(&self, token_hash: &[u8]) -> Result<Option<User>, StoreError> {
        self.with("checking a token", |client| {
            let row = client.query_opt(
                "SELECT u.name, u.role, u.private_addresses, u.disabled
                 FROM tokens t JOIN users u ON u.name = t.user_name
                 WHERE t.hash = $1 AND NOT t.revoked AND NOT u.disabled",
                &[&token_hash],
            )?;
            Ok(row.as_ref().map(user_from_row))
        })
    }

    fn add_enrolment_code(
        &self,
        user: &str,
        code_hash: &[u8],
        expires_at: i64,
    ) -> Result<(), StoreError> {
        self.with("storing an enrolment code", |client| {
            let mut tx = client.transaction()?;
            let row = tx.query_opt(
                "SELECT name, role, private_addresses, disabled FROM users WHERE name = $1
                 FOR SHARE",
                &[&user],
            )?;
            let found = row
                .as_ref()
                .map(user_from_row)
                .ok_or_else(|| StoreError::UnknownUser(user.to_owned()))?;
            if found.disabled {
                return Err(StoreError::UserDisabled(found.name).into());
            }
            tx.execute(
                "INSERT INTO enrolment_codes (hash, user_name, expires_at) VALUES ($1, $2, $3)",
                &[&code_hash, &user, &expires_at],
            )?;
            tx.commit()?;
            Ok(())
        })
    }

    fn redeem_enrolment_code(
        &self,
        code_hash: &[u8],
        now: i64,
        token_hash: &[u8],
        device_name: &str,
    ) -> Result<User, StoreError> {
        self.with("enrolling a device", |client| {
            let mut tx = client.transaction()?;
            // The code's row is locked: two devices racing with one code, one wins.
            let row = tx.query_opt(
                "SELECT c.expires_at, c.used_at, u.name, u.role, u.private_addresses, u.disabled
                 FROM enrolment_codes c JOIN users u ON u.name = c.user_name
                 WHERE c.hash = $1 FOR UPDATE OF c",
                &[&code_hash],
            )?;
            let row = row.ok_or(StoreError::EnrolmentCodeUnknown)?;
            let role: String = row.get(3);
            let user = User::from_columns(row.get(2), &role, row.get(4), row.get(5));
            check_enrolment(row.get(0), row.get(1), &user, now)?;
            tx.execute(
                "UPDATE enrolment_codes SET used_at = $2, device_name = $3 WHERE hash = $1",
                &[&code_hash, &now, &device_name],
            )?;
            tx.execute(
                "INSERT INTO tokens (hash, user_name, label) VALUES ($1, $2, $3)",
                &[&token_hash, &user.name, &device_name],
            )?;
            tx.commit()?;
            Ok(user)
        })
    }
}
