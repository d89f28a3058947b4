//! The Group By dropdown: one entry per grouping the replica counts (salesperson, company,
//! country, tag, kind, language, activity state); choosing the grouping in force again stops
//! grouping.

use clientele_model::query::GroupBy;
use yew::prelude::*;

use super::app::use_lang;
use super::dropdown::{use_close_dropdown, Dropdown};
use super::facets::group_text;
use crate::i18n::{t, Text};

#[derive(Properties, PartialEq)]
pub struct GroupByMenuProps {
    pub group_by: Option<GroupBy>,
    pub on_change: Callback<Option<GroupBy>>,
}

#[derive(Properties, PartialEq)]
struct EntryProps {
    group: GroupBy,
    chosen: bool,
    on_change: Callback<Option<GroupBy>>,
}

/// One grouping; closes the menu when chosen.
#[component]
fn GroupEntry(props: &EntryProps) -> Html {
    let lang = use_lang();
    let close = use_close_dropdown();
    let onclick = {
        let (group, chosen) = (props.group, props.chosen);
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| {
            on_change.emit((!chosen).then_some(group));
            close.emit(());
        })
    };
    html! {
        <button type="button" role="menuitemradio" data-group={props.group.as_str()}
            class={classes!("group-option", props.chosen.then_some("on"))}
            aria-checked={props.chosen.to_string()} {onclick}>{t(lang, group_text(props.group))}</button>
    }
}

#[component]
pub fn GroupByMenu(props: &GroupByMenuProps) -> Html {
    let lang = use_lang();
    html! {
        <Dropdown label={t(lang, Text::GroupByMenu)} class="group-by-menu">
            { for GroupBy::ALL.into_iter().map(|group| html! {
                <GroupEntry {group} chosen={props.group_by == Some(group)}
                    on_change={props.on_change.clone()} />
            }) }
        </Dropdown>
    }
}
