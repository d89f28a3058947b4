//! Validation of a customer draft: one typed error per field, each saying how to fix it.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

use crate::customer::CustomerDraft;

/// The fields of the customer form that can carry an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerField {
    Name,
    Email,
    Phone,
}

impl CustomerField {
    /// The field's name on the wire and in the form.
    pub fn as_str(self) -> &'static str {
        match self {
            CustomerField::Name => "name",
            CustomerField::Email => "email",
            CustomerField::Phone => "phone",
        }
    }
}

/// Why one field was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum FieldError {
    #[error("{field:?} is required: type a value")]
    Required { field: CustomerField },
    #[error("\"{value}\" is not an email address: write it as name@example.com")]
    InvalidEmail { field: CustomerField, value: String },
    #[error("\"{value}\" is not a phone number: use digits, spaces, + ( ) - . only")]
    InvalidPhone { field: CustomerField, value: String },
    #[error("{field:?} is too long: at most {max} characters")]
    TooLong { field: CustomerField, max: usize },
}

impl FieldError {
    /// A stable code for the problem, for the UI to word in the user's language.
    pub fn problem(&self) -> &'static str {
        match self {
            FieldError::Required { .. } => "required",
            FieldError::InvalidEmail { .. } => "invalid_email",
            FieldError::InvalidPhone { .. } => "invalid_phone",
            FieldError::TooLong { .. } => "too_long",
        }
    }

    /// The field this error belongs to.
    pub fn field(&self) -> CustomerField {
        match self {
            FieldError::Required { field }
            | FieldError::InvalidEmail { field, .. }
            | FieldError::InvalidPhone { field, .. }
            | FieldError::TooLong { field, .. } => *field,
        }
    }
}

/// Every problem of a draft, in form order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("the customer has {} invalid field(s): {}", .0.len(), describe(.0))]
pub struct ValidationErrors(pub Vec<FieldError>);

fn describe(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Longest name or email we accept; longer text is almost certainly a paste gone wrong.
pub const MAX_TEXT_LEN: usize = 256;

impl CustomerDraft {
    /// Trims surrounding whitespace, as the form does before saving.
    pub fn normalized(&self) -> CustomerDraft {
        CustomerDraft {
            kind: self.kind,
            name: self.name.trim().to_owned(),
            email: self.email.trim().to_owned(),
            phone: self.phone.trim().to_owned(),
        }
    }

    /// Checks every field; returns all problems at once so the form can mark each field.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let draft = self.normalized();
        let mut errors = Vec::new();
        if draft.name.is_empty() {
            errors.push(FieldError::Required {
                field: CustomerField::Name,
            });
        } else if draft.name.chars().count() > MAX_TEXT_LEN {
            errors.push(FieldError::TooLong {
                field: CustomerField::Name,
                max: MAX_TEXT_LEN,
            });
        }
        if !draft.email.is_empty() && email_address::EmailAddress::from_str(&draft.email).is_err() {
            errors.push(FieldError::InvalidEmail {
                field: CustomerField::Email,
                value: draft.email.clone(),
            });
        }
        if !draft.phone.is_empty() && !looks_like_phone(&draft.phone) {
            errors.push(FieldError::InvalidPhone {
                field: CustomerField::Phone,
                value: draft.phone.clone(),
            });
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(errors))
        }
    }
}

/// A loose phone check for now: at least 6 digits and only the characters people type in phone
/// numbers. (The record issue replaces it with a real phone-number parser.)
fn looks_like_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    digits >= 6
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-.".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::CustomerKind;

    fn draft(name: &str, email: &str, phone: &str) -> CustomerDraft {
        CustomerDraft {
            kind: CustomerKind::Company,
            name: name.into(),
            email: email.into(),
            phone: phone.into(),
        }
    }

    #[test]
    fn a_complete_vietnamese_customer_is_valid() {
        let ok = draft("Công ty TNHH Đông Á", "lienhe@donga.vn", "0903 123 456");
        assert_eq!(ok.validate(), Ok(()));
        assert_eq!(draft("Nguyễn Thị Đào", "", "").validate(), Ok(()));
        assert_eq!(
            draft("A", "dao+sales@donga.com.vn", "+84 (28) 3823-4567").validate(),
            Ok(())
        );
    }

    #[test]
    fn name_is_required_even_when_only_spaces() {
        let err = draft("   ", "", "").validate().unwrap_err();
        assert_eq!(
            err.0,
            vec![FieldError::Required {
                field: CustomerField::Name
            }]
        );
    }

    #[test]
    fn overlong_name_is_refused() {
        let err = draft(&"đ".repeat(MAX_TEXT_LEN + 1), "", "")
            .validate()
            .unwrap_err();
        assert_eq!(err.0[0].field(), CustomerField::Name);
        assert!(matches!(err.0[0], FieldError::TooLong { .. }));
    }

    #[test]
    fn bad_emails_are_refused_with_the_value_and_a_fix() {
        for bad in ["dao", "dao@", "@donga.vn", "dao@@donga.vn", "dao donga.vn"] {
            let err = draft("Đào", bad, "").validate().unwrap_err();
            assert_eq!(err.0.len(), 1, "{bad}");
            assert_eq!(err.0[0].field(), CustomerField::Email);
            let message = err.0[0].to_string();
            assert!(message.contains(bad.trim()), "{message}");
            assert!(message.contains("name@example.com"), "{message}");
        }
    }

    #[test]
    fn bad_phones_are_refused() {
        for bad in ["abc", "12", "0903-ABC-456"] {
            let err = draft("Đào", "", bad).validate().unwrap_err();
            assert_eq!(err.0[0].field(), CustomerField::Phone, "{bad}");
        }
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let err = draft("", "x", "y").validate().unwrap_err();
        let fields: Vec<_> = err.0.iter().map(FieldError::field).collect();
        assert_eq!(
            fields,
            vec![
                CustomerField::Name,
                CustomerField::Email,
                CustomerField::Phone
            ]
        );
    }

    #[test]
    fn normalized_trims_every_text_field() {
        let n = draft("  Đào ", " a@b.vn ", " 0903 ").normalized();
        assert_eq!(
            (n.name.as_str(), n.email.as_str(), n.phone.as_str()),
            ("Đào", "a@b.vn", "0903")
        );
    }
}
