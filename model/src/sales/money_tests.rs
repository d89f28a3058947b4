//! Tests of đồng amounts: VAT rates, half-up rounding, and parsing and writing amounts the way
//! Vietnamese reps type and read them, each refusal naming the `amount` field.

use proptest::prelude::*;

use super::*;

#[test]
fn vat_rates_round_trip_and_say_their_percent_and_label() {
    let expected = [
        (Vat::Ten, "10", 10, "10%"),
        (Vat::Eight, "8", 8, "8%"),
        (Vat::Five, "5", 5, "5%"),
        (Vat::Zero, "0", 0, "0%"),
        (Vat::Exempt, "exempt", 0, "Exempt"),
    ];
    assert_eq!(Vat::ALL.len(), expected.len());
    for ((vat, stored, percent, label), listed) in expected.into_iter().zip(Vat::ALL) {
        assert_eq!(vat, listed);
        assert_eq!(vat.as_str(), stored);
        assert_eq!(Vat::parse(stored), Some(vat));
        assert_eq!(vat.percent(), percent);
        assert_eq!(vat.label(), label);
        // Stored and serialized alike.
        assert_eq!(
            serde_json::to_string(&vat).unwrap(),
            format!("\"{stored}\"")
        );
    }
    for junk in ["", "10%", "Exempt", "7", " 10"] {
        assert_eq!(Vat::parse(junk), None, "{junk:?}");
    }
}

#[test]
fn round_div_rounds_halves_away_from_zero() {
    let cases = [
        (5, 2, 3),
        (-5, 2, -3),
        (5, -2, -3),
        (-5, -2, 3),
        (7, 2, 4),
        (4, 3, 1),
        (5, 3, 2),
        (-4, 3, -1),
        (-5, 3, -2),
        (149, 100, 1),
        (150, 100, 2),
        (-150, 100, -2),
        (0, 7, 0),
        (6, 3, 2),
        (9, 1, 9),
    ];
    for (numerator, denominator, expected) in cases {
        assert_eq!(
            round_div(numerator, denominator),
            expected,
            "{numerator}/{denominator}"
        );
    }
}

#[test]
fn round_div_never_panics_at_the_edges() {
    assert_eq!(round_div(42, 0), 0);
    assert_eq!(round_div(i128::MIN, -1), i128::MAX);
    assert_eq!(round_div(i128::MIN, 1), i128::MIN);
    assert_eq!(round_div(i128::MAX, 2), i128::MAX / 2 + 1);
    assert_eq!(round_div(i128::MIN, 2), i128::MIN / 2);
    assert_eq!(round_div(i128::MAX, i128::MAX), 1);
    assert_eq!(round_div(i128::MIN, i128::MIN), 1);
}

