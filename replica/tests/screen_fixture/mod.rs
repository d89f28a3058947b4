//! The customers the Customers screen's query tests run on (a company, its employee, a
//! foreign company, a person and an archived company, with activities, tags and a
//! favourite), and the query and page helpers those tests share.

use clientele_model::commands::ReferenceItem;
use clientele_model::query::CustomerQuery;
use clientele_model::{ActivityDraft, CustomerDraft, CustomerKind};
use clientele_replica::Replica;

/// The date the queries run on.
pub const TODAY: &str = "2026-11-27";

/// A replica holding the customers (and the folder it lives in).
pub struct Fixture {
    _dir: tempfile::TempDir,
    pub replica: Replica,
}

/// A draft of that kind and name, nothing else set.
pub fn customer(kind: CustomerKind, name: &str) -> CustomerDraft {
    CustomerDraft {
        kind,
        name: name.into(),
        ..CustomerDraft::default()
    }
}

/// A new replica with two salespeople, a tag and the five customers.
pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    for (id, name) in [("rep1", "Trần Văn Bình"), ("rep2", "Lê Thị Hoa")] {
        replica
            .put_reference(
                "salespeople",
                &ReferenceItem {
                    id: id.into(),
                    name: name.into(),
                    color: 0,
                    position: 0,
                    archived: false,
                },
            )
            .unwrap();
    }
    let quen = replica.create_tag("khách quen", 5).unwrap();
    let mut ids = std::collections::HashMap::new();

    let mut donga = customer(CustomerKind::Company, "Công ty TNHH Đông Á");
    donga.email = "lienhe@donga.vn".into();
    donga.phone = "028 3823 4567".into();
    donga.tax_id = "0100109106".into();
    donga.address.city = "Hồ Chí Minh".into();
    donga.address.country = "VN".into();
    donga.salesperson_id = Some("rep1".into());
    donga.tag_ids = vec!["wholesale".into()];
    donga.language = "vi_VN".into();
    ids.insert("donga", replica.create_customer(&donga).unwrap().id);

    let mut dao = customer(CustomerKind::Individual, "Nguyễn Thị Đào");
    dao.company_id = Some(ids["donga"].clone());
    dao.email = "dao@donga.vn".into();
    dao.mobile = "0903 123 456".into();
    dao.address.city = "Hồ Chí Minh".into();
    dao.address.country = "VN".into();
    dao.salesperson_id = Some("rep1".into());
    dao.tag_ids = vec![quen.id.clone(), "retail".into()];
    ids.insert("dao", replica.create_customer(&dao).unwrap().id);

    let mut sakura = customer(CustomerKind::Company, "Sakura Trading");
    sakura.address.city = "Osaka".into();
    sakura.address.country = "JP".into();
    sakura.salesperson_id = Some("rep2".into());
    sakura.language = "en_US".into();
    ids.insert("sakura", replica.create_customer(&sakura).unwrap().id);

    let mut an = customer(CustomerKind::Individual, "Phạm An");
    an.address.city = "Đà Nẵng".into();
    an.address.country = "VN".into();
    ids.insert("an", replica.create_customer(&an).unwrap().id);

    let old = customer(CustomerKind::Company, "Công ty Cũ");
    let old_id = replica.create_customer(&old).unwrap().id;
    replica.set_archived(&old_id, true).unwrap();
    ids.insert("old", old_id);

    let call = |due: &str| ActivityDraft {
        activity_type: "call".into(),
        due_date: due.into(),
        ..ActivityDraft::default()
    };
    replica
        .schedule_activity(&ids["dao"], &call("2026-11-01"))
        .unwrap();
    replica
        .schedule_activity(&ids["dao"], &call("2026-12-24"))
        .unwrap();
    replica
        .schedule_activity(&ids["donga"], &call(TODAY))
        .unwrap();
    replica
        .schedule_activity(&ids["sakura"], &call("2027-01-10"))
        .unwrap();
    replica.set_favourite("rep1", &ids["sakura"], true).unwrap();
    Fixture { _dir: dir, replica }
}

/// The default query, on `TODAY`, as salesperson `rep1`.
pub fn query() -> CustomerQuery {
    CustomerQuery {
        today: TODAY.into(),
        user_id: Some("rep1".into()),
        ..CustomerQuery::default()
    }
}

/// The names on the query's page, in order.
pub fn names(f: &Fixture, q: &CustomerQuery) -> Vec<String> {
    f.replica
        .customer_page(q)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect()
}
