//! The internal notes log of a customer (spec C19): posted notes live in the customer's document
//! (so they sync with it, and the server accepts them from anyone who may edit the customer).
//! Each device derives "notes that mention me" from the customer documents it receives (the
//! `mentions` projection); nobody writes anyone else's document. Having read a mention is a mark
//! in the reader's own preferences document (`mention_read:<note id>`), so it syncs to their
//! other devices.
//!
//! Notes are root-level keys (`note:<id>`), never entries of a shared container: two devices
//! posting the first note concurrently both keep theirs.

use automerge::{
    transaction::Transactable, AutoCommit, ObjType, ReadDoc, ScalarValue, Value, ROOT,
};
use clientele_model::commands::{mentions_in, Mention, Note};
use clientele_model::{CustomerField, FieldError, ValidationErrors};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::document::{self, CUSTOMER_CLASS, NOTE_PREFIX, PREFERENCES_CLASS};
use crate::store::{commit, new_id, now, Replica};
use crate::{projection, ReplicaError};

/// The longest note accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 10_000;

/// A preferences key marking a mention as read: this prefix and the note's id.
const READ_PREFIX: &str = "mention_read:";

fn failed(id: &str) -> impl Fn(automerge::AutomergeError) -> ReplicaError + '_ {
    move |e| ReplicaError::Document {
        id: id.to_owned(),
        reason: e.to_string(),
    }
}

