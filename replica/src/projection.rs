//! The projection: plain tables and the search index derived from documents, written in the
//! same transaction as the document bytes. Every list, filter, count and search reads these.

use automerge::AutoCommit;
use clientele_model::commands::{ActivityEntry, ContactEntry};
use clientele_model::customer_fields::FIELDS;
use clientele_model::rules::fold_for_search;
use clientele_model::{ActivityStatus, ContactDraft};
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, ToSql, Transaction};

use crate::document::{
    self, CustomerDocument, CUSTOMER_CLASS, PREFERENCES_CLASS, PRIVATE_ADDRESS_CLASS,
    SETTINGS_CLASS,
};
use crate::ReplicaError;

mod columns;
mod mentions;
mod search;
use columns::{
    customer_columns, stored_customer_sql, upsert_customer_sql, value_of, Column, DERIVED_COLUMNS,
};
pub use search::index_customer;
pub(crate) use search::{index_new, NewSearchRow};

/// Projects one document into the tables, replacing what it projected before.
pub fn project(tx: &Transaction, id: &str, doc: &AutoCommit) -> Result<(), ReplicaError> {
    match document::class_of(id, doc)?.as_str() {
        CUSTOMER_CLASS => project_customer(
            tx,
            id,
            &document::read_customer(id, doc)?,
            CustomerWrite::Update,
        ),
        PRIVATE_ADDRESS_CLASS => {
            let (customer_id, contact) = document::read_private_address(id, doc)?;
            tx.execute("DELETE FROM contacts WHERE document_id = ?1", [id])?;
            if document::is_removed(doc) {
                return Ok(());
            }
            insert_contact(tx, id, &customer_id, id, &contact)
        }
        SETTINGS_CLASS => project_settings(tx, doc),
        PREFERENCES_CLASS => {
            let (user, favourites) = document::read_preferences(id, doc)?;
            tx.execute("DELETE FROM favourites WHERE user_id = ?1", [&user])?;
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO favourites (user_id, customer_id) VALUES (?1, ?2)",
            )?;
            for customer_id in favourites {
                insert.execute(params![user, customer_id])?;
            }
            Ok(())
        }
        other => match clientele_schema::DocumentClass::parse(other) {
            Some(class) => crate::sales::project_sales(tx, id, class, doc),
            // A class from a newer Clientele: kept (and synced) as it is, shown nowhere, so
            // a device not yet updated keeps syncing when its team starts using it.
            None => {
                tracing::warn!(
                    document = id,
                    class = other,
                    "a document of a class this build does not know; kept, not shown"
                );
                Ok(())
            }
        },
    }
}

fn insert_contact(
    tx: &Transaction,
    contact_id: &str,
    customer_id: &str,
    document_id: &str,
    contact: &ContactDraft,
) -> Result<(), ReplicaError> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO contacts (id, customer_id, document_id, contact_type, name, function,
             email, phone, mobile, street, street2, city, state, zip, country, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        contact_id,
        customer_id,
        document_id,
        contact.contact_type.as_str(),
        contact.name,
        contact.function,
        contact.email,
        contact.phone,
        contact.mobile,
        contact.address.street,
        contact.address.street2,
        contact.address.city,
        contact.address.state,
        contact.address.zip,
        contact.address.country,
        contact.notes,
    ])?;
    Ok(())
}

/// How a customer's projection is written.
pub(crate) enum CustomerWrite<'a> {
    /// Replacing an earlier projection; its search row is rewritten at once.
    Update,
    /// New on this device (an import, a bootstrap): nothing to replace. What its search row
    /// needs joins the list, and the caller writes the list's rows with `index_new` once the
    /// batch is done:
    /// FTS5 flushes its buffer at every statement savepoint, so indexing between the other
    /// writes would make one index segment per customer.
    New(&'a mut Vec<NewSearchRow>),
}

