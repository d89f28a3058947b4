//! The Customers screen's sort choice (kanban and list alike): by name, or by last updated,
//! newest first (spec C6: what colleagues changed lately comes to the top). The list's column
//! headers still sort by any column.

use clientele_model::query::SortKey;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::app::use_lang;
use crate::i18n::{t, Text};

#[derive(Properties, PartialEq)]
pub struct SortMenuProps {
    pub sort: SortKey,
    pub descending: bool,
    /// The sort chosen: its key and whether newest (or Z) first.
    pub on_change: Callback<(SortKey, bool)>,
}

#[component]
pub fn SortMenu(props: &SortMenuProps) -> Html {
    let lang = use_lang();
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            match e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .as_str()
            {
                "updated_at" => on_change.emit((SortKey::UpdatedAt, true)),
                _ => on_change.emit((SortKey::Name, false)),
            }
        })
    };
    let updated = props.sort == SortKey::UpdatedAt;
    // Another column (from a list header) shows as neither choice.
    let other = !updated && props.sort != SortKey::Name;
    html! {
        <label class="sort-menu">
            {t(lang, Text::SortLabel)}{" "}
            <select id="customer-sort" {onchange}>
                if other { <option value="" selected=true>{"—"}</option> }
                <option value="name" selected={props.sort == SortKey::Name}>{t(lang, Text::SortByName)}</option>
                <option value="updated_at" selected={updated}>{t(lang, Text::SortByUpdated)}</option>
            </select>
        </label>
    }
}
