//! Helpers for the Customers screen's browser tests: the fake shell's answers to the screen's own
//! commands, reading what was sent, and acting on controls as a user would.

use super::*;

/// The fake shell with `page` answering `customer_page` and `screen` a JS object of handlers
/// for the screen's commands (`{saved_searches: args => [...], ...}`), which win over the base.
pub fn screen_shell(page: &str, screen: &str) {
    fake_shell_with(page, "args => Promise.reject('unused')");
    js_sys::eval(&format!("window.__screen = {screen};")).expect("the screen handlers run");
}

/// A `screen_context` answer: the user `lan`, two salespeople, two tags.
pub const CONTEXT: &str = "screen_context: () => ({user_id: 'lan',
    salespeople: [{id: 'u1', name: 'rep1', color: 0}, {id: 'lan', name: 'Lan', color: 0}],
    tags: [{id: 't1', name: 'khách lẻ', color: 3}, {id: 't2', name: 'bán sỉ', color: 4}],
    activity_types: [{id: 'call', name: 'Gọi điện', color: 0}, {id: 'meeting', name: 'Gặp mặt', color: 0}]})";

/// The arguments of every call of `command`, as JSON text, oldest first.
pub fn sent(command: &str) -> Vec<String> {
    let found = js_sys::eval(&format!(
        "window.__calls.filter(c => c[0] === '{command}').map(c => JSON.stringify(c[1]))"
    ))
    .unwrap();
    js_sys::Array::from(&found)
        .iter()
        .map(|q| q.as_string().unwrap())
        .collect()
}

/// A part of the latest `customer_page` query (`path` like `filter.kind`), as JSON text.
pub fn last_query_at(path: &str) -> String {
    js_sys::eval(&format!(
        "(() => {{ const q = window.__calls.filter(c => c[0] === 'customer_page').pop()[1].query;
             return JSON.stringify(q.{path}); }})()"
    ))
    .unwrap()
    .as_string()
    .unwrap_or_default()
}

/// Waits until `check` holds, failing with `what` after five seconds.
pub async fn wait_until(what: &str, check: impl Fn() -> bool) {
    let deadline = js_sys::Date::now() + 5_000.0;
    loop {
        yew::scheduler::flush().await;
        if check() {
            return;
        }
        assert!(
            js_sys::Date::now() < deadline,
            "timed out waiting for {what}"
        );
        next_tick().await;
    }
}

/// The element matching `css` inside `root` (it must exist).
pub fn find(root: &Element, css: &str) -> HtmlElement {
    root.query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {css}"))
        .unchecked_into()
}

/// The button inside `scope` whose text is `label` (trimmed).
pub fn button_in(scope: &Element, label: &str) -> HtmlElement {
    button(scope, label)
}

/// Sets the value of the input or select `css` and sends the event a user's edit would.
pub fn set_value(root: &Element, css: &str, value: &str, event: &str) {
    let field = find(root, css);
    js_sys::Reflect::set(&field, &"value".into(), &value.into()).unwrap();
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(event, &init).unwrap();
    field.dispatch_event(&event).unwrap();
}

/// Types into the input `css` (an `input` event).
pub fn type_in(root: &Element, css: &str, value: &str) {
    set_value(root, css, value, "input");
}

/// Picks `value` in the select `css` (a `change` event).
pub fn choose(root: &Element, css: &str, value: &str) {
    set_value(root, css, value, "change");
}

/// Presses `key` on the element `css`.
pub fn press(root: &Element, css: &str, key: &str) {
    let event: web_sys::Event = js_sys::eval(&format!(
        "new KeyboardEvent('keydown', {{key: '{key}', bubbles: true, cancelable: true}})"
    ))
    .unwrap()
    .unchecked_into();
    find(root, css).dispatch_event(&event).unwrap();
}

/// Opens the control-panel dropdown whose button reads `label` and returns its panel.
pub async fn open_menu(root: &Element, class: &str, label: &str) -> Element {
    let menu = find(root, &format!(".{class}"));
    button_in(&menu, &format!("{label} ▾")).click();
    wait_for(&menu, ".dropdown-panel").await
}

/// The texts of the elements matching `css`.
pub fn texts(root: &Element, css: &str) -> Vec<String> {
    let found = root.query_selector_all(css).unwrap();
    (0..found.length())
        .filter_map(|i| found.item(i))
        .map(|n| n.text_content().unwrap_or_default().trim().to_owned())
        .collect()
}

/// Presses the mouse button down on the element `css` (what closes open menus elsewhere).
pub fn mouse_down_on(root: &Element, css: &str) {
    let event: web_sys::Event = js_sys::eval("new MouseEvent('mousedown', {bubbles: true})")
        .unwrap()
        .unchecked_into();
    find(root, css).dispatch_event(&event).unwrap();
}

/// A fake event bus on the fake shell; `emit` calls what listens.
pub fn with_events() {
    js_sys::eval(
        "window.__listeners = {};
         window.__TAURI__.event = { listen: (name, handler) => {
             (window.__listeners[name] = window.__listeners[name] || []).push(handler);
             return Promise.resolve(() => {
                 window.__listeners[name] = window.__listeners[name].filter(h => h !== handler);
             });
         } };",
    )
    .unwrap();
}

/// Sends event `name` with the JS `payload` to every listener of the fake event bus.
pub fn emit(name: &str, payload: &str) {
    js_sys::eval(&format!(
        "(window.__listeners['{name}'] || []).forEach(h => h({{event: '{name}', payload: {payload}}}))"
    ))
    .unwrap();
}

/// The shell says a sync brought these records (`ids`, a JS array).
pub fn records_changed(ids: &str) {
    emit("records-changed", ids);
}
