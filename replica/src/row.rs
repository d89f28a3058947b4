//! One customer as a card or list row shows it (`CustomerRow`, what `customer_page` pages hold),
//! read from the projection: what creating or changing a customer answers, so the window shows
//! the replica's row rather than building one from the draft it sent.

use clientele_model::query::{CustomerRow, TagChip};
use clientele_model::{ActivityState, CustomerKind};
use rusqlite::OptionalExtension;

use crate::store::Replica;
use crate::ReplicaError;

impl Replica {
    /// The customer's row for the session's user (its favourite flag) on today's date (its
    /// activity state). Its sort value is the name's, as pages sorted by name (the default) hold.
    pub fn customer_row(&self, id: &str) -> Result<CustomerRow, ReplicaError> {
        let today = chrono::Local::now().format("%Y-%m-%d").to_string();
        let row = self
            .conn
            .prepare_cached(
                "SELECT c.id, c.kind, c.name, c.company_name, c.email, c.phone, c.mobile, c.city,
                     c.country, coalesce(sp.name, ''),
                     CASE WHEN c.next_activity_due IS NULL THEN 'none'
                          WHEN c.next_activity_due < ?2 THEN 'overdue'
                          WHEN c.next_activity_due = ?2 THEN 'today' ELSE 'planned' END,
                     c.open_activities,
                     EXISTS (SELECT 1 FROM favourites f WHERE f.customer_id = c.id AND f.user_id = ?3),
                     c.sales_count, c.purchase_count, c.archived, c.name_key,
                     (SELECT group_concat(t.id || char(31) || t.name || char(31) || t.color, char(30))
                        FROM customer_tags ct
                        JOIN reference_items t ON t.list = 'tags' AND t.id = ct.tag_id
                       WHERE ct.customer_id = c.id)
                 FROM customers c
                 LEFT JOIN reference_items sp ON sp.list = 'salespeople' AND sp.id = c.salesperson_id
                 WHERE c.id = ?1",
            )?
            .query_row(rusqlite::params![id, today, self.user()], |r| {
                let kind: String = r.get(1)?;
                let state: String = r.get(10)?;
                let tags: Option<String> = r.get(17)?;
                Ok(CustomerRow {
                    id: r.get(0)?,
                    kind: CustomerKind::parse(&kind).unwrap_or_default(),
                    name: r.get(2)?,
                    company: r.get(3)?,
                    email: r.get(4)?,
                    phone: r.get(5)?,
                    mobile: r.get(6)?,
                    city: r.get(7)?,
                    country: r.get(8)?,
                    salesperson: r.get(9)?,
                    activity_state: ActivityState::parse(&state).unwrap_or(ActivityState::None),
                    open_activities: r.get(11)?,
                    favourite: r.get(12)?,
                    sales_count: r.get(13)?,
                    purchase_count: r.get(14)?,
                    archived: r.get(15)?,
                    sort_value: r.get(16)?,
                    tags: tag_chips(tags.as_deref().unwrap_or("")),
                })
            })
            .optional()?;
        row.ok_or_else(|| ReplicaError::NotFound {
            what: "customer".into(),
            id: id.to_owned(),
        })
    }
}

/// Tags as `id US name US color`, separated by RS (how the row's query concatenates them).
fn tag_chips(joined: &str) -> Vec<TagChip> {
    joined
        .split('\u{1e}')
        .filter(|t| !t.is_empty())
        .filter_map(|t| {
            let mut parts = t.split('\u{1f}');
            Some(TagChip {
                id: parts.next()?.to_owned(),
                name: parts.next()?.to_owned(),
                color: parts.next()?.parse().unwrap_or(0),
            })
        })
        .collect()
}
