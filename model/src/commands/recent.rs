//! Commands about what changed on a customer while the user was not looking: which fields
//! colleagues changed since the version a form was loaded from (the form's banner), and the
//! user's "last seen" mark that keeps a card highlighted until it is opened (spec C6).

use serde::{Deserialize, Serialize};

use super::declare_commands;
use crate::customer::CustomerId;

declare_commands! {
    /// Which fields others changed on a customer since the version `heads`, and by whom.
    GetChangedSince = "changed_since", ChangedSinceArgs => Vec<ChangedField>;
    /// The user opened the customer: its card is no longer highlighted as changed.
    MarkCustomerSeen = "mark_customer_seen", MarkCustomerSeenArgs => ();
}

/// Arguments of `changed_since`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangedSinceArgs {
    pub id: CustomerId,
    /// The document heads the form was loaded at (`CustomerRecord::heads`).
    pub heads: Vec<String>,
}

/// Arguments of `mark_customer_seen`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkCustomerSeenArgs {
    pub id: CustomerId,
}

/// One field (its wire name, e.g. `phone`; or `archived`, `contacts`, `activities`,
/// `notes_log`) that others changed, with who changed it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ChangedField {
    pub field: String,
    /// The users who changed it (their ids), in the order of their changes.
    pub authors: Vec<String>,
    /// Their display names from the team directory (the id when the directory has none).
    pub names: Vec<String>,
}
