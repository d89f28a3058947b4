//! The customer form against the fake shell: editing loads every stored value, Save sends the
//! changes, refusals show under their fields, tags are created on the fly, and unsaved changes
//! are guarded (Discard, the menu, opening another customer). The tabs are in `form_tabs.rs`.

use super::screen_support::wait_until;
use super::*;
use clientele_model::query::CustomerRow;
use clientele_ui::components::customer_form::CustomerForm;
use clientele_ui::components::form_guard::{use_guarded, use_leave_guard_root, LeaveGuard};
use yew::prelude::*;

/// Answers `command` with the JS function `answer` of the args (a value or a promise).
fn answer(command: &str, answer: &str) {
    js_sys::eval(&format!("window.__form['{command}'] = {answer};")).unwrap();
}

/// A stored company with an address, tags, sales settings, an invoice address, a private
/// address and one posted note.
const RECORD: &str = "({id: 'c1', archived: false, favourite: false, updated_at: '',
    draft: {kind: 'company', name: 'Công ty Đông Á', company_id: null,
        address: {street: '12 Lê Lợi', street2: 'Bến Nghé', city: 'Hồ Chí Minh', state: '', zip: '700000', country: 'VN'},
        tax_id: '0312345673', email: 'lienhe@donga.vn', phone: '028 3822 0000', mobile: '0903 123 456',
        website: 'donga.vn', language: 'vi_VN', tag_ids: ['t1'], salesperson_id: 'u1',
        payment_terms_id: '30_days', pricelist_id: null, purchase_payment_terms_id: null,
        receipt_reminder: true, notes: 'Giao hàng buổi sáng'},
    contacts: [
        {id: 'k1', contact: {contact_type: 'invoice', name: 'Kế toán', email: 'ketoan@donga.vn',
            address: {street: '12 Lê Lợi', city: 'Hồ Chí Minh', country: 'VN'}}},
        {id: 'p1', contact: {contact_type: 'private', name: 'Nhà riêng giám đốc', address: {city: 'Huế'}}}],
    activities: [],
    notes_log: [{id: 'n1', author: 'minh', time: '2026-11-20T03:00:00.000Z', text: '@lan gọi lại cho khách', mentions: ['lan']}]})";

/// The fake shell with customer `c1`, the reference lists, a second customer `c2`, and every
/// form command answered successfully; `app_info` says whether private addresses may be seen.
fn form_shell(can_see_private: bool) {
    fake_shell(
        &format!("[{}]", row("c9", "Công ty Hoa Sen", "", "kind: 'company'")),
        "args => Promise.resolve(window.__row('new1', args.draft))",
    );
    answer("app_info", &format!("args => ({{locale: 'vi-VN', sync_server: null, can_see_private_addresses: {can_see_private}}})"));
    answer("customer", &format!("args => args.id === 'c1' ? {RECORD} : {{id: args.id, draft: {{kind: 'individual', name: 'Trần Văn An'}}}}"));
    answer(
        "reference_list",
        "args => ({
            tags: [{id: 't1', name: 'khách lẻ', color: 1}, {id: 't2', name: 'bán sỉ', color: 2}],
            salespeople: [{id: 'u1', name: 'Lan'}, {id: 'u2', name: 'Minh'}],
            payment_terms: [{id: '30_days', name: '30 ngày'}, {id: 'immediate', name: 'Thanh toán ngay'}],
            pricelists: [{id: 'retail', name: 'Bảng giá bán lẻ (VND)'}],
            languages: [{id: 'vi_VN', name: 'Tiếng Việt'}, {id: 'en_US', name: 'English (US)'}],
        })[args.list] || []",
    );
    answer(
        "update_customer",
        "args => window.__row(args.id, args.draft)",
    );
    answer(
        "create_tag",
        "args => ({id: 'tag-new', name: args.name, color: args.color, position: 9})",
    );
    answer("add_contact", "args => 'k-new'");
    answer("update_contact", "args => null");
    answer("remove_contact", "args => null");
    answer("set_favourite", "args => null");
    answer("set_archived", "args => null");
    answer(
        "post_note",
        "args => ({id: 'n2', author: 'minh', time: '2026-11-27T02:00:00.000Z', text: args.text, mentions: ['lan']})",
    );
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    customer_id: Option<String>,
}

