//! The guard against losing unsaved edits: a form marks itself dirty, and anything that would
//! leave it (the menu, Discard, Esc, opening another customer) goes through `LeaveGuard::run`,
//! which asks in an in-app dialog first (not `window.confirm`, which the desktop webview may
//! not show and tests cannot answer).

use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

use super::app::use_lang;
use crate::i18n::{t, Text};

/// Whether some form has unsaved changes, and how to leave it safely.
#[derive(Clone)]
pub struct LeaveGuard {
    dirty: Rc<Cell<bool>>,
    ask: Callback<Callback<()>>,
}

impl PartialEq for LeaveGuard {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.dirty, &other.dirty) && self.ask == other.ask
    }
}

impl LeaveGuard {
    /// Marks whether the form in view has unsaved changes.
    pub fn set_dirty(&self, dirty: bool) {
        self.dirty.set(dirty);
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty.get()
    }

    /// Runs `leave` now when nothing is unsaved, else once the user confirms leaving.
    pub fn run(&self, leave: Callback<()>) {
        if self.dirty.get() {
            self.ask.emit(leave);
        } else {
            leave.emit(());
        }
    }
}

/// The guard of the nearest provider, if any.
#[hook]
pub fn use_leave_guard() -> Option<LeaveGuard> {
    use_context::<LeaveGuard>()
}

/// `action` behind the nearest guard: it runs at once, or after the user confirms leaving
/// unsaved changes. Without a guard above, it runs at once. E.g. opening a card:
/// `let open = use_guarded(Callback::from(move |id| state.dispatch(OpenCustomer(id))));`
#[hook]
pub fn use_guarded<T: 'static>(action: Callback<T>) -> Callback<T> {
    let guard = use_leave_guard();
    Callback::from(move |value: T| {
        let cell = Rc::new(Cell::new(Some(value)));
        let action = action.clone();
        let leave = Callback::from(move |()| {
            if let Some(value) = cell.take() {
                action.emit(value);
            }
        });
        match &guard {
            Some(guard) => guard.run(leave),
            None => leave.emit(()),
        }
    })
}

/// Creates the guard a provider hands down, and the confirmation dialog to render beside it
/// (empty unless a leave is waiting for an answer).
#[hook]
pub fn use_leave_guard_root() -> (LeaveGuard, Html) {
    let dirty = use_state(|| Rc::new(Cell::new(false)));
    let pending = use_state(|| None::<Callback<()>>);
    let ask = {
        let pending = pending.clone();
        use_callback((), move |leave: Callback<()>, _| pending.set(Some(leave)))
    };
    let guard = LeaveGuard {
        dirty: (*dirty).clone(),
        ask,
    };
    let dialog = match &*pending {
        None => html! {},
        Some(leave) => {
            let on_stay = {
                let pending = pending.clone();
                Callback::from(move |()| pending.set(None))
            };
            let on_leave = {
                let (pending, leave, dirty) = (pending.clone(), leave.clone(), (*dirty).clone());
                Callback::from(move |()| {
                    dirty.set(false);
                    pending.set(None);
                    leave.emit(());
                })
            };
            html! { <ConfirmLeave {on_stay} {on_leave} /> }
        }
    };
    (guard, dialog)
}

#[derive(Properties, PartialEq)]
pub struct ConfirmLeaveProps {
    pub on_stay: Callback<()>,
    pub on_leave: Callback<()>,
}

/// "You have unsaved changes": Stay (the default, and Esc) or Discard changes.
#[component]
pub fn ConfirmLeave(props: &ConfirmLeaveProps) -> Html {
    let lang = use_lang();
    let stay_ref = use_node_ref();
    {
        let stay_ref = stay_ref.clone();
        use_effect_with((), move |_| {
            if let Some(stay) = stay_ref.cast::<web_sys::HtmlElement>() {
                let _ = stay.focus();
            }
        });
    }
    let stay = props.on_stay.reform(|_: MouseEvent| ());
    let leave = props.on_leave.reform(|_: MouseEvent| ());
    let onkeydown = {
        let on_stay = props.on_stay.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                on_stay.emit(());
            }
        })
    };
    html! {
        <div class="dialog-backdrop">
            <div class="dialog confirm-leave" role="alertdialog" aria-modal="true"
                aria-labelledby="confirm-leave-title" aria-describedby="confirm-leave-text" {onkeydown}>
                <h2 id="confirm-leave-title">{t(lang, Text::UnsavedTitle)}</h2>
                <p id="confirm-leave-text">{t(lang, Text::UnsavedText)}</p>
                <div class="dialog-buttons">
                    <button type="button" class="primary" ref={stay_ref} onclick={stay}>{t(lang, Text::Stay)}</button>
                    <button type="button" class="danger" onclick={leave}>{t(lang, Text::LeaveDiscard)}</button>
                </div>
            </div>
        </div>
    }
}
