//! The Customers screen's queries as SQL on the projection: a filtered, searched, sorted page
//! (offset or keyset) with per-customer counts and tags in the same query, and group counts.

use clientele_model::query::{
    Condition, ConditionField, CustomerPage, CustomerQuery, CustomerRow, GroupBy, GroupCount,
    Operator, SortKey, TagChip,
};
use clientele_model::rules::{fold_for_search, phone_digits};
use clientele_model::{ActivityState, CustomerKind};
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::store::Replica;
use crate::ReplicaError;

/// Most rows one page may ask for.
pub const MAX_PAGE: u32 = 500;

/// The FTS5 query for the search box: every word must match as a prefix. A phone-like entry
/// ("0903 123", "+84 90-312") becomes one digits prefix.
pub fn fts_query(search: &str) -> Option<String> {
    let trimmed = search.trim();
    if trimmed.is_empty() {
        return None;
    }
    let phone_like = trimmed.chars().any(|c| c.is_ascii_digit())
        && trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-.".contains(c));
    let terms: Vec<String> = if phone_like {
        vec![phone_digits(trimmed)]
    } else {
        fold_for_search(trimmed)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    };
    if terms.is_empty() {
        return None;
    }
    Some(
        terms
            .iter()
            .map(|t| format!("\"{}\"*", t.replace('"', "")))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

pub(crate) fn sort_column(key: SortKey) -> &'static str {
    match key {
        SortKey::Name => "c.name_key",
        SortKey::Email => "c.email",
        SortKey::Phone => "c.phone",
        SortKey::City => "c.city",
        SortKey::Country => "c.country",
        SortKey::Salesperson => "coalesce(sp.name, '')",
        SortKey::Company => "c.company_name",
        SortKey::UpdatedAt => "c.updated_at",
    }
}

fn condition_column(field: ConditionField) -> &'static str {
    match field {
        ConditionField::Name => "c.name",
        ConditionField::Email => "c.email",
        ConditionField::Phone => "c.phone",
        ConditionField::City => "c.city",
        ConditionField::Country => "c.country",
        ConditionField::TaxId => "c.tax_id",
        ConditionField::Website => "c.website",
        ConditionField::Language => "c.language",
        ConditionField::Function => "c.function",
        ConditionField::Zip => "c.zip",
    }
}

/// A WHERE clause under construction with its parameters. The archived flag is always its
/// first part, and a search (`fts`, the MATCH expression) its last.
#[derive(Default)]
struct Clause {
    parts: Vec<String>,
    params: Vec<Value>,
    fts: Option<String>,
}

impl Clause {
    fn push(&mut self, sql: &str, values: impl IntoIterator<Item = Value>) {
        self.parts.push(sql.to_owned());
        self.params.extend(values);
    }

    fn sql(&self) -> String {
        if self.parts.is_empty() {
            "1".into()
        } else {
            self.parts.join(" AND ")
        }
    }
}

fn text(v: &str) -> Value {
    Value::Text(v.to_owned())
}

fn condition_sql(condition: &Condition, clause: &mut Clause) {
    let column = condition_column(condition.field);
    let folded = format!("fold({column})");
    let value = fold_for_search(&condition.value);
    let like = |v: &str| {
        v.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    };
    match condition.operator {
        Operator::Contains => clause.push(
            &format!("{folded} LIKE ? ESCAPE '\\'"),
            [text(&format!("%{}%", like(&value)))],
        ),
        Operator::NotContains => clause.push(
            &format!("{folded} NOT LIKE ? ESCAPE '\\'"),
            [text(&format!("%{}%", like(&value)))],
        ),
        Operator::StartsWith => clause.push(
            &format!("{folded} LIKE ? ESCAPE '\\'"),
            [text(&format!("{}%", like(&value)))],
        ),
        Operator::Equals => clause.push(&format!("{folded} = ?"), [text(&value)]),
        Operator::NotEquals => clause.push(&format!("{folded} != ?"), [text(&value)]),
        Operator::IsSet => clause.push(&format!("{column} != ''"), []),
        Operator::IsNotSet => clause.push(&format!("{column} = ''"), []),
    }
}

