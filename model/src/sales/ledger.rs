//! A customer's account as Odoo's receivable shows it: the invoices posted to the customer and
//! the payments received, applied as events in order, giving what the customer owes and what is
//! left to pay on each invoice. Every event is checked first, so a refused one changes nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::invoice::{check_allocations, Allocation};
use super::money::{Vnd, MAX_AMOUNT};
use super::SalesError;

/// Something that happened on a customer's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum LedgerEvent {
    /// An invoice was posted (again, if it had been cancelled and reset to draft).
    InvoicePosted { invoice_id: String, total: Vnd },
    /// A posted invoice was cancelled; refused while payments are allocated to it.
    InvoiceCancelled { invoice_id: String },
    /// A payment was received, part or all of it put against open invoices; what is not
    /// allocated is a credit on the account.
    PaymentRegistered {
        payment_id: String,
        amount: Vnd,
        allocations: Vec<Allocation>,
    },
    /// A payment was cancelled: the invoices it paid are open again by what it paid.
    PaymentCancelled { payment_id: String },
}

/// An invoice the account knows of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct LedgerInvoice {
    total: Vnd,
    cancelled: bool,
}

/// A payment the account knows of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct LedgerPayment {
    amount: Vnd,
    allocations: Vec<Allocation>,
    cancelled: bool,
}

/// One customer's account: the invoices and payments applied so far, cancelled ones included (a
/// cancelled payment's id stays taken; a cancelled invoice may be posted again). Serialized as
/// those records alone; the sums are recomputed on load.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(from = "LedgerRecords", into = "LedgerRecords")]
pub struct Ledger {
    records: LedgerRecords,
    /// The sum of the posted invoices' totals.
    invoiced: i128,
    /// The sum of the payments not cancelled.
    paid: i128,
}

/// What a [`Ledger`] keeps, and serializes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
struct LedgerRecords {
    invoices: BTreeMap<String, LedgerInvoice>,
    payments: BTreeMap<String, LedgerPayment>,
}

impl From<LedgerRecords> for Ledger {
    fn from(records: LedgerRecords) -> Ledger {
        let invoiced = records
            .invoices
            .values()
            .filter(|invoice| !invoice.cancelled)
            .map(|invoice| i128::from(invoice.total))
            .sum();
        let paid = records
            .payments
            .values()
            .filter(|payment| !payment.cancelled)
            .map(|payment| i128::from(payment.amount))
            .sum();
        Ledger {
            records,
            invoiced,
            paid,
        }
    }
}

impl From<Ledger> for LedgerRecords {
    fn from(ledger: Ledger) -> LedgerRecords {
        ledger.records
    }
}

