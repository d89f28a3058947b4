//! The customers' search index (FTS5): the folded text a customer is found by (name, company,
//! email, phones in both forms, tax ID, city, tag names), written in bulk for customers new
//! on this device and rewritten for changed ones.

use clientele_model::rules::{fold_for_search, phone_digits};
use clientele_model::CustomerDraft;
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashMap;

use crate::ReplicaError;

/// The digits people may type for a stored phone: international and, for Vietnam, national.
fn phone_search_terms(phone: &str) -> String {
    let digits = phone_digits(phone);
    if digits.is_empty() {
        return String::new();
    }
    match digits.strip_prefix("84") {
        Some(national) if phone.trim_start().starts_with('+') => format!("{digits} 0{national}"),
        _ => digits,
    }
}

/// The search text's part after the company: email, phones, tax ID and city.
fn own_terms(email: &str, phone: &str, mobile: &str, tax_id: &str, city: &str) -> String {
    [
        fold_for_search(email),
        phone_search_terms(phone),
        phone_search_terms(mobile),
        format!("{} {}", tax_id, phone_digits(tax_id)),
        fold_for_search(city),
    ]
    .join(" ")
}

/// The whole search text, from the folded name (the row's `name_key`), the company's name,
/// `own_terms` and the tag names in tag id order. Both ways of indexing end here, so a
/// customer indexed in bulk reads the same as one indexed again after an edit.
fn search_body(name_key: &str, company: &str, own: &str, tags: &str) -> String {
    [
        name_key,
        &fold_for_search(company),
        own,
        &fold_for_search(tags),
    ]
    .join(" ")
}

/// A customer new on this device whose search row waits for the end of its batch (`index_new`).
/// Everything its text needs is kept from projecting it, so nothing is read back.
pub(crate) struct NewSearchRow {
    id: String,
    rowid: i64,
    name_key: String,
    company_name: String,
    own: String,
    tag_ids: Vec<String>,
}

impl NewSearchRow {
    /// What projecting `draft` as row `rowid` gives the search index later; `tag_ids` sorted.
    pub(crate) fn new(
        id: &str,
        rowid: i64,
        draft: &CustomerDraft,
        name_key: &str,
        company_name: &str,
        tag_ids: Vec<String>,
    ) -> NewSearchRow {
        let address = &draft.address;
        NewSearchRow {
            id: id.to_owned(),
            rowid,
            name_key: name_key.to_owned(),
            company_name: company_name.to_owned(),
            own: own_terms(
                &draft.email,
                &draft.phone,
                &draft.mobile,
                &draft.tax_id,
                &address.city,
            ),
            tag_ids,
        }
    }
}

/// A company projected after some of its people in the same batch: their waiting search rows
/// take its name. Returns whether `person` was waiting (else its row is rewritten now).
pub(crate) fn rename_waiting(pending: &mut [NewSearchRow], person: &str, company: &str) -> bool {
    match pending.iter_mut().find(|row| row.id == person) {
        Some(row) => {
            row.company_name = company.to_owned();
            true
        }
        None => false,
    }
}

/// Writes the search rows of customers projected with `CustomerWrite::New`, in one statement
/// (FTS5 flushes its buffer before every statement that writes to it).
pub(crate) fn index_new(tx: &Transaction, pending: &[NewSearchRow]) -> Result<(), ReplicaError> {
    if pending.is_empty() {
        return Ok(());
    }
    let tag_names: HashMap<String, String> = if pending.iter().any(|p| !p.tag_ids.is_empty()) {
        let mut statement =
            tx.prepare_cached("SELECT id, name FROM reference_items WHERE list = 'tags'")?;
        let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    } else {
        HashMap::new()
    };
    let rows: Vec<(i64, String)> = pending
        .iter()
        .map(|row| {
            let tags: Vec<&str> = row
                .tag_ids
                .iter()
                .filter_map(|id| tag_names.get(id).map(String::as_str))
                .collect();
            let body = search_body(&row.name_key, &row.company_name, &row.own, &tags.join(" "));
            (row.rowid, body)
        })
        .collect();
    let rows = serde_json::to_string(&rows).map_err(|e| ReplicaError::Document {
        id: String::new(),
        reason: format!("cannot encode search rows: {e}"),
    })?;
    tx.prepare_cached(
        "INSERT INTO customer_search (rowid, body)
         SELECT value ->> 0, value ->> 1 FROM json_each(?1)",
    )?
    .execute([rows])?;
    Ok(())
}

