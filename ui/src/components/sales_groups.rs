//! Group By in a sales window, as on the Customers screen: the dropdown of the groupings the
//! window's records have (customer or vendor, state, month, salesperson), the groups the
//! shell counts (`group_sales`), folded, each with its count and total; a click unfolds a
//! group's rows, a page at a time (the list query narrowed to the group).

use clientele_model::commands::{GroupSales, GroupSalesArgs, SalesListQuery};
use clientele_model::sales::{
    InvoiceState, OrderState, PurchaseState, SalesGroup, SalesGroupBy, SalesGroupKey,
};
use clientele_model::CommandError;
use yew::prelude::*;

use super::app::use_lang;
use super::dropdown::{use_close_dropdown, Dropdown};
use super::sales_nav::{CustomerFacet, SalesView, SalesWindow};
use super::sales_rows::{invoice_state_text, order_state_text};
use super::sales_table::{
    sales_answer, sales_class, use_sales_page, SalesPager, SalesTable, PAGE_SIZE,
};
use crate::format::format_amount;
use crate::i18n::{format_count, t, Lang, Text};
use crate::ipc;

/// The words of a grouping in `window` (a purchase's customer is its vendor).
pub fn grouping_text(window: SalesWindow, by: SalesGroupBy) -> Text {
    match by {
        SalesGroupBy::Customer if window == SalesWindow::Purchases => Text::SalesGroupVendor,
        SalesGroupBy::Customer => Text::SalesGroupCustomer,
        SalesGroupBy::State => Text::SalesGroupState,
        SalesGroupBy::Month => Text::SalesGroupMonth,
        SalesGroupBy::Salesperson => Text::SalesGroupSalesperson,
    }
}

/// The words of a stored state in `window`, if it is one of its records' states.
fn state_text(window: SalesWindow, state: &str) -> Option<Text> {
    match window {
        SalesWindow::Quotations | SalesWindow::SalesOrders => {
            OrderState::parse(state).map(order_state_text)
        }
        SalesWindow::Invoices => InvoiceState::parse(state).map(invoice_state_text),
        SalesWindow::Payments => match state {
            "posted" => Some(Text::SalesStateRegistered),
            "cancelled" => Some(Text::SalesStateCancelled),
            _ => None,
        },
        SalesWindow::Purchases => PurchaseState::parse(state).map(|s| match s {
            PurchaseState::Draft => Text::SalesStateRfq,
            PurchaseState::Purchase => Text::SalesStatePurchase,
            PurchaseState::Cancelled => Text::SalesStateCancelled,
        }),
        SalesWindow::Products => None,
    }
}

/// A group's name as the window shows it: a state in words, a month `MM/yyyy`, a customer's
/// or salesperson's name, "None" for the records without one.
pub fn group_label(
    lang: Lang,
    window: SalesWindow,
    by: SalesGroupBy,
    group: &SalesGroup,
) -> String {
    if group.key.is_empty() {
        return t(lang, Text::SalesGroupNone).to_owned();
    }
    match by {
        SalesGroupBy::State => state_text(window, &group.key)
            .map(|text| t(lang, text).to_owned())
            .unwrap_or_else(|| group.key.clone()),
        SalesGroupBy::Month => match group.key.split_once('-') {
            Some((year, month)) => format!("{month}/{year}"),
            None => group.key.clone(),
        },
        SalesGroupBy::Customer | SalesGroupBy::Salesperson if group.label.is_empty() => {
            group.key.clone()
        }
        SalesGroupBy::Customer | SalesGroupBy::Salesperson => group.label.clone(),
    }
}

#[derive(Properties, PartialEq)]
pub struct SalesGroupByMenuProps {
    pub window: SalesWindow,
    pub group_by: Option<SalesGroupBy>,
    pub on_change: Callback<Option<SalesGroupBy>>,
}

#[derive(Properties, PartialEq)]
struct EntryProps {
    window: SalesWindow,
    by: SalesGroupBy,
    chosen: bool,
    on_change: Callback<Option<SalesGroupBy>>,
}

/// One grouping; choosing the one in force stops grouping. Closes the menu.
#[component]
fn GroupingEntry(props: &EntryProps) -> Html {
    let lang = use_lang();
    let close = use_close_dropdown();
    let onclick = {
        let (by, chosen, on_change) = (props.by, props.chosen, props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            on_change.emit((!chosen).then_some(by));
            close.emit(());
        })
    };
    html! {
        <button type="button" role="menuitemradio" data-group={props.by.as_str()}
            class={classes!("group-option", props.chosen.then_some("on"))}
            aria-checked={props.chosen.to_string()} {onclick}>
            {t(lang, grouping_text(props.window, props.by))}
        </button>
    }
}

