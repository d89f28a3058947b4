//! The sales windows' lists (Quotations and Sales orders, Invoices, Payments, Products,
//! Purchases), read from the projection tables with one [`SalesListQuery`]: the search matches
//! a number (official or provisional) or the customer's name without diacritics, the customer
//! filter takes the customer and the people who work for it, newest first.

use clientele_model::commands::SalesListQuery;
use clientele_model::rules::fold_for_search;
use clientele_model::sales::{Invoice, OrderState, OrderSummary, Payment, Product, PurchaseOrder};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Row};

use crate::{Replica, ReplicaError};

/// How many records a list shows when the query does not say.
pub const DEFAULT_LIST_LIMIT: u32 = 200;
/// The most records a list shows, whatever the query asks.
pub const MAX_LIST_LIMIT: u32 = 500;

impl Replica {
    /// The Quotations / Sales orders windows' rows.
    pub fn list_orders(&self, query: &SalesListQuery) -> Result<Vec<OrderSummary>, ReplicaError> {
        self.list_rows(
            "sale_orders",
            "customer_id",
            "t.id, t.customer_id, coalesce(c.name, ''), t.provisional_number, t.number, t.state,
             t.date, t.total",
            query,
            |r| {
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
            },
        )
    }

    /// The Invoices window's invoices, each with what is left to pay on it.
    pub fn list_invoices(&self, query: &SalesListQuery) -> Result<Vec<Invoice>, ReplicaError> {
        let ids = self.list_ids("invoices", "customer_id", query)?;
        ids.iter().map(|id| self.invoice(id)).collect()
    }

    /// The Payments window's payments (`states`: `posted`, `cancelled`).
    pub fn list_payments(&self, query: &SalesListQuery) -> Result<Vec<Payment>, ReplicaError> {
        let ids = self.list_ids("payments", "customer_id", query)?;
        ids.iter().map(|id| self.payment(id)).collect()
    }

    /// The Products window's products, by name: the search matches the name or the internal
    /// reference; products have neither customer nor state, so those filters do not apply.
    pub fn list_products(&self, query: &SalesListQuery) -> Result<Vec<Product>, ReplicaError> {
        let mut products = self.products(&query.search, query.with_archived)?;
        products.truncate(list_limit(query.limit) as usize);
        Ok(products)
    }

    /// The Purchases window's purchase orders; the customer filter names the vendor.
    pub fn list_purchases(
        &self,
        query: &SalesListQuery,
    ) -> Result<Vec<PurchaseOrder>, ReplicaError> {
        let ids = self.list_ids("purchase_orders", "vendor_id", query)?;
        ids.iter().map(|id| self.purchase_order(id)).collect()
    }

    /// The ids of `table`'s records matching `query`, newest first.
    fn list_ids(
        &self,
        table: &str,
        party: &str,
        query: &SalesListQuery,
    ) -> Result<Vec<String>, ReplicaError> {
        self.list_rows(table, party, "t.id", query, |r| r.get(0))
    }

    /// `columns` of `table` (aliased `t`, its customer `c`, joined on `t.{party}`) for the
    /// records matching `query`, newest first, each read by `read`.
    fn list_rows<T>(
        &self,
        table: &str,
        party: &str,
        columns: &str,
        query: &SalesListQuery,
        read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, ReplicaError> {
        let (sql, values) = list_sql(table, party, columns, query);
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(params_from_iter(values), read)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The number of records a list asks for, within the window's bounds.
fn list_limit(asked: u32) -> u32 {
    match asked {
        0 => DEFAULT_LIST_LIMIT,
        n => n.min(MAX_LIST_LIMIT),
    }
}

/// The statement listing `table` for `query`, with its parameters: `?1` the folded search,
/// `?2` the customer (or NULL), `?3` the limit, then the states.
fn list_sql(
    table: &str,
    party: &str,
    columns: &str,
    query: &SalesListQuery,
) -> (String, Vec<Value>) {
    let search = fold_for_search(&query.search);
    let customer = query
        .customer_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(|id| Value::Text(id.to_owned()))
        .unwrap_or(Value::Null);
    let mut values = vec![
        Value::Text(search),
        customer,
        Value::Integer(i64::from(list_limit(query.limit))),
    ];
    let states = if query.states.is_empty() {
        String::new()
    } else {
        let placeholders: Vec<String> = query
            .states
            .iter()
            .map(|state| {
                values.push(Value::Text(state.trim().to_owned()));
                format!("?{}", values.len())
            })
            .collect();
        format!("AND t.state IN ({})", placeholders.join(", "))
    };
    let sql = format!(
        "SELECT {columns}
           FROM {table} t LEFT JOIN customers c ON c.id = t.{party}
          WHERE (?1 = ''
                 OR instr(lower(t.number), ?1) > 0
                 OR instr(lower(t.provisional_number), ?1) > 0
                 OR instr(coalesce(c.name_key, ''), ?1) > 0)
            AND (?2 IS NULL
                 OR t.{party} = ?2
                 OR t.{party} IN (SELECT id FROM customers WHERE company_id = ?2))
            {states}
          ORDER BY t.date DESC, t.id DESC
          LIMIT ?3"
    );
    (sql, values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_shows_the_default_when_not_told_and_never_more_than_the_maximum() {
        assert_eq!(list_limit(0), DEFAULT_LIST_LIMIT);
        assert_eq!(list_limit(3), 3);
        assert_eq!(list_limit(10_000), MAX_LIST_LIMIT);
    }

    #[test]
    fn each_state_is_its_own_parameter() {
        let query = SalesListQuery {
            states: vec!["sale".into(), "sent".into()],
            ..SalesListQuery::default()
        };
        let (sql, values) = list_sql("sale_orders", "customer_id", "t.id", &query);
        assert!(sql.contains("t.state IN (?4, ?5)"), "{sql}");
        assert_eq!(values.len(), 5);
    }
}
