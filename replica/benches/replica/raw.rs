//! The raw baselines of the replica benchmark: the same work as the replica's, straight on
//! rusqlite and Automerge (its SQL, its connection settings, an edit, an import's documents),
//! so each figure is read beside what the storage alone costs on the same data.

use automerge::{transaction::Transactable, ActorId, AutoCommit, ObjType, ReadDoc, Value, ROOT};
use clientele_model::CustomerDraft;
use clientele_replica::DATABASE_FILE;
use clientele_test_support::figures::peak_rss_mb;
use clientele_test_support::vietnamese::{customer, Rng, SEED};
use rusqlite::{params, Connection};
use std::path::Path;
use std::time::Instant;

use super::customers;
use super::measure::cpu_seconds;

/// The SQL `customer_page` runs for the first page by name (see replica/src/query.rs), with
/// the card's sales and purchase counts and amount due as the replica computes them.
pub const RAW_FIRST_PAGE: &str =
    "SELECT c.id, c.kind, c.name, c.company_name, c.email, c.phone, c.mobile, c.city, c.country,
     coalesce(sp.name, ''), CASE WHEN c.next_activity_due IS NULL THEN 'none'
     WHEN c.next_activity_due < ?1 THEN 'overdue' WHEN c.next_activity_due = ?1 THEN 'today'
     ELSE 'planned' END, c.open_activities,
     EXISTS (SELECT 1 FROM favourites f WHERE f.customer_id = c.id AND f.user_id = ?2),
     ((SELECT count(*) FROM sale_orders o WHERE o.customer_id = c.id)
      + (SELECT count(*) FROM customers m JOIN sale_orders o ON o.customer_id = m.id
          WHERE m.company_id = c.id)),
     (SELECT count(*) FROM purchase_orders p WHERE p.vendor_id = c.id),
     c.archived, c.name_key,
     (SELECT group_concat(t.id || char(31) || t.name || char(31) || t.color, char(30))
        FROM customer_tags ct JOIN reference_items t ON t.list = 'tags' AND t.id = ct.tag_id
       WHERE ct.customer_id = c.id),
     (SELECT coalesce(sum(i.total), 0) FROM invoices i
        WHERE i.state = 'posted' AND i.customer_id IN
              (SELECT c.id UNION ALL SELECT m.id FROM customers m WHERE m.company_id = c.id))
      - (SELECT coalesce(sum(p.amount), 0) FROM payments p
        WHERE p.state != 'cancelled' AND p.customer_id IN
              (SELECT c.id UNION ALL SELECT m.id FROM customers m WHERE m.company_id = c.id))
 FROM customers c
 LEFT JOIN reference_items sp ON sp.list = 'salespeople' AND sp.id = c.salesperson_id
 WHERE c.archived = 0
 ORDER BY c.name_key ASC, c.id ASC LIMIT 80";

/// What a searched page needs of FTS5: the first 80 matches by name, and how many match.
pub const RAW_SEARCH_PAGE: &str = "SELECT c.id, c.name FROM customers c
 WHERE c.rowid IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?1)
 ORDER BY c.name_key, c.id LIMIT 80";
pub const RAW_SEARCH_COUNT: &str =
    "SELECT count(*) FROM customer_search WHERE customer_search MATCH ?1";

/// The SQL `group_counts` runs for the salesperson grouping of the unfiltered list.
pub const RAW_GROUP_BY: &str = "SELECT coalesce(g.key, ''),
     (SELECT name FROM reference_items WHERE list = 'salespeople' AND id = g.key), g.count FROM
       (SELECT c.salesperson_id AS key, count(*) AS count FROM customers c
         WHERE ?1 = ?1 AND c.archived = ?2 GROUP BY c.salesperson_id) g
     ORDER BY g.count DESC, coalesce(g.key, '')";

/// A plain connection with the replica's durability and caching (see replica/src/store.rs).
pub fn raw_connection(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.pragma_update(None, "cache_size", -32_768).unwrap();
    conn.pragma_update(None, "temp_store", "MEMORY").unwrap();
    conn
}

/// The Automerge commit every replica write makes: the time and who (see store::commit).
pub fn commit(doc: &mut AutoCommit, author: &str) {
    doc.commit_with(
        automerge::transaction::CommitOptions::default()
            .with_time(chrono::Utc::now().timestamp_millis())
            .with_message(author.to_owned()),
    );
}

