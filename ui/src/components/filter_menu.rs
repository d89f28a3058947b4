//! The Filters dropdown: the replica's ready-made filters (individuals/companies, archived, my
//! customers, favourites, activity overdue/today/planned, tag, salesperson, country) as toggles
//! and pickers, then the custom filter builder. Every choice becomes part of `CustomerFilter`.

use clientele_model::commands::ReferenceItem;
use clientele_model::query::{Condition, CustomerFilter};
use clientele_model::{ActivityState, CustomerKind};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::app::use_lang;
use super::dropdown::Dropdown;
use super::facets::ScreenShared;
use super::filter_builder::FilterBuilder;
use crate::i18n::{t, Text};

/// How a toggle changes the filter: set (true) or clear (false) its part.
type Change = Box<dyn Fn(&mut CustomerFilter, bool)>;

#[derive(Properties, PartialEq)]
pub struct FilterMenuProps {
    pub filter: CustomerFilter,
    pub on_change: Callback<CustomerFilter>,
}

#[component]
pub fn FilterMenu(props: &FilterMenuProps) -> Html {
    let lang = use_lang();
    let shared = use_context::<ScreenShared>();
    let context = shared.map(|s| s.context).unwrap_or_default();
    let country = use_state(|| props.filter.country.clone().unwrap_or_default());
    let filter = &props.filter;

    // One toggle: on when `is_on`, and clicking sets or clears through `change`.
    let toggle = |text: Text, is_on: bool, change: Change| {
        let on_change = props.on_change.clone();
        let filter = filter.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let mut next = filter.clone();
            change(&mut next, !is_on);
            on_change.emit(next);
        });
        html! {
            <button type="button" role="menuitemcheckbox" class={classes!("filter-option", is_on.then_some("on"))}
                aria-checked={is_on.to_string()} {onclick}>{t(lang, text)}</button>
        }
    };
    let kind = |k: CustomerKind, text| {
        toggle(
            text,
            filter.kind == Some(k),
            Box::new(move |f, on| f.kind = on.then_some(k)),
        )
    };
    let activity = |s: ActivityState, text| {
        toggle(
            text,
            filter.activity_state == Some(s),
            Box::new(move |f, on| f.activity_state = on.then_some(s)),
        )
    };
    let user = context.user_id.clone();
    let picker = |id: &'static str,
                  text: Text,
                  items: &[ReferenceItem],
                  chosen: &Option<String>,
                  set: fn(&mut CustomerFilter, Option<String>)| {
        let on_change = props.on_change.clone();
        let filter = filter.clone();
        let onchange = Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let mut next = filter.clone();
            set(&mut next, Some(value).filter(|v| !v.is_empty()));
            on_change.emit(next);
        });
        html! {
            <div class="filter-picker">
                <label for={id}>{t(lang, text)}</label>
                <select {id} {onchange}>
                    <option value="" selected={chosen.is_none()}>{t(lang, Text::AnyValue)}</option>
                    { for items.iter().map(|i| html! {
                        <option value={i.id.clone()} selected={chosen.as_ref() == Some(&i.id)}>{&i.name}</option>
                    }) }
                </select>
            </div>
        }
    };
    let on_country_input = {
        let country = country.clone();
        Callback::from(move |e: InputEvent| {
            country.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let apply_country = {
        let on_change = props.on_change.clone();
        let filter = filter.clone();
        let country = country.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut next = filter.clone();
            next.country = Some(country.trim().to_uppercase()).filter(|c| !c.is_empty());
            on_change.emit(next);
        })
    };
    let on_add = {
        let on_change = props.on_change.clone();
        let filter = filter.clone();
        Callback::from(move |condition: Condition| {
            let mut next = filter.clone();
            next.conditions.push(condition);
            on_change.emit(next);
        })
    };
    html! {
        <Dropdown label={t(lang, Text::FiltersMenu)} class="filter-menu">
            <div class="filter-options">
                {kind(CustomerKind::Individual, Text::FilterIndividuals)}
                {kind(CustomerKind::Company, Text::FilterCompanies)}
                <hr />
                {toggle(Text::FilterArchived, filter.archived == Some(true),
                    Box::new(|f, on| f.archived = on.then_some(true)))}
                if let Some(user) = user {
                    {toggle(Text::FilterMine, filter.salesperson_id.as_ref() == Some(&user),
                        { let user = user.clone(); Box::new(move |f, on| f.salesperson_id = on.then(|| user.clone())) })}
                    {toggle(Text::FilterFavourites, filter.favourites_of.as_ref() == Some(&user),
                        Box::new(move |f, on| f.favourites_of = on.then(|| user.clone())))}
                }
                <hr />
                {activity(ActivityState::Overdue, Text::StateOverdue)}
                {activity(ActivityState::Today, Text::StateToday)}
                {activity(ActivityState::Planned, Text::StatePlanned)}
                <hr />
                {toggle(Text::FilterHasConflicts, filter.has_conflicts,
                    Box::new(|f, on| f.has_conflicts = on))}
                <hr />
                {picker("filter-tag", Text::Tags, &context.tags, &filter.tag_id, |f, v| f.tag_id = v)}
                {picker("filter-salesperson", Text::Salesperson, &context.salespeople,
                    &filter.salesperson_id, |f, v| f.salesperson_id = v)}
                <form class="filter-picker" onsubmit={apply_country}>
                    <label for="filter-country">{t(lang, Text::Country)}</label>
                    <input id="filter-country" type="text" maxlength="2" placeholder="VN"
                        value={(*country).clone()} oninput={on_country_input} />
                    <button type="submit">{t(lang, Text::ApplyFilter)}</button>
                </form>
            </div>
            <FilterBuilder {on_add} />
        </Dropdown>
    }
}
