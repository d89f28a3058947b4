//! Commands about a customer's past and its concurrent values: the History tab's pages (who,
//! when, which field, old → new, for the customer, its contacts, activities and notes), restoring
//! a value from it, and the conflict review (each value concurrent edits left, with who and
//! when) with keeping one. Restoring and keeping are ordinary new changes, so they sync.

use serde::{Deserialize, Serialize};

use super::customers::CustomerArgs;
use super::declare_commands;
use crate::customer::CustomerId;
use crate::query::CustomerRow;

declare_commands! {
    /// One page of a customer's history, newest first.
    GetHistoryPage = "customer_history_page", HistoryPageArgs => HistoryPage;
    /// Sets a field back to a value from its history (a new change).
    RestoreHistoryValue = "restore_history_value", RestoreValueArgs => CustomerRow;
    /// The fields of a customer (and of its contacts and activities) that concurrent edits
    /// left with more than one value.
    GetCustomerConflicts = "customer_conflicts", CustomerArgs => Vec<Conflict>;
    /// Keeps one of a field's concurrent values: written again, it supersedes them all.
    KeepConflictValue = "keep_conflict_value", KeepValueArgs => CustomerRow;
}

/// Which record of the customer document a field belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldScope {
    /// The customer itself (`key` is a document key of the field table, or `archived`).
    Customer,
    /// One of its contacts or addresses (`name` as it reads now, for the label).
    Contact { id: String, name: String },
    /// One of its activities (`summary` as it reads now).
    Activity { id: String, summary: String },
    /// A note posted on its log (`key` is `text`).
    Note { id: String },
}

/// A field of a customer document: the record it is in and its key there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FieldPlace {
    pub scope: FieldScope,
    pub key: String,
}

impl FieldPlace {
    /// A field of the customer itself.
    pub fn customer(key: &str) -> Self {
        FieldPlace {
            scope: FieldScope::Customer,
            key: key.to_owned(),
        }
    }
}

/// One field one change changed: its value before and after (as text; tags as ids joined by
/// ", ", flags as `true`/`false`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub place: FieldPlace,
    pub before: String,
    pub after: String,
}

/// One change of a customer, as the History tab shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The change's hash (hex): where the next page starts.
    pub change: String,
    /// Who made it (a login), and their display name from the team directory (the login when
    /// the directory does not know them).
    pub author: String,
    pub author_name: String,
    /// Milliseconds since 1970 (0 when unknown).
    pub time: i64,
    pub fields: Vec<FieldChange>,
}

/// Arguments of `customer_history_page`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryPageArgs {
    pub id: CustomerId,
    /// The last change of the previous page (`HistoryEntry::change`): this page holds older
    /// ones. `None`: the newest.
    #[serde(default)]
    pub before: Option<String>,
    /// Entries per page (1..=200; 0 means 50).
    #[serde(default)]
    pub limit: u32,
}

/// A page of history, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HistoryPage {
    pub entries: Vec<HistoryEntry>,
    /// Whether older entries follow.
    pub more: bool,
}

/// Arguments of `restore_history_value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreValueArgs {
    pub id: CustomerId,
    pub place: FieldPlace,
    /// The value to put back (a `FieldChange::before`, or any earlier value).
    pub value: String,
}

/// One of a field's concurrent values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictValue {
    /// Names this value for `keep_conflict_value`.
    pub value_id: String,
    pub value: String,
    pub author: String,
    pub author_name: String,
    /// Milliseconds since 1970 (0 when unknown).
    pub time: i64,
    /// The value every device shows meanwhile.
    pub shown: bool,
}

/// A field that concurrent edits left with different values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub place: FieldPlace,
    /// The shown value first, then the others.
    pub values: Vec<ConflictValue>,
}

/// Arguments of `keep_conflict_value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeepValueArgs {
    pub id: CustomerId,
    pub place: FieldPlace,
    /// `ConflictValue::value_id` of the value to keep.
    pub value_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_name_their_scope_on_the_wire() {
        let place = FieldPlace {
            scope: FieldScope::Contact {
                id: "k1".into(),
                name: "Kế toán".into(),
            },
            key: "email".into(),
        };
        let json = serde_json::to_value(&place).unwrap();
        assert_eq!(json["scope"]["kind"], "contact");
        assert_eq!(json["scope"]["id"], "k1");
        let customer = serde_json::to_value(FieldPlace::customer("phone")).unwrap();
        assert_eq!(
            customer,
            serde_json::json!({"scope": {"kind": "customer"}, "key": "phone"})
        );
    }

    #[test]
    fn a_page_request_defaults_to_the_newest() {
        let args: HistoryPageArgs =
            serde_json::from_value(serde_json::json!({"id": "c1"})).unwrap();
        assert_eq!((args.before, args.limit), (None, 0));
    }
}
