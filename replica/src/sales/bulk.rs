//! Seeding many sales records in one transaction (seeding a workspace, an import, benchmarks):
//! orders with, for confirmed ones, their posted invoice and a payment of it, each written by
//! the same document writers and projected as `create_quotation`, `invoice_order`,
//! `post_invoice` and `register_payment` would, but with one commit for all.

use clientele_model::sales::{
    check_allocations, check_date, order_totals, Allocation, InvoiceState, LineEntry, OrderDraft,
    OrderState, PaymentDraft, SalesError,
};
use clientele_schema::DocumentClass;
use rusqlite::Transaction;

use super::document::{self, Header};
use super::next_provisional;
use crate::store::{create_in, new_id};
use crate::{Replica, ReplicaError};

/// What one seeded order became: its id, and its invoice's and payment's ids if it has them.
type Seeded = (String, Option<String>, Option<String>);

impl Replica {
    /// For seeding and imports only: stores many orders in one transaction, all or none. Each
    /// `(draft, state, payment)` is an order in `state` with the draft's lines and the customer's
    /// defaults (its addresses as `order_defaults` picks them; another address is refused). An
    /// order in state `Sale` is also invoiced on its date and the invoice posted; a `payment`
    /// (only for such an order; its customer and allocations are not read) is registered for
    /// the order's customer and allocated whole to that invoice, never beyond its total. Provisional numbers advance as one by one. Returns
    /// each order's id with its invoice's and payment's.
    pub fn seed_sales_bulk(
        &mut self,
        seeds: &[(OrderDraft, OrderState, Option<PaymentDraft>)],
    ) -> Result<Vec<Seeded>, ReplicaError> {
        for class in [
            DocumentClass::SaleOrder,
            DocumentClass::Invoice,
            DocumentClass::Payment,
        ] {
            self.session.may_write(class.as_str())?;
        }
        let mut checked = Vec::with_capacity(seeds.len());
        for (draft, state, payment) in seeds {
            let order = self.resolve_order(draft)?;
            let totals = order_totals(
                &order
                    .lines
                    .iter()
                    .map(|l| l.line.clone())
                    .collect::<Vec<_>>(),
            )?;
            if let Some(payment) = payment {
                if *state != OrderState::Sale {
                    return Err(SalesError::OrderNotConfirmed.into());
                }
                check_date(&payment.date)?;
                let whole = [Allocation {
                    invoice_id: "invoice".into(),
                    amount: payment.amount,
                }];
                check_allocations(payment.amount, &whole, |_| Some(totals.total))?;
            }
            checked.push((order, *state, payment.as_ref()));
        }
        let prefix = self.device_prefix();
        let tx = self.conn.transaction()?;
        let mut seeded = Vec::with_capacity(checked.len());
        for (order, state, payment) in checked {
            let ids = seed_one(
                &tx,
                &self.actor,
                &self.author,
                &prefix,
                &order,
                state,
                payment,
            )?;
            seeded.push(ids);
        }
        tx.commit()?;
        let ids = seeded
            .iter()
            .flat_map(|(o, i, p)| std::iter::once(o).chain(i).chain(p).cloned())
            .collect();
        self.notify(crate::session::ChangeOrigin::Import, ids);
        Ok(seeded)
    }
}

/// Stores one order, and its invoice and payment when it has them, in `tx`.
fn seed_one(
    tx: &Transaction,
    actor: &automerge::ActorId,
    author: &str,
    prefix: &str,
    order: &OrderDraft,
    state: OrderState,
    payment: Option<&PaymentDraft>,
) -> Result<Seeded, ReplicaError> {
    let header = |class, state: &str, date: &str| -> Result<Header, ReplicaError> {
        Ok(Header::new(
            &order.customer_id,
            &next_provisional(tx, class, prefix)?,
            state,
            date,
        ))
    };
    let order_id = new_id();
    let order_header = header(DocumentClass::SaleOrder, state.as_str(), &order.date)?;
    let lines = create_in(
        tx,
        actor,
        author,
        DocumentClass::SaleOrder.as_str(),
        &order_id,
        |doc| {
            document::write_header(doc, &order_id, &order_header)?;
            super::orders::write_order_fields(doc, &order_id, order)
        },
    )?;
    if state != OrderState::Sale {
        return Ok((order_id, None, None));
    }
    let invoice_id = new_id();
    let invoice_header = header(
        DocumentClass::Invoice,
        InvoiceState::Posted.as_str(),
        &order.date,
    )?;
    create_in(
        tx,
        actor,
        author,
        DocumentClass::Invoice.as_str(),
        &invoice_id,
        |doc| {
            document::write_header(doc, &invoice_id, &invoice_header)?;
            document::put_text(doc, &invoice_id, "order_id", &order_id)?;
            let address = order.invoice_address_id.clone().unwrap_or_default();
            document::put_text(doc, &invoice_id, "address_id", &address)?;
            let fresh: Vec<LineEntry> = lines
                .iter()
                .map(|l| LineEntry {
                    id: String::new(),
                    line: l.line.clone(),
                })
                .collect();
            document::write_lines(doc, &invoice_id, &fresh, new_id).map(drop)
        },
    )?;
    let Some(payment) = payment else {
        return Ok((order_id, Some(invoice_id), None));
    };
    let payment_id = new_id();
    let payment_header = header(DocumentClass::Payment, "posted", &payment.date)?;
    let whole = [Allocation {
        invoice_id: invoice_id.clone(),
        amount: payment.amount,
    }];
    create_in(
        tx,
        actor,
        author,
        DocumentClass::Payment.as_str(),
        &payment_id,
        |doc| {
            document::write_header(doc, &payment_id, &payment_header)?;
            document::write_payment(
                doc,
                &payment_id,
                payment.amount,
                payment.method,
                payment.reference.trim(),
                &whole,
            )
        },
    )?;
    Ok((order_id, Some(invoice_id), Some(payment_id)))
}
