//! One customer's kanban card: initials, name, company, email, phone, place, tags as coloured
//! chips, the activity clock coloured by its state, and the favourite star.

use clientele_model::customer::initials;
use clientele_model::query::{CustomerRow, TagChip};
use clientele_model::{ActivityState, CustomerKind};
use yew::prelude::*;

use super::app::use_lang;
use crate::i18n::{t, Lang, Text};

#[derive(Properties, PartialEq)]
pub struct CustomerCardProps {
    pub customer: CustomerRow,
}

/// The twelve tag colours (`TagChip.color` 0..11), as chip background and text.
const PALETTE: [(&str, &str); 12] = [
    ("#e5e7eb", "#374151"),
    ("#fde2e1", "#9b1c1c"),
    ("#fdebd3", "#9a3412"),
    ("#fef3c7", "#854d0e"),
    ("#dbeafe", "#1e40af"),
    ("#ede9fe", "#5b21b6"),
    ("#fce7f3", "#9d174d"),
    ("#d1fae5", "#065f46"),
    ("#e0e7ff", "#3730a3"),
    ("#cffafe", "#155e75"),
    ("#e3f1f1", "#0f6e74"),
    ("#f3e8ff", "#6b21a8"),
];

/// A tag as a chip in its colour.
pub fn tag_chip(tag: &TagChip) -> Html {
    let (background, color) = PALETTE[usize::from(tag.color) % PALETTE.len()];
    html! {
        <span class={classes!("tag-chip", format!("tag-color-{}", tag.color % 12))}
            style={format!("background:{background};color:{color}")}>{&tag.name}</span>
    }
}

/// The clock's class and spoken name for an activity state.
pub fn activity_clock(lang: Lang, state: ActivityState, open: u32) -> Html {
    let (class, label) = match state {
        ActivityState::Overdue => ("overdue", Text::ActivityOverdue),
        ActivityState::Today => ("today", Text::ActivityToday),
        ActivityState::Planned => ("planned", Text::ActivityPlanned),
        ActivityState::None => ("none", Text::ActivityNone),
    };
    html! {
        <span class={classes!("activity-clock", class)} role="img" aria-label={t(lang, label)}
            title={t(lang, label)}>
            // A drawn clock: the emoji is missing from many Linux fonts.
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5" />
                <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" stroke-width="1.5"
                    stroke-linecap="round" />
            </svg>
            if open > 0 { <span class="activity-count">{open}</span> }
        </span>
    }
}

/// The phone shown for a customer: the phone, else the mobile.
pub fn phone_of(customer: &CustomerRow) -> &str {
    if customer.phone.is_empty() {
        &customer.mobile
    } else {
        &customer.phone
    }
}

/// "City, Country" with whichever parts are known.
fn place_of(customer: &CustomerRow) -> String {
    [customer.city.as_str(), customer.country.as_str()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn CustomerCard(props: &CustomerCardProps) -> Html {
    let lang = use_lang();
    let customer = &props.customer;
    let kind_class = match customer.kind {
        CustomerKind::Company => "company",
        CustomerKind::Individual => "individual",
    };
    let phone = phone_of(customer);
    let place = place_of(customer);
    let (star, star_label) = if customer.favourite {
        ("★", Text::Favourite)
    } else {
        ("☆", Text::NotFavourite)
    };
    html! {
        <article class={classes!("customer-card", kind_class)} aria-label={customer.name.clone()}>
            <div class="avatar" aria-hidden="true">{initials(&customer.name)}</div>
            <div class="card-body">
                <h3 class="card-name">{&customer.name}</h3>
                if !customer.company.is_empty() { <div class="card-company">{&customer.company}</div> }
                if !customer.email.is_empty() { <div class="card-email">{&customer.email}</div> }
                if !phone.is_empty() { <div class="card-phone">{phone}</div> }
                if !place.is_empty() { <div class="card-place">{place}</div> }
                if !customer.tags.is_empty() {
                    <div class="card-tags" aria-label={t(lang, Text::Tags)}>
                        { for customer.tags.iter().map(tag_chip) }
                    </div>
                }
                <div class="card-footer">
                    {activity_clock(lang, customer.activity_state, customer.open_activities)}
                    <span class={classes!("favourite", customer.favourite.then_some("on"))}
                        role="img" aria-label={t(lang, star_label)}>{star}</span>
                </div>
            </div>
        </article>
    }
}
