//! The sales windows (issue 13) against the fake shell: the card's sales count opens the
//! customer's Sales orders, the order form's live totals and Save, and registering a payment
//! on an invoice with the shell's refusal shown naming its field.

use super::*;
use web_sys::HtmlSelectElement;

/// Adds `handlers` (a JS object of command name → function of the args) to the fake shell.
fn answer(handlers: &str) {
    js_sys::eval(&format!("Object.assign(window.__screen, {handlers});"))
        .expect("the handlers script runs");
}

/// The arguments of every `cmd` call so far, as JSON text, oldest first.
fn sent(cmd: &str) -> Vec<String> {
    let found = js_sys::eval(&format!(
        "window.__calls.filter(c => c[0] === '{cmd}').map(c => JSON.stringify(c[1]))"
    ))
    .unwrap();
    js_sys::Array::from(&found)
        .iter()
        .map(|q| q.as_string().unwrap())
        .collect()
}

/// Waits until `cmd` has been called at least `count` times.
async fn wait_for_call(cmd: &str, count: usize) -> Vec<String> {
    let deadline = js_sys::Date::now() + 5_000.0;
    loop {
        yew::scheduler::flush().await;
        let calls = sent(cmd);
        if calls.len() >= count {
            return calls;
        }
        assert!(
            js_sys::Date::now() < deadline,
            "timed out waiting for {cmd}: {}",
            super::calls()
        );
        next_tick().await;
    }
}

/// Chooses `value` in the select labelled `label`, as a user would (value, then `change`).
fn choose(root: &Element, label: &str, value: &str) {
    let select: HtmlSelectElement = labelled(root, label).unchecked_into();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    select.dispatch_event(&event).unwrap();
}

/// Types into the input with `aria-label` `label`.
fn type_labelled(root: &Element, label: &str, text: &str) {
    type_text(&labelled(root, label).unchecked_into(), text);
}

fn text_of(root: &Element, css: &str) -> String {
    root.query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {css}"))
        .text_content()
        .unwrap_or_default()
}

/// JS: an order summary of Đào's.
const ORDERS: &str = "[
    {id: 'o1', customer_id: 'c1', customer_name: 'Nguyễn Thị Đào', provisional_number: 'D1-0001',
     number: '', state: 'quotation', date: '2026-11-28', total: 1250000},
    {id: 'o2', customer_id: 'c1', customer_name: 'Nguyễn Thị Đào', provisional_number: 'D1-0002',
     number: 'S00012', state: 'sale', date: '2026-11-27', total: 330000}]";

