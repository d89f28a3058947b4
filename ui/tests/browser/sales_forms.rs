//! The product form and the purchase order form (issue 13) against the fake shell: a product
//! created with its prices per pricelist, a refused sales price shown beside its field with
//! everything typed kept, an edit removing a pricelist's price, a purchase order of two lines
//! with its live total, confirming a stored one, and a rep's read-only forms.

use super::screen_support::{choose, find, sent, set_value, type_in, wait_until};
use super::*;

/// Adds `handlers` (a JS object of command name → function of the args) to the fake shell.
fn answer(handlers: &str) {
    js_sys::eval(&format!("Object.assign(window.__screen, {handlers});"))
        .expect("the handlers script runs");
}

/// Waits until `cmd` has been called at least `count` times; its arguments as JSON text.
async fn wait_for_call(cmd: &str, count: usize) -> Vec<String> {
    wait_until(&format!("{count} call(s) of {cmd}"), || {
        sent(cmd).len() >= count
    })
    .await;
    sent(cmd)
}

/// The value of the input or select `css`.
fn value_of(root: &Element, css: &str) -> String {
    js_sys::Reflect::get(&find(root, css), &"value".into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

fn text_of(root: &Element, css: &str) -> String {
    find(root, css).text_content().unwrap_or_default()
}

/// The CSS selector of the control labelled `label`.
fn by_label(label: &str) -> String {
    format!("[aria-label='{label}']")
}

/// Types into each labelled field in turn, letting the form render between keystrokes.
async fn fill(root: &Element, fields: &[(&str, &str)]) {
    for (label, text) in fields {
        type_into(root, label, text);
        next_tick().await;
    }
}

/// Sets pricelist `name`'s rule to `kind` and, unless none, its value to `text`.
async fn set_rule(root: &Element, name: &str, kind: &str, text: &str) {
    choose(root, &by_label(&format!("{name}: Cách tính giá")), kind);
    next_tick().await;
    if kind != "none" {
        let value = by_label(&format!("{name}: Giá trị"));
        wait_for(root, &value).await;
        type_in(root, &value, text);
        next_tick().await;
    }
}

/// JS: the workspace's pricelists, one of them archived.
const PRICELISTS: &str = "reference_list: args => args.list === 'pricelists'
    ? [{id: 'retail', name: 'Bảng giá bán lẻ'}, {id: 'wholesale', name: 'Bảng giá bán sỉ'},
       {id: 'old', name: 'Bảng giá cũ', archived: true}] : []";

/// JS: a stored product with a fixed price on retail and 10% off on wholesale.
const PEN: &str = "{id: 'p1', draft: {name: 'Bút bi', internal_ref: 'BB', unit: 'Hộp',
    sales_price: 160000, vat: '10', active: true},
    prices: [['retail', {fixed: 150000}], ['wholesale', {percent_off: 1000}]]}";

/// Opens the Products window's "New product" form.
async fn new_product() -> Element {
    let root = mount(Screen::Sales(SalesWindow::Products));
    wait_for(&root, ".sales-window").await;
    button(&root, "Sản phẩm mới").click();
    wait_for(&root, ".product-form [data-pricelist='wholesale']").await;
    root
}

/// Opens the stored product `PEN` from its row and waits for its values.
async fn open_pen() -> Element {
    let root = mount(Screen::Sales(SalesWindow::Products));
    let row = wait_for_text(&root, ".sales-row", "Bút bi").await;
    row.unchecked_into::<HtmlElement>().click();
    wait_for(&root, ".product-form [data-pricelist='wholesale'] input").await;
    wait_until("the product's values", || {
        value_of(&root, "#product-name") == "Bút bi"
    })
    .await;
    root
}

