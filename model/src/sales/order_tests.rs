//! Tests of order lines and orders: amounts rounded per line to the đồng, every refusal naming
//! its field (and its line), the order's states, and typed quantities and discounts.

use proptest::prelude::*;

use super::*;

/// A valid line: `quantity_milli` thousandths of a unit at `unit_price`, no discount, 10% VAT.
fn line(quantity_milli: i64, unit_price: Vnd) -> OrderLine {
    OrderLine {
        product_id: None,
        description: "Cà phê hạt Robusta 1kg".to_owned(),
        quantity_milli,
        unit_price,
        discount_bp: 0,
        vat: Vat::Ten,
    }
}

fn amounts(untaxed: Vnd, tax: Vnd, total: Vnd) -> LineAmounts {
    LineAmounts {
        untaxed,
        tax,
        total,
    }
}

#[test]
fn a_line_is_quantity_times_price_less_discount_plus_vat() {
    assert_eq!(
        line_amounts(&line(2000, 150_000)),
        Ok(amounts(300_000, 30_000, 330_000))
    );
    // 1.5 × 99.999 = 149.998,5 → 149.999 (half up); VAT 14.999,9 → 15.000.
    assert_eq!(
        line_amounts(&line(1500, 99_999)),
        Ok(amounts(149_999, 15_000, 164_999))
    );
    // 12.5% off 3 × 1.000.000, at 8% VAT.
    let discounted = OrderLine {
        quantity_milli: 3000,
        unit_price: 1_000_000,
        discount_bp: 1250,
        vat: Vat::Eight,
        ..line(0, 0)
    };
    assert_eq!(
        line_amounts(&discounted),
        Ok(amounts(2_625_000, 210_000, 2_835_000))
    );
    // 0.001 × 499 = 0,499 → 0; 0.001 × 500 = 0,5 → 1 (half up).
    assert_eq!(line_amounts(&line(1, 499)), Ok(amounts(0, 0, 0)));
    assert_eq!(line_amounts(&line(1, 500)), Ok(amounts(1, 0, 1)));
    // VAT 5% of 10 = 0,5 → 1.
    let five = OrderLine {
        vat: Vat::Five,
        ..line(1000, 10)
    };
    assert_eq!(line_amounts(&five), Ok(amounts(10, 1, 11)));
}

#[test]
fn exempt_zero_rated_free_and_fully_discounted_lines_have_no_tax() {
    for vat in [Vat::Zero, Vat::Exempt] {
        let untaxed = OrderLine {
            vat,
            ..line(1000, 50_000)
        };
        assert_eq!(line_amounts(&untaxed), Ok(amounts(50_000, 0, 50_000)));
    }
    assert_eq!(line_amounts(&line(5000, 0)), Ok(amounts(0, 0, 0)));
    let gift = OrderLine {
        discount_bp: 10_000,
        ..line(1000, 50_000)
    };
    assert_eq!(line_amounts(&gift), Ok(amounts(0, 0, 0)));
}

#[test]
fn a_product_line_needs_no_description_but_a_free_line_does() {
    let product_line = OrderLine {
        product_id: Some("p-robusta".to_owned()),
        description: String::new(),
        ..line(1000, 10_000)
    };
    assert!(line_amounts(&product_line).is_ok());
    for product_id in [None, Some(String::new()), Some("  ".to_owned())] {
        let bare = OrderLine {
            product_id,
            description: "   ".to_owned(),
            ..line(1000, 10_000)
        };
        let error = line_amounts(&bare).unwrap_err();
        assert_eq!(error, SalesError::DescriptionMissing);
        assert_eq!(error.field(), "description");
        assert_eq!(
            error.to_string(),
            "description: enter a description or choose a product"
        );
    }
}