fn text_at(doc: &AutoCommit, obj: &automerge::ObjId, key: &str) -> String {
    match doc.get(obj, key) {
        Ok(Some((Value::Scalar(s), _))) => match s.as_ref() {
            ScalarValue::Str(s) => s.to_string(),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// Every note of a customer document, oldest first.
fn read_notes(doc: &AutoCommit) -> Vec<Note> {
    let mut notes: Vec<Note> = doc
        .keys(ROOT)
        .filter_map(|key| key.strip_prefix(NOTE_PREFIX).map(str::to_owned))
        .filter_map(
            |id| match doc.get(ROOT, format!("{NOTE_PREFIX}{id}").as_str()) {
                Ok(Some((Value::Object(ObjType::Map), obj))) => Some(Note {
                    author: text_at(doc, &obj, "author"),
                    time: text_at(doc, &obj, "time"),
                    text: text_at(doc, &obj, "text"),
                    mentions: text_at(doc, &obj, "mentions")
                        .split_whitespace()
                        .map(str::to_owned)
                        .collect(),
                    id,
                }),
                _ => None,
            },
        )
        .collect();
    notes.sort_by(|a, b| (&a.time, &a.id).cmp(&(&b.time, &b.id)));
    notes
}

/// Loads a stored document inside the transaction, if it exists and is of `class`.
fn load_in(tx: &Transaction, id: &str, class: &str) -> Result<Option<AutoCommit>, ReplicaError> {
    let found: Option<(String, Vec<u8>)> = tx
        .prepare_cached("SELECT class, bytes FROM documents WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match found {
        Some((found_class, bytes)) if found_class == class => Ok(Some(document::load(id, &bytes)?)),
        _ => Ok(None),
    }
}

/// Stores an edited document's bytes and projection inside the transaction, marked to send.
fn store_in(
    tx: &Transaction,
    id: &str,
    doc: &mut AutoCommit,
    author: &str,
) -> Result<(), ReplicaError> {
    commit(doc, author);
    tx.prepare_cached("UPDATE documents SET bytes = ?2, dirty = 1 WHERE id = ?1")?
        .execute(params![id, doc.save()])?;
    projection::project(tx, id, doc)
}

use clientele_schema::ids::preferences_id;

impl Replica {
    /// Posts a note on a customer: stored with its author (this replica's user), time and the
    /// users it `@mentions`, each of whom gets a mention mark. All in one transaction.
    pub fn post_note(&mut self, customer_id: &str, text: &str) -> Result<Note, ReplicaError> {
        self.post_note_at(customer_id, text, &[])
    }

    /// `post_note` applied at the version the notes tab was loaded from (`heads`, see
    /// `edit_at`) and merged. A note is a key of its own, so this changes what merges only in
    /// the customer's `updated_at`, but every write from a view goes the same way.
    pub fn post_note_at(
        &mut self,
        customer_id: &str,
        text: &str,
        heads: &[String],
    ) -> Result<Note, ReplicaError> {
        let heads = crate::edit_at::parse_heads(customer_id, heads)?;
        let text = text.trim();
        if text.is_empty() || text.chars().count() > MAX_NOTE_CHARS {
            return Err(ReplicaError::Invalid(ValidationErrors(vec![
                FieldError::new(
                    CustomerField::Notes,
                    if text.is_empty() {
                        "required"
                    } else {
                        "too_long"
                    },
                    "a note needs 1 to 10,000 characters",
                ),
            ])));
        }
        let note = Note {
            id: new_id(),
            author: self.author.clone(),
            time: now(),
            text: text.to_owned(),
            mentions: mentions_in(text),
        };
        let (actor, author) = (self.actor.clone(), self.author.clone());
        let tx = self.conn.transaction()?;
        let mut doc =
            load_in(&tx, customer_id, CUSTOMER_CLASS)?.ok_or_else(|| ReplicaError::NotFound {
                what: "customer".into(),
                id: customer_id.to_owned(),
            })?;
        doc.set_actor(actor.clone());
        let write = |doc: &mut AutoCommit| -> Result<(), ReplicaError> {
            (|| -> Result<(), automerge::AutomergeError> {
                let obj = doc.put_object(
                    ROOT,
                    format!("{NOTE_PREFIX}{}", note.id).as_str(),
                    ObjType::Map,
                )?;
                doc.put(&obj, "author", note.author.as_str())?;
                doc.put(&obj, "time", note.time.as_str())?;
                doc.put(&obj, "text", note.text.as_str())?;
                doc.put(&obj, "mentions", note.mentions.join(" ").as_str())?;
                doc.put(ROOT, "updated_at", note.time.as_str())?;
                Ok(())
            })()
            .map_err(failed(customer_id))
        };
        crate::edit_at::change_at(&mut doc, customer_id, &heads, (&actor, &author), write)?;
        store_in(&tx, customer_id, &mut doc, &author)?;
        tx.commit()?;
        // Like every local edit: the sync loop hears of it and sends it.
        self.notify(
            crate::session::ChangeOrigin::LocalEdit,
            vec![customer_id.to_owned()],
        );
        tracing::debug!(customer_id, mentions = note.mentions.len(), "note posted");
        Ok(note)
    }

    /// A customer's notes log, oldest first.
    pub fn notes(&self, customer_id: &str) -> Result<Vec<Note>, ReplicaError> {
        Ok(read_notes(&self.customer_doc(customer_id)?))
    }

    /// The notes that mention `user`, newest first, with the customer each is on and whether
    /// `user` has read it.
    pub fn mentions_for(&self, user: &str) -> Result<Vec<Mention>, ReplicaError> {
        let read = self.mentions_read(user)?;
        let mut statement = self.conn.prepare_cached(
            "SELECT m.note_id, m.customer_id, coalesce(c.name, ''), m.author, m.time, m.text,
                    m.mentioned
             FROM mentions m LEFT JOIN customers c ON c.id = m.customer_id
             WHERE m.user = ?1 ORDER BY m.time DESC, m.note_id DESC",
        )?;
        let rows = statement.query_map([user.to_lowercase()], |r| {
            let id: String = r.get(0)?;
            Ok(Mention {
                customer_id: r.get(1)?,
                customer_name: r.get(2)?,
                read: read.contains(&id),
                note: Note {
                    author: r.get(3)?,
                    time: r.get(4)?,
                    text: r.get(5)?,
                    mentions: r
                        .get::<_, String>(6)?
                        .split_whitespace()
                        .map(str::to_owned)
                        .collect(),
                    id,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The notes `user` has marked read, from their own preferences document.
    fn mentions_read(&self, user: &str) -> Result<std::collections::HashSet<String>, ReplicaError> {
        let id = preferences_id(&user.to_lowercase());
        let Some(bytes) = self.document_bytes(&id)? else {
            return Ok(Default::default());
        };
        let prefs = document::load(&id, &bytes)?;
        Ok(prefs
            .keys(ROOT)
            .filter_map(|key| key.strip_prefix(READ_PREFIX).map(str::to_owned))
            .collect())
    }

    /// Marks a note that mentions this replica's user as read, in the user's own preferences
    /// document (which syncs to their other devices and to nobody else).
    pub fn mark_mention_read(&mut self, note_id: &str) -> Result<(), ReplicaError> {
        let user = self.user().to_lowercase();
        let mentioned: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM mentions WHERE note_id = ?1 AND user = ?2)",
            params![note_id, user],
            |r| r.get(0),
        )?;
        if !mentioned {
            return Err(ReplicaError::NotFound {
                what: "note mentioning you".into(),
                id: note_id.to_owned(),
            });
        }
        let id = preferences_id(&user);
        if self.document_bytes(&id)?.is_none() {
            self.create_document(PREFERENCES_CLASS, &id, |doc| {
                document::init_preferences(doc, &id, &user)
            })?;
        }
        self.edit_document(PREFERENCES_CLASS, &id, |doc| {
            doc.put(ROOT, format!("{READ_PREFIX}{note_id}").as_str(), true)
                .map_err(failed(&id))
        })
    }
}
