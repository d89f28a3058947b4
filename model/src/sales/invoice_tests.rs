//! Tests of invoices and payments: the invoice's states, payment methods, and every refusal of
//! a payment's allocations with the field and the amounts it names.

use super::*;
use crate::sales::format_vnd;

/// Residuals of the customer's posted invoices: INV/1 owes 1.000.000, INV/2 owes 250.000.
fn residuals(invoice_id: &str) -> Option<Vnd> {
    match invoice_id {
        "INV/1" => Some(1_000_000),
        "INV/2" => Some(250_000),
        "INV/PAID" => Some(0),
        _ => None,
    }
}

fn to(invoice_id: &str, amount: Vnd) -> Allocation {
    Allocation {
        invoice_id: invoice_id.to_owned(),
        amount,
    }
}

#[test]
fn invoice_states_round_trip() {
    for (state, stored) in [
        (InvoiceState::Draft, "draft"),
        (InvoiceState::Posted, "posted"),
        (InvoiceState::Cancelled, "cancelled"),
    ] {
        assert_eq!(state.as_str(), stored);
        assert_eq!(InvoiceState::parse(stored), Some(state));
        assert_eq!(
            serde_json::to_string(&state).unwrap(),
            format!("\"{stored}\"")
        );
    }
    assert_eq!(InvoiceState::parse("paid"), None);
}

#[test]
fn invoice_transitions_post_cancel_and_reset() {
    use InvoiceState::*;
    let allowed = [
        (Draft, Posted),
        (Draft, Cancelled),
        (Posted, Cancelled),
        (Cancelled, Draft),
    ];
    for from in InvoiceState::ALL {
        for to in InvoiceState::ALL {
            let result = from.transition(to);
            if allowed.contains(&(from, to)) {
                assert_eq!(result, Ok(to), "{from:?} → {to:?}");
            } else {
                let error = result.unwrap_err();
                assert_eq!(error, SalesError::InvoiceTransition { from, to });
                assert_eq!(error.field(), "state");
            }
        }
    }
    let message = |from: InvoiceState, to| from.transition(to).unwrap_err().to_string();
    assert_eq!(
        message(Posted, Posted),
        "state: the invoice is already posted"
    );
    assert_eq!(
        message(Posted, Draft),
        "state: a posted invoice cannot go back to draft; cancel it, then reset it to draft"
    );
    assert_eq!(
        message(Cancelled, Posted),
        "state: a cancelled invoice must be reset to draft first"
    );
}

#[test]
fn payment_methods_round_trip() {
    for (method, stored, label) in [
        (PaymentMethod::Cash, "cash", "Cash"),
        (PaymentMethod::Transfer, "transfer", "Bank transfer"),
    ] {
        assert_eq!(method.as_str(), stored);
        assert_eq!(method.label(), label);
        assert_eq!(PaymentMethod::parse(stored), Some(method));
        assert_eq!(
            serde_json::to_string(&method).unwrap(),
            format!("\"{stored}\"")
        );
    }
    assert_eq!(PaymentMethod::parse("card"), None);
}

#[test]
fn allocations_within_residuals_and_payment_are_accepted() {
    assert_eq!(check_allocations(500_000, &[], residuals), Ok(()));
    assert_eq!(
        check_allocations(
            1_250_000,
            &[to("INV/1", 1_000_000), to("INV/2", 250_000)],
            residuals
        ),
        Ok(())
    );
    // A remainder left unallocated is a credit; split allocations to one invoice are summed.
    assert_eq!(
        check_allocations(
            2_000_000,
            &[to("INV/1", 600_000), to("INV/2", 1), to("INV/1", 400_000)],
            residuals
        ),
        Ok(())
    );
}

