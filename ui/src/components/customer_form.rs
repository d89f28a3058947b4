//! The customer form (spec C8–C20): opens empty to create a customer or loads one to edit;
//! header with Save / Discard, archive and the favourite star; the main fields; and the tabs
//! Contacts & Addresses, Sales & Purchase, Internal notes. Refusals show under their fields;
//! leaving with unsaved changes (breadcrumb, Esc, the menu, another customer) asks first (see
//! `form_guard`); Discard is the explicit way to drop them.

use clientele_model::commands::{
    ChangedSinceArgs, ContactEntry, CreateCustomer, CreateCustomerArgs, CustomerArgs,
    CustomerPageArgs, GetAppInfo, GetChangedSince, GetCustomer, GetCustomerPage, GetReferenceList,
    GetScreenContext, MarkCustomerSeen, MarkCustomerSeenArgs, NoArgs, Note, RecordsChanged,
    ReferenceItem, ReferenceList, ReferenceListArgs, ScreenContext, SetArchived, SetArchivedArgs,
    SetFavourite, SetFavouriteArgs, UpdateCustomer, UpdateCustomerArgs,
};
use clientele_model::commands::{DuplicateCandidate, FindDuplicates, FindDuplicatesArgs};
use clientele_model::query::{CustomerFilter, CustomerQuery, CustomerRow};
use clientele_model::{CommandError, CustomerId, CustomerKind, ErrorCode};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::app::use_lang;
use super::conflict_mark::FormConflicts;
use super::duplicate_warning::DuplicateWarning;
use super::form_changed_banner::ChangedBanner;
use super::form_contacts::ContactsTab;
use super::form_guard::use_leave_guard;
use super::form_history::HistoryTab;
use super::form_main::CustomerFields;
use super::form_notes::NotesTab;
use super::form_sales::SalesTab;
use super::form_state::{Edit, FormAction, FormState, FormTab, ReferenceLists};
use super::merge_dialog::MergeDialog;
use super::merge_notices::MergeNotices;
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct CustomerFormProps {
    /// The customer to edit; `None` opens an empty form to create one.
    #[prop_or_default]
    pub customer_id: Option<CustomerId>,
    /// Saved: the customer's row as the replica answered it.
    pub on_saved: Callback<CustomerRow>,
    /// The form is closed: Discard, or the breadcrumb / Esc (confirmed if edits would be lost).
    pub on_discard: Callback<()>,
    /// Open another customer instead (a likely duplicate, a merge's survivor).
    #[prop_or_default]
    pub on_open: Callback<CustomerId>,
}

/// An immediate change on its way to the shell.
type Stored = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), CommandError>>>>;

/// The reference lists and the company customers, read once per form.
async fn load_lists() -> ReferenceLists {
    let list = |name: ReferenceList| async move {
        let args = ReferenceListArgs { list: name };
        ipc::call::<GetReferenceList>(&args)
            .await
            .unwrap_or_default()
    };
    let args = CustomerPageArgs {
        query: ipc::dated(CustomerQuery {
            filter: CustomerFilter {
                kind: Some(CustomerKind::Company),
                ..CustomerFilter::default()
            },
            limit: 500,
            ..CustomerQuery::default()
        }),
    };
    let companies = ipc::call::<GetCustomerPage>(&args)
        .await
        .map(|page| {
            page.rows
                .into_iter()
                .map(|row| ReferenceItem {
                    id: row.id,
                    name: row.name,
                    color: 0,
                    position: 0,
                    archived: false,
                })
                .collect()
        })
        .unwrap_or_default();
    ReferenceLists {
        tags: list(ReferenceList::Tags).await,
        salespeople: list(ReferenceList::Salespeople).await,
        payment_terms: list(ReferenceList::PaymentTerms).await,
        pricelists: list(ReferenceList::Pricelists).await,
        languages: list(ReferenceList::Languages).await,
        companies,
    }
}

/// Reads the customer again and shows it in place (unless edited since; see `Refreshed`).
fn refresh(dispatcher: UseReducerDispatcher<FormState>, id: CustomerId) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(record) = ipc::call::<GetCustomer>(&CustomerArgs { id: id.clone() }).await {
            dispatcher.dispatch(FormAction::Refreshed(Box::new(record)));
            mark_seen(id).await;
        }
    });
}

