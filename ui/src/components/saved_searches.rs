//! The Favorites dropdown: the user's saved searches (apply one in a click, delete one), and
//! saving the current search, filters and grouping under a name. Kept by the replica in the
//! user's preferences, so they follow the user to every device.

use clientele_model::commands::{
    DeleteSavedSearch, DeleteSavedSearchArgs, GetSavedSearches, NoArgs, SaveSearch, SaveSearchArgs,
    SavedSearch,
};
use clientele_model::CommandError;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::use_lang;
use super::dropdown::{use_close_dropdown, Dropdown};
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct SavedSearchesMenuProps {
    /// What "save" stores (its name is typed here).
    pub current: SavedSearch,
    pub on_apply: Callback<SavedSearch>,
}

#[component]
pub fn SavedSearchesMenu(props: &SavedSearchesMenuProps) -> Html {
    let lang = use_lang();
    let label = format!("★ {}", t(lang, Text::FavoritesMenu));
    html! {
        <Dropdown label={label} class="saved-searches-menu">
            <SavedSearchesPanel current={props.current.clone()} on_apply={props.on_apply.clone()} />
        </Dropdown>
    }
}

/// The open panel: loads the list when it opens.
#[component]
fn SavedSearchesPanel(props: &SavedSearchesMenuProps) -> Html {
    let lang = use_lang();
    let close = use_close_dropdown();
    let searches = use_state(|| None::<Vec<SavedSearch>>);
    let error = use_state(|| None::<CommandError>);
    let name = use_state(String::new);
    let reload = {
        let (searches, error) = (searches.clone(), error.clone());
        Callback::from(move |()| {
            let (searches, error) = (searches.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call::<GetSavedSearches>(&NoArgs {}).await {
                    Ok(list) => searches.set(Some(list)),
                    Err(e) => {
                        searches.set(Some(Vec::new()));
                        error.set(Some(e));
                    }
                }
            });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with((), move |_| reload.emit(()));
    }
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let save = {
        let (name, error, reload) = (name.clone(), error.clone(), reload.clone());
        let current = props.current.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let search = SavedSearch {
                id: String::new(),
                name: name.trim().to_owned(),
                ..current.clone()
            };
            if search.name.is_empty() {
                return;
            }
            let (name, error, reload) = (name.clone(), error.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call::<SaveSearch>(&SaveSearchArgs { search }).await {
                    Ok(_) => {
                        name.set(String::new());
                        error.set(None);
                        reload.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let entry = |search: &SavedSearch| {
        let apply = {
            let (on_apply, close, search) = (props.on_apply.clone(), close.clone(), search.clone());
            Callback::from(move |_: MouseEvent| {
                on_apply.emit(search.clone());
                close.emit(());
            })
        };
        let delete = {
            let (error, reload, id) = (error.clone(), reload.clone(), search.id.clone());
            Callback::from(move |_: MouseEvent| {
                let (error, reload, id) = (error.clone(), reload.clone(), id.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match ipc::call::<DeleteSavedSearch>(&DeleteSavedSearchArgs { search_id: id })
                        .await
                    {
                        Ok(()) => reload.emit(()),
                        Err(e) => error.set(Some(e)),
                    }
                });
            })
        };
        let delete_label = format!("{} {}", t(lang, Text::DeleteSearch), search.name);
        html! {
            <li class="saved-search" key={search.id.clone()}>
                <button type="button" class="saved-search-apply" onclick={apply}>{&search.name}</button>
                <button type="button" class="saved-search-delete" aria-label={delete_label}
                    onclick={delete}>{"×"}</button>
            </li>
        }
    };
    html! {
        <div class="saved-searches">
            {
                match &*searches {
                    None => html! { <p class="loading">{t(lang, Text::Loading)}</p> },
                    Some(list) if list.is_empty() => html! {
                        <p class="empty">{t(lang, Text::NoSavedSearches)}</p>
                    },
                    Some(list) => html! { <ul class="saved-search-list">{ for list.iter().map(entry) }</ul> },
                }
            }
            <form class="save-search" onsubmit={save}>
                <div class="menu-section">{t(lang, Text::SaveCurrentSearch)}</div>
                <label for="saved-search-name">{t(lang, Text::SearchName)}</label>
                <input id="saved-search-name" type="text" maxlength="64" value={(*name).clone()}
                    oninput={on_name} />
                <button type="submit" class="primary" disabled={name.trim().is_empty()}>{t(lang, Text::Save)}</button>
            </form>
            if let Some(e) = &*error {
                <p class="load-error" role="alert">{t(lang, Text::CouldNotSaveChange)}{": "}{&e.message}</p>
            }
        </div>
    }
}
