//! Likely duplicates of a new customer on a real replica file: the same tax ID, phone or mobile
//! (as typed differently), email in another case, or a close name in the same city; legal
//! forms do not make names alike; archived and excluded customers are left out.

use clientele_model::commands::DuplicateReason;
use clientele_model::{Address, CustomerDraft, CustomerKind};
use clientele_replica::Replica;

fn draft(name: &str, city: &str) -> CustomerDraft {
    CustomerDraft {
        kind: CustomerKind::Company,
        name: name.into(),
        address: Address {
            city: city.into(),
            country: "VN".into(),
            ..Address::default()
        },
        ..CustomerDraft::default()
    }
}

#[test]
fn each_rule_finds_its_duplicate_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let an_phat = replica
        .create_customer(&CustomerDraft {
            tax_id: "0100109106".into(),
            email: "LienHe@AnPhat.vn".into(),
            phone: "028 3823 4567".into(),
            mobile: "0903 123 456".into(),
            ..draft("Công ty TNHH An Phát", "Hà Nội")
        })
        .unwrap();
    let an_phuc = replica
        .create_customer(&draft("Công ty TNHH An Phúc", "Hà Nội"))
        .unwrap();
    let elsewhere = replica
        .create_customer(&draft("An Phát", "Đà Nẵng"))
        .unwrap();
    let archived = replica
        .create_customer(&CustomerDraft {
            tax_id: "0100109106".into(),
            ..draft("An Phat cũ", "Hà Nội")
        })
        .unwrap();
    replica.set_archived(&archived.id, true).unwrap();

    let reasons_for = |d: CustomerDraft| -> Vec<(String, Vec<DuplicateReason>)> {
        replica
            .find_duplicates(&d, None)
            .unwrap()
            .into_iter()
            .map(|c| (c.customer.id, c.reasons))
            .collect()
    };
    assert_eq!(
        reasons_for(CustomerDraft {
            tax_id: "0100109106".into(),
            ..draft("Khác hẳn", "Huế")
        }),
        vec![(an_phat.id.clone(), vec![DuplicateReason::TaxId])],
        "the archived one with the same tax ID is left out"
    );
    assert_eq!(
        reasons_for(CustomerDraft {
            phone: "+84903123456".into(),
            ..draft("Khác hẳn", "Huế")
        }),
        vec![(an_phat.id.clone(), vec![DuplicateReason::Phone])],
        "a phone typed as someone's mobile"
    );
    assert_eq!(
        reasons_for(CustomerDraft {
            email: "lienhe@anphat.VN".into(),
            ..draft("Khác hẳn", "Huế")
        }),
        vec![(an_phat.id.clone(), vec![DuplicateReason::Email])],
    );
    let by_name = reasons_for(draft("CÔNG TY CỔ PHẦN AN PHÁT", "hà nội"));
    assert_eq!(by_name.len(), 1, "An Phúc is not An Phát: {by_name:?}");
    assert_eq!(by_name[0].0, an_phat.id);
    assert!(matches!(
        by_name[0].1[..],
        [DuplicateReason::SimilarName { percent: 100 }]
    ));
    let typo = reasons_for(draft("An Phuc Co., Ltd", "Hà Nội"));
    assert_eq!(typo[0].0, an_phuc.id, "{typo:?}");
    assert!(!typo.iter().any(|(id, _)| *id == elsewhere.id));
    assert!(reasons_for(draft("Bình Minh", "Hà Nội")).is_empty());

    let edited = replica
        .find_duplicates(
            &CustomerDraft {
                tax_id: "0100109106".into(),
                ..draft("Công ty TNHH An Phát", "Hà Nội")
            },
            Some(&an_phat.id),
        )
        .unwrap();
    assert!(
        edited.is_empty(),
        "the customer itself is left out: {edited:?}"
    );
}

/// The checks walk their own indexes, not the table nor an index led by `archived` (a seek,
/// not a walk of every active customer): SQLite's plan for each lookup names the index, with
/// statistics as a large replica has them.
#[test]
fn every_lookup_seeks_its_index() {
    let dir = tempfile::tempdir().unwrap();
    drop(Replica::open(dir.path()).unwrap());
    let conn =
        rusqlite::Connection::open(dir.path().join(clientele_replica::DATABASE_FILE)).unwrap();
    for (sql, index) in [
        (
            "SELECT id FROM customers WHERE tax_id = 'x' AND tax_id != '' AND +archived = 0",
            "customers_by_tax_id",
        ),
        (
            "SELECT id FROM customers WHERE lower(email) = 'x' AND email != '' AND +archived = 0",
            "customers_by_email_folded",
        ),
        (
            "SELECT id FROM customers WHERE archived = 0 AND phone = 'x'",
            "customers_by_phone",
        ),
        (
            "SELECT id FROM customers WHERE mobile = 'x' AND mobile != '' AND +archived = 0",
            "customers_by_mobile",
        ),
        (
            "SELECT rowid, name_key, archived FROM customers WHERE city = 'x' COLLATE NOCASE",
            "customers_by_city_name",
        ),
        (
            "SELECT id FROM customers WHERE city = 'x' COLLATE NOCASE AND name_key = 'y'
             AND +archived = 0 LIMIT 5",
            "customers_by_city_name",
        ),
    ] {
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.starts_with("SEARCH") && step.contains(index)),
            "{sql}: {plan:?}"
        );
    }
}
