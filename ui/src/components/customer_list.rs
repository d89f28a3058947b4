//! The list view: one page of customers as a table; clicking a column header sorts by it, and
//! clicking it again reverses the order.

use clientele_model::query::{CustomerRow, SortKey};
use yew::prelude::*;

use super::app::use_lang;
use super::customer_card::phone_of;
use crate::i18n::{t, Text};

#[derive(Properties, PartialEq)]
pub struct CustomerListProps {
    pub rows: Vec<CustomerRow>,
    pub sort: SortKey,
    pub descending: bool,
    pub on_sort: Callback<SortKey>,
}

/// The columns: their sort key and header text.
const COLUMNS: [(SortKey, Text); 7] = [
    (SortKey::Name, Text::CustomerName),
    (SortKey::Company, Text::Company),
    (SortKey::Email, Text::Email),
    (SortKey::Phone, Text::Phone),
    (SortKey::City, Text::City),
    (SortKey::Country, Text::Country),
    (SortKey::Salesperson, Text::Salesperson),
];

#[component]
pub fn CustomerList(props: &CustomerListProps) -> Html {
    let lang = use_lang();
    let header = |(key, text): (SortKey, Text)| {
        let sorted = props.sort == key;
        let aria_sort = match (sorted, props.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let arrow = match (sorted, props.descending) {
            (false, _) => "",
            (true, false) => " ▲",
            (true, true) => " ▼",
        };
        let on_sort = props.on_sort.clone();
        html! {
            <th scope="col" aria-sort={aria_sort} data-sort={key.as_str()}>
                <button type="button" class="sort-header"
                    onclick={Callback::from(move |_: MouseEvent| on_sort.emit(key))}>
                    {t(lang, text)}{arrow}
                </button>
            </th>
        }
    };
    html! {
        <table class="customer-list" aria-label={t(lang, Text::Customers)}>
            <thead><tr>{ for COLUMNS.into_iter().map(header) }</tr></thead>
            <tbody>
                { for props.rows.iter().map(|c| html! {
                    <tr key={c.id.clone()} class="customer-row">
                        <td class="col-name">{&c.name}</td>
                        <td class="col-company">{&c.company}</td>
                        <td class="col-email">{&c.email}</td>
                        <td class="col-phone">{phone_of(c)}</td>
                        <td class="col-city">{&c.city}</td>
                        <td class="col-country">{&c.country}</td>
                        <td class="col-salesperson">{&c.salesperson}</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
