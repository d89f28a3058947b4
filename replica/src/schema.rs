//! Versioned schema migrations, run on open. Each entry is applied once, in order; a database
//! whose version is past the last entry was written by a newer Clientele and is left untouched.
//! The projection tables can be rebuilt from the documents, so a migration that reshapes them
//! marks the projection stale and the replica rebuilds it after migrating.

use rusqlite_migration::{Migrations, M};

/// Migration 2: the whole customer record, contacts, activities, reference data, favourites
/// and the search index; the v1 projection is replaced and rebuilt from the documents.
const V2: &str = "
DROP INDEX customers_by_name;
DROP TABLE customers;
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT;
INSERT INTO meta (key, value) VALUES ('projection_stale', '1');
CREATE TABLE customers (
    id TEXT PRIMARY KEY NOT NULL REFERENCES documents(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    company_id TEXT,
    company_name TEXT NOT NULL DEFAULT '',
    function TEXT NOT NULL DEFAULT '',
    street TEXT NOT NULL DEFAULT '',
    street2 TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT '',
    zip TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    tax_id TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    mobile TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    salesperson_id TEXT,
    payment_terms_id TEXT,
    pricelist_id TEXT,
    purchase_payment_terms_id TEXT,
    receipt_reminder INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    archived INTEGER NOT NULL DEFAULT 0,
    next_activity_due TEXT,
    open_activities INTEGER NOT NULL DEFAULT 0,
    sales_count INTEGER NOT NULL DEFAULT 0,
    purchase_count INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX customers_by_name ON customers(archived, name_key, id);
-- The unfiltered screen's totals, kept exact by triggers (a count(*) over 100,000 rows costs
-- more than the whole page).
CREATE TABLE customer_totals (archived INTEGER PRIMARY KEY, count INTEGER NOT NULL) STRICT;
INSERT INTO customer_totals (archived, count) VALUES (0, 0), (1, 0);
CREATE TRIGGER customers_total_insert AFTER INSERT ON customers BEGIN
    UPDATE customer_totals SET count = count + 1 WHERE archived = NEW.archived;
END;
CREATE TRIGGER customers_total_delete AFTER DELETE ON customers BEGIN
    UPDATE customer_totals SET count = count - 1 WHERE archived = OLD.archived;
END;
CREATE TRIGGER customers_total_archive AFTER UPDATE OF archived ON customers
WHEN OLD.archived != NEW.archived BEGIN
    UPDATE customer_totals SET count = count - 1 WHERE archived = OLD.archived;
    UPDATE customer_totals SET count = count + 1 WHERE archived = NEW.archived;
END;
CREATE INDEX customers_by_email ON customers(archived, email, id);
CREATE INDEX customers_by_phone ON customers(archived, phone, id);
CREATE INDEX customers_by_city ON customers(archived, city, id);
CREATE INDEX customers_by_country ON customers(archived, country, name_key);
CREATE INDEX customers_by_salesperson ON customers(archived, salesperson_id, name_key);
CREATE INDEX customers_by_company ON customers(company_id);
CREATE INDEX customers_by_company_name ON customers(archived, company_name, id);
CREATE INDEX customers_by_activity ON customers(archived, next_activity_due);
CREATE INDEX customers_by_update ON customers(archived, updated_at, id);
CREATE INDEX customers_by_kind ON customers(archived, kind, name_key);
CREATE INDEX customers_by_language ON customers(archived, language);
CREATE TABLE customer_tags (
    customer_id TEXT NOT NULL,
    tag_id TEXT NOT NULL,
    PRIMARY KEY (customer_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_tags_by_tag ON customer_tags(tag_id, customer_id);
CREATE TABLE contacts (
    id TEXT PRIMARY KEY NOT NULL,
    customer_id TEXT NOT NULL,
    document_id TEXT NOT NULL,
    contact_type TEXT NOT NULL,
    name TEXT NOT NULL,
    function TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    mobile TEXT NOT NULL,
    street TEXT NOT NULL,
    street2 TEXT NOT NULL,
    city TEXT NOT NULL,
    state TEXT NOT NULL,
    zip TEXT NOT NULL,
    country TEXT NOT NULL,
    notes TEXT NOT NULL
) STRICT;
CREATE INDEX contacts_by_customer ON contacts(customer_id);
CREATE INDEX contacts_by_document ON contacts(document_id);
CREATE TABLE activities (
    id TEXT PRIMARY KEY NOT NULL,
    customer_id TEXT NOT NULL,
    activity_type TEXT NOT NULL,
    summary TEXT NOT NULL,
    due_date TEXT NOT NULL,
    assigned_user_id TEXT,
    note TEXT NOT NULL,
    status TEXT NOT NULL
) STRICT;
CREATE INDEX activities_by_customer ON activities(customer_id, status, due_date);
CREATE INDEX activities_by_assignee ON activities(assigned_user_id, status, due_date);
CREATE TABLE reference_items (
    list TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    color INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (list, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE favourites (
    user_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    PRIMARY KEY (user_id, customer_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX favourites_by_customer ON favourites(customer_id);
CREATE VIRTUAL TABLE customer_search USING fts5(
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
";

/// Migration 4: the team directory, refused changes, and mentions. `salespeople` is whom the
/// pickers and queries name: the server's team when this device knows it, else the local team
/// list of the workspace settings.
const V4: &str = "
CREATE TABLE team_members (
    user TEXT PRIMARY KEY NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    active INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE VIEW salespeople (id, name, active) AS
    SELECT user, display_name, active FROM team_members
    UNION ALL
    SELECT id, name, 1 FROM reference_items
    WHERE list = 'salespeople' AND NOT EXISTS (SELECT 1 FROM team_members);
CREATE TABLE refused_changes (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    class TEXT NOT NULL,
    reason TEXT NOT NULL,
    refused_at TEXT NOT NULL,
    local_bytes BLOB NOT NULL,
    fields TEXT NOT NULL,
    reapplied TEXT NOT NULL
) STRICT;
ALTER TABLE documents ADD COLUMN dirty_since TEXT;
-- Since when an edited document has waited; a document created here and never sent has none
-- (an insert trigger would cost every row of an import).
CREATE TRIGGER documents_dirty_since_update AFTER UPDATE OF dirty ON documents
    WHEN NEW.dirty = 1 AND OLD.dirty = 0
BEGIN
    UPDATE documents SET dirty_since = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE INDEX refused_changes_by_document ON refused_changes(doc_id);
CREATE TABLE mentions (
    note_id TEXT NOT NULL,
    user TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    author TEXT NOT NULL,
    time TEXT NOT NULL,
    text TEXT NOT NULL,
    mentioned TEXT NOT NULL,
    PRIMARY KEY (note_id, user)
) STRICT, WITHOUT ROWID;
CREATE INDEX mentions_by_user ON mentions(user, time);
CREATE INDEX mentions_by_customer ON mentions(customer_id);
INSERT OR REPLACE INTO meta (key, value) VALUES ('projection_stale', '1');
";

/// Migration 8: the sales records' projection (issue 13): orders, invoices, payments and their
/// allocations, products with their prices, purchase orders. Lines stay in the documents; the
/// tables hold what lists, counts and the amount due read.
const V8: &str = "
CREATE TABLE sale_orders (
    id TEXT PRIMARY KEY NOT NULL,
    customer_id TEXT NOT NULL,
    provisional_number TEXT NOT NULL,
    number TEXT NOT NULL,
    state TEXT NOT NULL,
    date TEXT NOT NULL,
    salesperson_id TEXT,
    untaxed INTEGER NOT NULL,
    tax INTEGER NOT NULL,
    total INTEGER NOT NULL,
    line_count INTEGER NOT NULL
) STRICT;
CREATE INDEX sale_orders_by_customer ON sale_orders(customer_id, date, id);
CREATE TABLE invoices (
    id TEXT PRIMARY KEY NOT NULL,
    customer_id TEXT NOT NULL,
    order_id TEXT,
    provisional_number TEXT NOT NULL,
    number TEXT NOT NULL,
    state TEXT NOT NULL,
    date TEXT NOT NULL,
    untaxed INTEGER NOT NULL,
    tax INTEGER NOT NULL,
    total INTEGER NOT NULL
) STRICT;
CREATE INDEX invoices_by_customer ON invoices(customer_id, state, date, id);
CREATE INDEX invoices_by_order ON invoices(order_id) WHERE order_id IS NOT NULL;
CREATE TABLE payments (
    id TEXT PRIMARY KEY NOT NULL,
    customer_id TEXT NOT NULL,
    provisional_number TEXT NOT NULL,
    number TEXT NOT NULL,
    state TEXT NOT NULL,
    date TEXT NOT NULL,
    amount INTEGER NOT NULL,
    method TEXT NOT NULL,
    reference TEXT NOT NULL
) STRICT;
CREATE INDEX payments_by_customer ON payments(customer_id, state, date, id);
CREATE TABLE payment_allocations (
    payment_id TEXT NOT NULL,
    invoice_id TEXT NOT NULL,
    amount INTEGER NOT NULL,
    PRIMARY KEY (payment_id, invoice_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX payment_allocations_by_invoice ON payment_allocations(invoice_id, payment_id);
CREATE TABLE products (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    internal_ref TEXT NOT NULL,
    unit TEXT NOT NULL,
    sales_price INTEGER NOT NULL,
    vat TEXT NOT NULL,
    active INTEGER NOT NULL
) STRICT;
CREATE INDEX products_by_name ON products(active, name_key, id);
CREATE TABLE product_prices (
    product_id TEXT NOT NULL,
    pricelist_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (product_id, pricelist_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE purchase_orders (
    id TEXT PRIMARY KEY NOT NULL,
    vendor_id TEXT NOT NULL,
    provisional_number TEXT NOT NULL,
    number TEXT NOT NULL,
    state TEXT NOT NULL,
    date TEXT NOT NULL,
    total INTEGER NOT NULL
) STRICT;
CREATE INDEX purchase_orders_by_vendor ON purchase_orders(vendor_id, date, id);
";

/// The migrations, oldest first. Never edit a released entry: append a new one.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(
            "CREATE TABLE documents (
                 id TEXT PRIMARY KEY NOT NULL,
                 class TEXT NOT NULL,
                 bytes BLOB NOT NULL
             ) STRICT;
             CREATE TABLE customers (
                 id TEXT PRIMARY KEY NOT NULL REFERENCES documents(id),
                 kind TEXT NOT NULL,
                 name TEXT NOT NULL,
                 email TEXT NOT NULL,
                 phone TEXT NOT NULL
             ) STRICT;
             CREATE INDEX customers_by_name ON customers(name COLLATE NOCASE, id);",
        ),
        M::up(V2),
        // Migration 3: what each document still has to send to the sync server.
        M::up(
            "ALTER TABLE documents ADD COLUMN dirty INTEGER NOT NULL DEFAULT 1;
             ALTER TABLE documents ADD COLUMN synced_heads BLOB;
             CREATE INDEX documents_dirty ON documents(dirty) WHERE dirty = 1;",
        ),
        // Migration 4: the team (the server's directory, cached for offline use), changes the
        // server refused (kept whole until the user discards them), and the notes that mention
        // someone (derived from the customer documents every device receives).
        M::up(V4),
        // Migration 5: what duplicate checks and import matching look customers up by (the
        // phone has its index since migration 2).
        M::up(
            "CREATE INDEX customers_by_tax_id ON customers(tax_id) WHERE tax_id != '';
             CREATE INDEX customers_by_email_folded ON customers(lower(email)) WHERE email != '';
             CREATE INDEX customers_by_mobile ON customers(mobile) WHERE mobile != '';
             CREATE INDEX customers_by_city_name ON customers(city COLLATE NOCASE, name_key, archived);",
        ),
        // Migration 6: how many fields concurrent edits left with more than one value (the
        // conflict mark on cards and the "Has conflicts" filter, read without any document);
        // the projection is rebuilt so customers already in conflict are counted.
        M::up(
            "ALTER TABLE customers ADD COLUMN conflict_count INTEGER NOT NULL DEFAULT 0;
             CREATE INDEX customers_with_conflicts ON customers(archived, name_key, id)
                 WHERE conflict_count > 0;
             INSERT OR REPLACE INTO meta (key, value) VALUES ('projection_stale', '1');",
        ),
        // Migration 7: recent updates on the cards (C6): who last changed each customer (from
        // the documents, so the projection is rebuilt), and each user's "last seen" marks
        // (local only; see last_seen.rs), compared with the time marks began for customers
        // never opened.
        M::up(
            "ALTER TABLE customers ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
             CREATE TABLE seen_marks (
                 user TEXT NOT NULL,
                 customer_id TEXT NOT NULL,
                 updated_at TEXT NOT NULL,
                 PRIMARY KEY (user, customer_id)
             ) STRICT, WITHOUT ROWID;
             INSERT OR REPLACE INTO meta (key, value)
                 VALUES ('seen_since', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
             INSERT OR REPLACE INTO meta (key, value) VALUES ('projection_stale', '1');",
        ),
        // Migration 8: the sales records (see V8).
        M::up(V8),
        // Migration 9: the sales windows' pages, newest first, with or without a state filter
        // (lists read one page in date order instead of sorting every record).
        M::up(
            "CREATE INDEX sale_orders_by_date ON sale_orders(date, id);
             CREATE INDEX sale_orders_by_state ON sale_orders(state, date, id);
             CREATE INDEX invoices_by_date ON invoices(date, id);
             CREATE INDEX invoices_by_state ON invoices(state, date, id);
             CREATE INDEX payments_by_date ON payments(date, id);
             CREATE INDEX payments_by_state ON payments(state, date, id);
             CREATE INDEX purchase_orders_by_date ON purchase_orders(date, id);
             CREATE INDEX purchase_orders_by_state ON purchase_orders(state, date, id);",
        ),
    ])
}

/// How many migrations this build knows.
pub const SCHEMA_VERSION: usize = 9;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_counted() {
        migrations().validate().unwrap();
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version as usize, SCHEMA_VERSION);
    }
}
