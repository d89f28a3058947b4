//! Sales records on the device (issue 13): products, quotations and sales orders, invoices,
//! payments and purchase orders, each its own document class, created and edited offline. A
//! record gets a provisional number here (this device's prefix and a counter kept in the same
//! transaction as the record) and its official number from the server when the server first
//! accepts it (design.md, "Numbers made offline"); its id, made here, is the idempotency key.

use automerge::AutoCommit;
use clientele_schema::DocumentClass;
use rusqlite::{params, OptionalExtension, Transaction};

use crate::store::{create_in, new_id};
use crate::{Replica, ReplicaError};

mod account;
mod bulk;
mod document;
mod groups;
mod invoices;
mod lists;
mod orders;
mod products;
mod projection;

pub(crate) use projection::project_sales;

impl Replica {
    /// Creates a sales document of `class` with a new id and the next provisional number,
    /// filled by `fill` (given the id and the number), in one transaction with the counter.
    pub(crate) fn create_sales_record<T>(
        &mut self,
        class: DocumentClass,
        fill: impl FnOnce(&mut AutoCommit, &str, &str) -> Result<T, ReplicaError>,
    ) -> Result<T, ReplicaError> {
        self.session.may_write(class.as_str())?;
        let id = new_id();
        let prefix = self.device_prefix();
        let tx = self.conn.transaction()?;
        let number = next_provisional(&tx, class, &prefix)?;
        let result = create_in(&tx, &self.actor, &self.author, class.as_str(), &id, |doc| {
            fill(doc, &id, &number)
        })?;
        tx.commit()?;
        self.notify(crate::session::ChangeOrigin::LocalEdit, vec![id]);
        Ok(result)
    }

    /// This device's prefix in provisional numbers: the first four hex digits of its Automerge
    /// actor, which is random per device.
    fn device_prefix(&self) -> String {
        self.actor.to_hex_string()[..4].to_uppercase()
    }
}

/// Whether `class` names one of the sales records' classes.
pub(crate) fn is_sales_class(class: &str) -> bool {
    matches!(
        DocumentClass::parse(class),
        Some(
            DocumentClass::Product
                | DocumentClass::SaleOrder
                | DocumentClass::Invoice
                | DocumentClass::Payment
                | DocumentClass::PurchaseOrder
        )
    )
}

/// Removes the sales record `id` and what it projected (a record the server refused before it
/// ever accepted it; the refusal keeps its bytes).
pub(crate) fn forget(tx: &Transaction, id: &str) -> Result<(), ReplicaError> {
    for sql in [
        "DELETE FROM sale_orders WHERE id = ?1",
        "DELETE FROM invoices WHERE id = ?1",
        "DELETE FROM payments WHERE id = ?1",
        "DELETE FROM payment_allocations WHERE payment_id = ?1",
        "DELETE FROM products WHERE id = ?1",
        "DELETE FROM product_prices WHERE product_id = ?1",
        "DELETE FROM purchase_orders WHERE id = ?1",
        "DELETE FROM documents WHERE id = ?1",
    ] {
        tx.prepare_cached(sql)?.execute([id])?;
    }
    Ok(())
}

/// What a class's provisional numbers start with.
fn provisional_prefix(class: DocumentClass) -> &'static str {
    match class {
        DocumentClass::SaleOrder => "S",
        DocumentClass::Invoice => "INV",
        DocumentClass::Payment => "PAY",
        DocumentClass::PurchaseOrder => "P",
        _ => "",
    }
}

/// The next provisional number of `class` on this device (`S-7F3A-0001`): a counter per class
/// in `meta`, advanced in the caller's transaction, so a number is never given twice even
/// across a crash.
fn next_provisional(
    tx: &Transaction,
    class: DocumentClass,
    device: &str,
) -> Result<String, ReplicaError> {
    let key = format!("provisional:{class}");
    let last: Option<String> = tx
        .query_row("SELECT value FROM meta WHERE key = ?1", [&key], |r| {
            r.get(0)
        })
        .optional()?;
    let next = last.and_then(|n| n.parse::<u64>().ok()).unwrap_or(0) + 1;
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
        params![key, next.to_string()],
    )?;
    Ok(format!("{}-{device}-{next:04}", provisional_prefix(class)))
}
