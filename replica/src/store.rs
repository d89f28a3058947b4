//! Opening the replica's SQLite file, and every write: each one loads a document, changes it,
//! and stores its bytes and its projection in one transaction, so a killed process never leaves
//! one without the other.

use automerge::{ActorId, AutoCommit};
use clientele_model::commands::ReferenceItem;
use clientele_model::query::CustomerRow;
use clientele_model::{Customer, CustomerDraft};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

use crate::document::{self, CustomerDocument, CUSTOMER_CLASS, PREFERENCES_CLASS, SETTINGS_CLASS};
use crate::projection;
use crate::schema::{migrations, SCHEMA_VERSION};
use crate::settings::{default_settings, SETTINGS_ID};
use crate::ReplicaError;

/// The database file's name inside the data folder.
pub const DATABASE_FILE: &str = "clientele.sqlite3";

/// A local replica: one SQLite file in a data folder.
pub struct Replica {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    pub(crate) actor: ActorId,
    /// Who edits through this replica (recorded with each change, shown in history): the
    /// session's user.
    pub(crate) author: String,
    pub(crate) session: crate::session::Session,
    pub(crate) subscribers: crate::session::Subscribers,
    /// Managed `cache_private_addresses` (see private_cache.rs): false keeps none on disk.
    pub(crate) keep_private_addresses: bool,
    /// The key the file was opened with: the window's reader opens it the same way.
    pub(crate) key: Option<crate::ReplicaKey>,
    /// The session's user, shared with the window's reader (page_reader.rs).
    pub(crate) shared_user: std::sync::Arc<parking_lot::RwLock<String>>,
    /// The document edited last, kept loaded for its next edit (edited.rs).
    pub(crate) last_edited: Option<crate::edited::LastEdited>,
}

impl std::fmt::Debug for Replica {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replica").field("path", &self.path).finish()
    }
}

/// The current time as RFC 3339, for `updated_at`.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// What every connection to the replica file sets, the writer's and the window's reader's.
pub(crate) fn tune(conn: &Connection) -> Result<(), ReplicaError> {
    // 32 MB of page cache: the projection's indexes of 100,000 customers stay in memory,
    // which makes imports and large group-bys several times cheaper than the 2 MB default.
    conn.pragma_update(None, "cache_size", -32_768)?;
    // Statement journals (every upsert with triggers opens one) in memory, not temp files.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // fold(text): the search folding, for custom filter conditions.
    conn.create_scalar_function(
        "fold",
        1,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8
            | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(clientele_model::rules::fold_for_search(
                &ctx.get::<String>(0)?,
            ))
        },
    )?;
    Ok(())
}

impl Replica {
    /// Opens (creating if needed) a plain, unencrypted replica in `data_dir` (tests, tools):
    /// `open_with_key` without a key.
    pub fn open(data_dir: &Path) -> Result<Self, ReplicaError> {
        Self::open_with_key(data_dir, None)
    }

    /// Opens (creating if needed) the replica in `data_dir`, encrypted with `key` (a plain file
    /// is encrypted first; see encryption.rs), brings its schema up to date and, when a
    /// migration reshaped the projection, rebuilds it from the documents. A file the key cannot
    /// read is `KeyMissing`/`WrongKey` (`ReplicaError::is_unreadable`), left untouched.
    pub fn open_with_key(
        data_dir: &Path,
        key: Option<&crate::ReplicaKey>,
    ) -> Result<Self, ReplicaError> {
        std::fs::create_dir_all(data_dir).map_err(|source| ReplicaError::DataDir {
            path: data_dir.to_owned(),
            source,
        })?;
        let path = data_dir.join(DATABASE_FILE);
        let mut conn = crate::encryption::connect(&path, key)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if found > SCHEMA_VERSION as i64 {
            return Err(ReplicaError::NewerSchema {
                path,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a commit is on disk before the call returns, so an acknowledged save survives.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        tune(&conn)?;
        migrations().to_latest(&mut conn)?;
        let actor_hex: String = match conn
            .query_row("SELECT value FROM meta WHERE key = 'actor'", [], |r| {
                r.get(0)
            })
            .optional()?
        {
            Some(actor) => actor,
            None => {
                let actor = uuid::Uuid::new_v4().simple().to_string();
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('actor', ?1)",
                    [&actor],
                )?;
                actor
            }
        };
        let actor = ActorId::from(
            uuid::Uuid::parse_str(&actor_hex)
                .map(|u| u.as_bytes().to_vec())
                .unwrap_or_else(|_| actor_hex.into_bytes()),
        );
        let mut replica = Replica {
            conn,
            path,
            actor,
            author: crate::session::LOCAL_USER.to_owned(),
            session: crate::session::Session::local(),
            subscribers: Default::default(),
            keep_private_addresses: true,
            key: key.cloned(),
            shared_user: std::sync::Arc::new(parking_lot::RwLock::new(
                crate::session::LOCAL_USER.to_owned(),
            )),
            last_edited: None,
        };
        let stale: Option<String> = replica
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'projection_stale'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if stale.as_deref() == Some("1") {
            let count = replica.rebuild_projection()?;
            if count > 0 {
                tracing::info!(count, "projection rebuilt after a schema change");
            }
        }
        // A bootstrap cut short (the app was killed) left the customer indexes to rebuild.
        replica.restore_customer_indexes()?;
        replica.ensure_settings()?;
        tracing::info!(path = %replica.path.display(), "replica opened");
        Ok(replica)
    }

    /// Moves the replica file in `data_dir` that cannot be read (`ReplicaError::is_unreadable`)
    /// aside, kept whole under a new name it returns, so `open_with_key` starts a fresh replica
    /// that the next sync fills from the server. Call it only when the user chose to re-sync.
    pub fn set_aside(data_dir: &Path) -> Result<PathBuf, ReplicaError> {
        crate::encryption::set_aside(&data_dir.join(DATABASE_FILE))
    }

    /// Moves the write-ahead log into the database file (after bulk loads; for measuring size).
    pub fn checkpoint(&self) {
        if let Err(error) = self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)") {
            tracing::warn!(%error, "checkpoint failed");
        }
    }

