//! Edits apply to the version the user saw, on a real server process with two users and two
//! data folders, over both stores: Lan's form is open when Minh's new phone reaches her device;
//! her email save (sent with the heads her form was loaded at) keeps his phone on both devices.
//! Both changing the phone is a conflict with the same winner on both devices. Lan's device
//! keeps the customer she edits loaded (replica/src/edited.rs): Minh's activity, which her
//! form's draft does not carry, survives her edits after the sync that brought it.

use clientele_model::{ActivityDraft, CustomerDraft, CustomerKind};
use clientele_replica::{HttpTransport, Replica};
mod support;

use support::{backend_tests, Backend};

backend_tests!(
    a_stale_form_save_keeps_the_colleagues_phone,
    an_edit_after_a_sync_keeps_the_colleagues_activity,
    both_changing_the_phone_converge_to_one_value_with_a_conflict,
);

struct Device {
    replica: Replica,
    transport: HttpTransport,
}

impl Device {
    fn sync(&mut self) {
        self.replica.sync_once(&self.transport).unwrap();
    }
}

/// Lan and Minh on one server; Lan created "Đông Á" and both devices hold it.
fn team(backend: &Backend) -> (support::Server, Device, Device, String) {
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
    let (mut lan, mut minh) = (device("lan", &lan), device("minh", &minh));
    lan.sync();
    minh.sync();
    let draft = CustomerDraft {
        kind: CustomerKind::Company,
        name: "Đông Á".into(),
        phone: "0903 111 222".into(),
        ..CustomerDraft::default()
    };
    let id = lan.replica.create_customer(&draft).unwrap().id;
    lan.sync();
    minh.sync();
    (server, lan, minh, id)
}

/// Minh changes the phone and saves; it reaches the server.
fn minh_saves_phone(minh: &mut Device, id: &str, phone: &str) {
    let form = minh.replica.customer_record(id).unwrap();
    let mut draft = form.draft;
    draft.phone = phone.into();
    minh.replica
        .update_customer_at(id, &draft, &form.heads)
        .unwrap();
    minh.sync();
}

fn a_stale_form_save_keeps_the_colleagues_phone(backend: &Backend) {
    let (_server, mut lan, mut minh, id) = team(backend);
    let form = lan.replica.customer_record(&id).unwrap();
    minh_saves_phone(&mut minh, &id, "0903 999 000");
    lan.sync();
    assert_eq!(
        lan.replica.customer(&id).unwrap().draft.phone,
        "+84 903 999 000",
        "Lan's device received Minh's phone while her form was open"
    );

    let mut draft = form.draft.clone();
    draft.email = "lan@donga.vn".into();
    lan.replica
        .update_customer_at(&id, &draft, &form.heads)
        .unwrap();
    lan.sync();
    minh.sync();
    for (who, device) in [("lan", &lan), ("minh", &minh)] {
        let shown = device.replica.customer_row(&id).unwrap();
        assert_eq!(
            (shown.phone.as_str(), shown.email.as_str()),
            ("+84 903 999 000", "lan@donga.vn"),
            "{who}'s device keeps both edits"
        );
        assert!(device.replica.customer_conflicts(&id).unwrap().is_empty());
    }
}

fn both_changing_the_phone_converge_to_one_value_with_a_conflict(backend: &Backend) {
    let (_server, mut lan, mut minh, id) = team(backend);
    let form = lan.replica.customer_record(&id).unwrap();
    minh_saves_phone(&mut minh, &id, "0903 999 000");
    lan.sync();
    let mut draft = form.draft.clone();
    draft.phone = "0903 555 666".into();
    lan.replica
        .update_customer_at(&id, &draft, &form.heads)
        .unwrap();
    lan.sync();
    minh.sync();
    let (on_lan, on_minh) = (
        lan.replica.customer(&id).unwrap(),
        minh.replica.customer(&id).unwrap(),
    );
    assert_eq!(
        on_lan.draft.phone, on_minh.draft.phone,
        "one winner everywhere"
    );
    let conflicts = lan.replica.customer_conflicts(&id).unwrap();
    assert_eq!(conflicts, minh.replica.customer_conflicts(&id).unwrap());
    let phone = conflicts.iter().find(|c| c.field == "phone").unwrap();
    let mut values = vec![phone.winner.clone()];
    values.extend(phone.losers.clone());
    values.sort();
    assert_eq!(values, ["+84 903 555 666", "+84 903 999 000"]);
}

fn an_edit_after_a_sync_keeps_the_colleagues_activity(backend: &Backend) {
    let (_server, mut lan, mut minh, id) = team(backend);
    // Long notes: big enough that Lan's edits append to the stored bytes (edited.rs).
    let mut draft = lan.replica.customer(&id).unwrap().draft;
    draft.notes = "Khách quen, giao hàng buổi sáng. ".repeat(300);
    lan.replica.update_customer(&id, &draft).unwrap();
    lan.sync();
    minh.sync();
    minh.replica
        .schedule_activity(
            &id,
            &ActivityDraft {
                activity_type: "call".into(),
                summary: "Gọi lại về đơn hàng".into(),
                due_date: "2030-01-02".into(),
                ..ActivityDraft::default()
            },
        )
        .unwrap();
    minh.sync();
    // Lan edits the customer her device holds loaded, the sync brings Minh's activity into its
    // row, and she edits again.
    draft.address.street = "12 Lê Lợi".into();
    lan.replica.update_customer(&id, &draft).unwrap();
    lan.sync();
    draft.email = "lienhe@donga.vn".into();
    lan.replica.update_customer(&id, &draft).unwrap();
    lan.sync();
    minh.sync();
    for (who, device) in [("Lan", &lan), ("Minh", &minh)] {
        let customer = device.replica.customer(&id).unwrap();
        let summaries: Vec<&str> = customer
            .activities
            .iter()
            .map(|a| a.activity.summary.as_str())
            .collect();
        assert_eq!(summaries, ["Gọi lại về đơn hàng"], "on {who}'s device");
        assert_eq!(
            customer.draft.address.street, "12 Lê Lợi",
            "on {who}'s device"
        );
        assert_eq!(customer.draft.email, "lienhe@donga.vn", "on {who}'s device");
    }
}
