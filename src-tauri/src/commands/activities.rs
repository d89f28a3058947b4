//! The activity commands of the card's clock (`clientele_model::commands::activities`): thin
//! adapters over the replica (tested in replica/tests/activities.rs).

use clientele_model::commands::{GetCustomerActivities, ScheduleActivity, SetActivityStatus};
use tauri::State;

use super::{replica, Args, Reply};
use crate::AppState;

#[tauri::command(async)]
pub fn customer_activities(
    state: State<'_, AppState>,
    Args(args): Args<GetCustomerActivities>,
) -> Reply<GetCustomerActivities> {
    let customer = replica(&state)?.customer(&args.customer_id)?;
    Ok(customer.activities)
}

#[tauri::command(async)]
pub fn schedule_activity(
    state: State<'_, AppState>,
    Args(args): Args<ScheduleActivity>,
) -> Reply<ScheduleActivity> {
    let id = replica(&state)?.schedule_activity(&args.customer_id, &args.activity)?;
    Ok(id)
}

#[tauri::command(async)]
pub fn set_activity_status(
    state: State<'_, AppState>,
    Args(args): Args<SetActivityStatus>,
) -> Reply<SetActivityStatus> {
    replica(&state)?.set_activity_status(&args.customer_id, &args.activity_id, args.status)?;
    Ok(())
}