impl Ledger {
    /// Applies `event` if it is allowed, else refuses it and changes nothing:
    /// - an invoice is posted with a total in 0..=[`MAX_AMOUNT`], under an id not posted now
    ///   (a cancelled invoice may be posted again);
    /// - only a posted invoice with no payment allocated to it can be cancelled;
    /// - a payment needs a new id and allocations that pass [`check_allocations`] against what
    ///   is left to pay on the posted invoices now;
    /// - only a registered payment not cancelled yet can be cancelled.
    pub fn apply(&mut self, event: LedgerEvent) -> Result<(), SalesError> {
        match event {
            LedgerEvent::InvoicePosted { invoice_id, total } => {
                if !(0..=MAX_AMOUNT).contains(&total) {
                    return Err(SalesError::InvoiceTotalOutOfRange { total });
                }
                let invoices = &mut self.records.invoices;
                if invoices.get(&invoice_id).is_some_and(|i| !i.cancelled) {
                    return Err(SalesError::InvoiceAlreadyPosted { invoice_id });
                }
                let invoiced = self.invoiced + i128::from(total);
                if invoiced > i128::from(Vnd::MAX) {
                    return Err(SalesError::InvoicedTooLarge);
                }
                let invoice = LedgerInvoice {
                    total,
                    cancelled: false,
                };
                invoices.insert(invoice_id, invoice);
                self.invoiced = invoiced;
            }
            LedgerEvent::InvoiceCancelled { invoice_id } => {
                let Some(invoice) = self.records.invoices.get(&invoice_id) else {
                    return Err(SalesError::UnknownInvoice { invoice_id });
                };
                if invoice.cancelled {
                    return Err(SalesError::InvoiceAlreadyCancelled { invoice_id });
                }
                let payment_ids: Vec<String> = self
                    .active_payments()
                    .filter(|(_, payment)| {
                        payment
                            .allocations
                            .iter()
                            .any(|allocation| allocation.invoice_id == invoice_id)
                    })
                    .map(|(id, _)| id.clone())
                    .collect();
                if !payment_ids.is_empty() {
                    return Err(SalesError::InvoiceHasPayments {
                        invoice_id,
                        payment_ids,
                    });
                }
                if let Some(invoice) = self.records.invoices.get_mut(&invoice_id) {
                    invoice.cancelled = true;
                    self.invoiced -= i128::from(invoice.total);
                }
            }
            LedgerEvent::PaymentRegistered {
                payment_id,
                amount,
                allocations,
            } => {
                if self.records.payments.contains_key(&payment_id) {
                    return Err(SalesError::PaymentAlreadyRegistered { payment_id });
                }
                check_allocations(amount, &allocations, |id| self.residual(id))?;
                let paid = self.paid + i128::from(amount);
                if paid > i128::from(Vnd::MAX) {
                    return Err(SalesError::PaidTooLarge);
                }
                let payment = LedgerPayment {
                    amount,
                    allocations,
                    cancelled: false,
                };
                self.records.payments.insert(payment_id, payment);
                self.paid = paid;
            }
            LedgerEvent::PaymentCancelled { payment_id } => {
                match self.records.payments.get_mut(&payment_id) {
                    None => return Err(SalesError::UnknownPayment { payment_id }),
                    Some(payment) if payment.cancelled => {
                        return Err(SalesError::PaymentAlreadyCancelled { payment_id })
                    }
                    Some(payment) => {
                        payment.cancelled = true;
                        self.paid -= i128::from(payment.amount);
                    }
                }
            }
        }
        Ok(())
    }

    /// What the customer owes: the totals of the posted invoices less the payments not
    /// cancelled. Negative when the customer has paid ahead (a credit).
    pub fn amount_due(&self) -> Vnd {
        // Both sums stay within 0..=Vnd::MAX (apply refuses more), so the difference fits.
        saturated(self.invoiced - self.paid)
    }

    /// What is left to pay on a posted invoice: its total less what payments not cancelled
    /// allocate to it. `None` if no such invoice is posted (unknown or cancelled).
    pub fn residual(&self, invoice_id: &str) -> Option<Vnd> {
        let invoice = self
            .records
            .invoices
            .get(invoice_id)
            .filter(|i| !i.cancelled)?;
        let paid: i128 = self
            .active_payments()
            .flat_map(|(_, payment)| &payment.allocations)
            .filter(|allocation| allocation.invoice_id == invoice_id)
            .map(|allocation| i128::from(allocation.amount))
            .sum();
        Some(saturated(i128::from(invoice.total) - paid))
    }

    fn active_payments(&self) -> impl Iterator<Item = (&String, &LedgerPayment)> {
        self.records
            .payments
            .iter()
            .filter(|(_, payment)| !payment.cancelled)
    }
}

/// An i128 sum as đồng, clamped (only a ledger deserialized from nonsense could need it).
fn saturated(sum: i128) -> Vnd {
    Vnd::try_from(sum).unwrap_or(if sum < 0 { Vnd::MIN } else { Vnd::MAX })
}

#[cfg(test)]
#[path = "ledger_tests.rs"]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "ledger_props.rs"]
mod props;
