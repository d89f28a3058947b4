//! Property test of a customer's account: for random sequences of invoices, cancellations and
//! payments (some over-allocating), the ledger accepts exactly what the rules allow, and what
//! it says is owed and left to pay matches a recomputation from the accepted events alone.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

const INVOICES: usize = 5;
const PAYMENTS: usize = 6;

fn invoice_id(n: usize) -> String {
    format!("INV/2024/{n:04}")
}

fn payment_id(n: usize) -> String {
    format!("PAY/{n}")
}

/// Events over a few ids, so ids repeat (re-posting, double cancellations) and allocations
/// often exceed what is left to pay.
fn event() -> impl Strategy<Value = LedgerEvent> {
    let total = prop_oneof![
        8 => 0_i64..=2_000_000,
        1 => Just(-1_i64),
        1 => Just(MAX_AMOUNT + 1),
    ];
    let allocation = (
        0..INVOICES + 1,
        prop_oneof![4 => 1_i64..=300_000, 4 => 1_i64..=3_000_000, 1 => -5_i64..=0],
    )
        .prop_map(|(n, amount)| Allocation {
            invoice_id: invoice_id(n),
            amount,
        });
    let payment = (
        0..PAYMENTS,
        proptest::collection::vec(allocation, 0..4),
        prop_oneof![4 => 0_i64..=1_000_000, 1 => -500_000_i64..0],
    )
        .prop_map(|(n, allocations, extra)| LedgerEvent::PaymentRegistered {
            payment_id: payment_id(n),
            amount: allocations.iter().map(|a| a.amount).sum::<Vnd>() + extra,
            allocations,
        });
    prop_oneof![
        3 => (0..INVOICES, total).prop_map(|(n, total)| LedgerEvent::InvoicePosted {
            invoice_id: invoice_id(n),
            total,
        }),
        1 => (0..INVOICES + 1).prop_map(|n| LedgerEvent::InvoiceCancelled {
            invoice_id: invoice_id(n),
        }),
        4 => payment,
        1 => (0..PAYMENTS + 1).prop_map(|n| LedgerEvent::PaymentCancelled {
            payment_id: payment_id(n),
        }),
    ]
}

/// The account recomputed from the accepted events: the invoices posted now (id → total) and
/// the payments not cancelled (id → amount and allocations), plus every id ever used.
#[derive(Default)]
struct Recomputed {
    posted: BTreeMap<String, Vnd>,
    known_invoices: Vec<String>,
    payments: BTreeMap<String, (Vnd, Vec<Allocation>)>,
    known_payments: Vec<String>,
}

impl Recomputed {
    fn from(accepted: &[LedgerEvent]) -> Recomputed {
        let mut account = Recomputed::default();
        for event in accepted {
            match event.clone() {
                LedgerEvent::InvoicePosted { invoice_id, total } => {
                    account.known_invoices.push(invoice_id.clone());
                    account.posted.insert(invoice_id, total);
                }
                LedgerEvent::InvoiceCancelled { invoice_id } => {
                    account.posted.remove(&invoice_id);
                }
                LedgerEvent::PaymentRegistered {
                    payment_id,
                    amount,
                    allocations,
                } => {
                    account.known_payments.push(payment_id.clone());
                    account.payments.insert(payment_id, (amount, allocations));
                }
                LedgerEvent::PaymentCancelled { payment_id } => {
                    account.payments.remove(&payment_id);
                }
            }
        }
        account
    }

    fn amount_due(&self) -> i128 {
        let invoiced: i128 = self.posted.values().map(|&t| i128::from(t)).sum();
        let paid: i128 = self.payments.values().map(|(a, _)| i128::from(*a)).sum();
        invoiced - paid
    }

    fn allocated_to(&self, invoice_id: &str) -> i128 {
        self.payments
            .values()
            .flat_map(|(_, allocations)| allocations)
            .filter(|a| a.invoice_id == invoice_id)
            .map(|a| i128::from(a.amount))
            .sum()
    }