/// The form inside a guard, as the customers screen shows it, with a button opening customer
/// `c2` through the guard and a line saying what the form reported.
#[component]
fn Harness(props: &HarnessProps) -> Html {
    let (guard, guard_dialog) = use_leave_guard_root();
    let shown = use_state(|| props.customer_id.clone());
    let report = use_state(String::new);
    let on_saved = {
        let report = report.clone();
        Callback::from(move |c: CustomerRow| report.set(format!("saved {}", c.name)))
    };
    let on_discard = {
        let report = report.clone();
        Callback::from(move |()| report.set("closed".into()))
    };
    let open = {
        let (shown, report) = (shown.clone(), report.clone());
        Callback::from(move |id: String| {
            report.set(String::new());
            shown.set(Some(id));
        })
    };
    html! {
        <ContextProvider<LeaveGuard> context={guard}>
            <OpenButton {open} />
            <p class="harness-report">{(*report).clone()}</p>
            if *report != "closed" {
                <CustomerForm customer_id={(*shown).clone()} {on_saved} {on_discard} />
            }
            {guard_dialog}
        </ContextProvider<LeaveGuard>>
    }
}

#[derive(Properties, PartialEq)]
struct OpenButtonProps {
    open: Callback<String>,
}

/// Opens customer `c2` the way a card click should: through the guard.
#[component]
fn OpenButton(props: &OpenButtonProps) -> Html {
    let open = use_guarded(props.open.clone());
    html! { <button type="button" onclick={move |_| open.emit("c2".to_owned())}>{"Mở c2"}</button> }
}

fn mount_form(customer_id: Option<&str>) -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Harness>::with_root_and_props(
        root.clone(),
        HarnessProps {
            customer_id: customer_id.map(str::to_owned),
        },
    )
    .render();
    root
}

