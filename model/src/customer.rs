//! The customer record as the Customers screen shows and edits it.

use serde::{Deserialize, Serialize};

/// A customer's stable identifier (a UUID chosen by the replica that created it).
pub type CustomerId = String;

/// Individual person or company (spec C10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CustomerKind {
    Individual,
    #[default]
    Company,
}

impl CustomerKind {
    /// The value stored in documents and the projection.
    pub fn as_str(self) -> &'static str {
        match self {
            CustomerKind::Individual => "individual",
            CustomerKind::Company => "company",
        }
    }

    /// Parses the stored value; `None` for anything else.
    pub fn parse(stored: &str) -> Option<Self> {
        match stored {
            "individual" => Some(CustomerKind::Individual),
            "company" => Some(CustomerKind::Company),
            _ => None,
        }
    }
}

/// What the user typed into the customer form, before validation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CustomerDraft {
    pub kind: CustomerKind,
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

/// A stored customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: CustomerId,
    pub kind: CustomerKind,
    pub name: String,
    pub email: String,
    pub phone: String,
}

impl Customer {
    /// Up to two initials for the card's avatar ("Nguyễn Thị Đào" → "NĐ").
    pub fn initials(&self) -> String {
        let words: Vec<&str> = self.name.split_whitespace().collect();
        let first = |w: &str| {
            w.chars()
                .next()
                .map(|c| c.to_uppercase().collect::<String>())
        };
        match words.as_slice() {
            [] => String::new(),
            [only] => first(only).unwrap_or_default(),
            [head, .., last] => first(head).unwrap_or_default() + &first(last).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Customer {
        Customer {
            id: "1".into(),
            kind: CustomerKind::Individual,
            name: name.into(),
            email: String::new(),
            phone: String::new(),
        }
    }

    #[test]
    fn initials_take_first_and_last_word_with_vietnamese_letters() {
        assert_eq!(named("Nguyễn Thị Đào").initials(), "NĐ");
        assert_eq!(named("đông").initials(), "Đ");
        assert_eq!(named("  ").initials(), "");
    }

    #[test]
    fn kind_round_trips_through_its_stored_form() {
        for kind in [CustomerKind::Individual, CustomerKind::Company] {
            assert_eq!(CustomerKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(CustomerKind::parse("robot"), None);
    }
}