#[test]
fn parse_vnd_reads_amounts_as_reps_type_them() {
    let cases = [
        ("1500000", 1_500_000),
        ("1.500.000", 1_500_000),
        ("1 500 000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("1\u{a0}500\u{a0}000", 1_500_000),
        ("1.500.000 ₫", 1_500_000),
        ("1.500.000₫", 1_500_000),
        ("1.500.000 đ", 1_500_000),
        ("1.500.000đ", 1_500_000),
        ("1.500.000 VND", 1_500_000),
        ("1500000 vnd", 1_500_000),
        ("1.500.000 VNĐ", 1_500_000),
        ("  25.000  ", 25_000),
        ("-1.500", -1_500),
        ("-1.500 ₫", -1_500),
        ("- 200", -200),
        ("0", 0),
        ("-0", 0),
        ("999", 999),
        ("1.000", 1_000),
        ("1,000", 1_000),
        ("1.000.000.000.000.000", MAX_AMOUNT),
    ];
    for (typed, expected) in cases {
        assert_eq!(parse_vnd(typed), Ok(expected), "{typed:?}");
    }
}

#[test]
fn parse_vnd_refuses_decimals_with_a_message_naming_the_amount() {
    for typed in [
        "1,5",
        "1.5",
        "12,50",
        "1.500,50",
        "1,500.50",
        "1.500,000",
        "12.3456",
        "1 500.000",
    ] {
        let error = parse_vnd(typed).unwrap_err();
        assert_eq!(
            error,
            SalesError::AmountHasDecimals {
                text: typed.to_owned()
            },
            "{typed:?}"
        );
        assert_eq!(error.field(), "amount");
        let message = error.to_string();
        assert!(message.starts_with("amount: "), "{message}");
        assert!(
            message.contains(typed) && message.contains("whole"),
            "{message}"
        );
    }
}

#[test]
fn parse_vnd_refuses_junk_and_misplaced_separators() {
    for typed in [
        "abc",
        "12a",
        "1..500",
        "1.",
        ".500",
        "1234.567",
        "1.5000.000",
        "1.500 000",
        "--5",
        "+5",
        "₫",
        "VND",
        "-",
        "1e6",
        "١٢٣",
        "1_000",
        "$100",
    ] {
        let error = parse_vnd(typed).unwrap_err();
        assert_eq!(
            error,
            SalesError::AmountInvalid {
                text: typed.trim().to_owned()
            },
            "{typed:?}"
        );
        assert_eq!(error.field(), "amount");
        assert!(error.to_string().starts_with("amount: \""), "{error}");
    }
}

#[test]
fn parse_vnd_refuses_empty_and_too_large_amounts() {
    for empty in ["", "   "] {
        let error = parse_vnd(empty).unwrap_err();
        assert_eq!(error, SalesError::AmountEmpty);
        assert_eq!(
            error.to_string(),
            "amount: enter an amount in đồng, e.g. 1.500.000"
        );
    }
    for huge in [
        "1.000.000.000.000.001",
        "-1.000.000.000.000.001",
        "99999999999999999999999999999",
    ] {
        let error = parse_vnd(huge).unwrap_err();
        assert_eq!(error, SalesError::AmountTooLarge, "{huge:?}");
        assert_eq!(error.field(), "amount");
        // The message's limit is MAX_AMOUNT.
        assert!(
            error.to_string().contains(&format_vnd(MAX_AMOUNT)),
            "{error}"
        );
    }
}

#[test]
fn format_vnd_groups_digits_with_dots() {
    let cases = [
        (0, "0 ₫"),
        (5, "5 ₫"),
        (999, "999 ₫"),
        (1_000, "1.000 ₫"),
        (25_000, "25.000 ₫"),
        (1_500_000, "1.500.000 ₫"),
        (-1_500, "-1.500 ₫"),
        (-999, "-999 ₫"),
        (MAX_AMOUNT, "1.000.000.000.000.000 ₫"),
        (i64::MAX, "9.223.372.036.854.775.807 ₫"),
        (i64::MIN, "-9.223.372.036.854.775.808 ₫"),
    ];
    for (amount, written) in cases {
        assert_eq!(format_vnd(amount), written, "{amount}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// What format_vnd writes, parse_vnd reads back.
    #[test]
    fn formatted_amounts_parse_back(amount in -MAX_AMOUNT..=MAX_AMOUNT) {
        prop_assert_eq!(parse_vnd(&format_vnd(amount)), Ok(amount));
    }

    /// round_div agrees with exact rational rounding: |n/d - q| ≤ 1/2, ties away from zero.
    #[test]
    fn round_div_is_within_half(
        numerator in -(1_i128 << 100)..(1_i128 << 100),
        denominator in prop_oneof![1_i128..1_000_000, -1_000_000_i128..0],
    ) {
        let quotient = round_div(numerator, denominator);
        let error = (quotient * denominator - numerator).abs() * 2;
        prop_assert!(error <= denominator.abs());
        if error == denominator.abs() {
            // A tie: away from zero.
            prop_assert!(quotient.abs() * denominator.abs() > numerator.abs());
        }
    }
}
