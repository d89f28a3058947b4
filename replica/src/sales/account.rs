//! A customer's account as its form and statement show it (C8): orders and purchases counted,
//! posted invoices less payments as the amount due, over the customer and the people who work
//! for it, as Odoo counts over a partner and its contacts. Read from the projection, so it
//! costs a few index lookups, not a document load.

use clientele_model::sales::{CustomerAccount, StatementEntry, StatementKind};

use super::invoices::FAMILY_SQL;
use crate::{Replica, ReplicaError};

impl Replica {
    /// The customer's counts and amount due.
    pub fn customer_account(&self, customer_id: &str) -> Result<CustomerAccount, ReplicaError> {
        self.order_customer(customer_id)?;
        let sql = format!(
            "SELECT (SELECT count(*) FROM sale_orders WHERE customer_id IN ({FAMILY_SQL})),
                    (SELECT count(*) FROM purchase_orders WHERE vendor_id IN ({FAMILY_SQL})),
                    (SELECT coalesce(sum(total), 0) FROM invoices
                      WHERE customer_id IN ({FAMILY_SQL}) AND state = 'posted'),
                    (SELECT coalesce(sum(amount), 0) FROM payments
                      WHERE customer_id IN ({FAMILY_SQL}) AND state != 'cancelled')"
        );
        let (sales_count, purchase_count, invoiced, paid) = self
            .conn
            .prepare_cached(&sql)?
            .query_row([customer_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })?;
        Ok(CustomerAccount {
            sales_count,
            purchase_count,
            invoiced,
            paid,
            amount_due: invoiced.saturating_sub(paid),
        })
    }

    /// The customer's statement: its posted invoices and its payments by date, each with the
    /// balance after it (the last balance is the amount due).
    pub fn customer_statement(
        &self,
        customer_id: &str,
    ) -> Result<Vec<StatementEntry>, ReplicaError> {
        self.order_customer(customer_id)?;
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT date, 'invoice', id, CASE number WHEN '' THEN provisional_number ELSE number END,
                    total
               FROM invoices WHERE customer_id IN ({FAMILY_SQL}) AND state = 'posted'
             UNION ALL
             SELECT date, 'payment', id, CASE number WHEN '' THEN provisional_number ELSE number END,
                    -amount
               FROM payments WHERE customer_id IN ({FAMILY_SQL}) AND state != 'cancelled'
             ORDER BY 1, 2, 3"
        ))?;
        let rows = statement.query_map([customer_id], |r| {
            let kind: String = r.get(1)?;
            Ok(StatementEntry {
                date: r.get(0)?,
                kind: if kind == "invoice" {
                    StatementKind::Invoice
                } else {
                    StatementKind::Payment
                },
                id: r.get(2)?,
                number: r.get(3)?,
                amount: r.get(4)?,
                balance: 0,
            })
        })?;
        let mut balance: i64 = 0;
        let mut entries = Vec::new();
        for row in rows {
            let mut entry = row?;
            balance = balance.saturating_add(entry.amount);
            entry.balance = balance;
            entries.push(entry);
        }
        Ok(entries)
    }
}
