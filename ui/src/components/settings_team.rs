//! The team as the sync server keeps it, read-only on the Settings screen: each member's
//! display name, role and whether they are active.

use clientele_model::team::{TeamMember, TeamRole};
use yew::prelude::*;

use super::app::use_lang;
use crate::i18n::{t, Text};

#[derive(Properties, PartialEq)]
pub struct SettingsTeamProps {
    pub team: Vec<TeamMember>,
}

#[component]
pub fn SettingsTeam(props: &SettingsTeamProps) -> Html {
    let lang = use_lang();
    let role = |role: TeamRole| match role {
        TeamRole::Admin => t(lang, Text::SettingsRoleAdmin),
        TeamRole::Manager => t(lang, Text::SettingsRoleManager),
        TeamRole::Rep => t(lang, Text::SettingsRoleRep),
    };
    html! {
        <section class="settings-section settings-team" aria-labelledby="settings-team-title">
            <h2 id="settings-team-title">{t(lang, Text::SettingsTeam)}</h2>
            <p class="settings-note">{t(lang, Text::SettingsTeamFromServer)}</p>
            <table>
                <thead><tr>
                    <th>{t(lang, Text::SettingsDisplayName)}</th>
                    <th>{t(lang, Text::SettingsRole)}</th>
                    <th>{t(lang, Text::SettingsStatus)}</th>
                </tr></thead>
                <tbody>
                    { for props.team.iter().map(|member| html! {
                        <tr key={member.user.clone()} class={classes!((!member.active).then_some("inactive"))}>
                            <td>{&member.display_name}</td>
                            <td>{role(member.role)}</td>
                            <td>{t(lang, if member.active { Text::SettingsActive } else { Text::SettingsInactive })}</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
