//! The UI in headless Chromium: the app with a stand-in for the desktop shell's `invoke` (the
//! real shell is covered by the desktop end-to-end tests). Waits are on conditions with a
//! deadline, never fixed sleeps.
#![cfg(target_arch = "wasm32")]

use clientele_ui::components::app::{App, AppProps, Screen};
use clientele_ui::components::sales_nav::SalesWindow;
use clientele_ui::i18n::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Installs a fake `window.__TAURI__.core.invoke` answering `customer_page` with `customers` (a
/// JS array of rows, all on one page) and `create_customer` with `create_answer` (a JS expression
/// of the args, resolved or rejected).
fn fake_shell(customers: &str, create: &str) {
    fake_shell_with(
        &format!("args => {{ const rows = {customers}; return {{rows, total: rows.length}}; }}"),
        create,
    );
}

/// JS: the row a replica answers for a saved draft (`window.__row(id, draft)`), as
/// `create_customer` and `update_customer` do.
const ROW_OF_DRAFT: &str = "(id, draft) => ({id, kind: draft.kind || 'company', name: draft.name,
    company: '', email: draft.email || '', phone: draft.phone || '', mobile: draft.mobile || '',
    city: (draft.address || {}).city || '', country: (draft.address || {}).country || '',
    salesperson: '', tags: [], activity_state: 'none', open_activities: 0, favourite: false,
    sales_count: 0, purchase_count: 0, archived: false, sort_value: (draft.name || '').toLowerCase()})";

/// Like `fake_shell`, with `page` a JS function of the args answering `customer_page`.
fn fake_shell_with(page: &str, create: &str) {
    let script = format!(
        "window.__calls = [];
         window.__row = {ROW_OF_DRAFT};
         window.__created = [];
         window.__screen = {{}};
         window.__form = {{}};
         window.__TAURI__ = {{ core: {{ invoke: (cmd, args) => {{
             window.__calls.push([cmd, args]);
             if (window.__screen[cmd]) return Promise.resolve().then(() => window.__screen[cmd](args));
             if (window.__form[cmd]) return Promise.resolve().then(() => window.__form[cmd](args));
             // A sales window's total, unless a test answers it: as many as its list answers.
             if (cmd === 'count_sales') return Promise.resolve().then(() => {{
                 const list = window.__screen['list_' + args.class];
                 return list ? Promise.resolve(list({{query: args.query}})).then(rows => rows.length) : 0;
             }});
             if (cmd === 'customer_page') return Promise.resolve(({page})(args));
             if (cmd === 'group_counts') return Promise.resolve([{{key: 'u1', label: 'rep1', count: 3}}]);
             if (cmd === 'app_info') return Promise.resolve({{locale: 'vi-VN', sync_server: null}});
             if (cmd === 'create_customer') return ({create})(args);
             return Promise.reject({{code: 'internal', message: 'unknown command ' + cmd}});
         }} }} }};"
    );
    js_sys::eval(&script).expect("the fake shell script runs");
}

fn remove_shell() {
    js_sys::eval("delete window.__TAURI__; window.__calls = [];").unwrap();
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Renders the app into a fresh element, starting on `start`.
fn mount(start: Screen) -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            start,
            lang: Some(Lang::Vi),
        },
    )
    .render();
    root
}

async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 5)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    yew::scheduler::flush().await;
}

/// Waits until `css` matches inside `root`, failing after five seconds.
async fn wait_for(root: &Element, css: &str) -> Element {
    let deadline = js_sys::Date::now() + 5_000.0;
    loop {
        yew::scheduler::flush().await;
        if let Some(found) = root.query_selector(css).unwrap() {
            return found;
        }
        assert!(
            js_sys::Date::now() < deadline,
            "timed out waiting for {css}"
        );
        next_tick().await;
    }
}

fn button(root: &Element, label: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|b| b.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no button labelled {label:?}"))
}

/// Types `text` into the input labelled `label`, as a user would (value, then an input event).
fn type_into(root: &Element, label: &str, text: &str) {
    let labels = root.query_selector_all("label").unwrap();
    let id = (0..labels.length())
        .filter_map(|i| labels.item(i))
        .map(|l| l.unchecked_into::<Element>())
        .find(|l| l.text_content().unwrap_or_default().trim() == label)
        .and_then(|l| l.get_attribute("for"))
        .unwrap_or_else(|| panic!("no field labelled {label:?}"));
    let input = root
        .query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap()
        .unchecked_into();
    type_text(&input, text);
}