#[test]
fn line_amounts_refuse_bad_quantities_prices_and_discounts_naming_the_field() {
    let cases = [
        (line(0, 1000), "quantity", "quantity: must be more than 0"),
        (
            line(-1500, 1000),
            "quantity",
            "quantity: must be more than 0",
        ),
        (
            line(1000, -1),
            "unit_price",
            "unit_price: must not be negative",
        ),
        (
            line(1000, MAX_AMOUNT + 1),
            "unit_price",
            "unit_price: the amount is too large; the most is 1.000.000.000.000.000 ₫",
        ),
        (
            OrderLine {
                discount_bp: -1,
                ..line(1000, 1000)
            },
            "discount",
            "discount: must be between 0% and 100%",
        ),
        (
            OrderLine {
                discount_bp: 10_001,
                ..line(1000, 1000)
            },
            "discount",
            "discount: must be between 0% and 100%",
        ),
    ];
    for (bad, field, message) in cases {
        let error = line_amounts(&bad).unwrap_err();
        assert_eq!(error.field(), field, "{bad:?}");
        assert_eq!(error.to_string(), message, "{bad:?}");
    }
}

#[test]
fn line_amounts_refuse_amounts_above_the_limit_without_overflowing() {
    // 10^15 untaxed is allowed only without VAT; with it the total is above the limit.
    let at_limit = OrderLine {
        vat: Vat::Exempt,
        ..line(1000, MAX_AMOUNT)
    };
    assert_eq!(
        line_amounts(&at_limit),
        Ok(amounts(MAX_AMOUNT, 0, MAX_AMOUNT))
    );
    for too_large in [
        line(1000, MAX_AMOUNT),
        line(2000, MAX_AMOUNT / 2 + 1),
        line(i64::MAX, MAX_AMOUNT),
        line(i64::MAX, 1),
    ] {
        let error = line_amounts(&too_large).unwrap_err();
        assert_eq!(error, SalesError::LineTooLarge, "{too_large:?}");
        assert_eq!(error.field(), "quantity");
        assert!(error.to_string().contains("too large"), "{error}");
    }
}

#[test]
fn order_totals_sum_lines_rounded_one_by_one() {
    // Each 0.001 × 500 rounds to 1 đồng; the exact sum (1,5) would round to 2, per line it is 3.
    let lines = vec![line(1, 500), line(1, 500), line(1, 500)];
    assert_eq!(
        order_totals(&lines),
        Ok(OrderTotals {
            untaxed: 3,
            tax: 0,
            total: 3
        })
    );
    let order = vec![line(2000, 150_000), line(1500, 99_999)];
    assert_eq!(
        order_totals(&order),
        Ok(OrderTotals {
            untaxed: 449_999,
            tax: 45_000,
            total: 494_999
        })
    );
    assert_eq!(order_totals(&[]), Ok(OrderTotals::default()));
}

#[test]
fn order_totals_name_the_refused_line_counting_from_one() {
    let lines = vec![line(1000, 10_000), line(0, 10_000), line(-5, 1)];
    let error = order_totals(&lines).unwrap_err();
    assert_eq!(
        error,
        SalesError::Line {
            index: 1,
            source: Box::new(SalesError::QuantityNotPositive)
        }
    );
    assert_eq!(error.to_string(), "line 2: quantity: must be more than 0");
    assert_eq!(error.field(), "quantity");
    assert_eq!(error.innermost(), &SalesError::QuantityNotPositive);
}

#[test]
fn order_totals_refuse_an_order_above_the_limit() {
    let half = OrderLine {
        vat: Vat::Exempt,
        ..line(1000, MAX_AMOUNT / 2)
    };
    assert!(order_totals(&[half.clone(), half.clone()]).is_ok());
    let error = order_totals(&[half.clone(), half.clone(), line(1000, 1)]).unwrap_err();
    assert_eq!(error, SalesError::OrderTooLarge);
    assert_eq!(error.field(), "lines");
    assert!(error
        .to_string()
        .starts_with("lines: the order's total is too large"));
}

#[test]
fn order_states_round_trip() {
    for (state, stored) in [
        (OrderState::Quotation, "quotation"),
        (OrderState::Sent, "sent"),
        (OrderState::Sale, "sale"),
        (OrderState::Cancelled, "cancelled"),
    ] {
        assert_eq!(state.as_str(), stored);
        assert_eq!(OrderState::parse(stored), Some(state));
        assert_eq!(
            serde_json::to_string(&state).unwrap(),
            format!("\"{stored}\"")
        );
    }
    assert_eq!(OrderState::parse("draft"), None);
    assert_eq!(OrderState::parse("Sale"), None);
}

