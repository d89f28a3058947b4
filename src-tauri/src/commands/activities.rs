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
    let record = replica(&state)?.customer_record(&args.customer_id)?;
    Ok(clientele_model::commands::CustomerActivities {
        activities: record.activities,
        heads: record.heads,
    })
}

#[tauri::command(async)]
pub fn schedule_activity(
    state: State<'_, AppState>,
    Args(args): Args<ScheduleActivity>,
) -> Reply<ScheduleActivity> {
    let id =
        replica(&state)?.schedule_activity_at(&args.customer_id, &args.activity, &args.heads)?;
    Ok(id)
}

#[tauri::command(async)]
pub fn set_activity_status(
    state: State<'_, AppState>,
    Args(args): Args<SetActivityStatus>,
) -> Reply<SetActivityStatus> {
    replica(&state)?.set_activity_status_at(
        &args.customer_id,
        &args.activity_id,
        args.status,
        &args.heads,
    )?;
    Ok(())
}
