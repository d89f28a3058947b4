//! The top bar's update banner in the window: nothing while there is no update; "Có phiên bản
//! mới X: khởi động lại để cập nhật" (and in English) with Restart once the shell has a verified
//! update, Restart asking the shell to install it; a refused file shown as refused. The shell's
//! answers and events are faked (`__TAURI__.core.invoke`, `__TAURI__.event.listen`).

use super::screen_support::{find, screen_shell, sent, wait_until, CONTEXT};
use super::*;

/// The fake shell with `update_status` answering `status` (JS), a `restart_to_update` that
/// records the call, and an event bus: `emit(name, payload)` calls what listens.
fn shell(status: &str) {
    screen_shell(
        "args => ({rows: [], total: 0})",
        &format!(
            "{{ {CONTEXT}, update_status: () => ({status}),
                restart_to_update: () => new Promise(() => {{}}) }}"
        ),
    );
    js_sys::eval(
        "window.__listeners = {};
         window.__TAURI__.event = { listen: (name, handler) => {
             (window.__listeners[name] = window.__listeners[name] || []).push(handler);
             return Promise.resolve(() => {});
         } };",
    )
    .unwrap();
}

fn emit(name: &str, payload: &str) {
    js_sys::eval(&format!(
        "(window.__listeners['{name}'] || []).forEach(h => h({{event: '{name}', payload: {payload}}}))"
    ))
    .unwrap();
}

fn banner_text(root: &Element) -> Option<String> {
    root.query_selector("[data-testid=update-banner]")
        .unwrap()
        .and_then(|b| b.text_content())
}

#[wasm_bindgen_test]
async fn a_verified_update_offers_a_restart_and_a_refused_one_says_so() {
    shell("{state: 'idle'}");
    let root = mount(Screen::Customers);
    wait_until("the screen to ask for the update status", || {
        !sent("update_status").is_empty()
    })
    .await;
    assert_eq!(banner_text(&root), None);

    emit("update-status", "{state: 'ready', version: '0.2.0'}");
    wait_until("the ready banner", || {
        banner_text(&root)
            .is_some_and(|t| t.contains("Có phiên bản mới 0.2.0: khởi động lại để cập nhật"))
    })
    .await;
    labelled(&root, "English").click();
    wait_until("the banner in English", || {
        banner_text(&root).is_some_and(|t| t.contains("Version 0.2.0 is ready: restart to update"))
    })
    .await;
    button(&root, "Restart").click();
    wait_until("the restart to be asked", || {
        sent("restart_to_update").len() == 1
    })
    .await;
    wait_until("the button to say it restarts", || {
        find(&root, ".update-restart").text_content().as_deref() == Some("Restarting…")
    })
    .await;

    emit(
        "update-status",
        "{state: 'refused', version: '0.3.0', reason: 'signature mismatch'}",
    );
    wait_until("the refusal", || {
        banner_text(&root).is_some_and(|t| {
            t.contains("Update 0.3.0 was refused") && t.contains("This version keeps working")
        })
    })
    .await;
    assert_eq!(
        find(&root, "[data-testid=update-banner]")
            .get_attribute("title")
            .as_deref(),
        Some("signature mismatch")
    );
}
