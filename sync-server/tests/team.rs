//! The team on a real server process, with two users and two data folders as a team works:
//! the token decides who a device's user is and the device caches the team directory; a
//! mention reaches the mentioned user with no write to their documents; a refused change is
//! set aside so it never holds the rest back, and discarding it leaves the server's version;
//! and a sync round never holds the replica while it waits for the network. Over both stores.

use clientele_model::team::TeamRole;
use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::{HttpTransport, Replica, SharedReplica, SyncError, SyncTransport};
use std::path::Path;
use std::sync::{Arc, Mutex};
mod support;

use support::{backend_tests, Backend};

backend_tests!(
    the_token_decides_the_user_and_the_team_is_cached,
    a_mention_reaches_the_mentioned_user_and_read_marks_follow_them,
    a_refused_archive_is_set_aside_and_later_edits_still_reach_the_manager,
);

/// A device of the user whose token is `token`: its identity comes from the server.
fn device(dir: &Path, url: &str, token: &str) -> (Replica, HttpTransport) {
    let replica = Replica::open(dir).unwrap();
    (replica, HttpTransport::new(url, token).unwrap())
}

fn company(name: &str, salesperson: &str) -> CustomerDraft {
    CustomerDraft {
        kind: CustomerKind::Company,
        name: name.to_owned(),
        salesperson_id: Some(salesperson.to_owned()),
        ..CustomerDraft::default()
    }
}

fn the_token_decides_the_user_and_the_team_is_cached(backend: &Backend) {
    let lan = backend.member("lan", &["--role", "rep", "--display-name", "Trần Thị Lan"]);
    backend.member(
        "minh",
        &["--role", "manager", "--display-name", "Nguyễn Văn Minh"],
    );
    backend.member("cu", &["--role", "rep", "--display-name", "Lê Văn Cũ"]);
    backend.admin(&["user", "disable", "cu"]);
    let server = backend.start();
    let (mut replica, transport) = device(&backend.path().join("lan"), &server.url, &lan);
    // Configured as someone else: the token wins at the first round.
    replica.set_author("minh");
    replica.sync_once(&transport).unwrap();
    assert_eq!(replica.user(), "lan");
    let identity = replica.identity().unwrap().expect("the identity is cached");
    assert_eq!(identity.display_name, "Trần Thị Lan");
    assert_eq!(identity.role, TeamRole::Rep);
    assert!(!identity.permissions.archive_any_customer);
    assert!(!identity.permissions.edit_settings);
    // The pickers offer the active team by display name; the disabled member only names.
    let names: Vec<String> = replica
        .salespeople()
        .unwrap()
        .into_iter()
        .map(|s| format!("{}={}", s.id, s.name))
        .collect();
    assert_eq!(names, ["minh=Nguyễn Văn Minh", "lan=Trần Thị Lan"]);
    let team = replica.team().unwrap();
    assert!(team
        .iter()
        .any(|m| m.user == "cu" && !m.active && m.display_name == "Lê Văn Cũ"));
    // A customer of the manager's is grouped and shown under his display name, offline too.
    let created = replica
        .create_customer(&company("Công ty Bình Minh", "minh"))
        .unwrap();
    drop(replica);
    let replica = Replica::open(&backend.path().join("lan")).unwrap();
    assert_eq!(replica.identity().unwrap().unwrap().user, "lan");
    let row = replica.customer_row(&created.id).unwrap();
    assert_eq!(row.salesperson, "Nguyễn Văn Minh");
}

fn a_mention_reaches_the_mentioned_user_and_read_marks_follow_them(backend: &Backend) {
    let minh = backend.member("minh", &["--role", "manager", "--display-name", "Minh"]);
    let lan = backend.member("lan", &["--role", "rep", "--display-name", "Lan"]);
    let server = backend.start();
    let (mut manager, to_minh) = device(&backend.path().join("minh"), &server.url, &minh);
    let (mut rep, to_lan) = device(&backend.path().join("lan"), &server.url, &lan);
    manager.sync_once(&to_minh).unwrap();
    let customer = manager
        .create_customer(&company("Công ty Đông Á", "lan"))
        .unwrap();
    manager
        .post_note(&customer.id, "@lan gọi lại cho chị Hoa trước thứ Sáu")
        .unwrap();
    let sent = manager.sync_once(&to_minh).unwrap();
    assert!(sent.refused.is_empty(), "refused: {:?}", sent.refused);
    assert_eq!(manager.unsent_documents().unwrap(), 0);

    rep.sync_once(&to_lan).unwrap();
    let mentions = rep.mentions_for("lan").unwrap();
    assert_eq!(mentions.len(), 1);
    assert_eq!(mentions[0].customer_id, customer.id);
    assert_eq!(mentions[0].customer_name, "Công ty Đông Á");
    assert!(!mentions[0].read);
    assert!(manager.mentions_for("lan").unwrap()[0]
        .note
        .text
        .contains("chị Hoa"));
    rep.mark_mention_read(&mentions[0].note.id).unwrap();
    let sent = rep.sync_once(&to_lan).unwrap();
    assert!(sent.refused.is_empty(), "refused: {:?}", sent.refused);

    // Lan's second laptop learns that she read it.
    let (mut laptop, _) = device(&backend.path().join("lan2"), &server.url, &lan);
    laptop.sync_once(&to_lan).unwrap();
    let mentions = laptop.mentions_for("lan").unwrap();
    assert_eq!(mentions.len(), 1);
    assert!(mentions[0].read);
    // Nobody may mark another's mention: there is none for Minh here.
    assert!(manager.mark_mention_read(&mentions[0].note.id).is_err());
}

