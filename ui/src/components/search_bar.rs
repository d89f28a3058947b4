//! The search box: the facet chips of the filters and grouping in force (removable with × or
//! Backspace in an empty box), then the text, sent to the replica 150 ms after the last key so
//! fast typing asks one query instead of one per letter.

use wasm_bindgen::prelude::*;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::use_lang;
use super::facets::{Facet, FacetKey};
use crate::i18n::{t, Text};

/// How long the box waits after the last key before searching.
pub const DEBOUNCE_MS: i32 = 150;

#[derive(Properties, PartialEq)]
pub struct SearchBarProps {
    /// The search in force (a saved search may change it).
    pub search: String,
    pub facets: Vec<Facet>,
    pub on_search: Callback<String>,
    pub on_remove: Callback<FacetKey>,
}

/// A pending timeout and the closure it will call.
type Pending = Option<(i32, Closure<dyn FnMut()>)>;

/// Calls the latest callback given to it once nothing new came for `DEBOUNCE_MS`.
#[hook]
fn use_debounce() -> Callback<Box<dyn FnOnce()>> {
    let pending = use_mut_ref(|| Pending::None);
    {
        let pending = pending.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some((handle, _)) = pending.borrow_mut().take() {
                    if let Some(window) = web_sys::window() {
                        window.clear_timeout_with_handle(handle);
                    }
                }
            }
        });
    }
    Callback::from(move |run: Box<dyn FnOnce()>| {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some((handle, _)) = pending.borrow_mut().take() {
            window.clear_timeout_with_handle(handle);
        }
        let mut run = Some(run);
        let closure = Closure::<dyn FnMut()>::new(move || {
            if let Some(run) = run.take() {
                run();
            }
        });
        if let Ok(handle) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            closure.as_ref().unchecked_ref(),
            DEBOUNCE_MS,
        ) {
            *pending.borrow_mut() = Some((handle, closure));
        }
    })
}

#[component]
pub fn SearchBar(props: &SearchBarProps) -> Html {
    let lang = use_lang();
    let text = use_state(|| props.search.clone());
    let debounce = use_debounce();
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
        let on_search = props.on_search.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            text.set(value.clone());
            let on_search = on_search.clone();
            debounce.emit(Box::new(move || on_search.emit(value)));
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
