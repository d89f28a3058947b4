//! The customer form's state as a reducer: the customer as loaded and as edited (their
//! difference is "unsaved changes"), the last refusal, the open tab, and what changes at once
//! without Save (favourite, archive, contacts, posted notes).

use clientele_model::commands::{ChangedField, ContactEntry, CustomerRecord, Note, ReferenceItem};
use clientele_model::{CommandError, CustomerDraft, CustomerId};
use std::rc::Rc;
use yew::{Callback, Reducible};

/// The form's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormTab {
    #[default]
    Contacts,
    Sales,
    Notes,
    /// history: who changed what, and restoring a value.
    History,
}

/// One edit of the draft (a field typed, a tag added...).
pub type Edit = Rc<dyn Fn(&mut CustomerDraft)>;

/// A control's callback that stores what the control reports (a typed text, a choice, the tag
/// ids) into the draft with `set`, as one `Edit` sent to `on_edit`: what every field of the
/// form's tabs does with its value.
pub fn edit_draft<T: Clone + 'static>(
    on_edit: &Callback<Edit>,
    set: impl Fn(&mut CustomerDraft, T) + 'static,
) -> Callback<T> {
    let (on_edit, set) = (on_edit.clone(), Rc::new(set));
    Callback::from(move |value: T| {
        let set = set.clone();
        on_edit.emit(Rc::new(move |d: &mut CustomerDraft| set(d, value.clone())))
    })
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormState {
    /// The customer edited; `None` while creating one.
    pub id: Option<CustomerId>,
    /// The customer as stored (what Discard goes back to).
    pub original: CustomerDraft,
    pub draft: CustomerDraft,
    pub archived: bool,
    pub favourite: bool,
    pub contacts: Vec<ContactEntry>,
    pub notes_log: Vec<Note>,
    /// The document heads `original` was read at: Save sends them, so the replica applies the
    /// edits to the version shown and merges what colleagues changed meanwhile.
    pub heads: Vec<String>,
    /// The heads the contacts and the notes log were read at: they follow the record even
    /// while the fields are edited, and their immediate changes send these.
    pub record_heads: Vec<String>,
    /// What others changed since `heads` while the fields were being edited (the banner).
    pub changed_elsewhere: Vec<ChangedField>,
    /// False until the stored customer arrived (always true when creating).
    pub loaded: bool,
    pub load_error: Option<CommandError>,
    /// The last refusal of Save or of an immediate change.
    pub error: Option<CommandError>,
    pub saving: bool,
    pub tab: FormTab,
    /// Bumped whenever the values shown are replaced wholesale (loaded, discarded): the
    /// inputs are then rebuilt, so no control keeps a value the user had picked before.
    pub generation: u32,
}

impl FormState {
    /// The form for customer `id`, or an empty one to create a customer.
    pub fn new(id: Option<CustomerId>) -> Self {
        FormState {
            loaded: id.is_none(),
            id,
            ..FormState::default()
        }
    }

    /// Whether there are edits that Save would store.
    pub fn dirty(&self) -> bool {
        self.loaded && self.draft != self.original
    }
}

pub enum FormAction {
    /// Another customer (or an empty form) replaces the one shown.
    Reset(Option<CustomerId>),
    /// The stored customer arrived (or could not be read).
    Loaded(Box<Result<CustomerRecord, CommandError>>),
    /// The stored customer read again (saved, or changed by a sync): shown in place unless
    /// there are edits Save would store (their save merges, from the heads they started at).
    Refreshed(Box<CustomerRecord>),
    Edit(Edit),
    SaveStarted,
    Saved(CustomerId),
    /// Save or an immediate change was refused.
    Failed(CommandError),
    /// Back to the stored values.
    Discard,
    Tab(FormTab),
    Archived(bool),
    Favourite(bool),
    Contacts(Vec<ContactEntry>),
    NotePosted(Note),
    /// What others changed since the version the edits started from (for the heads it was
    /// asked about).
    ChangedElsewhere(Vec<String>, Vec<ChangedField>),
}

impl Reducible for FormState {
    type Action = FormAction;

    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FormAction::Reset(id) => {
                if next.id == id && (id.is_none() || next.loaded) {
                    return self;
                }
                next = FormState {
                    tab: next.tab,
                    generation: next.generation.wrapping_add(1),
                    ..FormState::new(id)
                };
            }
            FormAction::Loaded(result) => match *result {
                // An answer for a customer no longer shown.
                Ok(record) if next.id.as_deref() != Some(record.id.as_str()) => return self,
                Ok(record) => {
                    next.id = Some(record.id);
                    next.original = record.draft.clone();
                    next.draft = record.draft;
                    next.archived = record.archived;
                    next.favourite = record.favourite;
                    next.contacts = record.contacts;
                    next.notes_log = record.notes_log;
                    next.record_heads = record.heads.clone();
                    next.heads = record.heads;
                    next.changed_elsewhere = Vec::new();
                    next.loaded = true;
                    next.load_error = None;
                    next.generation = next.generation.wrapping_add(1);
                }
                Err(error) => next.load_error = Some(error),
            },
            FormAction::Refreshed(record) => {
                let shown = next.id.as_deref() == Some(record.id.as_str());
                if !shown || !next.loaded || next.saving {
                    return self;
                }
                // The contacts and notes log follow the record whatever is being edited.
                next.contacts = record.contacts.clone();
                next.notes_log = record.notes_log.clone();
                next.record_heads = record.heads.clone();
                if next.dirty() {
                    return Rc::new(next);
                }
                next.changed_elsewhere = Vec::new();
                if next.draft != record.draft {
                    next.generation = next.generation.wrapping_add(1);
                }
                next.original = record.draft.clone();
                next.draft = record.draft;
                next.archived = record.archived;
                next.contacts = record.contacts;
                next.notes_log = record.notes_log;
                next.heads = record.heads;
            }
            FormAction::Edit(edit) => edit(&mut next.draft),
            FormAction::SaveStarted => next.saving = true,
            FormAction::Saved(id) => {
                next.id = Some(id);
                next.original = next.draft.clone();
                next.saving = false;
                next.error = None;
                next.changed_elsewhere = Vec::new();
            }
            FormAction::Failed(error) => {
                next.saving = false;
                next.error = Some(error);
            }
            FormAction::Discard => {
                next.draft = next.original.clone();
                next.changed_elsewhere = Vec::new();
                next.error = None;
                next.generation = next.generation.wrapping_add(1);
            }
            FormAction::Tab(tab) => next.tab = tab,
            FormAction::Archived(archived) => next.archived = archived,
            FormAction::Favourite(favourite) => next.favourite = favourite,
            FormAction::Contacts(contacts) => next.contacts = contacts,
            FormAction::NotePosted(note) => next.notes_log.push(note),
            FormAction::ChangedElsewhere(heads, changed) => {
                if heads != next.heads || !next.dirty() {
                    return self;
                }
                next.changed_elsewhere = changed;
            }
        }
        Rc::new(next)
    }
}

