//! Merging two or three customers into one, and undoing it: the survivor takes the values
//! chosen per field, the contacts and activities of the others, and keeps a record of what it
//! absorbed and replaced; each merged-away customer records where it went. Both live in the
//! documents, so a merge and its undo sync like any edit.

use serde::{Deserialize, Serialize};

use super::{declare_commands, CustomerArgs};
use crate::customer::CustomerId;
use crate::validation::CustomerField;

declare_commands! {
    /// Merges `absorbed` into `survivor`; answers the survivor's row.
    MergeCustomers = "merge_customers", MergeCustomersArgs => MergeOutcome;
    /// Undoes a merge (as new changes): the merged-away customers come back with their
    /// contacts and activities, and the survivor's replaced values return.
    UndoMerge = "undo_merge", UndoMergeArgs => ();
    /// The merges a customer took part in, as survivor or as merged-away, newest first.
    GetCustomerMerges = "customer_merges", CustomerArgs => Vec<MergeEntry>;
}

/// At most this many customers are merged at once (the survivor included).
pub const MAX_MERGED: usize = 3;

/// Arguments of `merge_customers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeCustomersArgs {
    pub survivor: CustomerId,
    /// One or two customers merged into the survivor.
    pub absorbed: Vec<CustomerId>,
    /// For each field whose value should come from a merged-away customer: which one. Fields
    /// not named keep the survivor's value (an empty one is filled from the first absorbed
    /// customer that has it).
    #[serde(default)]
    pub choices: Vec<FieldChoice>,
}

/// Which customer a field's value is taken from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChoice {
    pub field: CustomerField,
    pub from: CustomerId,
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeOutcome {
    pub merge_id: String,
    pub contacts_moved: u32,
    pub activities_moved: u32,
}

/// Arguments of `undo_merge`: the merge, named by its survivor and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UndoMergeArgs {
    pub survivor: CustomerId,
    pub merge_id: String,
}

/// One merge as a customer's history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MergeEntry {
    pub merge_id: String,
    pub survivor: CustomerId,
    pub survivor_name: String,
    /// The merged-away customers: id and name.
    pub absorbed: Vec<(CustomerId, String)>,
    /// Who merged (team user id) and when (RFC 3339).
    pub author: String,
    pub time: String,
    /// `(field, value before, value the merge wrote)` for each survivor field it replaced.
    pub replaced: Vec<(String, String, String)>,
    pub undone: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_names_its_merge_in_camel_case() {
        let args = UndoMergeArgs {
            survivor: "c1".into(),
            merge_id: "m1".into(),
        };
        assert_eq!(
            serde_json::to_value(&args).unwrap(),
            serde_json::json!({"survivor": "c1", "mergeId": "m1"})
        );
    }
}