/// The user has the customer open: its card is no longer highlighted as changed (C6). A
/// failure only leaves the highlight on, so it is logged and not shown.
async fn mark_seen(id: CustomerId) {
    if let Err(e) = ipc::call::<MarkCustomerSeen>(&MarkCustomerSeenArgs { id }).await {
        web_sys::console::debug_1(&format!("mark_customer_seen: {}", e.message).into());
    }
}

/// Puts the cursor in the first field in error inside `root`.
fn focus_first_error(root: &NodeRef) {
    if let Some(root) = root.cast::<web_sys::Element>() {
        if let Ok(Some(first)) = root.query_selector("[aria-invalid=true]") {
            if let Ok(input) = first.dyn_into::<web_sys::HtmlElement>() {
                let _ = input.focus();
            }
        }
    }
}

#[component]
pub fn CustomerForm(props: &CustomerFormProps) -> Html {
    let lang = use_lang();
    let guard = use_leave_guard();
    let state = use_reducer(|| FormState::new(props.customer_id.clone()));
    let lists = use_state(|| Rc::new(ReferenceLists::default()));
    let can_see_private = use_state(|| false);
    // Who the user is, what they may do and the team's names (None until known).
    let screen = use_state(|| None::<Rc<ScreenContext>>);
    let root = use_node_ref();

    // Load the customer shown (again when another one is asked for).
    {
        let dispatcher = state.dispatcher();
        use_effect_with(props.customer_id.clone(), move |id| {
            dispatcher.dispatch(FormAction::Reset(id.clone()));
            if let Some(id) = id.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let result = ipc::call::<GetCustomer>(&CustomerArgs { id: id.clone() }).await;
                    let loaded = result.is_ok();
                    dispatcher.dispatch(FormAction::Loaded(Box::new(result)));
                    if loaded {
                        mark_seen(id).await;
                    }
                });
            }
        });
    }
    // The open customer follows the record: a sync that changed it shows in place.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(props.customer_id.clone(), move |id| {
            let id = id.clone();
            let listener = crate::events::listen::<RecordsChanged>(move |changed| {
                if let Some(id) = id.as_ref().filter(|id| changed.contains(id)) {
                    refresh(dispatcher.clone(), id.clone());
                }
            });
            move || drop(listener)
        });
    }
    // Edited while the record changed: ask who changed what since the edits' version (the
    // banner, and the fields it marks).
    {
        let dispatcher = state.dispatcher();
        let watch = (
            state.id.clone(),
            state.heads.clone(),
            state.record_heads.clone(),
            state.dirty(),
        );
        use_effect_with(watch, move |(id, heads, record_heads, dirty)| {
            if let (Some(id), true) = (id.clone(), *dirty && heads != record_heads) {
                let heads = heads.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let args = ChangedSinceArgs {
                        id,
                        heads: heads.clone(),
                    };
                    if let Ok(changed) = ipc::call::<GetChangedSince>(&args).await {
                        dispatcher.dispatch(FormAction::ChangedElsewhere(heads, changed));
                    }
                });
            }
        });
    }
    {
        let (lists, can_see_private) = (lists.clone(), can_see_private.clone());
        let screen = screen.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(info) = ipc::call::<GetAppInfo>(&NoArgs {}).await {
                    can_see_private.set(info.can_see_private_addresses);
                }
                if let Ok(context) = ipc::call::<GetScreenContext>(&NoArgs {}).await {
                    screen.set(Some(Rc::new(context)));
                }
                lists.set(Rc::new(load_lists().await));
            });
        });
    }
    // Tell the guard whether there is something to lose; nothing once the form is gone.
    {
        let guard = guard.clone();
        use_effect_with(state.dirty(), move |dirty| {
            if let Some(guard) = &guard {
                guard.set_dirty(*dirty);
            }
        });
    }
    {
        let guard = guard.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(guard) = guard {
                    guard.set_dirty(false);
                }
            }
        });
    }
    {
        let root = root.clone();
        use_effect_with(state.error.clone(), move |error| {
            if error.is_some() {
                focus_first_error(&root);
            }
        });
    }

    // Likely duplicates of a new customer, while the dialog asks (duplicate_warning.rs); the
    // merge dialog; and a count bumped when a merge or its undo changed the customer.
    let duplicates = use_state(|| None::<Vec<DuplicateCandidate>>);
    let checking = use_mut_ref(|| false);
    let merge_open = use_state(|| false);
    let merges_refresh = use_state(|| 0u32);
    let store = {
        let state = state.clone();
        let on_saved = props.on_saved.clone();
        Callback::from(move |()| {
            if state.saving || !state.loaded {
                return;
            }
            state.dispatch(FormAction::SaveStarted);
            let (dispatcher, on_saved) = (state.dispatcher(), on_saved.clone());
            let (id, draft, heads) = (state.id.clone(), state.draft.clone(), state.heads.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = match id {
                    Some(id) => {
                        let args = UpdateCustomerArgs { id, draft, heads };
                        ipc::call::<UpdateCustomer>(&args).await
                    }
                    None => ipc::call::<CreateCustomer>(&CreateCustomerArgs { draft }).await,
                };
                match result {
                    Ok(row) => {
                        dispatcher.dispatch(FormAction::Saved(row.id.clone()));
                        // The merged customer and its new heads: what the next Save starts from.
                        refresh(dispatcher.clone(), row.id.clone());
                        on_saved.emit(row);
                    }
                    Err(e) => dispatcher.dispatch(FormAction::Failed(e)),
                }
            });
        })
    };
    // A new customer's Save first asks for likely duplicates; none (or no answer): stored.
    let save = {
        let (state, store) = (state.clone(), store.clone());
        let (duplicates, checking) = (duplicates.clone(), checking.clone());
        Callback::from(move |()| {
            if state.id.is_some() || state.saving || !state.loaded {
                store.emit(());
                return;
            }
            if *checking.borrow() {
                return;
            }
            *checking.borrow_mut() = true;
            let args = FindDuplicatesArgs {
                draft: state.draft.clone(),
                except: None,
            };
            let (store, duplicates, checking) =
                (store.clone(), duplicates.clone(), checking.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let found = ipc::call::<FindDuplicates>(&args).await;
                *checking.borrow_mut() = false;
                match found {
                    Ok(found) if !found.is_empty() => duplicates.set(Some(found)),
                    _ => store.emit(()),
                }
            });
        })
    };
    // Discard: the explicit "abandon my edits" (spec C20), so it asks nothing.
    let discard = {
        let (dispatcher, on_discard) = (state.dispatcher(), props.on_discard.clone());
        Callback::from(move |()| {
            dispatcher.dispatch(FormAction::Discard);
            on_discard.emit(());
        })
    };
    // Closing the form otherwise (the breadcrumb, Esc) asks first when edits would be lost.
    let close = {
        let (state, guard, discard) = (state.clone(), guard.clone(), discard.clone());
        Callback::from(move |()| match &guard {
            Some(guard) => {
                guard.set_dirty(state.dirty());
                guard.run(discard.clone());
            }
            None => discard.emit(()),
        })
    };
    let onsubmit = {
        let save = save.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save.emit(());
        })
    };
    let onkeydown = {
        let (save, close) = (save.clone(), close.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() && e.key().eq_ignore_ascii_case("s") {
                e.prevent_default();
                save.emit(());
            } else if e.key() == "Escape" {
                close.emit(());
            }
        })
    };
    let on_edit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |edit: Edit| dispatcher.dispatch(FormAction::Edit(edit)))
    };
    let on_tag_created = {
        let lists = lists.clone();
        Callback::from(move |tag: ReferenceItem| {
            let mut next = (**lists).clone();
            if !next.tags.iter().any(|t| t.id == tag.id) {
                next.tags.push(tag);
            }
            lists.set(Rc::new(next));
        })
    };
    // Immediate changes: stored at once, shown at once, put back if refused.
    let immediate = |flip: fn(&FormState) -> (FormAction, FormAction, bool),
                     store: fn(String, bool) -> Stored| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(id) = state.id.clone() else {
                return;
            };
            let (now, undo, value) = flip(&state);
            state.dispatch(now);
            let (dispatcher, stored) = (state.dispatcher(), store(id, value));
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = stored.await {
                    dispatcher.dispatch(undo);
                    dispatcher.dispatch(FormAction::Failed(e));
                }
            });
        })
    };
    let toggle_favourite = immediate(
        |s| {
            (
                FormAction::Favourite(!s.favourite),
                FormAction::Favourite(s.favourite),
                !s.favourite,
            )
        },
        |id, on| -> Stored {
            Box::pin(async move {
                let args = SetFavouriteArgs { id, favourite: on };
                ipc::call::<SetFavourite>(&args).await
            })
        },
    );
    let toggle_archived = immediate(
        |s| {
            (
                FormAction::Archived(!s.archived),
                FormAction::Archived(s.archived),
                !s.archived,
            )
        },
        |id, on| -> Stored {
            Box::pin(async move {
                let args = SetArchivedArgs { id, archived: on };
                ipc::call::<SetArchived>(&args).await
            })
        },
    );
    let on_contacts = {
        let dispatcher = state.dispatcher();
        Callback::from(move |contacts: Vec<ContactEntry>| {
            dispatcher.dispatch(FormAction::Contacts(contacts))
        })
    };
    let on_posted = {
        let dispatcher = state.dispatcher();
        Callback::from(move |note: Note| dispatcher.dispatch(FormAction::NotePosted(note)))
    };
    let tab_button = |tab: FormTab, label: Text| {
        let selected = state.tab == tab;
        let onclick = {
            let dispatcher = state.dispatcher();
            Callback::from(move |_: MouseEvent| dispatcher.dispatch(FormAction::Tab(tab)))
        };
        html! {
            <button type="button" role="tab" class={classes!("tab", selected.then_some("active"))}
                aria-selected={selected.to_string()} {onclick}>{t(lang, label)}</button>
        }
    };

    if let Some(error) = &state.load_error {
        let back = props.on_discard.reform(|_: MouseEvent| ());
        return html! {
            <section class="customer-form-view">
                <p class="load-error" role="alert">{t(lang, Text::CouldNotLoadCustomer)}{": "}{&error.message}</p>
                <button type="button" onclick={back}>{t(lang, Text::Close)}</button>
            </section>
        };
    }
    if !state.loaded {
        return html! { <p class="loading">{t(lang, Text::Loading)}</p> };
    }
    let title = if state.id.is_none() {
        t(lang, Text::NewCustomer).to_owned()
    } else {
        state.original.name.clone()
    };
    let general_error = state
        .error
        .as_ref()
        .filter(|e| e.code != ErrorCode::Validation)
        .map(|e| format!("{}: {}", t(lang, Text::CouldNotSave), e.message));
    let (star, star_label) = if state.favourite {
        ("★", Text::UnmarkFavourite)
    } else {
        ("☆", Text::MarkFavourite)
    };
    // The UI offers only what the server accepts: private addresses with the permission,
    // Archive to managers or to the customer's own salesperson.
    let can_see_private = screen
        .as_ref()
        .map_or(*can_see_private, |c| c.permissions.private_addresses);
    let can_archive = screen.as_ref().is_some_and(|c| {
        c.permissions.archive_any_customer
            || (c.user_id.is_some() && state.original.salesperson_id == c.user_id)
    });
    let team = screen
        .as_ref()
        .map(|c| Rc::new(c.team.clone()))
        .unwrap_or_default();
    // Who merged, by display name (merge_notices.rs).
    let merge_team = team.clone();
    // history: a kept or restored value changed the record; show it (unless edited).
    let reread = {
        let (dispatcher, id) = (state.dispatcher(), state.id.clone());
        Callback::from(move |_: CustomerRow| {
            if let Some(id) = id.clone() {
                refresh(dispatcher.clone(), id);
            }
        })
    };
    // A merge or its undo changed this customer: read it again, and its merges.
    let merged = {
        let (dispatcher, id) = (state.dispatcher(), state.id.clone());
        let (merge_open, merges_refresh) = (merge_open.clone(), merges_refresh.clone());
        Callback::from(move |()| {
            merge_open.set(false);
            merges_refresh.set(merges_refresh.wrapping_add(1));
            if let Some(id) = id.clone() {
                refresh(dispatcher.clone(), id);
            }
        })
    };
    let tab_panel = match state.tab {
        FormTab::Contacts => html! {
            <ContactsTab customer_id={state.id.clone()} contacts={state.contacts.clone()}
                heads={state.record_heads.clone()} {can_see_private} on_change={on_contacts} />
        },
        FormTab::Sales => html! {
            <SalesTab draft={state.draft.clone()} error={state.error.clone()} lists={(*lists).clone()}
                on_edit={on_edit.clone()} />
        },
        FormTab::Notes => html! {
            <NotesTab customer_id={state.id.clone()} draft={state.draft.clone()} error={state.error.clone()}
                notes_log={state.notes_log.clone()} heads={state.record_heads.clone()}
                on_edit={on_edit.clone()} {on_posted} {team} />
        },
        FormTab::History => {
            // The merges with their Undo: on the merged customer's history, as on its form.
            let merges = match state.id.clone() {
                Some(id) => html! {
                    <MergeNotices customer_id={id} refresh={*merges_refresh}
                        on_open={props.on_open.clone()} on_undone={merged.clone()}
                        team={merge_team.clone()} in_history=true />
                },
                None => html! {},
            };
            html! {
                <HistoryTab customer_id={state.id.clone()} heads={state.heads.clone()}
                    on_restored={reread.clone()} lists={(*lists).clone()} {merges} />
            }
        }
    };
    html! {
        <section class="customer-form-view" ref={root} {onkeydown}>
            <form class={classes!("customer-form", state.dirty().then_some("dirty"))} {onsubmit}
                novalidate=true aria-label={title.clone()}>
                <div class="form-header">
                    <span class="breadcrumb">
                        <button type="button" class="breadcrumb-back" onclick={close.reform(|_: MouseEvent| ())}>
                            {t(lang, Text::Customers)}
                        </button>
                        {" / "}{title}
                    </span>
                    if state.archived {
                        <span class="badge archived">{t(lang, Text::ArchivedBadge)}</span>
                    }
                    <span class="spacer" />
                    <button type="submit" class="primary" disabled={state.saving}>{t(lang, Text::Save)}</button>
                    <button type="button" onclick={discard.reform(|_: MouseEvent| ())}>{t(lang, Text::Discard)}</button>
                    if state.id.is_some() && can_archive {
                        <button type="button" class="archive" onclick={toggle_archived}>
                            {t(lang, if state.archived { Text::Unarchive } else { Text::Archive })}
                        </button>
                    }
                    if state.id.is_some() {
                        <button type="button" class={classes!("favourite-toggle", state.favourite.then_some("on"))}
                            aria-label={t(lang, star_label)} title={t(lang, star_label)}
                            aria-pressed={state.favourite.to_string()} onclick={toggle_favourite}>{star}</button>
                    }
                    if state.id.is_some() {
                        <button type="button" class="merge-open" onclick={{
                            let merge_open = merge_open.clone();
                            move |_: MouseEvent| merge_open.set(true)
                        }}>{t(lang, Text::MergeButton)}</button>
                    }
                </div>
                if let Some(message) = general_error {
                    <p class="form-error" role="alert">{message}</p>
                }
                <FormConflicts customer_id={state.id.clone()} heads={state.heads.clone()}
                    on_kept={reread} lists={(*lists).clone()} />
                <ChangedBanner changed={state.changed_elsewhere.clone()} />
                // sales: the button box (sales, invoiced, amount due, purchases, new quotation).
                if let Some(id) = state.id.clone() {
                    <super::customer_account_buttons::AccountButtons customer_id={id}
                        customer_name={state.original.name.clone()} />
                }
                if let Some(id) = state.id.clone() {
                    <MergeNotices customer_id={id} refresh={*merges_refresh} on_open={props.on_open.clone()}
                        on_undone={merged.clone()} team={merge_team} />
                }
                <CustomerFields key={state.generation} draft={state.draft.clone()} error={state.error.clone()}
                    lists={(*lists).clone()} {on_edit} {on_tag_created} />
            </form>
            <div class="form-tabs" role="tablist">
                {tab_button(FormTab::Contacts, Text::TabContacts)}
                {tab_button(FormTab::Sales, Text::TabSales)}
                {tab_button(FormTab::Notes, Text::TabNotes)}
                if state.id.is_some() { {tab_button(FormTab::History, Text::TabHistory)} }
            </div>
            <div class="tab-panel" role="tabpanel" key={state.generation}>{tab_panel}</div>
            if let Some(candidates) = (*duplicates).clone() {
                <DuplicateWarning {candidates}
                    on_open={{
                        let (duplicates, on_open) = (duplicates.clone(), props.on_open.clone());
                        Callback::from(move |id| { duplicates.set(None); on_open.emit(id); })
                    }}
                    on_create_anyway={{
                        let (duplicates, store) = (duplicates.clone(), store.clone());
                        Callback::from(move |()| { duplicates.set(None); store.emit(()); })
                    }}
                    on_cancel={{
                        let duplicates = duplicates.clone();
                        Callback::from(move |()| duplicates.set(None))
                    }} />
            }
            if let (true, Some(id)) = (*merge_open, state.id.clone()) {
                <MergeDialog survivor={id} survivor_draft={state.original.clone()} on_merged={merged}
                    on_cancel={{
                        let merge_open = merge_open.clone();
                        Callback::from(move |()| merge_open.set(false))
                    }} />
            }
        </section>
    }
}
