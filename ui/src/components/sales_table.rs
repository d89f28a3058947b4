//! One page of a sales window's rows: the table (number, customer, date, state, amount; a
//! click opens the row's record), the "1-80 / 1.234" pager with previous and next, and the
//! hook that asks the shell for a page (`list_*`) and its total (`count_sales`), keeping only
//! the answer to the latest query. The window's list and each unfolded group use them alike.

use clientele_model::commands::{CountSales, CountSalesArgs, SalesListQuery};
use clientele_model::sales::SalesClass;
use clientele_model::CommandError;
use yew::prelude::*;

use super::app::use_lang;
use super::sales_nav::{CustomerFacet, SalesView, SalesWindow};
use super::sales_rows::{headings, load_rows, number_html, SalesRow};
use crate::format::{format_amount, format_date};
use crate::i18n::{format_count, t, Text};
use crate::ipc;

/// Rows per page, as the Customers screen's pager (the ERP's 80).
pub use crate::state::PAGE_SIZE;

/// What a sales window shows for an answer from the shell: "loading" until it comes, the
/// refusal, "nothing" when `empty` says so, else `shown`. One place for the windows' list, its
/// groups, a group's rows and the customer's statement.
pub fn sales_answer<A>(
    lang: crate::i18n::Lang,
    answer: Option<&Result<A, CommandError>>,
    empty: impl FnOnce(&A) -> bool,
    shown: impl FnOnce(&A) -> Html,
) -> Html {
    match answer {
        None => html! { <p class="loading">{t(lang, Text::Loading)}</p> },
        Some(Err(error)) => html! {
            <p class="load-error" role="alert">{t(lang, Text::SalesCouldNotLoad)}{": "}{&error.message}</p>
        },
        Some(Ok(answer)) if empty(answer) => {
            html! { <p class="empty">{t(lang, Text::SalesNothing)}</p> }
        }
        Some(Ok(answer)) => shown(answer),
    }
}

/// A page of rows and how many records the query matches in all.
pub type SalesPage = (Vec<SalesRow>, u64);

/// The records a window lists (Quotations and Sales orders both list orders).
pub fn sales_class(window: SalesWindow) -> SalesClass {
    match window {
        SalesWindow::Quotations | SalesWindow::SalesOrders => SalesClass::Orders,
        SalesWindow::Invoices => SalesClass::Invoices,
        SalesWindow::Payments => SalesClass::Payments,
        SalesWindow::Products => SalesClass::Products,
        SalesWindow::Purchases => SalesClass::Purchases,
    }
}

/// Asks the shell for `window`'s page of rows for `query`, then for the query's total.
pub async fn load_page(
    window: SalesWindow,
    query: SalesListQuery,
    facet: Option<CustomerFacet>,
) -> Result<SalesPage, CommandError> {
    let count = CountSalesArgs {
        class: sales_class(window),
        query: query.clone(),
    };
    let rows = load_rows(window, query, facet).await?;
    let total = ipc::call::<CountSales>(&count).await?;
    Ok((rows, total))
}

/// The page `query` lists in `window` while `enabled` (asked again whenever the query
/// changes); `None` until the first answer. An answer to an older query is dropped, and the
/// previous page stays shown until the new one arrives.
#[hook]
pub fn use_sales_page(
    window: SalesWindow,
    query: SalesListQuery,
    facet: Option<CustomerFacet>,
    enabled: bool,
) -> Option<Result<SalesPage, CommandError>> {
    let answer = use_state(|| None::<Result<SalesPage, CommandError>>);
    let asked = use_mut_ref(|| 0u32);
    // A sync that brings records asks again (the rows shown stay until the answer).
    let arrived = crate::events::use_records_changed();
    {
        let (answer, asked) = (answer.clone(), asked.clone());
        use_effect_with(
            (window, query, facet, enabled, arrived),
            move |(window, query, facet, enabled, _)| {
                let number = {
                    let mut asked = asked.borrow_mut();
                    *asked = asked.wrapping_add(1);
                    *asked
                };
                if *enabled {
                    let (window, query, facet) = (*window, query.clone(), facet.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let page = load_page(window, query, facet).await;
                        if *asked.borrow() == number {
                            answer.set(Some(page));
                        }
                    });
                }
            },
        );
    }
    (*answer).clone()
}

