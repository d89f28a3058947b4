//! The Customers screen: control panel (title, Create) and the kanban of customer cards, or the
//! form when creating.

use yew::prelude::*;

use super::app::use_lang;
use super::{customer_card::CustomerCard, customer_form::CustomerForm};
use crate::i18n::{t, Text};
use crate::ipc;
use crate::state::{CustomersAction, CustomersState};

#[component]
pub fn CustomersScreen() -> Html {
    let lang = use_lang();
    let state = use_reducer(CustomersState::default);

    {
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                state.dispatch(CustomersAction::Loaded(ipc::list_customers().await));
            });
        });
    }

    let open_form = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(CustomersAction::OpenCreateForm))
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
    } else if state.customers.is_empty() {
        html! { <p class="empty">{t(lang, Text::NoCustomers)}</p> }
    } else {
        html! {
            <div class="kanban" role="list" aria-label={t(lang, Text::Customers)}>
                { for state.customers.iter().map(|c| html! {
                    <div role="listitem" key={c.id.clone()}><CustomerCard customer={c.clone()} /></div>
                }) }
            </div>
        }
    };

    html! {
        <section class="customers">
            <div class="control-panel">
                <h1>{t(lang, Text::Customers)}</h1>
                if !state.form_open {
                    <button class="primary" onclick={open_form}>{t(lang, Text::Create)}</button>
                }
            </div>
            {body}
        </section>
    }
}
