//! Issue 10 in the window: the unsent-changes panel (what waits, what was refused, Discard),
//! the mentions badge (unread count, an entry opens its customer and is marked read), and the
//! UI offering only what the server accepts (Archive, private addresses) from the screen
//! context's permissions. Events are sent through a fake `__TAURI__.event.listen`.

use super::screen_support::{
    emit, find, screen_shell, sent, texts, wait_until, with_events, CONTEXT,
};
use super::*;

/// The fake shell plus a fake event bus: `emit(name, payload)` calls what listens.
fn shell_with_events(page: &str, handlers: &str) {
    screen_shell(page, handlers);
    with_events();
}

/// A `customer_page` answer holding `rows` (a JS array).
fn page_of(rows: &str) -> String {
    format!("args => {{ const rows = {rows}; return {{rows, total: rows.length}}; }}")
}

/// A `screen_context` handler: user `lan`, a rep, with `permissions` (JS object text); the team
/// has a disabled member.
fn rep_context(permissions: &str) -> String {
    format!(
        "screen_context: () => ({{user_id: 'lan', salespeople: [], tags: [], activity_types: [],
            permissions: {permissions},
            team: [{{user: 'lan', display_name: 'Nguyễn Thị Lan', role: 'rep', active: true}},
                   {{user: 'minh', display_name: 'Trần Minh', role: 'manager', active: true}},
                   {{user: 'cu', display_name: 'Lê Cũ', role: 'rep', active: false}}]}})"
    )
}

/// A `customer` handler: `c1` belongs to `minh`, `c2` to `lan`.
const CUSTOMERS: &str = "customer: args => ({id: args.id, archived: false, favourite: false,
    updated_at: '', contacts: [], activities: [], notes_log: [],
    draft: {kind: 'company', name: args.id === 'c1' ? 'Công ty Đông Á' : 'Trần Văn An',
        salesperson_id: args.id === 'c1' ? 'minh' : 'lan'}})";

