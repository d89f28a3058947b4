//! Saved searches ("favourite filters"): a user's named searches (text, filters, grouping), kept
//! in that user's preferences document so they follow the user to every device through sync.
//! Each one is a map of plain fields, so two devices saving different searches merge.

use automerge::{
    transaction::Transactable, AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value, ROOT,
};
use clientele_model::commands::SavedSearch;
use clientele_model::query::{Condition, ConditionField, CustomerFilter, GroupBy, Operator};
use clientele_model::rules::fold_for_search;
use clientele_model::{ActivityState, CustomerField, CustomerKind, FieldError, ValidationErrors};

use crate::document::{self, PREFERENCES_CLASS};
use crate::store::{create_in, new_id, Replica};
use crate::ReplicaError;

/// The key of the saved searches map in a preferences document.
const SAVED: &str = "saved_searches";

/// Longest name a saved search may have.
const MAX_NAME: usize = 64;

type AmResult<T> = Result<T, automerge::AutomergeError>;

fn failed(id: &str) -> impl Fn(automerge::AutomergeError) -> ReplicaError + '_ {
    move |e| ReplicaError::Document {
        id: id.to_owned(),
        reason: e.to_string(),
    }
}

use clientele_schema::ids::preferences_id;

fn text(doc: &AutoCommit, obj: &ObjId, key: &str) -> AmResult<String> {
    Ok(match doc.get(obj, key)? {
        Some((Value::Scalar(s), _)) => match s.as_ref() {
            ScalarValue::Str(s) => s.to_string(),
            _ => String::new(),
        },
        _ => String::new(),
    })
}

fn optional(doc: &AutoCommit, obj: &ObjId, key: &str) -> AmResult<Option<String>> {
    Ok(Some(text(doc, obj, key)?).filter(|s| !s.is_empty()))
}

fn child(doc: &AutoCommit, obj: &ObjId, key: &str, kind: ObjType) -> AmResult<Option<ObjId>> {
    Ok(match doc.get(obj, key)? {
        Some((Value::Object(found), id)) if found == kind => Some(id),
        _ => None,
    })
}

/// Writes one saved search as a fresh map under its id (a save replaces the whole search).
fn write(doc: &mut AutoCommit, search: &SavedSearch) -> AmResult<()> {
    let saved = match child(doc, &ROOT, SAVED, ObjType::Map)? {
        Some(map) => map,
        None => doc.put_object(ROOT, SAVED, ObjType::Map)?,
    };
    let entry = doc.put_object(&saved, search.id.as_str(), ObjType::Map)?;
    let filter = &search.filter;
    let fields: [(&str, Option<&str>); 11] = [
        ("name", Some(&search.name)),
        ("search", Some(&search.search)),
        ("group_by", search.group_by.map(GroupBy::as_str)),
        ("kind", filter.kind.map(CustomerKind::as_str)),
        (
            "archived",
            filter.archived.map(|a| if a { "yes" } else { "no" }),
        ),
        ("salesperson_id", filter.salesperson_id.as_deref()),
        ("favourites_of", filter.favourites_of.as_deref()),
        ("tag_id", filter.tag_id.as_deref()),
        ("country", filter.country.as_deref()),
        (
            "activity_state",
            filter.activity_state.map(ActivityState::as_str),
        ),
        ("has_conflicts", filter.has_conflicts.then_some("yes")),
    ];
    for (key, value) in fields {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            doc.put(&entry, key, value)?;
        }
    }
    let conditions = doc.put_object(&entry, "conditions", ObjType::List)?;
    for (at, condition) in filter.conditions.iter().enumerate() {
        let item = doc.insert_object(&conditions, at, ObjType::Map)?;
        doc.put(&item, "field", condition.field.as_str())?;
        doc.put(&item, "operator", condition.operator.as_str())?;
        doc.put(&item, "value", condition.value.as_str())?;
    }
    Ok(())
}

fn read_one(doc: &AutoCommit, id: String, entry: &ObjId) -> AmResult<SavedSearch> {
    let mut conditions = Vec::new();
    if let Some(list) = child(doc, entry, "conditions", ObjType::List)? {
        for at in 0..doc.length(&list) {
            let Some((Value::Object(ObjType::Map), item)) = doc.get(&list, at)? else {
                continue;
            };
            let field = ConditionField::parse(&text(doc, &item, "field")?);
            let operator = Operator::parse(&text(doc, &item, "operator")?);
            if let (Some(field), Some(operator)) = (field, operator) {
                conditions.push(Condition {
                    field,
                    operator,
                    value: text(doc, &item, "value")?,
                });
            }
        }
    }
    let parsed = |key: &str| optional(doc, entry, key);
    Ok(SavedSearch {
        id,
        name: text(doc, entry, "name")?,
        search: text(doc, entry, "search")?,
        group_by: parsed("group_by")?.and_then(|g| GroupBy::parse(&g)),
        filter: CustomerFilter {
            kind: parsed("kind")?.and_then(|k| CustomerKind::parse(&k)),
            archived: parsed("archived")?.map(|a| a == "yes"),
            salesperson_id: parsed("salesperson_id")?,
            favourites_of: parsed("favourites_of")?,
            tag_id: parsed("tag_id")?,
            country: parsed("country")?,
            activity_state: parsed("activity_state")?.and_then(|s| ActivityState::parse(&s)),
            conditions,
            has_conflicts: parsed("has_conflicts")?.is_some_and(|v| v == "yes"),
        },
    })
}

