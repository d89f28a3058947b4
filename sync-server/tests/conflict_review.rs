//! Conflict review through a real server process, over both stores: Lan and Minh change the
//! phone from the same version; both devices mark the customer (its row, the "Has conflicts"
//! filter) and review the same two values, named by the team directory's display names; Lan
//! keeps Minh's value and, once it syncs, the mark is gone on both devices. The History shows
//! both edits with display names.

use clientele_model::commands::FieldPlace;
use clientele_model::query::{CustomerFilter, CustomerQuery};
use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::{HttpTransport, Replica};
mod support;

use support::{backend_tests, Backend};

backend_tests!(keeping_one_value_clears_the_mark_on_both_devices);

struct Device {
    replica: Replica,
    transport: HttpTransport,
}

impl Device {
    fn sync(&mut self) {
        self.replica.sync_once(&self.transport).unwrap();
    }

    /// The names of the customers the "Has conflicts" filter finds.
    fn with_conflicts(&self) -> Vec<String> {
        let query = CustomerQuery {
            filter: CustomerFilter {
                has_conflicts: true,
                ..CustomerFilter::default()
            },
            ..CustomerQuery::default()
        };
        let page = self.replica.customer_page(&query).unwrap();
        page.rows.into_iter().map(|r| r.name).collect()
    }

    /// Changes the phone from the version `form` was read at.
    fn save_phone(
        &mut self,
        id: &str,
        form: &clientele_model::commands::CustomerRecord,
        phone: &str,
    ) {
        let mut draft = form.draft.clone();
        draft.phone = phone.into();
        self.replica
            .update_customer_at(id, &draft, &form.heads)
            .unwrap();
    }
}

fn keeping_one_value_clears_the_mark_on_both_devices(backend: &Backend) {
    let lan_token = backend.member("lan", &["--role", "rep", "--display-name", "Trần Thị Lan"]);
    let minh_token = backend.member(
        "minh",
        &["--role", "rep", "--display-name", "Nguyễn Văn Minh"],
    );
    let server = backend.start();
    let device = |name: &str, token: &str| Device {
        replica: Replica::open(&backend.path().join(name)).unwrap(),
        transport: HttpTransport::new(&server.url, token).unwrap(),
    };
    let (mut lan, mut minh) = (device("lan", &lan_token), device("minh", &minh_token));
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

    let (lans_form, minhs_form) = (
        lan.replica.customer_record(&id).unwrap(),
        minh.replica.customer_record(&id).unwrap(),
    );
    minh.save_phone(&id, &minhs_form, "0903 999 000");
    minh.sync();
    lan.save_phone(&id, &lans_form, "0903 555 666");
    lan.sync();
    minh.sync();

    for (who, device) in [("lan", &lan), ("minh", &minh)] {
        assert_eq!(
            device.replica.customer_row(&id).unwrap().conflicts,
            1,
            "{who}"
        );
        assert_eq!(device.with_conflicts(), ["Đông Á"], "{who}");
    }
    let review = lan.replica.conflict_review(&id).unwrap();
    assert_eq!(review, minh.replica.conflict_review(&id).unwrap());
    assert_eq!(review.len(), 1);
    assert_eq!(review[0].place, FieldPlace::customer("phone"));
    let mut named: Vec<(&str, &str)> = review[0]
        .values
        .iter()
        .map(|v| (v.author_name.as_str(), v.value.as_str()))
        .collect();
    named.sort();
    assert_eq!(
        named,
        [
            ("Nguyễn Văn Minh", "+84 903 999 000"),
            ("Trần Thị Lan", "+84 903 555 666")
        ]
    );

    let minhs = review[0]
        .values
        .iter()
        .find(|v| v.author == "minh")
        .unwrap();
    lan.replica
        .keep_conflict_value(&id, &review[0].place, &minhs.value_id)
        .unwrap();
    lan.sync();
    minh.sync();
    for (who, device) in [("lan", &lan), ("minh", &minh)] {
        let row = device.replica.customer_row(&id).unwrap();
        assert_eq!(
            (row.phone.as_str(), row.conflicts),
            ("+84 903 999 000", 0),
            "{who}'s mark is gone"
        );
        assert!(device.with_conflicts().is_empty(), "{who}");
        assert!(
            device.replica.conflict_review(&id).unwrap().is_empty(),
            "{who}"
        );
    }

    let history = minh.replica.history_page(&id, None, 0).unwrap();
    let phone_edits: Vec<&str> = history
        .entries
        .iter()
        .filter(|e| e.fields.iter().any(|f| f.place.key == "phone"))
        .map(|e| e.author_name.as_str())
        .collect();
    assert!(
        phone_edits.contains(&"Trần Thị Lan") && phone_edits.contains(&"Nguyễn Văn Minh"),
        "{history:#?}"
    );
}