/// Projects a customer.
pub(crate) fn project_customer(
    tx: &Transaction,
    id: &str,
    customer: &CustomerDocument,
    mut write: CustomerWrite<'_>,
) -> Result<(), ReplicaError> {
    let fresh = matches!(write, CustomerWrite::New(_));
    let draft = &customer.draft;
    mentions::project_mentions(tx, id, &customer.mentioning_notes, fresh)?;
    let company_name: String = match &draft.company_id {
        Some(company_id) => tx
            .query_row(
                "SELECT name FROM customers WHERE id = ?1",
                [company_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_default(),
        None => String::new(),
    };
    let open: Vec<&str> = customer
        .activities
        .iter()
        .filter(|a| a.activity.status == ActivityStatus::Open)
        .map(|a| a.activity.due_date.as_str())
        .collect();
    let next_due = open.iter().min().copied();
    // What this write replaces, if anything: its row and its search text. Only what changed
    // is written again: an edit of the notes rewrites one column and the one index holding
    // `updated_at`, not all twelve of the row's indexes, its contacts, activities, tags and
    // search text (most of an edit's pages, each written to the log and synced).
    let previous: Option<Vec<Value>> = if fresh {
        None
    } else {
        tx.prepare_cached(stored_customer_sql())?
            .query_row([id], |r| {
                (0..customer_columns().len())
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<Value>>>()
            })
            .optional()?
    };
    let previous_name: Option<String> = previous.as_ref().and_then(|row| {
        let name = customer_columns().iter().position(|c| *c == "name")?;
        match &row[name] {
            Value::Text(name) => Some(name.clone()),
            _ => None,
        }
    });
    let previous_search = match previous {
        Some(_) => search::search_row(tx, id)?,
        None => None,
    };
    // The table's columns as the draft holds them, then what the projection derives.
    let copied: Vec<Column<'_>> = FIELDS
        .iter()
        .filter(|spec| spec.column.is_some())
        .map(|spec| Column(spec.get(draft)))
        .collect();
    let name_key = fold_for_search(&draft.name);
    let open_count = open.len() as i64;
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(copied.len() + DERIVED_COLUMNS.len() + 1);
    values.push(&id);
    values.extend(copied.iter().map(|c| c as &dyn ToSql));
    values.extend([
        &name_key as &dyn ToSql,
        &company_name,
        &customer.archived,
        &next_due,
        &open_count,
        &customer.updated_at,
        &customer.conflicts,
        &customer.updated_by,
    ]);
    let mut rowid = None;
    match &previous {
        None => {
            rowid = Some(
                tx.prepare_cached(upsert_customer_sql())?
                    .query_row(values.as_slice(), |r| r.get::<_, i64>(0))?,
            );
        }
        Some(stored) => {
            let mut changed: Vec<&str> = Vec::new();
            let mut params: Vec<&dyn ToSql> = vec![&id];
            for ((column, new), old) in customer_columns().iter().zip(&values[1..]).zip(stored) {
                if value_of(*new)? != *old {
                    changed.push(column);
                    params.push(*new);
                }
            }
            if !changed.is_empty() {
                let set: Vec<String> = changed
                    .iter()
                    .enumerate()
                    .map(|(i, column)| format!("{column} = ?{}", i + 2))
                    .collect();
                tx.prepare_cached(&format!(
                    "UPDATE customers SET {} WHERE id = ?1",
                    set.join(", ")
                ))?
                .execute(params.as_slice())?;
            }
        }
    }
    let mut tags = draft.tag_ids.clone();
    tags.sort();
    let tag_rows: Vec<Vec<Value>> = tags
        .iter()
        .map(|tag| vec![Value::Text(tag.clone())])
        .collect();
    if fresh
        || stored_rows(
            tx,
            "SELECT tag_id FROM customer_tags WHERE customer_id = ?1 ORDER BY tag_id",
            id,
        )? != tag_rows
    {
        if !fresh {
            tx.prepare_cached("DELETE FROM customer_tags WHERE customer_id = ?1")?
                .execute([id])?;
        }
        let mut insert =
            tx.prepare_cached("INSERT INTO customer_tags (customer_id, tag_id) VALUES (?1, ?2)")?;
        for tag in &tags {
            insert.execute(params![id, tag])?;
        }
    }
    let mut contacts: Vec<&ContactEntry> = customer.contacts.iter().collect();
    contacts.sort_by(|a, b| a.id.cmp(&b.id));
    let contact_rows: Vec<Vec<Value>> = contacts
        .iter()
        .map(
            |ContactEntry {
                 id: contact_id,
                 contact: c,
             }| {
                [
                    contact_id.as_str(),
                    id,
                    c.contact_type.as_str(),
                    &c.name,
                    &c.function,
                    &c.email,
                    &c.phone,
                    &c.mobile,
                    &c.address.street,
                    &c.address.street2,
                    &c.address.city,
                    &c.address.state,
                    &c.address.zip,
                    &c.address.country,
                    &c.notes,
                ]
                .iter()
                .map(|v| Value::Text((*v).to_owned()))
                .collect()
            },
        )
        .collect();
    if fresh
        || stored_rows(
            tx,
            "SELECT id, customer_id, contact_type, name, function, email, phone, mobile, street,
                 street2, city, state, zip, country, notes
             FROM contacts WHERE document_id = ?1 ORDER BY id",
            id,
        )? != contact_rows
    {
        if !fresh {
            tx.prepare_cached("DELETE FROM contacts WHERE document_id = ?1")?
                .execute([id])?;
        }
        for ContactEntry {
            id: contact_id,
            contact,
        } in contacts
        {
            insert_contact(tx, contact_id, id, id, contact)?;
        }
    }
    let mut activities: Vec<&ActivityEntry> = customer.activities.iter().collect();
    activities.sort_by(|a, b| a.id.cmp(&b.id));
    let activity_rows: Vec<Vec<Value>> = activities
        .iter()
        .map(
            |ActivityEntry {
                 id: activity_id,
                 activity: a,
             }| {
                let text = |v: &str| Value::Text(v.to_owned());
                vec![
                    text(activity_id),
                    text(id),
                    text(&a.activity_type),
                    text(&a.summary),
                    text(&a.due_date),
                    a.assigned_user_id.clone().map_or(Value::Null, Value::Text),
                    text(&a.note),
                    text(a.status.as_str()),
                ]
            },
        )
        .collect();
    if fresh
        || stored_rows(
            tx,
            "SELECT id, customer_id, activity_type, summary, due_date, assigned_user_id, note,
                 status
             FROM activities WHERE customer_id = ?1 ORDER BY id",
            id,
        )? != activity_rows
    {
        if !fresh {
            tx.prepare_cached("DELETE FROM activities WHERE customer_id = ?1")?
                .execute([id])?;
        }
        let mut insert = tx.prepare_cached(
            "INSERT OR REPLACE INTO activities (id, customer_id, activity_type, summary, due_date,
                 assigned_user_id, note, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for ActivityEntry {
            id: activity_id,
            activity: a,
        } in activities
        {
            insert.execute(params![
                activity_id,
                id,
                a.activity_type,
                a.summary,
                a.due_date,
                a.assigned_user_id,
                a.note,
                a.status.as_str()
            ])?;
        }
    }
    match &mut write {
        // The search text is rewritten only when it changed (e.g. not for the notes).
        CustomerWrite::Update => {
            if previous_search.is_none() || search::search_row(tx, id)? != previous_search {
                index_customer(tx, id, false)?;
            }
        }
        CustomerWrite::New(pending) => {
            if let Some(rowid) = rowid {
                pending.push(NewSearchRow::new(
                    id,
                    rowid,
                    draft,
                    &name_key,
                    &company_name,
                    tags,
                ));
            }
        }
    }
    // A company's new name shows on its people's cards and finds them in search.
    if draft.kind == clientele_model::CustomerKind::Company
        && previous_name.as_deref() != Some(draft.name.as_str())
    {
        let people: Vec<String> = {
            let mut statement =
                tx.prepare_cached("SELECT id FROM customers WHERE company_id = ?1")?;
            let rows = statement.query_map([id], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        // Cached: a bootstrap or import runs this once per new company.
        tx.prepare_cached("UPDATE customers SET company_name = ?2 WHERE company_id = ?1")?
            .execute(params![id, draft.name])?;
        for person in people {
            let indexed_later = match &mut write {
                CustomerWrite::New(pending) => {
                    search::rename_waiting(pending, &person, &draft.name)
                }
                CustomerWrite::Update => false,
            };
            if !indexed_later {
                index_customer(tx, &person, false)?;
            }
        }
    }
    Ok(())
}

/// The rows a statement selects for `id`, each as its values.
fn stored_rows(tx: &Transaction, sql: &str, id: &str) -> Result<Vec<Vec<Value>>, ReplicaError> {
    let mut statement = tx.prepare_cached(sql)?;
    let width = statement.column_count();
    let rows = statement.query_map([id], |r| {
        (0..width)
            .map(|i| r.get::<_, Value>(i))
            .collect::<rusqlite::Result<Vec<Value>>>()
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn project_settings(tx: &Transaction, doc: &AutoCommit) -> Result<(), ReplicaError> {
    let entries = document::read_settings(doc)?;
    let old_tags: Vec<(String, String)> = {
        let mut statement =
            tx.prepare_cached("SELECT id, name FROM reference_items WHERE list = 'tags'")?;
        let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    tx.execute("DELETE FROM reference_items", [])?;
    let mut renamed = Vec::new();
    {
        let mut insert = tx.prepare_cached(
            "INSERT OR REPLACE INTO reference_items (list, id, name, color, position) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (list, entry) in &entries {
            insert.execute(params![
                list,
                entry.id,
                entry.name,
                entry.color,
                entry.position
            ])?;
            // A renamed tag, or a new one customers already carry (an import adds tags after
            // the rows that use them), changes those customers' search text.
            if list == "tags"
                && !old_tags
                    .iter()
                    .any(|(id, name)| id == &entry.id && name == &entry.name)
            {
                renamed.push(entry.id.clone());
            }
        }
    }
    for tag in renamed {
        let customers: Vec<String> = {
            let mut statement =
                tx.prepare_cached("SELECT customer_id FROM customer_tags WHERE tag_id = ?1")?;
            let rows = statement.query_map([&tag], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for customer in customers {
            index_customer(tx, &customer, false)?;
        }
    }
    Ok(())
}
