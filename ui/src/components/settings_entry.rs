//! One entry of a Settings list: its name (a coloured chip for a tag), and for a manager the
//! controls to rename and recolour it in place, archive or restore it, and move it.

use clientele_model::commands::{
    MoveSettingsEntry, MoveSettingsEntryArgs, ReferenceItem, ReferenceList,
    SetSettingsEntryArchived, SetSettingsEntryArchivedArgs, UpdateSettingsEntry,
    UpdateSettingsEntryArgs,
};
use clientele_model::query::TagChip;
use clientele_model::CommandError;
use yew::prelude::*;

use super::app::use_lang;
use super::customer_card::tag_chip;
use super::settings_colours::SettingsColours;
use super::settings_state::field_error;
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct SettingsEntryProps {
    pub list: ReferenceList,
    pub entry: ReferenceItem,
    /// A manager's row: with its controls.
    pub editable: bool,
    pub first: bool,
    pub last: bool,
    /// The entry as the shell answered an edit.
    pub on_entry: Callback<ReferenceItem>,
    /// The list in its new order after a move.
    pub on_reordered: Callback<Vec<ReferenceItem>>,
}

/// The name and colour being edited.
#[derive(Debug, Clone, PartialEq)]
struct Draft {
    name: String,
    color: u8,
}

#[component]
pub fn SettingsEntry(props: &SettingsEntryProps) -> Html {
    let lang = use_lang();
    let draft = use_state(|| None::<Draft>);
    let error = use_state(|| None::<CommandError>);
    let entry = &props.entry;
    let (list, id) = (props.list, entry.id.clone());
    let dom_id = format!("settings-{}-{}", list.as_str(), entry.id);
    // Answers of the shell: an entry, or the error shown on the row.
    let answered = {
        let (draft, error, on_entry) = (draft.clone(), error.clone(), props.on_entry.clone());
        Callback::from(
            move |answer: Result<ReferenceItem, CommandError>| match answer {
                Ok(entry) => {
                    draft.set(None);
                    error.set(None);
                    on_entry.emit(entry);
                }
                Err(e) => error.set(Some(e)),
            },
        )
    };
    let start = {
        let (draft, error, entry) = (draft.clone(), error.clone(), entry.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            draft.set(Some(Draft {
                name: entry.name.clone(),
                color: entry.color,
            }));
        })
    };
    let archive = {
        let (answered, id, archived) = (answered.clone(), id.clone(), !entry.archived);
        Callback::from(move |_: MouseEvent| {
            let args = SetSettingsEntryArchivedArgs {
                list,
                id: id.clone(),
                archived,
            };
            let answered = answered.clone();
            wasm_bindgen_futures::spawn_local(async move {
                answered.emit(ipc::call::<SetSettingsEntryArchived>(&args).await);
            });
        })
    };
    let mover = |up: bool| {
        let (error, id, on_reordered) = (error.clone(), id.clone(), props.on_reordered.clone());
        Callback::from(move |_: MouseEvent| {
            let args = MoveSettingsEntryArgs {
                list,
                id: id.clone(),
                up,
            };
            let (error, on_reordered) = (error.clone(), on_reordered.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call::<MoveSettingsEntry>(&args).await {
                    Ok(entries) => on_reordered.emit(entries),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let name_view = if list == ReferenceList::Tags {
        tag_chip(&TagChip {
            id: entry.id.clone(),
            name: entry.name.clone(),
            color: entry.color,
        })
    } else {
        html! { <span class="entry-name">{&entry.name}</span> }
    };
    let login = (list == ReferenceList::Salespeople)
        .then(|| html! { <span class="entry-login">{&entry.id}</span> });
    let archived_badge = entry
        .archived
        .then(|| html! { <span class="badge">{t(lang, Text::SettingsArchived)}</span> });
    let other_error = (*error).as_ref().and_then(|e| {
        (e.problem_for("name").is_none() && e.problem_for("color").is_none())
            .then(|| html! { <p class="field-error" role="alert">{&e.message}</p> })
    });
    let edit_form = (*draft).clone().map(|current| {
        let name_error = (*error).as_ref().and_then(|e| field_error(lang, e, "name"));
        let color_error = (*error)
            .as_ref()
            .and_then(|e| field_error(lang, e, "color"));
        let oninput = {
            let (draft, current) = (draft.clone(), current.clone());
            Callback::from(move |e: InputEvent| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                draft.set(Some(Draft {
                    name: input.value(),
                    ..current.clone()
                }));
            })
        };
        let pick = {
            let (draft, current) = (draft.clone(), current.clone());
            Callback::from(move |color: u8| {
                draft.set(Some(Draft {
                    color,
                    ..current.clone()
                }))
            })
        };
        let save = {
            let (answered, id, current) = (answered.clone(), id.clone(), current.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let args = UpdateSettingsEntryArgs {
                    list,
                    id: id.clone(),
                    name: current.name.clone(),
                    color: current.color,
                };
                let answered = answered.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    answered.emit(ipc::call::<UpdateSettingsEntry>(&args).await);
                });
            })
        };
        let cancel = {
            let (draft, error) = (draft.clone(), error.clone());
            Callback::from(move |_: MouseEvent| {
                draft.set(None);
                error.set(None);
            })
        };
        let input_id = format!("{dom_id}-name");
        html! {
            <form class="settings-edit" onsubmit={save}>
                <label for={input_id.clone()}>{t(lang, Text::SettingsName)}</label>
                <input id={input_id.clone()} type="text" value={current.name.clone()} {oninput}
                    aria-invalid={name_error.is_some().to_string()} />
                if let Some(message) = name_error {
                    <p class="field-error" role="alert">{message}</p>
                }
                if list == ReferenceList::Tags {
                    <SettingsColours color={current.color} on_pick={pick} />
                    if let Some(message) = color_error {
                        <p class="field-error" role="alert">{message}</p>
                    }
                }
                <button type="submit" class="primary">{t(lang, Text::SettingsSave)}</button>
                <button type="button" onclick={cancel}>{t(lang, Text::SettingsDiscard)}</button>
            </form>
        }
    });
    let controls = (props.editable && draft.is_none()).then(|| {
        let name = &entry.name;
        html! {
            <span class="entry-controls">
                <button type="button" disabled={props.first} onclick={mover(true)}
                    aria-label={format!("{} {name}", t(lang, Text::SettingsMoveUp))}>{"↑"}</button>
                <button type="button" disabled={props.last} onclick={mover(false)}
                    aria-label={format!("{} {name}", t(lang, Text::SettingsMoveDown))}>{"↓"}</button>
                <button type="button" onclick={start}
                    aria-label={format!("{} {name}", t(lang, Text::SettingsEdit))}>{t(lang, Text::SettingsEdit)}</button>
                <button type="button" onclick={archive}
                    aria-label={format!("{} {name}", t(lang, if entry.archived { Text::SettingsRestore } else { Text::SettingsArchive }))}>
                    {t(lang, if entry.archived { Text::SettingsRestore } else { Text::SettingsArchive })}
                </button>
            </span>
        }
    });
    html! {
        <li id={dom_id.clone()} class={classes!("settings-entry", entry.archived.then_some("archived"))}>
            if let Some(form) = edit_form {
                {form}
            } else {
                {name_view}{login}{archived_badge}{controls}
            }
            {other_error}
        </li>
    }
}
