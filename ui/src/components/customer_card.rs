//! One customer's kanban card: initials, name, company, email, phone, place, tags as coloured
//! chips, the activity clock coloured by its state (a button opening the activities popover),
//! and the favourite star (a button: marks or unmarks the customer for this user); when and by whom it was last changed, highlighted when someone else
//! changed it since the user last opened it (spec C6). Clicking the card opens the customer
//! (`on_open`).

use clientele_model::customer::initials;
use clientele_model::query::{CustomerRow, TagChip};
use clientele_model::{ActivityState, CustomerKind};
use yew::prelude::*;

use super::app::use_lang;
use super::clock_popover::ClockPopover;
use super::conflict_mark::ConflictBadge;
use super::outside_click::use_outside_click;
use super::sales_nav::{SalesRequest, SalesWindow};
use crate::i18n::{t, Lang, Text};
use crate::ipc;
use clientele_model::commands::{SetFavourite, SetFavouriteArgs};

#[derive(Properties, PartialEq)]
pub struct CustomerCardProps {
    pub customer: CustomerRow,
    /// Opens the customer (its id): the form helper hooks the form to it.
    #[prop_or_default]
    pub on_open: Callback<String>,
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

/// The clock's class and spoken name for an activity state; a button when `onclick` is given.
pub fn activity_clock(
    lang: Lang,
    state: ActivityState,
    open: u32,
    onclick: Option<(Callback<MouseEvent>, bool)>,
) -> Html {
    let (class, label) = match state {
        ActivityState::Overdue => ("overdue", Text::ActivityOverdue),
        ActivityState::Today => ("today", Text::ActivityToday),
        ActivityState::Planned => ("planned", Text::ActivityPlanned),
        ActivityState::None => ("none", Text::ActivityNone),
    };
    let face = html! {
        <>
            // A drawn clock: the emoji is missing from many Linux fonts.
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5" />
                <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" stroke-width="1.5"
                    stroke-linecap="round" />
            </svg>
            if open > 0 { <span class="activity-count">{open}</span> }
        </>
    };
    match onclick {
        Some((onclick, expanded)) => html! {
            <button type="button" class={classes!("activity-clock", class)} aria-label={t(lang, label)}
                title={t(lang, label)} aria-haspopup="dialog" aria-expanded={expanded.to_string()}
                {onclick}>{face}</button>
        },
        None => html! {
            <span class={classes!("activity-clock", class)} role="img" aria-label={t(lang, label)}
                title={t(lang, label)}>{face}</span>
        },
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

/// "Updated 27/11/2026 14:05 by Lê Văn Minh": when and by whom a customer was last changed
/// (empty when unknown), as cards and list rows show it.
pub fn updated_label(lang: Lang, customer: &CustomerRow) -> Html {
    if customer.updated_at.is_empty() {
        return html! {};
    }
    let when = super::form_notes::when(lang, &customer.updated_at);
    html! {
        <span class="updated-label" title={customer.updated_at.clone()}>
            {t(lang, Text::CardUpdated)}{" "}<time datetime={customer.updated_at.clone()}>{when}</time>
            if !customer.updated_by.is_empty() {
                {" "}{t(lang, Text::CardUpdatedBy)}{" "}<span class="updated-by">{&customer.updated_by}</span>
            }
        </span>
    }
}

/// sales: the sales count as a badge opening the customer's Sales orders (C7), and the
/// purchase count when it has any; shown when the App can open sales windows.
#[component]
fn SalesBadges(props: &SalesBadgesProps) -> Html {
    let lang = use_lang();
    let Some(nav) = super::sales_nav::use_sales_nav() else {
        return html! {};
    };
    let customer = &props.customer;
    // Words, not pictograms: the emoji fonts a desktop may lack would show an empty box.
    let badge = |window: SalesWindow, count: u32, label: Text| {
        let (open, id, name) = (nav.open.clone(), customer.id.clone(), customer.name.clone());
        let onclick = Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            open.emit(SalesRequest::for_customer(window, &id, &name));
        });
        let class = format!("{}-count", format!("{window:?}").to_lowercase());
        html! {
            <button type="button" class={classes!("count-badge", class)}
                aria-label={format!("{}: {count}", t(lang, label))} title={t(lang, label)} {onclick}>
                {t(lang, label)}{" "}{count}
            </button>
        }
    };
    html! {
        <>
            if customer.sales_count > 0 {
                {badge(SalesWindow::SalesOrders, customer.sales_count, Text::Sales)}
            }
            if customer.purchase_count > 0 {
                {badge(SalesWindow::Purchases, customer.purchase_count, Text::SalesPurchases)}
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct SalesBadgesProps {
    customer: CustomerRow,
}

/// The sales badges of a customer's card: only for a customer with orders or purchases (as
/// Odoo's kanban shows them), so a page of 80 cards adds no component where there is nothing
/// to count; the form's buttons show every count, zeros too.
fn sales_badges(_lang: Lang, customer: &CustomerRow) -> Html {
    if customer.sales_count == 0 && customer.purchase_count == 0 {
        return html! {};
    }
    html! { <SalesBadges customer={customer.clone()} /> }
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
    // Whose clock popover is open: cards are keyed by their place on the page (a new page
    // reuses the cards there), so a card given another customer shows its popover closed.
    let popover = use_state(|| None::<String>);
    // The star as this user just set it, for this card's customer: (id, favourite, refusal).
    let favourite_state = use_state_eq(|| None::<(String, bool, Option<String>)>);
    {
        // A page that brings this customer's star as stored wins over what was set here.
        let favourite_state = favourite_state.clone();
        use_effect_with((customer.id.clone(), customer.favourite), move |_| {
            favourite_state.set(None)
        });
    }
    let favourite = (*favourite_state).clone();
    let shown = popover.as_deref() == Some(customer.id.as_str());
    let unseen = customer.unseen_change;
    // The clock and its popover: a press outside both closes the popover.
    let clock_area = use_node_ref();
    {
        let popover = popover.clone();
        let close = Callback::from(move |()| popover.set(None));
        use_outside_click(clock_area.clone(), shown, close);
    }
    let toggle_clock = {
        let (popover, id) = (popover.clone(), customer.id.clone());
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            popover.set((!shown).then(|| id.clone()));
        })
    };
    let close_clock = {
        let popover = popover.clone();
        Callback::from(move |()| popover.set(None))
    };
    let open = {
        let (on_open, id) = (props.on_open.clone(), customer.id.clone());
        Callback::from(move |_: MouseEvent| on_open.emit(id.clone()))
    };
    let open_by_key = {
        let (on_open, id) = (props.on_open.clone(), customer.id.clone());
        Callback::from(move |e: KeyboardEvent| {
            // Only the card itself: Enter in the popover's fields is theirs.
            let on_card = e
                .target_dyn_into::<web_sys::Element>()
                .is_some_and(|t| t.has_attribute("data-customer"));
            if e.key() == "Enter" && on_card {
                on_open.emit(id.clone());
            }
        })
    };
    let kind_class = match customer.kind {
        CustomerKind::Company => "company",
        CustomerKind::Individual => "individual",
    };
    let phone = phone_of(customer);
    let place = place_of(customer);
    // The star marks the customer a favourite of this user at once (the row follows at the
    // next page); a refusal puts it back and says why in its tooltip.
    let favourite = favourite.as_ref().filter(|f| f.0 == customer.id);
    let is_favourite = favourite.map_or(customer.favourite, |f| f.1);
    let refused = favourite.and_then(|f| f.2.clone());
    let toggle_favourite = {
        let (state, id) = (favourite_state.clone(), customer.id.clone());
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            let on = !is_favourite;
            state.set(Some((id.clone(), on, None)));
            let (state, id) = (state.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let args = SetFavouriteArgs {
                    id: id.clone(),
                    favourite: on,
                };
                if let Err(error) = ipc::call::<SetFavourite>(&args).await {
                    state.set(Some((id, !on, Some(error.message))));
                }
            });
        })
    };
    let (star, star_label) = if is_favourite {
        ("★", Text::UnmarkFavourite)
    } else {
        ("☆", Text::MarkFavourite)
    };
    let star_title = refused.unwrap_or_else(|| t(lang, star_label).to_owned());
    html! {
        <article class={classes!("customer-card", kind_class, unseen.then_some("unseen"))}
            aria-label={customer.name.clone()}
            data-customer={customer.id.clone()} tabindex="0" onclick={open} onkeydown={open_by_key}>
            <div class="avatar" aria-hidden="true">{initials(&customer.name)}</div>
            <div class="card-body">
                <h3 class="card-name">{&customer.name}</h3>
                <ConflictBadge count={customer.conflicts} />
                if !customer.company.is_empty() { <div class="card-company">{&customer.company}</div> }
                if !customer.email.is_empty() { <div class="card-email">{&customer.email}</div> }
                if !phone.is_empty() { <div class="card-phone">{phone}</div> }
                if !place.is_empty() { <div class="card-place">{place}</div> }
                if unseen {
                    <div class="unseen-mark" role="status">{t(lang, Text::ChangedForYou)}</div>
                }
                if !customer.updated_at.is_empty() {
                    <div class="card-updated">{updated_label(lang, customer)}</div>
                }
                if !customer.tags.is_empty() {
                    <div class="card-tags" aria-label={t(lang, Text::Tags)}>
                        { for customer.tags.iter().map(tag_chip) }
                    </div>
                }
                <div class="card-footer">
                    <span class="clock-area" ref={clock_area}>
                        {activity_clock(lang, customer.activity_state, customer.open_activities,
                            Some((toggle_clock, shown)))}
                        if shown {
                            <ClockPopover customer_id={customer.id.clone()}
                                customer_name={customer.name.clone()} on_close={close_clock} />
                        }
                    </span>
                    {sales_badges(lang, customer)}
                    <button type="button" class={classes!("favourite", is_favourite.then_some("on"))}
                        aria-label={t(lang, star_label)} title={star_title}
                        aria-pressed={is_favourite.to_string()} onclick={toggle_favourite}>{star}</button>
                </div>
            </div>
        </article>
    }
}
