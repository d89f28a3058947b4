//! The one place the UI calls the desktop shell: typed wrappers over Tauri's `invoke`. The
//! binding uses `catch`, so a rejected call or a missing shell becomes a `CommandError`, never a
//! panic.

use clientele_model::command::{
    names, AddContactArgs, AppInfo, CreateCustomerArgs, CreateTagArgs, CustomerArgs,
    CustomerPageArgs, CustomerRecord, GroupCountsArgs, HistoryItem, Mention, Note, PostNoteArgs,
    ReferenceItem, ReferenceListArgs, RemoveContactArgs, SetArchivedArgs, SetFavouriteArgs,
    UpdateContactArgs, UpdateCustomerArgs,
};
use clientele_model::query::{CustomerPage, CustomerQuery, GroupBy, GroupCount};
use clientele_model::ContactDraft;
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

// The customer form's commands.

/// Everything the form shows of one customer.
pub async fn customer(id: String) -> Result<CustomerRecord, CommandError> {
    call(names::CUSTOMER, &CustomerArgs { id }).await
}

/// Validates and stores a changed customer.
pub async fn update_customer(id: String, draft: CustomerDraft) -> Result<Customer, CommandError> {
    call(names::UPDATE_CUSTOMER, &UpdateCustomerArgs { id, draft }).await
}

/// Archives or restores a customer.
pub async fn set_archived(id: String, archived: bool) -> Result<(), CommandError> {
    call(names::SET_ARCHIVED, &SetArchivedArgs { id, archived }).await
}

/// Marks or unmarks a customer as the user's favourite.
pub async fn set_favourite(id: String, favourite: bool) -> Result<(), CommandError> {
    call(names::SET_FAVOURITE, &SetFavouriteArgs { id, favourite }).await
}

/// Adds a contact or address; returns its id.
pub async fn add_contact(
    customer_id: String,
    contact: ContactDraft,
) -> Result<String, CommandError> {
    call(
        names::ADD_CONTACT,
        &AddContactArgs {
            customer_id,
            contact,
        },
    )
    .await
}

/// Changes a contact or address.
pub async fn update_contact(
    customer_id: String,
    contact_id: String,
    contact: ContactDraft,
) -> Result<(), CommandError> {
    let args = UpdateContactArgs {
        customer_id,
        contact_id,
        contact,
    };
    call(names::UPDATE_CONTACT, &args).await
}

/// Removes a contact or address.
pub async fn remove_contact(customer_id: String, contact_id: String) -> Result<(), CommandError> {
    let args = RemoveContactArgs {
        customer_id,
        contact_id,
    };
    call(names::REMOVE_CONTACT, &args).await
}

/// Creates a tag (or finds the one of that name).
pub async fn create_tag(name: String, color: u8) -> Result<ReferenceItem, CommandError> {
    call(names::CREATE_TAG, &CreateTagArgs { name, color }).await
}

/// A reference list of the workspace settings (`tags`, `salespeople`, ...).
pub async fn reference_list(list: &str) -> Result<Vec<ReferenceItem>, CommandError> {
    let list = list.to_owned();
    call(names::REFERENCE_LIST, &ReferenceListArgs { list }).await
}

/// Posts a note on a customer's notes log.
pub async fn post_note(customer_id: String, text: String) -> Result<Note, CommandError> {
    call(names::POST_NOTE, &PostNoteArgs { customer_id, text }).await
}

/// The notes that mention the user, newest first.
pub async fn mentions() -> Result<Vec<Mention>, CommandError> {
    call(names::MENTIONS, &NoArgs {}).await
}

/// Who changed what on a customer, oldest first.
pub async fn customer_history(id: String) -> Result<Vec<HistoryItem>, CommandError> {
    call(names::CUSTOMER_HISTORY, &CustomerArgs { id }).await
}
