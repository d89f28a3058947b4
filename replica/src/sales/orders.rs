//! Quotations and sales orders: created and edited offline from the customer's defaults
//! (addresses as Odoo's `address_get` picks them, pricelist, payment terms, salesperson), moved
//! through their states by the model's rule, and listed per customer for the card's count.

use automerge::{AutoCommit, ROOT};
use clientele_model::sales::{
    address_get, check_date, order_totals, AddressCandidate, LineEntry, OrderDraft, OrderState,
    OrderSummary, SaleOrder, SalesError,
};
use clientele_model::ContactType;
use clientele_schema::DocumentClass;
use rusqlite::{params, OptionalExtension};

use super::document::{self, root_option, Header};
use crate::store::new_id;
use crate::{Replica, ReplicaError};

const CLASS: DocumentClass = DocumentClass::SaleOrder;

/// The customer's row as an order needs it.
pub(super) struct OrderCustomer {
    pub company_id: Option<String>,
    pub pricelist_id: Option<String>,
    pub payment_terms_id: Option<String>,
    pub salesperson_id: Option<String>,
}

impl Replica {
    /// A new quotation for the customer in `draft.customer_id`, with the draft's lines and
    /// whatever it leaves empty taken from the customer: its provisional number is given here,
    /// the official one by the server at the first sync.
    pub fn create_quotation(&mut self, draft: &OrderDraft) -> Result<SaleOrder, ReplicaError> {
        let order = self.resolve_order(draft)?;
        let id = self.create_sales_record(CLASS, |doc, id, number| {
            document::write_header(
                doc,
                id,
                &Header::new(
                    &order.customer_id,
                    number,
                    OrderState::Quotation.as_str(),
                    &order.date,
                ),
            )?;
            write_order_fields(doc, id, &order)?;
            Ok(id.to_owned())
        })?;
        self.order(&id)
    }

    /// Changes an order's customer, date, addresses, terms and lines to `draft` (a line with
    /// an empty id is new; a line left out is removed). Only the values that changed are
    /// written, so a colleague's concurrent edit of another line survives.
    pub fn update_order(
        &mut self,
        id: &str,
        draft: &OrderDraft,
    ) -> Result<SaleOrder, ReplicaError> {
        if self.order(id)?.state == OrderState::Cancelled {
            return Err(SalesError::OrderCancelled.into());
        }
        let order = self.resolve_order(draft)?;
        self.edit_document(CLASS.as_str(), id, |doc| {
            document::put_text(
                doc,
                id,
                clientele_schema::keys::SALES_CUSTOMER,
                &order.customer_id,
            )?;
            document::put_text(doc, id, clientele_schema::keys::SALES_DATE, &order.date)?;
            write_order_fields(doc, id, &order)
        })?;
        self.order(id)
    }

    /// Moves an order to state `to` (send, confirm, cancel, set back to quotation) when the
    /// model allows it; a quotation without lines cannot be confirmed.
    pub fn set_order_state(&mut self, id: &str, to: OrderState) -> Result<SaleOrder, ReplicaError> {
        let order = self.order(id)?;
        order.state.transition(to)?;
        if to == OrderState::Sale && order.lines.is_empty() {
            return Err(SalesError::NoLines.into());
        }
        self.edit_document(CLASS.as_str(), id, |doc| {
            document::put_text(doc, id, clientele_schema::keys::SALES_STATE, to.as_str())
        })?;
        self.order(id)
    }

    /// The order `id` as stored, with its lines and totals.
    pub fn order(&self, id: &str) -> Result<SaleOrder, ReplicaError> {
        let doc = self.load_sales_document(CLASS, id)?;
        read_order(id, &doc)
    }

