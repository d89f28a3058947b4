//! "Notes that mention you" (spec C19) on the home screen: the notes log entries, on any
//! customer, that `@mention` the user this app runs as; how a mention reaches that person and
//! nobody else. An entry opens its customer and marks the mention read. Shows nothing when
//! there are none (or outside the app, which holds the list).

use clientele_model::commands::Mention;
use yew::prelude::*;

use super::app::use_lang;
use super::mention_list::MentionList;
use super::workspace::use_workspace;
use crate::i18n::{t, Text};

#[component]
pub fn MentionsInbox() -> Html {
    let lang = use_lang();
    let Some(workspace) = use_workspace() else {
        return html! {};
    };
    if workspace.mentions.is_empty() {
        return html! {};
    }
    let on_open = {
        let (mark_read, open) = (workspace.mark_read.clone(), workspace.open_customer.clone());
        Callback::from(move |m: Mention| {
            mark_read.emit(m.note.id.clone());
            open.emit(m.customer_id);
        })
    };
    html! {
        <section class="mentions-inbox" aria-label={t(lang, Text::MentionsTitle)}>
            <h2>{t(lang, Text::MentionsTitle)}</h2>
            <MentionList mentions={workspace.mentions.clone()} {on_open} />
        </section>
    }
}
