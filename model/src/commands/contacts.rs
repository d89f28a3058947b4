//! Commands about a customer's contacts and addresses (spec C14–C16): add, change, remove.

use serde::{Deserialize, Serialize};

use super::declare_commands;
use crate::customer::{ContactDraft, CustomerId};

declare_commands! {
    /// Adds a contact or address; answers its id.
    AddContact = "add_contact", AddContactArgs => String;
    /// Changes a contact or address.
    UpdateContact = "update_contact", UpdateContactArgs => ();
    /// Removes a contact or address.
    RemoveContact = "remove_contact", RemoveContactArgs => ();
}

/// A contact or address with its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactEntry {
    pub id: String,
    pub contact: ContactDraft,
}

/// Arguments of `add_contact` (`customerId` on the wire).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddContactArgs {
    pub customer_id: CustomerId,
    pub contact: ContactDraft,
    /// The customer document's heads the view was loaded at (`CustomerRecord::heads`): the
    /// write is applied to that version and merged. Empty (an older caller): the current one.
    #[serde(default)]
    pub heads: Vec<String>,
}

/// Arguments of `update_contact`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateContactArgs {
    pub customer_id: CustomerId,
    pub contact_id: String,
    pub contact: ContactDraft,
    /// The customer document's heads the view was loaded at (`CustomerRecord::heads`): the
    /// write is applied to that version and merged. Empty (an older caller): the current one.
    #[serde(default)]
    pub heads: Vec<String>,
}

/// Arguments of `remove_contact`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoveContactArgs {
    pub customer_id: CustomerId,
    pub contact_id: String,
    /// The customer document's heads the view was loaded at (`CustomerRecord::heads`): the
    /// write is applied to that version and merged. Empty (an older caller): the current one.
    #[serde(default)]
    pub heads: Vec<String>,
}