/// Every saved search of a preferences document, by name.
fn read_all(doc: &AutoCommit) -> AmResult<Vec<SavedSearch>> {
    let mut all = Vec::new();
    if let Some(saved) = child(doc, &ROOT, SAVED, ObjType::Map)? {
        for id in doc.keys(&saved).collect::<Vec<_>>() {
            if let Some(entry) = child(doc, &saved, &id, ObjType::Map)? {
                all.push(read_one(doc, id, &entry)?);
            }
        }
    }
    all.sort_by_cached_key(|s| (fold_for_search(&s.name), s.id.clone()));
    Ok(all)
}

fn bad_name() -> ReplicaError {
    ReplicaError::Invalid(ValidationErrors(vec![FieldError::new(
        CustomerField::Name,
        "invalid_search_name",
        "a saved search needs a name of 1 to 64 characters",
    )]))
}

impl Replica {
    /// Who edits through this replica (empty when no user is configured).
    pub fn author(&self) -> &str {
        &self.author
    }

    /// Creates `user_id`'s preferences document if this replica has none yet.
    fn ensure_preferences(&mut self, user_id: &str) -> Result<String, ReplicaError> {
        let id = preferences_id(user_id);
        if self.document_bytes(&id)?.is_none() {
            let tx = self.conn.transaction()?;
            create_in(
                &tx,
                &self.actor,
                &self.author,
                PREFERENCES_CLASS,
                &id,
                |doc| document::init_preferences(doc, &id, user_id),
            )?;
            tx.commit()?;
        }
        Ok(id)
    }

    /// Saves a search under its name for `user_id`. A new search (empty id) with the name of an
    /// existing one (ignoring case and accents) replaces it. Returns the search with its id.
    pub fn save_search(
        &mut self,
        user_id: &str,
        search: &SavedSearch,
    ) -> Result<SavedSearch, ReplicaError> {
        let name = search.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME {
            return Err(bad_name());
        }
        let existing = self.saved_searches(user_id)?;
        let folded = fold_for_search(name);
        let id = if !search.id.is_empty() {
            if !existing.iter().any(|s| s.id == search.id) {
                return Err(ReplicaError::NotFound {
                    what: "saved search".into(),
                    id: search.id.clone(),
                });
            }
            search.id.clone()
        } else {
            existing
                .iter()
                .find(|s| fold_for_search(&s.name) == folded)
                .map(|s| s.id.clone())
                .unwrap_or_else(new_id)
        };
        let saved = SavedSearch {
            id,
            name: name.to_owned(),
            ..search.clone()
        };
        let doc_id = self.ensure_preferences(user_id)?;
        self.edit_document(PREFERENCES_CLASS, &doc_id, |doc| {
            write(doc, &saved).map_err(failed(&doc_id))
        })?;
        Ok(saved)
    }

    /// `user_id`'s saved searches, by name.
    pub fn saved_searches(&self, user_id: &str) -> Result<Vec<SavedSearch>, ReplicaError> {
        let id = preferences_id(user_id);
        match self.document_bytes(&id)? {
            None => Ok(Vec::new()),
            Some(bytes) => read_all(&document::load(&id, &bytes)?).map_err(failed(&id)),
        }
    }

    /// Deletes one of `user_id`'s saved searches.
    pub fn delete_saved_search(
        &mut self,
        user_id: &str,
        search_id: &str,
    ) -> Result<(), ReplicaError> {
        let not_found = || ReplicaError::NotFound {
            what: "saved search".into(),
            id: search_id.to_owned(),
        };
        if !self
            .saved_searches(user_id)?
            .iter()
            .any(|s| s.id == search_id)
        {
            return Err(not_found());
        }
        let doc_id = preferences_id(user_id);
        self.edit_document(PREFERENCES_CLASS, &doc_id, |doc| {
            (|| -> AmResult<()> {
                if let Some(saved) = child(doc, &ROOT, SAVED, ObjType::Map)? {
                    doc.delete(&saved, search_id)?;
                }
                Ok(())
            })()
            .map_err(failed(&doc_id))
        })
    }
}