#[wasm_bindgen_test]
async fn a_new_product_is_created_with_its_prices_per_pricelist() {
    fake_shell("[]", "args => Promise.reject('unused')");
    answer(&format!(
        "{{list_products: args => [], {PRICELISTS},
          create_product: args => ({{id: 'p9', draft: args.product, prices: args.prices}}),
          update_product: args => ({{id: args.id, draft: args.product,
              prices: [['retail', {{percent_off: 1250}}], ['wholesale', {{fixed: 140000}}]]}})}}"
    ));
    let root = new_product().await;
    assert!(
        root.query_selector("[data-pricelist='old']")
            .unwrap()
            .is_none(),
        "an archived pricelist is not offered"
    );
    fill(
        &root,
        &[
            ("Tên sản phẩm", "Cà phê hạt"),
            ("Mã nội bộ", "CF-01"),
            ("Đơn vị", "kg"),
            ("Giá bán", "150.000"),
        ],
    )
    .await;
    choose(&root, "#product-vat", "8");
    next_tick().await;
    set_rule(&root, "Bảng giá bán lẻ", "percent_off", "12,5").await;
    set_rule(&root, "Bảng giá bán sỉ", "fixed", "140.000").await;
    button(&root, "Lưu").click();
    let created = wait_for_call("create_product", 1).await;
    assert_eq!(
        created[0],
        r#"{"product":{"name":"Cà phê hạt","internal_ref":"CF-01","unit":"kg","sales_price":150000,"vat":"8","active":true},"prices":[["retail",{"percent_off":1250}],["wholesale",{"fixed":140000}]]}"#
    );
    wait_for(&root, ".saved-note").await;
    assert_eq!(
        text_of(&root, ".breadcrumb"),
        "Sản phẩm / Sản phẩm",
        "the new product is now the one shown"
    );
    // Saved again, the same product changes, and only what changed is sent.
    type_into(&root, "Tên sản phẩm", "Cà phê hạt Robusta");
    next_tick().await;
    assert!(
        root.query_selector(".saved-note").unwrap().is_none(),
        "an edit is not saved yet"
    );
    button(&root, "Lưu").click();
    let updated = wait_for_call("update_product", 1).await;
    assert_eq!(
        updated[0],
        r#"{"id":"p9","product":{"name":"Cà phê hạt Robusta","internal_ref":"CF-01","unit":"kg","sales_price":150000,"vat":"8","active":true},"prices":[]}"#
    );
    assert_eq!(sent("create_product").len(), 1);
}