/// The raw edit: in one transaction, read the document's bytes, load them, append to the notes,
/// save, write the bytes back and update the customer row's notes.
pub fn raw_edit(conn: &mut Connection, actor: &ActorId, id: &str, append: &str) {
    let tx = conn.transaction().unwrap();
    let bytes: Vec<u8> = tx
        .prepare_cached("SELECT bytes FROM documents WHERE id = ?1")
        .unwrap()
        .query_row([id], |r| r.get(0))
        .unwrap();
    let mut doc = AutoCommit::load(&bytes).unwrap().with_actor(actor.clone());
    let Some((Value::Object(ObjType::Text), notes)) = doc.get(ROOT, "notes").unwrap() else {
        panic!("customer {id} has no notes text");
    };
    let end = doc.length(&notes);
    doc.splice_text(&notes, end, 0, append).unwrap();
    let text = doc.text(&notes).unwrap();
    commit(&mut doc, "");
    let bytes = doc.save();
    tx.prepare_cached("UPDATE documents SET bytes = ?2, dirty = 1 WHERE id = ?1")
        .unwrap()
        .execute(params![id, bytes])
        .unwrap();
    tx.prepare_cached("UPDATE customers SET notes = ?2 WHERE id = ?1")
        .unwrap()
        .execute(params![id, text])
        .unwrap();
    tx.commit().unwrap();
}

/// The customer document an import makes of a CSV row, built straight with Automerge: the
/// fields the CSV carries (only those set), the tags map, the empty contact and activity maps
/// and notes text a customer document starts with, and the time of the import.
pub fn raw_document(id: &str, draft: &CustomerDraft, actor: &ActorId, stamp: &str) -> Vec<u8> {
    let mut doc = AutoCommit::new().with_actor(actor.clone());
    doc.put(ROOT, "class", "customer").unwrap();
    doc.put(ROOT, "id", id).unwrap();
    let address = &draft.address;
    let fields = [
        ("kind", draft.kind.as_str()),
        ("name", &draft.name),
        ("function", &draft.function),
        ("street", &address.street),
        ("street2", &address.street2),
        ("city", &address.city),
        ("state", &address.state),
        ("zip", &address.zip),
        ("country", &address.country),
        ("tax_id", &draft.tax_id),
        ("email", &draft.email),
        ("phone", &draft.phone),
        ("mobile", &draft.mobile),
        ("website", &draft.website),
        ("language", &draft.language),
        (
            "salesperson_id",
            draft.salesperson_id.as_deref().unwrap_or(""),
        ),
    ];
    for (key, value) in fields {
        if !value.is_empty() {
            doc.put(ROOT, key, value).unwrap();
        }
    }
    doc.put_object(ROOT, "contacts", ObjType::Map).unwrap();
    doc.put_object(ROOT, "activities", ObjType::Map).unwrap();
    let tags = doc.put_object(ROOT, "tags", ObjType::Map).unwrap();
    for tag in &draft.tag_ids {
        doc.put(&tags, tag.as_str(), true).unwrap();
    }
    doc.put_object(ROOT, "notes", ObjType::Text).unwrap();
    doc.put(ROOT, "updated_at", stamp).unwrap();
    commit(&mut doc, "import");
    doc.save()
}
/// The raw import child: the same customers (as the CSV carries them, already generated and
/// validated, untimed), each made a document and inserted into a plain table, in one
/// transaction with the replica's durability, into a fresh DIR.
pub fn raw_import_child(dir: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let mut conn = raw_connection(&Path::new(dir).join(DATABASE_FILE));
    conn.execute_batch(
        "CREATE TABLE documents (id TEXT PRIMARY KEY NOT NULL, class TEXT NOT NULL,
             bytes BLOB NOT NULL) STRICT;",
    )
    .unwrap();
    let mut rng = Rng(SEED);
    let rows: Vec<(String, CustomerDraft)> = (0..customers())
        .map(|n| {
            let mut draft = customer(&mut rng, n).draft.validated().unwrap();
            // Not a CSV column: an imported customer starts without notes.
            draft.notes.clear();
            (uuid::Uuid::new_v4().to_string(), draft)
        })
        .collect();
    let actor = ActorId::random();
    let stamp = "2026-11-27T08:00:00.000Z";
    let started = Instant::now();
    let cpu = cpu_seconds();
    let tx = conn.transaction().unwrap();
    {
        let mut insert = tx
            .prepare("INSERT INTO documents (id, class, bytes) VALUES (?1, ?2, ?3)")
            .unwrap();
        for (id, draft) in &rows {
            let bytes = raw_document(id, draft, &actor, stamp);
            insert.execute(params![id, "customer", bytes]).unwrap();
        }
    }
    tx.commit().unwrap();
    println!(
        "RAW_IMPORT {} {} {} {}",
        started.elapsed().as_secs_f64(),
        peak_rss_mb(),
        rows.len(),
        cpu_seconds() - cpu
    );
}
