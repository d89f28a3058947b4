//! One list of notes that `@mention` the user (the top bar's mentions panel and the home
//! inbox): each entry names its customer, author and time, shows the note, marks unread ones,
//! and opens its customer when clicked.

use clientele_model::commands::Mention;
use std::rc::Rc;
use yew::prelude::*;

use super::app::use_lang;
use super::form_notes::{note_text, when};
use crate::i18n::{t, Text};

#[derive(Properties, PartialEq)]
pub struct MentionListProps {
    pub mentions: Rc<Vec<Mention>>,
    /// An entry was clicked.
    pub on_open: Callback<Mention>,
}

#[component]
pub fn MentionList(props: &MentionListProps) -> Html {
    let lang = use_lang();
    html! {
        <ol class="notes mention-list">
            { for props.mentions.iter().map(|m| {
                let onclick = {
                    let (mention, on_open) = (m.clone(), props.on_open.clone());
                    Callback::from(move |_: MouseEvent| on_open.emit(mention.clone()))
                };
                html! {
                    <li class={classes!("note", "mention-item", (!m.read).then_some("unread"))}
                        key={m.note.id.clone()} data-testid="mention-entry">
                        <div class="note-meta">
                            <button type="button" class="mention-customer link" {onclick}>{&m.customer_name}</button>
                            {" · "}
                            <span class="note-author">{&m.note.author}</span>
                            {" · "}
                            <time datetime={m.note.time.clone()}>{when(lang, &m.note.time)}</time>
                            if !m.read {
                                <span class="mention-unread">{" · "}{t(lang, Text::MentionUnread)}</span>
                            }
                        </div>
                        {note_text(&m.note)}
                    </li>
                }
            }) }
        </ol>
    }
}