/// The WHERE clause shared by pages and group counts.
fn filter_clause(query: &CustomerQuery) -> Result<Clause, ReplicaError> {
    let mut clause = Clause::default();
    let filter = &query.filter;
    clause.push(
        ARCHIVED_SQL,
        [Value::Integer(i64::from(filter.archived.unwrap_or(false)))],
    );
    if let Some(kind) = filter.kind {
        clause.push("c.kind = ?", [text(kind.as_str())]);
    }
    if let Some(salesperson) = &filter.salesperson_id {
        clause.push("c.salesperson_id = ?", [text(salesperson)]);
    }
    if let Some(user) = &filter.favourites_of {
        clause.push(
            "c.id IN (SELECT customer_id FROM favourites WHERE user_id = ?)",
            [text(user)],
        );
    }
    if let Some(tag) = &filter.tag_id {
        clause.push(
            "c.id IN (SELECT customer_id FROM customer_tags WHERE tag_id = ?)",
            [text(tag)],
        );
    }
    if let Some(country) = &filter.country {
        clause.push("c.country = ?", [text(&country.to_ascii_uppercase())]);
    }
    if let Some(state) = filter.activity_state {
        let today = today_of(query)?;
        match state {
            ActivityState::Overdue => clause.push("c.next_activity_due < ?", [text(&today)]),
            ActivityState::Today => clause.push("c.next_activity_due = ?", [text(&today)]),
            ActivityState::Planned => clause.push("c.next_activity_due > ?", [text(&today)]),
            ActivityState::None => clause.push("c.next_activity_due IS NULL", []),
        }
    }
    for condition in &filter.conditions {
        condition_sql(condition, &mut clause);
    }
    if filter.has_conflicts {
        // Walks the partial index of the few customers in conflict.
        clause.push("c.conflict_count > 0", []);
    }
    if let Some(fts) = fts_query(&query.search) {
        clause.push(SEARCH_SQL, [text(&fts)]);
        clause.fts = Some(fts);
    }
    Ok(clause)
}

const ARCHIVED_SQL: &str = "c.archived = ?";
const SEARCH_SQL: &str =
    "c.rowid IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)";

/// A search with at most one match in this many customers drives its page: each match is
/// looked up and the few sorted. With more, the page walks the sort order instead and keeps
/// the matches until it is full, which stops early when matches are common.
const SEARCH_DRIVES_ONE_IN: i64 = 50;

fn today_of(query: &CustomerQuery) -> Result<String, ReplicaError> {
    if query.today.is_empty() {
        return Ok(chrono::Local::now().format("%Y-%m-%d").to_string());
    }
    if !clientele_model::validation::valid_date(&query.today) {
        return Err(ReplicaError::Conflict(format!(
            "\"{}\" is not a date: write today as YYYY-MM-DD",
            query.today
        )));
    }
    Ok(query.today.clone())
}

const ACTIVITY_STATE_SQL: &str = "CASE WHEN c.next_activity_due IS NULL THEN 'none'
     WHEN c.next_activity_due < ?1 THEN 'overdue' WHEN c.next_activity_due = ?1 THEN 'today'
     ELSE 'planned' END";

/// The card's sales count (C7): the orders of the customer and of the people who work for it,
/// as Odoo counts them; two index lookups per card, never stale.
const SALES_COUNT_SQL: &str = "((SELECT count(*) FROM sale_orders o WHERE o.customer_id = c.id)
      + (SELECT count(*) FROM customers m JOIN sale_orders o ON o.customer_id = m.id
          WHERE m.company_id = c.id))";

/// What the customer owes (C8): its posted invoices less its payments not cancelled, over the
/// customer and the people who work for it, as the form's Amount due (`customer_account`).
const AMOUNT_DUE_SQL: &str = "(SELECT coalesce(sum(i.total), 0) FROM invoices i
        WHERE i.state = 'posted' AND i.customer_id IN
              (SELECT c.id UNION ALL SELECT m.id FROM customers m WHERE m.company_id = c.id))
      - (SELECT coalesce(sum(p.amount), 0) FROM payments p
        WHERE p.state != 'cancelled' AND p.customer_id IN
              (SELECT c.id UNION ALL SELECT m.id FROM customers m WHERE m.company_id = c.id))";

/// The card's purchase count: the purchase orders to the customer as a vendor.
const PURCHASE_COUNT_SQL: &str =
    "(SELECT count(*) FROM purchase_orders p WHERE p.vendor_id = c.id)";

