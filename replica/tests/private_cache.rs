//! Managed `cache_private_addresses = false` on a real SQLite file: the private addresses the
//! server holds leave the device (their text gone from the file's bytes), an unsent one stays
//! until the server acknowledges it, a pull stores none, and a device without the policy still
//! gets every one from the server: nothing is lost.

use clientele_model::{Address, ContactDraft, ContactType, CustomerDraft, CustomerKind};
use clientele_replica::{PrivateAddressPurge, Replica, DATABASE_FILE};
use clientele_test_support::memory_server::MemoryServer;
use std::path::Path;

fn private(street: &str) -> ContactDraft {
    ContactDraft {
        contact_type: ContactType::Private,
        name: "Nhà riêng".into(),
        address: Address {
            street: street.into(),
            city: "Huế".into(),
            ..Address::default()
        },
        ..ContactDraft::default()
    }
}

const FIRST: &str = "9 Ngõ Zephyrine Thứ Nhất";
const SECOND: &str = "17 Hẻm Zephyrine Thứ Hai";

/// Whether `text` is anywhere in the replica's file or its write-ahead log (after folding the
/// log in, so deleted pages are what the file holds).
fn on_disk(replica: &Replica, dir: &Path, text: &str) -> bool {
    replica.checkpoint();
    ["", "-wal"].iter().any(|suffix| {
        std::fs::read(dir.join(format!("{DATABASE_FILE}{suffix}")))
            .map(|bytes| bytes.windows(text.len()).any(|w| w == text.as_bytes()))
            .unwrap_or(false)
    })
}

fn streets(replica: &Replica, customer: &str) -> Vec<String> {
    let mut streets: Vec<String> = replica
        .private_addresses(customer)
        .unwrap()
        .into_iter()
        .map(|c| c.contact.address.street)
        .collect();
    streets.sort();
    streets
}

#[test]
fn without_caching_private_addresses_leave_the_device_once_the_server_holds_them() {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let lan_dir = dir.path().join("lan");
    let mut lan = Replica::open(&lan_dir).unwrap();
    let customer = lan
        .create_customer(&CustomerDraft {
            kind: CustomerKind::Individual,
            name: "Phan Thị Huế".into(),
            ..CustomerDraft::default()
        })
        .unwrap()
        .id;
    lan.add_contact(&customer, &private(FIRST)).unwrap();
    lan.sync_once(&server).unwrap();
    // A second one while the server cannot be reached: only this device has it.
    server.set_offline(true);
    lan.add_contact(&customer, &private(SECOND)).unwrap();
    assert!(lan.sync_once(&server).is_err());
    assert!(on_disk(&lan, &lan_dir, FIRST) && on_disk(&lan, &lan_dir, SECOND));

    // The policy arrives: what the server holds goes, the unsent one stays.
    let purge = lan.set_keep_private_addresses(false).unwrap();
    assert_eq!(
        purge,
        PrivateAddressPurge {
            removed: 1,
            kept_unsent: 1
        }
    );
    assert!(!on_disk(&lan, &lan_dir, FIRST), "the sent address stayed");
    assert!(
        on_disk(&lan, &lan_dir, SECOND),
        "the unsent address was lost"
    );
    assert_eq!(streets(&lan, &customer), vec![SECOND.to_owned()]);

    // Once the server acknowledges it, it goes too; the customer stays.
    server.set_offline(false);
    lan.sync_once(&server).unwrap();
    assert!(
        !on_disk(&lan, &lan_dir, SECOND),
        "the acknowledged address stayed"
    );
    assert_eq!(streets(&lan, &customer), Vec::<String>::new());
    assert_eq!(lan.customer(&customer).unwrap().draft.name, "Phan Thị Huế");
    // And the next pull does not bring them back.
    lan.sync_once(&server).unwrap();
    assert_eq!(streets(&lan, &customer), Vec::<String>::new());

    // Another laptop under the same policy never stores them...
    let minh_dir = dir.path().join("minh");
    let mut minh = Replica::open(&minh_dir).unwrap();
    minh.set_keep_private_addresses(false).unwrap();
    minh.sync_once(&server).unwrap();
    assert_eq!(minh.list_customers().unwrap().len(), 1);
    assert_eq!(streets(&minh, &customer), Vec::<String>::new());
    assert!(!on_disk(&minh, &minh_dir, FIRST) && !on_disk(&minh, &minh_dir, SECOND));

    // ...and nothing was lost: a device allowed to cache them gets both from the server.
    let mut office = Replica::open(&dir.path().join("office")).unwrap();
    office.sync_once(&server).unwrap();
    assert_eq!(
        streets(&office, &customer),
        vec![SECOND.to_owned(), FIRST.to_owned()]
    );
}
