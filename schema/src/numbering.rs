//! Official numbers of sales records, given by the server when it first accepts the record
//! (design.md, "Numbers made offline"): which sequence a record draws from, and how its number
//! reads. One rule for every server store, so two instances on one database never disagree.

use crate::class::DocumentClass;

/// A sequence of official numbers: each accepted record takes the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sequence {
    /// The sequence's key in the server's table (`sale_order`, `invoice/2026`, ...).
    pub name: String,
    /// What the number starts with (`S`, `INV/2026/`, ...).
    pub prefix: String,
}

impl Sequence {
    /// The `n`th number of this sequence (`S00001`, `INV/2026/00042`).
    pub fn format(&self, n: u64) -> String {
        format!("{}{n:05}", self.prefix)
    }
}

/// The sequence a record of `class` in `state`, dated `date` (`YYYY-MM-DD`), takes its official
/// number from, once the server accepts it: orders and purchase orders from their creation (as
/// Odoo numbers quotations), invoices once posted (no legal number for a draft), payments at
/// once. `None` for other classes and for an invoice not posted. An error says what the record
/// lacks for its number.
pub fn sequence_for(
    class: DocumentClass,
    state: &str,
    date: &str,
) -> Result<Option<Sequence>, String> {
    let fixed = |name: &str, prefix: &str| {
        Ok(Some(Sequence {
            name: name.to_owned(),
            prefix: prefix.to_owned(),
        }))
    };
    let yearly = |name: &str, prefix: &str| {
        let year = year_of(date).ok_or_else(|| {
            format!("a {name} needs its date as YYYY-MM-DD for its number (it has {date:?})")
        })?;
        Ok(Some(Sequence {
            name: format!("{name}/{year}"),
            prefix: format!("{prefix}/{year}/"),
        }))
    };
    match class {
        DocumentClass::SaleOrder => fixed("sale_order", "S"),
        DocumentClass::PurchaseOrder => fixed("purchase_order", "P"),
        DocumentClass::Invoice if state == "posted" => yearly("invoice", "INV"),
        DocumentClass::Payment if state != "cancelled" => yearly("payment", "PAY"),
        _ => Ok(None),
    }
}

/// The year of a `YYYY-MM-DD` date.
fn year_of(date: &str) -> Option<&str> {
    let year = date.get(..4)?;
    (year.bytes().all(|b| b.is_ascii_digit()) && date.as_bytes().get(4) == Some(&b'-'))
        .then_some(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_are_numbered_from_creation_and_invoices_once_posted() {
        let order = sequence_for(DocumentClass::SaleOrder, "quotation", "").unwrap();
        assert_eq!(order.unwrap().format(7), "S00007");
        let purchase = sequence_for(DocumentClass::PurchaseOrder, "draft", "").unwrap();
        assert_eq!(purchase.unwrap().format(12), "P00012");
        assert_eq!(
            sequence_for(DocumentClass::Invoice, "draft", "2026-11-28").unwrap(),
            None
        );
        let invoice = sequence_for(DocumentClass::Invoice, "posted", "2026-11-28")
            .unwrap()
            .unwrap();
        assert_eq!(invoice.name, "invoice/2026");
        assert_eq!(invoice.format(42), "INV/2026/00042");
        let payment = sequence_for(DocumentClass::Payment, "posted", "2027-01-02").unwrap();
        assert_eq!(payment.unwrap().format(1), "PAY/2027/00001");
        assert_eq!(sequence_for(DocumentClass::Customer, "", "").unwrap(), None);
    }

    #[test]
    fn a_posted_invoice_without_a_date_is_told_what_it_lacks() {
        let error = sequence_for(DocumentClass::Invoice, "posted", "28/11/2026").unwrap_err();
        assert!(error.contains("YYYY-MM-DD"), "{error}");
        assert!(sequence_for(DocumentClass::Payment, "posted", "").is_err());
    }
}
