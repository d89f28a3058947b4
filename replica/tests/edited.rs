//! The document edited last stays loaded for its next edit (a form saving field after field):
//! what each edit wrote is stored, the stored bytes load on their own (another device, the
//! server, a restart), and a row another writer changed in between (a sync) is loaded again, so
//! nothing it brought is lost.

use clientele_model::CustomerDraft;
use clientele_replica::Replica;
use clientele_test_support::memory_server::MemoryServer;

fn draft(name: &str) -> CustomerDraft {
    CustomerDraft {
        name: name.into(),
        ..CustomerDraft::default()
    }
}

#[test]
fn a_customer_edited_many_times_keeps_every_edit_across_a_restart_and_a_sync() {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let id = {
        let mut replica = Replica::open(&dir.path().join("laptop")).unwrap();
        let id = replica
            .create_customer(&draft("Công ty Hoa Mai"))
            .unwrap()
            .id;
        // Enough edits that the document outgrows a whole save at every edit, and is saved
        // whole again several times in between.
        let mut changed = replica.customer(&id).unwrap().draft;
        for edit in 1..=1_500 {
            changed.notes = format!("Gọi lại lần {edit}");
            if edit % 500 == 0 {
                changed.address.street = format!("{edit} Lê Lợi");
            }
            replica.update_customer(&id, &changed).unwrap();
        }
        replica.sync_once(&server).unwrap();
        id
    };
    let reopened = Replica::open(&dir.path().join("laptop")).unwrap();
    let stored = reopened.customer(&id).unwrap().draft;
    assert_eq!(stored.notes, "Gọi lại lần 1500");
    assert_eq!(stored.address.street, "1500 Lê Lợi");

    let mut phone = Replica::open(&dir.path().join("phone")).unwrap();
    phone.sync_once(&server).unwrap();
    assert_eq!(phone.customer(&id).unwrap().draft, stored);
}

#[test]
fn an_edit_after_a_sync_changed_the_row_keeps_what_the_sync_brought() {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let mut laptop = Replica::open(&dir.path().join("laptop")).unwrap();
    let mut phone = Replica::open(&dir.path().join("phone")).unwrap();
    let id = laptop
        .create_customer(&draft("Nhà sách Phương Nam"))
        .unwrap()
        .id;
    // Big enough to be edited by appending (see edited.rs), so the laptop keeps it loaded.
    let mut first = laptop.customer(&id).unwrap().draft;
    first.notes = "Khách quen. ".repeat(600);
    laptop.update_customer(&id, &first).unwrap();
    laptop.sync_once(&server).unwrap();
    phone.sync_once(&server).unwrap();

    // Not part of the draft the laptop's form sends, so only the stored document carries it.
    phone.set_archived(&id, true).unwrap();
    phone.sync_once(&server).unwrap();

    // The laptop edits the customer it still holds loaded, then the sync writes its row, then
    // the laptop edits again: that edit starts from the row, archived as the phone left it.
    let mut second = laptop.customer(&id).unwrap().draft;
    second.address.street = "12 Lê Lợi".into();
    laptop.update_customer(&id, &second).unwrap();
    laptop.sync_once(&server).unwrap();
    let mut third = laptop.customer(&id).unwrap().draft;
    third.email = "lienhe@phuongnam.vn".into();
    laptop.update_customer(&id, &third).unwrap();

    let stored = laptop.customer(&id).unwrap();
    assert!(
        stored.archived,
        "the phone's archiving survives the laptop's edit"
    );
    let after = stored.draft;
    assert_eq!(after.address.street, "12 Lê Lợi");
    assert_eq!(after.email, "lienhe@phuongnam.vn");
    laptop.sync_once(&server).unwrap();
    phone.sync_once(&server).unwrap();
    let on_phone = phone.customer(&id).unwrap();
    assert!(on_phone.archived);
    assert_eq!(on_phone.draft, after);
}
