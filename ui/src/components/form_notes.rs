//! The "Internal notes" tab (spec C19): the customer's free-text notes (stored with Save) and
//! the notes log, where a posted note notifies only the people it `@mentions`, not followers.

use clientele_model::commands::{mentions_in, Note, PostNote, PostNoteArgs};
use clientele_model::{CommandError, CustomerDraft, CustomerId};
use yew::prelude::*;

use super::app::use_lang;
use super::form_fields::FormFields;
use super::form_state::{edit_draft, Edit};
use super::mention_input::MentionInput;
use super::workspace::team_name;
use crate::i18n::{t, Lang, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct NotesTabProps {
    /// The customer; `None` until it is saved (the log needs a stored customer).
    pub customer_id: Option<CustomerId>,
    pub draft: CustomerDraft,
    pub error: Option<CommandError>,
    pub notes_log: Vec<Note>,
    /// The customer document's heads the notes log was read at: a posted note is applied
    /// there and merged.
    #[prop_or_default]
    pub heads: Vec<String>,
    pub on_edit: Callback<Edit>,
    pub on_posted: Callback<Note>,
    /// The team: offered after `@`, and the names authors are shown by.
    #[prop_or_default]
    pub team: std::rc::Rc<Vec<clientele_model::team::TeamMember>>,
}

/// "27/11/2026 14:05" in Vietnamese, "11/27/2026 14:05" in English, in local time.
pub fn when(lang: Lang, time: &str) -> String {
    let date = js_sys::Date::new(&time.into());
    if date.get_time().is_nan() {
        return time.to_owned();
    }
    let (d, m, y) = (date.get_date(), date.get_month() + 1, date.get_full_year());
    let clock = format!("{:02}:{:02}", date.get_hours(), date.get_minutes());
    match lang {
        Lang::Vi => format!("{d:02}/{m:02}/{y} {clock}"),
        Lang::En => format!("{m:02}/{d:02}/{y} {clock}"),
    }
}

/// A note's text with its mentions set off.
pub fn note_text(note: &Note) -> Html {
    let mut parts = Vec::new();
    for (i, word) in note.text.split(' ').enumerate() {
        if i > 0 {
            parts.push(html! { {" "} });
        }
        if word.starts_with('@') && !mentions_in(word).is_empty() {
            parts.push(html! { <span class="mention">{word}</span> });
        } else {
            parts.push(html! { {word} });
        }
    }
    html! { <p class="note-text">{ for parts }</p> }
}

#[component]
pub fn NotesTab(props: &NotesTabProps) -> Html {
    let lang = use_lang();
    let text = use_state(String::new);
    let error = use_state(|| None::<CommandError>);
    let posting = use_state(|| false);
    let on_notes = edit_draft(&props.on_edit, |d, notes: String| d.notes = notes);
    let notes_field = FormFields::new(lang, props.error.as_ref(), "customer")
        .field("notes", Text::TabNotes)
        .textarea(&props.draft.notes, None, on_notes);
    let post = {
        let (text, error, posting) = (text.clone(), error.clone(), posting.clone());
        let (customer_id, on_posted) = (props.customer_id.clone(), props.on_posted.clone());
        let heads = props.heads.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(customer_id) = customer_id.clone() else {
                return;
            };
            if text.trim().is_empty() || *posting {
                return;
            }
            posting.set(true);
            let (text, error, posting, on_posted) = (
                text.clone(),
                error.clone(),
                posting.clone(),
                on_posted.clone(),
            );
            let heads = heads.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let args = PostNoteArgs {
                    customer_id,
                    text: (*text).clone(),
                    heads,
                };
                let result = ipc::call::<PostNote>(&args).await;
                posting.set(false);
                match result {
                    Ok(note) => {
                        on_posted.emit(note);
                        text.set(String::new());
                        error.set(None);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let on_text = {
        let text = text.clone();
        Callback::from(move |value: String| text.set(value))
    };
    let mentioned = mentions_in(&text);
    html! {
        <div class="notes-tab">
            {notes_field}
            <section class="notes-log" aria-label={t(lang, Text::NotesLog)}>
                <h3>{t(lang, Text::NotesLog)}</h3>
                if props.customer_id.is_none() {
                    <p class="hint save-first">{t(lang, Text::SaveFirst)}</p>
                } else {
                    <div class="field">
                        <label for="note-new">{t(lang, Text::NewNote)}</label>
                        <MentionInput id="note-new" value={(*text).clone()} on_change={on_text}
                            placeholder={t(lang, Text::NotePlaceholder)} team={props.team.clone()} />
                    </div>
                    <p class="hint">{t(lang, Text::MentionHint)}</p>
                    if !mentioned.is_empty() {
                        <p class="mention-preview">{ for mentioned.iter().map(|m| html! {
                            <span class="mention">{format!("@{m}")}</span>
                        }) }</p>
                    }
                    if let Some(e) = &*error {
                        <p class="form-error" role="alert">{t(lang, Text::CouldNotChange)}{": "}{&e.message}</p>
                    }
                    <button type="button" class="primary post-note" disabled={*posting || text.trim().is_empty()}
                        onclick={post}>{t(lang, Text::PostNote)}</button>
                }
                if props.notes_log.is_empty() {
                    <p class="empty">{t(lang, Text::NoNotes)}</p>
                } else {
                    <ol class="notes">
                        { for props.notes_log.iter().rev().map(|note| html! {
                            <li class="note" key={note.id.clone()}>
                                <div class="note-meta">
                                    <span class="note-author" title={note.author.clone()}>{team_name(&props.team, &note.author)}</span>
                                    {" · "}
                                    <time datetime={note.time.clone()}>{when(lang, &note.time)}</time>
                                </div>
                                {note_text(note)}
                            </li>
                        }) }
                    </ol>
                }
            </section>
        </div>
    }
}
