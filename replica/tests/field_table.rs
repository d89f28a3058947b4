//! Walks the customer field table: every field survives the document (write, read), shows in
//! history under its label, lands in its projection column, and, when it has a CSV column,
//! survives export and import into another replica (names standing for ids there).

use clientele_model::commands::ReferenceItem;
use clientele_model::customer_fields::{CsvCell, FieldValue, Shape, CSV_COLUMNS, FIELDS};
use clientele_model::{CustomerDraft, CustomerField};
use clientele_replica::Replica;
use std::collections::HashMap;

fn salesperson(replica: &mut Replica) {
    let lan = ReferenceItem {
        id: "lan".into(),
        name: "Nguyễn Thị Lan".into(),
        color: 0,
        position: 1,
        archived: false,
    };
    replica.put_reference("salespeople", &lan).unwrap();
}

/// A projected column's value as the field holds it.
fn column_value(db: &rusqlite::Connection, id: &str, column: &str, shape: Shape) -> String {
    let sql = format!("SELECT {column} FROM customers WHERE id = ?1");
    db.query_row(&sql, [id], |r| {
        Ok(match shape {
            Shape::Flag => r.get::<_, bool>(0)?.to_string(),
            Shape::Reference => r.get::<_, Option<String>>(0)?.unwrap_or_default(),
            _ => r.get::<_, String>(0)?,
        })
    })
    .unwrap()
}

#[test]
fn every_field_round_trips_through_document_projection_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    salesperson(&mut replica);
    let company = replica
        .create_customer(&CustomerDraft {
            name: "Công ty Đông Á".into(),
            ..CustomerDraft::default()
        })
        .unwrap();
    let expected = CustomerDraft {
        company_id: Some(company.id.clone()),
        ..CustomerDraft::example_full()
    };
    assert_eq!(expected.validated().unwrap(), expected, "stored as given");
    let id = replica.create_customer(&expected).unwrap().id;

    // The document: every field reads back as written.
    let stored = replica.customer(&id).unwrap().draft;
    for spec in &FIELDS {
        assert_eq!(
            spec.get(&stored),
            spec.get(&expected),
            "document: {}",
            spec.key
        );
        assert_ne!(
            spec.get(&stored),
            spec.get(&CustomerDraft::default()),
            "the test sets {}",
            spec.key
        );
    }

    // History: the creating change shows every field under its label, from empty to its value.
    let history = replica.customer_history(&id).unwrap();
    let created = &history[0].fields;
    for spec in &FIELDS {
        let (_, before, after) = created
            .iter()
            .find(|(field, _, _)| field == spec.history_label())
            .unwrap_or_else(|| panic!("history: no {}", spec.history_label()));
        assert_eq!(
            (before.as_str(), after.clone()),
            ("", spec.get(&expected).to_text()),
            "history: {}",
            spec.key
        );
    }

    // The projection: each column holds its field's value; tags are rows of customer_tags.
    let db = rusqlite::Connection::open(replica.path()).unwrap();
    for spec in &FIELDS {
        let value = spec.get(&expected);
        match spec.column {
            Some(column) => assert_eq!(
                column_value(&db, &id, column, spec.shape),
                value.to_text(),
                "projection: {column}"
            ),
            None => {
                let FieldValue::IdSet(ids) = value else {
                    panic!("{} is neither a column nor a set", spec.key)
                };
                let mut statement = db
                    .prepare("SELECT tag_id FROM customer_tags WHERE customer_id = ?1 ORDER BY 1")
                    .unwrap();
                let rows: Vec<String> = statement
                    .query_map([&id], |r| r.get(0))
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                assert_eq!(rows, ids, "projection: {}", spec.key);
            }
        }
    }

    // CSV export: the documented header, and the person's row.
    let mut csv_bytes = Vec::new();
    assert_eq!(replica.export_csv(&mut csv_bytes).unwrap(), 2);
    let text = String::from_utf8(csv_bytes.clone()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        CSV_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = rows.iter().find(|r| &r[1] == "Nguyễn Thị Đào").unwrap();
    let cell = |name: &str| &row[CSV_COLUMNS.iter().position(|c| *c == name).unwrap()];
    for spec in &FIELDS {
        let Some(csv) = spec.csv else { continue };
        let exported = cell(csv.name);
        match csv.cell {
            CsvCell::Plain | CsvCell::Parsed => {
                assert_eq!(
                    exported,
                    spec.get(&expected).to_text(),
                    "export: {}",
                    csv.name
                )
            }
            CsvCell::Name => {
                let names = match spec.field {
                    CustomerField::Company => "Công ty Đông Á",
                    CustomerField::Salesperson => "Nguyễn Thị Lan",
                    CustomerField::Tags => "VIP;bán sỉ",
                    other => panic!("no name expected for {other:?}"),
                };
                let mut got: Vec<&str> = exported.split(';').collect();
                got.sort();
                let mut want: Vec<&str> = names.split(';').collect();
                want.sort();
                assert_eq!(got, want, "export: {}", csv.name);
            }
        }
    }

    // CSV import into another replica: the CSV fields come back (ids found by name), the
    // others are left empty.
    let other_dir = tempfile::tempdir().unwrap();
    let mut other = Replica::open(other_dir.path()).unwrap();
    salesperson(&mut other);
    let report = other
        .import_csv(csv_bytes.as_slice(), &HashMap::new(), &mut |_| {})
        .unwrap();
    assert_eq!((report.imported, report.errors.len()), (2, 0), "{report:?}");
    assert!(report.unmapped_columns.is_empty(), "{report:?}");
    let ids: Vec<String> = other
        .list_customers()
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    let imported = ids
        .iter()
        .map(|id| other.customer(id).unwrap().draft)
        .find(|d| d.name == "Nguyễn Thị Đào")
        .unwrap();
    let new_company = imported.company_id.clone().unwrap();
    assert_eq!(
        other.customer(&new_company).unwrap().draft.name,
        "Công ty Đông Á"
    );
    let empty = CustomerDraft::default();
    for spec in &FIELDS {
        let want = match (spec.csv, spec.field) {
            (None, _) => spec.get(&empty),
            (Some(_), CustomerField::Company) => FieldValue::Reference(Some(&new_company)),
            (Some(_), _) => spec.get(&expected),
        };
        assert_eq!(spec.get(&imported), want, "import: {}", spec.key);
    }
}
