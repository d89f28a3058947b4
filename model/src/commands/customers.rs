//! Commands about customers as a whole: create, list, page and count for the Customers screen,
//! read one for the form, change it, archive it, mark it a favourite, and read its history.

use serde::{Deserialize, Serialize};

use super::activities::ActivityEntry;
use super::contacts::ContactEntry;
use super::notes::Note;
use super::{declare_commands, NoArgs};
use crate::customer::{Customer, CustomerDraft, CustomerId};
use crate::query::{CustomerPage, CustomerQuery, CustomerRow, GroupBy, GroupCount};

declare_commands! {
    /// Validates and stores a new customer; answers its row as pages show it.
    CreateCustomer = "create_customer", CreateCustomerArgs => CustomerRow;
    /// Every customer, by name.
    ListCustomers = "list_customers", NoArgs => Vec<Customer>;
    /// One page of customers: searched, filtered and sorted by the replica.
    GetCustomerPage = "customer_page", CustomerPageArgs => CustomerPage;
    /// How many customers of the query fall in each group.
    GetGroupCounts = "group_counts", GroupCountsArgs => Vec<GroupCount>;
    /// Everything the form shows of one customer.
    GetCustomer = "customer", CustomerArgs => CustomerRecord;
    /// Validates and stores a changed customer; answers its row as pages show it.
    UpdateCustomer = "update_customer", UpdateCustomerArgs => CustomerRow;
    /// Archives or restores a customer.
    SetArchived = "set_archived", SetArchivedArgs => ();
    /// Marks or unmarks a customer as a favourite of the user the shell runs as.
    SetFavourite = "set_favourite", SetFavouriteArgs => ();
    /// Who changed what on a customer, oldest first.
    GetCustomerHistory = "customer_history", CustomerArgs => Vec<HistoryItem>;
}

/// Arguments of `create_customer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateCustomerArgs {
    pub draft: CustomerDraft,
}

/// Arguments of `customer_page`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPageArgs {
    pub query: CustomerQuery,
}

/// Arguments of `group_counts` (`groupBy` on the wire).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupCountsArgs {
    pub query: CustomerQuery,
    pub group_by: GroupBy,
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
    /// The document heads the form was loaded at (`CustomerRecord::heads`): the draft is
    /// applied to that version and merged, so a colleague's concurrent edit of another field
    /// survives. Empty (an older caller): applied to the current version.
    #[serde(default)]
    pub heads: Vec<String>,
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
    /// The document heads (hex change hashes) this was read at; a save sends them back.
    pub heads: Vec<String>,
}

/// One change in a customer's history, as the form's history shows it and the replica reads
/// it from the customer's document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryItem {
    pub author: String,
    /// Milliseconds since 1970 (0 when unknown).
    pub time: i64,
    /// `(field, before, after)` for each field changed.
    pub fields: Vec<(String, String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::Command;

    #[test]
    fn group_counts_names_its_grouping_as_tauri_did() {
        let args = GroupCountsArgs {
            query: CustomerQuery::default(),
            group_by: GroupBy::Salesperson,
        };
        let json = serde_json::to_value(&args).unwrap();
        assert_eq!(json["groupBy"], "salesperson");
        assert!(json["query"].is_object());
        assert_eq!(GetGroupCounts::NAME, "group_counts");
    }

    #[test]
    fn an_update_without_heads_still_reads() {
        let args: UpdateCustomerArgs = serde_json::from_value(
            serde_json::json!({"id": "c1", "draft": CustomerDraft::default()}),
        )
        .unwrap();
        assert!(args.heads.is_empty());
    }
}
