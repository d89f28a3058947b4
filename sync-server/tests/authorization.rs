//! Who receives and who may change what, at the wire level with the real server process: a fresh
//! device bootstraps from compacted snapshots that hold back private addresses and other users'
//! preferences; reps may add tags but not change other settings, and archive only their own
//! customers; a refused document is held back while the rest still syncs. Over both stores.

use base64::Engine as _;
use clientele_model::commands::ReferenceItem;
use clientele_model::{Address, ContactDraft, ContactType, CustomerDraft, CustomerKind};
use clientele_replica::{HttpTransport, Replica, SyncTransport};
use serde_json::Value;
use std::path::Path;
mod support;

use support::{backend_tests, Backend, Server};

backend_tests!(
    a_fresh_device_bootstraps_from_snapshots_and_sees_only_what_it_may,
    roles_decide_who_may_change_settings_and_archive,
);

fn device(dir: &Path, user: &str) -> Replica {
    let mut replica = Replica::open(dir).unwrap();
    replica.set_author(user);
    replica
}

fn customer(name: &str, salesperson: &str) -> CustomerDraft {
    CustomerDraft {
        kind: CustomerKind::Company,
        name: name.to_owned(),
        salesperson_id: Some(salesperson.to_owned()),
        ..CustomerDraft::default()
    }
}

/// Every snapshot page `token` receives, as (doc_id, class, bytes).
fn all_snapshots(server: &Server, token: &str) -> Vec<(String, String, Vec<u8>)> {
    let transport = HttpTransport::new(&server.url, token).unwrap();
    let mut after = 0;
    let mut documents = Vec::new();
    loop {
        let page = transport.snapshots(after, 2).unwrap().unwrap();
        for d in page.documents {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(d.data)
                .unwrap();
            documents.push((d.doc_id, d.class, bytes));
        }
        after = page.position;
        if !page.more {
            return documents;
        }
    }
}

fn pulled_ids(server: &Server, token: &str) -> Vec<String> {
    let transport = HttpTransport::new(&server.url, token).unwrap();
    let page = transport.pull(0, 1_000).unwrap();
    assert!(!page.more);
    page.changes.into_iter().map(|c| c.doc_id).collect()
}

fn a_fresh_device_bootstraps_from_snapshots_and_sees_only_what_it_may(backend: &Backend) {
    let lan_token = backend.member("lan", &["--role", "manager", "--private-addresses"]);
    let minh_token = backend.member("minh", &[]);
    let server = backend.start();
    let work = tempfile::tempdir().unwrap();

    let mut lan = device(&work.path().join("lan"), "lan");
    let company = lan
        .create_customer(&customer("Công ty Đông Á", "lan"))
        .unwrap();
    let person = lan
        .create_customer(&customer("Trần Văn Bình", "minh"))
        .unwrap();
    lan.add_contact(
        &company.id,
        &ContactDraft {
            contact_type: ContactType::Private,
            name: "Nhà riêng giám đốc".into(),
            address: Address {
                city: "Huế".into(),
                country: "VN".into(),
                ..Address::default()
            },
            ..ContactDraft::default()
        },
    )
    .unwrap();
    lan.set_favourite("lan", &company.id, true).unwrap();
    let lan_transport = HttpTransport::new(&server.url, &lan_token).unwrap();
    lan.sync_once(&lan_transport).unwrap();
    // Twenty rounds of edits: the change log grows, a snapshot stays one document.
    for round in 0..20 {
        let mut draft = lan.customer(&person.id).unwrap().draft;
        draft.notes = format!("Lần gọi thứ {round}");
        lan.update_customer(&person.id, &draft).unwrap();
        lan.sync_once(&lan_transport).unwrap();
    }
    let mut minh = device(&work.path().join("minh"), "minh");
    let minh_transport = HttpTransport::new(&server.url, &minh_token).unwrap();
    let mut progress = Vec::new();
    let report = minh
        .sync_with_progress(&minh_transport, &mut |p| progress.push(p))
        .unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    // The report says where the bootstrap's time went: pages were fetched and written.
    let times = report.bootstrap.expect("a fresh device bootstraps");
    assert!(
        times.fetching > std::time::Duration::ZERO && times.writing > std::time::Duration::ZERO,
        "{times:?}"
    );
    let customers = minh.list_customers().unwrap();
    assert_eq!(customers.len(), 2);
    assert_eq!(
        minh.customer(&person.id).unwrap().draft,
        lan.customer(&person.id).unwrap().draft,
        "the bootstrapped customer carries every edit"
    );
    let last = progress.last().expect("the bootstrap reported progress");
    assert_eq!(
        last.total,
        Some(3),
        "two customers and the settings; not the private address or lan's preferences"
    );
    minh.set_favourite("minh", &person.id, true).unwrap();
    minh.sync_once(&minh_transport).unwrap();

    // What each user receives, snapshot by snapshot and entry by entry.
    let for_minh = all_snapshots(&server, &minh_token);
    let minh_ids: Vec<&str> = for_minh.iter().map(|d| d.0.as_str()).collect();
    assert!(
        for_minh.iter().all(|d| d.1 != "private_address"),
        "{minh_ids:?}"
    );
    assert!(!minh_ids.contains(&"preferences:lan"), "{minh_ids:?}");
    assert!(minh_ids.contains(&"preferences:minh"), "{minh_ids:?}");
    assert_eq!(
        minh_ids.iter().filter(|id| **id == person.id).count(),
        1,
        "one compacted snapshot per document"
    );
    let pulled = pulled_ids(&server, &minh_token);
    assert!(pulled.iter().filter(|id| **id == person.id).count() > 1);
    assert!(!pulled.iter().any(|id| id == "preferences:lan"));
    let for_lan = all_snapshots(&server, &lan_token);
    assert!(for_lan.iter().any(|d| d.1 == "private_address"));
    assert!(for_lan.iter().any(|d| d.0 == "preferences:lan"));
    assert!(!for_lan.iter().any(|d| d.0 == "preferences:minh"));

    // Snapshots need a token like every route but health.
    let anonymous = reqwest::blocking::get(format!("{}/v1/snapshots", server.url)).unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);
    // Nobody writes another user's preferences.
    let mut forged = automerge::AutoCommit::new();
    automerge::transaction::Transactable::put(&mut forged, automerge::ROOT, "user_id", "lan")
        .unwrap();
    let response = reqwest::blocking::Client::new()
        .post(format!("{}/v1/push", server.url))
        .bearer_auth(&minh_token)
        .json(&serde_json::json!({"protocol": 1, "changes": [{
            "doc_id": "preferences:lan", "class": "preferences",
            "data": base64::engine::general_purpose::STANDARD.encode(forged.save())}]}))
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    let body: Value = response.json().unwrap();
    assert_eq!(body["document"], "preferences:lan", "{body}");
}