#[wasm_bindgen_test]
async fn the_card_sales_count_opens_the_customers_sales_orders() {
    let dao = row("c1", "Nguyễn Thị Đào", "dao@donga.vn", "sales_count: 2");
    fake_shell(&format!("[{dao}]"), "args => Promise.reject('unused')");
    answer(&format!("{{list_orders: args => {ORDERS}}}"));
    let root = mount(Screen::Customers);
    let badge = wait_for(&root, "[aria-label='Bán hàng: 2']").await;
    badge.unchecked_into::<HtmlElement>().click();
    wait_for(&root, ".sales-row").await;
    assert_eq!(heading(&root), "Đơn bán hàng");
    assert!(
        root.query_selector("form.customer-form").unwrap().is_none(),
        "the badge opens the orders, not the customer"
    );
    let facet = text_of(&root, ".customer-facet");
    assert!(facet.contains("Nguyễn Thị Đào"), "{facet}");
    let queries = wait_for_call("list_orders", 1).await;
    assert!(queries[0].contains(r#""customer_id":"c1""#), "{queries:?}");
    // Opened from the count: every state, so the rows match the count.
    assert!(queries[0].contains(r#""states":[]"#), "{queries:?}");
    let first = wait_for_text(&root, ".sales-row", "D1-0001").await;
    let text = first.text_content().unwrap();
    for shown in [
        "D1-0001 (tạm)",
        "Nguyễn Thị Đào",
        "28/11/2026",
        "Báo giá",
        "1.250.000 ₫",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    assert!(first.query_selector(".provisional").unwrap().is_some());
    let official = wait_for_text(&root, ".sales-row", "S00012").await;
    assert!(!official.text_content().unwrap().contains("(tạm)"));
    // Removing the facet lists everyone's orders again.
    labelled(&root, "Bỏ").click();
    let queries = wait_for_call("list_orders", 2).await;
    assert!(
        !queries.last().unwrap().contains("customer_id"),
        "{queries:?}"
    );
    // Typing in the search box asks again with the text.
    type_labelled(&root, "Tìm kiếm", "S000");
    let queries = wait_for_call("list_orders", 3).await;
    assert!(
        queries.last().unwrap().contains(r#""search":"S000""#),
        "{queries:?}"
    );
}

#[wasm_bindgen_test]
async fn the_order_form_totals_two_lines_live_and_save_creates_the_quotation() {
    let dao = row("c1", "Nguyễn Thị Đào", "dao@donga.vn", "");
    fake_shell(&format!("[{dao}]"), "args => Promise.reject('unused')");
    answer(
        "{list_orders: args => [],
          list_products: args => [{id: 'p1', draft: {name: 'Bút bi', internal_ref: 'BB',
              unit: 'Hộp', sales_price: 160000, vat: '10', active: true}, prices: []}],
          order_defaults: args => ({customer_id: args.customerId, date: '', invoice_address_id: null,
              delivery_address_id: null, pricelist_id: 'pl1', payment_terms_id: null,
              salesperson_id: null, note: '', lines: []}),
          product_price: args => 150000,
          create_quotation: args => ({id: 'o9', customer_id: args.order.customer_id,
              provisional_number: 'D1-0009', number: '', state: 'quotation', date: args.order.date,
              invoice_address_id: 'c1', delivery_address_id: 'c1', pricelist_id: 'pl1',
              payment_terms_id: null, salesperson_id: null, note: '',
              lines: args.order.lines.map((l, i) => ({id: 'l' + i, line: l.line})),
              totals: {untaxed: 449999, tax: 42000, total: 491999}})}",
    );
    let root = mount(Screen::Sales(SalesWindow::Quotations));
    wait_for(&root, ".sales-window").await;
    button(&root, "Báo giá mới").click();
    wait_for(&root, ".order-form").await;
    // The customer, from the picker.
    wait_for_text(&root, ".customer-picker option", "Nguyễn Thị Đào").await;
    choose(&root, "Chọn khách hàng", "c1");
    wait_for(&root, ".customer-link").await;
    wait_for_call("order_defaults", 1).await;
    next_tick().await;
    // Line 1: a product at the pricelist's price, 2 units, 10% VAT.
    wait_for_text(&root, "option", "Bút bi").await;
    choose(&root, "Sản phẩm 1", "p1");
    let prices = wait_for_call("product_price", 1).await;
    assert!(prices[0].contains(r#""pricelistId":"pl1""#), "{prices:?}");
    wait_for_text(&root, ".order-line", "").await;
    let deadline = js_sys::Date::now() + 5_000.0;
    while labelled(&root, "Đơn giá 1")
        .unchecked_into::<HtmlInputElement>()
        .value()
        != "150.000"
    {
        assert!(
            js_sys::Date::now() < deadline,
            "the pricelist price fills the line"
        );
        next_tick().await;
    }
    assert_eq!(
        labelled(&root, "Mô tả 1")
            .unchecked_into::<HtmlInputElement>()
            .value(),
        "Bút bi"
    );
    type_labelled(&root, "Số lượng 1", "2");
    next_tick().await;
    // Line 2: free text, 1,5 × 99.999 at 8%.
    button(&root, "Thêm dòng").click();
    wait_for(&root, "[aria-label='Mô tả 2']").await;
    type_labelled(&root, "Mô tả 2", "Giấy A4");
    next_tick().await;
    type_labelled(&root, "Số lượng 2", "1,5");
    next_tick().await;
    type_labelled(&root, "Đơn giá 2", "99.999");
    next_tick().await;
    choose(&root, "Thuế GTGT 2", "8");
    wait_for_text(&root, ".totals-total", "491.999 ₫").await;
    assert_eq!(text_of(&root, ".totals-untaxed"), "449.999 ₫");
    assert_eq!(text_of(&root, ".totals-tax"), "42.000 ₫");
    let subtotal = text_of(&root, "[data-line='2'] .line-subtotal");
    assert_eq!(subtotal, "149.999 ₫");
    button(&root, "Lưu").click();
    let created = wait_for_call("create_quotation", 1).await;
    let sent = &created[0];
    for part in [
        r#""customer_id":"c1""#,
        r#""pricelist_id":"pl1""#,
        r#""product_id":"p1""#,
        r#""quantity_milli":2000"#,
        r#""unit_price":150000"#,
        r#""vat":"10""#,
        r#""description":"Giấy A4""#,
        r#""quantity_milli":1500"#,
        r#""unit_price":99999"#,
        r#""vat":"8""#,
    ] {
        assert!(sent.contains(part), "{part} in {sent}");
    }
    let number = wait_for_text(&root, ".order-number", "D1-0009").await;
    assert!(number.text_content().unwrap().contains("(tạm)"));
    button(&root, "Xác nhận");
}

/// JS: a posted invoice of Đào's with 330.000 ₫ left to pay.
const INVOICE: &str = "({id: 'i1', customer_id: 'c1', order_id: 'o2',
    provisional_number: 'D1-HD-0001', number: 'INV/2026/0001', state: 'posted',
    date: '2026-11-28', address_id: 'c1',
    lines: [{id: 'l1', line: {product_id: null, description: 'Bút bi', quantity_milli: 2000,
        unit_price: 150000, discount_bp: 0, vat: '10'}}],
    totals: {untaxed: 300000, tax: 30000, total: 330000}, residual: 330000})";

/// JS: `INVOICE` as the Invoices window lists it.
const INVOICE_ROW: &str = "({id: 'i1', customer_id: 'c1', customer_name: 'Nguyễn Thị Đào',
    order_id: 'o2', provisional_number: 'D1-HD-0001', number: 'INV/2026/0001', state: 'posted',
    date: '2026-11-28', total: 330000, residual: 330000})";

#[wasm_bindgen_test]
async fn registering_a_payment_allocates_it_and_shows_the_refusal_naming_its_field() {
    fake_shell("[]", "args => Promise.reject('unused')");
    answer(&format!(
        "{{list_invoices: args => [{INVOICE_ROW}], invoice: args => {INVOICE},
          register_payment: args => Promise.reject({{code: 'validation', field: 'allocations',
              message: 'allocations: 500.000 ₫ is allocated to invoice \"i1\", but only 330.000 ₫ is left to pay on it'}})}}"
    ));
    let root = mount(Screen::Sales(SalesWindow::Invoices));
    let row = wait_for_text(&root, ".sales-row", "INV/2026/0001").await;
    assert!(row.text_content().unwrap().contains("330.000 ₫"));
    row.unchecked_into::<HtmlElement>().click();
    wait_for(&root, ".invoice-form .amount-due").await;
    assert_eq!(text_of(&root, ".amount-due"), "330.000 ₫");
    button(&root, "Ghi nhận thanh toán").click();
    wait_for(&root, ".payment-dialog").await;
    let amount: HtmlInputElement = root
        .query_selector("#payment-amount")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        amount.value(),
        "330.000",
        "prefilled with what is left to pay"
    );
    type_into(&root, "Số tiền", "500.000");
    type_into(&root, "Tham chiếu", "PT-0042");
    next_tick().await;
    button(&root, "Tạo thanh toán").click();
    let payments = wait_for_call("register_payment", 1).await;
    for part in [
        r#""customer_id":"c1""#,
        r#""amount":500000"#,
        r#""method":"cash""#,
        r#""reference":"PT-0042""#,
        r#""allocations":[{"invoice_id":"i1","amount":500000}]"#,
    ] {
        assert!(payments[0].contains(part), "{part} in {}", payments[0]);
    }
    let refusal = wait_for(&root, ".payment-error[data-field='allocations']").await;
    let text = refusal.text_content().unwrap();
    assert!(text.contains("Phân bổ"), "{text}");
    assert!(text.contains("allocations: 500.000 ₫"), "{text}");
    assert!(
        root.query_selector(".payment-dialog").unwrap().is_some(),
        "the dialog stays open"
    );
    // An amount that is not one is refused beside its field, without asking the shell.
    type_into(&root, "Số tiền", "12,5");
    next_tick().await;
    button(&root, "Tạo thanh toán").click();
    let beside = wait_for(&root, "#payment-amount-error").await;
    assert!(beside.text_content().unwrap().contains("amount"));
    assert_eq!(sent("register_payment").len(), 1);
}

