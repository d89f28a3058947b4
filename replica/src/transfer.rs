//! Import and export: CSV with a header mapping (each row whole or not at all, errors reported
//! with line numbers), and vCard export. The canonical columns are also what export writes.
//! Importing into a replica that has customers matches each row to an existing customer by a
//! stable key (`duplicates::import_match`): a matched row updates what the file says
//! differently, or is skipped when nothing differs, so importing a file twice creates nothing
//! the second time.

use clientele_model::commands::ReferenceItem;
use clientele_model::customer_fields::CSV_COLUMNS;
use clientele_model::rules::fold_for_search;
use clientele_model::{CustomerDraft, CustomerKind, ValidationErrors};
use rusqlite::OptionalExtension;
use std::collections::HashMap;
use std::io::{Read, Write};

use crate::document::{self, CUSTOMER_CLASS, SETTINGS_CLASS};
use crate::settings::SETTINGS_ID;
use crate::store::{create_in, new_id, now, Replica};
use crate::ReplicaError;
use columns::{map_header, resolve_row, ImportContext, ResolvedRow};

mod columns;
mod matching;

/// The columns import understands and export writes, in order (the field table's CSV columns).
pub const CANONICAL_COLUMNS: [&str; CSV_COLUMNS.len()] = CSV_COLUMNS;

/// Rows an import reads, builds and writes at a time (and reports progress after).
const BATCH: usize = 2_000;
/// Rows an import commits at a time: every commit writes each page the batch touched again
/// (the id indexes' pages are spread over the whole file), so fewer, larger ones cost less.
const COMMIT_ROWS: usize = 10_000;

/// One refused row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The line of the file (the header is line 1).
    pub line: u64,
    pub message: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// Rows accepted: `created + updated + skipped`.
    pub imported: u64,
    /// New customers.
    pub created: u64,
    /// Rows that matched an existing customer and changed some of its fields.
    pub updated: u64,
    /// Rows that matched an existing customer and had nothing new.
    pub skipped: u64,
    /// Created rows that share a tax ID, phone or email with another customer (a different
    /// name, or they would have matched it): worth a look.
    pub possible_duplicates: Vec<PossibleDuplicate>,
    pub companies_created: u64,
    pub tags_created: u64,
    pub errors: Vec<RowError>,
    /// File columns that map to nothing (ignored).
    pub unmapped_columns: Vec<String>,
}

/// A created row that looks like customers already there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PossibleDuplicate {
    pub line: u64,
    pub name: String,
    /// The ids of the customers it shares a tax ID, phone or email with.
    pub existing: Vec<String>,
}

/// What became of one accepted row.
enum RowOutcome {
    Created,
    Updated,
    Skipped,
}

/// Progress of a long import: rows read so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportProgress {
    pub rows_read: u64,
    pub imported: u64,
}

/// A batch the reader thread hands to the writer: built rows and the tags they introduced.
struct Batch {
    rows: Vec<(u64, Result<BuiltRow, String>)>,
    new_tags: Vec<ReferenceItem>,
    rows_read: u64,
    stamp: String,
}

