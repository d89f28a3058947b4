//! Tags on the customer form (spec C12): the chosen tags as chips (× removes one), and an input
//! that picks an existing tag by name or, for a new name, creates the tag on the fly (Enter or
//! the "+ create" button) through the shell's `create_tag`.

use clientele_model::commands::{CreateTag, CreateTagArgs, ReferenceItem};
use clientele_model::CommandError;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::use_lang;
use super::customer_card::tag_chip;
use crate::fold::fold_for_search;
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct TagInputProps {
    /// Every tag of the workspace.
    pub tags: Vec<ReferenceItem>,
    /// Ids of the chosen tags.
    pub selected: Vec<String>,
    pub on_change: Callback<Vec<String>>,
    /// A tag was created (the form adds it to its list).
    pub on_created: Callback<ReferenceItem>,
}

#[component]
pub fn TagInput(props: &TagInputProps) -> Html {
    let lang = use_lang();
    let text = use_state(String::new);
    let error = use_state(|| None::<CommandError>);
    let typed = text.trim().to_owned();
    let existing = (!typed.is_empty())
        .then(|| {
            let folded = fold_for_search(&typed);
            props
                .tags
                .iter()
                .find(|tag| fold_for_search(&tag.name) == folded)
                .cloned()
        })
        .flatten();

    // Enter or the create button: choose the tag of that name, creating it if there is none.
    let commit = {
        let (text, error) = (text.clone(), error.clone());
        let (selected, on_change, on_created) = (
            props.selected.clone(),
            props.on_change.clone(),
            props.on_created.clone(),
        );
        let existing = existing.clone();
        let color = (props.tags.len() % 12) as u8;
        Callback::from(move |()| {
            let name = text.trim().to_owned();
            if name.is_empty() {
                return;
            }
            let add = {
                let (selected, on_change) = (selected.clone(), on_change.clone());
                move |id: String| {
                    let mut next = selected.clone();
                    if !next.contains(&id) {
                        next.push(id);
                    }
                    on_change.emit(next);
                }
            };
            if let Some(tag) = &existing {
                add(tag.id.clone());
                text.set(String::new());
                return;
            }
            let (text, error, on_created) = (text.clone(), error.clone(), on_created.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call::<CreateTag>(&CreateTagArgs { name, color }).await {
                    Ok(tag) => {
                        on_created.emit(tag.clone());
                        add(tag.id);
                        text.set(String::new());
                        error.set(None);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onkeydown = {
        let commit = commit.clone();
        let (text, selected, on_change) = (
            text.clone(),
            props.selected.clone(),
            props.on_change.clone(),
        );
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            // Never submit the customer form from here.
            "Enter" => {
                e.prevent_default();
                commit.emit(());
            }
            "Backspace" if text.is_empty() && !selected.is_empty() => {
                on_change.emit(selected[..selected.len() - 1].to_vec());
            }
            _ => {}
        })
    };
    let chips = props.selected.iter().map(|id| {
        let tag = props.tags.iter().find(|tag| &tag.id == id);
        let chip = clientele_model::query::TagChip {
            id: id.clone(),
            name: tag.map_or_else(|| id.clone(), |tag| tag.name.clone()),
            color: tag.map_or(0, |tag| tag.color),
        };
        let remove = {
            let (id, selected, on_change) =
                (id.clone(), props.selected.clone(), props.on_change.clone());
            Callback::from(move |_: MouseEvent| {
                on_change.emit(selected.iter().filter(|s| **s != id).cloned().collect())
            })
        };
        let label = format!("{} {}", t(lang, Text::RemoveTag), chip.name);
        html! {
            <span class="tag-choice" key={id.clone()}>
                {tag_chip(&chip)}
                <button type="button" class="tag-remove" aria-label={label} onclick={remove}>{"×"}</button>
            </span>
        }
    });
    let create_button = (existing.is_none() && !typed.is_empty()).then(|| {
        let onclick = commit.reform(|_: MouseEvent| ());
        html! {
            <button type="button" class="tag-create" {onclick}>
                {format!("{} \u{201c}{typed}\u{201d}", t(lang, Text::CreateTagPrefix))}
            </button>
        }
    });
    html! {
        <div class="field tag-input">
            <label for="customer-tags">{t(lang, Text::Tags)}</label>
            <div class="tag-box">
                { for chips }
                <input id="customer-tags" type="text" list="customer-tag-options" value={(*text).clone()}
                    placeholder={t(lang, Text::TagsPlaceholder)} {oninput} {onkeydown} />
                <datalist id="customer-tag-options">
                    { for props.tags.iter().filter(|tag| !props.selected.contains(&tag.id)).map(|tag| html! {
                        <option value={tag.name.clone()} />
                    }) }
                </datalist>
                {create_button}
            </div>
            if let Some(error) = &*error {
                <p class="field-error" role="alert">{&error.message}</p>
            }
        </div>
    }
}