#[wasm_bindgen_test]
async fn a_refused_sales_price_is_shown_beside_it_and_nothing_typed_is_lost() {
    fake_shell("[]", "args => Promise.reject('unused')");
    answer(&format!(
        "{{list_products: args => [], {PRICELISTS},
          create_product: args => Promise.reject({{code: 'validation', field: 'sales_price',
              message: 'sales_price: must not be negative'}})}}"
    ));
    let root = new_product().await;
    fill(
        &root,
        &[
            ("Tên sản phẩm", "Cà phê hạt"),
            ("Đơn vị", "kg"),
            ("Giá bán", "-5.000"),
        ],
    )
    .await;
    set_rule(&root, "Bảng giá bán sỉ", "fixed", "140.000").await;
    button(&root, "Lưu").click();
    let refusal = wait_for(&root, "#product-sales_price-error").await;
    let text = refusal.text_content().unwrap();
    assert!(text.contains("must not be negative"), "{text}");
    assert!(wait_for_call("create_product", 1).await[0].contains(r#""sales_price":-5000"#));
    let price = find(&root, "#product-sales_price");
    assert_eq!(price.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        price.get_attribute("aria-describedby").as_deref(),
        Some("product-sales_price-error")
    );
    assert_eq!(
        find(&root, "#product-name")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("false")
    );
    assert!(
        root.query_selector(".form-error").unwrap().is_none(),
        "beside its field, not at the top"
    );
    // Everything typed is still there, and Save stays available.
    assert_eq!(value_of(&root, "#product-sales_price"), "-5.000");
    assert_eq!(value_of(&root, "#product-name"), "Cà phê hạt");
    assert_eq!(value_of(&root, "#product-unit"), "kg");
    assert_eq!(
        value_of(&root, &by_label("Bảng giá bán sỉ: Cách tính giá")),
        "fixed"
    );
    assert_eq!(
        value_of(&root, &by_label("Bảng giá bán sỉ: Giá trị")),
        "140.000"
    );
    assert!(!find(&root, ".product-form .primary")
        .unchecked_into::<web_sys::HtmlButtonElement>()
        .disabled());
    // A price that is not an amount is refused beside it without asking the shell.
    type_into(&root, "Giá bán", "150.000,5");
    next_tick().await;
    button(&root, "Lưu").click();
    wait_for_text(&root, "#product-sales_price-error", "decimals").await;
    assert_eq!(sent("create_product").len(), 1);
}

#[wasm_bindgen_test]
async fn editing_a_product_removes_a_pricelist_price_and_archives_it() {
    fake_shell("[]", "args => Promise.reject('unused')");
    answer(&format!(
        "{{list_products: args => [{PEN}], {PRICELISTS},
          product: args => args.id === 'p1' ? {PEN}
              : Promise.reject({{code: 'not_found', message: 'no product ' + args.id}}),
          update_product: args => ({{id: args.id, draft: args.product,
              prices: [['wholesale', {{percent_off: 1000}}]]}})}}"
    ));
    let root = open_pen().await;
    assert_eq!(sent("product"), [r#"{"id":"p1"}"#]);
    assert_eq!(value_of(&root, "#product-sales_price"), "160.000");
    assert_eq!(value_of(&root, "#product-unit"), "Hộp");
    assert_eq!(
        value_of(&root, &by_label("Bảng giá bán lẻ: Cách tính giá")),
        "fixed"
    );
    assert_eq!(
        value_of(&root, &by_label("Bảng giá bán lẻ: Giá trị")),
        "150.000"
    );
    assert_eq!(
        value_of(&root, &by_label("Bảng giá bán sỉ: Cách tính giá")),
        "percent_off"
    );
    assert_eq!(value_of(&root, &by_label("Bảng giá bán sỉ: Giá trị")), "10");
    set_rule(&root, "Bảng giá bán lẻ", "none", "").await;
    assert!(
        root.query_selector(&by_label("Bảng giá bán lẻ: Giá trị"))
            .unwrap()
            .is_none(),
        "no value without a rule"
    );
    type_into(&root, "Tên sản phẩm", "Bút bi xanh");
    next_tick().await;
    find(&root, "#product-archived").click();
    next_tick().await;
    button(&root, "Lưu").click();
    let updated = wait_for_call("update_product", 1).await;
    assert_eq!(
        updated[0],
        r#"{"id":"p1","product":{"name":"Bút bi xanh","internal_ref":"BB","unit":"Hộp","sales_price":160000,"vat":"10","active":false},"prices":[["retail",null]]}"#
    );
    wait_for(&root, ".saved-note").await;
    assert_eq!(
        value_of(&root, &by_label("Bảng giá bán lẻ: Cách tính giá")),
        "none"
    );
}

#[wasm_bindgen_test]
async fn a_rep_sees_the_product_read_only_and_a_refusal_says_why() {
    fake_shell("[]", "args => Promise.reject('unused')");
    answer(&format!(
        "{{list_products: args => [{PEN}], {PRICELISTS}, product: args => ({PEN}),
          screen_context: () => ({{user_id: 'lan', salespeople: [], tags: [], activity_types: [],
              permissions: {{edit_products: false, edit_purchases: false}}, team: []}})}}"
    ));
    let root = open_pen().await;
    let note = wait_for(&root, ".product-form .form-note").await;
    assert!(
        note.text_content().unwrap().contains("Chỉ quản lý"),
        "{:?}",
        note.text_content()
    );
    let save: web_sys::HtmlButtonElement = button(&root, "Lưu").unchecked_into();
    assert!(save.disabled());
    assert!(
        find(&root, ".product-fields").has_attribute("disabled"),
        "the fields cannot be changed"
    );
    // Where the UI cannot know the permissions, the shell's refusal is shown at the top.
    fake_shell("[]", "args => Promise.reject('unused')");
    answer(&format!(
        "{{list_products: args => [], {PRICELISTS},
          create_product: args => Promise.reject({{code: 'conflict',
              message: 'only an admin or a manager may change products and their prices'}})}}"
    ));
    let root = new_product().await;
    fill(
        &root,
        &[
            ("Tên sản phẩm", "Cà phê hạt"),
            ("Đơn vị", "kg"),
            ("Giá bán", "150.000"),
        ],
    )
    .await;
    button(&root, "Lưu").click();
    let refusal = wait_for(&root, ".product-form .form-error").await;
    let text = refusal.text_content().unwrap();
    assert!(
        text.contains("Không lưu được: only an admin or a manager"),
        "{text}"
    );
    assert_eq!(value_of(&root, "#product-name"), "Cà phê hạt");
}