#[test]
fn a_payment_must_be_positive_and_not_too_large() {
    for amount in [0, -1, Vnd::MIN] {
        let error = check_allocations(amount, &[], residuals).unwrap_err();
        assert_eq!(error, SalesError::PaymentNotPositive { amount });
        assert_eq!(error.field(), "amount");
        assert!(error
            .to_string()
            .starts_with("amount: a payment must be more than 0 ₫"));
    }
    let error = check_allocations(MAX_AMOUNT + 1, &[], residuals).unwrap_err();
    assert_eq!(error, SalesError::AmountTooLarge);
    assert_eq!(error.field(), "amount");
}

#[test]
fn each_allocation_must_be_positive() {
    for amount in [0, -5] {
        let error =
            check_allocations(10, &[to("INV/1", 5), to("INV/2", amount)], residuals).unwrap_err();
        assert_eq!(
            error,
            SalesError::AllocationNotPositive {
                invoice_id: "INV/2".into()
            }
        );
        assert_eq!(error.field(), "allocations");
        assert_eq!(
            error.to_string(),
            "allocations: the amount allocated to invoice \"INV/2\" must be more than 0 ₫"
        );
    }
}

#[test]
fn allocations_only_go_to_posted_invoices_of_the_customer() {
    let error = check_allocations(100, &[to("INV/1", 50), to("INV/9", 50)], residuals).unwrap_err();
    assert_eq!(
        error,
        SalesError::InvoiceNotOpen {
            invoice_id: "INV/9".into()
        }
    );
    assert_eq!(error.field(), "allocations");
    assert_eq!(
        error.to_string(),
        "allocations: invoice \"INV/9\" is not a posted invoice of this customer"
    );
}

#[test]
fn over_allocating_an_invoice_names_it_and_both_amounts() {
    let error = check_allocations(
        5_000_000,
        &[to("INV/2", 200_000), to("INV/1", 10), to("INV/2", 100_000)],
        residuals,
    )
    .unwrap_err();
    assert_eq!(
        error,
        SalesError::OverAllocated {
            invoice_id: "INV/2".into(),
            allocated: 300_000,
            residual: 250_000
        }
    );
    assert_eq!(error.field(), "allocations");
    assert_eq!(
        error.to_string(),
        format!(
            "allocations: {} is allocated to invoice \"INV/2\", but only {} is left to pay on it",
            format_vnd(300_000),
            format_vnd(250_000)
        )
    );
    assert!(error.to_string().contains("300.000 ₫") && error.to_string().contains("250.000 ₫"));
    // A paid invoice takes nothing more.
    let paid = check_allocations(10, &[to("INV/PAID", 1)], residuals).unwrap_err();
    assert!(matches!(
        paid,
        SalesError::OverAllocated { residual: 0, .. }
    ));
}

#[test]
fn allocating_more_than_the_payment_is_refused() {
    let error = check_allocations(
        1_000_000,
        &[to("INV/1", 900_000), to("INV/2", 200_000)],
        residuals,
    )
    .unwrap_err();
    assert_eq!(
        error,
        SalesError::AllocationsExceedPayment {
            allocated: 1_100_000,
            payment: 1_000_000
        }
    );
    assert_eq!(error.field(), "allocations");
    assert_eq!(
        error.to_string(),
        "allocations: 1.100.000 ₫ is allocated in all, more than the payment's 1.000.000 ₫"
    );
}

#[test]
fn huge_allocations_are_refused_without_overflow() {
    let everything = |_: &str| Some(Vnd::MAX);
    let allocations = vec![to("INV/1", Vnd::MAX); 4];
    let error = check_allocations(MAX_AMOUNT, &allocations, everything).unwrap_err();
    assert!(
        matches!(
            error,
            SalesError::OverAllocated {
                allocated: Vnd::MAX,
                ..
            }
        ),
        "{error:?}"
    );
    let spread: Vec<Allocation> = (0..4).map(|i| to(&format!("I{i}"), Vnd::MAX)).collect();
    let error = check_allocations(MAX_AMOUNT, &spread, everything).unwrap_err();
    assert_eq!(
        error,
        SalesError::AllocationsExceedPayment {
            allocated: Vnd::MAX,
            payment: MAX_AMOUNT
        }
    );
}
