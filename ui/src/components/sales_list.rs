//! A sales window's list (Quotations, Sales orders, Invoices, Payments, Products, Purchases):
//! control panel with the title, "New quotation", a search box (each keystroke asks the
//! `list_*` command again), the removable customer facet, the state filter, Group By and the
//! "1-80 / 1.234" pager; then one page of rows with their number (provisional ones muted,
//! "(tạm)"), customer, date, state and amount, or the folded groups (see sales_groups.rs).

use clientele_model::commands::SalesListQuery;
use clientele_model::sales::SalesGroupBy;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::app::use_lang;
use super::sales_groups::{SalesGroupByMenu, SalesGroups};
use super::sales_nav::{CustomerFacet, SalesView, SalesWindow};
use super::sales_table::{sales_answer, use_sales_page, SalesPager, SalesTable, PAGE_SIZE};
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
    // The first row of the page shown, and the grouping in force; a new search, state or
    // grouping starts again from the first row.
    let offset = use_state(|| 0u32);
    let group_by = use_state(|| None::<SalesGroupBy>);
    let for_customer = props.customer.clone();
    let states: Vec<String> = choices
        .get(*state_choice)
        .map(|(_, states)| states.iter().map(|s| (*s).to_owned()).collect())
        .unwrap_or_default();
    // The window's query before paging (the groups count over all of it).
    let query = SalesListQuery {
        search: (*search).clone(),
        customer_id: for_customer.as_ref().map(|f| f.id.clone()),
        states,
        ..SalesListQuery::default()
    };
    let page = use_sales_page(
        window,
        SalesListQuery {
            offset: *offset,
            limit: PAGE_SIZE,
            ..query.clone()
        },
        for_customer.clone(),
        group_by.is_none(),
    );
    let on_search = {
        let (search, offset) = (search.clone(), offset.clone());
        Callback::from(move |e: InputEvent| {
            search.set(e.target_unchecked_into::<HtmlInputElement>().value());
            offset.set(0);
        })
    };
    let on_state = {
        let (state_choice, offset) = (state_choice.clone(), offset.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            state_choice.set(value.parse().unwrap_or(0));
            offset.set(0);
        })
    };
    let on_group_by = {
        let (group_by, offset) = (group_by.clone(), offset.clone());
        Callback::from(move |by: Option<SalesGroupBy>| {
            group_by.set(by);
            offset.set(0);
        })
    };
    let on_page = {
        let offset = offset.clone();
        Callback::from(move |start: u32| offset.set(start))
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
    // The pager counts the ungrouped list (each unfolded group pages its own rows).
    let pager = match (&page, *group_by) {
        (Some(Ok((rows, total))), None) => html! {
            <SalesPager offset={*offset} shown={rows.len()} total={*total} on_page={on_page.clone()} />
        },
        _ => html! {},
    };
    let body = match (*group_by, page) {
        (Some(by), _) => html! {
            <SalesGroups {window} {query} group_by={by} facet={for_customer}
                on_open={props.on_open.clone()} />
        },
        (None, page) => sales_answer(
            lang,
            page.as_ref(),
            |(rows, _)| rows.is_empty(),
            |(rows, _)| html! { <SalesTable {window} rows={rows.clone()} on_open={props.on_open.clone()} /> },
        ),
    };
    html! {
        <section class={classes!("sales-window", format!("sales-{window:?}").to_lowercase())}>
            <div class="control-panel">
                <h1>{t(lang, window.title())}</h1>
                if window.has_orders() {
                    <button type="button" class="primary" onclick={new_quotation}>{t(lang, Text::SalesNewQuotation)}</button>
                }
                if let Some((label, view)) = window.new_record() {
                    <button type="button" class="primary" onclick={props.on_open.reform(move |_: MouseEvent| view.clone())}>{t(lang, label)}</button>
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
                <SalesGroupByMenu {window} group_by={*group_by} on_change={on_group_by} />
                <span class="spacer" />
                {pager}
            </div>
            {body}
        </section>
    }
}
