//! The unsent changes as a reducer, and the hook that keeps them current: asked on start, when
//! the sync status changes, when records change and when the panel opens; a discarded refused
//! change leaves the list as soon as the replica confirms.

use clientele_model::commands::{
    DiscardRefusedChange, DiscardRefusedChangeArgs, GetUnsentChanges, NoArgs, RecordsChanged,
    SyncStatusChanged, UnsentChanges,
};
use clientele_model::CommandError;
use std::rc::Rc;
use yew::prelude::*;

use crate::ipc;

/// What the panel shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnsentState {
    pub changes: UnsentChanges,
    /// The last failure (loading or discarding), shown in the panel.
    pub error: Option<CommandError>,
    /// Refused changes being discarded (their buttons wait).
    pub discarding: Vec<i64>,
}

/// What can happen to it.
#[derive(Debug, Clone, PartialEq)]
pub enum UnsentAction {
    Loaded(Result<UnsentChanges, CommandError>),
    Discarding(i64),
    Discarded(i64),
    DiscardFailed(i64, CommandError),
}

impl Reducible for UnsentState {
    type Action = UnsentAction;

    fn reduce(self: Rc<Self>, action: UnsentAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            UnsentAction::Loaded(Ok(changes)) => {
                // A refusal discarded meanwhile stays gone even if an older answer still has it.
                next.changes = changes;
                next.changes
                    .refused
                    .retain(|r| !self.discarding.contains(&r.id));
                next.error = None;
            }
            UnsentAction::Loaded(Err(error)) => next.error = Some(error),
            UnsentAction::Discarding(id) => next.discarding.push(id),
            UnsentAction::Discarded(id) => {
                next.changes.refused.retain(|r| r.id != id);
                next.discarding.retain(|d| *d != id);
                next.error = None;
            }
            UnsentAction::DiscardFailed(id, error) => {
                next.discarding.retain(|d| *d != id);
                next.error = Some(error);
            }
        }
        Rc::new(next)
    }
}

/// The unsent changes, how to ask for them again, and how to discard a refused change.
pub struct Unsent {
    pub state: UseReducerHandle<UnsentState>,
    pub refresh: Callback<()>,
    pub discard: Callback<i64>,
}

fn load(dispatcher: UseReducerDispatcher<UnsentState>) {
    wasm_bindgen_futures::spawn_local(async move {
        let result = ipc::call::<GetUnsentChanges>(&NoArgs {}).await;
        dispatcher.dispatch(UnsentAction::Loaded(result));
    });
}

#[hook]
pub fn use_unsent() -> Unsent {
    let state = use_reducer(UnsentState::default);
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            load(dispatcher.clone());
            let on_sync = {
                let dispatcher = dispatcher.clone();
                crate::events::listen::<SyncStatusChanged>(move |_| load(dispatcher.clone()))
            };
            let on_records =
                crate::events::listen::<RecordsChanged>(move |_| load(dispatcher.clone()));
            move || drop((on_sync, on_records))
        });
    }
    let refresh = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| load(dispatcher.clone()))
    };
    let discard = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id: i64| {
            dispatcher.dispatch(UnsentAction::Discarding(id));
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let args = DiscardRefusedChangeArgs { id };
                match ipc::call::<DiscardRefusedChange>(&args).await {
                    Ok(()) => {
                        dispatcher.dispatch(UnsentAction::Discarded(id));
                        load(dispatcher);
                    }
                    Err(e) => dispatcher.dispatch(UnsentAction::DiscardFailed(id, e)),
                }
            });
        })
    };
    Unsent {
        state,
        refresh,
        discard,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clientele_model::commands::RefusedChange;

    fn refused(id: i64) -> RefusedChange {
        RefusedChange {
            id,
            label: format!("c{id}"),
            ..RefusedChange::default()
        }
    }

    #[test]
    fn a_discarded_refusal_leaves_and_stays_gone_when_an_older_answer_arrives() {
        let changes = UnsentChanges {
            waiting: Vec::new(),
            refused: vec![refused(1), refused(2)],
        };
        let state = Rc::new(UnsentState::default())
            .reduce(UnsentAction::Loaded(Ok(changes.clone())))
            .reduce(UnsentAction::Discarding(1));
        let state = state.reduce(UnsentAction::Loaded(Ok(changes.clone())));
        assert_eq!(state.changes.refused, vec![refused(2)]);
        let state = state.reduce(UnsentAction::Discarded(1));
        assert!(state.discarding.is_empty());
        assert_eq!(state.changes.refused, vec![refused(2)]);
    }

    #[test]
    fn a_failed_discard_keeps_the_entry_and_says_why() {
        let changes = UnsentChanges {
            waiting: Vec::new(),
            refused: vec![refused(1)],
        };
        let error = CommandError::new(clientele_model::ErrorCode::Storage, "disk full");
        let state = Rc::new(UnsentState::default())
            .reduce(UnsentAction::Loaded(Ok(changes)))
            .reduce(UnsentAction::Discarding(1))
            .reduce(UnsentAction::DiscardFailed(1, error.clone()));
        assert_eq!(state.changes.refused, vec![refused(1)]);
        assert_eq!(state.error, Some(error));
    }
}
