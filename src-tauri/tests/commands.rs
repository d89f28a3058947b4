//! Every command of the contract (`clientele_model::commands`) answers through the shell's IPC
//! under its `Command::NAME`, reading its typed `Args` from the arguments object the UI sends
//! and answering its typed `Output` or a typed `CommandError`: the shell's real handler,
//! invoked headless through Tauri's mock runtime on a fresh replica.

use clientele_app::{commands, AppState};
use clientele_model::commands::*;
use clientele_model::query::{CustomerQuery, GroupBy};
use clientele_model::sync::SyncStatus;
use clientele_model::{
    ActivityDraft, ActivityStatus, Command, CommandError, ContactDraft, CustomerDraft,
    CustomerKind, ErrorCode,
};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

/// The shell with the app's commands over a replica in a temporary folder.
struct Shell {
    webview: WebviewWindow<MockRuntime>,
    called: RefCell<BTreeSet<&'static str>>,
    _app: tauri::App<MockRuntime>,
    _dir: tempfile::TempDir,
}

impl Shell {
    fn new() -> Shell {
        let dir = tempfile::tempdir().unwrap();
        let mut replica = clientele_replica::Replica::open(dir.path()).unwrap();
        replica.set_author("lan");
        let pages = Some(replica.page_reader().unwrap());
        let state = AppState {
            replica: Arc::new(clientele_replica::SharedReplica::new(replica)),
            pages,
            info: AppInfo {
                locale: "vi-VN".into(),
                sync_server: None,
                user: Some("lan".into()),
                can_see_private_addresses: true,
                managed: Vec::new(),
                managed_settings: Vec::new(),
                replica_unreadable: None,
                needs_enrolment: false,
            },
            sync: Mutex::new(None),
            sync_status: Arc::new(Mutex::new(SyncStatus::LocalOnly)),
        };
        let app = mock_builder()
            .manage(state)
            .manage(clientele_app::updater::Updates::default())
            .invoke_handler(commands::handler())
            .build(mock_context(noop_assets()))
            .unwrap();
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Shell {
            webview,
            called: RefCell::new(BTreeSet::new()),
            _app: app,
            _dir: dir,
        }
    }

    /// Invokes `name` with the JSON `args`, as the window's `invoke(name, args)` does.
    fn invoke(&self, name: &str, args: serde_json::Value) -> Result<String, serde_json::Value> {
        let request = InvokeRequest {
            cmd: name.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.into(),
        };
        get_ipc_response(&self.webview, request)
            .map(|body| body.deserialize::<serde_json::Value>().unwrap().to_string())
    }

    /// Command `C`, as the UI's `ipc::call::<C>` sends it; an error that is not a typed
    /// `CommandError` (e.g. "command not found") fails the test.
    fn call<C: Command>(&self, args: &C::Args) -> Result<C::Output, CommandError> {
        self.called.borrow_mut().insert(C::NAME);
        match self.invoke(C::NAME, serde_json::to_value(args).unwrap()) {
            Ok(answer) => Ok(serde_json::from_str(&answer)
                .unwrap_or_else(|e| panic!("{}: unreadable answer {answer}: {e}", C::NAME))),
            Err(error) => Err(serde_json::from_value(error.clone())
                .unwrap_or_else(|_| panic!("{} answered an untyped error: {error}", C::NAME))),
        }
    }

    fn ok<C: Command>(&self, args: &C::Args) -> C::Output {
        self.call::<C>(args)
            .unwrap_or_else(|e| panic!("{} failed: {e:?}", C::NAME))
    }
}

fn query() -> CustomerQuery {
    CustomerQuery {
        today: "2030-06-01".into(),
        ..CustomerQuery::default()
    }
}

