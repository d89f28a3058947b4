//! Commands about the user's saved searches (text, filters and grouping under a name): save one,
//! list them, delete one.

use serde::{Deserialize, Serialize};

use super::{declare_commands, NoArgs};
use crate::query::{CustomerFilter, GroupBy};

declare_commands! {
    /// Saves the search under its name; answers it with its id.
    SaveSearch = "save_search", SaveSearchArgs => SavedSearch;
    /// The user's saved searches, by name.
    GetSavedSearches = "saved_searches", NoArgs => Vec<SavedSearch>;
    /// Deletes one saved search.
    DeleteSavedSearch = "delete_saved_search", DeleteSavedSearchArgs => ();
}

/// A search the user saved under a name: text, filters and grouping, applied again in one click.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedSearch {
    /// Empty when saving a new one (the replica gives it an id).
    pub id: String,
    pub name: String,
    pub search: String,
    pub filter: CustomerFilter,
    pub group_by: Option<GroupBy>,
}

/// Arguments of `save_search`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveSearchArgs {
    pub search: SavedSearch,
}

/// Arguments of `delete_saved_search` (`searchId` on the wire).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteSavedSearchArgs {
    pub search_id: String,
}
