//! Who is who, with the real server process over both stores: the token decides the author (a
//! change recorded as by another user is refused and nothing is stored, while the token user's,
//! `local` and re-sent changes pass), `GET /v1/me` names the user and the team, the admin
//! commands keep display names, and `user set-role` applies from the user's next request.

use automerge::transaction::{CommitOptions, Transactable};
use automerge::AutoCommit;
use base64::Engine as _;
use clientele_model::team::{Identity, Permissions, TeamMember, TeamRole};
use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::{HttpTransport, Replica};
use serde_json::{json, Value};
mod support;

use support::{backend_tests, Backend, Server};

backend_tests!(
    a_change_recorded_as_by_another_user_is_refused_and_nothing_is_stored,
    me_names_the_user_and_the_team_with_disabled_users_inactive,
    user_add_keeps_the_display_name_and_local_is_reserved,
    set_role_applies_from_the_next_request_with_the_same_token,
);

/// A customer document with one change by `author` (no message when `None`).
fn authored(name: &str, author: Option<&str>) -> AutoCommit {
    let mut doc = AutoCommit::new();
    doc.put(automerge::ROOT, "name", name).unwrap();
    commit(&mut doc, author);
    doc
}

fn commit(doc: &mut AutoCommit, author: Option<&str>) {
    let options = CommitOptions::default().with_time(1);
    doc.commit_with(match author {
        Some(author) => options.with_message(author.to_owned()),
        None => options,
    });
}

fn body(entries: &[(&str, &[u8])]) -> Value {
    let changes: Vec<Value> = entries
        .iter()
        .map(|(doc_id, data)| {
            json!({"doc_id": doc_id, "class": "customer",
                   "data": base64::engine::general_purpose::STANDARD.encode(data)})
        })
        .collect();
    json!({"protocol": 1, "changes": changes})
}

fn push(server: &Server, token: &str, entries: &[(&str, &[u8])]) -> (u16, Value) {
    let response = reqwest::blocking::Client::new()
        .post(format!("{}/v1/push", server.url))
        .bearer_auth(token)
        .json(&body(entries))
        .send()
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().unwrap())
}

fn latest_cursor(server: &Server, token: &str) -> u64 {
    let response = reqwest::blocking::Client::new()
        .get(format!("{}/v1/pull?after=0", server.url))
        .bearer_auth(token)
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    response.json::<Value>().unwrap()["cursor"]
        .as_u64()
        .unwrap()
}

fn a_change_recorded_as_by_another_user_is_refused_and_nothing_is_stored(backend: &Backend) {
    let lan = backend.member("lan", &[]);
    let minh = backend.member("minh", &[]);
    let server = backend.start();

    // A new document sent whole, and alongside it one of lan's own: the push is refused whole.
    let forged = authored("Công ty Đông Á", Some("minh")).save();
    let own = authored("Cửa hàng Sao Mai", Some("lan")).save();
    let (status, refusal) = push(&server, &lan, &[("c-own", &own), ("c-forged", &forged)]);
    assert_eq!(status, 403, "{refusal}");
    assert_eq!(refusal["code"], "forbidden", "{refusal}");
    assert_eq!(refusal["document"], "c-forged", "{refusal}");
    let message = refusal["message"].as_str().unwrap();
    assert!(
        message.contains("a change recorded as by minh was sent with lan's token")
            && message.contains("each device may only send its own user's changes"),
        "{message}"
    );
    assert_eq!(latest_cursor(&server, &lan), 0, "nothing was stored");

    // The token user's own changes, a device's `local` ones and unsigned ones are accepted.
    let local = authored("Đại lý Hòa Bình", Some("local")).save();
    let unsigned = authored("Nhà sách Phương Nam", None).save();
    let (status, answer) = push(
        &server,
        &lan,
        &[
            ("c-own", &own),
            ("c-local", &local),
            ("c-unsigned", &unsigned),
        ],
    );
    assert_eq!(
        (status, answer["accepted"].as_u64()),
        (200, Some(3)),
        "{answer}"
    );

    // Changes the server holds may be sent again by anyone, with their own new change on top.
    let mut shared = AutoCommit::load(&own).unwrap();
    shared
        .put(automerge::ROOT, "phone", "0905 111 222")
        .unwrap();
    commit(&mut shared, Some("minh"));
    let (status, answer) = push(&server, &minh, &[("c-own", &shared.save())]);
    assert_eq!(
        (status, answer["accepted"].as_u64()),
        (200, Some(1)),
        "{answer}"
    );
    shared
        .put(automerge::ROOT, "notes", "Gọi lại thứ hai")
        .unwrap();
    commit(&mut shared, Some("lan"));
    let (status, answer) = push(&server, &lan, &[("c-own", &shared.save())]);
    assert_eq!(
        (status, answer["accepted"].as_u64()),
        (200, Some(1)),
        "{answer}"
    );

    // Only new changes count, sent incrementally too: lan cannot add one recorded as minh's.
    let cursor = latest_cursor(&server, &lan);
    let before = shared.get_heads();
    shared
        .put(automerge::ROOT, "notes", "Không gọi nữa")
        .unwrap();
    commit(&mut shared, Some("minh"));
    let increment = shared.save_after(&before);
    let (status, refusal) = push(&server, &lan, &[("c-own", &increment)]);
    assert_eq!(status, 403, "{refusal}");
    assert_eq!(refusal["document"], "c-own", "{refusal}");
    assert_eq!(latest_cursor(&server, &lan), cursor, "nothing was stored");
    // The same bytes from minh's own token are theirs to send.
    let (status, answer) = push(&server, &minh, &[("c-own", &increment)]);
    assert_eq!(
        (status, answer["accepted"].as_u64()),
        (200, Some(1)),
        "{answer}"
    );
}

