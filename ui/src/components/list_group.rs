//! One group of the grouped list: a collapsible header row with the group's name and count;
//! opened, it loads one page of the group's customers as a sortable table.

use clientele_model::query::SortKey;
use yew::prelude::*;

use super::app::use_lang;
use super::customer_list::CustomerList;
use super::group_page::{use_group_page, CustomerGroup};
use crate::i18n::format_count;
use crate::state::PAGE_SIZE;

#[derive(Properties, PartialEq)]
pub struct ListGroupProps {
    pub customers: CustomerGroup,
    pub on_sort: Callback<SortKey>,
    #[prop_or_default]
    pub on_open: Callback<String>,
}

#[component]
pub fn ListGroup(props: &ListGroupProps) -> Html {
    let lang = use_lang();
    let expanded = use_state(|| false);
    let group = &props.customers.group;
    let query = &props.customers.query;
    let page = use_group_page(&props.customers, PAGE_SIZE, *expanded);
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let label = props.customers.label(lang);
    let body = page.view(lang, |p| {
        html! {
            <CustomerList rows={p.rows.clone()} sort={query.sort}
                descending={query.descending} on_sort={props.on_sort.clone()}
                on_open={props.on_open.clone()} />
        }
    });
    html! {
        <section class="list-group" data-group={group.key.clone()}>
            <button type="button" class="list-group-head" aria-expanded={expanded.to_string()}
                onclick={toggle}>
                <span class="group-caret" aria-hidden="true">{if *expanded { "▾" } else { "▸" }}</span>
                <span class="group-name">{label}</span>
                <span class="group-count">{format!("({})", format_count(lang, group.count))}</span>
            </button>
            if *expanded { {body} }
        </section>
    }
}
