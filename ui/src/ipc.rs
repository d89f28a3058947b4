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
    fn tauri_invoke(command: &str, args: JsValue) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = performance, js_name = mark, catch)]
    fn performance_mark(name: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = performance, js_name = clearMarks, catch)]
    fn performance_clear_marks(name: &str) -> Result<(), JsValue>;
}

/// Marks a step of a call on the page's performance timeline (`customer_page sent`,
/// `... answered`, `... decoded`), where the web inspector and the UI benchmark see how a
/// keystroke's time splits. Only the latest mark of each name is kept, so a long session does
/// not pile them up; where the page has no timeline, nothing happens.
fn mark(command: &str, step: &str) {
    let name = format!("{command} {step}");
    let _ = performance_clear_marks(&name);
    let _ = performance_mark(&name);
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
    call_now::<C>(args).await
}

/// Like [`call`], but the request leaves now rather than when the answer is first awaited: a
/// keystroke's page query leaves before the screen renders the keystroke, and the round trip
/// overlaps that render.
pub fn call_now<C: Command>(
    args: &C::Args,
) -> impl std::future::Future<Output = Result<C::Output, CommandError>> {
    let sent = serde_wasm_bindgen::to_value(args)
        .map_err(|e| CommandError::new(ErrorCode::Ipc, e.to_string()))
        .and_then(|args| invoke(C::NAME, args));
    async move {
        let answer = answered(C::NAME, sent?).await?;
        let decoded = serde_wasm_bindgen::from_value(answer).map_err(|e| {
            CommandError::new(
                ErrorCode::Ipc,
                format!("unreadable answer to {}: {e}", C::NAME),
            )
        });
        mark(C::NAME, "decoded");
        decoded
    }
}

/// The untyped half of [`call_now`], compiled once rather than once per command: sends the
/// request at once.
fn invoke(command: &'static str, args: JsValue) -> Result<js_sys::Promise, CommandError> {
    if !shell_present() {
        return Err(CommandError::new(
            ErrorCode::Ipc,
            "Clientele's desktop shell is not running this page",
        ));
    }
    mark(command, "sent");
    tauri_invoke(command, args).map_err(command_error)
}

/// The shell's answer to a request `invoke` sent.
async fn answered(
    command: &'static str,
    request: js_sys::Promise,
) -> Result<JsValue, CommandError> {
    let answer = wasm_bindgen_futures::JsFuture::from(request)
        .await
        .map_err(command_error);
    mark(command, "answered");
    answer
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