fn get_me(server: &Server, token: Option<&str>) -> reqwest::blocking::Response {
    let mut request = reqwest::blocking::Client::new().get(format!("{}/v1/me", server.url));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().unwrap()
}

fn me_names_the_user_and_the_team_with_disabled_users_inactive(backend: &Backend) {
    let lan = backend.member(
        "lan",
        &[
            "--role",
            "manager",
            "--display-name",
            "Trần Thị Lan",
            "--private-addresses",
        ],
    );
    let minh = backend.member("minh", &["--display-name", "Lê Văn Minh"]);
    backend.admin(&["user", "add", "an", "--role", "admin"]);
    backend.admin(&["user", "disable", "minh"]);
    let server = backend.start();

    let response = get_me(&server, Some(&lan));
    assert_eq!(response.status().as_u16(), 200);
    let me: Identity = response.json().unwrap();
    let member = |user: &str, display_name: &str, role, active| TeamMember {
        user: user.into(),
        display_name: display_name.into(),
        role,
        active,
    };
    assert_eq!(
        me,
        Identity {
            user: "lan".into(),
            display_name: "Trần Thị Lan".into(),
            role: TeamRole::Manager,
            permissions: Permissions::of(TeamRole::Manager, true),
            team: vec![
                member("an", "an", TeamRole::Admin, true),
                member("minh", "Lê Văn Minh", TeamRole::Rep, false),
                member("lan", "Trần Thị Lan", TeamRole::Manager, true),
            ],
        }
    );

    // A disabled user's token, and no token, are refused.
    let refused = get_me(&server, Some(&minh));
    assert_eq!(refused.status().as_u16(), 401);
    let refusal: Value = refused.json().unwrap();
    assert_eq!(refusal["code"], "unauthorized", "{refusal}");
    assert!(
        refusal["message"].as_str().unwrap().contains("disabled"),
        "{refusal}"
    );
    assert_eq!(get_me(&server, None).status().as_u16(), 401);
}

fn user_add_keeps_the_display_name_and_local_is_reserved(backend: &Backend) {
    let added = backend.admin(&[
        "user",
        "add",
        "lan",
        "--role",
        "manager",
        "--display-name",
        "Trần Thị Lan",
        "--private-addresses",
    ]);
    assert!(added.contains("Trần Thị Lan"), "{added}");
    backend.admin(&["user", "add", "minh"]);
    let listed = backend.admin(&["user", "list"]);
    assert_eq!(
        listed.lines().collect::<Vec<_>>(),
        vec![
            "lan\tTrần Thị Lan\tmanager\tprivate-addresses\tactive",
            "minh\tminh\trep\t-\tactive",
        ]
    );
    backend.admin(&["user", "rename", "minh", "--display-name", "Lê Văn Minh"]);
    let listed = backend.admin(&["user", "list"]);
    assert!(
        listed.contains("minh\tLê Văn Minh\trep\t-\tactive"),
        "{listed}"
    );

    let refused = backend
        .command()
        .args(["user", "add", "local"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("`local` is reserved"), "{stderr}");
    let unknown = backend
        .command()
        .args(["user", "rename", "binh", "--display-name", "Bình"])
        .output()
        .unwrap();
    assert!(!unknown.status.success());
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("no user named binh"),
        "{}",
        String::from_utf8_lossy(&unknown.stderr)
    );
    assert_eq!(backend.admin(&["user", "list"]).lines().count(), 2);
}

/// The role and permissions `GET /v1/me` reports for `token`, and the roles of its team.
fn me_role(server: &Server, token: &str) -> (TeamRole, Permissions, Vec<(String, TeamRole)>) {
    let response = get_me(server, Some(token));
    assert_eq!(response.status().as_u16(), 200);
    let me: Identity = response.json().unwrap();
    let team = me.team.into_iter().map(|m| (m.user, m.role)).collect();
    (me.role, me.permissions, team)
}

