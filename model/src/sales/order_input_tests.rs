//! Tests of what a rep types on an order line: quantities ("1,5") and discounts ("12,5 %")
//! read into thousandths and hundredths, and every refusal naming its field.

use proptest::prelude::*;

use super::*;

#[test]
fn parse_quantity_reads_units_and_decimals() {
    let cases = [
        ("2", 2000),
        ("1,5", 1500),
        ("1.5", 1500),
        (" 0.25 ", 250),
        ("1,005", 1005),
        ("0,001", 1),
        (",5", 500),
        ("3.", 3000),
        ("1.5000", 1500),
        ("0010", 10_000),
    ];
    for (typed, milli) in cases {
        assert_eq!(parse_quantity(typed), Ok(milli), "{typed:?}");
    }
}

#[test]
fn parse_quantity_refuses_with_the_quantity_field() {
    let cases = [
        ("", SalesError::QuantityEmpty),
        ("0", SalesError::QuantityNotPositive),
        ("0,000", SalesError::QuantityNotPositive),
        ("-1", SalesError::QuantityNotPositive),
        ("abc", SalesError::QuantityInvalid { text: "abc".into() }),
        (
            "1.2.3",
            SalesError::QuantityInvalid {
                text: "1.2.3".into(),
            },
        ),
        (".", SalesError::QuantityInvalid { text: ".".into() }),
        (
            "1 000",
            SalesError::QuantityInvalid {
                text: "1 000".into(),
            },
        ),
        ("--1", SalesError::QuantityInvalid { text: "--1".into() }),
        (
            "1,2345",
            SalesError::QuantityTooPrecise {
                text: "1,2345".into(),
            },
        ),
        ("99999999999999999999", SalesError::QuantityTooLarge),
        ("9223372036854776", SalesError::QuantityTooLarge),
    ];
    for (typed, expected) in cases {
        let error = parse_quantity(typed).unwrap_err();
        assert_eq!(error, expected, "{typed:?}");
        assert_eq!(error.field(), "quantity");
        assert!(error.to_string().starts_with("quantity: "), "{error}");
    }
    assert_eq!(
        parse_quantity("1,2345").unwrap_err().to_string(),
        "quantity: \"1,2345\" has more than 3 decimals"
    );
}

#[test]
fn format_quantity_writes_no_trailing_zeros() {
    let cases = [
        (1500, "1.5"),
        (2000, "2"),
        (250, "0.25"),
        (1005, "1.005"),
        (1, "0.001"),
        (0, "0"),
        (-1500, "-1.5"),
        (i64::MIN, "-9223372036854775.808"),
    ];
    for (milli, written) in cases {
        assert_eq!(format_quantity(milli), written, "{milli}");
    }
}

#[test]
fn parse_discount_reads_percentages() {
    let cases = [
        ("12,5", 1250),
        ("12.5", 1250),
        ("12.5%", 1250),
        ("12,5 %", 1250),
        ("0", 0),
        ("-0", 0),
        ("100", 10_000),
        ("100.00", 10_000),
        ("0,01", 1),
    ];
    for (typed, bp) in cases {
        assert_eq!(parse_discount(typed), Ok(bp), "{typed:?}");
    }
}

#[test]
fn parse_discount_refuses_with_the_discount_field() {
    let cases = [
        ("", SalesError::DiscountEmpty),
        ("%", SalesError::DiscountEmpty),
        ("100,01", SalesError::DiscountOutOfRange),
        ("150", SalesError::DiscountOutOfRange),
        ("-5", SalesError::DiscountOutOfRange),
        ("99999999999999999999", SalesError::DiscountOutOfRange),
        ("ten", SalesError::DiscountInvalid { text: "ten".into() }),
        ("5%%", SalesError::DiscountInvalid { text: "5%%".into() }),
        (
            "12,345",
            SalesError::DiscountTooPrecise {
                text: "12,345".into(),
            },
        ),
    ];
    for (typed, expected) in cases {
        let error = parse_discount(typed).unwrap_err();
        assert_eq!(error, expected, "{typed:?}");
        assert_eq!(error.field(), "discount");
        assert!(error.to_string().starts_with("discount: "), "{error}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// What format_quantity writes, parse_quantity reads back.
    #[test]
    fn formatted_quantities_parse_back(milli in 1_i64..=i64::MAX) {
        prop_assert_eq!(parse_quantity(&format_quantity(milli)), Ok(milli));
    }
}
