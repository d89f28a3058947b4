//! The sales windows' lists (Quotations and Sales orders, Invoices, Payments, Products,
//! Purchases), read from the projection tables with one [`SalesListQuery`]: the search matches
//! a number (official or provisional) or the customer's name without diacritics, the customer
//! filter takes the customer and the people who work for it, the group narrows to one group of
//! `group_sales`, newest first, one page (`offset`, `limit`) at a time. A list of orders,
//! invoices, payments or purchases is one SQL query over the projection: no document is opened.

use clientele_model::commands::SalesListQuery;
use clientele_model::rules::fold_for_search;
use clientele_model::sales::{
    InvoiceState, InvoiceSummary, OrderState, OrderSummary, PaymentMethod, PaymentSummary, Product,
    PurchaseState, PurchaseSummary, SalesClass, SalesGroupBy,
};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Row};

use crate::{Replica, ReplicaError};

/// How many records a list shows when the query does not say.
pub const DEFAULT_LIST_LIMIT: u32 = 200;
/// The most records a list shows, whatever the query asks.
pub const MAX_LIST_LIMIT: u32 = 500;

/// What is left to pay on the invoice `t` (0 unless posted), as `Replica::invoice` counts it.
const RESIDUAL_SQL: &str = "CASE WHEN t.state = 'posted' THEN t.total - coalesce(
        (SELECT sum(a.amount) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
          WHERE a.invoice_id = t.id AND p.state != 'cancelled'), 0) ELSE 0 END";

