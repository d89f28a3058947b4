//! One column of the grouped kanban: the group's name and count in its header, then one page of
//! its cards with a small pager (never the whole group in the DOM).

use yew::prelude::*;

use super::app::use_lang;
use super::customer_card::CustomerCard;
use super::group_page::{use_group_page, CustomerGroup};
use crate::i18n::{format_count, t, Text};

/// Cards per column page.
pub const COLUMN_PAGE: u32 = 20;

#[derive(Properties, PartialEq)]
pub struct KanbanGroupProps {
    pub customers: CustomerGroup,
    #[prop_or_default]
    pub on_open: Callback<String>,
}

#[component]
pub fn KanbanGroup(props: &KanbanGroupProps) -> Html {
    let lang = use_lang();
    let group = &props.customers.group;
    let page = use_group_page(&props.customers, COLUMN_PAGE, true);
    let label = props.customers.label(lang);
    let body = page.view(lang, |p| {
        html! {
            <div class="kanban-column-cards" role="list">
                { for p.rows.iter().map(|c| html! {
                    <div role="listitem" key={c.id.clone()}>
                        <CustomerCard customer={c.clone()} on_open={props.on_open.clone()} />
                    </div>
                }) }
            </div>
        }
    });
    let total = group.count;
    let shown = page
        .page
        .as_ref()
        .and_then(|p| p.as_ref().ok())
        .map_or(0, |p| p.rows.len() as u64);
    let more = u64::from(page.offset) + shown < total;
    let step = |forward: bool| {
        let (set, offset) = (page.set_offset.clone(), page.offset);
        Callback::from(move |_: MouseEvent| {
            set.emit(if forward {
                offset + COLUMN_PAGE
            } else {
                offset.saturating_sub(COLUMN_PAGE)
            })
        })
    };
    html! {
        <section class="kanban-column" data-group={group.key.clone()} aria-label={label.clone()}>
            <header class="kanban-column-head">
                <span class="group-name">{label}</span>
                <span class="group-count">{format_count(lang, total)}</span>
            </header>
            {body}
            if page.browsable && (page.offset > 0 || more) {
                <nav class="column-pager">
                    <button type="button" aria-label={t(lang, Text::PreviousPage)}
                        disabled={page.offset == 0} onclick={step(false)}>{"‹"}</button>
                    <button type="button" aria-label={t(lang, Text::NextPage)}
                        disabled={!more} onclick={step(true)}>{"›"}</button>
                </nav>
            }
        </section>
    }
}
