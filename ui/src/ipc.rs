//! The one place the UI calls the desktop shell: typed wrappers over Tauri's `invoke`. The
//! binding uses `catch`, so a rejected call or a missing shell becomes a `CommandError`, never a
//! panic.

use clientele_model::command::{
    names, AppInfo, CreateCustomerArgs, CustomerPageArgs, GroupCountsArgs,
};
use clientele_model::query::{CustomerPage, CustomerQuery, GroupBy, GroupCount};
use clientele_model::{CommandError, Customer, CustomerDraft, ErrorCode};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(command: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// Whether the page runs inside the Tauri shell (else `invoke` would throw).
fn shell_present() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    js_sys::Reflect::get(&window, &"__TAURI__".into())
        .map(|tauri| !tauri.is_undefined())
        .unwrap_or(false)
}

/// Reads a rejection: the shell's typed error, or whatever JavaScript threw, as an IPC error.
fn command_error(rejection: JsValue) -> CommandError {
    if let Ok(error) = serde_wasm_bindgen::from_value::<CommandError>(rejection.clone()) {
        return error;
    }
    let text = rejection
        .as_string()
        .or_else(|| {
            rejection
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{rejection:?}"));
    CommandError::new(ErrorCode::Ipc, text)
}

/// Invokes `command` with `args` and decodes its answer.
pub async fn call<A: Serialize, R: DeserializeOwned>(
    command: &str,
    args: &A,
) -> Result<R, CommandError> {
    if !shell_present() {
        return Err(CommandError::new(
            ErrorCode::Ipc,
            "Clientele's desktop shell is not running this page",
        ));
    }
    let args = serde_wasm_bindgen::to_value(args)
        .map_err(|e| CommandError::new(ErrorCode::Ipc, e.to_string()))?;
    let answer = tauri_invoke(command, args).await.map_err(command_error)?;
    serde_wasm_bindgen::from_value(answer).map_err(|e| {
        CommandError::new(
            ErrorCode::Ipc,
            format!("unreadable answer to {command}: {e}"),
        )
    })
}

#[derive(Serialize)]
struct NoArgs {}

/// The user's locale and the configured server.
pub async fn app_info() -> Result<AppInfo, CommandError> {
    call(names::APP_INFO, &NoArgs {}).await
}

/// Every customer, by name.
pub async fn list_customers() -> Result<Vec<Customer>, CommandError> {
    call(names::LIST_CUSTOMERS, &NoArgs {}).await
}

/// Validates and stores a new customer.
pub async fn create_customer(draft: CustomerDraft) -> Result<Customer, CommandError> {
    call(names::CREATE_CUSTOMER, &CreateCustomerArgs { draft }).await
}

/// Today in the user's time zone as `YYYY-MM-DD` (the activity state depends on it).
pub fn local_today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Fills in what the UI always sends: today's local date, if the query has none.
fn dated(mut query: CustomerQuery) -> CustomerQuery {
    if query.today.is_empty() {
        query.today = local_today();
    }
    query
}

/// One page of customers: searched, filtered and sorted by the replica.
pub async fn customer_page(query: CustomerQuery) -> Result<CustomerPage, CommandError> {
    let query = dated(query);
    call(names::CUSTOMER_PAGE, &CustomerPageArgs { query }).await
}

/// How many customers of `query` fall in each group.
pub async fn group_counts(
    query: CustomerQuery,
    group_by: GroupBy,
) -> Result<Vec<GroupCount>, CommandError> {
    let query = dated(query);
    call(names::GROUP_COUNTS, &GroupCountsArgs { query, group_by }).await
}

/// Where syncing stands (local only when no server is configured).
pub async fn sync_status() -> Result<clientele_model::sync::SyncStatus, CommandError> {
    call(names::SYNC_STATUS, &NoArgs {}).await
}