/// Puts `text` into `input` and sends the bubbling `input` event a user's typing would.
fn type_text(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

fn calls() -> String {
    js_sys::JSON::stringify(&js_sys::eval("window.__calls").unwrap())
        .unwrap()
        .as_string()
        .unwrap()
}

/// A customer row as the shell sends it, with every field of `CustomerRow`.
fn row(id: &str, name: &str, email: &str, extra: &str) -> String {
    format!(
        "Object.assign({{id: '{id}', kind: 'individual', name: '{name}', company: '',
            email: '{email}', phone: '', mobile: '', city: '', country: '', salesperson: '',
            tags: [], activity_state: 'none', open_activities: 0, favourite: false,
            sales_count: 0, purchase_count: 0, archived: false, sort_value: ''}}, {{{extra}}})"
    )
}

fn dao() -> String {
    row(
        "c1",
        "Nguyễn Thị Đào",
        "dao@donga.vn",
        "phone: '+84 903 123 456', company: 'Công ty Đông Á', city: 'Hồ Chí Minh', country: 'VN',
         tags: [{id: 't1', name: 'khách lẻ', color: 3}], activity_state: 'overdue',
         open_activities: 2, favourite: true",
    )
}

fn an() -> String {
    row(
        "c2",
        "Trần Văn An",
        "an@example.vn",
        "mobile: '0912 000 111'",
    )
}

