//! The commands the UI invokes, one module per domain as in `clientele_model::commands`: each
//! takes its command's `Args`, calls the replica and answers `Result<Output, CommandError>`.
//! Their behaviour is tested in the replica's own tests; `tests/commands.rs` checks that every
//! command of the contract is registered here under its name. Every command runs on the async
//! runtime's threads (`#[tauri::command(async)]`), never on the main thread: a command waiting
//! for the replica never freezes the window.

use clientele_model::{Command, CommandError, ErrorCode};
use clientele_replica::Replica;
use serde::Deserialize;
use tauri::ipc::{CommandArg, CommandItem, Invoke, InvokeBody, InvokeError};
use tauri::{Runtime, State};

use crate::AppState;

mod activities;
mod contacts;
mod customers;
mod duplicates;
pub mod enrolment;
mod history;
mod merge;
mod notes;
mod recent;
mod reference;
// encryption: the re-sync offered when this device's key cannot read its replica.
mod resync;
mod sales;
mod searches;
mod settings;
pub(crate) mod sync;
mod updates;

/// What command `C` answers.
pub type Reply<C> = Result<<C as Command>::Output, CommandError>;

/// The arguments of command `C`, read from the whole invoke payload: the fields of `C::Args`
/// are the top-level keys the UI sends (`invoke("group_counts", {query, groupBy})`).
pub struct Args<C: Command>(pub C::Args);

impl<'de, C: Command, R: Runtime> CommandArg<'de, R> for Args<C> {
    fn from_command(item: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let read = match item.message.payload() {
            InvokeBody::Json(value) => C::Args::deserialize(value).map_err(|e| e.to_string()),
            InvokeBody::Raw(_) => Err("a bytes payload instead of JSON arguments".to_owned()),
        };
        read.map(Args).map_err(|reason| {
            CommandError::new(
                ErrorCode::Ipc,
                format!("unreadable arguments of {}: {reason}", C::NAME),
            )
            .into()
        })
    }
}

/// Every command, for `Builder::invoke_handler` (the window's, and the tests' mock app's).
pub fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        customers::create_customer,
        customers::list_customers,
        customers::customer_page,
        customers::group_counts,
        customers::customer,
        customers::update_customer,
        customers::set_archived,
        customers::set_favourite,
        customers::customer_history,
        history::customer_history_page,
        history::restore_history_value,
        history::customer_conflicts,
        history::keep_conflict_value,
        duplicates::find_duplicates,
        merge::merge_customers,
        merge::undo_merge,
        merge::customer_merges,
        contacts::add_contact,
        contacts::update_contact,
        contacts::remove_contact,
        activities::customer_activities,
        activities::schedule_activity,
        activities::set_activity_status,
        notes::post_note,
        notes::mentions,
        notes::mark_mention_read,
        recent::changed_since,
        recent::mark_customer_seen,
        searches::save_search,
        searches::saved_searches,
        searches::delete_saved_search,
        reference::reference_list,
        reference::create_tag,
        reference::screen_context,
        settings::settings_lists,
        settings::add_settings_entry,
        settings::update_settings_entry,
        settings::set_settings_entry_archived,
        settings::move_settings_entry,
        sync::app_info,
        updates::update_status,
        updates::restart_to_update,
        sync::sync_status,
        sync::unsent_changes,
        sync::discard_refused_change,
        resync::resync_replica,
        enrolment::enrol,
        sales::order_defaults,
        sales::create_quotation,
        sales::update_order,
        sales::set_order_state,
        sales::order,
        sales::list_orders,
        sales::invoice_order,
        sales::post_invoice,
        sales::cancel_invoice,
        sales::invoice,
        sales::list_invoices,
        sales::register_payment,
        sales::cancel_payment,
        sales::list_payments,
        sales::customer_account,
        sales::customer_statement,
        sales::list_products,
        sales::create_product,
        sales::update_product,
        sales::product,
        sales::product_price,
        sales::list_purchases,
        sales::count_sales,
        sales::group_sales,
        sales::create_purchase_order,
        sales::set_purchase_state,
        sales::purchase_order,
    ]
}

/// The replica, once the sync loop's current step (at most one) is done. No poisoning: a
/// command that panicked rolled its transaction back when it unwound.
fn replica<'a>(
    state: &'a State<'_, AppState>,
) -> Result<parking_lot::MutexGuard<'a, Replica>, CommandError> {
    Ok(state.replica.lock())
}

/// Runs `work` on the replica as the session's user: the replica is the one place that knows
/// who the user is.
fn as_user<T>(
    state: &State<'_, AppState>,
    work: impl FnOnce(&mut Replica, &str) -> Result<T, clientele_replica::ReplicaError>,
) -> Result<T, CommandError> {
    let mut replica = replica(state)?;
    let user = replica.user().to_owned();
    Ok(work(&mut replica, &user)?)
}
