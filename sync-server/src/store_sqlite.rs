//! The embedded store: one SQLite file (WAL, synchronous FULL), the zero-set-up default. A push's
//! entries and the snapshots they update commit in one transaction before the answer is sent.

use rusqlite::{named_params, params, Connection, OptionalExtension};
use std::path::Path;
use std::sync::Mutex;

use crate::migrations;
use crate::store::{
    check_class, check_enrolment, check_new_user, display_name_or_login, entry_hash,
    next_number_sql, preferences_id, Member, NumberSource, PageRequest, PageRow, Paged, Push, Role,
    Store, StoreError, User, Visibility,
};

/// The embedded store.
pub struct SqliteStore {
    conn: Mutex<Connection>,
}

impl SqliteStore {
    /// Opens or creates `sync.sqlite3` in `dir`, upgrading an older schema in place.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Database(format!("cannot create {}: {e}", dir.display())))?;
        let mut conn = Connection::open(dir.join("sync.sqlite3"))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let tx = conn.transaction()?;
        for migration in migrations::pending(version)? {
            tracing::info!(version = migration.version, "migrating: {}", migration.what);
            tx.execute_batch(migration.sqlite)?;
            if migration.version == 2 {
                upgrade_to_snapshots(&tx)?;
            }
        }
        tx.pragma_update(None, "user_version", migrations::schema_version())?;
        tx.commit()?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Refuses to take `name` out of the admins (a new role, or disabled) when they are the team's
/// last active admin: nobody could then manage the team.
fn keep_an_admin(tx: &rusqlite::Transaction, name: &str) -> Result<(), StoreError> {
    let (is_admin, others): (bool, i64) = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE name = ?1 AND role = 'admin' AND NOT disabled),
                (SELECT count(*) FROM users WHERE name <> ?1 AND role = 'admin' AND NOT disabled)",
        [name],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if is_admin && others == 0 {
        return Err(StoreError::LastAdmin(name.to_owned()));
    }
    Ok(())
}

/// Version 1 kept only the change log: build each document's snapshot from its entries.
fn upgrade_to_snapshots(tx: &rusqlite::Transaction) -> Result<(), StoreError> {
    let has_old = tx
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    let mut documents: Vec<(String, String)> = Vec::new();
    {
        let mut statement =
            tx.prepare("SELECT doc_id, class FROM entries GROUP BY doc_id ORDER BY min(seq)")?;
        for row in statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
            documents.push(row?);
        }
    }
    for (doc_id, class) in documents {
        let mut doc = automerge::AutoCommit::new();
        let mut statement =
            tx.prepare_cached("SELECT data FROM entries WHERE doc_id = ?1 ORDER BY seq")?;
        for data in statement.query_map([&doc_id], |r| r.get::<_, Vec<u8>>(0))? {
            doc.load_incremental(&data?)
                .map_err(|e| StoreError::BadChanges {
                    doc_id: doc_id.clone(),
                    reason: e.to_string(),
                })?;
        }
        tx.execute(
            "INSERT OR IGNORE INTO snapshots (doc_id, class, data) VALUES (?1, ?2, ?3)",
            params![doc_id, class, doc.save()],
        )?;
    }
    if has_old {
        tx.execute_batch("DROP TABLE documents")?;
    }
    Ok(())
}

/// Which rows the request's user may see: the shared schema's rule, with this driver's names.
fn visible() -> String {
    clientele_schema::visibility::sql_condition(":private", ":preferences")
}

fn user_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    let role: String = row.get(1)?;
    Ok(User::from_columns(
        row.get(0)?,
        &role,
        row.get(2)?,
        row.get(3)?,
    ))
}

/// Official numbers drawn inside a push's transaction.
struct SqliteNumbers<'a>(&'a rusqlite::Transaction<'a>);

impl NumberSource for SqliteNumbers<'_> {
    fn next_number(&mut self, sequence: &str) -> Result<u64, StoreError> {
        let next: i64 = self
            .0
            .prepare_cached(&next_number_sql("?1"))?
            .query_row([sequence], |r| r.get(0))?;
        Ok(next as u64)
    }
}

