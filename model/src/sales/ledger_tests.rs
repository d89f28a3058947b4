//! Tests of a customer's account: what is owed and left to pay as invoices and payments come
//! and go, and every refused event naming its field and changing nothing.

use super::*;

fn posted(invoice_id: &str, total: Vnd) -> LedgerEvent {
    LedgerEvent::InvoicePosted {
        invoice_id: invoice_id.to_owned(),
        total,
    }
}

fn cancelled(invoice_id: &str) -> LedgerEvent {
    LedgerEvent::InvoiceCancelled {
        invoice_id: invoice_id.to_owned(),
    }
}

fn paid(payment_id: &str, amount: Vnd, allocations: &[(&str, Vnd)]) -> LedgerEvent {
    LedgerEvent::PaymentRegistered {
        payment_id: payment_id.to_owned(),
        amount,
        allocations: allocations
            .iter()
            .map(|(invoice_id, amount)| Allocation {
                invoice_id: (*invoice_id).to_owned(),
                amount: *amount,
            })
            .collect(),
    }
}

fn payment_cancelled(payment_id: &str) -> LedgerEvent {
    LedgerEvent::PaymentCancelled {
        payment_id: payment_id.to_owned(),
    }
}

/// A ledger after `events`, each of which must be accepted.
fn ledger(events: Vec<LedgerEvent>) -> Ledger {
    let mut ledger = Ledger::default();
    for event in events {
        ledger
            .apply(event.clone())
            .unwrap_or_else(|e| panic!("{event:?}: {e}"));
    }
    ledger
}

/// Applies `event`, expects it refused with `field`, and the ledger unchanged; the message.
fn refused(ledger: &mut Ledger, event: LedgerEvent, field: &str) -> String {
    let before = ledger.clone();
    let error = ledger.apply(event).unwrap_err();
    assert_eq!(error.field(), field, "{error}");
    assert_eq!(*ledger, before, "a refused event changed the ledger");
    error.to_string()
}

#[test]
fn an_empty_account_owes_nothing() {
    let ledger = Ledger::default();
    assert_eq!(ledger.amount_due(), 0);
    assert_eq!(ledger.residual("INV/1"), None);
}

#[test]
fn invoices_add_to_what_is_due_and_payments_take_from_it() {
    let ledger = ledger(vec![
        posted("INV/1", 1_000_000),
        posted("INV/2", 500_000),
        paid("P1", 700_000, &[("INV/1", 600_000)]),
    ]);
    assert_eq!(ledger.amount_due(), 800_000);
    assert_eq!(ledger.residual("INV/1"), Some(400_000));
    assert_eq!(ledger.residual("INV/2"), Some(500_000));
}

#[test]
fn an_unallocated_payment_is_a_credit() {
    let ledger = ledger(vec![posted("INV/1", 100_000), paid("P1", 300_000, &[])]);
    assert_eq!(ledger.amount_due(), -200_000);
    assert_eq!(ledger.residual("INV/1"), Some(100_000));
}

#[test]
fn cancelling_a_payment_reopens_its_invoices() {
    let mut ledger = ledger(vec![
        posted("INV/1", 1_000_000),
        paid("P1", 1_000_000, &[("INV/1", 1_000_000)]),
    ]);
    assert_eq!(
        (ledger.amount_due(), ledger.residual("INV/1")),
        (0, Some(0))
    );
    ledger.apply(payment_cancelled("P1")).unwrap();
    assert_eq!(ledger.amount_due(), 1_000_000);
    assert_eq!(ledger.residual("INV/1"), Some(1_000_000));
    let message = refused(&mut ledger, payment_cancelled("P1"), "state");
    assert_eq!(message, "state: payment \"P1\" is already cancelled");
    let message = refused(&mut ledger, payment_cancelled("P9"), "payment_id");
    assert_eq!(
        message,
        "payment_id: there is no payment \"P9\" for this customer"
    );
}

#[test]
fn an_invoice_with_payments_cannot_be_cancelled_until_they_are() {
    let mut ledger = ledger(vec![
        posted("INV/1", 1_000_000),
        paid("P2", 100_000, &[("INV/1", 100_000)]),
        paid("P1", 200_000, &[("INV/1", 200_000)]),
    ]);
    let message = refused(&mut ledger, cancelled("INV/1"), "state");
    assert_eq!(
        message,
        "state: invoice \"INV/1\" has payments allocated to it (P1, P2); cancel those payments \
         first"
    );
    ledger.apply(payment_cancelled("P1")).unwrap();
    ledger.apply(payment_cancelled("P2")).unwrap();
    ledger.apply(cancelled("INV/1")).unwrap();
    assert_eq!(ledger.amount_due(), 0);
    assert_eq!(ledger.residual("INV/1"), None);
    let message = refused(&mut ledger, cancelled("INV/1"), "state");
    assert_eq!(message, "state: invoice \"INV/1\" is already cancelled");
    let message = refused(&mut ledger, cancelled("INV/9"), "invoice_id");
    assert_eq!(
        message,
        "invoice_id: there is no invoice \"INV/9\" for this customer"
    );
}

