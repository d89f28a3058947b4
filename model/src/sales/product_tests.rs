//! Tests of products and pricelist prices: what the product form refuses, with its field, and
//! the price a pricelist rule gives.

use super::*;

fn coffee() -> ProductDraft {
    ProductDraft {
        name: "Cà phê hạt Robusta 1kg".to_owned(),
        internal_ref: "CF-RB-1".to_owned(),
        unit: "Units".to_owned(),
        sales_price: 250_000,
        vat: Vat::Five,
        active: true,
    }
}

#[test]
fn a_complete_product_is_valid() {
    assert_eq!(coffee().validate(), Ok(()));
    let free_sample = ProductDraft {
        sales_price: 0,
        internal_ref: String::new(),
        ..coffee()
    };
    assert_eq!(free_sample.validate(), Ok(()));
    let longest = ProductDraft {
        name: format!("  {}  ", "đ".repeat(MAX_PRODUCT_NAME_LEN)),
        ..coffee()
    };
    assert_eq!(longest.validate(), Ok(()));
}

#[test]
fn the_product_form_refuses_with_the_field_and_a_fix() {
    let cases = [
        (
            ProductDraft {
                name: "   ".into(),
                ..coffee()
            },
            "name",
            "name: enter the product's name",
        ),
        (
            ProductDraft {
                name: "x".repeat(201),
                ..coffee()
            },
            "name",
            "name: is 201 characters long; the most is 200",
        ),
        (
            ProductDraft {
                unit: " ".into(),
                ..coffee()
            },
            "unit",
            "unit: enter the unit the product is sold in, e.g. Units",
        ),
        (
            ProductDraft {
                sales_price: -1,
                ..coffee()
            },
            "sales_price",
            "sales_price: must not be negative",
        ),
        (
            ProductDraft {
                sales_price: MAX_AMOUNT + 1,
                ..coffee()
            },
            "sales_price",
            "sales_price: the amount is too large; the most is 1.000.000.000.000.000 ₫",
        ),
    ];
    for (draft, field, message) in cases {
        let error = draft.validate().unwrap_err();
        assert_eq!(error.field(), field, "{draft:?}");
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn pricelist_prices_follow_the_rule() {
    assert_eq!(pricelist_price(250_000, None), 250_000);
    assert_eq!(
        pricelist_price(250_000, Some(&PriceRule::Fixed(199_000))),
        199_000
    );
    assert_eq!(
        pricelist_price(250_000, Some(&PriceRule::PercentOff(1000))),
        225_000
    );
    assert_eq!(
        pricelist_price(250_000, Some(&PriceRule::PercentOff(0))),
        250_000
    );
    assert_eq!(
        pricelist_price(250_000, Some(&PriceRule::PercentOff(10_000))),
        0
    );
    // 12.5% off 99.999 = 87.499,125 → 87.499; 50% off 99.999 = 49.999,5 → 50.000 (half up).
    assert_eq!(
        pricelist_price(99_999, Some(&PriceRule::PercentOff(1250))),
        87_499
    );
    assert_eq!(
        pricelist_price(99_999, Some(&PriceRule::PercentOff(5000))),
        50_000
    );
    // Out-of-range percentages count as their bound; extreme prices do not overflow.
    assert_eq!(
        pricelist_price(1000, Some(&PriceRule::PercentOff(-50))),
        1000
    );
    assert_eq!(
        pricelist_price(1000, Some(&PriceRule::PercentOff(i64::MAX))),
        0
    );
    assert_eq!(
        pricelist_price(Vnd::MAX, Some(&PriceRule::PercentOff(1))),
        9_222_449_699_651_090_329
    );
    assert_eq!(
        pricelist_price(Vnd::MIN, Some(&PriceRule::PercentOff(0))),
        Vnd::MIN
    );
}

#[test]
fn price_rules_validate_their_amounts() {
    assert_eq!(PriceRule::Fixed(0).validate(), Ok(()));
    assert_eq!(PriceRule::PercentOff(10_000).validate(), Ok(()));
    let error = PriceRule::Fixed(-1).validate().unwrap_err();
    assert_eq!(
        (error.field(), error.to_string().as_str()),
        (
            "price",
            "price: a pricelist's fixed price must not be negative"
        )
    );
    for bp in [-1, 10_001] {
        let error = PriceRule::PercentOff(bp).validate().unwrap_err();
        assert_eq!(error, SalesError::DiscountOutOfRange);
        assert_eq!(error.field(), "discount");
    }
}
