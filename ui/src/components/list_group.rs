//! One group of the grouped list: a collapsible header row with the group's name and count;
//! opened, it loads one page of the group's customers as a sortable table.

use clientele_model::query::{CustomerQuery, GroupBy, GroupCount, SortKey};
use yew::prelude::*;

use super::app::use_lang;
use super::customer_list::CustomerList;
use super::group_page::use_group_page;
use super::kanban_group::group_label;
use crate::i18n::{format_count, t, Text};
use crate::state::PAGE_SIZE;

#[derive(Properties, PartialEq)]
pub struct ListGroupProps {
    pub query: CustomerQuery,
    pub group_by: GroupBy,
    pub group: GroupCount,
    pub refresh: u32,
    pub on_sort: Callback<SortKey>,
    #[prop_or_default]
    pub on_open: Callback<String>,
}

#[component]
pub fn ListGroup(props: &ListGroupProps) -> Html {
    let lang = use_lang();
    let expanded = use_state(|| false);
    let group = &props.group;
    let page = use_group_page(
        &props.query,
        props.group_by,
        &group.key,
        PAGE_SIZE,
        *expanded,
        props.refresh,
    );
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let label = group_label(lang, group);
    let body = match (&page.page, page.browsable) {
        (_, false) => html! { <p class="group-note">{t(lang, Text::GroupCountOnly)}</p> },
        (None, true) => html! { <p class="loading">{t(lang, Text::Loading)}</p> },
        (Some(Err(e)), true) => html! { <p class="load-error" role="alert">{&e.message}</p> },
        (Some(Ok(p)), true) => html! {
            <CustomerList rows={p.rows.clone()} sort={props.query.sort}
                descending={props.query.descending} on_sort={props.on_sort.clone()}
                on_open={props.on_open.clone()} />
        },
    };
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