fn a_refused_archive_is_set_aside_and_later_edits_still_reach_the_manager(backend: &Backend) {
    let minh = backend.member("minh", &["--role", "manager"]);
    let lan = backend.member("lan", &["--role", "rep"]);
    let server = backend.start();
    let (mut manager, to_minh) = device(&backend.path().join("minh"), &server.url, &minh);
    let customer = manager
        .create_customer(&company("Công ty Sao Mai", "minh"))
        .unwrap();
    manager.sync_once(&to_minh).unwrap();

    // Lan's replica is shared with her window, as in the app; the round locks it per step.
    let rep = Arc::new(SharedReplica::new(
        Replica::open(&backend.path().join("lan")).unwrap(),
    ));
    let to_lan = LockWatch {
        inner: HttpTransport::new(&server.url, &lan).unwrap(),
        replica: rep.clone(),
        held: Mutex::new(Vec::new()),
    };
    clientele_replica::sync_shared(&rep, &to_lan, &mut |_| {}).unwrap();
    // Archived (not hers: the server refuses) and a new email, in one pending change.
    {
        let mut replica = rep.lock();
        replica.set_archived(&customer.id, true).unwrap();
        let mut draft = replica.customer(&customer.id).unwrap().draft;
        draft.email = "ketoan@saomai.vn".into();
        replica.update_customer(&customer.id, &draft).unwrap();
    }
    let report = clientele_replica::sync_shared(&rep, &to_lan, &mut |_| {}).unwrap();
    assert_eq!(report.refused.len(), 1, "{:?}", report.refused);
    assert!(
        report.refused[0].1.contains("archive"),
        "{:?}",
        report.refused
    );
    {
        let replica = rep.lock();
        let unsent = replica.unsent_changes().unwrap();
        assert_eq!(unsent.refused.len(), 1);
        assert_eq!(unsent.refused[0].label, "Công ty Sao Mai");
        assert!(unsent.refused[0].fields.contains(&"archived".to_owned()));
        assert!(unsent.refused[0].reapplied.contains(&"email".to_owned()));
        assert!(!unsent.refused[0].reapplied.contains(&"archived".to_owned()));
        let now = replica.customer(&customer.id).unwrap();
        assert!(!now.archived, "the refused archive is not shown as done");
        assert_eq!(now.draft.email, "ketoan@saomai.vn");
    }
    // A later phone edit of the same customer goes, with the email.
    {
        let mut replica = rep.lock();
        let mut draft = replica.customer(&customer.id).unwrap().draft;
        draft.phone = "+84 28 3822 1234".into();
        replica.update_customer(&customer.id, &draft).unwrap();
    }
    let report = clientele_replica::sync_shared(&rep, &to_lan, &mut |_| {}).unwrap();
    assert!(report.refused.is_empty(), "refused: {:?}", report.refused);
    assert_eq!(rep.lock().unsent_documents().unwrap(), 0);
    manager.sync_once(&to_minh).unwrap();
    let seen = manager.customer(&customer.id).unwrap();
    assert_eq!(seen.draft.phone, "+84 28 3822 1234");
    assert_eq!(seen.draft.email, "ketoan@saomai.vn");
    assert!(!seen.archived);

    // Discarding clears the entry; the document stays the server's plus her accepted edits.
    {
        let mut replica = rep.lock();
        let refused = replica.unsent_changes().unwrap().refused;
        replica.discard_refused_change(refused[0].id).unwrap();
        assert!(replica.unsent_changes().unwrap().refused.is_empty());
        assert!(replica.discard_refused_change(refused[0].id).is_err());
        assert_eq!(
            replica.customer(&customer.id).unwrap().draft,
            seen.draft,
            "the device equals the server"
        );
    }
    let held = to_lan.held.lock().unwrap();
    assert!(held.is_empty(), "the replica was locked during {held:?}");
}

/// A transport that notes every request made while the replica was locked.
struct LockWatch {
    inner: HttpTransport,
    replica: Arc<SharedReplica>,
    held: Mutex<Vec<&'static str>>,
}

impl LockWatch {
    fn check(&self, request: &'static str) {
        if self.replica.try_lock().is_none() {
            self.held.lock().unwrap().push(request);
        }
    }
}

impl SyncTransport for LockWatch {
    fn push(
        &self,
        request: &clientele_model::sync::PushRequest,
    ) -> Result<clientele_model::sync::PushResponse, SyncError> {
        self.check("push");
        self.inner.push(request)
    }

    fn pull(
        &self,
        after: u64,
        limit: u32,
    ) -> Result<clientele_model::sync::PullResponse, SyncError> {
        self.check("pull");
        self.inner.pull(after, limit)
    }

    fn snapshots(
        &self,
        after: u64,
        limit: u32,
    ) -> Result<Option<clientele_model::sync::SnapshotPage>, SyncError> {
        self.check("snapshots");
        self.inner.snapshots(after, limit)
    }

    fn exchange(
        &self,
        request: &clientele_model::sync::SyncRequest,
    ) -> Result<Option<clientele_model::sync::SyncResponse>, SyncError> {
        self.check("exchange");
        self.inner.exchange(request)
    }

    fn identity(&self) -> Result<Option<clientele_model::team::Identity>, SyncError> {
        self.check("identity");
        self.inner.identity()
    }
}
