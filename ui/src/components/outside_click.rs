//! Closing a dropdown or popover when the user presses the mouse outside it, as menus do: a
//! window listener that lives only while the panel is open.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// Calls `on_outside` when a mouse press lands outside `container`, while `active`.
#[hook]
pub fn use_outside_click(container: NodeRef, active: bool, on_outside: Callback<()>) {
    use_effect_with(active, move |active| {
        let listening = active.then(|| {
            let handler = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                let inside = container
                    .get()
                    .is_some_and(|c| target.is_some_and(|t| c.contains(Some(&t))));
                if !inside {
                    on_outside.emit(());
                }
            });
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window.add_event_listener_with_callback(
                    "mousedown",
                    handler.as_ref().unchecked_ref(),
                );
            }
            (window, handler)
        });
        move || {
            if let Some((Some(window), handler)) = listening {
                let _ = window.remove_event_listener_with_callback(
                    "mousedown",
                    handler.as_ref().unchecked_ref(),
                );
            }
        }
    });
}

/// A popover's open state and the ways to close it: a press outside `container`, Escape
/// (`onkeydown` on the container), `close`, or `toggle` again.
pub struct Popover {
    pub open: bool,
    pub container: NodeRef,
    pub toggle: Callback<()>,
    pub close: Callback<()>,
    pub onkeydown: Callback<KeyboardEvent>,
}

/// A closed popover, closed again by a press outside it or Escape.
#[hook]
pub fn use_popover() -> Popover {
    let open = use_state(|| false);
    let container = use_node_ref();
    let close = {
        let open = open.clone();
        Callback::from(move |()| open.set(false))
    };
    use_outside_click(container.clone(), *open, close.clone());
    let toggle = {
        let open = open.clone();
        Callback::from(move |()| open.set(!*open))
    };
    let onkeydown = {
        let close = close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                close.emit(());
            }
        })
    };
    Popover {
        open: *open,
        container,
        toggle,
        close,
        onkeydown,
    }
}
