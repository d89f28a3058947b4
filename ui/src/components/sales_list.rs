//! A sales window's list (Quotations, Sales orders, Invoices, Payments, Products, Purchases):
//! control panel with the title, "New quotation", a search box (each keystroke asks the
//! `list_*` command again), the removable customer facet and the state filter; then the rows
//! with their number (provisional ones muted, "(tạm)"), customer, date, state and amount.

use clientele_model::commands::SalesListQuery;
use clientele_model::CommandError;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::app::use_lang;
use super::sales_nav::{CustomerFacet, SalesView, SalesWindow};
use super::sales_rows::{headings, load_rows, number_html, SalesRow};
use crate::format::{format_amount, format_date};
use crate::i18n::{t, Text};

#[derive(Properties, PartialEq)]
pub struct SalesListProps {
    pub window: SalesWindow,
    /// The customer the list is narrowed to (a removable facet).
    pub customer: Option<CustomerFacet>,
    /// Opened for a customer's count: show every state so the rows match the count.
    #[prop_or_default]
    pub all_states: bool,
    pub on_remove_customer: Callback<()>,
    /// Opens a row's record, or a new quotation.
    pub on_open: Callback<SalesView>,
}

#[component]
pub fn SalesList(props: &SalesListProps) -> Html {
    let lang = use_lang();
    let window = props.window;
    let choices = window.state_choices();
    let search = use_state(String::new);
    let state_choice = use_state(|| {
        if props.all_states {
            choices
                .iter()
                .position(|(_, states)| states.is_empty())
                .unwrap_or(0)
        } else {
            0
        }
    });
    let rows = use_state(|| None::<Result<Vec<SalesRow>, CommandError>>);
    // Only the answer to the latest query is shown.
    let asked = use_mut_ref(|| 0u32);
    {
        let (rows, asked) = (rows.clone(), asked.clone());
        let facet = props.customer.clone();
        let states: Vec<String> = choices
            .get(*state_choice)
            .map(|(_, states)| states.iter().map(|s| (*s).to_owned()).collect())
            .unwrap_or_default();
        let query = SalesListQuery {
            search: (*search).clone(),
            customer_id: facet.as_ref().map(|f| f.id.clone()),
            states,
            ..SalesListQuery::default()
        };
        use_effect_with(query, move |query| {
            let query = query.clone();
            let number = {
                let mut asked = asked.borrow_mut();
                *asked = asked.wrapping_add(1);
                *asked
            };
            wasm_bindgen_futures::spawn_local(async move {
                let answer = load_rows(window, query, facet).await;
                if *asked.borrow() == number {
                    rows.set(Some(answer));
                }
            });
        });
    }
    let on_search = {
        let search = search.clone();
        Callback::from(move |e: InputEvent| {
            search.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_state = {
        let state_choice = state_choice.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            state_choice.set(value.parse().unwrap_or(0));
        })
    };
    let new_quotation = {
        let (on_open, customer) = (props.on_open.clone(), props.customer.clone());
        Callback::from(move |_: MouseEvent| {
            on_open.emit(SalesView::Order {
                id: None,
                customer: customer.clone(),
            })
        })
    };
    let facet = props.customer.as_ref().map(|facet| {
        let remove = props.on_remove_customer.reform(|_: MouseEvent| ());
        html! {
            <span class="facet customer-facet">
                <span class="facet-label">{t(lang, Text::SalesCustomerFacet)}{": "}</span>
                <span class="facet-value">{&facet.name}</span>
                <button type="button" class="facet-remove" aria-label={t(lang, Text::RemoveFacet)}
                    onclick={remove}>{"×"}</button>
            </span>
        }
    });
    let [h_number, h_party, h_date, h_state, h_amount] = headings(window);
    let body = match &*rows {
        None => html! { <p class="loading">{t(lang, Text::Loading)}</p> },
        Some(Err(error)) => html! {
            <p class="load-error" role="alert">{t(lang, Text::SalesCouldNotLoad)}{": "}{&error.message}</p>
        },
        Some(Ok(list)) if list.is_empty() => {
            html! { <p class="empty">{t(lang, Text::SalesNothing)}</p> }
        }
        Some(Ok(list)) => html! {
            <table class="sales-table">
                <thead><tr>
                    <th>{t(lang, h_number)}</th><th>{t(lang, h_party)}</th>
                    <th>{t(lang, h_date)}</th><th>{t(lang, h_state)}</th>
                    <th class="money">{t(lang, h_amount)}</th>
                </tr></thead>
                <tbody>
                    { for list.iter().map(|row| {
                        let onclick = row.opens.clone().map(|view| {
                            let on_open = props.on_open.clone();
                            Callback::from(move |_: MouseEvent| on_open.emit(view.clone()))
                        });
                        html! {
                            <tr key={row.id.clone()} class={classes!("sales-row", onclick.is_some().then_some("openable"))}
                                data-id={row.id.clone()} {onclick}>
                                <td>{number_html(lang, &row.number, row.provisional)}</td>
                                <td class="party">{&row.party}</td>
                                <td class="date">{format_date(lang, &row.date)}</td>
                                <td class="state">{row.state.map(|s| t(lang, s)).unwrap_or_default()}</td>
                                <td class="money">{row.amount.map(|a| format_amount(lang, a)).unwrap_or_default()}</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        },
    };
    html! {
        <section class={classes!("sales-window", format!("sales-{window:?}").to_lowercase())}>
            <div class="control-panel">
                <h1>{t(lang, window.title())}</h1>
                if window.has_orders() {
                    <button type="button" class="primary" onclick={new_quotation}>{t(lang, Text::SalesNewQuotation)}</button>
                }
                <span class="search-box">
                    {facet}
                    <input type="search" aria-label={t(lang, Text::Search)} value={(*search).clone()}
                        placeholder={t(lang, Text::Search)} oninput={on_search} />
                </span>
                if !choices.is_empty() {
                    <label class="state-filter">
                        {t(lang, Text::SalesStateFilter)}{" "}
                        <select aria-label={t(lang, Text::SalesStateFilter)} onchange={on_state}>
                            { for choices.iter().enumerate().map(|(i, (label, _))| html! {
                                <option value={i.to_string()} selected={i == *state_choice}>{t(lang, *label)}</option>
                            }) }
                        </select>
                    </label>
                }
            </div>
            {body}
        </section>
    }
}