fn customer_of(salesperson: &str, name: &str) -> CustomerDraft {
    CustomerDraft {
        kind: CustomerKind::Company,
        name: name.to_owned(),
        salesperson_id: Some(salesperson.to_owned()),
        ..CustomerDraft::default()
    }
}

/// The server keeps no role per token: `user set-role`, run while it serves, decides the very
/// next request of that user's existing token, for `/v1/me` and for what a push may change.
fn set_role_applies_from_the_next_request_with_the_same_token(backend: &Backend) {
    let lan_token = backend.member("lan", &["--role", "manager"]);
    let minh_token = backend.member("minh", &[]);
    let server = backend.start();
    let work = tempfile::tempdir().unwrap();
    let transport = HttpTransport::new(&server.url, &lan_token).unwrap();
    let mut lan = Replica::open(&work.path().join("lan")).unwrap();
    lan.set_author("lan");
    let first = lan
        .create_customer(&customer_of("minh", "Cửa hàng Minh Phát"))
        .unwrap();
    let second = lan
        .create_customer(&customer_of("minh", "Đại lý Hòa Bình"))
        .unwrap();
    let own = lan
        .create_customer(&customer_of("lan", "Công ty Sao Mai"))
        .unwrap();
    assert!(lan.sync_once(&transport).unwrap().refused.is_empty());
    let (role, permissions, _) = me_role(&server, &lan_token);
    assert_eq!(role, TeamRole::Manager);
    assert_eq!(permissions, Permissions::of(TeamRole::Manager, false));
    assert!(permissions.archive_any_customer);
    // As a manager, lan archives a customer of minh's.
    lan.set_archived(&first.id, true).unwrap();
    let report = lan.sync_once(&transport).unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);

    // Demoted while the server runs: the same token now reads as a rep's.
    let said = backend.admin(&["user", "set-role", "lan", "--role", "rep"]);
    assert!(said.contains("lan is now rep"), "{said}");
    let (role, permissions, team) = me_role(&server, &lan_token);
    assert_eq!(role, TeamRole::Rep);
    assert_eq!(permissions, Permissions::of(TeamRole::Rep, false));
    assert!(!permissions.archive_any_customer && !permissions.edit_settings);
    assert!(team.contains(&("lan".into(), TeamRole::Rep)), "{team:?}");
    // Archiving another's customer is now refused; their own still goes through.
    lan.set_archived(&second.id, true).unwrap();
    lan.set_archived(&own.id, true).unwrap();
    let report = lan.sync_once(&transport).unwrap();
    let refused: Vec<&str> = report.refused.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(refused, vec![second.id.as_str()], "{:?}", report.refused);
    assert!(
        report.refused[0].1.contains("salesperson"),
        "{:?}",
        report.refused
    );
    let mut minh = Replica::open(&work.path().join("minh")).unwrap();
    minh.set_author("minh");
    let minh_transport = HttpTransport::new(&server.url, &minh_token).unwrap();
    minh.sync_once(&minh_transport).unwrap();
    assert!(minh.customer(&first.id).unwrap().archived);
    assert!(!minh.customer(&second.id).unwrap().archived);
    assert!(minh.customer(&own.id).unwrap().archived);

    // Promoted: minh's next request is a manager's.
    backend.admin(&["user", "set-role", "minh", "--role", "manager"]);
    let (role, permissions, _) = me_role(&server, &minh_token);
    assert_eq!(role, TeamRole::Manager);
    assert_eq!(permissions, Permissions::of(TeamRole::Manager, false));
    let listed = backend.admin(&["user", "list"]);
    assert_eq!(
        listed.lines().collect::<Vec<_>>(),
        vec!["lan\tlan\trep\t-\tactive", "minh\tminh\tmanager\t-\tactive"]
    );

    // An unknown user or role is refused, saying what to do, and changes nothing.
    let failed = |args: &[&str]| {
        let output = backend.command().args(args).output().unwrap();
        assert!(!output.status.success(), "{args:?}");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let stderr = failed(&["user", "set-role", "binh", "--role", "rep"]);
    assert!(
        stderr.contains("no user named binh")
            && stderr.contains("clientele-sync-server user add binh"),
        "{stderr}"
    );
    let stderr = failed(&["user", "set-role", "lan", "--role", "boss"]);
    assert!(
        stderr.contains("\"boss\" is not admin, manager or rep")
            && stderr.contains("user set-role lan --role rep"),
        "{stderr}"
    );
    assert_eq!(backend.admin(&["user", "list"]), listed);
}