    /// Sets who edits through this replica from now on (the team member's id or name), keeping
    /// the session's permissions.
    pub fn set_author(&mut self, author: &str) {
        let permissions = self.session.permissions;
        self.set_session(crate::session::Session {
            permissions,
            ..crate::session::Session::new(author, permissions.private_addresses)
        });
    }

    /// The SQLite file this replica lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn ensure_settings(&mut self) -> Result<(), ReplicaError> {
        if self.document_bytes(SETTINGS_ID)?.is_some() {
            return Ok(());
        }
        self.create_document(SETTINGS_CLASS, SETTINGS_ID, |doc| {
            for (list, entry) in default_settings() {
                document::put_reference(doc, list, &entry)?;
            }
            Ok(())
        })
    }

    pub(crate) fn document_bytes(&self, id: &str) -> Result<Option<Vec<u8>>, ReplicaError> {
        Ok(self
            .conn
            .prepare_cached("SELECT bytes FROM documents WHERE id = ?1")?
            .query_row([id], |row| row.get(0))
            .optional()?)
    }

    /// Creates a document of `class`, lets `fill` write it, and stores it with its projection.
    pub(crate) fn create_document<T>(
        &mut self,
        class: &str,
        id: &str,
        fill: impl FnOnce(&mut AutoCommit) -> Result<T, ReplicaError>,
    ) -> Result<T, ReplicaError> {
        self.session.may_write(class)?;
        let tx = self.conn.transaction()?;
        let result = create_in(&tx, &self.actor, &self.author, class, id, fill)?;
        tx.commit()?;
        self.notify(crate::session::ChangeOrigin::LocalEdit, vec![id.to_owned()]);
        Ok(result)
    }

    /// Loads document `id` (which must be of `class`), lets `change` edit it, and stores the new
    /// bytes with the new projection in one transaction.
    pub(crate) fn edit_document<T>(
        &mut self,
        class: &str,
        id: &str,
        change: impl FnOnce(&mut AutoCommit) -> Result<T, ReplicaError>,
    ) -> Result<T, ReplicaError> {
        self.session.may_write(class)?;
        let bytes: Option<(String, Vec<u8>)> = self
            .conn
            .prepare_cached("SELECT class, bytes FROM documents WHERE id = ?1")?
            .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        let Some((_, bytes)) = bytes.filter(|(c, _)| c == class) else {
            return Err(ReplicaError::NotFound {
                what: class.to_owned(),
                id: id.to_owned(),
            });
        };
        let mut edited = crate::edited::LastEdited::take(&mut self.last_edited, id, bytes)?;
        edited.doc.set_actor(self.actor.clone());
        let result = change(&mut edited.doc)?;
        commit(&mut edited.doc, &self.author);
        let tx = self.conn.transaction()?;
        tx.prepare_cached("UPDATE documents SET bytes = ?2, dirty = 1 WHERE id = ?1")?
            .execute(params![id, edited.save()])?;
        projection::project(&tx, id, &edited.doc)?;
        tx.commit()?;
        self.last_edited = Some(edited);
        self.notify(crate::session::ChangeOrigin::LocalEdit, vec![id.to_owned()]);
        Ok(result)
    }

    fn check_company(
        &self,
        draft: &CustomerDraft,
        own_id: Option<&str>,
    ) -> Result<(), ReplicaError> {
        let Some(company_id) = &draft.company_id else {
            return Ok(());
        };
        let kind: Option<String> = self
            .conn
            .query_row(
                "SELECT kind FROM customers WHERE id = ?1",
                [company_id],
                |r| r.get(0),
            )
            .optional()?;
        if kind.as_deref() != Some("company") || own_id == Some(company_id.as_str()) {
            return Err(ReplicaError::Invalid(clientele_model::ValidationErrors(
                vec![clientele_model::FieldError::new(
                    clientele_model::CustomerField::Company,
                    "unknown_company",
                    "is not a company customer: pick the company from the list",
                )],
            )));
        }
        Ok(())
    }

    /// Validates the draft and stores a new customer. Returns its row as pages show it.
    pub fn create_customer(&mut self, draft: &CustomerDraft) -> Result<CustomerRow, ReplicaError> {
        let draft = draft.validated()?;
        self.check_company(&draft, None)?;
        let id = new_id();
        let now = now();
        self.create_document(CUSTOMER_CLASS, &id, |doc| {
            document::write_customer(doc, &id, &draft, &now)
        })?;
        tracing::debug!(%id, "customer created");
        self.customer_row(&id)
    }

    /// Validates the draft and changes the customer's fields that differ. Returns its row as
    /// pages show it.
    pub fn update_customer(
        &mut self,
        id: &str,
        draft: &CustomerDraft,
    ) -> Result<CustomerRow, ReplicaError> {
        self.update_customer_at(id, draft, &[])
    }

    /// `update_customer` applied to the version the form was loaded at (`heads`, hex; see
    /// `edit_at`) and merged, so concurrent changes of other fields survive. No heads: the
    /// current version.
    pub fn update_customer_at(
        &mut self,
        id: &str,
        draft: &CustomerDraft,
        heads: &[String],
    ) -> Result<CustomerRow, ReplicaError> {
        let draft = draft.validated()?;
        self.check_company(&draft, Some(id))?;
        let heads = crate::edit_at::parse_heads(id, heads)?;
        let (now, actor, author) = (now(), self.actor.clone(), self.author.clone());
        self.edit_document(CUSTOMER_CLASS, id, |doc| {
            crate::edit_at::change_at(doc, id, &heads, (&actor, &author), |doc| {
                document::write_customer(doc, id, &draft, &now)
            })
        })?;
        self.customer_row(id)
    }

    /// Archives (hides from the default lists) or restores a customer.
    pub fn set_archived(&mut self, id: &str, archived: bool) -> Result<(), ReplicaError> {
        let now = now();
        self.edit_document(CUSTOMER_CLASS, id, |doc| {
            document::set_archived(doc, id, archived, &now)
        })
    }

    /// A customer's whole document (with its non-private contacts and activities).
    pub fn customer(&self, id: &str) -> Result<CustomerDocument, ReplicaError> {
        Ok(self.customer_at_heads(id)?.0)
    }

    /// A customer's whole document and the heads (hex) it was read at.
    pub(crate) fn customer_at_heads(
        &self,
        id: &str,
    ) -> Result<(CustomerDocument, Vec<String>), ReplicaError> {
        let bytes = self
            .conn
            .prepare_cached("SELECT bytes FROM documents WHERE id = ?1 AND class = 'customer'")?
            .query_row([id], |row| row.get::<_, Vec<u8>>(0))
            .optional()?
            .ok_or_else(|| ReplicaError::NotFound {
                what: "customer".into(),
                id: id.to_owned(),
            })?;
        let mut doc = document::load(id, &bytes)?;
        let customer = document::read_customer(id, &doc)?;
        Ok((customer, crate::edit_at::heads_hex(&mut doc)))
    }

    /// Entries of a reference list (`tags`, `salespeople`, `payment_terms`, `pricelists`,
    /// `activity_types`), in their order.
    pub fn reference_list(&self, list: &str) -> Result<Vec<ReferenceItem>, ReplicaError> {
        if list == "salespeople" {
            return self.salespeople();
        }
        let mut statement = self.conn.prepare_cached(
            "SELECT id, name, color, position FROM reference_items WHERE list = ?1 ORDER BY position, name",
        )?;
        let rows = statement.query_map([list], |r| {
            Ok(ReferenceItem {
                id: r.get(0)?,
                name: r.get(1)?,
                color: r.get(2)?,
                position: r.get(3)?,
                archived: false,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds or renames an entry of a reference list (e.g. a salesperson when a rep joins).
    pub fn put_reference(&mut self, list: &str, entry: &ReferenceItem) -> Result<(), ReplicaError> {
        if entry.id.trim().is_empty() || entry.name.trim().is_empty() {
            return Err(ReplicaError::Conflict(format!(
                "an entry of {list} needs an id and a name"
            )));
        }
        self.edit_document(SETTINGS_CLASS, SETTINGS_ID, |doc| {
            document::put_reference(doc, list, entry)
        })
    }

    /// Creates a tag (or returns the existing one with that name, ignoring case and accents).
    pub fn create_tag(&mut self, name: &str, color: u8) -> Result<ReferenceItem, ReplicaError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 64 {
            return Err(ReplicaError::Invalid(clientele_model::ValidationErrors(
                vec![clientele_model::FieldError::new(
                    clientele_model::CustomerField::Name,
                    "invalid_tag",
                    "a tag needs a name of 1 to 64 characters",
                )],
            )));
        }
        let folded = clientele_model::rules::fold_for_search(name);
        let tags = self.reference_list("tags")?;
        if let Some(existing) = tags
            .iter()
            .find(|t| clientele_model::rules::fold_for_search(&t.name) == folded)
        {
            return Ok(existing.clone());
        }
        let entry = ReferenceItem {
            id: new_id(),
            name: name.to_owned(),
            color: color % 12,
            position: tags.iter().map(|t| t.position).max().unwrap_or(0) + 1,
            archived: false,
        };
        self.edit_document(SETTINGS_CLASS, SETTINGS_ID, |doc| {
            document::put_reference(doc, "tags", &entry)
        })?;
        Ok(entry)
    }

    /// Marks or unmarks a customer as `user_id`'s favourite (kept in that user's preferences).
    pub fn set_favourite(
        &mut self,
        user_id: &str,
        customer_id: &str,
        favourite: bool,
    ) -> Result<(), ReplicaError> {
        self.customer(customer_id)?;
        let id = clientele_schema::ids::preferences_id(user_id);
        if self.document_bytes(&id)?.is_none() {
            self.create_document(PREFERENCES_CLASS, &id, |doc| {
                document::init_preferences(doc, &id, user_id)
            })?;
        }
        self.edit_document(PREFERENCES_CLASS, &id, |doc| {
            document::set_favourite(doc, &id, customer_id, favourite)
        })
    }

    /// Every active customer, by name, from the projection (no document is loaded).
    pub fn list_customers(&self) -> Result<Vec<Customer>, ReplicaError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, kind, name, email, phone FROM customers WHERE archived = 0 ORDER BY name_key, id",
        )?;
        let rows = statement.query_map([], |row| {
            let kind: String = row.get(1)?;
            Ok(Customer {
                id: row.get(0)?,
                kind: clientele_model::CustomerKind::parse(&kind).unwrap_or_default(),
                name: row.get(2)?,
                email: row.get(3)?,
                phone: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Commits pending edits with the author and the time, for the document's history.
pub(crate) fn commit(doc: &mut AutoCommit, author: &str) {
    let mut options = automerge::transaction::CommitOptions::default()
        .with_time(chrono::Utc::now().timestamp_millis());
    if !author.is_empty() {
        options = options.with_message(author.to_owned());
    }
    crate::last_seen::stamp_updated_by(doc, author);
    doc.commit_with(options);
}

/// Creates a document inside an open transaction: its bytes and its projection.
pub(crate) fn create_in<T>(
    tx: &rusqlite::Transaction,
    actor: &ActorId,
    author: &str,
    class: &str,
    id: &str,
    fill: impl FnOnce(&mut AutoCommit) -> Result<T, ReplicaError>,
) -> Result<T, ReplicaError> {
    // Settings and preferences are created on every device: their first change is made
    // identical everywhere (fixed actor, time 0) so merging two devices' copies keeps one.
    let shared = class == SETTINGS_CLASS || class == PREFERENCES_CLASS;
    let genesis = automerge::ActorId::from(clientele_schema::ids::genesis_actor(id));
    let mut doc = document::new_document(class, id, if shared { &genesis } else { actor })?;
    let result = fill(&mut doc)?;
    if shared {
        doc.commit_with(automerge::transaction::CommitOptions::default().with_time(0));
        doc.set_actor(actor.clone());
    } else {
        commit(&mut doc, author);
    }
    let bytes = doc.save();
    tx.prepare_cached("INSERT INTO documents (id, class, bytes) VALUES (?1, ?2, ?3)")?
        .execute(params![id, class, bytes])?;
    projection::project(tx, id, &doc)?;
    Ok(result)
}
