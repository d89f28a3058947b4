//! Products with their prices per pricelist (managers maintain them, everyone reads them), the
//! unit price an order line starts from, and minimal purchase orders to vendors.

use automerge::AutoCommit;
use clientele_model::rules::fold_for_search;
use clientele_model::sales::{
    check_date, order_totals, pricelist_price, LineEntry, PriceRule, Product, ProductDraft,
    PurchaseOrder, PurchaseState, SalesError, Vnd,
};
use clientele_schema::{keys, DocumentClass};
use rusqlite::OptionalExtension;

use super::document::{self, Header};
use crate::store::new_id;
use crate::{Replica, ReplicaError};

impl Replica {
    /// A new product with its prices per pricelist.
    pub fn create_product(
        &mut self,
        draft: &ProductDraft,
        prices: &[(String, PriceRule)],
    ) -> Result<Product, ReplicaError> {
        draft.validate()?;
        for (_, rule) in prices {
            rule.validate()?;
        }
        let id = new_id();
        let prices: Vec<_> = prices.iter().map(|(l, r)| (l.clone(), Some(*r))).collect();
        self.create_document(DocumentClass::Product.as_str(), &id, |doc| {
            document::write_product(doc, &id, draft, &prices)
        })?;
        self.product(&id)
    }

    /// Changes a product's fields and, for each pricelist listed, its rule (`None` removes
    /// the pricelist's price; pricelists not listed keep theirs).
    pub fn update_product(
        &mut self,
        id: &str,
        draft: &ProductDraft,
        prices: &[(String, Option<PriceRule>)],
    ) -> Result<Product, ReplicaError> {
        draft.validate()?;
        for rule in prices.iter().filter_map(|(_, r)| r.as_ref()) {
            rule.validate()?;
        }
        self.edit_document(DocumentClass::Product.as_str(), id, |doc| {
            document::write_product(doc, id, draft, prices)
        })?;
        self.product(id)
    }

    /// The product `id` with its prices.
    pub fn product(&self, id: &str) -> Result<Product, ReplicaError> {
        let doc = self.load_sales_document(DocumentClass::Product, id)?;
        let (draft, prices) = document::read_product(&doc);
        Ok(Product {
            id: id.to_owned(),
            draft,
            prices,
        })
    }

    /// Products whose name or internal reference contains `search` (without diacritics, any
    /// case), by name; archived ones only when asked.
    pub fn products(
        &self,
        search: &str,
        with_archived: bool,
    ) -> Result<Vec<Product>, ReplicaError> {
        let folded = fold_for_search(search.trim());
        let ids = {
            let mut statement = self.conn.prepare_cached(
                "SELECT id FROM products
                  WHERE (active = 1 OR ?2)
                    AND (?1 = '' OR instr(name_key, ?1) > 0 OR instr(lower(internal_ref), ?1) > 0)
                  ORDER BY name_key, id",
            )?;
            let rows =
                statement.query_map(rusqlite::params![folded, with_archived], |r| r.get(0))?;
            rows.collect::<Result<Vec<String>, _>>()?
        };
        ids.iter().map(|id| self.product(id)).collect()
    }

    /// The unit price of `product_id` on `pricelist_id` (its rule, else the list price).
    pub fn product_price(
        &self,
        product_id: &str,
        pricelist_id: Option<&str>,
    ) -> Result<Vnd, ReplicaError> {
        let product = self.product(product_id)?;
        let rule = pricelist_id.and_then(|list| {
            product
                .prices
                .iter()
                .find(|(id, _)| id == list)
                .map(|(_, rule)| *rule)
        });
        Ok(pricelist_price(product.draft.sales_price, rule.as_ref()))
    }

    /// A new purchase order (a request for quotation) to the vendor `vendor_id`.
    pub fn create_purchase_order(
        &mut self,
        vendor_id: &str,
        date: &str,
        lines: &[LineEntry],
    ) -> Result<PurchaseOrder, ReplicaError> {
        self.order_customer(vendor_id)?;
        check_date(date)?;
        let plain: Vec<_> = lines.iter().map(|l| l.line.clone()).collect();
        order_totals(&plain)?;
        let id = self.create_sales_record(DocumentClass::PurchaseOrder, |doc, id, number| {
            document::write_header(
                doc,
                id,
                &Header::new(vendor_id, number, PurchaseState::Draft.as_str(), date),
            )?;
            document::write_lines(doc, id, lines, new_id)?;
            Ok(id.to_owned())
        })?;
        self.purchase_order(&id)
    }

    /// Confirms or cancels the purchase order `id` (a cancelled one may go back to draft).
    pub fn set_purchase_state(
        &mut self,
        id: &str,
        to: PurchaseState,
    ) -> Result<PurchaseOrder, ReplicaError> {
        let from = self.purchase_order(id)?.state;
        let allowed = matches!(
            (from, to),
            (PurchaseState::Draft, PurchaseState::Purchase)
                | (
                    PurchaseState::Draft | PurchaseState::Purchase,
                    PurchaseState::Cancelled
                )
                | (PurchaseState::Cancelled, PurchaseState::Draft)
        );
        if !allowed {
            return Err(SalesError::PurchaseTransition {
                from: from.as_str().to_owned(),
                to: to.as_str().to_owned(),
            }
            .into());
        }
        self.edit_document(DocumentClass::PurchaseOrder.as_str(), id, |doc| {
            document::put_text(doc, id, keys::SALES_STATE, to.as_str())
        })?;
        self.purchase_order(id)
    }

    /// The purchase order `id`.
    pub fn purchase_order(&self, id: &str) -> Result<PurchaseOrder, ReplicaError> {
        let doc = self.load_sales_document(DocumentClass::PurchaseOrder, id)?;
        let mut purchase = read_purchase(id, &doc)?;
        purchase.vendor_name = self.customer_name(&purchase.vendor_id)?;
        Ok(purchase)
    }

    /// The vendor `vendor_id`'s purchase orders, newest first.
    pub fn vendor_purchases(&self, vendor_id: &str) -> Result<Vec<PurchaseOrder>, ReplicaError> {
        let ids = self.ids_of(
            "SELECT id FROM purchase_orders WHERE vendor_id = ?1 ORDER BY date DESC, id DESC",
            vendor_id,
        )?;
        ids.iter().map(|id| self.purchase_order(id)).collect()
    }

    /// Whether a product `id` exists (for an order line naming it).
    pub fn has_product(&self, id: &str) -> Result<bool, ReplicaError> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM products WHERE id = ?1")?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    }
}

fn read_purchase(id: &str, doc: &AutoCommit) -> Result<PurchaseOrder, ReplicaError> {
    let header = document::read_header(doc);
    let lines = document::read_lines(doc);
    let plain: Vec<_> = lines.iter().map(|l| l.line.clone()).collect();
    let totals = order_totals(&plain).map_err(|e| ReplicaError::Document {
        id: id.to_owned(),
        reason: e.to_string(),
    })?;
    Ok(PurchaseOrder {
        id: id.to_owned(),
        vendor_id: header.customer_id,
        vendor_name: String::new(),
        provisional_number: header.provisional_number,
        number: header.number,
        state: PurchaseState::parse(&header.state).unwrap_or(PurchaseState::Draft),
        date: header.date,
        lines,
        totals,
    })
}
