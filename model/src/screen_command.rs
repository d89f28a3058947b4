//! The Customers screen's own commands (activities from the card's clock, saved searches, the
//! lookups the filter menus pick from): their names and arguments, shared by the UI and the shell
//! so the two cannot drift apart.

use serde::{Deserialize, Serialize};

use crate::customer::{ActivityDraft, ActivityStatus};
use crate::query::{CustomerFilter, GroupBy};

/// Command names.
pub mod names {
    pub const SCREEN_CONTEXT: &str = "screen_context";
    pub const CUSTOMER_ACTIVITIES: &str = "customer_activities";
    pub const SCHEDULE_ACTIVITY: &str = "schedule_activity";
    pub const SET_ACTIVITY_STATUS: &str = "set_activity_status";
    pub const SAVE_SEARCH: &str = "save_search";
    pub const SAVED_SEARCHES: &str = "saved_searches";
    pub const DELETE_SAVED_SEARCH: &str = "delete_saved_search";
}

/// One entry of a reference list, as the menus show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupItem {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub color: u8,
}

/// What the screen needs once: who the user is and the lists its menus pick from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ScreenContext {
    /// The team member using this replica (for "my customers" and favourites), if configured.
    pub user_id: Option<String>,
    pub salespeople: Vec<LookupItem>,
    pub tags: Vec<LookupItem>,
    pub activity_types: Vec<LookupItem>,
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

/// One activity of a customer, with its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerActivity {
    pub id: String,
    #[serde(flatten)]
    pub activity: ActivityDraft,
}

/// Arguments of `customer_activities` (`customerId` on the wire, as Tauri names arguments).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerActivitiesArgs {
    pub customer_id: String,
}

/// Arguments of `schedule_activity`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleActivityArgs {
    pub customer_id: String,
    pub activity: ActivityDraft,
}

/// Arguments of `set_activity_status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetActivityStatusArgs {
    pub customer_id: String,
    pub activity_id: String,
    pub status: ActivityStatus,
}

/// Arguments of `save_search`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveSearchArgs {
    pub search: SavedSearch,
}

/// Arguments of `delete_saved_search`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteSavedSearchArgs {
    pub search_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_use_tauri_camel_case_names_and_activities_are_flat() {
        let args = SetActivityStatusArgs {
            customer_id: "c1".into(),
            activity_id: "a1".into(),
            status: ActivityStatus::Done,
        };
        let json = serde_json::to_value(&args).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"customerId": "c1", "activityId": "a1", "status": "done"})
        );
        let activity = CustomerActivity {
            id: "a1".into(),
            activity: ActivityDraft {
                summary: "Gọi lại".into(),
                ..ActivityDraft::default()
            },
        };
        let json = serde_json::to_value(&activity).unwrap();
        assert_eq!(json["id"], "a1");
        assert_eq!(json["summary"], "Gọi lại");
        let back: CustomerActivity = serde_json::from_value(json).unwrap();
        assert_eq!(back, activity);
    }
}
