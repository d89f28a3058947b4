//! Merging customers and undoing it round-trip through the real sync-server process, over both
//! stores: the manager merges Minh's duplicate into Lan's customer (a contact and an activity
//! move, and Mai's private address of it, which her other laptop sees move; the chosen phone
//! wins); every device sees the redirect and the merge record; a rep who
//! is not the salesperson of both may not merge or undo; the manager's Undo restores both
//! customers on every device.

use clientele_model::commands::FieldChoice;
use clientele_model::{
    ActivityDraft, ContactDraft, ContactType, CustomerDraft, CustomerField, CustomerKind,
};
use clientele_replica::{HttpTransport, Replica, ReplicaError, Session};
mod support;

use support::{backend_tests, Backend};

backend_tests!(
    merge_and_undo_round_trip_through_the_server,
    the_server_refuses_a_reps_merge_of_a_customer_not_theirs,
);

struct Device {
    replica: Replica,
    transport: HttpTransport,
}

impl Device {
    fn sync(&mut self) {
        let report = self.replica.sync_once(&self.transport).unwrap();
        assert!(report.refused.is_empty(), "{:?}", report.refused);
    }
}

fn company(name: &str, phone: &str, salesperson: &str) -> CustomerDraft {
    CustomerDraft {
        kind: CustomerKind::Company,
        name: name.into(),
        phone: phone.into(),
        salesperson_id: Some(salesperson.into()),
        ..CustomerDraft::default()
    }
}

fn merge_and_undo_round_trip_through_the_server(backend: &Backend) {
    let mai = backend.member(
        "mai",
        &[
            "--role",
            "manager",
            "--private-addresses",
            "--display-name",
            "Lê Thị Mai",
        ],
    );
    let lan = backend.member("lan", &["--role", "rep", "--display-name", "Trần Thị Lan"]);
    let minh = backend.member(
        "minh",
        &["--role", "rep", "--display-name", "Nguyễn Văn Minh"],
    );
    let server = backend.start();
    let device = |name: &str, token: &str| Device {
        replica: Replica::open(&backend.path().join(name)).unwrap(),
        transport: HttpTransport::new(&server.url, token).unwrap(),
    };
    // Mai's second laptop sees her private addresses move too.
    let (mut mai, mut mai_laptop, mut lan, mut minh) = (
        device("mai", &mai),
        device("mai-laptop", &mai),
        device("lan", &lan),
        device("minh", &minh),
    );
    for device in [&mut mai, &mut mai_laptop, &mut lan, &mut minh] {
        device.sync();
    }
    let keep = lan
        .replica
        .create_customer(&company("Công ty Đông Á", "028 3823 4567", "lan"))
        .unwrap()
        .id;
    lan.sync();
    let gone = minh
        .replica
        .create_customer(&company("Dong A Co", "0903 123 456", "minh"))
        .unwrap()
        .id;
    let contact = minh
        .replica
        .add_contact(
            &gone,
            &ContactDraft {
                name: "Nguyễn Thị Đào".into(),
                ..ContactDraft::default()
            },
        )
        .unwrap();
    let activity = minh
        .replica
        .schedule_activity(
            &gone,
            &ActivityDraft {
                activity_type: "call".into(),
                summary: "Gọi lại".into(),
                due_date: "2030-01-02".into(),
                ..ActivityDraft::default()
            },
        )
        .unwrap();
    minh.sync();
    mai.sync();
    lan.sync();
    let home = mai
        .replica
        .add_contact(
            &gone,
            &ContactDraft {
                contact_type: ContactType::Private,
                name: "Nhà riêng giám đốc".into(),
                ..ContactDraft::default()
            },
        )
        .unwrap();
    mai.sync();
    let private_of = |device: &Device, id: &str| -> Vec<String> {
        let addresses = device.replica.private_addresses(id).unwrap();
        addresses.into_iter().map(|c| c.id).collect()
    };

    let choose_phone = [FieldChoice {
        field: CustomerField::Phone,
        from: gone.clone(),
    }];
    assert!(
        matches!(
            minh.replica
                .merge_customers(&keep, std::slice::from_ref(&gone), &choose_phone),
            Err(ReplicaError::Forbidden(_))
        ),
        "Minh is not Lan's customer's salesperson"
    );
    let outcome = mai
        .replica
        .merge_customers(&keep, std::slice::from_ref(&gone), &choose_phone)
        .unwrap();
    mai.sync();
    lan.sync();
    minh.sync();
    mai_laptop.sync();
    assert_eq!(private_of(&mai_laptop, &keep), vec![home.clone()]);
    assert!(private_of(&mai_laptop, &gone).is_empty());
    for (who, device) in [("mai", &mai), ("lan", &lan), ("minh", &minh)] {
        let survivor = device.replica.customer(&keep).unwrap();
        assert_eq!(survivor.draft.phone, "+84 903 123 456", "{who}");
        assert!(survivor.contacts.iter().any(|c| c.id == contact), "{who}");
        assert!(
            survivor.activities.iter().any(|a| a.id == activity),
            "{who}"
        );
        let away = device.replica.customer(&gone).unwrap();
        assert!(away.archived && away.contacts.is_empty(), "{who}");
        let merges = device.replica.customer_merges(&gone).unwrap();
        assert_eq!(merges.len(), 1, "{who} sees the redirect");
        assert_eq!(
            (
                merges[0].merge_id.as_str(),
                merges[0].survivor.as_str(),
                merges[0].undone
            ),
            (outcome.merge_id.as_str(), keep.as_str(), false),
            "{who}"
        );
    }
    assert!(
        matches!(
            lan.replica.undo_merge(&keep, &outcome.merge_id),
            Err(ReplicaError::Forbidden(_))
        ),
        "Lan is not the salesperson of Minh's customer"
    );

    mai.replica.undo_merge(&keep, &outcome.merge_id).unwrap();
    mai.sync();
    lan.sync();
    minh.sync();
    mai_laptop.sync();
    assert_eq!(private_of(&mai_laptop, &gone), vec![home.clone()]);
    assert!(private_of(&mai_laptop, &keep).is_empty());
    for (who, device) in [("mai", &mai), ("lan", &lan), ("minh", &minh)] {
        let survivor = device.replica.customer(&keep).unwrap();
        assert_eq!(survivor.draft.phone, "+84 28 3823 4567", "{who}");
        assert!(
            survivor.contacts.is_empty() && survivor.activities.is_empty(),
            "{who}"
        );
        let returned = device.replica.customer(&gone).unwrap();
        assert!(!returned.archived, "{who}");
        assert!(returned.contacts.iter().any(|c| c.id == contact), "{who}");
        assert!(
            returned.activities.iter().any(|a| a.id == activity),
            "{who}"
        );
        assert!(
            device.replica.customer_merges(&gone).unwrap().is_empty(),
            "{who}"
        );
        assert!(
            device.replica.customer_merges(&keep).unwrap()[0].undone,
            "{who}"
        );
        assert!(
            !device.replica.customer_row(&gone).unwrap().archived,
            "{who}: the projection follows"
        );
    }
}

