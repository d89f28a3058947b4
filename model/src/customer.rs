//! The customer record as the Customers screen shows and edits it (spec C10–C19), with Odoo's
//! meaning where the spec is silent.

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

/// A postal address; `country` is an ISO 3166-1 alpha-2 code or empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    pub street: String,
    pub street2: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub country: String,
}

/// What the user typed into the customer form, before validation. Every field but kind and
/// name may be left empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerDraft {
    pub kind: CustomerKind,
    pub name: String,
    /// For an individual: the company customer they work for.
    pub company_id: Option<CustomerId>,
    /// For an individual: their job position.
    pub function: String,
    pub address: Address,
    pub tax_id: String,
    pub email: String,
    pub phone: String,
    pub mobile: String,
    pub website: String,
    /// A locale such as `vi_VN` or `en_US`; empty for none.
    pub language: String,
    /// Ids of tags from the workspace settings.
    pub tag_ids: Vec<String>,
    /// Id of a salesperson from the workspace settings.
    pub salesperson_id: Option<String>,
    pub payment_terms_id: Option<String>,
    pub pricelist_id: Option<String>,
    pub purchase_payment_terms_id: Option<String>,
    pub receipt_reminder: bool,
    /// Internal notes: free text that merges character by character.
    pub notes: String,
}

/// A stored customer as lists and cards show it.
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
        initials(&self.name)
    }
}

/// Up to two initials of a name: first letters of its first and last words.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
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

/// Kinds of contacts and addresses under a customer (spec C14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ContactType {
    #[default]
    Contact,
    Invoice,
    Delivery,
    Other,
    /// Kept in its own document, shown only to users allowed to see private addresses.
    Private,
}

impl ContactType {
    pub fn as_str(self) -> &'static str {
        match self {
            ContactType::Contact => "contact",
            ContactType::Invoice => "invoice",
            ContactType::Delivery => "delivery",
            ContactType::Other => "other",
            ContactType::Private => "private",
        }
    }

    pub fn parse(stored: &str) -> Option<Self> {
        Some(match stored {
            "contact" => ContactType::Contact,
            "invoice" => ContactType::Invoice,
            "delivery" => ContactType::Delivery,
            "other" => ContactType::Other,
            "private" => ContactType::Private,
            _ => return None,
        })
    }
}

/// A contact person or address of a customer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactDraft {
    pub contact_type: ContactType,
    pub name: String,
    pub function: String,
    pub email: String,
    pub phone: String,
    pub mobile: String,
    pub address: Address,
    pub notes: String,
}

/// Whether an activity is still to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    #[default]
    Open,
    Done,
    Cancelled,
}

impl ActivityStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityStatus::Open => "open",
            ActivityStatus::Done => "done",
            ActivityStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(stored: &str) -> Option<Self> {
        Some(match stored {
            "open" => ActivityStatus::Open,
            "done" => ActivityStatus::Done,
            "cancelled" => ActivityStatus::Cancelled,
            _ => return None,
        })
    }
}

/// A scheduled activity (call, email, meeting, to-do, or a team's own type).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityDraft {
    /// Id of an activity type from the workspace settings (`call`, `email`, ...).
    pub activity_type: String,
    pub summary: String,
    /// Due date as `YYYY-MM-DD`.
    pub due_date: String,
    pub assigned_user_id: Option<String>,
    pub note: String,
    pub status: ActivityStatus,
}

/// A customer's activity state, from its open activities' earliest due date (the card's clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityState {
    Overdue,
    Today,
    Planned,
    None,
}

impl ActivityState {
    /// The state for the earliest open due date `next_due`, on day `today` (both `YYYY-MM-DD`,
    /// which compare as text).
    pub fn from_next_due(next_due: Option<&str>, today: &str) -> ActivityState {
        match next_due {
            None => ActivityState::None,
            Some(due) if due < today => ActivityState::Overdue,
            Some(due) if due == today => ActivityState::Today,
            Some(_) => ActivityState::Planned,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActivityState::Overdue => "overdue",
            ActivityState::Today => "today",
            ActivityState::Planned => "planned",
            ActivityState::None => "none",
        }
    }

    pub fn parse(stored: &str) -> Option<Self> {
        Some(match stored {
            "overdue" => ActivityState::Overdue,
            "today" => ActivityState::Today,
            "planned" => ActivityState::Planned,
            "none" => ActivityState::None,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_first_and_last_word_with_vietnamese_letters() {
        assert_eq!(initials("Nguyễn Thị Đào"), "NĐ");
        assert_eq!(initials("đông"), "Đ");
        assert_eq!(initials("  "), "");
    }

    #[test]
    fn stored_forms_round_trip() {
        for kind in [CustomerKind::Individual, CustomerKind::Company] {
            assert_eq!(CustomerKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(CustomerKind::parse("robot"), None);
        for t in [
            ContactType::Contact,
            ContactType::Invoice,
            ContactType::Delivery,
            ContactType::Other,
            ContactType::Private,
        ] {
            assert_eq!(ContactType::parse(t.as_str()), Some(t));
        }
        for s in [
            ActivityStatus::Open,
            ActivityStatus::Done,
            ActivityStatus::Cancelled,
        ] {
            assert_eq!(ActivityStatus::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn activity_state_follows_the_earliest_open_due_date() {
        let today = "2026-11-27";
        assert_eq!(
            ActivityState::from_next_due(None, today),
            ActivityState::None
        );
        assert_eq!(
            ActivityState::from_next_due(Some("2026-11-26"), today),
            ActivityState::Overdue
        );
        assert_eq!(
            ActivityState::from_next_due(Some(today), today),
            ActivityState::Today
        );
        assert_eq!(
            ActivityState::from_next_due(Some("2026-12-01"), today),
            ActivityState::Planned
        );
        assert_eq!(
            ActivityState::parse("overdue"),
            Some(ActivityState::Overdue)
        );
    }
}
