//! "Kết nối với nhóm của bạn / Connect to your team" in the window: shown at start when the
//! shell says a server waits for this device's enrolment code (the managed server read-only),
//! sending the code and showing a refusal in Vietnamese on the code's field, then the app once
//! connected; and shown again when the server signs the device out, where "work offline"
//! returns to the app. The shell's answers and events are faked.

use super::screen_support::{
    emit, find, screen_shell, sent, type_in, wait_until, with_events, CONTEXT,
};
use super::*;

/// The fake shell: `app_info` answering `info` (JS), `enrol` answering `enrol` (JS function of
/// the args), and an event bus: `emit(name, payload)` calls what listens.
fn shell(info: &str, enrol: &str) {
    screen_shell(
        "args => ({rows: [], total: 0})",
        &format!("{{ {CONTEXT}, app_info: () => ({info}), enrol: {enrol} }}"),
    );
    with_events();
}

fn shown(root: &Element) -> bool {
    root.query_selector(".connect-screen").unwrap().is_some()
}

#[wasm_bindgen_test]
async fn a_device_without_a_token_connects_with_its_code() {
    // The first enrol answers a used code, the second connects.
    shell(
        "{locale: 'vi-VN', sync_server: 'https://sync.example.vn', managed: ['sync_server'],
          needs_enrolment: true}",
        "args => window.__calls.filter(c => c[0] === 'enrol').length === 1
            ? Promise.reject({code: 'validation', message: 'this enrolment code was already used',
                field: 'code', field_errors: [{field: 'code', problem: 'enrolment_code_used',
                message: 'this enrolment code was already used'}]})
            : Promise.resolve({locale: 'vi-VN', sync_server: 'https://sync.example.vn',
                managed: ['sync_server'], needs_enrolment: false})",
    );
    let root = mount(Screen::Customers);
    wait_until("the connect screen", || shown(&root)).await;
    assert_eq!(
        find(&root, "#connect-title").text_content().unwrap(),
        "Kết nối với nhóm của bạn"
    );
    let server: HtmlInputElement = find(&root, "#connect-server").unchecked_into();
    assert_eq!(server.value(), "https://sync.example.vn");
    assert!(server.read_only(), "IT locked the server");
    type_in(&root, "#connect-code", "7k3m q9tx 2hbd");
    button(&root, "Kết nối").click();
    wait_until("the refusal on the code", || {
        root.query_selector(".field-error")
            .unwrap()
            .and_then(|e| e.text_content())
            .is_some_and(|t| t.contains("Mã này đã được dùng"))
    })
    .await;
    let args = sent("enrol");
    assert_eq!(args.len(), 1);
    assert!(args[0].contains("\"code\":\"7k3m q9tx 2hbd\""), "{args:?}");
    assert!(
        args[0].contains("\"server\":\"https://sync.example.vn\""),
        "{args:?}"
    );
    assert!(shown(&root), "still asking");

    type_in(&root, "#connect-code", "AAAA-BBBB-CCCC");
    button(&root, "Kết nối").click();
    wait_until("the app once connected", || !shown(&root)).await;
    assert_eq!(sent("enrol").len(), 2);
    root.remove();
    remove_shell();
}

#[wasm_bindgen_test]
async fn a_signed_out_device_asks_again_and_may_work_offline() {
    shell(
        "{locale: 'vi-VN', sync_server: 'https://sync.example.vn', managed: [],
          needs_enrolment: false}",
        "args => Promise.reject({code: 'internal', message: 'unused'})",
    );
    let root = mount(Screen::Customers);
    // Connected at start: the app, not the connect screen.
    wait_until("the app asked who it is", || !sent("app_info").is_empty()).await;
    next_tick().await;
    assert!(!shown(&root));

    emit(
        "sync-status",
        "{state: 'signed_out', reason: 'the sync server refused the request (401 unauthorized)'}",
    );
    wait_until("the connect screen", || shown(&root)).await;
    let alert = find(&root, ".connect-signed-out").text_content().unwrap();
    assert!(alert.contains("đã bị đăng xuất"), "{alert}");
    let server: HtmlInputElement = find(&root, "#connect-server").unchecked_into();
    assert!(!server.read_only(), "not managed: the user may change it");

    button(&root, "Làm việc ngoại tuyến, không cần máy chủ").click();
    wait_until("the app again", || !shown(&root)).await;
    root.remove();
    remove_shell();
}
