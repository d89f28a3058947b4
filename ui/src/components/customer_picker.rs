//! Choosing the customer of a new quotation: a search box asking the replica's customer page as
//! the user types, and a list of the customers found to pick one from.

use clientele_model::commands::{CustomerPageArgs, GetCustomerPage};
use clientele_model::query::{CustomerQuery, CustomerRow};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::app::use_lang;
use super::sales_nav::CustomerFacet;
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct CustomerPickerProps {
    pub on_pick: Callback<CustomerFacet>,
}

#[component]
pub fn CustomerPicker(props: &CustomerPickerProps) -> Html {
    let lang = use_lang();
    let search = use_state(String::new);
    let found = use_state(Vec::<CustomerRow>::new);
    {
        let found = found.clone();
        use_effect_with((*search).clone(), move |search| {
            let query = ipc::dated(CustomerQuery {
                search: search.clone(),
                limit: 20,
                ..CustomerQuery::default()
            });
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(page) = ipc::call::<GetCustomerPage>(&CustomerPageArgs { query }).await {
                    found.set(page.rows);
                }
            });
        });
    }
    let on_search = {
        let search = search.clone();
        Callback::from(move |e: InputEvent| {
            search.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_choose = {
        let (found, on_pick) = (found.clone(), props.on_pick.clone());
        Callback::from(move |e: Event| {
            let id = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(row) = found.iter().find(|r| r.id == id) {
                on_pick.emit(CustomerFacet {
                    id: row.id.clone(),
                    name: row.name.clone(),
                });
            }
        })
    };
    html! {
        <span class="customer-picker">
            <input type="search" aria-label={t(lang, Text::SalesFindCustomer)}
                placeholder={t(lang, Text::SalesFindCustomer)} oninput={on_search} />
            <select aria-label={t(lang, Text::SalesChooseCustomer)} onchange={on_choose}>
                <option value="" selected=true>{t(lang, Text::SalesChooseCustomer)}</option>
                { for found.iter().map(|row| html! {
                    <option value={row.id.clone()}>{&row.name}</option>
                }) }
            </select>
        </span>
    }
}
