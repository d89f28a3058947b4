//! CSV import (mapping, per-row errors with line numbers, valid rows kept whole, progress) and
//! CSV / vCard export, on a real replica.

use clientele_model::query::CustomerQuery;
use clientele_replica::{ImportProgress, Replica, CANONICAL_COLUMNS};
use std::collections::HashMap;

const FILE: &str = "\
Tên,company,Chức vụ,city,country,phone,email,tags,Ghi chú riêng
Công ty Đông Á,,,Hồ Chí Minh,VN,028 3823 4567,lienhe@donga.vn,bán sỉ;khách quen,x
Nguyễn Thị Đào,Công ty Đông Á,Kế toán,Hồ Chí Minh,Viet Nam,0903 123 456,dao@donga.vn,khách quen,y
Trần Văn Hùng,Công ty Mới,Giám đốc,Hà Nội,VN,,hung@moi,,z
,,,,,,,,
Lê Văn Tâm,,,Huế,Atlantis,,,,
Phạm Thị Lan,Công ty Mới,,Hà Nội,VN,0912 345 678,,VIP,
";

#[test]
fn import_keeps_valid_rows_and_reports_the_others_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let mut seen = Vec::new();
    let mut progress = |p: ImportProgress| seen.push(p);
    let mapping = HashMap::from([("Chức vụ".to_owned(), "function".to_owned())]);
    let report = replica
        .import_csv(FILE.as_bytes(), &mapping, &mut progress)
        .unwrap();
    assert_eq!(report.imported, 3, "{report:?}");
    assert_eq!(
        report.companies_created, 1,
        "Công ty Mới is created for its people"
    );
    let lines: Vec<u64> = report.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![4, 5, 6], "{:?}", report.errors);
    assert!(
        report.errors[0].message.contains("email"),
        "{}",
        report.errors[0].message
    );
    assert!(
        report.errors[1].message.contains("name"),
        "{}",
        report.errors[1].message
    );
    assert!(
        report.errors[2].message.contains("Atlantis"),
        "{}",
        report.errors[2].message
    );
    assert_eq!(report.unmapped_columns, vec!["Ghi chú riêng"]);
    assert_eq!(
        report.tags_created, 1,
        "bán sỉ and VIP exist by default: only khách quen is new"
    );
    assert_eq!(seen.last().map(|p| p.rows_read), Some(6));

    let page = replica
        .customer_page(&CustomerQuery {
            limit: 100,
            ..CustomerQuery::default()
        })
        .unwrap();
    let dao = page
        .rows
        .iter()
        .find(|r| r.name == "Nguyễn Thị Đào")
        .unwrap();
    assert_eq!(
        dao.company, "Công ty Đông Á",
        "linked to the company in the same file"
    );
    assert_eq!(dao.country, "VN");
    let found = replica
        .customer_page(&CustomerQuery {
            search: "khach quen".into(),
            ..CustomerQuery::default()
        })
        .unwrap();
    assert_eq!(found.total, 2, "imported tags are searchable");
    assert!(replica.check().unwrap().problems.is_empty());
    assert!(
        page.rows.iter().all(|r| r.name != "Trần Văn Hùng"),
        "the refused row left nothing"
    );
}

#[test]
fn a_file_without_a_name_column_or_with_a_bad_mapping_is_refused_before_any_write() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let error = replica
        .import_csv("email\na@b.vn\n".as_bytes(), &HashMap::new(), &mut |_| {})
        .unwrap_err();
    assert!(error.to_string().contains("no name column"), "{error}");
    let bad = HashMap::from([("email".to_owned(), "e-mail".to_owned())]);
    let error = replica
        .import_csv("name,email\nA,a@b.vn\n".as_bytes(), &bad, &mut |_| {})
        .unwrap_err();
    assert!(error.to_string().contains("not a column"), "{error}");
    assert!(replica.list_customers().unwrap().is_empty());
}

#[test]
fn export_writes_the_canonical_columns_and_reimports_to_the_same_customers() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    replica
        .import_csv(FILE.as_bytes(), &HashMap::new(), &mut |_| {})
        .unwrap();
    let mut csv = Vec::new();
    let count = replica.export_csv(&mut csv).unwrap();
    let text = String::from_utf8(csv).unwrap();
    assert_eq!(text.lines().next().unwrap(), CANONICAL_COLUMNS.join(","));
    assert_eq!(count, 4);
    assert!(text.contains("Nguyễn Thị Đào,Công ty Đông Á"), "{text}");

    let other = tempfile::tempdir().unwrap();
    let mut copy = Replica::open(other.path()).unwrap();
    let report = copy
        .import_csv(text.as_bytes(), &HashMap::new(), &mut |_| {})
        .unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let mut again = Vec::new();
    copy.export_csv(&mut again).unwrap();
    assert_eq!(String::from_utf8(again).unwrap(), text);

    let mut vcards = Vec::new();
    assert_eq!(replica.export_vcard(&mut vcards).unwrap(), 4);
    let vcards = String::from_utf8(vcards).unwrap();
    assert_eq!(vcards.matches("BEGIN:VCARD").count(), 4);
    assert!(
        vcards.contains(
            "FN:Nguyễn Thị Đào\r\nN:Nguyễn Thị Đào;;;;\r\nORG:Công ty Đông Á\r\nTITLE:Kế toán"
        ),
        "{vcards}"
    );
    assert!(
        vcards.contains("CATEGORIES:bán sỉ,khách quen")
            || vcards.contains("CATEGORIES:khách quen,bán sỉ"),
        "{vcards}"
    );
}

