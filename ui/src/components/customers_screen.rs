//! The Customers screen: control panel (title, Create, search with facet chips, Filters, Group
//! By, Favorites, pager, kanban/list switch) and one page of customers as cards or a table, the
//! grouped columns or list groups, or the form when creating.

use clientele_model::commands::{
    CustomerPageArgs, GetCustomerPage, GetScreenContext, NoArgs, RecordsChanged, SavedSearch,
    ScreenContext,
};
use clientele_model::query::CustomerQuery;
use std::rc::Rc;
use yew::prelude::*;
use yew::Reducible;

use super::app::use_lang;
use super::facets::{facets, without, FacetKey, ScreenShared};
use super::{
    customer_form::CustomerForm, customer_list::CustomerList, filter_menu::FilterMenu,
    group_by_menu::GroupByMenu, grouped_view::GroupedView, saved_searches::SavedSearchesMenu,
    search_bar::SearchBar,
};
use crate::i18n::{format_count, t, Text};
use crate::ipc;
use crate::state::{CustomersAction, CustomersState, View};

#[component]
pub fn CustomersScreen() -> Html {
    let lang = use_lang();
    let state = use_reducer(CustomersState::default);
    // Bumped when the shell says records changed (a sync brought other reps' edits).
    let refresh = use_reducer(|| Refresh(0));
    // Who the user is and the lists the menus pick from; the screen works without them.
    let context = use_state(|| Rc::new(ScreenContext::default()));
    {
        let (context, dispatcher) = (context.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(loaded) = ipc::call::<GetScreenContext>(&NoArgs {}).await {
                    dispatcher.dispatch(CustomersAction::SetUser(loaded.user_id.clone()));
                    context.set(Rc::new(loaded));
                }
            });
        });
    }
    // unsent: a customer opened from elsewhere (a mention in the top bar) shows its form here.
    {
        let workspace = super::workspace::use_workspace();
        let dispatcher = state.dispatcher();
        let opening = workspace.as_ref().and_then(|w| w.opening.clone());
        let opened = workspace.map(|w| w.opened);
        use_effect_with(opening, move |opening| {
            if let (Some(request), Some(opened)) = (opening, opened) {
                dispatcher.dispatch(CustomersAction::OpenCustomer(request.customer_id.clone()));
                opened.emit(request.number);
            }
        });
    }
    let shared = ScreenShared {
        context: (*context).clone(),
        refresh: {
            let refresh = refresh.dispatcher();
            Callback::from(move |()| refresh.dispatch(()))
        },
    };
    {
        let refresh = refresh.dispatcher();
        use_effect_with((), move |_| {
            let listener = crate::events::listen::<RecordsChanged>(move |_| refresh.dispatch(()));
            move || drop(listener)
        });
    }

    // Ask the replica for the page whenever the query changes (or a reload is asked); the
    // reducer drops any answer that is not for the query in force by the time it arrives. A
    // keystroke's page was asked already, before its render (`on_search`): not asked twice.
    let asked_early = use_mut_ref(|| None::<Asked>);
    {
        let (dispatcher, asked_early) = (state.dispatcher(), asked_early.clone());
        let asked = (state.query.clone(), refresh.0, state.reload);
        use_effect_with(asked, move |asked| {
            if asked_early.borrow_mut().take().as_ref() != Some(asked) {
                ask_page(asked.0.clone(), dispatcher);
            }
        });
    }

    let action = |make: fn() -> CustomersAction| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(make()))
    };
    let open_form = action(|| CustomersAction::OpenCreateForm);
    let previous = action(|| CustomersAction::PreviousPage);
    let next = action(|| CustomersAction::NextPage);
    let kanban = action(|| CustomersAction::SetView(View::Kanban));
    let list = action(|| CustomersAction::SetView(View::List));
    // A keystroke's page query leaves before the screen renders the keystroke, so its round
    // trip overlaps that render (the UI benchmark's `search_repaint_ms`). The query is the
    // reducer's own answer to the keystroke; should the screen be behind (an action not yet
    // rendered), the render asks for its own query and this answer is dropped as stale.
    let on_search = {
        let (state, asked_early, refreshed) = (state.clone(), asked_early.clone(), refresh.0);
        Callback::from(move |text| {
            let action = CustomersAction::Search(text);
            let next = Rc::new((*state).clone()).reduce(action.clone());
            if next.query != state.query {
                *asked_early.borrow_mut() = Some((next.query.clone(), refreshed, next.reload));
                ask_page(next.query.clone(), state.dispatcher());
            }
            state.dispatch(action)
        })
    };
    let on_filter = {
        let state = state.clone();
        Callback::from(move |filter| state.dispatch(CustomersAction::SetFilter(filter)))
    };
    let on_group_by = {
        let state = state.clone();
        Callback::from(move |group_by| state.dispatch(CustomersAction::SetGroupBy(group_by)))
    };
    let on_remove = {
        let state = state.clone();
        Callback::from(move |key| match key {
            FacetKey::GroupBy => state.dispatch(CustomersAction::SetGroupBy(None)),
            key => state.dispatch(CustomersAction::SetFilter(without(
                &state.query.filter,
                key,
            ))),
        })
    };
    let on_apply = {
        let state = state.clone();
        Callback::from(move |saved| state.dispatch(CustomersAction::ApplySavedSearch(saved)))
    };
    // The same callback every render: the cards compare it, and a new one renders them all.
    let on_open = use_callback(state.dispatcher(), |id, dispatcher| {
        dispatcher.dispatch(CustomersAction::OpenCustomer(id))
    });
    let current = SavedSearch {
        search: state.query.search.clone(),
        filter: state.query.filter.clone(),
        group_by: state.group_by,
        ..SavedSearch::default()
    };
    let chips = facets(lang, &state.query.filter, state.group_by, &context);
    let on_sort = {
        let state = state.clone();
        Callback::from(move |key| state.dispatch(CustomersAction::SortBy(key)))
    };
    let on_saved = {
        let state = state.clone();
        Callback::from(move |row| state.dispatch(CustomersAction::Saved(row)))
    };
    let on_discard = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(CustomersAction::CloseForm))
    };

    // The form: empty to create, or the customer a card or row opened.
    let form_shown = state.form_open || state.opened.is_some();
    let cards = super::progressive::use_progressive(&state.rows, state.page);
    let body = if form_shown {
        html! { <CustomerForm customer_id={state.opened.clone()} {on_saved} {on_discard} on_open={on_open.clone()} /> }
    } else if let Some(error) = &state.load_error {
        html! { <p class="load-error" role="alert">{t(lang, Text::CouldNotLoad)}{": "}{&error.message}</p> }
    } else if !state.loaded {
        html! { <p class="loading">{t(lang, Text::Loading)}</p> }
    } else if let Some(group_by) = state.group_by {
        html! {
            <GroupedView query={state.query.clone()} {group_by} view={state.view}
                refresh={refresh.0.wrapping_add(state.reload)} on_sort={on_sort.clone()}
                on_open={on_open.clone()} />
        }
    } else if state.rows.is_empty() {
        let searching = !state.query.search.trim().is_empty()
            || state.query.filter != clientele_model::query::CustomerFilter::default();
        let hint = if !searching {
            Text::NoCustomers
        } else {
            Text::NoMatch
        };
        html! { <p class="empty">{t(lang, hint)}</p> }
    } else if state.view == View::List {
        html! {
            <CustomerList rows={(*state.rows).clone()} sort={state.query.sort}
                descending={state.query.descending} {on_sort} on_open={on_open.clone()} />
        }
    } else {
        // One component for the cards, so a render for anything else skips them all.
        html! { <super::card_page::CardPage {cards} on_open={on_open.clone()} /> }
    };

    let (first, last, total) = state.range();
    let pager_text = format!(
        "{}-{} / {}",
        format_count(lang, first),
        format_count(lang, last),
        format_count(lang, total)
    );
    let view_button =
        |view: View, text: Text, icon: &'static str, onclick: Callback<MouseEvent>| {
            let active = state.view == view;
            html! {
                <button type="button" class={classes!("view-button", active.then_some("active"))}
                    aria-label={t(lang, text)} title={t(lang, text)}
                    aria-pressed={active.to_string()} {onclick}>{icon}</button>
            }
        };

    html! {
        <ContextProvider<ScreenShared> context={shared}>
        <section class="customers">
            <div class="control-panel">
                <h1>{t(lang, Text::Customers)}</h1>
                if !form_shown {
                    <button class="primary" onclick={open_form}>{t(lang, Text::Create)}</button>
                    <SearchBar search={state.query.search.clone()} facets={chips}
                        {on_search} {on_remove} />
                    <FilterMenu filter={state.query.filter.clone()} on_change={on_filter} />
                    <GroupByMenu group_by={state.group_by} on_change={on_group_by} />
                    <super::sort_menu::SortMenu sort={state.query.sort} descending={state.query.descending}
                        on_change={{ let state = state.clone();
                            Callback::from(move |(key, descending)| state.dispatch(CustomersAction::SetSort(key, descending))) }} />
                    <SavedSearchesMenu {current} {on_apply} />
                    <span class="spacer" />
                    <nav class="pager" aria-label={t(lang, Text::Pager)} hidden={state.group_by.is_some()}>
                        <span class="pager-value">{pager_text}</span>
                        <button type="button" aria-label={t(lang, Text::PreviousPage)}
                            disabled={!state.has_previous()} onclick={previous}>{"‹"}</button>
                        <button type="button" aria-label={t(lang, Text::NextPage)}
                            disabled={!state.has_next()} onclick={next}>{"›"}</button>
                    </nav>
                    <span class="view-switch" role="group">
                        {view_button(View::Kanban, Text::Kanban, "▦", kanban)}
                        {view_button(View::List, Text::List, "☰", list)}
                    </span>
                }
            </div>
            {body}
        </section>
        </ContextProvider<ScreenShared>>
    }
}

/// A page asked of the replica: the query, and the refresh and reload counts it was asked at.
type Asked = (CustomerQuery, u32, u32);

/// Asks the replica for `query`'s page now; the answer goes to the reducer.
fn ask_page(query: CustomerQuery, dispatcher: UseReducerDispatcher<CustomersState>) {
    let answer = ipc::call_now::<GetCustomerPage>(&CustomerPageArgs {
        query: ipc::dated(query.clone()),
    });
    wasm_bindgen_futures::spawn_local(async move {
        let result = answer.await;
        dispatcher.dispatch(CustomersAction::Loaded {
            query: Box::new(query),
            result,
        });
    });
}

/// How many times the records changed under the screen.
#[derive(PartialEq)]
struct Refresh(u32);

impl Reducible for Refresh {
    type Action = ();

    fn reduce(self: std::rc::Rc<Self>, _: ()) -> std::rc::Rc<Self> {
        std::rc::Rc::new(Refresh(self.0.wrapping_add(1)))
    }
}
