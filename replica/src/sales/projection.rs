//! The sales records' projection: the rows lists, counts and the amount due read, written in
//! the same transaction as the document (as the customers' are). Totals are derived from the
//! lines here with the model's per-line rounding, so every device derives the same amounts.

use automerge::{AutoCommit, ROOT};
use clientele_model::rules::fold_for_search;
use clientele_model::sales::{line_amounts, order_totals, OrderLine, OrderTotals, PriceRule};
use clientele_schema::DocumentClass;
use rusqlite::{params, Transaction};

use super::document::{integer, read_allocations, read_header, read_lines, read_product, text};
use crate::ReplicaError;

/// Projects a sales document of `class` into its tables, replacing what it projected before.
pub(crate) fn project_sales(
    tx: &Transaction,
    id: &str,
    class: DocumentClass,
    doc: &AutoCommit,
) -> Result<(), ReplicaError> {
    let header = read_header(doc);
    match class {
        DocumentClass::SaleOrder => {
            let lines = read_lines(doc);
            let totals = totals_of(id, lines.iter().map(|l| &l.line))?;
            tx.prepare_cached(
                "INSERT OR REPLACE INTO sale_orders (id, customer_id, provisional_number, number,
                     state, date, salesperson_id, untaxed, tax, total, line_count)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, ''), ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                id,
                header.customer_id,
                header.provisional_number,
                header.number,
                header.state,
                header.date,
                text(doc, &ROOT, "salesperson_id"),
                totals.untaxed,
                totals.tax,
                totals.total,
                lines.len() as i64,
            ])?;
        }
        DocumentClass::Invoice => {
            let lines = read_lines(doc);
            let totals = totals_of(id, lines.iter().map(|l| &l.line))?;
            tx.prepare_cached(
                "INSERT OR REPLACE INTO invoices (id, customer_id, order_id, provisional_number,
                     number, state, date, untaxed, tax, total)
                 VALUES (?1, ?2, nullif(?3, ''), ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                id,
                header.customer_id,
                text(doc, &ROOT, "order_id"),
                header.provisional_number,
                header.number,
                header.state,
                header.date,
                totals.untaxed,
                totals.tax,
                totals.total,
            ])?;
        }
        DocumentClass::Payment => {
            tx.prepare_cached(
                "INSERT OR REPLACE INTO payments (id, customer_id, provisional_number, number,
                     state, date, amount, method, reference)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                id,
                header.customer_id,
                header.provisional_number,
                header.number,
                header.state,
                header.date,
                integer(doc, &ROOT, "amount"),
                text(doc, &ROOT, "method"),
                text(doc, &ROOT, "reference"),
            ])?;
            tx.prepare_cached("DELETE FROM payment_allocations WHERE payment_id = ?1")?
                .execute([id])?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO payment_allocations (payment_id, invoice_id, amount) VALUES (?1, ?2, ?3)",
            )?;
            for allocation in read_allocations(doc) {
                insert.execute(params![id, allocation.invoice_id, allocation.amount])?;
            }
        }
        DocumentClass::Product => {
            let (draft, prices) = read_product(doc);
            tx.prepare_cached(
                "INSERT OR REPLACE INTO products (id, name, name_key, internal_ref, unit,
                     sales_price, vat, active)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                id,
                draft.name,
                fold_for_search(&draft.name),
                draft.internal_ref,
                draft.unit,
                draft.sales_price,
                draft.vat.as_str(),
                draft.active,
            ])?;
            tx.prepare_cached("DELETE FROM product_prices WHERE product_id = ?1")?
                .execute([id])?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO product_prices (product_id, pricelist_id, kind, value)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (pricelist_id, rule) in prices {
                let (kind, value) = match rule {
                    PriceRule::Fixed(price) => ("fixed", price),
                    PriceRule::PercentOff(bp) => ("percent_off", bp),
                };
                insert.execute(params![id, pricelist_id, kind, value])?;
            }
        }
        DocumentClass::PurchaseOrder => {
            let lines = read_lines(doc);
            let totals = totals_of(id, lines.iter().map(|l| &l.line))?;
            tx.prepare_cached(
                "INSERT OR REPLACE INTO purchase_orders (id, vendor_id, provisional_number, number,
                     state, date, total)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                id,
                header.customer_id,
                header.provisional_number,
                header.number,
                header.state,
                header.date,
                totals.total,
            ])?;
        }
        other => {
            return Err(ReplicaError::Document {
                id: id.to_owned(),
                reason: format!("{other} is not a sales record"),
            })
        }
    }
    Ok(())
}

/// The totals of a document's lines, rounded per line as the model rounds them. A line a peer
/// wrote that the model refuses counts 0 here rather than stopping the sync that brought it
/// (its form shows the line's error when opened).
fn totals_of<'a>(
    id: &str,
    lines: impl Iterator<Item = &'a OrderLine>,
) -> Result<OrderTotals, ReplicaError> {
    let lines: Vec<OrderLine> = lines.cloned().collect();
    if let Ok(totals) = order_totals(&lines) {
        return Ok(totals);
    }
    tracing::warn!(
        document = id,
        "a sales record has lines the model refuses; counted as 0"
    );
    let mut totals = OrderTotals {
        untaxed: 0,
        tax: 0,
        total: 0,
    };
    for amounts in lines.iter().filter_map(|l| line_amounts(l).ok()) {
        totals.untaxed = totals.untaxed.saturating_add(amounts.untaxed);
        totals.tax = totals.tax.saturating_add(amounts.tax);
        totals.total = totals.total.saturating_add(amounts.total);
    }
    Ok(totals)
}
