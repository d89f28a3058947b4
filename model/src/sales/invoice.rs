//! Customer invoices and payments: the invoice's states, how a payment is paid (cash or bank
//! transfer), and the rule for allocating a payment to open invoices, so a payment can never
//! pay an invoice more than it still owes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::money::{Vnd, MAX_AMOUNT};
use super::SalesError;

/// The customer's account these allocations are applied to (kept in `ledger.rs`, a file of
/// its own for length).
pub use super::ledger::{Ledger, LedgerEvent};

/// Where an invoice is in its life (Odoo's `account.move.state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceState {
    #[default]
    Draft,
    /// Confirmed: it counts in what the customer owes and can be paid.
    Posted,
    Cancelled,
}

impl InvoiceState {
    pub const ALL: [InvoiceState; 3] = [
        InvoiceState::Draft,
        InvoiceState::Posted,
        InvoiceState::Cancelled,
    ];

    /// The value stored in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceState::Draft => "draft",
            InvoiceState::Posted => "posted",
            InvoiceState::Cancelled => "cancelled",
        }
    }

    /// Parses the stored value; `None` for anything else.
    pub fn parse(stored: &str) -> Option<InvoiceState> {
        InvoiceState::ALL
            .into_iter()
            .find(|state| state.as_str() == stored)
    }

    /// Moves the invoice to `to` if allowed: post or cancel a draft, cancel a posted invoice,
    /// reset a cancelled one to draft. Anything else, staying put included, is refused (field
    /// `state`).
    pub fn transition(self, to: InvoiceState) -> Result<InvoiceState, SalesError> {
        use InvoiceState::*;
        match (self, to) {
            (Draft, Posted) | (Draft | Posted, Cancelled) | (Cancelled, Draft) => Ok(to),
            _ => Err(SalesError::InvoiceTransition { from: self, to }),
        }
    }
}

/// Why an invoice cannot go from `from` to `to`, for [`SalesError::InvoiceTransition`].
pub(super) fn transition_refusal(from: InvoiceState, to: InvoiceState) -> String {
    match (from, to) {
        _ if from == to => format!("the invoice is already {}", from.as_str()),
        (InvoiceState::Posted, _) => {
            "a posted invoice cannot go back to draft; cancel it, then reset it to draft".to_owned()
        }
        _ => "a cancelled invoice must be reset to draft first".to_owned(),
    }
}

/// How a customer paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    #[default]
    Cash,
    /// A bank transfer.
    Transfer,
}

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 2] = [PaymentMethod::Cash, PaymentMethod::Transfer];

    /// The value stored in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "cash",
            PaymentMethod::Transfer => "transfer",
        }
    }

    /// Parses the stored value; `None` for anything else.
    pub fn parse(stored: &str) -> Option<PaymentMethod> {
        PaymentMethod::ALL
            .into_iter()
            .find(|method| method.as_str() == stored)
    }

    /// What a picker shows.
    pub fn label(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "Cash",
            PaymentMethod::Transfer => "Bank transfer",
        }
    }
}

/// Part of a payment put against one invoice (Odoo's reconciliation of the payment with it).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Allocation {
    pub invoice_id: String,
    pub amount: Vnd,
}

/// Checks that a payment of `payment_amount` may be allocated as `allocations`.
/// `residual_of` gives the amount still to pay on a posted invoice of the same customer, `None`
/// for any other id. Refuses, in this order: a payment of 0 or less, or above [`MAX_AMOUNT`]
/// (field `amount`); an allocation of 0 or less; an invoice that is not a posted invoice of the
/// customer; more allocated to one invoice (all its allocations summed) than it still owes; more
/// allocated in all than the payment (field `allocations`). What is left unallocated stays on
/// the customer's account as a credit.
pub fn check_allocations(
    payment_amount: Vnd,
    allocations: &[Allocation],
    residual_of: impl Fn(&str) -> Option<Vnd>,
) -> Result<(), SalesError> {
    if payment_amount <= 0 {
        return Err(SalesError::PaymentNotPositive {
            amount: payment_amount,
        });
    }
    if payment_amount > MAX_AMOUNT {
        return Err(SalesError::AmountTooLarge);
    }
    if let Some(allocation) = allocations.iter().find(|a| a.amount <= 0) {
        return Err(SalesError::AllocationNotPositive {
            invoice_id: allocation.invoice_id.clone(),
        });
    }
    // Per invoice, in the order first allocated: its residual and the sum allocated to it.
    let mut position_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_invoice: Vec<(&str, Vnd, i128)> = Vec::new();
    for allocation in allocations {
        let id = allocation.invoice_id.as_str();
        let position = match position_of.get(id) {
            Some(&position) => position,
            None => {
                let residual = residual_of(id).ok_or_else(|| SalesError::InvoiceNotOpen {
                    invoice_id: id.to_owned(),
                })?;
                per_invoice.push((id, residual, 0));
                position_of.insert(id, per_invoice.len() - 1);
                per_invoice.len() - 1
            }
        };
        if let Some((_, _, allocated)) = per_invoice.get_mut(position) {
            *allocated += i128::from(allocation.amount);
        }
    }
    for (id, residual, allocated) in per_invoice {
        if allocated > i128::from(residual) {
            return Err(SalesError::OverAllocated {
                invoice_id: id.to_owned(),
                allocated: saturated(allocated),
                residual,
            });
        }
    }
    let allocated: i128 = allocations.iter().map(|a| i128::from(a.amount)).sum();
    if allocated > i128::from(payment_amount) {
        return Err(SalesError::AllocationsExceedPayment {
            allocated: saturated(allocated),
            payment: payment_amount,
        });
    }
    Ok(())
}

/// A sum for a message: exact up to `Vnd::MAX` (sums that large are refused anyway).
fn saturated(sum: i128) -> Vnd {
    Vnd::try_from(sum).unwrap_or(Vnd::MAX)
}

#[cfg(test)]
#[path = "invoice_tests.rs"]
mod tests;