#[test]
fn order_transitions_follow_odoos_buttons() {
    use OrderState::*;
    let allowed = [
        (Quotation, Sent),
        (Quotation, Sale),
        (Sent, Sale),
        (Quotation, Cancelled),
        (Sent, Cancelled),
        (Sale, Cancelled),
        (Cancelled, Quotation),
    ];
    for from in OrderState::ALL {
        for to in OrderState::ALL {
            let result = from.transition(to);
            if allowed.contains(&(from, to)) {
                assert_eq!(result, Ok(to), "{from:?} → {to:?}");
            } else {
                let error = result.unwrap_err();
                assert_eq!(error, SalesError::OrderTransition { from, to });
                assert_eq!(error.field(), "state");
                assert!(error.to_string().starts_with("state: "), "{error}");
            }
        }
    }
}

#[test]
fn refused_order_transitions_say_what_to_do() {
    use OrderState::*;
    let message = |from: OrderState, to| from.transition(to).unwrap_err().to_string();
    assert_eq!(
        message(Sale, Sale),
        "state: the order is already a sales order"
    );
    assert_eq!(
        message(Cancelled, Cancelled),
        "state: the order is already cancelled"
    );
    assert_eq!(
        message(Sale, Quotation),
        "state: a confirmed sales order cannot become a quotation; cancel it, then set it back \
         to quotation"
    );
    assert_eq!(
        message(Cancelled, Sale),
        "state: a cancelled order must be set back to quotation first"
    );
    assert_eq!(
        message(Sent, Quotation),
        "state: A sent quotation cannot become a quotation; confirm it or cancel it"
    );
}

/// Valid lines with amounts small enough that no order of 20 reaches the limit.
fn valid_line() -> impl Strategy<Value = OrderLine> {
    (
        1_i64..=10_000_000,
        0_i64..=1_000_000_000,
        prop_oneof![Just(0_i64), 0_i64..=10_000],
        proptest::sample::select(Vat::ALL.to_vec()),
    )
        .prop_map(|(quantity_milli, unit_price, discount_bp, vat)| OrderLine {
            product_id: None,
            description: "Hàng".to_owned(),
            quantity_milli,
            unit_price,
            discount_bp,
            vat,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Integer đồng rounded per line: the order's totals are the sums of its lines' amounts,
    /// each total is untaxed + tax, and each rounded amount is within half a đồng of the exact
    /// rational one (checked by i128 cross-multiplication).
    #[test]
    fn order_totals_are_sums_of_lines_each_within_half_a_dong(
        lines in proptest::collection::vec(valid_line(), 0..20),
    ) {
        let totals = order_totals(&lines).unwrap();
        let (mut untaxed, mut tax) = (0_i64, 0_i64);
        for line in &lines {
            let amounts = line_amounts(line).unwrap();
            prop_assert_eq!(amounts.total, amounts.untaxed + amounts.tax);
            // untaxed ≈ q × p × (10000 − d) / 10^7, to within 1/2: |10^7·u − exact| × 2 ≤ 10^7.
            let exact = i128::from(line.quantity_milli)
                * i128::from(line.unit_price)
                * i128::from(10_000 - line.discount_bp);
            let scale = 10_000_000_i128;
            prop_assert!((i128::from(amounts.untaxed) * scale - exact).abs() * 2 <= scale);
            // tax ≈ untaxed × rate / 100, to within 1/2.
            let exact_tax = i128::from(amounts.untaxed) * i128::from(line.vat.percent());
            prop_assert!((i128::from(amounts.tax) * 100 - exact_tax).abs() * 2 <= 100);
            untaxed += amounts.untaxed;
            tax += amounts.tax;
        }
        prop_assert_eq!(totals, OrderTotals { untaxed, tax, total: untaxed + tax });
    }

    /// A bad line anywhere is reported with its own position and error.
    #[test]
    fn a_bad_line_is_named_by_its_position(
        mut lines in proptest::collection::vec(valid_line(), 1..10),
        position in any::<proptest::sample::Index>(),
        quantity in -1000_i64..=0,
    ) {
        let index = position.index(lines.len());
        lines[index].quantity_milli = quantity;
        let error = order_totals(&lines).unwrap_err();
        prop_assert_eq!(
            error.to_string(),
            format!("line {}: quantity: must be more than 0", index + 1)
        );
        prop_assert_eq!(
            error,
            SalesError::Line { index, source: Box::new(SalesError::QuantityNotPositive) }
        );
    }
}