#[test]
fn a_cancelled_invoice_can_be_posted_again_but_a_posted_one_cannot() {
    let mut ledger = ledger(vec![
        posted("INV/1", 100),
        cancelled("INV/1"),
        posted("INV/1", 150),
    ]);
    assert_eq!(ledger.amount_due(), 150);
    assert_eq!(ledger.residual("INV/1"), Some(150));
    let message = refused(&mut ledger, posted("INV/1", 150), "invoice_id");
    assert_eq!(message, "invoice_id: invoice \"INV/1\" is already posted");
}

#[test]
fn invoice_totals_must_be_within_the_limits() {
    let mut ledger = Ledger::default();
    ledger.apply(posted("INV/0", 0)).unwrap();
    ledger.apply(posted("INV/MAX", MAX_AMOUNT)).unwrap();
    let message = refused(&mut ledger, posted("INV/1", -1), "total");
    assert_eq!(
        message,
        "total: an invoice's total must be between 0 ₫ and 1.000.000.000.000.000 ₫, not -1 ₫"
    );
    refused(&mut ledger, posted("INV/2", MAX_AMOUNT + 1), "total");
}

#[test]
fn sums_that_would_overflow_are_refused() {
    let mut ledger = Ledger::default();
    let mut payments = Ledger::default();
    // i64::MAX / 10^15 ≈ 9223 invoices of the largest total fit; the next one does not.
    let fitting = Vnd::MAX / MAX_AMOUNT;
    for n in 0..fitting {
        ledger
            .apply(posted(&format!("INV/{n}"), MAX_AMOUNT))
            .unwrap();
        payments
            .apply(paid(&format!("P{n}"), MAX_AMOUNT, &[]))
            .unwrap();
    }
    refused(&mut ledger, posted("INV/last", MAX_AMOUNT), "total");
    refused(&mut payments, paid("P/last", MAX_AMOUNT, &[]), "amount");
    assert_eq!(ledger.amount_due(), fitting * MAX_AMOUNT);
    assert_eq!(payments.amount_due(), -fitting * MAX_AMOUNT);
}

#[test]
fn payments_are_checked_against_what_is_left_to_pay_now() {
    let mut ledger = ledger(vec![
        posted("INV/1", 1_000_000),
        paid("P1", 600_000, &[("INV/1", 600_000)]),
    ]);
    let message = refused(
        &mut ledger,
        paid("P2", 500_000, &[("INV/1", 500_000)]),
        "allocations",
    );
    assert_eq!(
        message,
        "allocations: 500.000 ₫ is allocated to invoice \"INV/1\", but only 400.000 ₫ is left to \
         pay on it"
    );
    let message = refused(&mut ledger, paid("P2", 10, &[("INV/9", 10)]), "allocations");
    assert_eq!(
        message,
        "allocations: invoice \"INV/9\" is not a posted invoice of this customer"
    );
    refused(&mut ledger, paid("P2", 0, &[]), "amount");
    let message = refused(&mut ledger, paid("P1", 10, &[]), "payment_id");
    assert_eq!(message, "payment_id: payment \"P1\" is already registered");
    ledger
        .apply(paid("P2", 400_000, &[("INV/1", 400_000)]))
        .unwrap();
    assert_eq!(
        (ledger.amount_due(), ledger.residual("INV/1")),
        (0, Some(0))
    );
}

#[test]
fn a_cancelled_invoice_takes_no_payment() {
    let mut ledger = ledger(vec![posted("INV/1", 1_000), cancelled("INV/1")]);
    refused(&mut ledger, paid("P1", 10, &[("INV/1", 10)]), "allocations");
}

#[test]
fn the_ledger_and_its_events_serialize() {
    let event = paid("P1", 600, &[("INV/1", 600)]);
    let json = serde_json::to_string(&event).unwrap();
    assert!(json.contains("\"event\":\"payment_registered\""), "{json}");
    assert_eq!(serde_json::from_str::<LedgerEvent>(&json).unwrap(), event);
    let ledger = ledger(vec![posted("INV/1", 1_000), event]);
    let json = serde_json::to_string(&ledger).unwrap();
    assert_eq!(serde_json::from_str::<Ledger>(&json).unwrap(), ledger);
}
