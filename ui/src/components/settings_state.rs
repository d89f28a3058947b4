//! The Settings screen's state: what it loaded (the user's permissions and team, whether a sync
//! server keeps the team, the workspace's lists) and the reducer each edit's answer goes through.

use clientele_model::commands::{
    ManagedSetting, ReferenceItem, ReferenceList, ScreenContext, SettingsLists,
};
use std::rc::Rc;
use yew::prelude::*;

/// What the Settings screen shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SettingsState {
    pub context: ScreenContext,
    /// The team's sync server: the team then comes from it, not from the local list.
    pub sync_server: Option<String>,
    pub lists: SettingsLists,
    /// What IT's managed configuration locked, shown read-only.
    pub managed: Vec<ManagedSetting>,
    pub loaded: bool,
    /// Why loading failed, if it did.
    pub error: Option<String>,
}

/// What loading the screen gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub context: ScreenContext,
    pub sync_server: Option<String>,
    pub lists: SettingsLists,
    pub managed: Vec<ManagedSetting>,
}

/// A change to the Settings screen's state.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingsAction {
    Loaded(Box<Loaded>),
    Failed(String),
    /// An entry as the shell answered it: replaces the one with its id, or goes last.
    Entry(ReferenceList, ReferenceItem),
    /// A list in its new order.
    Reordered(ReferenceList, Vec<ReferenceItem>),
}

impl Reducible for SettingsState {
    type Action = SettingsAction;

    fn reduce(self: Rc<Self>, action: SettingsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            SettingsAction::Loaded(loaded) => {
                let Loaded {
                    context,
                    sync_server,
                    lists,
                    managed,
                } = *loaded;
                next.context = context;
                next.sync_server = sync_server;
                next.lists = lists;
                next.managed = managed;
                next.loaded = true;
                next.error = None;
            }
            SettingsAction::Failed(reason) => {
                next.error = Some(reason);
                next.loaded = true;
            }
            SettingsAction::Entry(list, entry) => {
                if let Some(entries) = next.lists.get_mut(list) {
                    match entries.iter_mut().find(|e| e.id == entry.id) {
                        Some(found) => *found = entry,
                        None => entries.push(entry),
                    }
                }
            }
            SettingsAction::Reordered(list, entries) => {
                if let Some(found) = next.lists.get_mut(list) {
                    *found = entries;
                }
            }
        }
        Rc::new(next)
    }
}

/// Whether the user may edit the settings (reps see them read-only).
impl SettingsState {
    pub fn editable(&self) -> bool {
        self.context.permissions.edit_settings
    }
}

/// The words for `error`'s problem with `field`, in `lang` (the shell's message when the
/// problem has no words here); `None` when the error is not about that field.
pub fn field_error(
    lang: crate::i18n::Lang,
    error: &clientele_model::CommandError,
    field: &str,
) -> Option<String> {
    use crate::i18n::{t, Text};
    let problem = error.problem_for(field)?;
    let words = match problem {
        "required" if field == "id" => Text::SettingsErrLogin,
        "required" => Text::SettingsErrRequired,
        "too_long" => Text::SettingsErrTooLong,
        "duplicate" => Text::SettingsErrDuplicate,
        "out_of_range" => Text::SettingsErrColour,
        "invalid_login" => Text::SettingsErrLogin,
        _ => return error.message_for(field).map(str::to_owned),
    };
    Some(t(lang, words).to_owned())
}