/// A device that does not check roles (an old or altered client) lets Minh merge Lan's
/// customer away into his own: the server refuses the archive and the redirect of the customer
/// that is not his, so on Lan's device it stays as it was.
fn the_server_refuses_a_reps_merge_of_a_customer_not_theirs(backend: &Backend) {
    let lan = backend.member("lan", &["--role", "rep"]);
    let minh = backend.member("minh", &["--role", "rep"]);
    let server = backend.start();
    let device = |name: &str, token: &str| Device {
        replica: Replica::open(&backend.path().join(name)).unwrap(),
        transport: HttpTransport::new(&server.url, token).unwrap(),
    };
    let (mut lan, mut minh) = (device("lan", &lan), device("minh", &minh));
    lan.sync();
    minh.sync();
    let lans = lan
        .replica
        .create_customer(&company("Công ty Đông Á", "028 3823 4567", "lan"))
        .unwrap()
        .id;
    lan.sync();
    let minhs = minh
        .replica
        .create_customer(&company("Dong A Co", "0903 123 456", "minh"))
        .unwrap()
        .id;
    minh.sync();
    minh.replica.set_session(Session::new("minh", false));
    minh.replica
        .merge_customers(&minhs, std::slice::from_ref(&lans), &[])
        .unwrap();
    let report = minh.replica.sync_once(&minh.transport).unwrap();
    assert!(
        report
            .refused
            .iter()
            .any(|(id, reason)| *id == lans && reason.contains("salesperson")),
        "{:?}",
        report.refused
    );
    lan.sync();
    let kept = lan.replica.customer(&lans).unwrap();
    assert!(
        !kept.archived,
        "Lan's customer is not merged away on her device"
    );
    assert!(lan.replica.customer_merges(&lans).unwrap().is_empty());
}
