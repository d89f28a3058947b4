//! Recent updates on the cards (C6): a row says when and by whom (display name) it was last
//! changed; a customer someone else changed is marked unseen for a user until that user opens
//! it; the user's own edits never mark it; pages sort by last updated. Real SQLite files,
//! synced through the in-memory server.

use clientele_model::commands::ReferenceItem;
use clientele_model::query::{CustomerQuery, CustomerRow, SortKey};
use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::Replica;
use clientele_test_support::memory_server::MemoryServer;

fn replica(dir: &tempfile::TempDir, name: &str) -> Replica {
    let mut replica = Replica::open(&dir.path().join(name)).unwrap();
    replica.set_author(name);
    replica
}

fn row(replica: &Replica, name: &str) -> CustomerRow {
    replica
        .customer_page(&CustomerQuery::default())
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.name == name)
        .unwrap()
}

fn company(name: &str) -> CustomerDraft {
    CustomerDraft {
        kind: CustomerKind::Company,
        name: name.into(),
        ..CustomerDraft::default()
    }
}

#[test]
fn a_colleagues_change_is_labelled_and_marked_until_opened() {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let (mut lan, mut minh) = (replica(&dir, "lan"), replica(&dir, "minh"));
    let minh_entry = ReferenceItem {
        id: "minh".into(),
        name: "Lê Văn Minh".into(),
        color: 0,
        position: 1,
        archived: false,
    };
    lan.put_reference("salespeople", &minh_entry).unwrap();
    let dong_a = lan.create_customer(&company("Đông Á")).unwrap();
    assert_eq!(dong_a.updated_by, "lan");
    assert!(!dong_a.updated_at.is_empty());
    assert!(!dong_a.unseen_change, "one's own new customer is not news");
    let binh_minh = lan.create_customer(&company("Bình Minh")).unwrap();
    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();
    assert!(
        row(&minh, "Đông Á").unseen_change,
        "new from Lan since Minh's device started keeping marks"
    );
    minh.mark_customer_seen(&dong_a.id).unwrap();
    assert!(!row(&minh, "Đông Á").unseen_change);

    let mut draft = minh.customer(&dong_a.id).unwrap().draft;
    draft.phone = "0903 999 000".into();
    minh.update_customer(&dong_a.id, &draft).unwrap();
    minh.sync_once(&server).unwrap();
    lan.sync_once(&server).unwrap();
    let changed = row(&lan, "Đông Á");
    assert_eq!(
        changed.updated_by, "Lê Văn Minh",
        "the team directory's name"
    );
    assert!(changed.unseen_change, "changed by Minh since Lan looked");
    assert!(changed.updated_at > dong_a.updated_at);
    assert!(!row(&minh, "Đông Á").unseen_change, "Minh's own change");
    assert!(!row(&lan, "Bình Minh").unseen_change);

    lan.mark_customer_seen(&dong_a.id).unwrap();
    assert!(!row(&lan, "Đông Á").unseen_change, "opened");
    assert!(!lan.customer_row(&dong_a.id).unwrap().unseen_change);

    // Changed again by Minh: marked again; Lan's own edit after that clears nothing but
    // is not news either.
    draft.email = "kho@donga.vn".into();
    minh.update_customer(&dong_a.id, &draft).unwrap();
    minh.sync_once(&server).unwrap();
    lan.sync_once(&server).unwrap();
    assert!(row(&lan, "Đông Á").unseen_change);
    let mut own = lan.customer(&binh_minh.id).unwrap().draft;
    own.phone = "0903 123 456".into();
    lan.update_customer(&binh_minh.id, &own).unwrap();
    let own_row = row(&lan, "Bình Minh");
    assert!(!own_row.unseen_change);
    assert_eq!(own_row.updated_by, "lan");

    // Sorted by last updated, newest first: Bình Minh (Lan's edit), then Đông Á.
    let page = lan
        .customer_page(&CustomerQuery {
            sort: SortKey::UpdatedAt,
            descending: true,
            ..CustomerQuery::default()
        })
        .unwrap();
    let names: Vec<&str> = page.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Bình Minh", "Đông Á"]);
    assert!(lan.mark_customer_seen("no-such-customer").is_err());

    // A device that joins later is not told about everything its bootstrap brings.
    let mut hoa = replica(&dir, "hoa");
    hoa.sync_once(&server).unwrap();
    assert_eq!(
        hoa.customer_page(&CustomerQuery::default())
            .unwrap()
            .rows
            .len(),
        2
    );
    assert!(!row(&hoa, "Đông Á").unseen_change && !row(&hoa, "Bình Minh").unseen_change);
}

#[test]
fn a_rebuilt_projection_keeps_who_changed_each_customer() {
    let dir = tempfile::tempdir().unwrap();
    let mut lan = replica(&dir, "lan");
    let id = lan.create_customer(&company("Đông Á")).unwrap().id;
    lan.rebuild_projection().unwrap();
    assert_eq!(lan.customer_row(&id).unwrap().updated_by, "lan");
    let report = lan.check().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}
