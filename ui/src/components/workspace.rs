//! What the top bar and the screens share across the app: the notes that `@mention` the user
//! (the top bar's badge and the home inbox read one list, refreshed when records change), and a
//! request to open a customer's form from anywhere (a mention), which the Customers screen
//! takes once.

use clientele_model::commands::{
    GetMentions, MarkMentionRead, MarkMentionReadArgs, Mention, NoArgs, RecordsChanged,
};
use std::rc::Rc;
use yew::prelude::*;

use super::app::Screen;
use super::form_guard::LeaveGuard;
use crate::ipc;

/// A customer to open, numbered so that asking twice for the same one opens it twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRequest {
    pub customer_id: String,
    pub number: u32,
}

/// The shared state and what can be done with it.
#[derive(Clone, PartialEq)]
pub struct Workspace {
    /// The notes that mention the user, newest first.
    pub mentions: Rc<Vec<Mention>>,
    /// Marks the mention of this note id read (at once here, then in the replica).
    pub mark_read: Callback<String>,
    /// Opens this customer's form on the Customers screen (after the unsaved-edits guard).
    pub open_customer: Callback<String>,
    /// The customer waiting to be opened, if any.
    pub opening: Option<OpenRequest>,
    /// The Customers screen opened request `number`: forget it.
    pub opened: Callback<u32>,
}

impl Workspace {
    /// How many mentions are unread (the badge).
    pub fn unread(&self) -> usize {
        self.mentions.iter().filter(|m| !m.read).count()
    }
}

/// The workspace of the nearest `App`, if any (a lone component in a test has none).
#[hook]
pub fn use_workspace() -> Option<Workspace> {
    use_context::<Workspace>()
}

/// The mentions as a reducer: answers replace the list, a read mark flips one entry.
#[derive(Default, PartialEq)]
struct Mentions(Rc<Vec<Mention>>);

enum MentionsAction {
    Loaded(Vec<Mention>),
    Read(String),
}

impl Reducible for Mentions {
    type Action = MentionsAction;

    fn reduce(self: Rc<Self>, action: MentionsAction) -> Rc<Self> {
        match action {
            MentionsAction::Loaded(list) => Rc::new(Mentions(Rc::new(list))),
            MentionsAction::Read(note_id) => {
                let mut list = (*self.0).clone();
                for mention in list.iter_mut().filter(|m| m.note.id == note_id) {
                    mention.read = true;
                }
                Rc::new(Mentions(Rc::new(list)))
            }
        }
    }
}

/// Asks the replica for the mentions and puts them in `mentions`.
fn load(mentions: UseReducerDispatcher<Mentions>) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(found) = ipc::call::<GetMentions>(&NoArgs {}).await {
            mentions.dispatch(MentionsAction::Loaded(found));
        }
    });
}

/// Creates the workspace the `App` provides: `guard` protects unsaved edits when a customer is
/// opened, `show` switches the screen (unguarded: the guard already ran).
#[hook]
pub fn use_workspace_root(guard: LeaveGuard, show: Callback<Screen>) -> Workspace {
    let mentions = use_reducer(Mentions::default);
    let opening = use_state(|| None::<OpenRequest>);
    let counter = use_mut_ref(|| 0u32);
    {
        let dispatcher = mentions.dispatcher();
        use_effect_with((), move |_| {
            load(dispatcher.clone());
            let listener =
                crate::events::listen::<RecordsChanged>(move |_| load(dispatcher.clone()));
            move || drop(listener)
        });
    }
    let mark_read = {
        let dispatcher = mentions.dispatcher();
        Callback::from(move |note_id: String| {
            dispatcher.dispatch(MentionsAction::Read(note_id.clone()));
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let args = MarkMentionReadArgs { note_id };
                if ipc::call::<MarkMentionRead>(&args).await.is_err() {
                    // Not stored: show the replica's truth again.
                    load(dispatcher);
                }
            });
        })
    };
    let open_customer = {
        let opening = opening.clone();
        Callback::from(move |customer_id: String| {
            let (opening, show, counter) = (opening.clone(), show.clone(), counter.clone());
            guard.run(Callback::from(move |()| {
                let number = {
                    let mut counter = counter.borrow_mut();
                    *counter = counter.wrapping_add(1);
                    *counter
                };
                opening.set(Some(OpenRequest {
                    customer_id: customer_id.clone(),
                    number,
                }));
                show.emit(Screen::Customers);
            }));
        })
    };
    let opened = {
        let opening = opening.clone();
        Callback::from(move |number: u32| {
            if opening.as_ref().is_some_and(|o| o.number == number) {
                opening.set(None);
            }
        })
    };
    Workspace {
        mentions: mentions.0.clone(),
        mark_read,
        open_customer,
        opening: (*opening).clone(),
        opened,
    }
}

/// The name people read for team member `user`: the display name when the team knows them
/// (disabled members included), else the id as stored.
pub fn team_name(team: &[clientele_model::team::TeamMember], user: &str) -> String {
    team.iter()
        .find(|m| m.user == user)
        .map(|m| m.display_name.trim())
        .filter(|name| !name.is_empty())
        .unwrap_or(user)
        .to_owned()
}