/// JS: a stored draft purchase order to the vendor `v1` (as the form reads it; with `total`
/// as well, so a list may answer it as a summary).
const PURCHASE: &str = "{id: 'po1', vendor_id: 'v1', vendor_name: 'Công ty Hoa Sen',
    provisional_number: 'D1-MH-0001', number: 'P00007', state: 'draft', date: '2026-11-20',
    lines: [{id: 'l1', line: {product_id: 'p1', description: 'Bút bi', quantity_milli: 10000,
        unit_price: 120000, discount_bp: 0, vat: '10'}}],
    totals: {untaxed: 1200000, tax: 120000, total: 1320000}, total: 1320000}";

#[wasm_bindgen_test]
async fn a_purchase_order_of_two_lines_shows_its_total_and_is_created() {
    let vendor = row("v1", "Công ty Hoa Sen", "", "kind: 'company'");
    fake_shell(&format!("[{vendor}]"), "args => Promise.reject('unused')");
    answer(&format!(
        "{{list_purchases: args => [], list_products: args => [{PEN}],
          create_purchase_order: args => ({{id: 'po9', vendor_id: args.vendorId,
              vendor_name: 'Công ty Hoa Sen', provisional_number: 'D1-MH-0009', number: '',
              state: 'draft', date: args.date,
              lines: args.lines.map((l, i) => ({{id: 'l' + i, line: l.line}})),
              totals: {{untaxed: 1475000, tax: 142000, total: 1617000}}}})}}"
    ));
    let root = mount(Screen::Sales(SalesWindow::Purchases));
    wait_for(&root, ".sales-window").await;
    button(&root, "Đơn mua hàng mới").click();
    wait_for(&root, ".purchase-form").await;
    // Without a vendor nothing is sent.
    button(&root, "Lưu").click();
    wait_for(
        &root,
        ".purchase-form .field-error[data-field='customer_id']",
    )
    .await;
    assert!(sent("create_purchase_order").is_empty());
    wait_for_text(&root, ".customer-picker option", "Công ty Hoa Sen").await;
    choose(&root, &by_label("Chọn khách hàng"), "v1");
    let vendor = wait_for(&root, ".vendor-link").await;
    assert_eq!(vendor.text_content().unwrap(), "Công ty Hoa Sen");
    set_value(&root, "#purchase-date", "2026-11-28", "change");
    next_tick().await;
    // Line 1: a product, 10 at 120.000 ₫, 10% VAT.
    wait_for_text(&root, "option", "Bút bi").await;
    choose(&root, &by_label("Sản phẩm 1"), "p1");
    wait_until("the product fills the line", || {
        value_of(&root, &by_label("Mô tả 1")) == "Bút bi"
    })
    .await;
    type_in(&root, &by_label("Số lượng 1"), "10");
    next_tick().await;
    type_in(&root, &by_label("Đơn giá 1"), "120.000");
    next_tick().await;
    // Line 2: free text, 5 at 55.000 ₫, 8% VAT.
    button(&root, "Thêm dòng").click();
    wait_for(&root, &by_label("Mô tả 2")).await;
    type_in(&root, &by_label("Mô tả 2"), "Giấy A4");
    next_tick().await;
    type_in(&root, &by_label("Số lượng 2"), "5");
    next_tick().await;
    type_in(&root, &by_label("Đơn giá 2"), "55.000");
    next_tick().await;
    choose(&root, &by_label("Thuế GTGT 2"), "8");
    wait_for_text(&root, ".totals-total", "1.617.000 ₫").await;
    assert_eq!(text_of(&root, ".totals-untaxed"), "1.475.000 ₫");
    assert_eq!(text_of(&root, ".totals-tax"), "142.000 ₫");
    button(&root, "Lưu").click();
    let created = wait_for_call("create_purchase_order", 1).await;
    assert_eq!(
        created[0],
        concat!(
            r#"{"vendorId":"v1","date":"2026-11-28","lines":["#,
            r#"{"id":"","line":{"product_id":"p1","description":"Bút bi","quantity_milli":10000,"unit_price":120000,"discount_bp":0,"vat":"10"}},"#,
            r#"{"id":"","line":{"description":"Giấy A4","quantity_milli":5000,"unit_price":55000,"discount_bp":0,"vat":"8"}}]}"#
        )
    );
    // Stored: shown read-only with its provisional number, to be confirmed.
    let number = wait_for_text(&root, ".order-number", "D1-MH-0009").await;
    assert!(number.text_content().unwrap().contains("(tạm)"));
    assert_eq!(text_of(&root, ".order-state"), "Yêu cầu báo giá");
    button(&root, "Xác nhận");
    let description: HtmlInputElement = find(&root, &by_label("Mô tả 2")).unchecked_into();
    assert!(description.disabled());
    assert_eq!(text_of(&root, ".totals-total"), "1.617.000 ₫");
}