/// A first import sets the customer table's sorting indexes aside and builds them once at the
/// end: afterwards the replica has every index, nothing is left deferred, and the projection
/// agrees with the documents. A second import (customers exist) keeps them throughout.
#[test]
fn a_first_import_leaves_every_customer_index_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let file = dir.path().join(clientele_replica::DATABASE_FILE);
    let state = || {
        let conn = rusqlite::Connection::open(&file).unwrap();
        let mut statement = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customers'
                 AND sql IS NOT NULL ORDER BY name",
            )
            .unwrap();
        let indexes: Vec<String> = statement
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let deferred: i64 = conn
            .query_row(
                "SELECT count(*) FROM meta WHERE key = 'deferred_indexes'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (indexes, deferred)
    };
    let before = state();
    assert!(
        before.0.contains(&"customers_by_name".to_owned()),
        "{before:?}"
    );
    for round in 0..2 {
        let report = replica
            .import_csv(FILE.as_bytes(), &HashMap::new(), &mut |_| {})
            .unwrap();
        assert!(report.imported > 0, "{report:?}");
        assert_eq!(state(), before, "after import {round}");
        let check = replica.check().unwrap();
        assert!(check.problems.is_empty(), "{:?}", check.problems);
    }
}

/// Importing the same file twice matches every row to the customer the first run created (by
/// email and name, or phone and name): the second run creates nothing, says it skipped the
/// rows, and a file that changes one value updates that customer only.
#[test]
fn importing_the_same_file_twice_creates_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let first = replica
        .import_csv(FILE.as_bytes(), &HashMap::new(), &mut |_| {})
        .unwrap();
    assert_eq!(
        (first.created, first.updated, first.skipped),
        (3, 0, 0),
        "{first:?}"
    );
    let count = || {
        let conn =
            rusqlite::Connection::open(dir.path().join(clientele_replica::DATABASE_FILE)).unwrap();
        conn.query_row(
            "SELECT count(*) FROM documents WHERE class = 'customer'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
    };
    let customers = count();
    assert_eq!(customers, 4, "three rows and the company Công ty Mới");

    let second = replica
        .import_csv(FILE.as_bytes(), &HashMap::new(), &mut |_| {})
        .unwrap();
    assert_eq!(second.created, 0, "{second:?}");
    assert_eq!((second.updated, second.skipped), (0, 3), "{second:?}");
    assert_eq!((second.companies_created, second.tags_created), (0, 0));
    assert_eq!(second.errors.len(), 3, "the refused rows are refused again");
    assert_eq!(count(), customers);

    // Reopened from the file: the third run, with Lan's city changed, updates her alone.
    drop(replica);
    let mut replica = Replica::open(dir.path()).unwrap();
    let changed = FILE.replace(
        "Phạm Thị Lan,Công ty Mới,,Hà Nội",
        "Phạm Thị Lan,Công ty Mới,,Hải Phòng",
    );
    let third = replica
        .import_csv(changed.as_bytes(), &HashMap::new(), &mut |_| {})
        .unwrap();
    assert_eq!(
        (third.created, third.updated, third.skipped),
        (0, 1, 2),
        "{third:?}"
    );
    assert_eq!(count(), customers);
    let lan = replica
        .list_customers()
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Phạm Thị Lan")
        .unwrap();
    assert_eq!(
        replica.customer(&lan.id).unwrap().draft.address.city,
        "Hải Phòng"
    );
    let check = replica.check().unwrap();
    assert!(check.problems.is_empty(), "{:?}", check.problems);
}

/// A row with the name of a customer of the same city (in capitals) but another phone is
/// created and reported as a likely duplicate of it; the same name in another city is not.
#[test]
fn an_imported_row_named_as_a_customer_of_its_city_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    replica
        .import_csv(FILE.as_bytes(), &HashMap::new(), &mut |_| {})
        .unwrap();
    let lan = replica
        .list_customers()
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Phạm Thị Lan")
        .expect("the first import's Phạm Thị Lan");
    let file = "name,city,phone\nPHẠM THỊ LAN,Hà Nội,0988 777 666\nPhạm Thị Lan,Huế,0988 777 555\n";
    let report = replica
        .import_csv(file.as_bytes(), &HashMap::new(), &mut |_| {})
        .unwrap();
    assert_eq!(report.created, 2, "{report:?}");
    let lines: Vec<u64> = report.possible_duplicates.iter().map(|d| d.line).collect();
    assert_eq!(lines, vec![2], "only the row of the same city: {report:?}");
    assert_eq!(report.possible_duplicates[0].existing, vec![lan.id]);
}

/// A new row that shares a phone with a customer of another name is created, and reported as
/// a possible duplicate of it.
#[test]
fn an_imported_row_sharing_a_phone_with_another_name_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    replica
        .import_csv(FILE.as_bytes(), &HashMap::new(), &mut |_| {})
        .unwrap();
    let file = "name,phone\nĐào Nguyễn,0903123456\n";
    let report = replica
        .import_csv(file.as_bytes(), &HashMap::new(), &mut |_| {})
        .unwrap();
    assert_eq!(report.created, 1, "{report:?}");
    assert_eq!(report.possible_duplicates.len(), 1, "{report:?}");
    assert_eq!(report.possible_duplicates[0].line, 2);
}
