//! Every command of the contract (`clientele_model::commands`) answers through the shell's IPC
//! under its `Command::NAME`, reading its typed `Args` from the arguments object the UI sends
//! and answering its typed `Output` or a typed `CommandError`: the shell's real handler,
//! invoked headless through Tauri's mock runtime on a fresh replica.

use clientele_app::{commands, AppState};
use clientele_model::commands::*;
use clientele_model::query::{CustomerQuery, GroupBy};
use clientele_model::sales::{
    Allocation, InvoiceState, LineEntry, OrderLine, OrderState, PaymentDraft, PaymentMethod,
    PriceRule, ProductDraft, PurchaseState, SalesClass, SalesGroup, SalesGroupBy, SalesGroupKey,
    StatementKind, Vat,
};
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

    sales_commands(&shell);

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

/// The sales commands in the order a visit uses them: a product, a quotation of two lines
/// confirmed, invoiced, posted and partly paid; the account and statement; the lists; the
/// cancellations; a purchase order.
fn sales_commands(shell: &Shell) {
    let customer = shell
        .ok::<CreateCustomer>(&CreateCustomerArgs {
            draft: CustomerDraft {
                kind: CustomerKind::Company,
                name: "Công ty Hoa Mai".into(),
                ..CustomerDraft::default()
            },
        })
        .id;
    let customer_args = CustomerIdArgs {
        customer_id: customer.clone(),
    };
    let everything = |states: &[&str]| SalesListArgs {
        query: SalesListQuery {
            customer_id: Some(customer.clone()),
            states: states.iter().map(|s| (*s).to_owned()).collect(),
            ..SalesListQuery::default()
        },
    };

    // Products and their prices.
    let coffee = ProductDraft {
        name: "Cà phê hạt".into(),
        internal_ref: "CF-1".into(),
        unit: "kg".into(),
        sales_price: 150_000,
        vat: Vat::Ten,
        active: true,
    };
    let product = shell.ok::<CreateProduct>(&CreateProductArgs {
        product: coffee.clone(),
        prices: vec![("wholesale".into(), PriceRule::PercentOff(1_000))],
    });
    let price = |pricelist: Option<&str>| {
        shell.ok::<GetProductPrice>(&ProductPriceArgs {
            product_id: product.id.clone(),
            pricelist_id: pricelist.map(Into::into),
        })
    };
    assert_eq!(price(Some("wholesale")), 135_000, "10% off");
    assert_eq!(price(None), 150_000, "the list price");
    let updated = shell.ok::<UpdateProduct>(&UpdateProductArgs {
        id: product.id.clone(),
        product: ProductDraft {
            sales_price: 160_000,
            ..coffee
        },
        prices: vec![("wholesale".into(), None)],
    });
    assert_eq!(updated.draft.sales_price, 160_000);
    assert!(updated.prices.is_empty(), "{updated:?}");
    let read = shell.ok::<GetProduct>(&RecordIdArgs {
        id: product.id.clone(),
    });
    assert_eq!(read, updated, "the product form reads what was stored");
    assert_eq!(price(Some("wholesale")), 160_000);
    let products = shell.ok::<ListProducts>(&SalesListArgs {
        query: SalesListQuery {
            search: "ca phe".into(),
            ..SalesListQuery::default()
        },
    });
    assert_eq!(products, vec![updated]);

    // A quotation of two lines, changed, confirmed.
    let mut draft = shell.ok::<GetOrderDefaults>(&customer_args);
    assert_eq!(draft.customer_id, customer);
    assert_eq!(draft.invoice_address_id.as_deref(), Some(customer.as_str()));
    draft.date = "2030-06-01".into();
    let line = |product_id: Option<String>, description: &str, unit_price, vat| LineEntry {
        id: String::new(),
        line: OrderLine {
            product_id,
            description: description.into(),
            quantity_milli: 2_000,
            unit_price,
            discount_bp: 0,
            vat,
        },
    };
    draft.lines = vec![
        // 2 × 160.000 at 10%: 320.000 + 32.000.
        line(Some(product.id.clone()), "Cà phê hạt", 160_000, Vat::Ten),
        // 2 × 25.000, no VAT: 50.000.
        line(None, "Giao hàng", 25_000, Vat::Exempt),
    ];
    let order = shell.ok::<CreateQuotation>(&CreateQuotationArgs {
        order: draft.clone(),
    });
    assert_eq!(order.state, OrderState::Quotation);
    assert!(order.provisional_number.starts_with("S-"), "{order:?}");
    assert_eq!(order.totals.total, 402_000);
    draft.note = "Giao buổi sáng".into();
    draft.lines = order.lines.clone();
    let changed = shell.ok::<UpdateOrder>(&UpdateOrderArgs {
        id: order.id.clone(),
        order: draft,
    });
    assert_eq!(changed.note, "Giao buổi sáng");
    let confirmed = shell.ok::<SetOrderState>(&SetOrderStateArgs {
        id: order.id.clone(),
        state: OrderState::Sale,
    });
    assert_eq!(confirmed.state, OrderState::Sale);
    let read = shell.ok::<GetOrder>(&RecordIdArgs {
        id: order.id.clone(),
    });
    assert_eq!(read, confirmed);
    let orders = shell.ok::<ListOrders>(&everything(&["sale"]));
    assert_eq!(orders.len(), 1);
    assert_eq!(
        (orders[0].id.as_str(), orders[0].customer_name.as_str()),
        (order.id.as_str(), "Công ty Hoa Mai")
    );
    assert!(shell
        .ok::<ListOrders>(&everything(&["quotation"]))
        .is_empty());

    // Invoiced, posted, partly paid; paying more than is left is refused on its field.
    let invoice = shell.ok::<InvoiceOrder>(&InvoiceOrderArgs {
        order_id: order.id.clone(),
        date: "2030-06-02".into(),
    });
    assert_eq!(
        (invoice.state, invoice.date.as_str()),
        (InvoiceState::Draft, "2030-06-02")
    );
    let invoice_args = RecordIdArgs {
        id: invoice.id.clone(),
    };
    let posted = shell.ok::<PostInvoice>(&invoice_args);
    assert_eq!(
        (posted.state, posted.residual),
        (InvoiceState::Posted, 402_000)
    );
    let pay = |amount| PaymentDraft {
        customer_id: customer.clone(),
        date: "2030-06-03".into(),
        amount,
        method: PaymentMethod::Cash,
        reference: "Phiếu thu 1".into(),
        allocations: vec![Allocation {
            invoice_id: invoice.id.clone(),
            amount,
        }],
    };
    let error = shell
        .call::<RegisterPayment>(&RegisterPaymentArgs {
            payment: pay(500_000),
        })
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Validation, "{error:?}");
    assert_eq!(error.field.as_deref(), Some("allocations"), "{error:?}");
    let payment = shell.ok::<RegisterPayment>(&RegisterPaymentArgs {
        payment: pay(150_000),
    });
    assert!(
        payment.provisional_number.starts_with("PAY-"),
        "{payment:?}"
    );
    assert_eq!(shell.ok::<GetInvoice>(&invoice_args).residual, 252_000);
    let account = shell.ok::<GetCustomerAccount>(&customer_args);
    assert_eq!(
        (
            account.sales_count,
            account.invoiced,
            account.paid,
            account.amount_due
        ),
        (1, 402_000, 150_000, 252_000)
    );
    let statement = shell.ok::<GetCustomerStatement>(&customer_args);
    assert_eq!(
        statement
            .iter()
            .map(|e| (e.kind, e.amount, e.balance))
            .collect::<Vec<_>>(),
        [
            (StatementKind::Invoice, 402_000, 402_000),
            (StatementKind::Payment, -150_000, 252_000)
        ]
    );
    let invoices = shell.ok::<ListInvoices>(&everything(&["posted"]));
    assert_eq!(invoices.len(), 1);
    assert_eq!(
        (invoices[0].id.as_str(), invoices[0].residual),
        (invoice.id.as_str(), 252_000)
    );
    let payments = shell.ok::<ListPayments>(&everything(&[]));
    assert_eq!(
        payments,
        vec![payment.summary()],
        "the row is the record cut down"
    );
    sales_counts_and_groups(shell, &customer, &invoice.id);

    // A paid invoice cannot be cancelled until its payment is.
    let error = shell.call::<CancelInvoice>(&invoice_args).unwrap_err();
    assert_eq!(
        (error.code, error.field.as_deref()),
        (ErrorCode::Validation, Some("state"))
    );
    let cancelled = shell.ok::<CancelPayment>(&RecordIdArgs {
        id: payment.id.clone(),
    });
    assert!(cancelled.cancelled);
    let cancelled = shell.ok::<CancelInvoice>(&invoice_args);
    assert_eq!(cancelled.state, InvoiceState::Cancelled);
    assert_eq!(shell.ok::<GetCustomerAccount>(&customer_args).amount_due, 0);

    // A purchase order to the same partner, confirmed.
    let purchase = shell.ok::<CreatePurchaseOrder>(&CreatePurchaseOrderArgs {
        vendor_id: customer.clone(),
        date: "2030-06-04".into(),
        lines: vec![line(
            Some(product.id.clone()),
            "Cà phê hạt",
            100_000,
            Vat::Ten,
        )],
    });
    assert_eq!(purchase.state, PurchaseState::Draft);
    let purchase = shell.ok::<SetPurchaseState>(&SetPurchaseStateArgs {
        id: purchase.id.clone(),
        state: PurchaseState::Purchase,
    });
    assert_eq!(purchase.state, PurchaseState::Purchase);
    let read = shell.ok::<GetPurchaseOrder>(&RecordIdArgs {
        id: purchase.id.clone(),
    });
    assert_eq!(read, purchase, "the purchase form reads what was stored");
    let purchases = shell.ok::<ListPurchases>(&everything(&["purchase"]));
    assert_eq!(purchases, vec![purchase.summary()]);
    assert_eq!(
        shell
            .ok::<GetCustomerAccount>(&customer_args)
            .purchase_count,
        1
    );
}

