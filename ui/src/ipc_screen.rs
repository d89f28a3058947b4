//! Typed calls for the Customers screen's own commands (the card's clock, saved searches, the
//! menus' lookups), over the generic `ipc::call`.

use clientele_model::screen_command::{
    names, CustomerActivitiesArgs, CustomerActivity, DeleteSavedSearchArgs, SaveSearchArgs,
    SavedSearch, ScheduleActivityArgs, ScreenContext, SetActivityStatusArgs,
};
use clientele_model::{ActivityDraft, ActivityStatus, CommandError};
use serde::Serialize;

use crate::ipc::call;

#[derive(Serialize)]
struct NoArgs {}

/// Who the user is and the salespeople, tags and activity types the menus offer.
pub async fn screen_context() -> Result<ScreenContext, CommandError> {
    call(names::SCREEN_CONTEXT, &NoArgs {}).await
}

/// A customer's activities (open and done).
pub async fn customer_activities(customer_id: &str) -> Result<Vec<CustomerActivity>, CommandError> {
    let args = CustomerActivitiesArgs {
        customer_id: customer_id.to_owned(),
    };
    call(names::CUSTOMER_ACTIVITIES, &args).await
}

/// Schedules an activity on a customer; answers its id.
pub async fn schedule_activity(
    customer_id: &str,
    activity: ActivityDraft,
) -> Result<String, CommandError> {
    let args = ScheduleActivityArgs {
        customer_id: customer_id.to_owned(),
        activity,
    };
    call(names::SCHEDULE_ACTIVITY, &args).await
}

/// Marks an activity done (or cancelled, or open again).
pub async fn set_activity_status(
    customer_id: &str,
    activity_id: &str,
    status: ActivityStatus,
) -> Result<(), CommandError> {
    let args = SetActivityStatusArgs {
        customer_id: customer_id.to_owned(),
        activity_id: activity_id.to_owned(),
        status,
    };
    call(names::SET_ACTIVITY_STATUS, &args).await
}

/// Saves the search under its name; answers it with its id.
pub async fn save_search(search: SavedSearch) -> Result<SavedSearch, CommandError> {
    call(names::SAVE_SEARCH, &SaveSearchArgs { search }).await
}

/// The user's saved searches, by name.
pub async fn saved_searches() -> Result<Vec<SavedSearch>, CommandError> {
    call(names::SAVED_SEARCHES, &NoArgs {}).await
}

/// Deletes one saved search.
pub async fn delete_saved_search(search_id: &str) -> Result<(), CommandError> {
    let args = DeleteSavedSearchArgs {
        search_id: search_id.to_owned(),
    };
    call(names::DELETE_SAVED_SEARCH, &args).await
}
