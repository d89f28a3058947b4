//! One list of the Settings screen: its heading, its entries in order (archived ones marked),
//! and for a manager the line to add one.

use clientele_model::commands::{ReferenceItem, ReferenceList};
use yew::prelude::*;

use super::settings_add::SettingsAdd;
use super::settings_entry::SettingsEntry;

#[derive(Properties, PartialEq)]
pub struct SettingsSectionProps {
    pub list: ReferenceList,
    pub title: AttrValue,
    pub entries: Vec<ReferenceItem>,
    pub editable: bool,
    /// An entry added or changed, as the shell answered it.
    pub on_entry: Callback<(ReferenceList, ReferenceItem)>,
    /// The list in its new order.
    pub on_reordered: Callback<(ReferenceList, Vec<ReferenceItem>)>,
}

#[component]
pub fn SettingsSection(props: &SettingsSectionProps) -> Html {
    let list = props.list;
    let on_entry = props.on_entry.reform(move |entry| (list, entry));
    let on_reordered = props.on_reordered.reform(move |entries| (list, entries));
    let count = props.entries.len();
    let heading_id = format!("settings-{}-title", list.as_str());
    html! {
        <section class="settings-section" aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id}>{props.title.clone()}</h2>
            <ul class="settings-entries">
                { for props.entries.iter().enumerate().map(|(i, entry)| html! {
                    <SettingsEntry key={entry.id.clone()} {list} entry={entry.clone()}
                        editable={props.editable} first={i == 0} last={i + 1 == count}
                        on_entry={on_entry.clone()} on_reordered={on_reordered.clone()} />
                }) }
            </ul>
            if props.editable {
                <SettingsAdd {list} on_added={on_entry.clone()} />
            }
        </section>
    }
}
