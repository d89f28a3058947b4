//! The contract between the UI and the desktop shell: command names, their arguments, and the
//! typed error `{code, message, field}` every command returns instead of a panic or a bare string.

use serde::{Deserialize, Serialize};

use crate::customer::{ActivityDraft, ContactDraft, CustomerDraft, CustomerId};
use crate::validation::{FieldError, ValidationErrors};

/// Command names, shared so the UI and the shell cannot drift apart.
pub mod names {
    pub const CREATE_CUSTOMER: &str = "create_customer";
    pub const LIST_CUSTOMERS: &str = "list_customers";
    pub const APP_INFO: &str = "app_info";
    pub const CUSTOMER_PAGE: &str = "customer_page";
    pub const GROUP_COUNTS: &str = "group_counts";
    pub const SYNC_STATUS: &str = "sync_status";
    // The customer form.
    pub const CUSTOMER: &str = "customer";
    pub const UPDATE_CUSTOMER: &str = "update_customer";
    pub const SET_ARCHIVED: &str = "set_archived";
    pub const SET_FAVOURITE: &str = "set_favourite";
    pub const ADD_CONTACT: &str = "add_contact";
    pub const UPDATE_CONTACT: &str = "update_contact";
    pub const REMOVE_CONTACT: &str = "remove_contact";
    pub const CREATE_TAG: &str = "create_tag";
    pub const REFERENCE_LIST: &str = "reference_list";
    pub const POST_NOTE: &str = "post_note";
    pub const MENTIONS: &str = "mentions";
    pub const CUSTOMER_HISTORY: &str = "customer_history";
}

/// What the shell tells the UI at start: the user's locale and whether a server is configured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppInfo {
    /// BCP 47 locale, e.g. `vi-VN`; the UI's language follows it.
    pub locale: String,
    /// The team's sync server, if one is configured.
    pub sync_server: Option<String>,
    /// This user's id in the team (favourites, "my customers", mentions), if configured.
    #[serde(default)]
    pub user: Option<String>,
    /// Whether this user may see private addresses (spec C16); true when working locally.
    #[serde(default = "yes")]
    pub can_see_private_addresses: bool,
}

fn yes() -> bool {
    true
}

/// Arguments of `create_customer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateCustomerArgs {
    pub draft: CustomerDraft,
}

/// Arguments of `customer_page`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPageArgs {
    pub query: crate::query::CustomerQuery,
}

/// Arguments of `group_counts` (`groupBy` on the wire, as Tauri names arguments).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupCountsArgs {
    pub query: crate::query::CustomerQuery,
    pub group_by: crate::query::GroupBy,
}

/// Arguments of the commands about one customer: `customer`, `customer_history`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerArgs {
    pub id: CustomerId,
}

/// Arguments of `update_customer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateCustomerArgs {
    pub id: CustomerId,
    pub draft: CustomerDraft,
}

/// Arguments of `set_archived`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetArchivedArgs {
    pub id: CustomerId,
    pub archived: bool,
}

/// Arguments of `set_favourite` (for the user the shell runs as).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetFavouriteArgs {
    pub id: CustomerId,
    pub favourite: bool,
}

/// Arguments of `add_contact` (`customerId` on the wire, as Tauri names arguments).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddContactArgs {
    pub customer_id: CustomerId,
    pub contact: ContactDraft,
}

/// Arguments of `update_contact`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateContactArgs {
    pub customer_id: CustomerId,
    pub contact_id: String,
    pub contact: ContactDraft,
}

/// Arguments of `remove_contact`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoveContactArgs {
    pub customer_id: CustomerId,
    pub contact_id: String,
}

/// Arguments of `create_tag`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateTagArgs {
    pub name: String,
    pub color: u8,
}

/// Arguments of `reference_list`: `tags`, `salespeople`, `payment_terms`, `pricelists`,
/// `languages`, `activity_types`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceListArgs {
    pub list: String,
}

/// Arguments of `post_note`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostNoteArgs {
    pub customer_id: CustomerId,
    pub text: String,
}

/// One entry of a workspace reference list (a tag, a salesperson, payment terms...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceItem {
    pub id: String,
    pub name: String,
    /// A colour index 0..11 (tags).
    #[serde(default)]
    pub color: u8,
    #[serde(default)]
    pub position: i64,
}

/// A contact or address with its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactEntry {
    pub id: String,
    pub contact: ContactDraft,
}

/// An activity with its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEntry {
    pub id: String,
    pub activity: ActivityDraft,
}

/// One posted internal note (spec C19): who wrote it, when, and whom it mentions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Note {
    pub id: String,
    pub author: String,
    /// RFC 3339, UTC.
    pub time: String,
    pub text: String,
    /// The user ids mentioned with `@id`, lower case, each once.
    pub mentions: Vec<String>,
}

/// A note that mentions the user, with the customer it is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub note: Note,
}

