//! The grouped views: asks the replica how many customers fall in each group, then shows one
//! kanban column per group (with its count) or one collapsible list group per group.

use clientele_model::query::{CustomerQuery, GroupBy, GroupCount, SortKey};
use yew::prelude::*;

use super::app::use_lang;
use super::group_page::{use_group_counts, CustomerGroup};
use super::kanban_group::KanbanGroup;
use super::list_group::ListGroup;
use crate::i18n::{t, Text};
use crate::state::View;

#[derive(Properties, PartialEq)]
pub struct GroupedViewProps {
    pub query: CustomerQuery,
    pub group_by: GroupBy,
    pub view: View,
    pub refresh: u32,
    pub on_sort: Callback<SortKey>,
    #[prop_or_default]
    pub on_open: Callback<String>,
}

#[component]
pub fn GroupedView(props: &GroupedViewProps) -> Html {
    let lang = use_lang();
    let counts = use_group_counts(&props.query, props.group_by, props.refresh);
    let groups = match counts {
        None => return html! { <p class="loading">{t(lang, Text::Loading)}</p> },
        Some(Err(e)) => {
            return html! {
                <p class="load-error" role="alert">{t(lang, Text::CouldNotLoad)}{": "}{e.message}</p>
            }
        }
        Some(Ok(groups)) if groups.is_empty() => {
            return html! { <p class="empty">{t(lang, Text::NoMatch)}</p> }
        }
        Some(Ok(groups)) => groups,
    };
    // Each group keyed by the grouping and its key, so a column keeps its own page.
    let customers = |group: GroupCount| {
        let key = format!("{}:{}", props.group_by.as_str(), group.key);
        let customers = CustomerGroup {
            query: props.query.clone(),
            group_by: props.group_by,
            group,
            refresh: props.refresh,
        };
        (key, customers)
    };
    if props.view == View::List {
        html! {
            <div class="grouped-list" aria-label={t(lang, Text::Customers)}>
                { for groups.into_iter().map(customers).map(|(key, customers)| html! {
                    <ListGroup {key} {customers} on_sort={props.on_sort.clone()}
                        on_open={props.on_open.clone()} />
                }) }
            </div>
        }
    } else {
        html! {
            <div class="grouped-kanban" aria-label={t(lang, Text::Customers)}>
                { for groups.into_iter().map(customers).map(|(key, customers)| html! {
                    <KanbanGroup {key} {customers} on_open={props.on_open.clone()} />
                }) }
            </div>
        }
    }
}
