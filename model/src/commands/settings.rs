//! Commands of the Settings screen: managers and admins edit the workspace's reference lists
//! (tags, payment terms, pricelists, activity types and, without a sync server, the local team
//! list); and the one check of an entry both the UI and the replica run.

use serde::{Deserialize, Serialize};

use super::{declare_commands, CommandError, ErrorCode, FieldMessage, NoArgs};
use super::{ReferenceItem, ReferenceList};
use crate::rules::fold_for_search;

declare_commands! {
    /// Every list the Settings screen edits, archived entries included, each in its order.
    GetSettingsLists = "settings_lists", NoArgs => SettingsLists;
    /// Adds an entry at the end of a list.
    AddSettingsEntry = "add_settings_entry", AddSettingsEntryArgs => ReferenceItem;
    /// Renames or recolours an entry.
    UpdateSettingsEntry = "update_settings_entry", UpdateSettingsEntryArgs => ReferenceItem;
    /// Archives (out of the pickers) or restores an entry.
    SetSettingsEntryArchived = "set_settings_entry_archived", SetSettingsEntryArchivedArgs => ReferenceItem;
    /// Moves an entry one place up or down; answers the list in its new order.
    MoveSettingsEntry = "move_settings_entry", MoveSettingsEntryArgs => Vec<ReferenceItem>;
}

/// The longest name of an entry, in characters.
pub const MAX_ENTRY_NAME: usize = 80;

/// The number of tag colours (indexes `0..TAG_COLOURS`).
pub const TAG_COLOURS: u8 = 12;

/// The lists the Settings screen edits (languages are fixed).
pub const EDITABLE_LISTS: [ReferenceList; 5] = [
    ReferenceList::Tags,
    ReferenceList::PaymentTerms,
    ReferenceList::Pricelists,
    ReferenceList::ActivityTypes,
    ReferenceList::Salespeople,
];

/// The Settings screen's lists, archived entries included.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsLists {
    pub tags: Vec<ReferenceItem>,
    pub payment_terms: Vec<ReferenceItem>,
    pub pricelists: Vec<ReferenceItem>,
    pub activity_types: Vec<ReferenceItem>,
    /// The local team list (used when there is no sync server).
    pub salespeople: Vec<ReferenceItem>,
}

impl SettingsLists {
    /// The entries of `list` (empty for a list the screen does not edit).
    pub fn get(&self, list: ReferenceList) -> &[ReferenceItem] {
        match list {
            ReferenceList::Tags => &self.tags,
            ReferenceList::PaymentTerms => &self.payment_terms,
            ReferenceList::Pricelists => &self.pricelists,
            ReferenceList::ActivityTypes => &self.activity_types,
            ReferenceList::Salespeople => &self.salespeople,
            ReferenceList::Languages => &[],
        }
    }

    /// The entries of `list`, to replace.
    pub fn get_mut(&mut self, list: ReferenceList) -> Option<&mut Vec<ReferenceItem>> {
        Some(match list {
            ReferenceList::Tags => &mut self.tags,
            ReferenceList::PaymentTerms => &mut self.payment_terms,
            ReferenceList::Pricelists => &mut self.pricelists,
            ReferenceList::ActivityTypes => &mut self.activity_types,
            ReferenceList::Salespeople => &mut self.salespeople,
            ReferenceList::Languages => return None,
        })
    }
}

/// Arguments of `add_settings_entry`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddSettingsEntryArgs {
    pub list: ReferenceList,
    /// The login id of a salesperson; other lists' ids are made by the replica.
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub color: u8,
}

/// Arguments of `update_settings_entry`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateSettingsEntryArgs {
    pub list: ReferenceList,
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub color: u8,
}

/// Arguments of `set_settings_entry_archived`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetSettingsEntryArchivedArgs {
    pub list: ReferenceList,
    pub id: String,
    pub archived: bool,
}

/// Arguments of `move_settings_entry`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveSettingsEntryArgs {
    pub list: ReferenceList,
    pub id: String,
    /// Towards the top of the list (else towards the bottom).
    pub up: bool,
}

/// What is wrong with an entry: the field (`id`, `name`, `color`, `list`), a stable problem
/// code and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EntryProblem {
    pub field: &'static str,
    pub problem: &'static str,
    pub message: String,
}

impl EntryProblem {
    fn new(field: &'static str, problem: &'static str, message: String) -> Self {
        EntryProblem {
            field,
            problem,
            message,
        }
    }
}

impl From<EntryProblem> for CommandError {
    fn from(problem: EntryProblem) -> Self {
        CommandError {
            field: Some(problem.field.to_owned()),
            field_errors: vec![FieldMessage {
                field: problem.field.to_owned(),
                problem: problem.problem.to_owned(),
                message: problem.message.clone(),
            }],
            ..CommandError::new(ErrorCode::Validation, problem.message)
        }
    }
}

