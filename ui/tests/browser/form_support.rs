//! Helpers for the customer form's browser tests: the fake shell answering the form's commands
//! with a stored customer, the form mounted inside an unsaved-changes guard as the customers
//! screen shows it, and reading the controls' values.

use super::super::screen_support::find;
use super::*;
use clientele_model::query::CustomerRow;
use clientele_ui::components::customer_form::CustomerForm;
use clientele_ui::components::form_guard::{use_guarded, use_leave_guard_root, LeaveGuard};
use yew::prelude::*;

/// Answers `command` with the JS function `answer` of the args (a value or a promise).
pub fn answer(command: &str, answer: &str) {
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
pub fn form_shell(can_see_private: bool) {
    fake_shell(
        &format!("[{}]", row("c9", "Công ty Hoa Sen", "", "kind: 'company'")),
        "args => Promise.resolve(window.__row('new1', args.draft))",
    );
    answer("app_info", &format!("args => ({{locale: 'vi-VN', sync_server: null, can_see_private_addresses: {can_see_private}}})"));
    // unsent: a manager (may archive any customer), private addresses as `app_info` says.
    answer("screen_context", &format!("args => ({{user_id: 'minh', salespeople: [], tags: [], activity_types: [],
        permissions: {{archive_any_customer: true, edit_settings: true, private_addresses: {can_see_private}}},
        team: [{{user: 'lan', display_name: 'Nguyễn Thị Lan', role: 'rep', active: true}},
               {{user: 'minh', display_name: 'Trần Minh', role: 'manager', active: true}}]}})"));
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

/// The form of customer `customer_id` (`None`: a new customer) in the harness.
pub fn mount_form(customer_id: Option<&str>) -> Element {
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

/// The JS property `name` (`value`, `checked`...) of the control `css`.
fn property(root: &Element, css: &str, name: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(&find(root, css), &name.into()).unwrap()
}

/// The value of the input, select or textarea `css`.
pub fn value(root: &Element, css: &str) -> String {
    property(root, css, "value").as_string().unwrap_or_default()
}

/// Whether the radio or checkbox `css` is checked.
pub fn checked(root: &Element, css: &str) -> bool {
    property(root, css, "checked").as_bool().unwrap()
}

/// The radio (or checkbox) whose label reads `label`.
pub fn click_labelled_choice(root: &Element, label: &str) {
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

/// The form of the stored customer `c1`, once its values and the reference lists arrived.
pub async fn loaded_form(can_see_private: bool) -> Element {
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
