//! Rebuilding the projection from the documents alone, and checking that documents and
//! projection agree: for support, after a schema change, and in tests.

use clientele_model::customer_fields::{Shape, FIELDS};
use rusqlite::params;

use crate::document;
use crate::projection;
use crate::store::Replica;
use crate::ReplicaError;

/// What `check` found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckReport {
    pub documents: i64,
    pub customers: i64,
    /// Human-readable disagreements; empty when healthy.
    pub problems: Vec<String>,
}

/// Projection tables, in the order a dump lists them; the customers' row holds every column
/// of the field table (NULL references as empty text), then the derived ones.
fn projection_dumps() -> Vec<String> {
    let fields: Vec<String> = FIELDS
        .iter()
        .filter_map(|spec| match (spec.column, spec.shape) {
            (Some(column), Shape::Reference) => Some(format!("coalesce({column}, '')")),
            (column, _) => column.map(str::to_owned),
        })
        .collect();
    let customers = format!(
        "SELECT id, {}, name_key, company_name, archived, coalesce(next_activity_due, ''),
                open_activities, updated_at, conflict_count
         FROM customers ORDER BY id",
        fields.join(", ")
    );
    std::iter::once(customers)
        .chain(OTHER_DUMPS.iter().map(|sql| (*sql).to_owned()))
        .collect()
}

/// The other projection tables, after the customers.
const OTHER_DUMPS: &[&str] = &[
    "SELECT customer_id, tag_id FROM customer_tags ORDER BY 1, 2",
    "SELECT id, customer_id, document_id, contact_type, name, function, email, phone, mobile, street,
            street2, city, state, zip, country, notes FROM contacts ORDER BY id",
    "SELECT id, customer_id, activity_type, summary, due_date, coalesce(assigned_user_id, ''), note, status
     FROM activities ORDER BY id",
    "SELECT list, id, name, color, position FROM reference_items ORDER BY 1, 2",
    "SELECT user_id, customer_id FROM favourites ORDER BY 1, 2",
    "SELECT note_id, user, customer_id, author, time, text, mentioned FROM mentions ORDER BY 1, 2",
    "SELECT archived, count, (SELECT count(*) FROM customers c WHERE c.archived = t.archived)
     FROM customer_totals t ORDER BY 1",
    "SELECT c.id, s.body FROM customers c JOIN customer_search s ON s.rowid = c.rowid ORDER BY c.id",
    "SELECT * FROM sale_orders ORDER BY id",
    "SELECT * FROM invoices ORDER BY id",
    "SELECT * FROM payments ORDER BY id",
    "SELECT * FROM payment_allocations ORDER BY 1, 2",
    "SELECT * FROM products ORDER BY id",
    "SELECT * FROM product_prices ORDER BY 1, 2",
    "SELECT * FROM purchase_orders ORDER BY id",
];

impl Replica {
    /// Empties the projection and derives it again from every document, in one transaction.
    /// Returns how many documents were projected.
    pub fn rebuild_projection(&mut self) -> Result<u64, ReplicaError> {
        let tx = self.conn.transaction()?;
        let count = rebuild_into(&tx)?;
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('projection_stale', '0')",
            [],
        )?;
        tx.commit()?;
        Ok(count)
    }

    /// A textual dump of every projection table (for comparing two projections in tests).
    pub fn projection_dump(&self) -> Result<Vec<String>, ReplicaError> {
        dump(&self.conn)
    }

    /// Verifies that every document loads and that the projection equals one rebuilt from the
    /// documents (rebuilt inside a transaction that is rolled back, so nothing changes).
    pub fn check(&mut self) -> Result<CheckReport, ReplicaError> {
        let mut report = CheckReport::default();
        let before = self.projection_dump()?;
        report.documents = self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        report.customers = self
            .conn
            .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
        let after = {
            // Rebuilt in a transaction that is dropped, so it rolls back.
            let tx = self.conn.transaction()?;
            rebuild_into(&tx)?;
            dump(&tx)?
        };
        let before_set: std::collections::BTreeSet<&String> = before.iter().collect();
        let after_set: std::collections::BTreeSet<&String> = after.iter().collect();
        for row in before_set.difference(&after_set).take(20) {
            report.problems.push(format!(
                "projection has a row the documents do not give: {row}"
            ));
        }
        for row in after_set.difference(&before_set).take(20) {
            report
                .problems
                .push(format!("documents give a row the projection lacks: {row}"));
        }
        let orphans: Vec<String> = {
            let mut statement = self
                .conn
                .prepare("SELECT id FROM customers WHERE id NOT IN (SELECT id FROM documents)")?;
            let rows = statement.query_map(params![], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for id in orphans {
            report
                .problems
                .push(format!("customer row {id} has no document"));
        }
        Ok(report)
    }
}

fn dump(conn: &rusqlite::Connection) -> Result<Vec<String>, ReplicaError> {
    let mut dump = Vec::new();
    for sql in projection_dumps() {
        let mut statement = conn.prepare(&sql)?;
        let columns = statement.column_count();
        let rows = statement.query_map([], |r| {
            let mut line = Vec::with_capacity(columns);
            for i in 0..columns {
                let value: rusqlite::types::Value = r.get(i)?;
                line.push(format!("{value:?}"));
            }
            Ok(line.join("|"))
        })?;
        for row in rows {
            dump.push(row?);
        }
    }
    Ok(dump)
}

/// Empties the projection tables and projects every document again: settings first (tag
/// names), then companies (their names), then people, private addresses and preferences.
fn rebuild_into(tx: &rusqlite::Transaction) -> Result<u64, ReplicaError> {
    let documents: Vec<(String, Vec<u8>)> = {
        let mut statement = tx.prepare("SELECT id, bytes FROM documents ORDER BY id")?;
        let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for table in [
        "customer_search",
        "customer_tags",
        "contacts",
        "activities",
        "reference_items",
        "favourites",
        "mentions",
        "customers",
        "sale_orders",
        "invoices",
        "payments",
        "payment_allocations",
        "products",
        "product_prices",
        "purchase_orders",
    ] {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    let mut passes: [Vec<(String, automerge::AutoCommit)>; 3] = Default::default();
    for (id, bytes) in documents {
        let doc = document::load(&id, &bytes)?;
        let pass = match document::class_of(&id, &doc)?.as_str() {
            document::SETTINGS_CLASS => 0,
            document::CUSTOMER_CLASS
                if document::read_customer(&id, &doc)?.draft.kind
                    == clientele_model::CustomerKind::Company =>
            {
                0
            }
            document::CUSTOMER_CLASS => 1,
            _ => 2,
        };
        passes[pass].push((id, doc));
    }
    let mut count = 0;
    for pass in passes {
        for (id, doc) in pass {
            projection::project(tx, &id, &doc)?;
            count += 1;
        }
    }
    Ok(count)
}
