//! The typed error every command fails with, `{code, message, field}` on the wire: the UI
//! matches on the code and the field, never on the message, and nothing crosses as a panic or a
//! bare string.

use serde::{Deserialize, Serialize};

use crate::validation::{FieldError, ValidationErrors};

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
    /// The UI could not reach the shell, or one side could not read the other's message.
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
    use crate::customer::{CustomerDraft, CustomerKind};

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