fn value(root: &Element, css: &str) -> String {
    let element = root
        .query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"));
    js_sys::Reflect::get(&element, &"value".into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

fn checked(root: &Element, css: &str) -> bool {
    let element = root
        .query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"));
    js_sys::Reflect::get(&element, &"checked".into())
        .unwrap()
        .as_bool()
        .unwrap()
}

/// Sets the value of the control `css` and fires `event` (`input` or `change`), bubbling.
fn set_value(root: &Element, css: &str, text: &str, event: &str) {
    let element = root
        .query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"));
    js_sys::Reflect::set(&element, &"value".into(), &text.into()).unwrap();
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(event, &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

fn press_enter(root: &Element, css: &str) {
    let element = root.query_selector(css).unwrap().unwrap();
    let event = js_sys::eval(
        "new KeyboardEvent('keydown', {key: 'Enter', bubbles: true, cancelable: true})",
    )
    .unwrap();
    element.dispatch_event(&event.unchecked_into()).unwrap();
}

fn click(root: &Element, css: &str) {
    root.query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

/// The radio (or checkbox) whose label reads `label`.
fn click_labelled_choice(root: &Element, label: &str) {
    let labels = root.query_selector_all("label").unwrap();
    let found = (0..labels.length())
        .filter_map(|i| labels.item(i))
        .map(|l| l.unchecked_into::<Element>())
        .find(|l| l.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no choice labelled {label:?}"));
    found
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
}

/// The `args` of every call of `command` so far, as JSON text.
fn sent(command: &str) -> Vec<String> {
    let sent = js_sys::eval(&format!(
        "window.__calls.filter(c => c[0] === '{command}').map(c => JSON.stringify(c[1]))"
    ))
    .unwrap();
    js_sys::Array::from(&sent)
        .iter()
        .map(|q| q.as_string().unwrap())
        .collect()
}

async fn loaded_form(can_see_private: bool) -> Element {
    form_shell(can_see_private);
    let root = mount_form(Some("c1"));
    wait_until("the stored name", || {
        root.query_selector("#customer-name").unwrap().is_some()
            && value(&root, "#customer-name") == "Công ty Đông Á"
    })
    .await;
    // The reference lists arrived too.
    wait_until("the language list", || {
        value(&root, "#customer-language") == "vi_VN"
    })
    .await;
    root
}

#[wasm_bindgen_test]
async fn editing_loads_every_stored_value_into_the_form() {
    let root = loaded_form(true).await;
    assert_eq!(sent("customer"), vec![r#"{"id":"c1"}"#.to_owned()]);
    for (css, expected) in [
        ("#customer-street", "12 Lê Lợi"),
        ("#customer-street2", "Bến Nghé"),
        ("#customer-city", "Hồ Chí Minh"),
        ("#customer-zip", "700000"),
        ("#customer-country", "VN"),
        ("#customer-tax_id", "0312345673"),
        ("#customer-phone", "028 3822 0000"),
        ("#customer-mobile", "0903 123 456"),
        ("#customer-email", "lienhe@donga.vn"),
        ("#customer-website", "donga.vn"),
    ] {
        assert_eq!(value(&root, css), expected, "{css}");
    }
    assert!(checked(&root, "input[name=kind][value=company]"));
    assert!(
        root.query_selector("#customer-company").unwrap().is_none(),
        "a company works for no company"
    );
    let tags = root
        .query_selector(".tag-input")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        tags.contains("khách lẻ") && !tags.contains("bán sỉ"),
        "{tags}"
    );
    assert!(root
        .text_content()
        .unwrap()
        .contains("Khách hàng / Công ty Đông Á"));
    // Contacts & Addresses is the first tab.
    let cards = root.query_selector_all(".contact-card").unwrap();
    assert_eq!(cards.length(), 2);
    let invoice = root
        .query_selector(".contact-card.invoice")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    for shown in [
        "Địa chỉ xuất hoá đơn",
        "Kế toán",
        "ketoan@donga.vn",
        "12 Lê Lợi, Hồ Chí Minh, VN",
    ] {
        assert!(invoice.contains(shown), "{shown} in {invoice}");
    }
    button(&root, "Bán hàng & Mua hàng").click();
    wait_for(&root, "#customer-salesperson_id").await;
    assert_eq!(value(&root, "#customer-salesperson_id"), "u1");
    assert_eq!(value(&root, "#customer-payment_terms_id"), "30_days");
    assert_eq!(value(&root, "#customer-pricelist_id"), "");
    assert_eq!(value(&root, "#customer-purchase_payment_terms_id"), "");
    assert!(checked(&root, "#customer-receipt_reminder"));
    button(&root, "Ghi chú nội bộ").click();
    wait_for(&root, "#customer-notes").await;
    assert_eq!(value(&root, "#customer-notes"), "Giao hàng buổi sáng");
    let note = wait_for(&root, ".note").await;
    let text = note.text_content().unwrap();
    assert!(
        text.contains("minh") && text.contains("@lan gọi lại cho khách"),
        "{text}"
    );
    assert_eq!(
        note.query_selector(".mention")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "@lan"
    );
    assert!(root.query_selector(".confirm-leave").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn save_sends_the_changed_customer_to_update_customer() {
    let root = loaded_form(true).await;
    type_into(&root, "Tên khách hàng", "Công ty TNHH Đông Á");
    type_into(&root, "Email", "banhang@donga.vn");
    // An existing tag by its name, then Enter.
    set_value(&root, "#customer-tags", "Bán sỉ", "input");
    yew::scheduler::flush().await;
    press_enter(&root, "#customer-tags");
    wait_for_text(&root, ".tag-input", "bán sỉ").await;
    button(&root, "Bán hàng & Mua hàng").click();
    wait_for(&root, "#customer-salesperson_id").await;
    set_value(&root, "#customer-salesperson_id", "u2", "change");
    set_value(&root, "#customer-pricelist_id", "retail", "change");
    click(&root, "#customer-receipt_reminder");
    yew::scheduler::flush().await;
    assert!(root
        .query_selector("form.customer-form.dirty")
        .unwrap()
        .is_some());
    assert!(
        sent("create_tag").is_empty(),
        "an existing tag is not created again"
    );
    button(&root, "Lưu").click();
    wait_for_text(&root, ".harness-report", "saved Công ty TNHH Đông Á").await;
    let update = sent("update_customer");
    assert_eq!(update.len(), 1, "{update:?}");
    for expected in [
        r#""id":"c1""#,
        r#""name":"Công ty TNHH Đông Á""#,
        r#""email":"banhang@donga.vn""#,
        r#""tag_ids":["t1","t2"]"#,
        r#""salesperson_id":"u2""#,
        r#""pricelist_id":"retail""#,
        r#""receipt_reminder":false"#,
        r#""city":"Hồ Chí Minh""#,
        r#""notes":"Giao hàng buổi sáng""#,
    ] {
        assert!(update[0].contains(expected), "{expected} in {}", update[0]);
    }
    assert!(sent("create_customer").is_empty());
    wait_until("the form to be clean", || {
        root.query_selector("form.customer-form.dirty")
            .unwrap()
            .is_none()
    })
    .await;
    // Saved: Discard closes without asking.
    button(&root, "Hủy bỏ").click();
    wait_for_text(&root, ".harness-report", "closed").await;
    assert!(root.query_selector(".confirm-leave").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_refused_save_shows_each_error_under_its_field_and_focuses_the_first() {
    let root = loaded_form(true).await;
    answer(
        "update_customer",
        "args => Promise.reject({code: 'validation', message: 'bad', field: 'phone', field_errors: [
            {field: 'phone', problem: 'phone_invalid', message: 'not a phone'},
            {field: 'website', problem: 'invalid_website', message: 'not a website'}]})",
    );
    type_into(&root, "Điện thoại", "abc");
    type_into(&root, "Trang web", "http//donga");
    button(&root, "Lưu").click();
    let phone_error = wait_for(&root, "#customer-phone-error").await;
    assert!(phone_error
        .text_content()
        .unwrap()
        .contains("chỉ dùng chữ số"));
    let website_error = wait_for(&root, "#customer-website-error").await;
    assert!(website_error
        .text_content()
        .unwrap()
        .contains("Trang web chưa đúng"));
    let phone = root.query_selector("#customer-phone").unwrap().unwrap();
    assert_eq!(phone.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        phone.get_attribute("aria-describedby").as_deref(),
        Some("customer-phone-error")
    );
    assert_eq!(
        value(&root, "#customer-phone"),
        "abc",
        "the typed value stays"
    );
    let email = root.query_selector("#customer-email").unwrap().unwrap();
    assert_eq!(
        email.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    wait_until("focus on the first field in error", || {
        document()
            .active_element()
            .and_then(|e| e.get_attribute("id"))
            .as_deref()
            == Some("customer-phone")
    })
    .await;
    assert!(!root.text_content().unwrap().contains("saved"));
    // A failure that is not about a field is said above the fields.
    answer(
        "update_customer",
        "args => Promise.reject({code: 'storage', message: 'disk full'})",
    );
    button(&root, "Lưu").click();
    let general = wait_for(&root, ".form-error").await;
    assert!(general.text_content().unwrap().contains("disk full"));
}

#[wasm_bindgen_test]
async fn a_new_tag_is_created_on_the_fly_and_saved_with_the_customer() {
    let root = loaded_form(true).await;
    set_value(&root, "#customer-tags", "khách quen", "input");
    yew::scheduler::flush().await;
    let create = wait_for(&root, ".tag-create").await;
    assert!(create.text_content().unwrap().contains("khách quen"));
    press_enter(&root, "#customer-tags");
    wait_for_text(&root, ".tag-input .tag-chip", "khách quen").await;
    let created = sent("create_tag");
    assert_eq!(created.len(), 1);
    assert!(
        created[0].contains(r#""name":"khách quen""#),
        "{}",
        created[0]
    );
    assert_eq!(value(&root, "#customer-tags"), "");
    // × takes a tag off again; Save sends what is chosen.
    labelled(&root, "Bỏ từ khoá khách lẻ").click();
    yew::scheduler::flush().await;
    button(&root, "Lưu").click();
    wait_for_text(&root, ".harness-report", "saved").await;
    assert!(
        sent("update_customer")[0].contains(r#""tag_ids":["tag-new"]"#),
        "{:?}",
        sent("update_customer")
    );
}

#[wasm_bindgen_test]
async fn closing_with_unsaved_changes_asks_first_and_stay_keeps_them() {
    let root = loaded_form(true).await;
    type_into(&root, "Tên khách hàng", "Đông Á mới");
    yew::scheduler::flush().await;
    button(&root, "Khách hàng").click();
    let dialog = wait_for(&root, "[role=alertdialog].confirm-leave").await;
    assert!(dialog.text_content().unwrap().contains("chưa lưu"));
    assert_eq!(value(&root, "#customer-name"), "Đông Á mới");
    button(&dialog, "Ở lại").click();
    wait_until("the dialog to close", || {
        root.query_selector(".confirm-leave").unwrap().is_none()
    })
    .await;
    assert_eq!(
        value(&root, "#customer-name"),
        "Đông Á mới",
        "Stay keeps the edit"
    );
    assert!(!root.text_content().unwrap().contains("closed"));
    // Esc closes the form too, and asks the same.
    let escape =
        js_sys::eval("new KeyboardEvent('keydown', {key: 'Escape', bubbles: true})").unwrap();
    root.query_selector("#customer-email")
        .unwrap()
        .unwrap()
        .dispatch_event(&escape.unchecked_into())
        .unwrap();
    let dialog = wait_for(&root, ".confirm-leave").await;
    button(&dialog, "Bỏ thay đổi").click();
    wait_for_text(&root, ".harness-report", "closed").await;
    assert!(root.query_selector("form").unwrap().is_none());
    assert!(sent("update_customer").is_empty(), "nothing was saved");
}

#[wasm_bindgen_test]
async fn discard_drops_the_edits_without_asking() {
    let root = loaded_form(true).await;
    type_into(&root, "Tên khách hàng", "Đông Á mới");
    yew::scheduler::flush().await;
    assert!(root
        .query_selector("form.customer-form.dirty")
        .unwrap()
        .is_some());
    button(&root, "Hủy bỏ").click();
    wait_for_text(&root, ".harness-report", "closed").await;
    assert!(root.query_selector(".confirm-leave").unwrap().is_none());
    assert!(sent("update_customer").is_empty(), "nothing was saved");
}

#[wasm_bindgen_test]
async fn opening_another_customer_with_unsaved_changes_asks_first() {
    let root = loaded_form(true).await;
    set_value(&root, "#customer-language", "en_US", "change");
    type_into(&root, "Email", "x@donga.vn");
    yew::scheduler::flush().await;
    button(&root, "Mở c2").click();
    let dialog = wait_for(&root, ".confirm-leave").await;
    button(&dialog, "Ở lại").click();
    wait_until("the dialog to close", || {
        root.query_selector(".confirm-leave").unwrap().is_none()
    })
    .await;
    assert_eq!(value(&root, "#customer-email"), "x@donga.vn");
    assert_eq!(sent("customer").len(), 1, "c2 was not opened");
    button(&root, "Mở c2").click();
    let dialog = wait_for(&root, ".confirm-leave").await;
    button(&dialog, "Bỏ thay đổi").click();
    wait_until("customer c2", || {
        root.query_selector("#customer-name").unwrap().is_some()
            && value(&root, "#customer-name") == "Trần Văn An"
    })
    .await;
    assert_eq!(
        value(&root, "#customer-language"),
        "",
        "no control keeps what was picked for the previous customer"
    );
    assert!(checked(&root, "input[name=kind][value=individual]"));
    // An individual picks the company they work for among the company customers.
    wait_until("the company list", || {
        root.query_selector("#customer-company option[value=c9]")
            .unwrap()
            .is_some()
    })
    .await;
    // Clean again: opening c2 anew needs no confirmation.
    button(&root, "Mở c2").click();
    yew::scheduler::flush().await;
    assert!(root.query_selector(".confirm-leave").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn leaving_through_the_menu_with_unsaved_changes_asks_first() {
    form_shell(true);
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    button(&root, "Tạo").click();
    wait_for(&root, "form.customer-form").await;
    type_into(&root, "Tên khách hàng", "Khách mới");
    yew::scheduler::flush().await;
    labelled(&root, "Trang chủ").click();
    let dialog = wait_for(&root, ".confirm-leave").await;
    button(&dialog, "Ở lại").click();
    wait_until("the dialog to close", || {
        root.query_selector(".confirm-leave").unwrap().is_none()
    })
    .await;
    assert!(root.query_selector(".home").unwrap().is_none());
    assert_eq!(value(&root, "#customer-name"), "Khách mới");
    labelled(&root, "Trang chủ").click();
    let dialog = wait_for(&root, ".confirm-leave").await;
    button(&dialog, "Bỏ thay đổi").click();
    wait_for(&root, ".home").await;
}

/// The tabs: the contact dialog, private addresses, the notes log; and the header's star and
/// archive.
#[path = "form_tabs.rs"]
mod tabs;
