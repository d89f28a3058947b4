//! Hooks of grouped views: the group counts of a query, and one page of one group (the query
//! narrowed to the group), so a grouped view never holds more than a page per group.

use clientele_model::commands::{
    CustomerPageArgs, GetCustomerPage, GetGroupCounts, GroupCountsArgs,
};
use clientele_model::query::{CustomerPage, CustomerQuery, GroupBy, GroupCount};
use clientele_model::CommandError;
use yew::prelude::*;

use super::facets::group_filter;
use crate::ipc;

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

/// Loads the page at the current offset of the group `key` of `query`, when `enabled`.
#[hook]
pub fn use_group_page(
    query: &CustomerQuery,
    group_by: GroupBy,
    key: &str,
    limit: u32,
    enabled: bool,
    refresh: u32,
) -> GroupPage {
    let offset = use_state(|| 0_u32);
    let page = use_state(|| None);
    let asked = use_mut_ref(|| 0_u32);
    let narrowed = group_filter(&query.filter, group_by, key).map(|filter| CustomerQuery {
        filter,
        limit,
        offset: *offset,
        ..unpaged(query)
    });
    let browsable = narrowed.is_some();
    {
        let page = page.clone();
        use_effect_with(
            (narrowed, enabled, refresh),
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
