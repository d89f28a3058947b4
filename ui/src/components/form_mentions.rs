//! "Notes that mention you" (spec C19): the notes log entries, on any customer, that
//! `@mention` the user this app runs as; how a mention reaches that person and nobody else.
//! Shows nothing when there are none (or outside the desktop shell).

use clientele_model::commands::{GetMentions, Mention, NoArgs};
use yew::prelude::*;

use super::app::use_lang;
use super::form_notes::{note_text, when};
use crate::i18n::{t, Text};
use crate::ipc;

#[component]
pub fn MentionsInbox() -> Html {
    let lang = use_lang();
    let mentions = use_state(Vec::<Mention>::new);
    {
        let mentions = mentions.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = ipc::call::<GetMentions>(&NoArgs {}).await {
                    mentions.set(found);
                }
            });
        });
    }
    if mentions.is_empty() {
        return html! {};
    }
    html! {
        <section class="mentions-inbox" aria-label={t(lang, Text::MentionsTitle)}>
            <h2>{t(lang, Text::MentionsTitle)}</h2>
            <ol class="notes">
                { for mentions.iter().map(|m| html! {
                    <li class="note mention-item" key={m.note.id.clone()}>
                        <div class="note-meta">
                            <span class="mention-customer">{&m.customer_name}</span>
                            {" · "}
                            <span class="note-author">{&m.note.author}</span>
                            {" · "}
                            <time datetime={m.note.time.clone()}>{when(lang, &m.note.time)}</time>
                        </div>
                        {note_text(&m.note)}
                    </li>
                }) }
            </ol>
        </section>
    }
}