/// The SELECT of a `CustomerRow` (read by `read_row`) from the customers and their
/// salesperson, before its WHERE: `?1` is today's date (the activity state), `?2` the user
/// whose favourites mark it, and `sort` the column its sort value is read from.
pub(crate) fn row_select(sort: &str) -> String {
    format!(
        "SELECT c.id, c.kind, c.name, c.company_name, c.email, c.phone, c.mobile, c.city, c.country,
             coalesce(sp.name, ''), {ACTIVITY_STATE_SQL}, c.open_activities,
             EXISTS (SELECT 1 FROM favourites f WHERE f.customer_id = c.id AND f.user_id = ?2),
             {SALES_COUNT_SQL}, {PURCHASE_COUNT_SQL}, c.archived, {sort},
             (SELECT group_concat(t.id || char(31) || t.name || char(31) || t.color, char(30))
                FROM customer_tags ct JOIN reference_items t ON t.list = 'tags' AND t.id = ct.tag_id
               WHERE ct.customer_id = c.id),
             c.conflict_count,
             c.updated_at, coalesce(nullif(ub.name, ''), c.updated_by), {unseen},
             {AMOUNT_DUE_SQL}
         FROM customers c
         LEFT JOIN salespeople sp ON sp.id = c.salesperson_id
         LEFT JOIN salespeople ub ON ub.id = c.updated_by",
        unseen = crate::last_seen::UNSEEN_CHANGE_SQL
    )
}

/// One `CustomerRow` from a row of `row_select`.
pub(crate) fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CustomerRow> {
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
        sort_value: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
        tags: tag_chips(tags.as_deref().unwrap_or("")),
        conflicts: r.get(18)?,
        updated_at: r.get(19)?,
        updated_by: r.get(20)?,
        unseen_change: r.get(21)?,
        amount_due: r.get(22)?,
    })
}

/// Tags as `id US name US color`, separated by RS (how `row_select` concatenates them).
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

/// The screen's queries on one connection, for one user: the replica's own connection, or the
/// window's read-only one (page_reader.rs), which pages without waiting for a sync's writes.
pub(crate) struct Queries<'a> {
    pub(crate) conn: &'a Connection,
    /// Whose favourites and "My customers" a query means when it names nobody.
    pub(crate) user: &'a str,
}

impl Replica {
    fn queries(&self) -> Queries<'_> {
        Queries {
            conn: &self.conn,
            user: self.user(),
        }
    }

    /// One page of customers for the kanban or the list.
    pub fn customer_page(&self, query: &CustomerQuery) -> Result<CustomerPage, ReplicaError> {
        self.queries().customer_page(query)
    }

    /// How many customers of the query fall in each group, largest first.
    pub fn group_counts(
        &self,
        query: &CustomerQuery,
        group_by: GroupBy,
    ) -> Result<Vec<GroupCount>, ReplicaError> {
        self.queries().group_counts(query, group_by)
    }
}