impl Replica {
    /// Imports customers from CSV. Valid rows are stored (each whole), invalid ones reported
    /// with their line; `progress` is called every batch.
    pub fn import_csv(
        &mut self,
        input: impl Read + Send,
        mapping: &HashMap<String, String>,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportReport, ReplicaError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(input);
        let header = reader
            .headers()
            .map_err(|e| ReplicaError::Conflict(format!("cannot read the CSV header: {e}")))?
            .clone();
        let (columns, unmapped) = map_header(&header, mapping)?;
        let mut report = ImportReport {
            unmapped_columns: unmapped,
            ..ImportReport::default()
        };
        let (mut lookup, mut companies) = self.import_context()?;
        let author = self.author.clone();
        let actor = self.actor.clone();
        // A replica with customers matches rows to them; an empty one (a team's first import)
        // has nothing to match and creates every row.
        let matching: bool =
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM customers)", [], |r| r.get(0))?;
        // Into a replica without customers (a team's first import), the customer table's
        // sorting indexes are built once at the end, as after a bootstrap, instead of being
        // updated row by row and rewritten at every batch's commit.
        self.defer_customer_indexes()?;
        // A reader thread resolves, validates and builds batch k+1 while this one writes batch
        // k: the two halves of an import run on both cores.
        let imported = std::thread::scope(|scope| -> Result<ImportReport, ReplicaError> {
            let (batches, inbox) = std::sync::mpsc::sync_channel::<Batch>(1);
            let actor_for_reader = actor.clone();
            scope.spawn(move || {
                let mut records = reader.into_records();
                let mut rows_read = 0u64;
                loop {
                    let mut resolved = Vec::with_capacity(BATCH);
                    while resolved.len() < BATCH {
                        let Some(record) = records.next() else { break };
                        rows_read += 1;
                        let line = rows_read + 1;
                        let row =
                            record
                                .map_err(|e| format!("unreadable row: {e}"))
                                .and_then(|record| {
                                    resolve_row(&mut lookup, &|field| columns.cell(&record, field))
                                });
                        resolved.push((line, row));
                    }
                    if resolved.is_empty() {
                        return;
                    }
                    let stamp = now();
                    let rows = crate::parallel::parallel_map(resolved, |(line, row)| {
                        (
                            line,
                            row.and_then(|row| build_row(row, &actor_for_reader, &stamp)),
                        )
                    });
                    let batch = Batch {
                        rows,
                        new_tags: std::mem::take(&mut lookup.new_tags),
                        rows_read,
                        stamp,
                    };
                    if batches.send(batch).is_err() {
                        return;
                    }
                }
            });
            let mut tx = self.conn.transaction()?;
            let mut uncommitted = 0;
            for batch in inbox {
                uncommitted += batch.rows.len();
                let mut new_customers = Vec::new();
                for (line, row) in batch.rows {
                    let result = row.and_then(|row| {
                        write_row(
                            &tx,
                            &actor,
                            &author,
                            &mut companies,
                            (row, line, matching),
                            &batch.stamp,
                            (&mut report, &mut new_customers),
                        )
                    });
                    match result {
                        Ok(outcome) => {
                            report.imported += 1;
                            match outcome {
                                RowOutcome::Created => report.created += 1,
                                RowOutcome::Updated => report.updated += 1,
                                RowOutcome::Skipped => report.skipped += 1,
                            }
                        }
                        Err(message) => report.errors.push(RowError { line, message }),
                    }
                }
                // Search rows first: new tags below re-index their customers' rows.
                crate::projection::index_new(&tx, &new_customers)?;
                if !batch.new_tags.is_empty() {
                    report.tags_created += batch.new_tags.len() as u64;
                    save_tags(&tx, &actor, &batch.new_tags)?;
                }
                if uncommitted >= COMMIT_ROWS {
                    tx.commit()?;
                    tx = self.conn.transaction()?;
                    uncommitted = 0;
                }
                progress(ImportProgress {
                    rows_read: batch.rows_read,
                    imported: report.imported,
                });
            }
            tx.commit()?;
            Ok(report)
        });
        // Whatever happened, queries get their indexes back.
        let restored = self.restore_customer_indexes();
        let report = imported?;
        restored?;
        Ok(report)
    }

    fn import_context(&self) -> Result<(ImportContext, HashMap<String, String>), ReplicaError> {
        let pairs = |sql: &str| -> Result<HashMap<String, String>, ReplicaError> {
            let mut statement = self.conn.prepare(sql)?;
            let rows = statement.query_map([], |r| {
                Ok((
                    fold_for_search(&r.get::<_, String>(0)?),
                    r.get::<_, String>(1)?,
                ))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let mut salespeople = pairs("SELECT name, id FROM salespeople WHERE active")?;
        salespeople.extend(pairs("SELECT id, id FROM salespeople WHERE active")?);
        let mut countries = HashMap::new();
        for (code, name) in clientele_model::countries::countries() {
            countries.insert(fold_for_search(code), code.to_owned());
            countries.insert(fold_for_search(name), code.to_owned());
        }
        countries.insert("viet nam".into(), "VN".into());
        countries.insert("vietnam".into(), "VN".into());
        let companies = pairs("SELECT name, id FROM customers WHERE kind = 'company'")?;
        let lookup = ImportContext {
            tags: pairs("SELECT name, id FROM reference_items WHERE list = 'tags'")?,
            next_tag_position: self.conn.query_row(
                "SELECT coalesce(max(position), 0) + 1 FROM reference_items WHERE list = 'tags'",
                [],
                |r| r.get(0),
            )?,
            new_tags: Vec::new(),
            salespeople,
            countries,
        };
        Ok((lookup, companies))
    }

    /// Writes every customer as CSV with the canonical columns (archived ones too, last).
    pub fn export_csv(&self, output: impl Write) -> Result<u64, ReplicaError> {
        let mut writer = csv::Writer::from_writer(output);
        let io = |e: csv::Error| ReplicaError::Conflict(format!("cannot write the CSV: {e}"));
        writer.write_record(CANONICAL_COLUMNS).map_err(io)?;
        let mut count = 0;
        self.each_export_row(|row| {
            count += 1;
            writer.write_record(row).map_err(io)
        })?;
        writer
            .flush()
            .map_err(|e| ReplicaError::Conflict(format!("cannot write the CSV: {e}")))?;
        Ok(count)
    }

    /// Writes every customer as vCard 3.0 entries.
    pub fn export_vcard(&self, mut output: impl Write) -> Result<u64, ReplicaError> {
        let mut count = 0;
        let io =
            |e: std::io::Error| ReplicaError::Conflict(format!("cannot write the vCards: {e}"));
        self.each_export_row(|row| {
            count += 1;
            let get = |name: &str| {
                row[CANONICAL_COLUMNS
                    .iter()
                    .position(|c| *c == name)
                    .expect("canonical")]
                .as_str()
            };
            let mut card = String::from("BEGIN:VCARD\r\nVERSION:3.0\r\n");
            let mut line = |key: &str, value: String| {
                if !value.trim_matches(';').is_empty() {
                    card.push_str(&format!("{key}:{value}\r\n"));
                }
            };
            line("FN", escape(get("name")));
            line(
                "N",
                if get("kind") == "individual" {
                    format!("{};;;;", escape(get("name")))
                } else {
                    String::new()
                },
            );
            line(
                "ORG",
                escape(if get("kind") == "company" {
                    get("name")
                } else {
                    get("company")
                }),
            );
            line("TITLE", escape(get("function")));
            line("EMAIL;TYPE=INTERNET", escape(get("email")));
            line("TEL;TYPE=WORK,VOICE", escape(get("phone")));
            line("TEL;TYPE=CELL", escape(get("mobile")));
            line(
                "ADR;TYPE=WORK",
                format!(
                    ";{};{};{};{};{};{}",
                    escape(get("street2")),
                    escape(get("street")),
                    escape(get("city")),
                    escape(get("state")),
                    escape(get("zip")),
                    escape(get("country"))
                ),
            );
            line("URL", escape(get("website")));
            line(
                "CATEGORIES",
                get("tags")
                    .split(';')
                    .map(escape)
                    .collect::<Vec<_>>()
                    .join(","),
            );
            card.push_str("END:VCARD\r\n");
            output.write_all(card.as_bytes()).map_err(io)
        })?;
        Ok(count)
    }

    fn each_export_row(
        &self,
        mut write: impl FnMut(Vec<String>) -> Result<(), ReplicaError>,
    ) -> Result<(), ReplicaError> {
        let mut statement = self.conn.prepare(&columns::export_sql())?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let mut values = Vec::with_capacity(CANONICAL_COLUMNS.len());
            for i in 0..CANONICAL_COLUMNS.len() {
                values.push(row.get::<_, String>(i)?);
            }
            write(values)?;
        }
        Ok(())
    }
}

/// vCard text escaping (RFC 2426): backslash, comma, semicolon, newline.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace('\n', "\\n")
}