/// The window's Group By dropdown; nothing for a window whose records do not group.
#[component]
pub fn SalesGroupByMenu(props: &SalesGroupByMenuProps) -> Html {
    let lang = use_lang();
    let fields = sales_class(props.window).group_fields();
    if fields.is_empty() {
        return html! {};
    }
    html! {
        <Dropdown label={t(lang, Text::SalesGroupByMenu)} class="group-by-menu">
            { for fields.iter().map(|&by| html! {
                <GroupingEntry window={props.window} {by} chosen={props.group_by == Some(by)}
                    on_change={props.on_change.clone()} />
            }) }
        </Dropdown>
    }
}

#[derive(Properties, PartialEq)]
pub struct SalesGroupsProps {
    pub window: SalesWindow,
    /// The window's query (search, customer, states), from its first row.
    pub query: SalesListQuery,
    pub group_by: SalesGroupBy,
    pub facet: Option<CustomerFacet>,
    pub on_open: Callback<SalesView>,
}

/// The groups of the window's query, folded, largest (or newest month) first.
#[component]
pub fn SalesGroups(props: &SalesGroupsProps) -> Html {
    let lang = use_lang();
    let groups = use_state(|| None::<Result<Vec<SalesGroup>, CommandError>>);
    let asked = use_mut_ref(|| 0u32);
    {
        let (groups, asked) = (groups.clone(), asked.clone());
        let args = GroupSalesArgs {
            class: sales_class(props.window),
            query: props.query.clone(),
            group_by: props.group_by,
        };
        // A sync that brings records counts again.
        let arrived = crate::events::use_records_changed();
        use_effect_with((args, arrived), move |(args, _)| {
            let number = {
                let mut asked = asked.borrow_mut();
                *asked = asked.wrapping_add(1);
                *asked
            };
            let args = args.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let answer = ipc::call::<GroupSales>(&args).await;
                if *asked.borrow() == number {
                    groups.set(Some(answer));
                }
            });
        });
    }
    sales_answer(lang, groups.as_ref(), Vec::is_empty, |list| {
        html! {
            <div class="grouped-list sales-groups" aria-label={t(lang, Text::SalesGroups)}>
                { for list.iter().map(|group| html! {
                    <SalesGroupRows key={format!("{}:{}", props.group_by.as_str(), group.key)}
                        window={props.window} query={props.query.clone()} by={props.group_by}
                        group={group.clone()} facet={props.facet.clone()}
                        on_open={props.on_open.clone()} />
                }) }
            </div>
        }
    })
}

#[derive(Properties, PartialEq)]
struct SalesGroupRowsProps {
    window: SalesWindow,
    query: SalesListQuery,
    by: SalesGroupBy,
    group: SalesGroup,
    facet: Option<CustomerFacet>,
    on_open: Callback<SalesView>,
}

/// One group: its header (name, count, total) and, unfolded, a page of its rows.
#[component]
fn SalesGroupRows(props: &SalesGroupRowsProps) -> Html {
    let lang = use_lang();
    let expanded = use_state(|| false);
    let offset = use_state(|| 0u32);
    let query = SalesListQuery {
        group: Some(SalesGroupKey {
            by: props.by,
            key: props.group.key.clone(),
        }),
        offset: *offset,
        limit: PAGE_SIZE,
        ..props.query.clone()
    };
    let page = use_sales_page(props.window, query, props.facet.clone(), *expanded);
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let on_page = {
        let offset = offset.clone();
        Callback::from(move |start: u32| offset.set(start))
    };
    let group = &props.group;
    // A group is never empty (it counts what it lists), so no "nothing" here.
    let body = sales_answer(
        lang,
        page.as_ref(),
        |_| false,
        |(rows, total)| {
            let total = *total;
            html! {
                <>
                    if total > u64::from(PAGE_SIZE) {
                        <SalesPager offset={*offset} shown={rows.len()} {total} {on_page} />
                    }
                    <SalesTable window={props.window} rows={rows.clone()} on_open={props.on_open.clone()} />
                </>
            }
        },
    );
    html! {
        <section class="list-group sales-group" data-group={group.key.clone()}>
            <button type="button" class="list-group-head" aria-expanded={expanded.to_string()}
                onclick={toggle}>
                <span class="group-caret" aria-hidden="true">{if *expanded { "▾" } else { "▸" }}</span>
                <span class="group-name">{group_label(lang, props.window, props.by, group)}</span>
                <span class="group-count">{format!("({})", format_count(lang, group.count))}</span>
                <span class="group-total money" title={t(lang, Text::SalesGroupTotal)}>
                    {format_amount(lang, group.total)}
                </span>
            </button>
            if *expanded { {body} }
        </section>
    }
}