#[wasm_bindgen_test]
async fn from_a_payment_in_its_list_the_customer_opens_in_one_click() {
    fake_shell("[]", "args => Promise.reject('unused')");
    answer(
        "{list_payments: args => [{id: 'p1', customer_id: 'c1', customer_name: 'Nguyễn Thị Đào',
            provisional_number: 'D1-TT-0001', number: 'PAY/2026/00001', cancelled: false,
            date: '2026-11-28', amount: 200000, method: 'cash', reference: ''}]}",
    );
    let root = mount(Screen::Sales(SalesWindow::Payments));
    let row = wait_for_text(&root, ".sales-row", "PAY/2026/00001").await;
    let link: HtmlElement = row
        .query_selector(".customer-link")
        .unwrap()
        .expect("the customer's name is a link")
        .unchecked_into();
    assert_eq!(link.text_content().as_deref(), Some("Nguyễn Thị Đào"));
    link.click();
    let asked = wait_for_call("customer", 1).await;
    assert!(asked[0].contains(r#""id":"c1""#), "{asked:?}");
    assert!(root.query_selector(".sales-window").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn from_an_invoice_the_customer_opens_in_one_click() {
    fake_shell("[]", "args => Promise.reject('unused')");
    answer(&format!(
        "{{list_invoices: args => [{INVOICE_ROW}], invoice: args => {INVOICE}}}"
    ));
    let root = mount(Screen::Sales(SalesWindow::Invoices));
    let row = wait_for_text(&root, ".sales-row", "INV/2026/0001").await;
    row.unchecked_into::<HtmlElement>().click();
    let link = wait_for(&root, ".invoice-form .customer-link").await;
    link.unchecked_into::<HtmlElement>().click();
    let asked = wait_for_call("customer", 1).await;
    assert!(asked[0].contains(r#""id":"c1""#), "{asked:?}");
    assert!(root.query_selector(".invoice-form").unwrap().is_none());
}
