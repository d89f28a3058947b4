//! The sales records as a user fills them in (drafts) and as the replica hands them back (with
//! their numbers, states and totals): one shape for the replica, the desktop commands and the
//! windows, so a field means the same everywhere.

use serde::{Deserialize, Serialize};

use super::{
    Allocation, InvoiceState, OrderLine, OrderState, OrderTotals, PaymentMethod, PriceRule,
    ProductDraft, SalesError, Vnd,
};

/// A quotation as the user fills it in. `None` for an address, pricelist, payment terms or
/// salesperson takes the customer's (the addresses as Odoo's `address_get` picks them).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderDraft {
    pub customer_id: String,
    /// The order date, `YYYY-MM-DD`.
    pub date: String,
    pub invoice_address_id: Option<String>,
    pub delivery_address_id: Option<String>,
    pub pricelist_id: Option<String>,
    pub payment_terms_id: Option<String>,
    pub salesperson_id: Option<String>,
    pub note: String,
    /// The lines; one with an empty id is new (it gets its id when stored).
    pub lines: Vec<LineEntry>,
}

/// One line of a stored order or invoice, with the id it merges by (two people editing
/// different lines of one order offline both keep their edits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineEntry {
    pub id: String,
    pub line: OrderLine,
}

/// A stored quotation or sales order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleOrder {
    pub id: String,
    pub customer_id: String,
    /// The number the creating device gave (its prefix and its own counter): kept after the
    /// official one arrives, so a printed quotation can still be found.
    pub provisional_number: String,
    /// The official number the server gave when it first accepted the order; empty until then.
    pub number: String,
    pub state: OrderState,
    pub date: String,
    pub invoice_address_id: String,
    pub delivery_address_id: String,
    pub pricelist_id: Option<String>,
    pub payment_terms_id: Option<String>,
    pub salesperson_id: Option<String>,
    pub note: String,
    pub lines: Vec<LineEntry>,
    pub totals: OrderTotals,
}

/// A stored customer invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    pub id: String,
    pub customer_id: String,
    /// The customer's name as this device holds it (lists show it).
    #[serde(default)]
    pub customer_name: String,
    /// The sales order it invoices, if any.
    pub order_id: Option<String>,
    pub provisional_number: String,
    /// The server's number, given once the server accepts it posted; empty until then.
    pub number: String,
    pub state: InvoiceState,
    pub date: String,
    /// The address it is sent to: the order's invoice address.
    pub address_id: String,
    pub lines: Vec<LineEntry>,
    pub totals: OrderTotals,
    /// What is left to pay on it: its total less the payments allocated to it (0 unless posted).
    pub residual: Vnd,
}

/// A payment collected on a visit, as the rep enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentDraft {
    pub customer_id: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub amount: Vnd,
    pub method: PaymentMethod,
    /// The transfer's reference or the receipt's number; may be empty.
    pub reference: String,
    /// The invoices it pays; what is not allocated stays a credit on the account.
    pub allocations: Vec<Allocation>,
}

/// A stored payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub id: String,
    /// The customer's name as this device holds it (lists show it).
    #[serde(default)]
    pub customer_name: String,
    pub provisional_number: String,
    pub number: String,
    pub cancelled: bool,
    pub draft: PaymentDraft,
}

/// A stored product with its prices per pricelist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: String,
    pub draft: ProductDraft,
    /// (pricelist id, its rule for this product).
    pub prices: Vec<(String, PriceRule)>,
}

/// What a customer's form shows of its account (C8): counted over the customer and the people
/// who work for it, as Odoo counts over a partner and its contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CustomerAccount {
    /// Quotations and sales orders, cancelled ones included (Odoo's count).
    pub sales_count: u32,
    pub purchase_count: u32,
    /// The total of posted invoices.
    pub invoiced: Vnd,
    /// The total of payments not cancelled.
    pub paid: Vnd,
    /// `invoiced - paid`: negative when the customer has a credit.
    pub amount_due: Vnd,
}

/// One order in a list: what the Orders window and the customer's orders show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub provisional_number: String,
    pub number: String,
    pub state: OrderState,
    pub date: String,
    pub total: Vnd,
}

/// What a line of a customer's statement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    Invoice,
    Payment,
}

/// One line of a customer's statement: a posted invoice (what it adds) or a payment (what it
/// takes off, as a negative amount), with the balance after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementEntry {
    pub date: String,
    pub kind: StatementKind,
    pub id: String,
    /// The official number, or the provisional one until the server gave it.
    pub number: String,
    pub amount: Vnd,
    pub balance: Vnd,
}

/// A purchase order's state (Odoo's RFQ, purchase order, cancelled).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PurchaseState {
    Draft,
    Purchase,
    Cancelled,
}

impl PurchaseState {
    pub fn as_str(self) -> &'static str {
        match self {
            PurchaseState::Draft => "draft",
            PurchaseState::Purchase => "purchase",
            PurchaseState::Cancelled => "cancelled",
        }
    }

    pub fn parse(stored: &str) -> Option<PurchaseState> {
        [
            PurchaseState::Draft,
            PurchaseState::Purchase,
            PurchaseState::Cancelled,
        ]
        .into_iter()
        .find(|s| s.as_str() == stored)
    }
}

/// A minimal purchase order: the vendor, its lines and total, its state (so the card's
/// purchase count means what Odoo's does).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseOrder {
    pub id: String,
    pub vendor_id: String,
    /// The vendor's name as this device holds it (lists show it).
    #[serde(default)]
    pub vendor_name: String,
    pub provisional_number: String,
    pub number: String,
    pub state: PurchaseState,
    pub date: String,
    pub lines: Vec<LineEntry>,
    pub totals: OrderTotals,
}

/// Checks that `date` is a calendar date written `YYYY-MM-DD`.
pub fn check_date(date: &str) -> Result<(), SalesError> {
    let invalid = || SalesError::DateInvalid {
        text: date.to_owned(),
    };
    let bytes = date.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| {
                bytes[range]
                    .iter()
                    .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
            })
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(invalid());
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(invalid());
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(invalid()),
    };
    if year < 1900 || day == 0 || day > days {
        return Err(invalid());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_calendar_dates_written_year_first() {
        for good in ["2026-11-28", "2024-02-29", "2000-02-29"] {
            assert_eq!(check_date(good), Ok(()), "{good}");
        }
        for bad in [
            "28/11/2026",
            "2026-13-01",
            "2025-02-29",
            "1900-02-29",
            "2026-11-31",
            "",
        ] {
            let error = check_date(bad).unwrap_err();
            assert_eq!(error.field(), "date", "{bad}");
            assert!(error.to_string().contains("YYYY-MM-DD"), "{error}");
        }
    }
}