impl Store for SqliteStore {
    fn append(&self, push: Push<'_>) -> Result<(u32, u32, u64), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let (mut accepted, mut duplicates) = (0, 0);
        for entry in push.entries {
            let hash = entry_hash(entry);
            let held = tx
                .prepare_cached("SELECT 1 FROM entries WHERE hash = ?1")?
                .query_row([&hash], |_| Ok(()))
                .optional()?
                .is_some();
            if held {
                duplicates += 1;
                continue;
            }
            let existing: Option<(String, Vec<u8>)> = tx
                .prepare_cached("SELECT class, data FROM snapshots WHERE doc_id = ?1")?
                .query_row([&entry.doc_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((class, _)) = &existing {
                check_class(entry, class)?;
            }
            let current = existing.as_ref().map(|(_, d)| d.as_slice());
            let Some(merged) = (push.merge)(entry, current, &mut SqliteNumbers(&tx))? else {
                duplicates += 1;
                continue;
            };
            let log_data = merged.log_data.as_ref().unwrap_or(&entry.data);
            tx.prepare_cached(
                "INSERT INTO entries (doc_id, class, hash, data, user_name) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![entry.doc_id, entry.class, hash, log_data, push.user])?;
            tx.prepare_cached(
                "INSERT INTO snapshots (doc_id, class, data) VALUES (?1, ?2, ?3)
                 ON CONFLICT(doc_id) DO UPDATE SET data = excluded.data",
            )?
            .execute(params![entry.doc_id, entry.class, merged.snapshot])?;
            accepted += 1;
        }
        let cursor: i64 = tx.query_row("SELECT coalesce(max(seq), 0) FROM entries", [], |r| {
            r.get(0)
        })?;
        tx.commit()?;
        Ok((accepted, duplicates, cursor as u64))
    }

    fn page(&self, paged: Paged, request: PageRequest<'_>) -> Result<Vec<PageRow>, StoreError> {
        let (table, order) = paged.table_and_order();
        let conn = self.conn();
        let mut statement = conn.prepare_cached(&format!(
            "SELECT {order}, doc_id, class, data FROM {table}
             WHERE {order} > :after AND {} ORDER BY {order} LIMIT :limit",
            visible()
        ))?;
        let visibility = request.visibility;
        let rows = statement.query_map(
            named_params! {
                ":after": request.after as i64,
                ":limit": request.limit,
                ":private": visibility.private_addresses,
                ":preferences": preferences_id(visibility.user),
            },
            |r| {
                Ok(PageRow {
                    order: r.get::<_, i64>(0)? as u64,
                    doc_id: r.get(1)?,
                    class: r.get(2)?,
                    data: r.get(3)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn visible_documents(&self, visibility: Visibility<'_>) -> Result<u64, StoreError> {
        let count: i64 = self.conn().query_row(
            &format!("SELECT count(*) FROM snapshots WHERE {}", visible()),
            named_params! {
                ":private": visibility.private_addresses,
                ":preferences": preferences_id(visibility.user),
            },
            |r| r.get(0),
        )?;
        Ok(count as u64)
    }

    fn latest_cursor(&self) -> Result<u64, StoreError> {
        let cursor: i64 =
            self.conn()
                .query_row("SELECT coalesce(max(seq), 0) FROM entries", [], |r| {
                    r.get(0)
                })?;
        Ok(cursor as u64)
    }

    fn add_member(&self, user: &User, display_name: &str) -> Result<(), StoreError> {
        check_new_user(user)?;
        let inserted = self.conn().execute(
            "INSERT OR IGNORE INTO users (name, role, private_addresses, disabled, display_name)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                user.name,
                user.role.as_str(),
                user.private_addresses,
                user.disabled,
                display_name_or_login(&user.name, display_name)
            ],
        )?;
        if inserted == 0 {
            return Err(StoreError::DuplicateUser(user.name.clone()));
        }
        Ok(())
    }

    fn members(&self) -> Result<Vec<Member>, StoreError> {
        let conn = self.conn();
        let mut statement = conn.prepare(
            "SELECT name, role, private_addresses, disabled, display_name FROM users ORDER BY name",
        )?;
        let rows = statement.query_map([], |r| {
            Ok(Member::from_columns(user_from_row(r)?, r.get(4)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn set_display_name(&self, name: &str, display_name: &str) -> Result<(), StoreError> {
        if self.conn().execute(
            "UPDATE users SET display_name = ?2 WHERE name = ?1",
            params![name, display_name_or_login(name, display_name)],
        )? == 0
        {
            return Err(StoreError::UnknownUser(name.to_owned()));
        }
        Ok(())
    }

    fn set_disabled(&self, name: &str, disabled: bool) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        if disabled {
            keep_an_admin(&tx, name)?;
        }
        if tx.execute(
            "UPDATE users SET disabled = ?2 WHERE name = ?1",
            params![name, disabled],
        )? == 0
        {
            return Err(StoreError::UnknownUser(name.to_owned()));
        }
        tx.commit()?;
        Ok(())
    }

    fn set_role(&self, name: &str, role: Role) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        if role != Role::Admin {
            keep_an_admin(&tx, name)?;
        }
        if tx.execute(
            "UPDATE users SET role = ?2 WHERE name = ?1",
            params![name, role.as_str()],
        )? == 0
        {
            return Err(StoreError::UnknownUser(name.to_owned()));
        }
        tx.commit()?;
        Ok(())
    }

    fn add_token(&self, user: &str, token_hash: &[u8], label: &str) -> Result<(), StoreError> {
        let conn = self.conn();
        let known: Option<String> = conn
            .query_row("SELECT name FROM users WHERE name = ?1", [user], |r| {
                r.get(0)
            })
            .optional()?;
        if known.is_none() {
            return Err(StoreError::UnknownUser(user.to_owned()));
        }
        conn.execute(
            "INSERT INTO tokens (hash, user_name, label) VALUES (?1, ?2, ?3)",
            params![token_hash, user, label],
        )?;
        Ok(())
    }

    fn revoke_token(&self, token_hash: &[u8]) -> Result<bool, StoreError> {
        Ok(self.conn().execute(
            "UPDATE tokens SET revoked = 1 WHERE hash = ?1",
            [token_hash],
        )? == 1)
    }

    fn user_for_token(&self, token_hash: &[u8]) -> Result<Option<User>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT u.name, u.role, u.private_addresses, u.disabled FROM tokens t JOIN users u ON u.name = t.user_name
                 WHERE t.hash = ?1 AND t.revoked = 0 AND u.disabled = 0",
                [token_hash],
                user_from_row,
            )
            .optional()?)
    }

    fn add_enrolment_code(
        &self,
        user: &str,
        code_hash: &[u8],
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let conn = self.conn();
        let found = conn
            .query_row(
                "SELECT name, role, private_addresses, disabled FROM users WHERE name = ?1",
                [user],
                user_from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::UnknownUser(user.to_owned()))?;
        if found.disabled {
            return Err(StoreError::UserDisabled(found.name));
        }
        conn.execute(
            "INSERT INTO enrolment_codes (hash, user_name, expires_at) VALUES (?1, ?2, ?3)",
            params![code_hash, user, expires_at],
        )?;
        Ok(())
    }

    fn redeem_enrolment_code(
        &self,
        code_hash: &[u8],
        now: i64,
        token_hash: &[u8],
        device_name: &str,
    ) -> Result<User, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let code: Option<(i64, Option<i64>, User)> = tx
            .query_row(
                "SELECT c.expires_at, c.used_at, u.name, u.role, u.private_addresses, u.disabled
                 FROM enrolment_codes c JOIN users u ON u.name = c.user_name WHERE c.hash = ?1",
                [code_hash],
                |r| {
                    let role: String = r.get(3)?;
                    let user = User::from_columns(r.get(2)?, &role, r.get(4)?, r.get(5)?);
                    Ok((r.get(0)?, r.get(1)?, user))
                },
            )
            .optional()?;
        let (expires_at, used_at, user) = code.ok_or(StoreError::EnrolmentCodeUnknown)?;
        check_enrolment(expires_at, used_at, &user, now)?;
        tx.execute(
            "UPDATE enrolment_codes SET used_at = ?2, device_name = ?3 WHERE hash = ?1",
            params![code_hash, now, device_name],
        )?;
        tx.execute(
            "INSERT INTO tokens (hash, user_name, label) VALUES (?1, ?2, ?3)",
            params![token_hash, user.name, device_name],
        )?;
        tx.commit()?;
        Ok(user)
    }
}
