//! The top bar's unsent-changes button, beside the sync state: "⇡ N" documents waiting to be
//! sent, with "⚠ M" when the server refused changes; a click opens the "Unsent changes" panel
//! (asking the replica again). Closed by the button, Escape or a press outside.

use yew::prelude::*;

use super::app::use_lang;
use super::outside_click::{use_popover, Popover};
use super::unsent_panel::UnsentPanel;
use super::unsent_state::use_unsent;
use crate::i18n::{t, Text};

#[component]
pub fn UnsentButton() -> Html {
    let lang = use_lang();
    let unsent = use_unsent();
    let Popover {
        open,
        container,
        toggle,
        onkeydown,
        ..
    } = use_popover();
    let toggle = {
        let refresh = unsent.refresh.clone();
        Callback::from(move |_: MouseEvent| {
            if !open {
                refresh.emit(());
            }
            toggle.emit(());
        })
    };
    let state = &*unsent.state;
    let (waiting, refused) = (state.changes.waiting.len(), state.changes.refused.len());
    let title = format!(
        "{}: {} {waiting}, {} {refused}",
        t(lang, Text::UnsentTitle),
        t(lang, Text::UnsentWaiting),
        t(lang, Text::UnsentRefused)
    );
    html! {
        <span class="unsent-wrap" ref={container} {onkeydown}>
            <button type="button" class={classes!("unsent-button", (refused > 0).then_some("has-refused"))}
                data-testid="unsent-button" aria-label={t(lang, Text::UnsentTitle)} {title}
                aria-haspopup="dialog" aria-expanded={open.to_string()} onclick={toggle}>
                {format!("⇡ {waiting}")}
                if refused > 0 {
                    <span class="refused-mark" data-testid="unsent-refused-mark">{format!(" · ⚠ {refused}")}</span>
                }
            </button>
            if open {
                <UnsentPanel changes={state.changes.clone()} error={state.error.clone()}
                    discarding={state.discarding.clone()} on_discard={unsent.discard.clone()} />
            }
        </span>
    }
}
