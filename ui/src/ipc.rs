//! The one place the UI calls the desktop shell: `call::<SomeCommand>(&args)`, typed by the
//! command's definition in `clientele_model::commands`, so its name, arguments and answer cannot
//! drift from the shell's. The binding uses `catch`, so a rejected call or a missing shell
//! becomes a `CommandError`, never a panic.

use clientele_model::query::CustomerQuery;
use clientele_model::{Command, CommandError, ErrorCode};
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

/// Invokes command `C` with `args` (sent as the arguments object) and decodes its answer.
pub async fn call<C: Command>(args: &C::Args) -> Result<C::Output, CommandError> {
    if !shell_present() {
        return Err(CommandError::new(
            ErrorCode::Ipc,
            "Clientele's desktop shell is not running this page",
        ));
    }
    let args = serde_wasm_bindgen::to_value(args)
        .map_err(|e| CommandError::new(ErrorCode::Ipc, e.to_string()))?;
    let answer = tauri_invoke(C::NAME, args).await.map_err(command_error)?;
    serde_wasm_bindgen::from_value(answer).map_err(|e| {
        CommandError::new(
            ErrorCode::Ipc,
            format!("unreadable answer to {}: {e}", C::NAME),
        )
    })
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

/// The query as the UI always sends it (`customer_page`, `group_counts`): with today's local
/// date if it has none.
pub fn dated(mut query: CustomerQuery) -> CustomerQuery {
    if query.today.is_empty() {
        query.today = local_today();
    }
    query
}