impl Queries<'_> {
    /// Whose favourites a query marks: the one it names, else the session's user.
    fn query_user<'a>(&'a self, query: &'a CustomerQuery) -> &'a str {
        query
            .user_id
            .as_deref()
            .filter(|user| !user.is_empty())
            .unwrap_or(self.user)
    }

    /// One page of customers for the kanban or the list.
    pub fn customer_page(&self, query: &CustomerQuery) -> Result<CustomerPage, ReplicaError> {
        let today = today_of(query)?;
        let mut clause = filter_clause(query)?;
        let archived = query.filter.archived.unwrap_or(false);
        // Customers on this and on the other side of the archived flag (trigger-kept counts).
        let (this_side, other_side) = {
            let totals = self.customer_totals()?;
            if archived {
                (totals[1], totals[0])
            } else {
                (totals[0], totals[1])
            }
        };
        // How many customers the search matches, counted in the search index alone (archived
        // or not: every customer has one search row).
        let matches = match &clause.fts {
            Some(fts) => Some(
                self.conn
                    .prepare_cached(
                        "SELECT count(*) FROM customer_search WHERE customer_search MATCH ?1",
                    )?
                    .query_row([fts], |r| r.get::<_, i64>(0))?,
            ),
            None => None,
        };
        // SQLite cannot tell how many rows a MATCH yields and, with the archived flag's index
        // at hand, always walks the sort order: a full scan for a rare name. Few matches go
        // by the search instead (the flag's index is set aside with a unary plus).
        let search_drives = matches
            .is_some_and(|m| m.saturating_mul(SEARCH_DRIVES_ONE_IN) <= this_side + other_side);
        // "Has conflicts" in another order than the name's: the few customers in conflict (their
        // partial index) are read and sorted, rather than every customer walked in that order
        // (the planner, without statistics, would walk the sort column's index).
        if search_drives || (query.filter.has_conflicts && query.sort != SortKey::Name) {
            clause.parts[0] = format!("+{ARCHIVED_SQL}");
        }
        let sort = sort_column(query.sort);
        let direction = if query.descending { "DESC" } else { "ASC" };
        let mut params: Vec<Value> = vec![text(&today), text(self.query_user(query))];
        params.extend(clause.params.iter().cloned());
        let mut where_sql = clause.sql();
        if let Some((value, id)) = &query.after {
            let op = if query.descending { "<" } else { ">" };
            where_sql.push_str(&format!(" AND ({sort}, c.id) {op} (?, ?)"));
            params.push(text(value));
            params.push(text(id));
        }
        let limit = query.limit.clamp(1, MAX_PAGE);
        let offset = if query.after.is_some() {
            0
        } else {
            query.offset
        };
        let sql = format!(
            "{}
             WHERE {where_sql}
             ORDER BY {sort} {direction}, c.id {direction}
             LIMIT {limit} OFFSET {offset}",
            row_select(sort)
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(params.iter()), read_row)?;
        let rows: Vec<CustomerRow> = rows.collect::<Result<_, _>>()?;
        let only_search = clause.parts.len() == 2 && clause.fts.is_some();
        let total: i64 = match (matches, &clause.fts) {
            // Only the archived flag: the trigger-kept total.
            _ if clause.parts.len() == 1 => this_side,
            // Only a search, and nobody on the other side of the flag: every match is here.
            (Some(matches), _) if only_search && other_side == 0 => matches,
            // Only a search with many matches, fewer customers on the other side: count the
            // matches there (a walk of that side) and take them away.
            (Some(matches), Some(fts))
                if only_search && !search_drives && other_side < this_side =>
            {
                let elsewhere = Clause {
                    parts: vec![ARCHIVED_SQL.into(), SEARCH_SQL.into()],
                    params: vec![Value::Integer(i64::from(!archived)), text(fts)],
                    fts: None,
                };
                matches - self.count_where(&elsewhere)?
            }
            _ => self.count_where(&clause)?,
        };
        Ok(CustomerPage {
            rows,
            total: total as u64,
        })
    }

    /// Active and archived customers, from the trigger-kept totals.
    fn customer_totals(&self) -> Result<[i64; 2], ReplicaError> {
        let mut totals = [0; 2];
        let mut statement = self
            .conn
            .prepare_cached("SELECT archived, count FROM customer_totals")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let archived: i64 = row.get(0)?;
            totals[usize::from(archived != 0)] = row.get(1)?;
        }
        Ok(totals)
    }

    /// How many customers a clause selects.
    fn count_where(&self, clause: &Clause) -> Result<i64, ReplicaError> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM customers c WHERE {}",
                clause.sql()
            ))?
            .query_row(rusqlite::params_from_iter(clause.params.iter()), |r| {
                r.get(0)
            })?)
    }

    /// How many customers of the query fall in each group, largest first.
    pub fn group_counts(
        &self,
        query: &CustomerQuery,
        group_by: GroupBy,
    ) -> Result<Vec<GroupCount>, ReplicaError> {
        let today = today_of(query)?;
        let clause = filter_clause(query)?;
        let mut params: Vec<Value> = vec![text(&today)];
        params.extend(clause.params.iter().cloned());
        // Count on the bare column (an index scan), then name the groups: labels are joined
        // to the few groups, not to every customer.
        let (key, join, label) = match group_by {
            GroupBy::Salesperson => ("c.salesperson_id", "", "(SELECT name FROM salespeople WHERE id = g.key)"),
            GroupBy::Company => ("c.company_id", "", "(SELECT name FROM customers WHERE id = g.key)"),
            GroupBy::Country => ("c.country", "", "g.key"),
            GroupBy::Tag => ("ct.tag_id", "LEFT JOIN customer_tags ct ON ct.customer_id = c.id", "(SELECT name FROM reference_items WHERE list = 'tags' AND id = g.key)"),
            GroupBy::Kind => ("c.kind", "", "g.key"),
            GroupBy::Language => ("c.language", "", "coalesce((SELECT name FROM reference_items WHERE list = 'languages' AND id = g.key), g.key)"),
            GroupBy::ActivityState => (ACTIVITY_STATE_SQL, "", "g.key"),
        };
        let sql = format!(
            "SELECT coalesce(g.key, ''), {label}, g.count FROM
               (SELECT {key} AS key, count(*) AS count FROM customers c {join}
                 WHERE ?1 = ?1 AND {} GROUP BY {key}) g
             ORDER BY g.count DESC, coalesce(g.key, '')",
            clause.sql()
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            let key: String = r.get(0)?;
            let label: Option<String> = r.get(1)?;
            let count: i64 = r.get(2)?;
            Ok(GroupCount {
                label: label.unwrap_or_else(|| key.clone()),
                key,
                count: count as u64,
            })
        })?;
        let mut groups: Vec<GroupCount> = rows.collect::<Result<_, _>>()?;
        if group_by == GroupBy::Country {
            for group in &mut groups {
                if let Some(name) = clientele_model::countries::country_name(&group.key) {
                    group.label = name.to_owned();
                }
            }
        }
        Ok(groups)
    }
}