fn roles_decide_who_may_change_settings_and_archive(backend: &Backend) {
    let lan_token = backend.member("lan", &["--role", "manager"]);
    let minh_token = backend.member("minh", &[]);
    let server = backend.start();
    let work = tempfile::tempdir().unwrap();
    let lan_transport = HttpTransport::new(&server.url, &lan_token).unwrap();
    let minh_transport = HttpTransport::new(&server.url, &minh_token).unwrap();

    let mut lan = device(&work.path().join("lan"), "lan");
    let minhs = lan
        .create_customer(&customer("Cửa hàng Minh Phát", "minh"))
        .unwrap();
    let lans = lan
        .create_customer(&customer("Công ty Sao Mai", "lan"))
        .unwrap();
    assert!(lan.sync_once(&lan_transport).unwrap().refused.is_empty());

    // A rep's device: its settings genesis and a new tag are accepted.
    let mut minh = device(&work.path().join("minh"), "minh");
    let tag = minh.create_tag("khách mới", 5).unwrap();
    let report = minh.sync_once(&minh_transport).unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    // Archiving their own customer is allowed; someone else's is refused and held back, while
    // the rest of the round still goes through.
    minh.set_archived(&minhs.id, true).unwrap();
    minh.set_archived(&lans.id, true).unwrap();
    let other = minh
        .create_customer(&customer("Đại lý Hòa Bình", "minh"))
        .unwrap();
    let report = minh.sync_once(&minh_transport).unwrap();
    let refused: Vec<&str> = report.refused.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(refused, vec![lans.id.as_str()], "{:?}", report.refused);
    assert!(
        report.refused[0].1.contains("salesperson"),
        "{:?}",
        report.refused
    );
    // Changing payment terms is for managers.
    minh.put_reference(
        "payment_terms",
        &ReferenceItem {
            id: "60_days".into(),
            name: "60 ngày".into(),
            color: 0,
            position: 9,
            archived: false,
        },
    )
    .unwrap();
    let report = minh.sync_once(&minh_transport).unwrap();
    let refused: Vec<&str> = report.refused.iter().map(|r| r.0.as_str()).collect();
    assert!(refused.contains(&"settings"), "{refused:?}");

    // The manager sees the rep's tag, the permitted archive and the new customer; not the rest.
    lan.sync_once(&lan_transport).unwrap();
    assert!(lan
        .reference_list("tags")
        .unwrap()
        .iter()
        .any(|t| t.id == tag.id));
    assert!(!lan
        .reference_list("payment_terms")
        .unwrap()
        .iter()
        .any(|t| t.id == "60_days"));
    assert!(lan.customer(&minhs.id).unwrap().archived);
    assert!(!lan.customer(&lans.id).unwrap().archived);
    assert!(lan.customer(&other.id).is_ok());
    // A manager archives any customer and changes settings.
    lan.set_archived(&lans.id, true).unwrap();
    lan.put_reference(
        "payment_terms",
        &ReferenceItem {
            id: "45_days".into(),
            name: "45 ngày".into(),
            color: 0,
            position: 8,
            archived: false,
        },
    )
    .unwrap();
    assert!(lan.sync_once(&lan_transport).unwrap().refused.is_empty());
}