#[wasm_bindgen_test]
async fn a_stored_purchase_order_is_confirmed_and_opens_its_vendor() {
    fake_shell("[]", "args => Promise.reject('unused')");
    answer(&format!(
        "{{list_purchases: args => [{PURCHASE}], list_products: args => [{PEN}],
          purchase_order: args => ({PURCHASE}),
          set_purchase_state: args => Object.assign({PURCHASE}, {{state: args.state}})}}"
    ));
    let root = mount(Screen::Sales(SalesWindow::Purchases));
    let row = wait_for_text(&root, ".sales-row", "P00007").await;
    row.unchecked_into::<HtmlElement>().click();
    wait_for(&root, ".purchase-form .order-number").await;
    assert_eq!(sent("purchase_order"), [r#"{"id":"po1"}"#]);
    assert_eq!(text_of(&root, ".order-state"), "Yêu cầu báo giá");
    assert_eq!(text_of(&root, ".purchase-form .date"), "20/11/2026");
    assert_eq!(value_of(&root, &by_label("Mô tả 1")), "Bút bi");
    assert_eq!(text_of(&root, ".totals-total"), "1.320.000 ₫");
    button(&root, "Xác nhận").click();
    let confirmed = wait_for_call("set_purchase_state", 1).await;
    assert_eq!(confirmed[0], r#"{"id":"po1","state":"purchase"}"#);
    wait_for_text(&root, ".order-state", "Đơn mua hàng").await;
    assert!(
        !texts_of_buttons(&root).contains(&"Xác nhận".to_owned()),
        "a confirmed order is not confirmed again"
    );
    button(&root, "Huỷ");
    // The vendor opens in one click, as a customer.
    find(&root, ".vendor-link").click();
    let asked = wait_for_call("customer", 1).await;
    assert!(asked[0].contains(r#""id":"v1""#), "{asked:?}");
    assert!(root.query_selector(".purchase-form").unwrap().is_none());
}

/// The texts of the buttons inside `root`.
fn texts_of_buttons(root: &Element) -> Vec<String> {
    super::screen_support::texts(root, "button")
}

#[wasm_bindgen_test]
async fn a_rep_cannot_confirm_a_purchase_order_but_opens_its_vendor() {
    fake_shell("[]", "args => Promise.reject('unused')");
    answer(&format!(
        "{{list_purchases: args => [{PURCHASE}], list_products: args => [],
          purchase_order: args => ({PURCHASE}),
          screen_context: () => ({{user_id: 'lan', salespeople: [], tags: [], activity_types: [],
              permissions: {{edit_products: false, edit_purchases: false}}, team: []}})}}"
    ));
    let root = mount(Screen::Sales(SalesWindow::Purchases));
    let row = wait_for_text(&root, ".sales-row", "P00007").await;
    row.unchecked_into::<HtmlElement>().click();
    let note = wait_for(&root, ".purchase-form .form-note").await;
    assert!(note.text_content().unwrap().contains("Chỉ quản lý"));
    let confirm: web_sys::HtmlButtonElement = button(&root, "Xác nhận").unchecked_into();
    assert!(confirm.disabled());
    confirm.click();
    next_tick().await;
    assert!(sent("set_purchase_state").is_empty());
    find(&root, ".vendor-link").click();
    let asked = wait_for_call("customer", 1).await;
    assert!(asked[0].contains(r#""id":"v1""#), "{asked:?}");
}