/// Checks an entry about to be stored in `list` beside `others` (the list as it is; the entry
/// itself, when renamed, is skipped by `id`). `new_id` is the login of a salesperson being
/// added. Returns the trimmed name.
pub fn check_entry(
    list: ReferenceList,
    id: Option<&str>,
    new_id: Option<&str>,
    name: &str,
    color: u8,
    others: &[ReferenceItem],
) -> Result<String, EntryProblem> {
    if !EDITABLE_LISTS.contains(&list) {
        return Err(EntryProblem::new(
            "list",
            "not_editable",
            format!("the list {} cannot be changed here", list.as_str()),
        ));
    }
    if let Some(login) = new_id {
        let login = login.trim();
        if login.is_empty() || login.chars().count() > MAX_ENTRY_NAME {
            return Err(EntryProblem::new(
                "id",
                "required",
                format!("a login id is required: 1 to {MAX_ENTRY_NAME} characters, e.g. lan"),
            ));
        }
        if login.chars().any(char::is_whitespace) {
            return Err(EntryProblem::new(
                "id",
                "invalid_login",
                format!("the login id {login:?} has spaces: write it in one word, e.g. lan.nguyen"),
            ));
        }
        if others.iter().any(|o| o.id == login) {
            return Err(EntryProblem::new(
                "id",
                "duplicate",
                format!("the login id {login:?} is taken: pick another"),
            ));
        }
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(EntryProblem::new(
            "name",
            "required",
            "a name is required: type one".into(),
        ));
    }
    let length = name.chars().count();
    if length > MAX_ENTRY_NAME {
        return Err(EntryProblem::new(
            "name",
            "too_long",
            format!("the name has {length} characters: shorten it to {MAX_ENTRY_NAME} or fewer"),
        ));
    }
    if color >= TAG_COLOURS {
        return Err(EntryProblem::new(
            "color",
            "out_of_range",
            format!(
                "colour {color} does not exist: pick one of 0 to {}",
                TAG_COLOURS - 1
            ),
        ));
    }
    let folded = fold_for_search(name);
    if let Some(same) = others
        .iter()
        .find(|o| Some(o.id.as_str()) != id && fold_for_search(&o.name) == folded)
    {
        let hint = if same.archived {
            " (it is archived: restore it instead)"
        } else {
            ""
        };
        return Err(EntryProblem::new(
            "name",
            "duplicate",
            format!(
                "{:?} is already in this list{hint}: pick another name",
                same.name
            ),
        ));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, name: &str, archived: bool) -> ReferenceItem {
        ReferenceItem {
            id: id.into(),
            name: name.into(),
            archived,
            ..ReferenceItem::default()
        }
    }

    #[test]
    fn each_problem_names_its_field() {
        let tags = [item("t1", "khách lẻ", false), item("t2", "VIP", true)];
        let check = |id, name: &str, color| {
            check_entry(ReferenceList::Tags, id, None, name, color, &tags).map_err(|e| e.field)
        };
        assert_eq!(check(None, "  ", 0), Err("name"));
        assert_eq!(check(None, &"x".repeat(81), 0), Err("name"));
        assert_eq!(check(None, &"x".repeat(80), 0), Ok("x".repeat(80)));
        assert_eq!(check(None, "Khach Le", 0), Err("name"));
        assert_eq!(check(Some("t1"), "Khách lẻ", 0), Ok("Khách lẻ".into()));
        assert_eq!(check(None, "mới", 12), Err("color"));
        let archived = check_entry(ReferenceList::Tags, None, None, "vip", 0, &tags).unwrap_err();
        assert!(archived.message.contains("archived"), "{archived}");
        let team = [item("lan", "Lan", false)];
        let add = |login| {
            check_entry(
                ReferenceList::Salespeople,
                None,
                Some(login),
                "Minh",
                0,
                &team,
            )
            .map_err(|e| e.field)
        };
        assert_eq!(add("lan"), Err("id"));
        assert_eq!(add("minh nguyen"), Err("id"));
        assert_eq!(add(""), Err("id"));
        assert_eq!(add("minh"), Ok("Minh".into()));
        let language = check_entry(ReferenceList::Languages, None, None, "Deutsch", 0, &[]);
        assert_eq!(language.map_err(|e| e.field), Err("list"));
    }

    #[test]
    fn a_problem_crosses_as_a_validation_error_naming_the_field() {
        let problem = check_entry(ReferenceList::Pricelists, None, None, "", 0, &[]).unwrap_err();
        let error = CommandError::from(problem);
        assert_eq!(error.code, ErrorCode::Validation);
        assert_eq!(error.field.as_deref(), Some("name"));
        assert_eq!(error.problem_for("name"), Some("required"));
    }
}
