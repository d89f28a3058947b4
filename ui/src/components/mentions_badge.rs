//! The top bar's mentions badge: "@ N" with N the unread notes that `@mention` the user; a
//! click opens the list, and an entry opens its customer's form and marks the mention read,
//! so the count drops. Closed by the badge, Escape or a press outside.

use clientele_model::commands::Mention;
use yew::prelude::*;

use super::app::use_lang;
use super::mention_list::MentionList;
use super::outside_click::{use_popover, Popover};
use super::workspace::use_workspace;
use crate::i18n::{t, Text};

#[component]
pub fn MentionsBadge() -> Html {
    let lang = use_lang();
    let workspace = use_workspace();
    let Popover {
        open,
        container,
        toggle,
        close,
        onkeydown,
    } = use_popover();
    let Some(workspace) = workspace else {
        return html! {};
    };
    let unread = workspace.unread();
    let toggle = Callback::from(move |_: MouseEvent| toggle.emit(()));
    let on_open = {
        let (mark_read, open_customer) =
            (workspace.mark_read.clone(), workspace.open_customer.clone());
        Callback::from(move |m: Mention| {
            close.emit(());
            mark_read.emit(m.note.id.clone());
            open_customer.emit(m.customer_id);
        })
    };
    let title = format!(
        "{}: {unread} {}",
        t(lang, Text::MentionsBadge),
        t(lang, Text::MentionUnread)
    );
    html! {
        <span class="mentions-badge-wrap" ref={container} {onkeydown}>
            <button type="button" class={classes!("mentions-badge", (unread > 0).then_some("has-unread"))}
                data-testid="mentions-badge" aria-label={t(lang, Text::MentionsBadge)} {title}
                aria-haspopup="dialog" aria-expanded={open.to_string()} onclick={toggle}>
                {format!("@ {unread}")}
            </button>
            if open {
                <div class="top-popover mentions-panel" role="dialog" aria-label={t(lang, Text::MentionsTitle)}
                    data-testid="mentions-panel">
                    <h2>{t(lang, Text::MentionsTitle)}</h2>
                    if workspace.mentions.is_empty() {
                        <p class="empty">{t(lang, Text::MentionsNone)}</p>
                    } else {
                        <MentionList mentions={workspace.mentions.clone()} {on_open} />
                    }
                </div>
            }
        </span>
    }
}
