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
