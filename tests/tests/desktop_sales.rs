//! A visit through the real window, by visible labels (issue 13): the rep opens a customer,
//! makes a quotation with two product lines (prices from the products, totals rounded per
//! line), confirms it, creates and posts the invoice and registers a partial payment; the
//! customer's card then counts one sale, the form's Amount due shows the rest, and the card's
//! count opens the customer's orders. Run by `cargo xtask test` (Xvfb + tauri-driver); ignored
//! by a plain `cargo test`.

use clientele_model::sales::{ProductDraft, Vat};
use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::Replica;
use clientele_tests::app_replica::app_replica;
use clientele_tests::desktop::{text_of, wait_for, Desktop};
use fantoccini::Locator;

const CUSTOMER: &str = "Công ty Hoa Mai";

/// The customer and the two products the rep sells, made before the app first opens.
fn seed(data: &std::path::Path) {
    let mut replica = Replica::open(data).unwrap();
    replica
        .create_customer(&CustomerDraft {
            kind: CustomerKind::Company,
            name: CUSTOMER.into(),
            ..CustomerDraft::default()
        })
        .unwrap();
    for (name, price, vat) in [
        ("Cà phê hạt", 150_000, Vat::Ten),
        ("Trà ô long", 99_999, Vat::Eight),
    ] {
        replica
            .create_product(
                &ProductDraft {
                    name: name.into(),
                    internal_ref: String::new(),
                    unit: "kg".into(),
                    sales_price: price,
                    vat,
                    active: true,
                },
                &[],
            )
            .unwrap();
    }
}

/// Waits until some element's whole visible text is `text`.
async fn shows(app: &Desktop, text: &str, what: &str) {
    let xpath = format!("//*[normalize-space(.)='{text}']");
    app.xpath(&xpath, what).await;
}

/// Fills order line `n` with `product` and `quantity`, once the product's price is in.
async fn fill_line(app: &Desktop, n: usize, product: &str, quantity: &str) {
    app.button("Thêm dòng").await.click().await.unwrap();
    app.labelled(&format!("Sản phẩm {n}"))
        .await
        .select_by_label(product)
        .await
        .unwrap();
    let price = app.labelled(&format!("Đơn giá {n}")).await;
    wait_for(&format!("the price of {product}"), || async {
        let value = price.prop("value").await.ok().flatten().unwrap_or_default();
        (!value.trim().is_empty() && value.trim() != "0").then_some(())
    })
    .await;
    let field = app.labelled(&format!("Số lượng {n}")).await;
    field.clear().await.unwrap();
    field.send_keys(quantity).await.unwrap();
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run through `cargo xtask test`"]
async fn a_visit_from_quotation_to_partial_payment_through_the_window() {
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let app = Desktop::launch(data.path()).await;
    app.open_customer(CUSTOMER).await;

    // Sales ▸ New quotation from the customer's form: two product lines.
    app.button("Báo giá mới").await.click().await.unwrap();
    fill_line(&app, 1, "Cà phê hạt", "2").await;
    fill_line(&app, 2, "Trà ô long", "1,5").await;
    // 2 × 150.000 at 10% and 1,5 × 99.999 = 149.999 at 8% (tax 12.000): rounded per line.
    shows(&app, "491.999 ₫", "the order's total").await;
    app.screenshot("sales-quotation").await;

    // Confirm (it is saved first), then create and post the invoice.
    app.button("Xác nhận").await.click().await.unwrap();
    app.button("Tạo hoá đơn").await.click().await.unwrap();
    app.button("Vào sổ").await.click().await.unwrap();

    // A partial payment collected on the visit.
    app.button("Ghi nhận thanh toán")
        .await
        .click()
        .await
        .unwrap();
    let amount = app.control_in("//*[@role='dialog']", "Số tiền").await;
    amount.clear().await.unwrap();
    amount.send_keys("200.000").await.unwrap();
    app.button("Tạo thanh toán").await.click().await.unwrap();
    shows(&app, "291.999 ₫", "what is left to pay on the invoice").await;
    app.screenshot("sales-invoice-paid").await;

    // Back to the customers: the card counts one sale.
    app.button("Bán hàng ▾").await.click().await.unwrap();
    app.role("menuitem", "Khách hàng")
        .await
        .click()
        .await
        .unwrap();
    let card = app.card(CUSTOMER).await;
    let badge = wait_for("the card's sales count of 1", || async {
        card.find(Locator::Css("[aria-label='Bán hàng: 1']"))
            .await
            .ok()
    })
    .await;
    app.screenshot("sales-card-count").await;

    // The card's count opens the customer's orders.
    badge.click().await.unwrap();
    let row = app
        .xpath(
            "//tr[.//*[normalize-space(.)='491.999 ₫']]",
            "the customer's order in the Sales orders window",
        )
        .await;
    assert!(
        text_of(&row).await.contains(CUSTOMER),
        "{}",
        text_of(&row).await
    );
    let facet = app
        .find_css(".customer-facet .facet-value", "the customer facet")
        .await;
    assert_eq!(text_of(&facet).await.trim(), CUSTOMER);

    // The customer's form: Amount due is the rest.
    app.button("Bán hàng ▾").await.click().await.unwrap();
    app.role("menuitem", "Khách hàng")
        .await
        .click()
        .await
        .unwrap();
    app.open_customer(CUSTOMER).await;
    let due = app
        .find_css(
            ".button-box .amount-due .stat-value",
            "the form's Amount due",
        )
        .await;
    wait_for("the form's Amount due of 291.999 ₫", || async {
        (text_of(&due).await.trim() == "291.999 ₫").then_some(())
    })
    .await;
    app.screenshot("sales-amount-due").await;
    app.close().await;

    // What the window did is stored.
    let replica = app_replica(data.path());
    let customer = replica.list_customers().unwrap()[0].id.clone();
    let account = replica.customer_account(&customer).unwrap();
    assert_eq!((account.sales_count, account.amount_due), (1, 291_999));
}