    fn residual(&self, invoice_id: &str) -> Option<i128> {
        let total = self.posted.get(invoice_id)?;
        Some(i128::from(*total) - self.allocated_to(invoice_id))
    }

    /// Whether a payment puts more on some posted invoice than is left to pay on it.
    fn over_allocates(&self, allocations: &[Allocation]) -> bool {
        self.posted.keys().any(|id| {
            let asked: i128 = allocations
                .iter()
                .filter(|a| &a.invoice_id == id)
                .map(|a| i128::from(a.amount))
                .sum();
            self.residual(id).is_some_and(|residual| asked > residual)
        })
    }

    /// The rules, written plainly: whether the ledger must accept `event` now.
    fn allows(&self, event: &LedgerEvent) -> bool {
        match event {
            LedgerEvent::InvoicePosted { invoice_id, total } => {
                (0..=MAX_AMOUNT).contains(total) && !self.posted.contains_key(invoice_id)
            }
            LedgerEvent::InvoiceCancelled { invoice_id } => {
                self.posted.contains_key(invoice_id) && self.allocated_to(invoice_id) == 0
            }
            LedgerEvent::PaymentRegistered {
                payment_id,
                amount,
                allocations,
            } => {
                let sum: i128 = allocations.iter().map(|a| i128::from(a.amount)).sum();
                !self.known_payments.contains(payment_id)
                    && (1..=MAX_AMOUNT).contains(amount)
                    && allocations.iter().all(|a| a.amount > 0)
                    && allocations
                        .iter()
                        .all(|a| self.posted.contains_key(&a.invoice_id))
                    && !self.over_allocates(allocations)
                    && sum <= i128::from(*amount)
            }
            LedgerEvent::PaymentCancelled { payment_id } => self.payments.contains_key(payment_id),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn the_ledger_matches_a_recomputation_from_the_accepted_events(
        events in proptest::collection::vec(event(), 1..40),
    ) {
        let mut ledger = Ledger::default();
        let mut accepted: Vec<LedgerEvent> = Vec::new();
        for event in events {
            let account = Recomputed::from(&accepted);
            let before = ledger.clone();
            let result = ledger.apply(event.clone());
            prop_assert_eq!(result.is_ok(), account.allows(&event), "{:?}: {:?}", event, result);
            match result {
                Ok(()) => accepted.push(event.clone()),
                Err(_) => prop_assert_eq!(&ledger, &before, "refused {:?} changed the ledger", event),
            }
            if let LedgerEvent::PaymentRegistered { payment_id, amount, allocations } = &event {
                if account.over_allocates(allocations) {
                    prop_assert!(ledger == before, "an over-allocating payment changed the ledger");
                    let checked_first = !account.known_payments.contains(payment_id)
                        && (1..=MAX_AMOUNT).contains(amount)
                        && allocations.iter().all(|a| a.amount > 0)
                        && allocations.iter().all(|a| account.posted.contains_key(&a.invoice_id));
                    if checked_first {
                        let refusal = ledger.apply(event.clone()).unwrap_err();
                        prop_assert!(
                            matches!(refusal, SalesError::OverAllocated { .. }),
                            "{:?}", refusal
                        );
                    }
                }
            }

            let account = Recomputed::from(&accepted);
            prop_assert_eq!(i128::from(ledger.amount_due()), account.amount_due());
            for n in 0..=INVOICES {
                let id = invoice_id(n);
                let expected = account.residual(&id);
                prop_assert_eq!(ledger.residual(&id).map(i128::from), expected, "{}", id);
                if let (Some(residual), Some(total)) = (ledger.residual(&id), account.posted.get(&id)) {
                    prop_assert!((0..=*total).contains(&residual), "{}: {} of {}", id, residual, total);
                }
            }
            prop_assert!(account.known_invoices.iter().all(|id| ledger.records.invoices.contains_key(id)));
        }
        // The sums recomputed on load are the ones kept while applying.
        let json = serde_json::to_string(&ledger).unwrap();
        prop_assert_eq!(serde_json::from_str::<Ledger>(&json).unwrap(), ledger);
    }
}
