//! Editing the workspace settings' reference lists (the Settings screen): add, rename, recolour,
//! archive and reorder entries of tags, payment terms, pricelists, activity types and the local
//! team list. Only a session allowed to edit settings may (`Permissions::edit_settings`);
//! anyone may still create a tag from the customer form (`create_tag`). An archived entry
//! stays in the projection, so old records keep its name; it leaves the pickers.

use automerge::{transaction::Transactable, ObjType, ReadDoc, Value, ROOT};
use clientele_model::commands::{
    check_entry, EntryProblem, ReferenceItem, ReferenceList, SettingsLists, TAG_COLOURS,
};
use clientele_model::CommandError;
use clientele_schema::keys;

use crate::document::{self, SETTINGS_CLASS};
use crate::settings::SETTINGS_ID;
use crate::store::new_id;
use crate::{Replica, ReplicaError};

/// Why a settings edit was refused: a bad entry (naming its field) or the replica's own error
/// (`Forbidden` for a user who may not edit settings, `NotFound`, storage).
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error(transparent)]
    Invalid(#[from] EntryProblem),
    #[error(transparent)]
    Replica(#[from] ReplicaError),
}

impl From<SettingsError> for CommandError {
    fn from(error: SettingsError) -> Self {
        match error {
            SettingsError::Invalid(problem) => problem.into(),
            SettingsError::Replica(error) => error.into(),
        }
    }
}

impl Replica {
    /// Every entry of `list` as the settings document holds it, archived ones included
    /// (flagged), in their order.
    pub fn settings_entries(
        &self,
        list: ReferenceList,
    ) -> Result<Vec<ReferenceItem>, ReplicaError> {
        let Some(bytes) = self.document_bytes(SETTINGS_ID)? else {
            return Ok(Vec::new());
        };
        let doc = document::load(SETTINGS_ID, &bytes)?;
        let mut entries: Vec<ReferenceItem> = document::read_settings(&doc)?
            .into_iter()
            .filter(|(name, _)| name == list.as_str())
            .map(|(_, entry)| entry)
            .collect();
        entries.sort_by(|a, b| (a.position, &a.name, &a.id).cmp(&(b.position, &b.name, &b.id)));
        Ok(entries)
    }

    /// The entries of `list` a picker offers: `reference_list`'s, less those archived in the
    /// settings document, in their order.
    pub fn active_entries(&self, list: ReferenceList) -> Result<Vec<ReferenceItem>, ReplicaError> {
        let archived: Vec<String> = self
            .settings_entries(list)?
            .into_iter()
            .filter(|entry| entry.archived)
            .map(|entry| entry.id)
            .collect();
        let mut entries = self.reference_list(list.as_str())?;
        entries.retain(|entry| !archived.contains(&entry.id));
        Ok(entries)
    }

    /// The lists the Settings screen shows, archived entries included.
    pub fn settings_lists(&self) -> Result<SettingsLists, ReplicaError> {
        Ok(SettingsLists {
            tags: self.settings_entries(ReferenceList::Tags)?,
            payment_terms: self.settings_entries(ReferenceList::PaymentTerms)?,
            pricelists: self.settings_entries(ReferenceList::Pricelists)?,
            activity_types: self.settings_entries(ReferenceList::ActivityTypes)?,
            salespeople: self.settings_entries(ReferenceList::Salespeople)?,
        })
    }

    /// Adds an entry at the end of `list`. A salesperson's id is their `login`; other entries
    /// get a new id. Tags keep `color` (0..11); other lists' entries have none.
    pub fn add_settings_entry(
        &mut self,
        list: ReferenceList,
        login: Option<&str>,
        name: &str,
        color: u8,
    ) -> Result<ReferenceItem, SettingsError> {
        self.may_edit_settings("add to", list)?;
        let entries = self.settings_entries(list)?;
        let login = match list {
            ReferenceList::Salespeople => Some(login.unwrap_or("")),
            _ => None,
        };
        let name = check_entry(list, None, login, name, color, &entries)?;
        let entry = ReferenceItem {
            id: login.map_or_else(new_id, |l| l.trim().to_owned()),
            name,
            color: own_colour(list, color),
            position: entries.iter().map(|e| e.position).max().unwrap_or(0) + 1,
            archived: false,
        };
        self.edit_document(SETTINGS_CLASS, SETTINGS_ID, |doc| {
            document::put_reference(doc, list.as_str(), &entry)
        })?;
        Ok(entry)
    }

    /// Renames and recolours an entry of `list`. A renamed tag re-indexes the customers that
    /// carry it, so searching by the new name finds them.
    pub fn update_settings_entry(
        &mut self,
        list: ReferenceList,
        id: &str,
        name: &str,
        color: u8,
    ) -> Result<ReferenceItem, SettingsError> {
        self.may_edit_settings("change", list)?;
        let entries = self.settings_entries(list)?;
        let current = find(&entries, list, id)?;
        let name = check_entry(list, Some(id), None, name, color, &entries)?;
        let entry = ReferenceItem {
            name,
            color: own_colour(list, color),
            ..current.clone()
        };
        if entry != *current {
            self.edit_document(SETTINGS_CLASS, SETTINGS_ID, |doc| {
                document::put_reference(doc, list.as_str(), &entry)
            })?;
        }
        Ok(entry)
    }

    /// Archives (out of the pickers; old records keep its name) or restores an entry.
    pub fn set_settings_entry_archived(
        &mut self,
        list: ReferenceList,
        id: &str,
        archived: bool,
    ) -> Result<ReferenceItem, SettingsError> {
        self.may_edit_settings(if archived { "archive in" } else { "restore in" }, list)?;
        let entries = self.settings_entries(list)?;
        let current = find(&entries, list, id)?;
        if current.archived != archived {
            self.edit_document(SETTINGS_CLASS, SETTINGS_ID, |doc| {
                put_archived(doc, list, id, archived)
            })?;
        }
        Ok(ReferenceItem {
            archived,
            ..current.clone()
        })
    }

    /// Moves an entry one place up or down `list` (nothing at either end) and numbers the list
    /// 1..n; answers the list in its new order.
    pub fn move_settings_entry(
        &mut self,
        list: ReferenceList,
        id: &str,
        up: bool,
    ) -> Result<Vec<ReferenceItem>, SettingsError> {
        self.may_edit_settings("reorder", list)?;
        let mut entries = self.settings_entries(list)?;
        find(&entries, list, id)?;
        let at = entries.iter().position(|e| e.id == id).unwrap_or(0);
        let other = if up { at.checked_sub(1) } else { Some(at + 1) };
        if let Some(other) = other.filter(|&o| o < entries.len()) {
            entries.swap(at, other);
        }
        let changed: Vec<ReferenceItem> = entries
            .iter_mut()
            .zip(1..)
            .filter_map(|(entry, position)| {
                (entry.position != position).then(|| {
                    entry.position = position;
                    entry.clone()
                })
            })
            .collect();
        if !changed.is_empty() {
            self.edit_document(SETTINGS_CLASS, SETTINGS_ID, |doc| {
                changed
                    .iter()
                    .try_for_each(|entry| document::put_reference(doc, list.as_str(), entry))
            })?;
        }
        Ok(entries)
    }

    /// Refuses a settings edit to a session that may not make one.
    fn may_edit_settings(&self, what: &str, list: ReferenceList) -> Result<(), ReplicaError> {
        if self.session.permissions.edit_settings {
            return Ok(());
        }
        Err(ReplicaError::Forbidden(format!(
            "{} may not {what} the workspace's {} list: only a manager or an admin changes \
             the settings; ask one to make this change (anyone may still add a tag from a \
             customer's form)",
            self.session.user,
            list.as_str().replace('_', " ")
        )))
    }
}

/// Tags keep their colour; other lists' entries have none.
fn own_colour(list: ReferenceList, color: u8) -> u8 {
    match list {
        ReferenceList::Tags => color % TAG_COLOURS,
        _ => 0,
    }
}

fn find<'a>(
    entries: &'a [ReferenceItem],
    list: ReferenceList,
    id: &str,
) -> Result<&'a ReferenceItem, ReplicaError> {
    entries
        .iter()
        .find(|e| e.id == id)
        .ok_or_else(|| ReplicaError::NotFound {
            what: format!("entry of {}", list.as_str()),
            id: id.to_owned(),
        })
}

/// Sets an entry's `archived` flag in the settings document (the entry must exist).
fn put_archived(
    doc: &mut automerge::AutoCommit,
    list: ReferenceList,
    id: &str,
    archived: bool,
) -> Result<(), ReplicaError> {
    let map =
        |doc: &automerge::AutoCommit, obj: &automerge::ObjId, key: &str| match doc.get(obj, key) {
            Ok(Some((Value::Object(ObjType::Map), found))) => Ok(found),
            _ => Err(ReplicaError::NotFound {
                what: format!("entry of {}", list.as_str()),
                id: id.to_owned(),
            }),
        };
    let lists = map(doc, &ROOT, keys::SETTINGS_LISTS)?;
    let items = map(doc, &lists, list.as_str())?;
    let item = map(doc, &items, id)?;
    doc.put(&item, "archived", archived)
        .map_err(|e| ReplicaError::Document {
            id: SETTINGS_ID.to_owned(),
            reason: e.to_string(),
        })
}
