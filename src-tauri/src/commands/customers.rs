//! The customer commands (`clientele_model::commands::customers`): thin adapters over the
//! replica (tested in replica/tests/customers.rs, queries.rs, history.rs). Pages and group
//! counts go to the window's reader (replica/src/page_reader.rs, tests/page_reader.rs).

use clientele_model::commands::{
    CreateCustomer, GetCustomer, GetCustomerHistory, GetCustomerPage, GetGroupCounts,
    ListCustomers, SetArchived, SetFavourite, UpdateCustomer,
};
use tauri::State;

use super::{as_user, replica, Args, Reply};
use crate::AppState;

#[tauri::command(async)]
pub fn create_customer(
    state: State<'_, AppState>,
    Args(args): Args<CreateCustomer>,
) -> Reply<CreateCustomer> {
    let customer = replica(&state)?.create_customer(&args.draft)?;
    Ok(customer)
}

#[tauri::command(async)]
pub fn list_customers(state: State<'_, AppState>, _: Args<ListCustomers>) -> Reply<ListCustomers> {
    Ok(replica(&state)?.list_customers()?)
}

#[tauri::command(async)]
pub fn customer_page(
    state: State<'_, AppState>,
    Args(args): Args<GetCustomerPage>,
) -> Reply<GetCustomerPage> {
    match &state.pages {
        Some(pages) => Ok(pages.customer_page(&args.query)?),
        None => Ok(replica(&state)?.customer_page(&args.query)?),
    }
}

#[tauri::command(async)]
pub fn group_counts(
    state: State<'_, AppState>,
    Args(args): Args<GetGroupCounts>,
) -> Reply<GetGroupCounts> {
    match &state.pages {
        Some(pages) => Ok(pages.group_counts(&args.query, args.group_by)?),
        None => Ok(replica(&state)?.group_counts(&args.query, args.group_by)?),
    }
}

#[tauri::command(async)]
pub fn customer(state: State<'_, AppState>, Args(args): Args<GetCustomer>) -> Reply<GetCustomer> {
    Ok(replica(&state)?.customer_record(&args.id)?)
}

#[tauri::command(async)]
pub fn update_customer(
    state: State<'_, AppState>,
    Args(args): Args<UpdateCustomer>,
) -> Reply<UpdateCustomer> {
    let customer = replica(&state)?.update_customer_at(&args.id, &args.draft, &args.heads)?;
    Ok(customer)
}

#[tauri::command(async)]
pub fn set_archived(
    state: State<'_, AppState>,
    Args(args): Args<SetArchived>,
) -> Reply<SetArchived> {
    replica(&state)?.set_archived(&args.id, args.archived)?;
    Ok(())
}

#[tauri::command(async)]
pub fn set_favourite(
    state: State<'_, AppState>,
    Args(args): Args<SetFavourite>,
) -> Reply<SetFavourite> {
    as_user(&state, |replica, user| {
        replica.set_favourite(user, &args.id, args.favourite)
    })?;
    Ok(())
}

#[tauri::command(async)]
pub fn customer_history(
    state: State<'_, AppState>,
    Args(args): Args<GetCustomerHistory>,
) -> Reply<GetCustomerHistory> {
    Ok(replica(&state)?.customer_history(&args.id)?)
}