/// Rewrites a customer's row in the search index from the projection (`fresh`: it has none yet).
pub fn index_customer(tx: &Transaction, id: &str, fresh: bool) -> Result<(), ReplicaError> {
    let Some((rowid, body)) = search_row(tx, id)? else {
        return Ok(());
    };
    if !fresh {
        tx.prepare_cached("DELETE FROM customer_search WHERE rowid = ?1")?
            .execute([rowid])?;
    }
    tx.prepare_cached("INSERT INTO customer_search (rowid, body) VALUES (?1, ?2)")?
        .execute(params![rowid, body])?;
    Ok(())
}

/// A customer's search row as its projected row gives it: its rowid and its search text.
pub(crate) fn search_row(
    tx: &Transaction,
    id: &str,
) -> Result<Option<(i64, String)>, ReplicaError> {
    let row = tx
        .prepare_cached(
            "SELECT rowid, name_key, company_name, email, phone, mobile, tax_id, city,
                 (SELECT group_concat(r.name, ' ' ORDER BY ct.tag_id) FROM customer_tags ct
                    JOIN reference_items r ON r.list = 'tags' AND r.id = ct.tag_id
                  WHERE ct.customer_id = customers.id)
             FROM customers WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                [
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                ],
            ))
        })
        .optional()?;
    let Some((rowid, [name_key, company, email, phone, mobile, tax_id, city, tags])) = row else {
        return Ok(None);
    };
    let own = own_terms(&email, &phone, &mobile, &tax_id, &city);
    Ok(Some((rowid, search_body(&name_key, &company, &own, &tags))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::CustomerDocument;
    use crate::projection::{project_customer, CustomerWrite};
    use clientele_model::{CustomerDraft, CustomerKind};

    /// A person projected before its company in one batch (snapshot pages come in server
    /// order), then indexed in bulk, reads as re-indexing it from its row does: the company's
    /// name and the tag names included.
    #[test]
    fn a_batch_indexes_each_new_customer_as_its_row_would() {
        let dir = tempfile::tempdir().unwrap();
        let mut replica = crate::Replica::open(dir.path()).unwrap();
        let vip = replica.create_tag("Khách VIP", 1).unwrap();
        let person = CustomerDocument {
            draft: CustomerDraft {
                kind: CustomerKind::Individual,
                name: "Trần Thị Lan".into(),
                company_id: Some("co1".into()),
                phone: "+84 905 123 456".into(),
                tax_id: "0301234567".into(),
                tag_ids: vec![vip.id.clone()],
                ..CustomerDraft::default()
            },
            ..CustomerDocument::default()
        };
        let company = CustomerDocument {
            draft: CustomerDraft {
                kind: CustomerKind::Company,
                name: "Công ty Đông Á".into(),
                ..CustomerDraft::default()
            },
            ..CustomerDocument::default()
        };
        let tx = replica.conn.transaction().unwrap();
        let mut pending = Vec::new();
        for (id, customer) in [("p1", &person), ("co1", &company)] {
            // The rows' documents (their bytes do not matter here).
            tx.execute(
                "INSERT INTO documents (id, class, bytes) VALUES (?1, 'customer', x'')",
                [id],
            )
            .unwrap();
            project_customer(&tx, id, customer, CustomerWrite::New(&mut pending)).unwrap();
        }
        index_new(&tx, &pending).unwrap();
        // The index keeps no text (contentless): ask it for each word instead.
        let finds = |id: &str, word: &str| -> bool {
            tx.query_row(
                "SELECT count(*) FROM customer_search s JOIN customers c ON c.rowid = s.rowid
                 WHERE c.id = ?1 AND customer_search MATCH ?2",
                params![id, format!("\"{word}\"")],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
                == 1
        };
        for word in [
            "lan",
            "cong",
            "dong",
            "khach",
            "vip",
            "0905123456",
            "0301234567",
        ] {
            assert!(finds("p1", word), "{word:?} does not find the person");
        }
        for id in ["p1", "co1"] {
            let (_, body) = search_row(&tx, id).unwrap().unwrap();
            for word in body.split_whitespace() {
                assert!(finds(id, word), "{id} not found by {word:?} of {body:?}");
            }
        }
    }
}
