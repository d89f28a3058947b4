//! The search box: the facet chips of the filters and grouping in force (removable with × or
//! Backspace in an empty box), then the text. The first key searches at once (results repaint
//! within a frame or two); keys that follow within 50 ms are gathered and the latest text is
//! sent when the window ends, so a burst of keys asks two queries instead of one per letter.

use wasm_bindgen::prelude::*;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::use_lang;
use super::facets::{Facet, FacetKey};
use crate::i18n::{t, Text};

/// How long the box gathers further keys after sending a search (a search takes ~10 ms in the
/// replica at 100,000 customers, so a short window is enough to spare it a query per letter).
pub const GATHER_MS: i32 = 50;

#[derive(Properties, PartialEq)]
pub struct SearchBarProps {
    /// The search in force (a saved search may change it).
    pub search: String,
    pub facets: Vec<Facet>,
    pub on_search: Callback<String>,
    pub on_remove: Callback<FacetKey>,
}

/// The throttle's state: the open window's timeout, and the text typed during it (if any).
#[derive(Default)]
struct Window {
    timeout: Option<(i32, Closure<dyn FnMut()>)>,
    waiting: Option<String>,
}

/// Sends a text at once when no window is open, then opens a `GATHER_MS` window; texts typed
/// during it are held and the latest is sent when it ends (which opens the next window).
#[hook]
fn use_throttle(on_search: Callback<String>) -> Callback<String> {
    let window = use_mut_ref(Window::default);
    {
        let window = window.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some((handle, _)) = window.borrow_mut().timeout.take() {
                    if let Some(browser) = web_sys::window() {
                        browser.clear_timeout_with_handle(handle);
                    }
                }
            }
        });
    }
    Callback::from(move |text: String| {
        if window.borrow().timeout.is_some() {
            window.borrow_mut().waiting = Some(text);
            return;
        }
        send_and_open(&window, &on_search, text);
    })
}

/// Sends `text` and opens a window that sends whatever was typed during it when it ends.
fn send_and_open(
    window: &std::rc::Rc<std::cell::RefCell<Window>>,
    on_search: &Callback<String>,
    text: String,
) {
    on_search.emit(text);
    let Some(browser) = web_sys::window() else {
        return;
    };
    let closure = {
        let window = window.clone();
        let on_search = on_search.clone();
        Closure::<dyn FnMut()>::new(move || {
            let waiting = {
                let mut state = window.borrow_mut();
                state.timeout = None;
                state.waiting.take()
            };
            if let Some(text) = waiting {
                send_and_open(&window, &on_search, text);
            }
        })
    };
    if let Ok(handle) = browser.set_timeout_with_callback_and_timeout_and_arguments_0(
        closure.as_ref().unchecked_ref(),
        GATHER_MS,
    ) {
        window.borrow_mut().timeout = Some((handle, closure));
    }
}

#[component]
pub fn SearchBar(props: &SearchBarProps) -> Html {
    let lang = use_lang();
    let text = use_state(|| props.search.clone());
    let throttle = use_throttle(props.on_search.clone());
    // A search set from outside (a saved search) shows in the box.
    {
        let text = text.clone();
        use_effect_with(props.search.clone(), move |search| {
            if *text != *search {
                text.set(search.clone());
            }
        });
    }
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            text.set(value.clone());
            throttle.emit(value);
        })
    };
    let onkeydown = {
        let on_remove = props.on_remove.clone();
        let last = props.facets.last().map(|f| f.key);
        Callback::from(move |e: KeyboardEvent| {
            let empty = e
                .target_dyn_into::<HtmlInputElement>()
                .is_some_and(|i| i.value().is_empty());
            if e.key() == "Backspace" && empty {
                if let Some(key) = last {
                    on_remove.emit(key);
                }
            }
        })
    };
    let chip = |facet: &Facet| {
        let on_remove = props.on_remove.clone();
        let key = facet.key;
        let label = format!("{} {}", t(lang, Text::RemoveFacet), facet.label);
        html! {
            <span class="facet-chip">
                <span class="facet-label">{&facet.label}</span>
                <button type="button" class="facet-remove" aria-label={label}
                    onclick={Callback::from(move |_: MouseEvent| on_remove.emit(key))}>{"×"}</button>
            </span>
        }
    };
    html! {
        <div class="search-bar">
            { for props.facets.iter().map(chip) }
            <input type="search" class="search" aria-label={t(lang, Text::Search)}
                placeholder={t(lang, Text::SearchPlaceholder)}
                value={(*text).clone()} {oninput} {onkeydown} />
        </div>
    }
}
