//! The line under a Settings list where a manager adds an entry: its name (a salesperson's
//! login id too, a tag's colour), then Add; a refusal shows under the field it names.

use clientele_model::commands::{
    AddSettingsEntry, AddSettingsEntryArgs, ReferenceItem, ReferenceList,
};
use clientele_model::CommandError;
use yew::prelude::*;

use super::app::use_lang;
use super::settings_colours::SettingsColours;
use super::settings_state::field_error;
use super::text_input::text_input;
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct SettingsAddProps {
    pub list: ReferenceList,
    /// The new entry as the shell answered it.
    pub on_added: Callback<ReferenceItem>,
}

#[component]
pub fn SettingsAdd(props: &SettingsAddProps) -> Html {
    let lang = use_lang();
    let list = props.list;
    let name = use_state(String::new);
    let login = use_state(String::new);
    let color = use_state(|| 0u8);
    let error = use_state(|| None::<CommandError>);
    let submit = {
        let (name, login, color, error) =
            (name.clone(), login.clone(), color.clone(), error.clone());
        let on_added = props.on_added.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let args = AddSettingsEntryArgs {
                list,
                id: (list == ReferenceList::Salespeople).then(|| (*login).clone()),
                name: (*name).clone(),
                color: *color,
            };
            let (name, login, error, on_added) =
                (name.clone(), login.clone(), error.clone(), on_added.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call::<AddSettingsEntry>(&args).await {
                    Ok(entry) => {
                        name.set(String::new());
                        login.set(String::new());
                        error.set(None);
                        on_added.emit(entry);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let prefix = format!("settings-{}-new", list.as_str());
    let error_for = |field: &str| (*error).as_ref().and_then(|e| field_error(lang, e, field));
    let other = (*error).as_ref().and_then(|e| {
        ["id", "name", "color"]
            .iter()
            .all(|f| e.problem_for(f).is_none())
            .then(|| e.message.clone())
    });
    html! {
        <form class="settings-add" onsubmit={submit}>
            if list == ReferenceList::Salespeople {
                <label for={format!("{prefix}-login")}>{t(lang, Text::SettingsLogin)}</label>
                <input id={format!("{prefix}-login")} type="text" value={(*login).clone()}
                    oninput={text_input(&login)} aria-invalid={error_for("id").is_some().to_string()} />
                if let Some(message) = error_for("id") {
                    <p class="field-error" role="alert">{message}</p>
                }
            }
            <label for={format!("{prefix}-name")}>{t(lang, if list == ReferenceList::Salespeople {
                Text::SettingsDisplayName } else { Text::SettingsNewName })}</label>
            <input id={format!("{prefix}-name")} type="text" value={(*name).clone()}
                oninput={text_input(&name)} aria-invalid={error_for("name").is_some().to_string()} />
            if let Some(message) = error_for("name") {
                <p class="field-error" role="alert">{message}</p>
            }
            if list == ReferenceList::Tags {
                <SettingsColours color={*color} on_pick={let color = color.clone(); Callback::from(move |c| color.set(c))} />
            }
            <button type="submit">{t(lang, Text::SettingsAdd)}</button>
            if let Some(message) = other {
                <p class="field-error" role="alert">{message}</p>
            }
        </form>
    }
}
