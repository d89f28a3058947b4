//! Invoices and payments: a draft invoice from a confirmed order (its lines, its invoice
//! address), posting (the server then gives the legal number), and payments collected on a
//! visit, allocated to posted invoices and never beyond what is left to pay on them.

use automerge::{AutoCommit, ROOT};
use clientele_model::sales::{
    check_allocations, check_date, order_totals, Invoice, InvoiceState, OrderState, Payment,
    PaymentDraft, PaymentMethod, SalesError, Vnd,
};
use clientele_schema::{keys, DocumentClass};
use rusqlite::OptionalExtension;

use super::document::{self, Header};
use crate::store::new_id;
use crate::{Replica, ReplicaError};

/// The customer ids counted as one account: the customer and the people who work for it.
pub(super) const FAMILY_SQL: &str =
    "SELECT ?1 UNION ALL SELECT id FROM customers WHERE company_id = ?1";

impl Replica {
    /// A draft invoice of the confirmed sales order `order_id`, dated `date`: the order's lines
    /// and its invoice address. An order is invoiced once (cancel the invoice to make another).
    pub fn invoice_order(&mut self, order_id: &str, date: &str) -> Result<Invoice, ReplicaError> {
        check_date(date)?;
        let order = self.order(order_id)?;
        if order.state != OrderState::Sale {
            return Err(SalesError::OrderNotConfirmed.into());
        }
        let existing: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM invoices WHERE order_id = ?1 AND state != 'cancelled' LIMIT 1",
            )?
            .query_row([order_id], |r| r.get(0))
            .optional()?;
        if let Some(invoice_id) = existing {
            return Err(SalesError::OrderAlreadyInvoiced { invoice_id }.into());
        }
        let id = self.create_sales_record(DocumentClass::Invoice, |doc, id, number| {
            document::write_header(
                doc,
                id,
                &Header::new(
                    &order.customer_id,
                    number,
                    InvoiceState::Draft.as_str(),
                    date,
                ),
            )?;
            document::put_text(doc, id, "order_id", order_id)?;
            document::put_text(doc, id, "address_id", &order.invoice_address_id)?;
            let lines: Vec<_> = order
                .lines
                .iter()
                .map(|l| clientele_model::sales::LineEntry {
                    id: String::new(),
                    line: l.line.clone(),
                })
                .collect();
            document::write_lines(doc, id, &lines, new_id)?;
            Ok(id.to_owned())
        })?;
        self.invoice(&id)
    }

    /// Posts the draft invoice `id`: it now counts in the customer's amount due, and the
    /// server gives it its number when it accepts it.
    pub fn post_invoice(&mut self, id: &str) -> Result<Invoice, ReplicaError> {
        self.set_invoice_state(id, InvoiceState::Posted)
    }

    /// Cancels the invoice `id`; one with payments allocated to it is refused, naming them.
    pub fn cancel_invoice(&mut self, id: &str) -> Result<Invoice, ReplicaError> {
        let payment_ids = self.paying(id)?;
        if !payment_ids.is_empty() {
            return Err(SalesError::InvoiceHasPayments {
                invoice_id: id.to_owned(),
                payment_ids,
            }
            .into());
        }
        self.set_invoice_state(id, InvoiceState::Cancelled)
    }

    fn set_invoice_state(&mut self, id: &str, to: InvoiceState) -> Result<Invoice, ReplicaError> {
        self.invoice(id)?.state.transition(to)?;
        self.edit_document(DocumentClass::Invoice.as_str(), id, |doc| {
            document::put_text(doc, id, keys::SALES_STATE, to.as_str())
        })?;
        self.invoice(id)
    }

    /// The invoice `id`, with what is left to pay on it.
    pub fn invoice(&self, id: &str) -> Result<Invoice, ReplicaError> {
        let doc = self.load_sales_document(DocumentClass::Invoice, id)?;
        let mut invoice = read_invoice(id, &doc)?;
        invoice.customer_name = self.customer_name(&invoice.customer_id)?;
        invoice.residual = if invoice.state == InvoiceState::Posted {
            invoice.totals.total - self.allocated_to(id)?
        } else {
            0
        };
        Ok(invoice)
    }

    /// The invoices of a customer and of the people who work for it, newest first.
    pub fn customer_invoices(&self, customer_id: &str) -> Result<Vec<Invoice>, ReplicaError> {
        let ids = self.ids_of(
            &format!(
                "SELECT id FROM invoices WHERE customer_id IN ({FAMILY_SQL})
                 ORDER BY date DESC, id DESC"
            ),
            customer_id,
        )?;
        ids.iter().map(|id| self.invoice(id)).collect()
    }

    /// Registers a payment collected from a customer, allocated to its posted invoices (or
    /// those of the people who work for it); an allocation above what is left to pay on an
    /// invoice is refused, naming the invoice and both amounts.
    pub fn register_payment(&mut self, draft: &PaymentDraft) -> Result<Payment, ReplicaError> {
        self.order_customer(&draft.customer_id)?;
        check_date(&draft.date)?;
        let open = self.open_invoices(&draft.customer_id)?;
        check_allocations(draft.amount, &draft.allocations, |invoice_id| {
            open.iter()
                .find(|(id, _)| id == invoice_id)
                .map(|(_, residual)| *residual)
        })?;
        let id = self.create_sales_record(DocumentClass::Payment, |doc, id, number| {
            document::write_header(
                doc,
                id,
                &Header::new(&draft.customer_id, number, "posted", &draft.date),
            )?;
            document::write_payment(
                doc,
                id,
                draft.amount,
                draft.method,
                draft.reference.trim(),
                &draft.allocations,
            )?;
            Ok(id.to_owned())
        })?;
        self.payment(&id)
    }

    /// Cancels the payment `id`: what it paid is owed again.
    pub fn cancel_payment(&mut self, id: &str) -> Result<Payment, ReplicaError> {
        if self.payment(id)?.cancelled {
            return Err(SalesError::PaymentAlreadyCancelled {
                payment_id: id.to_owned(),
            }
            .into());
        }
        self.edit_document(DocumentClass::Payment.as_str(), id, |doc| {
            document::put_text(doc, id, keys::SALES_STATE, "cancelled")
        })?;
        self.payment(id)
    }

    /// The payment `id`.
    pub fn payment(&self, id: &str) -> Result<Payment, ReplicaError> {
        let doc = self.load_sales_document(DocumentClass::Payment, id)?;
        let mut payment = read_payment(id, &doc);
        payment.customer_name = self.customer_name(&payment.draft.customer_id)?;
        Ok(payment)
    }

    /// The payments of a customer and of the people who work for it, newest first.
    pub fn customer_payments(&self, customer_id: &str) -> Result<Vec<Payment>, ReplicaError> {
        let ids = self.ids_of(
            &format!(
                "SELECT id FROM payments WHERE customer_id IN ({FAMILY_SQL})
                 ORDER BY date DESC, id DESC"
            ),
            customer_id,
        )?;
        ids.iter().map(|id| self.payment(id)).collect()
    }

    /// The posted invoices of the customer's account with what is left to pay on each.
    fn open_invoices(&self, customer_id: &str) -> Result<Vec<(String, Vnd)>, ReplicaError> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT i.id, i.total - coalesce((SELECT sum(a.amount) FROM payment_allocations a
                        JOIN payments p ON p.id = a.payment_id
                       WHERE a.invoice_id = i.id AND p.state != 'cancelled'), 0)
               FROM invoices i
              WHERE i.customer_id IN ({FAMILY_SQL}) AND i.state = 'posted'"
        ))?;
        let rows = statement.query_map([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// What payments not cancelled allocate to invoice `id`.
    fn allocated_to(&self, invoice_id: &str) -> Result<Vnd, ReplicaError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT coalesce(sum(a.amount), 0) FROM payment_allocations a
               JOIN payments p ON p.id = a.payment_id
              WHERE a.invoice_id = ?1 AND p.state != 'cancelled'",
            )?
            .query_row([invoice_id], |r| r.get(0))?)
    }

    /// The payments not cancelled that pay invoice `id`.
    fn paying(&self, invoice_id: &str) -> Result<Vec<String>, ReplicaError> {
        self.ids_of(
            "SELECT p.id FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
              WHERE a.invoice_id = ?1 AND p.state != 'cancelled' ORDER BY p.id",
            invoice_id,
        )
    }

    /// The name of customer `id` as this device holds it (empty when it holds no such
    /// customer, e.g. one merged away).
    pub(super) fn customer_name(&self, id: &str) -> Result<String, ReplicaError> {
        Ok(self
            .conn
            .prepare_cached("SELECT name FROM customers WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
    }

    /// The ids a one-parameter query returns.
    pub(super) fn ids_of(&self, sql: &str, parameter: &str) -> Result<Vec<String>, ReplicaError> {
        let mut statement = self.conn.prepare_cached(sql)?;
        let rows = statement.query_map([parameter], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn read_invoice(id: &str, doc: &AutoCommit) -> Result<Invoice, ReplicaError> {
    let header = document::read_header(doc);
    let lines = document::read_lines(doc);
    let plain: Vec<_> = lines.iter().map(|l| l.line.clone()).collect();
    let totals = order_totals(&plain).map_err(|e| ReplicaError::Document {
        id: id.to_owned(),
        reason: e.to_string(),
    })?;
    Ok(Invoice {
        id: id.to_owned(),
        state: document::invoice_state(&header),
        customer_id: header.customer_id,
        customer_name: String::new(),
        order_id: document::root_option(doc, "order_id"),
        provisional_number: header.provisional_number,
        number: header.number,
        date: header.date,
        address_id: document::text(doc, &ROOT, "address_id"),
        lines,
        totals,
        residual: 0,
    })
}

fn read_payment(id: &str, doc: &AutoCommit) -> Payment {
    let header = document::read_header(doc);
    Payment {
        id: id.to_owned(),
        customer_name: String::new(),
        provisional_number: header.provisional_number,
        number: header.number,
        cancelled: header.state == "cancelled",
        draft: PaymentDraft {
            customer_id: header.customer_id,
            date: header.date,
            amount: document::integer(doc, &ROOT, "amount"),
            method: PaymentMethod::parse(&document::text(doc, &ROOT, "method"))
                .unwrap_or(PaymentMethod::Cash),
            reference: document::text(doc, &ROOT, "reference"),
            allocations: document::read_allocations(doc),
        },
    }
}