impl Replica {
    /// The Quotations / Sales orders windows' rows.
    pub fn list_orders(&self, query: &SalesListQuery) -> Result<Vec<OrderSummary>, ReplicaError> {
        self.list_rows(
            SalesClass::Orders,
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

    /// The Invoices window's rows, each with what is left to pay on it.
    pub fn list_invoices(
        &self,
        query: &SalesListQuery,
    ) -> Result<Vec<InvoiceSummary>, ReplicaError> {
        self.list_rows(
            SalesClass::Invoices,
            &format!(
                "t.id, t.customer_id, coalesce(c.name, ''), t.order_id, t.provisional_number,
                 t.number, t.state, t.date, t.total, {RESIDUAL_SQL}"
            ),
            query,
            |r| {
                let state: String = r.get(6)?;
                Ok(InvoiceSummary {
                    id: r.get(0)?,
                    customer_id: r.get(1)?,
                    customer_name: r.get(2)?,
                    order_id: r.get(3)?,
                    provisional_number: r.get(4)?,
                    number: r.get(5)?,
                    state: InvoiceState::parse(&state).unwrap_or(InvoiceState::Draft),
                    date: r.get(7)?,
                    total: r.get(8)?,
                    residual: r.get(9)?,
                })
            },
        )
    }

    /// The Payments window's rows (`states`: `posted`, `cancelled`).
    pub fn list_payments(
        &self,
        query: &SalesListQuery,
    ) -> Result<Vec<PaymentSummary>, ReplicaError> {
        self.list_rows(
            SalesClass::Payments,
            "t.id, t.customer_id, coalesce(c.name, ''), t.provisional_number, t.number, t.state,
             t.date, t.amount, t.method, t.reference",
            query,
            |r| {
                let state: String = r.get(5)?;
                let method: String = r.get(8)?;
                Ok(PaymentSummary {
                    id: r.get(0)?,
                    customer_id: r.get(1)?,
                    customer_name: r.get(2)?,
                    provisional_number: r.get(3)?,
                    number: r.get(4)?,
                    cancelled: state == "cancelled",
                    date: r.get(6)?,
                    amount: r.get(7)?,
                    method: PaymentMethod::parse(&method).unwrap_or(PaymentMethod::Cash),
                    reference: r.get(9)?,
                })
            },
        )
    }

    /// The Purchases window's rows; the customer filter and group name the vendor.
    pub fn list_purchases(
        &self,
        query: &SalesListQuery,
    ) -> Result<Vec<PurchaseSummary>, ReplicaError> {
        self.list_rows(
            SalesClass::Purchases,
            "t.id, t.vendor_id, coalesce(c.name, ''), t.provisional_number, t.number, t.state,
             t.date, t.total",
            query,
            |r| {
                let state: String = r.get(5)?;
                Ok(PurchaseSummary {
                    id: r.get(0)?,
                    vendor_id: r.get(1)?,
                    vendor_name: r.get(2)?,
                    provisional_number: r.get(3)?,
                    number: r.get(4)?,
                    state: PurchaseState::parse(&state).unwrap_or(PurchaseState::Draft),
                    date: r.get(6)?,
                    total: r.get(7)?,
                })
            },
        )
    }

    /// The Products window's products, by name, one page: the search matches the name or the
    /// internal reference; products have neither customer nor state (the customer filter does
    /// not apply, a state or a group is refused).
    pub fn list_products(&self, query: &SalesListQuery) -> Result<Vec<Product>, ReplicaError> {
        query.check(SalesClass::Products)?;
        let ids = {
            let mut statement = self.conn.prepare_cached(&format!(
                "SELECT id FROM products WHERE {PRODUCTS_WHERE} ORDER BY name_key, id
                  LIMIT ?3 OFFSET ?4"
            ))?;
            let rows = statement.query_map(
                rusqlite::params![
                    fold_for_search(query.search.trim()),
                    query.with_archived,
                    list_limit(query.limit),
                    query.offset,
                ],
                |r| r.get::<_, String>(0),
            )?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        ids.iter().map(|id| self.product(id)).collect()
    }

    /// How many records of `class` match `query`, whatever its page: the pager's total.
    pub fn count_sales(
        &self,
        class: SalesClass,
        query: &SalesListQuery,
    ) -> Result<u64, ReplicaError> {
        query.check(class)?;
        let count: i64 = if class == SalesClass::Products {
            self.conn
                .prepare_cached(&format!(
                    "SELECT count(*) FROM products WHERE {PRODUCTS_WHERE}"
                ))?
                .query_row(
                    rusqlite::params![fold_for_search(query.search.trim()), query.with_archived],
                    |r| r.get(0),
                )?
        } else {
            let filter = Filter::of(class, query);
            self.conn
                .prepare_cached(&format!("SELECT count(*) {}", filter.from_where))?
                .query_row(params_from_iter(&filter.values), |r| r.get(0))?
        };
        Ok(count.max(0) as u64)
    }

    /// `columns` of `class`'s table (aliased `t`, its customer `c`) for one page of the records
    /// matching `query`, newest first, each read by `read`.
    fn list_rows<T>(
        &self,
        class: SalesClass,
        columns: &str,
        query: &SalesListQuery,
        read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, ReplicaError> {
        query.check(class)?;
        let (sql, values) = list_sql(class, columns, query);
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(params_from_iter(values), read)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The products a search matches (`?1` the folded search, `?2` archived ones too).
const PRODUCTS_WHERE: &str = "(active = 1 OR ?2)
    AND (?1 = '' OR instr(name_key, ?1) > 0 OR instr(lower(internal_ref), ?1) > 0)";

/// The number of records a list asks for, within the window's bounds.
fn list_limit(asked: u32) -> u32 {
    match asked {
        0 => DEFAULT_LIST_LIMIT,
        n => n.min(MAX_LIST_LIMIT),
    }
}

/// The projection table of `class`'s records and the column naming their customer (a
/// purchase's vendor). Products are listed on their own (they have no customer).
pub(super) fn table_of(class: SalesClass) -> (&'static str, &'static str) {
    match class {
        SalesClass::Orders => ("sale_orders", "customer_id"),
        SalesClass::Invoices => ("invoices", "customer_id"),
        SalesClass::Payments => ("payments", "customer_id"),
        SalesClass::Purchases => ("purchase_orders", "vendor_id"),
        SalesClass::Products => ("products", "id"),
    }
}

/// The value a record of `class` (aliased `t`) groups under for `by`; NULL or '' for none.
/// The class must group by `by` (`SalesClass::check_group_by`).
pub(super) fn group_key_sql(class: SalesClass, by: SalesGroupBy) -> String {
    let (_, party) = table_of(class);
    match by {
        SalesGroupBy::Customer => format!("t.{party}"),
        SalesGroupBy::State => "t.state".to_owned(),
        SalesGroupBy::Month => "substr(t.date, 1, 7)".to_owned(),
        SalesGroupBy::Salesperson if class == SalesClass::Invoices => {
            "(SELECT o.salesperson_id FROM sale_orders o WHERE o.id = t.order_id)".to_owned()
        }
        SalesGroupBy::Salesperson => "t.salesperson_id".to_owned(),
    }
}

/// The `FROM ... WHERE ...` of the records of `class` matching a query, with its parameters:
/// `?1` the folded search, `?2` the customer (or NULL), then the states and the group's key.
pub(super) struct Filter {
    pub from_where: String,
    pub values: Vec<Value>,
}

impl Filter {
    /// The filter of a checked `query` (`SalesListQuery::check`) over `class`'s table.
    pub(super) fn of(class: SalesClass, query: &SalesListQuery) -> Filter {
        let (table, party) = table_of(class);
        let customer = query
            .customer_id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(|id| Value::Text(id.to_owned()))
            .unwrap_or(Value::Null);
        let mut values = vec![Value::Text(fold_for_search(&query.search)), customer];
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
        let group = match &query.group {
            None => String::new(),
            Some(group) => {
                values.push(Value::Text(group.key.clone()));
                format!(
                    "AND coalesce({}, '') = ?{}",
                    group_key_sql(class, group.by),
                    values.len()
                )
            }
        };
        let from_where = format!(
            "FROM {table} t LEFT JOIN customers c ON c.id = t.{party}
              WHERE (?1 = ''
                     OR instr(lower(t.number), ?1) > 0
                     OR instr(lower(t.provisional_number), ?1) > 0
                     OR instr(coalesce(c.name_key, ''), ?1) > 0)
                AND (?2 IS NULL
                     OR t.{party} = ?2
                     OR t.{party} IN (SELECT id FROM customers WHERE company_id = ?2))
                {states}
                {group}"
        );
        Filter { from_where, values }
    }
}

/// The statement listing one page of `class`'s records for `query`, newest first, with its
/// parameters (the filter's, then the limit and the offset).
fn list_sql(class: SalesClass, columns: &str, query: &SalesListQuery) -> (String, Vec<Value>) {
    let Filter {
        from_where,
        mut values,
    } = Filter::of(class, query);
    values.push(Value::Integer(i64::from(list_limit(query.limit))));
    let limit = values.len();
    values.push(Value::Integer(i64::from(query.offset)));
    let offset = values.len();
    let sql = format!(
        "SELECT {columns} {from_where}
          ORDER BY t.date DESC, t.id DESC
          LIMIT ?{limit} OFFSET ?{offset}"
    );
    (sql, values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clientele_model::sales::SalesGroupKey;

    #[test]
    fn a_list_shows_the_default_when_not_told_and_never_more_than_the_maximum() {
        assert_eq!(list_limit(0), DEFAULT_LIST_LIMIT);
        assert_eq!(list_limit(3), 3);
        assert_eq!(list_limit(10_000), MAX_LIST_LIMIT);
    }

    #[test]
    fn each_state_and_the_group_key_is_its_own_parameter_then_the_page() {
        let query = SalesListQuery {
            states: vec!["sale".into(), "sent".into()],
            group: Some(SalesGroupKey {
                by: SalesGroupBy::Month,
                key: "2026-11".into(),
            }),
            offset: 80,
            ..SalesListQuery::default()
        };
        let (sql, values) = list_sql(SalesClass::Orders, "t.id", &query);
        assert!(sql.contains("t.state IN (?3, ?4)"), "{sql}");
        assert!(
            sql.contains("coalesce(substr(t.date, 1, 7), '') = ?5"),
            "{sql}"
        );
        assert!(sql.contains("LIMIT ?6 OFFSET ?7"), "{sql}");
        assert_eq!(values.len(), 7);
        assert_eq!(values[6], Value::Integer(80));
    }
}
