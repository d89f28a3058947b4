//! Commands about a customer's activities (the card's clock): list them, schedule one, mark one
//! done; and `ActivityEntry`, the one shape of an activity with its id.

use serde::{Deserialize, Serialize};

use super::declare_commands;
use crate::customer::{ActivityDraft, ActivityStatus, CustomerId};

declare_commands! {
    /// A customer's activities (open and done).
    GetCustomerActivities = "customer_activities", CustomerActivitiesArgs => CustomerActivities;
    /// Schedules an activity on a customer; answers its id.
    ScheduleActivity = "schedule_activity", ScheduleActivityArgs => String;
    /// Marks an activity done (or cancelled, or open again).
    SetActivityStatus = "set_activity_status", SetActivityStatusArgs => ();
}

/// An activity with its id; flat on the wire (`{id, activity_type, summary, ...}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEntry {
    pub id: String,
    #[serde(flatten)]
    pub activity: ActivityDraft,
}

/// A customer's activities and the document heads they were read at (what a write from the
/// view that shows them sends back).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerActivities {
    pub activities: Vec<ActivityEntry>,
    pub heads: Vec<String>,
}

/// Arguments of `customer_activities` (`customerId` on the wire).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerActivitiesArgs {
    pub customer_id: CustomerId,
}

/// Arguments of `schedule_activity`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleActivityArgs {
    pub customer_id: CustomerId,
    pub activity: ActivityDraft,
    /// The customer document's heads the view was loaded at (`CustomerRecord::heads`): the
    /// write is applied to that version and merged. Empty (an older caller): the current one.
    #[serde(default)]
    pub heads: Vec<String>,
}

/// Arguments of `set_activity_status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetActivityStatusArgs {
    pub customer_id: CustomerId,
    pub activity_id: String,
    pub status: ActivityStatus,
    /// The customer document's heads the view was loaded at (`CustomerRecord::heads`): the
    /// write is applied to that version and merged. Empty (an older caller): the current one.
    #[serde(default)]
    pub heads: Vec<String>,
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
            heads: vec!["aa11".into()],
        };
        let json = serde_json::to_value(&args).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"customerId": "c1", "activityId": "a1", "status": "done", "heads": ["aa11"]})
        );
        let older: SetActivityStatusArgs = serde_json::from_value(
            serde_json::json!({"customerId": "c1", "activityId": "a1", "status": "done"}),
        )
        .unwrap();
        assert!(older.heads.is_empty(), "a caller without heads still reads");
        let activity = ActivityEntry {
            id: "a1".into(),
            activity: ActivityDraft {
                summary: "Gọi lại".into(),
                ..ActivityDraft::default()
            },
        };
        let json = serde_json::to_value(&activity).unwrap();
        assert_eq!(json["id"], "a1");
        assert_eq!(json["summary"], "Gọi lại");
        let back: ActivityEntry = serde_json::from_value(json).unwrap();
        assert_eq!(back, activity);
    }
}