/// Waits until the text of `css` is `text`.
async fn wait_text(root: &Element, css: &str, text: &str) {
    wait_until(&format!("{css} to read {text:?}"), || {
        root.query_selector(css)
            .unwrap()
            .and_then(|e| e.text_content())
            .is_some_and(|t| t.trim() == text)
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_unsent_panel_lists_a_refused_change_and_discard_removes_it() {
    shell_with_events(
        &page_of(&format!("[{}]", dao())),
        &format!(
            "{{ {CONTEXT}, unsent_changes: () => JSON.parse(JSON.stringify(window.__unsent)),
                discard_refused_change: args => {{
                    window.__unsent.refused = window.__unsent.refused.filter(r => r.id !== args.id);
                    return null; }} }}"
        ),
    );
    js_sys::eval(
        "window.__unsent = {
            waiting: [{doc_id: 'c2', class: 'customer', label: 'Trần Văn An', since: '2026-11-27T02:00:00.000Z'}],
            refused: [{id: 7, doc_id: 'c1', class: 'customer', label: 'Công ty Đông Á',
                reason: 'only a manager or its salesperson may archive this customer',
                refused_at: '2026-11-27T03:00:00.000Z', fields: ['archived', 'phone'], reapplied: ['phone']}]};",
    )
    .unwrap();
    let root = mount(Screen::Customers);
    wait_text(&root, "[data-testid=unsent-button]", "⇡ 1 · ⚠ 1").await;
    let opener = labelled(&root, "Thay đổi chưa gửi");
    assert_eq!(
        opener.get_attribute("data-testid").as_deref(),
        Some("unsent-button")
    );
    // A sync brings another waiting document: the count follows the event.
    js_sys::eval("window.__unsent.waiting.push({doc_id: 'settings', class: 'settings', label: 'settings', since: null});").unwrap();
    emit("sync-status", "{state: 'syncing', pushed: 0, pulled: 0}");
    wait_text(&root, "[data-testid=unsent-button]", "⇡ 2 · ⚠ 1").await;

    opener.click();
    let panel = wait_for(&root, "[role=dialog][aria-label='Thay đổi chưa gửi']").await;
    wait_for(&panel, "[data-testid=refused-change]").await;
    let text = panel.text_content().unwrap();
    for shown in [
        "Đang chờ gửi (2)",
        "Trần Văn An",
        "Cài đặt",
        "27/11/2026",
        "Bị từ chối (1)",
        "Công ty Đông Á",
        "only a manager or its salesperson may archive this customer",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    assert_eq!(texts(&panel, ".refused-fields"), vec!["Lưu trữ, phone"]);
    assert_eq!(texts(&panel, ".refused-reapplied"), vec!["phone"]);

    button(&panel, "Bỏ").click();
    wait_until("the refused change to go", || {
        root.query_selector("[data-testid=refused-change]")
            .unwrap()
            .is_none()
    })
    .await;
    assert_eq!(
        sent("discard_refused_change"),
        vec![r#"{"id":7}"#.to_owned()]
    );
    wait_text(&root, "[data-testid=unsent-button]", "⇡ 2").await;
    assert!(root
        .query_selector("[data-testid=unsent-refused-mark]")
        .unwrap()
        .is_none());

    // The same in English.
    labelled(&root, "English").click();
    wait_for(&root, "[role=dialog][aria-label='Unsent changes']").await;
    assert!(find(&root, "[data-testid=unsent-panel]")
        .text_content()
        .unwrap()
        .contains("Waiting to be sent (2)"));
}

#[wasm_bindgen_test]
async fn the_mentions_badge_counts_unread_and_an_entry_opens_its_customer() {
    shell_with_events(
        &page_of(&format!("[{}]", dao())),
        &format!(
            "{{ {CONTEXT}, {CUSTOMERS},
                mentions: () => JSON.parse(JSON.stringify(window.__mentions)),
                mark_mention_read: args => {{
                    window.__mentions.forEach(m => {{ if (m.note.id === args.noteId) m.read = true; }});
                    return null; }} }}"
        ),
    );
    js_sys::eval(
        "window.__mentions = [
            {customer_id: 'c1', customer_name: 'Công ty Đông Á', read: false,
             note: {id: 'n1', author: 'minh', time: '2026-11-20T03:00:00.000Z', text: '@lan gọi lại cho khách', mentions: ['lan']}},
            {customer_id: 'c2', customer_name: 'Trần Văn An', read: true,
             note: {id: 'n0', author: 'minh', time: '2026-11-19T03:00:00.000Z', text: '@lan đã xong', mentions: ['lan']}}];",
    )
    .unwrap();
    let root = mount(Screen::Home);
    wait_text(&root, "[data-testid=mentions-badge]", "@ 1").await;
    let badge = labelled(&root, "Nhắc đến");
    assert_eq!(
        badge.get_attribute("data-testid").as_deref(),
        Some("mentions-badge")
    );
    badge.click();
    let panel = wait_for(&root, "[data-testid=mentions-panel]").await;
    assert_eq!(
        panel
            .query_selector_all("[data-testid=mention-entry]")
            .unwrap()
            .length(),
        2
    );
    assert_eq!(
        panel
            .query_selector_all(".mention-item.unread")
            .unwrap()
            .length(),
        1
    );

    button(&panel, "Công ty Đông Á").click();
    wait_until("the customer's form", || {
        root.query_selector("#customer-name")
            .unwrap()
            .and_then(|e| js_sys::Reflect::get(&e, &"value".into()).ok())
            .and_then(|v| v.as_string())
            .is_some_and(|v| v == "Công ty Đông Á")
    })
    .await;
    assert!(sent("customer").iter().any(|a| a.contains(r#""id":"c1""#)));
    assert_eq!(
        sent("mark_mention_read"),
        vec![r#"{"noteId":"n1"}"#.to_owned()]
    );
    wait_text(&root, "[data-testid=mentions-badge]", "@ 0").await;
    assert!(root
        .query_selector("[data-testid=mentions-panel]")
        .unwrap()
        .is_none());

    // A new mention arrives with a synced customer document.
    js_sys::eval(
        "window.__mentions.unshift({customer_id: 'c2', customer_name: 'Trần Văn An', read: false,
            note: {id: 'n2', author: 'minh', time: '2026-11-21T03:00:00.000Z', text: '@lan báo giá', mentions: ['lan']}});",
    )
    .unwrap();
    emit("records-changed", "['c2']");
    wait_text(&root, "[data-testid=mentions-badge]", "@ 1").await;
    labelled(&root, "English").click();
    wait_for(&root, "[data-testid=mentions-badge][aria-label='Mentions']").await;
}

/// Opens the card of `name` on the Customers screen and waits for its form, context included.
async fn open_card(root: &Element, id: &str, name: &str) {
    let asked = sent("screen_context").len();
    find(root, &format!(".customer-card[data-customer={id}]")).click();
    wait_for_text(root, ".breadcrumb", name).await;
    // Loaded: the star shows, and the form asked who the user is (and had the answer).
    wait_for(root, ".favourite-toggle").await;
    wait_until("the form's screen context", || {
        sent("screen_context").len() > asked
    })
    .await;
    for _ in 0..5 {
        next_tick().await;
    }
}

fn has_button(root: &Element, label: &str) -> bool {
    texts(root, "button").iter().any(|t| t == label)
}

#[wasm_bindgen_test]
async fn a_rep_may_archive_only_their_own_customers() {
    let rows = format!(
        "[{}, {}]",
        row("c1", "Công ty Đông Á", "", "salesperson: 'Trần Minh'"),
        row("c2", "Trần Văn An", "", "salesperson: 'Nguyễn Thị Lan'")
    );
    shell_with_events(
        &page_of(&rows),
        &format!(
            "{{ {}, {CUSTOMERS} }}",
            rep_context(
                "{archive_any_customer: false, edit_settings: false, private_addresses: false}"
            )
        ),
    );
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    open_card(&root, "c1", "Công ty Đông Á").await;
    assert!(
        !has_button(&root, "Lưu trữ"),
        "no Archive on another rep's customer"
    );
    find(&root, ".breadcrumb-back").click();
    wait_for(&root, ".customer-card").await;
    open_card(&root, "c2", "Trần Văn An").await;
    wait_until("Archive on the rep's own customer", || {
        has_button(&root, "Lưu trữ")
    })
    .await;
}

#[wasm_bindgen_test]
async fn private_addresses_are_offered_only_with_the_permission() {
    for allowed in [false, true] {
        shell_with_events(
            &page_of(&format!("[{}]", row("c2", "Trần Văn An", "", ""))),
            &format!(
                "{{ {}, {CUSTOMERS} }}",
                rep_context(&format!(
                    "{{archive_any_customer: false, edit_settings: false, private_addresses: {allowed}}}"
                ))
            ),
        );
        let root = mount(Screen::Customers);
        wait_for(&root, ".customer-card").await;
        open_card(&root, "c2", "Trần Văn An").await;
        button(&root, "Thêm").click();
        let dialog = wait_for(&root, ".contact-dialog").await;
        let types = dialog
            .query_selector_all(".contact-types input")
            .unwrap()
            .length();
        let private = dialog
            .query_selector("input[value=private]")
            .unwrap()
            .is_some();
        assert_eq!(
            (types, private),
            if allowed { (5, true) } else { (4, false) },
            "allowed: {allowed}"
        );
    }
}

#[wasm_bindgen_test]
async fn typing_at_offers_active_team_members_and_inserts_the_login() {
    shell_with_events(
        &page_of(&format!("[{}]", row("c2", "Trần Văn An", "", ""))),
        &format!(
            "{{ {}, {CUSTOMERS} }}",
            rep_context(
                "{archive_any_customer: false, edit_settings: false, private_addresses: false}"
            )
        ),
    );
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    open_card(&root, "c2", "Trần Văn An").await;
    button(&root, "Ghi chú nội bộ").click();
    wait_for(&root, "#note-new").await;
    super::screen_support::type_in(&root, "#note-new", "gọi lại @l");
    let offers = wait_for(&root, "[role=listbox][aria-label='Gợi ý nhắc đến']").await;
    // Lan by login and Minh by nothing; the disabled Lê Cũ is not offered.
    assert_eq!(texts(&offers, "[role=option]"), vec!["Nguyễn Thị Lan @lan"]);
    super::screen_support::type_in(&root, "#note-new", "gọi lại @tr");
    wait_until("Minh offered by name", || {
        texts(&root, "[role=option]") == vec!["Trần Minh @minh".to_owned()]
    })
    .await;
    find(&root, "[role=option][data-login=minh]").click();
    wait_until("the login inserted", || {
        js_sys::Reflect::get(&find(&root, "#note-new"), &"value".into())
            .unwrap()
            .as_string()
            .is_some_and(|v| v == "gọi lại @minh ")
    })
    .await;
    assert!(root.query_selector("[role=listbox]").unwrap().is_none());
}
