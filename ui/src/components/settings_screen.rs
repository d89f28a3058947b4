//! The Settings screen (Cài đặt): the workspace's reference lists for managers and admins to
//! edit (tags, payment terms, pricelists, activity types) and the team: the local team list
//! without a sync server, else the server's team, read-only. Reps see it all read-only. What
//! IT's managed configuration locked is listed last, read-only, marked as managed.

use clientele_model::commands::{
    GetAppInfo, GetScreenContext, GetSettingsLists, NoArgs, ReferenceItem, ReferenceList,
};
use yew::prelude::*;

use super::app::use_lang;
use super::settings_managed::SettingsManaged;
use super::settings_section::SettingsSection;
use super::settings_state::{Loaded, SettingsAction, SettingsState};
use super::settings_team::SettingsTeam;
use crate::i18n::{t, Text};
use crate::ipc;

/// Loads what the screen shows, once.
#[hook]
fn use_settings() -> UseReducerHandle<SettingsState> {
    let state = use_reducer(SettingsState::default);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = async {
                    let context = ipc::call::<GetScreenContext>(&NoArgs {}).await?;
                    let info = ipc::call::<GetAppInfo>(&NoArgs {}).await?;
                    let lists = ipc::call::<GetSettingsLists>(&NoArgs {}).await?;
                    Ok::<_, clientele_model::CommandError>(SettingsAction::Loaded(Box::new(
                        Loaded {
                            context,
                            sync_server: info.sync_server,
                            lists,
                            managed: info.managed_settings,
                        },
                    )))
                };
                state.dispatch(
                    loaded
                        .await
                        .unwrap_or_else(|e| SettingsAction::Failed(e.message)),
                );
            });
        });
    }
    state
}

#[component]
pub fn SettingsScreen() -> Html {
    let lang = use_lang();
    let state = use_settings();
    let on_entry = {
        let state = state.clone();
        Callback::from(move |(list, entry): (ReferenceList, ReferenceItem)| {
            state.dispatch(SettingsAction::Entry(list, entry))
        })
    };
    let on_reordered = {
        let state = state.clone();
        Callback::from(
            move |(list, entries): (ReferenceList, Vec<ReferenceItem>)| {
                state.dispatch(SettingsAction::Reordered(list, entries))
            },
        )
    };
    let editable = state.editable();
    let section = |list: ReferenceList, title: Text| {
        html! {
            <SettingsSection {list} title={t(lang, title)} entries={state.lists.get(list).to_vec()}
                {editable} on_entry={on_entry.clone()} on_reordered={on_reordered.clone()} />
        }
    };
    let body = if let Some(error) = &state.error {
        html! { <p class="load-error" role="alert">{error}</p> }
    } else if !state.loaded {
        html! {}
    } else {
        html! {
            <>
                if !editable {
                    <p class="settings-note read-only" role="note">{t(lang, Text::SettingsReadOnly)}</p>
                }
                {section(ReferenceList::Tags, Text::SettingsTags)}
                {section(ReferenceList::PaymentTerms, Text::SettingsPaymentTerms)}
                {section(ReferenceList::Pricelists, Text::SettingsPricelists)}
                {section(ReferenceList::ActivityTypes, Text::SettingsActivityTypes)}
                if state.sync_server.is_none() {
                    {section(ReferenceList::Salespeople, Text::SettingsTeam)}
                } else {
                    <SettingsTeam team={state.context.team.clone()} />
                }
                <SettingsManaged settings={state.managed.clone()} />
            </>
        }
    };
    html! {
        <div class={classes!("settings", (!editable).then_some("read-only"))}>
            <h1>{t(lang, Text::SettingsTitle)}</h1>
            {body}
        </div>
    }
}