/// Everything the customer form shows of one customer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerRecord {
    pub id: CustomerId,
    pub draft: CustomerDraft,
    pub archived: bool,
    /// Whether it is a favourite of the user the shell runs as.
    pub favourite: bool,
    pub updated_at: String,
    /// Contacts and addresses; private addresses only for users allowed to see them.
    pub contacts: Vec<ContactEntry>,
    pub activities: Vec<ActivityEntry>,
    /// The notes log, oldest first.
    pub notes_log: Vec<Note>,
}

/// One change in a customer's history, as the form's history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryItem {
    pub author: String,
    /// Milliseconds since 1970 (0 when unknown).
    pub time: i64,
    /// `(field, before, after)` for each field changed.
    pub fields: Vec<(String, String, String)>,
}

/// The user ids a note mentions: `@` after a space, a line start or an opening bracket, then
/// letters, digits, `_`, `-` or inner dots (so "dao@donga.vn" mentions nobody); lower case,
/// each once, in order of appearance.
pub fn mentions_in(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut previous = ' ';
    let chars = text.char_indices();
    for (at, c) in chars {
        let starts = c == '@' && (previous.is_whitespace() || "([{,;".contains(previous));
        previous = c;
        if !starts {
            continue;
        }
        let rest = &text[at + 1..];
        let end = rest
            .find(|ch: char| !(ch.is_alphanumeric() || "_-.".contains(ch)))
            .unwrap_or(rest.len());
        let name = rest[..end].trim_end_matches('.').to_lowercase();
        if !name.is_empty() && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// What kind of failure a command met; the UI matches on this, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input was refused; `field` names the first bad field, `field_errors` lists all.
    Validation,
    /// The record asked for does not exist (any more).
    NotFound,
    /// The change contradicts the record's state; the message says what to do.
    Conflict,
    /// The local store failed (disk full, file damaged, newer schema...).
    Storage,
    /// The UI could not reach the shell or could not read its answer.
    Ipc,
    /// Something unexpected; the message says what.
    Internal,
}

/// One field's problem as it crosses the IPC boundary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMessage {
    pub field: String,
    /// What is wrong, as a code the UI words in the user's language (`required`, ...).
    pub problem: String,
    pub message: String,
}

/// The error every command returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub field_errors: Vec<FieldMessage>,
}

impl CommandError {
    /// An error with a code and a message, about no particular field.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        CommandError {
            code,
            message: message.into(),
            field: None,
            field_errors: Vec::new(),
        }
    }

    /// The problem code for `field` (`required`, `invalid_email`...), if the error names it.
    pub fn problem_for(&self, field: &str) -> Option<&str> {
        self.field_errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.problem.as_str())
    }

    /// The message for `field`, if the error names it.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.field_errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
            .or_else(|| (self.field.as_deref() == Some(field)).then_some(self.message.as_str()))
    }
}

impl From<ValidationErrors> for CommandError {
    fn from(errors: ValidationErrors) -> Self {
        let field_errors: Vec<FieldMessage> = errors
            .0
            .iter()
            .map(|e: &FieldError| FieldMessage {
                field: e.field().as_str().to_owned(),
                problem: e.problem().to_owned(),
                message: e.to_string(),
            })
            .collect();
        CommandError {
            code: ErrorCode::Validation,
            message: errors.to_string(),
            field: field_errors.first().map(|e| e.field.clone()),
            field_errors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::CustomerKind;

    #[test]
    fn validation_errors_become_a_typed_error_naming_each_field() {
        let draft = CustomerDraft {
            kind: CustomerKind::Individual,
            email: "dao@".into(),
            ..CustomerDraft::default()
        };
        let error = CommandError::from(draft.validate().unwrap_err());
        assert_eq!(error.code, ErrorCode::Validation);
        assert_eq!(error.field.as_deref(), Some("name"));
        assert!(error.message_for("email").unwrap().contains("dao@"));
        assert!(error.message_for("name").unwrap().contains("required"));
        assert_eq!(error.message_for("phone"), None);
        assert!(error.problem_for("email").is_some());
        assert_eq!(error.problem_for("name"), Some("required"));
    }

    #[test]
    fn mentions_are_at_words_not_email_addresses() {
        assert_eq!(
            mentions_in("@lan xem giúp, cc (@Minh.Tran). Gửi dao@donga.vn; @lan lần nữa"),
            vec!["lan".to_owned(), "minh.tran".to_owned()]
        );
        assert!(mentions_in("email dao@donga.vn, @ alone").is_empty());
        assert_eq!(mentions_in("@đào"), vec!["đào".to_owned()]);
    }

    #[test]
    fn app_info_from_an_older_shell_allows_private_addresses() {
        let info: AppInfo =
            serde_json::from_value(serde_json::json!({"locale": "vi-VN", "sync_server": null}))
                .unwrap();
        assert!(info.can_see_private_addresses);
        assert_eq!(info.user, None);
    }

    #[test]
    fn the_wire_form_is_code_message_field() {
        let error = CommandError {
            field: Some("email".into()),
            ..CommandError::new(ErrorCode::Validation, "bad email")
        };
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "validation", "message": "bad email", "field": "email"})
        );
        let back: CommandError = serde_json::from_value(json).unwrap();
        assert_eq!(back, error);
    }
}