/// The reference lists the form picks from (workspace settings).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReferenceLists {
    pub tags: Vec<ReferenceItem>,
    pub salespeople: Vec<ReferenceItem>,
    pub payment_terms: Vec<ReferenceItem>,
    pub pricelists: Vec<ReferenceItem>,
    pub languages: Vec<ReferenceItem>,
    /// Company customers, for an individual's "works for".
    pub companies: Vec<ReferenceItem>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> CustomerRecord {
        CustomerRecord {
            id: "c1".into(),
            draft: CustomerDraft {
                name: "Đông Á".into(),
                ..CustomerDraft::default()
            },
            ..CustomerRecord::default()
        }
    }

    #[test]
    fn edits_make_the_form_dirty_until_saved_or_discarded() {
        let state = Rc::new(FormState::new(Some("c1".into())));
        assert!(!state.loaded && !state.dirty());
        let state = state.reduce(FormAction::Loaded(Box::new(Ok(record()))));
        assert!(state.loaded && !state.dirty());
        let rename: Edit = Rc::new(|d| d.name = "Công ty Đông Á".into());
        let state = state.reduce(FormAction::Edit(rename.clone()));
        assert!(state.dirty());
        let state = state.reduce(FormAction::Discard);
        assert_eq!(state.draft.name, "Đông Á");
        assert!(!state.dirty());
        let state = state
            .reduce(FormAction::Edit(rename))
            .reduce(FormAction::SaveStarted);
        assert!(state.saving);
        let state = state.reduce(FormAction::Saved("c1".into()));
        assert!(!state.dirty() && !state.saving);
        assert_eq!(state.original.name, "Công ty Đông Á");
    }

    #[test]
    fn a_changed_record_shows_in_place_unless_edited() {
        let loaded = CustomerRecord {
            heads: vec!["h1".into()],
            ..record()
        };
        let state = Rc::new(FormState::new(Some("c1".into())))
            .reduce(FormAction::Loaded(Box::new(Ok(loaded))));
        assert_eq!(state.heads, ["h1"]);
        let mut changed = record();
        changed.draft.phone = "0903 999 000".into();
        changed.heads = vec!["h2".into()];
        let refreshed = state
            .clone()
            .reduce(FormAction::Refreshed(Box::new(changed.clone())));
        assert_eq!(refreshed.draft.phone, "0903 999 000");
        assert_eq!(refreshed.heads, ["h2"]);
        assert!(!refreshed.dirty() && refreshed.generation > state.generation);

        let edited = state.reduce(FormAction::Edit(Rc::new(|d| d.email = "a@b.vn".into())));
        let kept = edited
            .clone()
            .reduce(FormAction::Refreshed(Box::new(changed)));
        assert_eq!(
            kept.heads,
            ["h1"],
            "edits keep the version they started from"
        );
        assert_eq!(kept.draft.email, "a@b.vn");
        assert_eq!(kept.draft.phone, "");
    }

    #[test]
    fn while_edited_the_contacts_follow_the_record_and_the_banner_is_for_the_edits_version() {
        let loaded = CustomerRecord {
            heads: vec!["h1".into()],
            ..record()
        };
        let edited = Rc::new(FormState::new(Some("c1".into())))
            .reduce(FormAction::Loaded(Box::new(Ok(loaded))))
            .reduce(FormAction::Edit(Rc::new(|d| d.email = "a@b.vn".into())));
        let mut changed = record();
        changed.heads = vec!["h2".into()];
        changed.contacts = vec![ContactEntry {
            id: "k1".into(),
            contact: Default::default(),
        }];
        let state = edited.reduce(FormAction::Refreshed(Box::new(changed)));
        assert_eq!(state.contacts.len(), 1, "contacts follow the record");
        assert_eq!(
            (state.heads.as_slice(), state.record_heads.as_slice()),
            (&["h1".to_owned()][..], &["h2".to_owned()][..])
        );
        let field = ChangedField {
            field: "phone".into(),
            authors: vec!["minh".into()],
            names: vec!["Trần Minh".into()],
        };
        let stale = state.clone().reduce(FormAction::ChangedElsewhere(
            vec!["h0".into()],
            vec![field.clone()],
        ));
        assert!(
            stale.changed_elsewhere.is_empty(),
            "an answer for another version"
        );
        let state = state.reduce(FormAction::ChangedElsewhere(vec!["h1".into()], vec![field]));
        assert_eq!(state.changed_elsewhere.len(), 1);
        let saved = state
            .reduce(FormAction::SaveStarted)
            .reduce(FormAction::Saved("c1".into()));
        assert!(saved.changed_elsewhere.is_empty(), "saved: merged");
    }

    #[test]
    fn a_refusal_keeps_the_edits() {
        let state = Rc::new(FormState::new(None))
            .reduce(FormAction::Edit(Rc::new(|d| d.email = "dao@".into())))
            .reduce(FormAction::SaveStarted)
            .reduce(FormAction::Failed(CommandError::new(
                clientele_model::ErrorCode::Validation,
                "bad",
            )));
        assert!(state.dirty() && !state.saving && state.error.is_some());
        assert_eq!(state.draft.email, "dao@");
    }
}
