//! Hooks of grouped views: the group counts of a query, and one page of one group (the query
//! narrowed to the group), so a grouped view never holds more than a page per group. A kanban
//! column and a list group are given the same `CustomerGroup` and show its name, its loading and
//! its refusals alike; only how they lay out the rows differs.

use clientele_model::commands::{
    CustomerPageArgs, GetCustomerPage, GetGroupCounts, GroupCountsArgs,
};
use clientele_model::query::{CustomerPage, CustomerQuery, GroupBy, GroupCount};
use clientele_model::CommandError;
use yew::prelude::*;

use super::facets::group_filter;
use crate::i18n::{t, Lang, Text};
use crate::ipc;

/// The customers of one group, as the grouped view hands them to a kanban column or a list
/// group: the screen's query, its grouping, the group (key, name, count), and the counter that
/// reloads the group after a change.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerGroup {
    pub query: CustomerQuery,
    pub group_by: GroupBy,
    pub group: GroupCount,
    pub refresh: u32,
}

impl CustomerGroup {
    /// The group's name, or "None" for the group without a value.
    pub fn label(&self, lang: Lang) -> String {
        let group = &self.group;
        if group.key.is_empty() && group.label.is_empty() {
            t(lang, Text::GroupNone).to_owned()
        } else {
            group.label.clone()
        }
    }
}

/// The query without its paging (groups do their own).
fn unpaged(query: &CustomerQuery) -> CustomerQuery {
    CustomerQuery {
        offset: 0,
        after: None,
        ..query.clone()
    }
}

/// Numbers a new question; an answer is used only if its number is still the latest.
fn latest(asked: &std::rc::Rc<std::cell::RefCell<u32>>) -> u32 {
    let mut number = asked.borrow_mut();
    *number = number.wrapping_add(1);
    *number
}

/// The counts per group of `query`, reloaded when it, the grouping or `refresh` changes.
#[hook]
pub fn use_group_counts(
    query: &CustomerQuery,
    group_by: GroupBy,
    refresh: u32,
) -> Option<Result<Vec<GroupCount>, CommandError>> {
    let counts = use_state(|| None);
    let asked = use_mut_ref(|| 0_u32);
    {
        let counts = counts.clone();
        use_effect_with(
            (unpaged(query), group_by, refresh),
            move |(query, group_by, _)| {
                let (query, group_by) = (query.clone(), *group_by);
                let ticket = latest(&asked);
                wasm_bindgen_futures::spawn_local(async move {
                    let args = GroupCountsArgs {
                        query: ipc::dated(query),
                        group_by,
                    };
                    let answer = ipc::call::<GetGroupCounts>(&args).await;
                    // Only the answer to the latest question counts.
                    if *asked.borrow() == ticket {
                        counts.set(Some(answer));
                    }
                });
            },
        );
    }
    (*counts).clone()
}

/// One group's page: `None` while loading or when the group cannot be singled out (then the
/// `browsable` is false).
pub struct GroupPage {
    pub page: Option<Result<CustomerPage, CommandError>>,
    pub browsable: bool,
    pub offset: u32,
    pub set_offset: Callback<u32>,
}

impl GroupPage {
    /// The page's `rows` once loaded; before, what stands in their place: a note when the group
    /// cannot be singled out, "Loading…", or the refusal.
    pub fn view(&self, lang: Lang, rows: impl FnOnce(&CustomerPage) -> Html) -> Html {
        match (&self.page, self.browsable) {
            (_, false) => html! { <p class="group-note">{t(lang, Text::GroupCountOnly)}</p> },
            (None, true) => html! { <p class="loading">{t(lang, Text::Loading)}</p> },
            (Some(Err(e)), true) => html! { <p class="load-error" role="alert">{&e.message}</p> },
            (Some(Ok(page)), true) => rows(page),
        }
    }
}

/// Loads `limit` rows at the current offset of `customers`' group, when `enabled`.
#[hook]
pub fn use_group_page(customers: &CustomerGroup, limit: u32, enabled: bool) -> GroupPage {
    let offset = use_state(|| 0_u32);
    let page = use_state(|| None);
    let asked = use_mut_ref(|| 0_u32);
    let CustomerGroup {
        query,
        group_by,
        group,
        refresh,
    } = customers;
    let narrowed = group_filter(&query.filter, *group_by, &group.key).map(|filter| CustomerQuery {
        filter,
        limit,
        offset: *offset,
        ..unpaged(query)
    });
    let browsable = narrowed.is_some();
    {
        let page = page.clone();
        use_effect_with(
            (narrowed, enabled, *refresh),
            move |(narrowed, enabled, _)| {
                if let (Some(query), true) = (narrowed.clone(), *enabled) {
                    let ticket = latest(&asked);
                    wasm_bindgen_futures::spawn_local(async move {
                        let args = CustomerPageArgs {
                            query: ipc::dated(query),
                        };
                        let answer = ipc::call::<GetCustomerPage>(&args).await;
                        if *asked.borrow() == ticket {
                            page.set(Some(answer));
                        }
                    });
                }
            },
        );
    }
    let set_offset = {
        let offset = offset.clone();
        Callback::from(move |o| offset.set(o))
    };
    GroupPage {
        page: (*page).clone(),
        browsable,
        offset: *offset,
        set_offset,
    }
}