/// The element with `aria-label` `label` inside `root`.
fn labelled(root: &Element, label: &str) -> HtmlElement {
    root.query_selector(&format!("[aria-label='{label}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("nothing labelled {label:?}"))
        .unchecked_into()
}

/// The screen's title (its `h1`).
fn heading(root: &Element) -> String {
    root.query_selector("h1")
        .unwrap()
        .expect("a heading")
        .text_content()
        .unwrap_or_default()
}

/// Types `text` into the search box, as a user would.
fn search_for(root: &Element, text: &str) {
    type_text(&labelled(root, "Tìm kiếm").unchecked_into(), text);
}

/// The `customer_page` queries sent so far, as JSON text, oldest first.
fn page_queries() -> Vec<String> {
    let sent = js_sys::eval(
        "window.__calls.filter(c => c[0] === 'customer_page').map(c => JSON.stringify(c[1].query))",
    )
    .unwrap();
    js_sys::Array::from(&sent)
        .iter()
        .map(|q| q.as_string().unwrap())
        .collect()
}

/// Waits until some element matching `css` contains `text`.
async fn wait_for_text(root: &Element, css: &str, text: &str) -> Element {
    let deadline = js_sys::Date::now() + 5_000.0;
    loop {
        yew::scheduler::flush().await;
        let found = root.query_selector_all(css).unwrap();
        if let Some(hit) = (0..found.length())
            .filter_map(|i| found.item(i))
            .map(|n| n.unchecked_into::<Element>())
            .find(|e| e.text_content().unwrap_or_default().contains(text))
        {
            return hit;
        }
        assert!(
            js_sys::Date::now() < deadline,
            "timed out waiting for {text:?} in {css}"
        );
        next_tick().await;
    }
}

#[wasm_bindgen_test]
async fn the_sales_menu_opens_the_customers_screen() {
    fake_shell(&format!("[{}]", dao()), "args => Promise.reject('unused')");
    let root = mount(Screen::Home);
    wait_for(&root, ".home").await;
    assert!(root.query_selector(".customers").unwrap().is_none());
    button(&root, "Bán hàng ▾").click();
    wait_for(&root, "[role=menu]").await;
    let items = root.query_selector_all("[role=menuitem]").unwrap();
    assert_eq!(
        items.length(),
        7,
        "Orders > Quotations, Sales orders, Customers; Invoices, Payments, Products, Purchases"
    );
    items
        .item(2)
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    let card = wait_for(&root, ".customer-card").await;
    assert!(card.text_content().unwrap().contains("Nguyễn Thị Đào"));
    assert!(
        root.query_selector("[role=menu]").unwrap().is_none(),
        "the menu closes"
    );
}

#[wasm_bindgen_test]
async fn a_saved_customer_closes_the_form_and_shows_its_card() {
    // Like a replica: the page holds what was created, and create answers the new row.
    fake_shell_with(
        "args => { const rows = window.__created || []; return {rows, total: rows.length}; }",
        "args => { const row = window.__row('new1', args.draft); window.__created = [row];
            return Promise.resolve(row); }",
    );
    let root = mount(Screen::Customers);
    wait_for(&root, ".empty").await;
    button(&root, "Tạo").click();
    wait_for(&root, "form.customer-form").await;
    type_into(&root, "Tên khách hàng", "Công ty Đông Á");
    type_into(&root, "Email", "lienhe@donga.vn");
    next_tick().await;
    button(&root, "Lưu").click();
    let card = wait_for(&root, ".customer-card").await;
    assert!(card.text_content().unwrap().contains("Công ty Đông Á"));
    assert!(card.text_content().unwrap().contains("lienhe@donga.vn"));
    assert!(root.query_selector("form").unwrap().is_none());
    let calls = calls();
    for sent in [
        r#""kind":"company""#,
        r#""name":"Công ty Đông Á""#,
        r#""email":"lienhe@donga.vn""#,
    ] {
        assert!(calls.contains(sent), "{calls}");
    }
}

#[wasm_bindgen_test]
async fn a_refused_email_is_shown_under_its_field_and_the_form_stays() {
    fake_shell(
        "[]",
        "args => Promise.reject({code: 'validation', message: 'bad', field: 'email',
            field_errors: [{field: 'email', problem: 'invalid_email', message: 'not an email'}]})",
    );
    let root = mount(Screen::Customers);
    wait_for(&root, ".empty").await;
    button(&root, "Tạo").click();
    wait_for(&root, "form.customer-form").await;
    type_into(&root, "Tên khách hàng", "Đào");
    type_into(&root, "Email", "dao@");
    next_tick().await;
    button(&root, "Lưu").click();
    let error = wait_for(&root, "#customer-email-error").await;
    assert!(error.text_content().unwrap().contains("ten@congty.vn"));
    let email = root.query_selector("#customer-email").unwrap().unwrap();
    assert_eq!(email.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        email.get_attribute("aria-describedby").as_deref(),
        Some("customer-email-error")
    );
    assert_eq!(email.unchecked_into::<HtmlInputElement>().value(), "dao@");
    let name = root.query_selector("#customer-name").unwrap().unwrap();
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("false"));
    assert!(root.query_selector(".customer-card").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn without_the_desktop_shell_the_screen_says_so_instead_of_panicking() {
    remove_shell();
    let root = mount(Screen::Customers);
    let error = wait_for(&root, ".load-error").await;
    assert!(error.text_content().unwrap().contains("desktop shell"));
}

#[wasm_bindgen_test]
async fn the_language_switches_at_run_time() {
    fake_shell("[]", "args => Promise.reject('unused')");
    let root = mount(Screen::Customers);
    wait_for(&root, ".empty").await;
    labelled(&root, "English").click();
    next_tick().await;
    assert_eq!(heading(&root), "Customers");
    button(&root, "Create");
    labelled(&root, "Tiếng Việt").click();
    next_tick().await;
    assert_eq!(heading(&root), "Khách hàng");
}

/// The paged, searchable customers screen (kanban, list, pager, sorting).
#[path = "browser/customers.rs"]
mod customers;

// screen: the search bar, filters, grouping, saved searches and the card clock.
#[path = "browser/clock.rs"]
mod clock;
#[path = "browser/filters.rs"]
mod filters;
#[path = "browser/group_by.rs"]
mod group_by;
#[path = "browser/screen_support.rs"]
mod screen_support;
#[path = "browser/search.rs"]
mod search;

// form: the customer form, its tabs, the contact dialog and the unsaved-changes guard.
#[path = "browser/form.rs"]
mod form;

// settings: the Settings screen.
#[path = "browser/settings.rs"]
mod settings;
// encryption: the re-sync offered when the local database cannot be read.
#[path = "browser/resync.rs"]
mod resync;

// unsent: the unsent-changes panel, the mentions badge and permissions (issue 10).
#[path = "browser/unsent.rs"]
mod unsent;

// history: the conflict mark on cards and rows, and the "Has conflicts" filter.
#[path = "browser/conflict_mark.rs"]
mod conflict_mark;

// recent: labels and highlights of recent updates on cards and rows, sorting by last updated.
#[path = "browser/recent_updates.rs"]
mod recent_updates;

// update: the top bar's update banner.
#[path = "browser/update_banner.rs"]
mod update_banner;
// connect: "Connect to your team" (enrolment) and signing out.
#[path = "browser/connect.rs"]
mod connect;

// sales: the sales windows (issue 13).
#[path = "browser/sales.rs"]
mod sales;
// sales windows' grouping and paging: Group By and the pager of the sales windows.
#[path = "browser/sales_groups.rs"]
mod sales_groups;
// product and purchase forms: the product form and the purchase order form (issue 13).
#[path = "browser/sales_forms.rs"]
mod sales_forms;