    /// The orders of a customer and of the people who work for it (Odoo counts a company's
    /// orders with its contacts'), newest first.
    pub fn customer_orders(&self, customer_id: &str) -> Result<Vec<OrderSummary>, ReplicaError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT o.id, o.customer_id, coalesce(c.name, ''), o.provisional_number, o.number,
                    o.state, o.date, o.total
               FROM sale_orders o LEFT JOIN customers c ON c.id = o.customer_id
              WHERE o.customer_id = ?1
                 OR o.customer_id IN (SELECT id FROM customers WHERE company_id = ?1)
              ORDER BY o.date DESC, o.id DESC",
        )?;
        let rows = statement.query_map([customer_id], |r| {
            let state: String = r.get(5)?;
            Ok(OrderSummary {
                id: r.get(0)?,
                customer_id: r.get(1)?,
                customer_name: r.get(2)?,
                provisional_number: r.get(3)?,
                number: r.get(4)?,
                state: OrderState::parse(&state).unwrap_or(OrderState::Quotation),
                date: r.get(6)?,
                total: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// What a new order for `customer_id` starts with: the customer's invoice and delivery
    /// addresses (`address_get`), pricelist, payment terms and salesperson.
    pub fn order_defaults(&self, customer_id: &str) -> Result<OrderDraft, ReplicaError> {
        let customer = self.order_customer(customer_id)?;
        let (own, company) = self.address_candidates(customer_id, &customer)?;
        let addresses = address_get(
            customer_id,
            &own,
            company
                .as_ref()
                .map(|(id, list)| (id.as_str(), list.as_slice())),
        );
        Ok(OrderDraft {
            customer_id: customer_id.to_owned(),
            invoice_address_id: Some(addresses.invoice_id),
            delivery_address_id: Some(addresses.delivery_id),
            pricelist_id: customer.pricelist_id,
            payment_terms_id: customer.payment_terms_id,
            salesperson_id: customer.salesperson_id,
            ..OrderDraft::default()
        })
    }

    /// The document `id` of `class`, loaded.
    pub(super) fn load_sales_document(
        &self,
        class: DocumentClass,
        id: &str,
    ) -> Result<AutoCommit, ReplicaError> {
        let bytes: Vec<u8> = self
            .conn
            .prepare_cached("SELECT bytes FROM documents WHERE id = ?1 AND class = ?2")?
            .query_row(params![id, class.as_str()], |r| r.get(0))
            .optional()?
            .ok_or_else(|| ReplicaError::NotFound {
                what: class.as_str().replace('_', " "),
                id: id.to_owned(),
            })?;
        crate::document::load(id, &bytes)
    }

    pub(super) fn order_customer(&self, customer_id: &str) -> Result<OrderCustomer, ReplicaError> {
        if customer_id.trim().is_empty() {
            return Err(SalesError::CustomerMissing.into());
        }
        self.conn
            .prepare_cached(
                "SELECT company_id, pricelist_id, payment_terms_id, salesperson_id
                   FROM customers WHERE id = ?1",
            )?
            .query_row([customer_id], |r| {
                Ok(OrderCustomer {
                    company_id: r.get(0)?,
                    pricelist_id: r.get(1)?,
                    payment_terms_id: r.get(2)?,
                    salesperson_id: r.get(3)?,
                })
            })
            .optional()?
            .ok_or_else(|| ReplicaError::NotFound {
                what: "customer".into(),
                id: customer_id.to_owned(),
            })
    }

    /// The customer's own contacts and, for a person working for a company, the company's, in
    /// the order the customer's form lists them.
    #[allow(clippy::type_complexity)]
    fn address_candidates(
        &self,
        customer_id: &str,
        customer: &OrderCustomer,
    ) -> Result<
        (
            Vec<AddressCandidate>,
            Option<(String, Vec<AddressCandidate>)>,
        ),
        ReplicaError,
    > {
        let contacts_of = |owner: &str| -> Result<Vec<AddressCandidate>, ReplicaError> {
            let mut statement = self.conn.prepare_cached(
                "SELECT id, contact_type FROM contacts WHERE customer_id = ?1 ORDER BY rowid",
            )?;
            let rows = statement.query_map([owner], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            let mut list = Vec::new();
            for row in rows {
                let (id, kind) = row?;
                if let Some(contact_type) = ContactType::parse(&kind) {
                    list.push(AddressCandidate { id, contact_type });
                }
            }
            Ok(list)
        };
        let own = contacts_of(customer_id)?;
        let company = match &customer.company_id {
            Some(company_id) => Some((company_id.clone(), contacts_of(company_id)?)),
            None => None,
        };
        Ok((own, company))
    }

    /// The draft checked and completed from the customer: date, lines, and addresses that
    /// belong to the customer (or its company).
    pub(super) fn resolve_order(&self, draft: &OrderDraft) -> Result<OrderDraft, ReplicaError> {
        let customer = self.order_customer(&draft.customer_id)?;
        check_date(&draft.date)?;
        let lines: Vec<_> = draft.lines.iter().map(|l| l.line.clone()).collect();
        order_totals(&lines)?;
        let defaults = self.order_defaults(&draft.customer_id)?;
        let (own, company) = self.address_candidates(&draft.customer_id, &customer)?;
        let belongs = |address: &str| {
            address == draft.customer_id
                || own
                    .iter()
                    .any(|c| c.id == address && c.contact_type != ContactType::Private)
                || company.as_ref().is_some_and(|(company_id, list)| {
                    address == company_id
                        || list
                            .iter()
                            .any(|c| c.id == address && c.contact_type != ContactType::Private)
                })
        };
        let pick =
            |given: &Option<String>, default: Option<String>, refusal: SalesError| match given
                .as_deref()
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                None => Ok(default),
                Some(address) if belongs(address) => Ok(Some(address.to_owned())),
                Some(_) => Err(refusal),
            };
        Ok(OrderDraft {
            customer_id: draft.customer_id.clone(),
            date: draft.date.clone(),
            invoice_address_id: pick(
                &draft.invoice_address_id,
                defaults.invoice_address_id,
                SalesError::InvoiceAddressNotOfCustomer,
            )?,
            delivery_address_id: pick(
                &draft.delivery_address_id,
                defaults.delivery_address_id,
                SalesError::DeliveryAddressNotOfCustomer,
            )?,
            pricelist_id: draft.pricelist_id.clone().or(defaults.pricelist_id),
            payment_terms_id: draft.payment_terms_id.clone().or(defaults.payment_terms_id),
            salesperson_id: draft.salesperson_id.clone().or(defaults.salesperson_id),
            note: draft.note.clone(),
            lines: draft.lines.clone(),
        })
    }
}

/// Writes a resolved order's fields and lines (not its header); returns the lines with their
/// ids.
pub(super) fn write_order_fields(
    doc: &mut AutoCommit,
    id: &str,
    order: &OrderDraft,
) -> Result<Vec<LineEntry>, ReplicaError> {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    document::put_text(
        doc,
        id,
        "invoice_address_id",
        &text(&order.invoice_address_id),
    )?;
    document::put_text(
        doc,
        id,
        "delivery_address_id",
        &text(&order.delivery_address_id),
    )?;
    document::put_text(doc, id, "pricelist_id", &text(&order.pricelist_id))?;
    document::put_text(doc, id, "payment_terms_id", &text(&order.payment_terms_id))?;
    document::put_text(doc, id, "salesperson_id", &text(&order.salesperson_id))?;
    document::put_text(doc, id, "note", &order.note)?;
    document::write_lines(doc, id, &order.lines, new_id)
}

/// An order document as the model's record.
pub(super) fn read_order(id: &str, doc: &AutoCommit) -> Result<SaleOrder, ReplicaError> {
    let header = document::read_header(doc);
    let lines: Vec<LineEntry> = document::read_lines(doc);
    let plain: Vec<_> = lines.iter().map(|l| l.line.clone()).collect();
    let totals = order_totals(&plain).map_err(|e| ReplicaError::Document {
        id: id.to_owned(),
        reason: e.to_string(),
    })?;
    Ok(SaleOrder {
        id: id.to_owned(),
        state: document::order_state(&header),
        customer_id: header.customer_id,
        provisional_number: header.provisional_number,
        number: header.number,
        date: header.date,
        invoice_address_id: document::text(doc, &ROOT, "invoice_address_id"),
        delivery_address_id: document::text(doc, &ROOT, "delivery_address_id"),
        pricelist_id: root_option(doc, "pricelist_id"),
        payment_terms_id: root_option(doc, "payment_terms_id"),
        salesperson_id: root_option(doc, "salesperson_id"),
        note: document::text(doc, &ROOT, "note"),
        lines,
        totals,
    })
}