#[test]
fn every_command_is_registered_under_its_name_and_speaks_its_types() {
    let shell = Shell::new();
    let info = shell.ok::<GetAppInfo>(&NoArgs {});
    assert_eq!(info.user.as_deref(), Some("lan"));
    assert_eq!(shell.ok::<GetSyncStatus>(&NoArgs {}), SyncStatus::LocalOnly);
    assert_eq!(shell.ok::<GetUpdateStatus>(&NoArgs {}), UpdateStatus::Idle);
    let nothing_ready = shell.call::<RestartToUpdate>(&NoArgs {}).unwrap_err();
    assert_eq!(nothing_ready.code, ErrorCode::NotFound, "{nothing_ready:?}");

    // Customers.
    let draft = CustomerDraft {
        kind: CustomerKind::Individual,
        name: "Nguyễn Thị Đào".into(),
        ..CustomerDraft::default()
    };
    let created = shell.ok::<CreateCustomer>(&CreateCustomerArgs { draft });
    let id = created.id.clone();
    let listed = shell.ok::<ListCustomers>(&NoArgs {});
    assert_eq!(listed.iter().map(|c| &c.id).collect::<Vec<_>>(), [&id]);
    let page = shell.ok::<GetCustomerPage>(&CustomerPageArgs { query: query() });
    assert_eq!(page.total, 1);
    assert_eq!(
        page.rows[0], created,
        "create answers the row the page shows"
    );
    let counts = shell.ok::<GetGroupCounts>(&GroupCountsArgs {
        query: query(),
        group_by: GroupBy::Kind,
    });
    assert_eq!(counts.iter().map(|c| c.count).sum::<u64>(), 1);
    let record = shell.ok::<GetCustomer>(&CustomerArgs { id: id.clone() });
    assert!(
        !record.heads.is_empty(),
        "the form learns the version it shows"
    );
    let mut draft = record.draft;
    draft.name = "Nguyễn Thị Đào (chị)".into();
    let updated = shell.ok::<UpdateCustomer>(&UpdateCustomerArgs {
        id: id.clone(),
        draft,
        heads: record.heads,
    });
    assert_eq!(updated.name, "Nguyễn Thị Đào (chị)");
    let page = shell.ok::<GetCustomerPage>(&CustomerPageArgs { query: query() });
    assert_eq!(
        page.rows[0], updated,
        "update answers the row the page shows"
    );
    let favourite = SetFavouriteArgs {
        id: id.clone(),
        favourite: true,
    };
    shell.ok::<SetFavourite>(&favourite);
    let archived = SetArchivedArgs {
        id: id.clone(),
        archived: false,
    };
    shell.ok::<SetArchived>(&archived);
    let history = shell.ok::<GetCustomerHistory>(&CustomerArgs { id: id.clone() });
    assert!(!history.is_empty());

    // History pages, restoring a value, conflict review (none on one device) and keeping.
    let page = shell.ok::<GetHistoryPage>(&HistoryPageArgs {
        id: id.clone(),
        before: None,
        limit: 0,
    });
    let renamed = page.entries[0].fields[0].clone();
    assert_eq!(renamed.place, FieldPlace::customer("name"));
    let restored = shell.ok::<RestoreHistoryValue>(&RestoreValueArgs {
        id: id.clone(),
        place: renamed.place.clone(),
        value: renamed.before.clone(),
    });
    assert_eq!(restored.name, renamed.before);
    assert!(shell
        .ok::<GetCustomerConflicts>(&CustomerArgs { id: id.clone() })
        .is_empty());
    let error = shell
        .call::<KeepConflictValue>(&KeepValueArgs {
            id: id.clone(),
            place: renamed.place,
            value_id: "1@ab".into(),
        })
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound, "{error:?}");

    // Contacts.
    let contact = ContactDraft {
        name: "Kế toán".into(),
        ..ContactDraft::default()
    };
    let contact_id = shell.ok::<AddContact>(&AddContactArgs {
        customer_id: id.clone(),
        contact: contact.clone(),
        heads: Vec::new(),
    });
    shell.ok::<UpdateContact>(&UpdateContactArgs {
        customer_id: id.clone(),
        contact_id: contact_id.clone(),
        contact,
        heads: Vec::new(),
    });
    shell.ok::<RemoveContact>(&RemoveContactArgs {
        customer_id: id.clone(),
        contact_id,
        heads: Vec::new(),
    });

    // Activities.
    let activity = ActivityDraft {
        activity_type: "call".into(),
        summary: "Gọi lại".into(),
        due_date: "2030-06-02".into(),
        ..ActivityDraft::default()
    };
    let activity_id = shell.ok::<ScheduleActivity>(&ScheduleActivityArgs {
        customer_id: id.clone(),
        activity,
        heads: Vec::new(),
    });
    let activities = shell.ok::<GetCustomerActivities>(&CustomerActivitiesArgs {
        customer_id: id.clone(),
    });
    assert_eq!(activities.activities.len(), 1);
    assert_eq!(activities.activities[0].id, activity_id);
    assert!(!activities.heads.is_empty());
    shell.ok::<SetActivityStatus>(&SetActivityStatusArgs {
        customer_id: id.clone(),
        activity_id,
        status: ActivityStatus::Done,
        heads: activities.heads.clone(),
    });

    // Notes.
    let note = shell.ok::<PostNote>(&PostNoteArgs {
        customer_id: id.clone(),
        text: "@lan gọi lại cho khách".into(),
        heads: Vec::new(),
    });
    assert_eq!(note.mentions, vec!["lan".to_owned()]);
    let mentions = shell.ok::<GetMentions>(&NoArgs {});
    assert_eq!(mentions[0].customer_id, id);
    assert!(!mentions[0].read);
    shell.ok::<MarkMentionRead>(&MarkMentionReadArgs {
        note_id: note.id.clone(),
    });
    assert!(shell.ok::<GetMentions>(&NoArgs {})[0].read);

    // Recent updates: nothing changed by others since the current version; opening marks it.
    let record = shell.ok::<GetCustomer>(&CustomerArgs { id: id.clone() });
    let changed = shell.ok::<GetChangedSince>(&ChangedSinceArgs {
        id: id.clone(),
        heads: record.heads,
    });
    assert!(changed.is_empty(), "{changed:?}");
    shell.ok::<MarkCustomerSeen>(&MarkCustomerSeenArgs { id: id.clone() });

    // Unsent changes: with no server everything waits, and nothing was refused.
    let unsent = shell.ok::<GetUnsentChanges>(&NoArgs {});
    assert!(unsent.waiting.iter().any(|w| w.doc_id == id), "{unsent:?}");
    assert!(unsent.refused.is_empty());
    let error = shell
        .call::<DiscardRefusedChange>(&DiscardRefusedChangeArgs { id: 404 })
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound);
    // The re-sync is only for a replica the device's key cannot read; this one opens.
    let error = shell.call::<ResyncReplica>(&NoArgs {}).unwrap_err();
    assert_eq!(error.code, ErrorCode::Conflict);
    assert!(error.message.contains("nothing to re-sync"), "{error:?}");

    // Saved searches.
    let saved = shell.ok::<SaveSearch>(&SaveSearchArgs {
        search: SavedSearch {
            name: "Đào".into(),
            search: "dao".into(),
            ..SavedSearch::default()
        },
    });
    assert!(!saved.id.is_empty());
    assert_eq!(
        shell.ok::<GetSavedSearches>(&NoArgs {}),
        vec![saved.clone()]
    );
    shell.ok::<DeleteSavedSearch>(&DeleteSavedSearchArgs {
        search_id: saved.id,
    });
    assert!(shell.ok::<GetSavedSearches>(&NoArgs {}).is_empty());

    // Reference lists.
    let tag = shell.ok::<CreateTag>(&CreateTagArgs {
        name: "bán sỉ".into(),
        color: 2,
    });
    let tags = shell.ok::<GetReferenceList>(&ReferenceListArgs {
        list: ReferenceList::Tags,
    });
    assert!(tags.contains(&tag), "{tags:?}");
    let context = shell.ok::<GetScreenContext>(&NoArgs {});
    assert_eq!(context.user_id.as_deref(), Some("lan"));
    assert!(context.tags.contains(&tag));
    assert!(!context.activity_types.is_empty());

    // Settings.
    let renamed = shell.ok::<UpdateSettingsEntry>(&UpdateSettingsEntryArgs {
        list: ReferenceList::Tags,
        id: tag.id.clone(),
        name: "bán buôn".into(),
        color: 5,
    });
    assert_eq!((renamed.name.as_str(), renamed.color), ("bán buôn", 5));
    let added = shell.ok::<AddSettingsEntry>(&AddSettingsEntryArgs {
        list: ReferenceList::ActivityTypes,
        id: None,
        name: "Ghé thăm".into(),
        color: 0,
    });
    let moved = shell.ok::<MoveSettingsEntry>(&MoveSettingsEntryArgs {
        list: ReferenceList::ActivityTypes,
        id: added.id.clone(),
        up: true,
    });
    assert_eq!(moved[moved.len() - 2].id, added.id);
    shell.ok::<SetSettingsEntryArchived>(&SetSettingsEntryArchivedArgs {
        list: ReferenceList::Tags,
        id: tag.id.clone(),
        archived: true,
    });
    let lists = shell.ok::<GetSettingsLists>(&NoArgs {});
    assert!(lists.tags.iter().any(|t| t.id == tag.id && t.archived));
    let pickers = shell.ok::<GetReferenceList>(&ReferenceListArgs {
        list: ReferenceList::Tags,
    });
    assert!(!pickers.iter().any(|t| t.id == tag.id), "{pickers:?}");
    let error = shell
        .call::<AddSettingsEntry>(&AddSettingsEntryArgs {
            list: ReferenceList::Pricelists,
            id: None,
            name: " ".into(),
            color: 0,
        })
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Validation);
    assert_eq!(error.field.as_deref(), Some("name"));

    // Duplicates and merges: a second customer of the same name is a likely duplicate of the
    // first; merged into it, listed from either side, then undone.
    let same_name = CustomerDraft {
        kind: CustomerKind::Individual,
        name: shell
            .ok::<GetCustomer>(&CustomerArgs { id: id.clone() })
            .draft
            .name,
        ..CustomerDraft::default()
    };
    let twin = shell
        .ok::<CreateCustomer>(&CreateCustomerArgs {
            draft: same_name.clone(),
        })
        .id;
    let found = shell.ok::<FindDuplicates>(&FindDuplicatesArgs {
        draft: same_name,
        except: Some(twin.clone()),
    });
    assert_eq!(
        found
            .iter()
            .map(|c| c.customer.id.as_str())
            .collect::<Vec<_>>(),
        [id.as_str()],
        "{found:?}"
    );
    let merged = shell.ok::<MergeCustomers>(&MergeCustomersArgs {
        survivor: id.clone(),
        absorbed: vec![twin.clone()],
        choices: vec![],
    });
    let merges = shell.ok::<GetCustomerMerges>(&CustomerArgs { id: twin.clone() });
    assert_eq!(merges[0].merge_id, merged.merge_id);
    shell.ok::<UndoMerge>(&UndoMergeArgs {
        survivor: id.clone(),
        merge_id: merged.merge_id,
    });
    assert!(shell.ok::<GetCustomerMerges>(&CustomerArgs { id: id.clone() })[0].undone);

    // Enrolment: an address that is not one is refused on its field before anything is asked.
    let error = shell
        .call::<Enrol>(&EnrolArgs {
            server: "sync.example.vn".into(),
            code: "7K3M-Q9TX-2HBD".into(),
            device_name: String::new(),
        })
        .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("server"), "{error:?}");
    assert_eq!(error.problem_for("server"), Some("bad_server"));

    let called: Vec<&str> = shell.called.borrow().iter().copied().collect();
    let mut all = all_names();
    all.sort_unstable();
    assert_eq!(
        called, all,
        "every command of the contract is exercised here"
    );
}

#[test]
fn refusals_are_typed_errors_and_unknown_names_are_not_commands() {
    let shell = Shell::new();
    let error = shell
        .call::<GetCustomer>(&CustomerArgs { id: "nope".into() })
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound, "{error:?}");
    let draft = CustomerDraft {
        kind: CustomerKind::Individual,
        ..CustomerDraft::default()
    };
    let error = shell
        .call::<CreateCustomer>(&CreateCustomerArgs { draft })
        .unwrap_err();
    assert_eq!(
        (error.code, error.field.as_deref()),
        (ErrorCode::Validation, Some("name"))
    );

    // Arguments that are not the command's `Args` are refused with a typed IPC error.
    let refused = shell
        .invoke(GetCustomerPage::NAME, serde_json::json!({"query": 5}))
        .unwrap_err();
    let error: CommandError = serde_json::from_value(refused).unwrap();
    assert_eq!(error.code, ErrorCode::Ipc);
    assert!(error.message.contains("customer_page"), "{error:?}");

    // A name the shell does not register answers an untyped error, which `call` would catch.
    let unknown = shell.invoke("no_such_command", serde_json::json!({}));
    assert!(unknown.is_err_and(|e| serde_json::from_value::<CommandError>(e).is_err()));
}