/// The sales windows' pager and groups over the visit's records (one order, its posted
/// invoice, one payment): the count, the groups by state with their sums, a group unfolded;
/// a state the records never have, a grouping they do not have and a negative offset are
/// refused naming the field.
fn sales_counts_and_groups(shell: &Shell, customer: &str, invoice_id: &str) {
    let query = SalesListQuery {
        customer_id: Some(customer.to_owned()),
        ..SalesListQuery::default()
    };
    let count = |class, query: &SalesListQuery| {
        shell.ok::<CountSales>(&CountSalesArgs {
            class,
            query: query.clone(),
        })
    };
    assert_eq!(count(SalesClass::Orders, &query), 1);
    assert_eq!(count(SalesClass::Invoices, &query), 1);
    assert_eq!(
        count(
            SalesClass::Payments,
            &SalesListQuery {
                offset: 1,
                ..query.clone()
            }
        ),
        1,
        "the count ignores the page"
    );
    let second_page = shell.ok::<ListInvoices>(&SalesListArgs {
        query: SalesListQuery {
            offset: 1,
            ..query.clone()
        },
    });
    assert!(second_page.is_empty(), "{second_page:?}");
    let groups = shell.ok::<GroupSales>(&GroupSalesArgs {
        class: SalesClass::Invoices,
        query: query.clone(),
        group_by: SalesGroupBy::State,
    });
    assert_eq!(
        groups,
        vec![SalesGroup {
            key: "posted".into(),
            label: "posted".into(),
            count: 1,
            total: 402_000,
        }]
    );
    let by_customer = shell.ok::<GroupSales>(&GroupSalesArgs {
        class: SalesClass::Payments,
        query: query.clone(),
        group_by: SalesGroupBy::Customer,
    });
    assert_eq!(
        (by_customer[0].label.as_str(), by_customer[0].total),
        ("Công ty Hoa Mai", 150_000)
    );
    let unfolded = shell.ok::<ListInvoices>(&SalesListArgs {
        query: SalesListQuery {
            group: Some(SalesGroupKey {
                by: SalesGroupBy::State,
                key: "posted".into(),
            }),
            ..query.clone()
        },
    });
    assert_eq!(
        unfolded.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        [invoice_id]
    );

    let error = shell
        .call::<GroupSales>(&GroupSalesArgs {
            class: SalesClass::Payments,
            query: query.clone(),
            group_by: SalesGroupBy::Salesperson,
        })
        .unwrap_err();
    assert_eq!(
        (error.code, error.field.as_deref()),
        (ErrorCode::Validation, Some("group_by")),
        "{error:?}"
    );
    let error = shell
        .call::<CountSales>(&CountSalesArgs {
            class: SalesClass::Invoices,
            query: SalesListQuery {
                states: vec!["sale".into()],
                ..query.clone()
            },
        })
        .unwrap_err();
    assert_eq!(
        (error.code, error.field.as_deref()),
        (ErrorCode::Validation, Some("states")),
        "{error:?}"
    );
    // What the window could send but the types cannot hold is refused naming the field.
    for (name, args, field) in [
        (
            ListInvoices::NAME,
            serde_json::json!({"query": {"offset": -80}}),
            "offset",
        ),
        (
            GroupSales::NAME,
            serde_json::json!({"class": "invoices", "query": {}, "groupBy": "colour"}),
            "group_by",
        ),
        (
            CountSales::NAME,
            serde_json::json!({"class": "quotes", "query": {}}),
            "class",
        ),
    ] {
        let refused = shell.invoke(name, args).unwrap_err();
        let error: CommandError = serde_json::from_value(refused).unwrap();
        assert_eq!(error.code, ErrorCode::Ipc, "{error:?}");
        assert!(
            error.message.contains(&format!("{field}: ")),
            "{name}: {error:?}"
        );
    }
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