#[derive(Properties, PartialEq)]
pub struct SalesTableProps {
    pub window: SalesWindow,
    pub rows: Vec<SalesRow>,
    /// Opens a row's record.
    pub on_open: Callback<SalesView>,
}

/// The rows as a table; a row that opens a record is clickable.
#[component]
pub fn SalesTable(props: &SalesTableProps) -> Html {
    let lang = use_lang();
    let open_customer = super::workspace::use_workspace().map(|w| w.open_customer);
    let [h_number, h_party, h_date, h_state, h_amount] = headings(props.window);
    // The customer (vendor) opens in one click from its name; the rest of the row opens the
    // record.
    let party = |row: &SalesRow| match (&row.party_id, &open_customer) {
        (Some(id), Some(open)) => {
            let (id, open) = (id.clone(), open.clone());
            let onclick = Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                open.emit(id.clone());
            });
            html! {
                <button type="button" class="link customer-link"
                    title={t(lang, Text::SalesOpenCustomer)} {onclick}>{&row.party}</button>
            }
        }
        _ => html! { {&row.party} },
    };
    html! {
        <table class="sales-table">
            <thead><tr>
                <th>{t(lang, h_number)}</th><th>{t(lang, h_party)}</th>
                <th>{t(lang, h_date)}</th><th>{t(lang, h_state)}</th>
                <th class="money">{t(lang, h_amount)}</th>
            </tr></thead>
            <tbody>
                { for props.rows.iter().map(|row| {
                    let onclick = row.opens.clone().map(|view| {
                        let on_open = props.on_open.clone();
                        Callback::from(move |_: MouseEvent| on_open.emit(view.clone()))
                    });
                    html! {
                        <tr key={row.id.clone()} class={classes!("sales-row", onclick.is_some().then_some("openable"))}
                            data-id={row.id.clone()} {onclick}>
                            <td>{number_html(lang, &row.number, row.provisional)}</td>
                            <td class="party">{party(row)}</td>
                            <td class="date">{format_date(lang, &row.date)}</td>
                            <td class="state">{row.state.map(|s| t(lang, s)).unwrap_or_default()}</td>
                            <td class="money">{row.amount.map(|a| format_amount(lang, a)).unwrap_or_default()}</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
pub struct SalesPagerProps {
    /// The first row shown, counted from 0 (the query's offset).
    pub offset: u32,
    /// How many rows the page shows.
    pub shown: usize,
    /// How many records the query matches.
    pub total: u64,
    /// Asks for the page starting at this offset.
    pub on_page: Callback<u32>,
}

/// "1-80 / 1.234" with previous and next, as the Customers screen's pager.
#[component]
pub fn SalesPager(props: &SalesPagerProps) -> Html {
    let lang = use_lang();
    let (first, last) = page_range(props.offset, props.shown);
    let text = format!(
        "{}-{} / {}",
        format_count(lang, first),
        format_count(lang, last),
        format_count(lang, props.total)
    );
    let offset = props.offset;
    let previous = props
        .on_page
        .reform(move |_: MouseEvent| offset.saturating_sub(PAGE_SIZE));
    let next = props
        .on_page
        .reform(move |_: MouseEvent| offset.saturating_add(PAGE_SIZE));
    let has_next = u64::from(offset) + u64::from(PAGE_SIZE) < props.total;
    html! {
        <nav class="pager sales-pager" aria-label={t(lang, Text::Pager)}>
            <span class="pager-value">{text}</span>
            <button type="button" aria-label={t(lang, Text::PreviousPage)}
                disabled={offset == 0} onclick={previous}>{"‹"}</button>
            <button type="button" aria-label={t(lang, Text::NextPage)}
                disabled={!has_next} onclick={next}>{"›"}</button>
        </nav>
    }
}

/// The first and last row numbers a page shows, counted from 1 (0-0 when it shows none).
pub fn page_range(offset: u32, shown: usize) -> (u64, u64) {
    if shown == 0 {
        (0, 0)
    } else {
        let first = u64::from(offset) + 1;
        (first, first + shown as u64 - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_shows_its_rows_counted_from_one() {
        assert_eq!(page_range(0, 80), (1, 80));
        assert_eq!(page_range(80, 3), (81, 83));
        assert_eq!(page_range(160, 0), (0, 0));
    }
}
