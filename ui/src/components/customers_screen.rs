//! The Customers screen: control panel (title, Create, search, pager, kanban/list switch) and one
//! page of customers as cards or a table, or the form when creating.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::use_lang;
use super::{
    customer_card::CustomerCard, customer_form::CustomerForm, customer_list::CustomerList,
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
    {
        let refresh = refresh.dispatcher();
        use_effect_with((), move |_| {
            let listener = crate::events::listen("records-changed", move |_| refresh.dispatch(()));
            move || drop(listener)
        });
    }

    // Ask the replica for the page whenever the query changes; the reducer drops any answer
    // that is not for the query in force by the time it arrives.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((state.query.clone(), refresh.0), move |(query, _)| {
            let query = query.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = ipc::customer_page(query.clone()).await;
                dispatcher.dispatch(CustomersAction::Loaded {
                    query: Box::new(query),
                    result,
                });
            });
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
    let on_search = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            state.dispatch(CustomersAction::Search(text));
        })
    };
    let on_sort = {
        let state = state.clone();
        Callback::from(move |key| state.dispatch(CustomersAction::SortBy(key)))
    };
    let on_saved = {
        let state = state.clone();
        Callback::from(move |customer| state.dispatch(CustomersAction::Created(customer)))
    };
    let on_discard = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(CustomersAction::CloseForm))
    };

    let body = if state.form_open {
        html! { <CustomerForm {on_saved} {on_discard} /> }
    } else if let Some(error) = &state.load_error {
        html! { <p class="load-error" role="alert">{t(lang, Text::CouldNotLoad)}{": "}{&error.message}</p> }
    } else if !state.loaded {
        html! { <p class="loading">{t(lang, Text::Loading)}</p> }
    } else if state.rows.is_empty() {
        let hint = if state.query.search.trim().is_empty() {
            Text::NoCustomers
        } else {
            Text::NoMatch
        };
        html! { <p class="empty">{t(lang, hint)}</p> }
    } else if state.view == View::List {
        html! {
            <CustomerList rows={state.rows.clone()} sort={state.query.sort}
                descending={state.query.descending} {on_sort} />
        }
    } else {
        html! {
            <div class="kanban" role="list" aria-label={t(lang, Text::Customers)}>
                { for state.rows.iter().map(|c| html! {
                    <div role="listitem" key={c.id.clone()}><CustomerCard customer={c.clone()} /></div>
                }) }
            </div>
        }
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
        <section class="customers">
            <div class="control-panel">
                <h1>{t(lang, Text::Customers)}</h1>
                if !state.form_open {
                    <button class="primary" onclick={open_form}>{t(lang, Text::Create)}</button>
                    <input type="search" class="search" aria-label={t(lang, Text::Search)}
                        placeholder={t(lang, Text::SearchPlaceholder)}
                        value={state.query.search.clone()} oninput={on_search} />
                    <span class="spacer" />
                    <nav class="pager" aria-label={t(lang, Text::Pager)}>
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
    }
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
