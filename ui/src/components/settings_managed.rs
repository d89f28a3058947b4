//! The Settings screen's read-only section of what IT's managed configuration locked (sync
//! server, update channel, updates, private addresses on this device), marked as managed by
//! the organisation, so a user sees the values and why they cannot change them here.

use clientele_model::commands::ManagedSetting;
use yew::prelude::*;

use super::app::use_lang;
use crate::i18n::{t, Lang, Text};

#[derive(Properties, PartialEq)]
pub struct SettingsManagedProps {
    pub settings: Vec<ManagedSetting>,
}

/// A managed setting's name.
fn label(lang: Lang, key: &str) -> String {
    let text = match key {
        "sync_server" => Text::ManagedSyncServer,
        "update_channel" => Text::ManagedUpdateChannel,
        "updates" => Text::ManagedUpdates,
        "cache_private_addresses" => Text::ManagedPrivateAddresses,
        other => return other.to_owned(),
    };
    t(lang, text).to_owned()
}

/// A managed setting's value in words.
fn value(lang: Lang, setting: &ManagedSetting) -> String {
    let Some(value) = setting.value.as_deref() else {
        return t(lang, Text::ManagedNotSet).to_owned();
    };
    let text = match value {
        "true" => Text::ManagedOn,
        "false" => Text::ManagedOff,
        "stable" if setting.key == "update_channel" => Text::ManagedChannelStable,
        "beta" if setting.key == "update_channel" => Text::ManagedChannelBeta,
        other => return other.to_owned(),
    };
    t(lang, text).to_owned()
}

#[component]
pub fn SettingsManaged(props: &SettingsManagedProps) -> Html {
    let lang = use_lang();
    if props.settings.is_empty() {
        return html! {};
    }
    html! {
        <section class="settings-section settings-managed" aria-labelledby="settings-managed-title">
            <h2 id="settings-managed-title">{t(lang, Text::ManagedTitle)}</h2>
            <p class="settings-note">{t(lang, Text::ManagedNote)}</p>
            <table>
                <tbody>
                    { for props.settings.iter().map(|setting| html! {
                        <tr key={setting.key.clone()} id={format!("managed-{}", setting.key)}>
                            <th scope="row">{label(lang, &setting.key)}</th>
                            <td class="managed-value">{value(lang, setting)}</td>
                            <td><span class="managed-badge">{t(lang, Text::ManagedBadge)}</span></td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
