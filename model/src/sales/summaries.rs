//! The rows of the Invoices, Payments and Purchases windows: what a list shows of a record, read
//! by the replica from its projection in one query (no document is opened for a list). Each
//! equals the same record's full read cut down (`Invoice::summary` and the like), so a row and
//! the form it opens never disagree.

use serde::{Deserialize, Serialize};

use super::{Invoice, InvoiceState, Payment, PaymentMethod, PurchaseOrder, PurchaseState, Vnd};

/// One invoice in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceSummary {
    pub id: String,
    pub customer_id: String,
    /// The customer's name as this device holds it (empty when it holds no such customer).
    pub customer_name: String,
    /// The sales order it invoices, if any.
    pub order_id: Option<String>,
    pub provisional_number: String,
    /// The server's number; empty until the server gave it.
    pub number: String,
    pub state: InvoiceState,
    pub date: String,
    pub total: Vnd,
    /// What is left to pay on it (0 unless posted).
    pub residual: Vnd,
}

/// One payment in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentSummary {
    pub id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub provisional_number: String,
    pub number: String,
    pub cancelled: bool,
    pub date: String,
    pub amount: Vnd,
    pub method: PaymentMethod,
    /// The transfer's reference or the receipt's number; may be empty.
    pub reference: String,
}

/// One purchase order in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseSummary {
    pub id: String,
    pub vendor_id: String,
    pub vendor_name: String,
    pub provisional_number: String,
    pub number: String,
    pub state: PurchaseState,
    pub date: String,
    pub total: Vnd,
}

impl Invoice {
    /// What a list shows of this invoice.
    pub fn summary(&self) -> InvoiceSummary {
        InvoiceSummary {
            id: self.id.clone(),
            customer_id: self.customer_id.clone(),
            customer_name: self.customer_name.clone(),
            order_id: self.order_id.clone(),
            provisional_number: self.provisional_number.clone(),
            number: self.number.clone(),
            state: self.state,
            date: self.date.clone(),
            total: self.totals.total,
            residual: self.residual,
        }
    }
}

impl Payment {
    /// What a list shows of this payment.
    pub fn summary(&self) -> PaymentSummary {
        PaymentSummary {
            id: self.id.clone(),
            customer_id: self.draft.customer_id.clone(),
            customer_name: self.customer_name.clone(),
            provisional_number: self.provisional_number.clone(),
            number: self.number.clone(),
            cancelled: self.cancelled,
            date: self.draft.date.clone(),
            amount: self.draft.amount,
            method: self.draft.method,
            reference: self.draft.reference.clone(),
        }
    }
}

impl PurchaseOrder {
    /// What a list shows of this purchase order.
    pub fn summary(&self) -> PurchaseSummary {
        PurchaseSummary {
            id: self.id.clone(),
            vendor_id: self.vendor_id.clone(),
            vendor_name: self.vendor_name.clone(),
            provisional_number: self.provisional_number.clone(),
            number: self.number.clone(),
            state: self.state,
            date: self.date.clone(),
            total: self.totals.total,
        }
    }
}
