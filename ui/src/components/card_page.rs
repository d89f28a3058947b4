//! The page's customers as kanban cards, a component of its own so a render of the screen for
//! anything else (the search box's keystroke before its answer, a menu opening) skips all 80
//! cards at once: its props are the page's `Rc` and a stable callback.

use clientele_model::query::CustomerRow;
use std::rc::Rc;
use yew::prelude::*;

use super::app::use_lang;
use super::customer_card::CustomerCard;
use crate::i18n::{t, Text};

#[derive(Properties, PartialEq)]
pub struct CardPageProps {
    /// The cards to show, in page order (see `progressive`).
    pub cards: Rc<Vec<CustomerRow>>,
    /// Opens a customer (its id); must not change between renders, or every card renders again.
    pub on_open: Callback<String>,
}

#[component]
pub fn CardPage(props: &CardPageProps) -> Html {
    let lang = use_lang();
    // Keyed by place on the page, not by customer: a new page (a keystroke in the search
    // box) then patches the texts of the cards already there instead of building 80 new
    // ones, which took most of the repaint after the answer (~30 ms of ~40 at 100,000
    // customers; the UI benchmark). Places count from the top, so a page that grows at the
    // end keeps its first cards where they were. A card's own state follows its customer
    // (see `CustomerCard`). The first cards of a new page come first (see `progressive`).
    html! {
        <div class="kanban" role="list" aria-label={t(lang, Text::Customers)}>
            { for props.cards.iter().enumerate().map(|(place, c)| html! {
                <div role="listitem" key={place}>
                    <CustomerCard customer={c.clone()} on_open={props.on_open.clone()} />
                </div>
            }) }
        </div>
    }
}
