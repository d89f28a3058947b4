//! Events the desktop shell sends the window (the `Event`s of `clientele_model::commands`, such
//! as `SyncStatusChanged` and `RecordsChanged`), received through Tauri's `listen` and decoded
//! into their payload type. Outside the shell (browser tests) listening is a no-op.

use clientele_model::Event;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    async fn tauri_listen(event: &str, handler: &js_sys::Function) -> Result<JsValue, JsValue>;
}

/// A subscription; dropping it stops listening.
pub struct Listener {
    unlisten: std::rc::Rc<std::cell::RefCell<Option<js_sys::Function>>>,
    _handler: Closure<dyn FnMut(JsValue)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(unlisten) = self.unlisten.borrow_mut().take() {
            let _ = unlisten.call0(&JsValue::NULL);
        }
    }
}

fn events_present() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"__TAURI__".into()).ok())
        .filter(|t| !t.is_undefined())
        .and_then(|t| js_sys::Reflect::get(&t, &"event".into()).ok())
        .is_some_and(|e| !e.is_undefined())
}

/// Calls `on_payload` with each payload of event `E` until the listener is dropped; a payload
/// that does not decode as `E::Payload` is skipped.
pub fn listen<E: Event>(on_payload: impl Fn(E::Payload) + 'static) -> Listener {
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let payload = js_sys::Reflect::get(&event, &"payload".into()).unwrap_or(JsValue::NULL);
        if let Ok(payload) = serde_wasm_bindgen::from_value::<E::Payload>(payload) {
            on_payload(payload);
        }
    });
    let unlisten = std::rc::Rc::new(std::cell::RefCell::new(None));
    if events_present() {
        let function: js_sys::Function =
            handler.as_ref().unchecked_ref::<js_sys::Function>().clone();
        let slot = unlisten.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(stop) = tauri_listen(E::NAME, &function).await {
                if let Ok(stop) = stop.dyn_into::<js_sys::Function>() {
                    *slot.borrow_mut() = Some(stop);
                }
            }
        });
    }
    Listener {
        unlisten,
        _handler: handler,
    }
}

/// How many times other devices' records arrived (`RecordsChanged`) since the component
/// mounted: a list that asks the replica puts it among what it asks again for, so a sync's
/// records show without reopening the window.
#[yew::hook]
pub fn use_records_changed() -> u32 {
    let changes = yew::use_reducer(|| RecordsArrived(0));
    {
        let dispatcher = changes.dispatcher();
        yew::use_effect_with((), move |_| {
            let listener = listen::<clientele_model::commands::RecordsChanged>(move |_| {
                dispatcher.dispatch(())
            });
            move || drop(listener)
        });
    }
    changes.0
}

/// The count `use_records_changed` keeps.
#[derive(PartialEq)]
struct RecordsArrived(u32);

impl yew::Reducible for RecordsArrived {
    type Action = ();

    fn reduce(self: std::rc::Rc<Self>, _: ()) -> std::rc::Rc<Self> {
        std::rc::Rc::new(RecordsArrived(self.0.wrapping_add(1)))
    }
}