fn describe(errors: &ValidationErrors) -> String {
    errors
        .0
        .iter()
        .map(|e| format!("{} {}", e.field.as_str(), e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A validated row with its document built.
struct BuiltRow {
    id: String,
    draft: CustomerDraft,
    /// Whether the file said the kind (an update changes it only then).
    kind_given: bool,
    company_name: String,
    bytes: Vec<u8>,
}

/// Validates a row and builds its document (no company link yet: see `write_row`).
fn build_row(
    row: ResolvedRow,
    actor: &automerge::ActorId,
    stamp: &str,
) -> Result<BuiltRow, String> {
    let draft = row.draft.validated().map_err(|e| describe(&e))?;
    if !row.company_name.is_empty() {
        // The company is resolved (or created) in file order when the row is written.
        return Ok(BuiltRow {
            id: new_id(),
            draft,
            kind_given: row.kind_given,
            company_name: row.company_name,
            bytes: Vec::new(),
        });
    }
    let id = new_id();
    let bytes = document_bytes(&id, &draft, actor, stamp).map_err(|e| e.to_string())?;
    Ok(BuiltRow {
        id,
        draft,
        kind_given: row.kind_given,
        company_name: String::new(),
        bytes,
    })
}

fn document_bytes(
    id: &str,
    draft: &CustomerDraft,
    actor: &automerge::ActorId,
    stamp: &str,
) -> Result<Vec<u8>, ReplicaError> {
    let mut doc = document::new_document(CUSTOMER_CLASS, id, actor)?;
    document::write_customer(&mut doc, id, draft, stamp)?;
    crate::store::commit(&mut doc, "import");
    Ok(doc.save())
}

/// Writes one built row (and its company if new): its bytes and its projection, or, matched
/// to an existing customer, the fields it changes there.
fn write_row(
    tx: &rusqlite::Transaction,
    actor: &automerge::ActorId,
    author: &str,
    companies: &mut HashMap<String, String>,
    (mut row, line, matching): (BuiltRow, u64, bool),
    stamp: &str,
    out: (&mut ImportReport, &mut Vec<crate::projection::NewSearchRow>),
) -> Result<RowOutcome, String> {
    // What the batch learns: the report, and the new customers whose search rows come last.
    let (report, new_customers) = out;
    if !row.company_name.is_empty() {
        let key = fold_for_search(&row.company_name);
        let company_id = match companies.get(&key) {
            Some(id) => id.clone(),
            None => {
                let company = CustomerDraft {
                    kind: CustomerKind::Company,
                    name: row.company_name.clone(),
                    ..CustomerDraft::default()
                }
                .validated()
                .map_err(|e| format!("company: {}", describe(&e)))?;
                let id = new_id();
                create_in(tx, actor, author, CUSTOMER_CLASS, &id, |doc| {
                    document::write_customer(doc, &id, &company, stamp)
                })
                .map_err(|e| e.to_string())?;
                companies.insert(key, id.clone());
                report.companies_created += 1;
                id
            }
        };
        row.draft.company_id = Some(company_id);
        if !matching {
            row.bytes =
                document_bytes(&row.id, &row.draft, actor, stamp).map_err(|e| e.to_string())?;
        }
    }
    if matching {
        if let Some(existing) =
            crate::duplicates::import_match(tx, &row.draft).map_err(|e| e.to_string())?
        {
            let changed = matching::update_existing(tx, (actor, author), &existing, &row, stamp)
                .map_err(|e| e.to_string())?;
            return Ok(if changed {
                RowOutcome::Updated
            } else {
                RowOutcome::Skipped
            });
        }
        let mut found = std::collections::BTreeMap::new();
        crate::duplicates::key_matches(tx, &row.draft, &mut found).map_err(|e| e.to_string())?;
        crate::duplicates::same_name_in_city(tx, &row.draft, &mut found)
            .map_err(|e| e.to_string())?;
        if !found.is_empty() {
            report.possible_duplicates.push(PossibleDuplicate {
                line,
                name: row.draft.name.clone(),
                existing: found.into_keys().collect(),
            });
        }
        if row.bytes.is_empty() {
            row.bytes =
                document_bytes(&row.id, &row.draft, actor, stamp).map_err(|e| e.to_string())?;
        }
    }
    let mut write = || -> Result<(), ReplicaError> {
        tx.prepare_cached("INSERT INTO documents (id, class, bytes) VALUES (?1, ?2, ?3)")?
            .execute(rusqlite::params![row.id, CUSTOMER_CLASS, row.bytes])?;
        let customer = document::CustomerDocument {
            draft: row.draft.clone(),
            updated_at: stamp.to_owned(),
            ..Default::default()
        };
        crate::projection::project_customer(
            tx,
            &row.id,
            &customer,
            crate::projection::CustomerWrite::New(new_customers),
        )
    };
    write().map_err(|e| e.to_string())?;
    if row.draft.kind == CustomerKind::Company {
        companies
            .entry(fold_for_search(&row.draft.name))
            .or_insert(row.id);
    }
    Ok(RowOutcome::Created)
}

/// Adds new tags to the settings document inside the import's transaction.
fn save_tags(
    tx: &rusqlite::Transaction,
    actor: &automerge::ActorId,
    tags: &[ReferenceItem],
) -> Result<(), ReplicaError> {
    let bytes: Vec<u8> = tx
        .query_row(
            "SELECT bytes FROM documents WHERE id = ?1",
            [SETTINGS_ID],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| ReplicaError::NotFound {
            what: SETTINGS_CLASS.into(),
            id: SETTINGS_ID.into(),
        })?;
    let mut doc = document::load(SETTINGS_ID, &bytes)?;
    doc.set_actor(actor.clone());
    for tag in tags {
        document::put_reference(&mut doc, "tags", tag)?;
    }
    tx.execute(
        "UPDATE documents SET bytes = ?2, dirty = 1 WHERE id = ?1",
        rusqlite::params![SETTINGS_ID, doc.save()],
    )?;
    crate::projection::project(tx, SETTINGS_ID, &doc)
}
