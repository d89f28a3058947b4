//! What the window shows when this device's key cannot read its local database (another key,
//! a reset keychain): what happened, and "Re-sync from the server", which sets the file aside
//! (kept, not deleted) and restarts the app to download the customers again. The key itself
//! never reaches the UI; the shell only says that the file cannot be read.

use clientele_model::commands::{GetAppInfo, NoArgs, ResyncReplica};
use yew::prelude::*;

use super::app::use_lang;
use crate::i18n::{t, Text};
use crate::ipc;

/// The shell's message when the local database cannot be read (`AppInfo.replica_unreadable`),
/// once the shell has answered.
#[hook]
pub fn use_unreadable_replica() -> UseStateHandle<Option<String>> {
    let unreadable = use_state(|| None::<String>);
    {
        let unreadable = unreadable.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(info) = ipc::call::<GetAppInfo>(&NoArgs {}).await {
                    if info.replica_unreadable.is_some() {
                        unreadable.set(info.replica_unreadable);
                    }
                }
            });
        });
    }
    unreadable
}

#[derive(Properties, PartialEq)]
pub struct ResyncScreenProps {
    /// The shell's words for what happened (which file, why).
    pub message: String,
}

#[component]
pub fn ResyncScreen(props: &ResyncScreenProps) -> Html {
    let lang = use_lang();
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let resync = {
        let (busy, error) = (busy.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            busy.set(true);
            let (busy, error) = (busy.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // On success the app restarts; only a refusal comes back.
                if let Err(refused) = ipc::call::<ResyncReplica>(&NoArgs {}).await {
                    error.set(Some(refused.message));
                    busy.set(false);
                }
            });
        })
    };
    html! {
        <section class="resync" role="alertdialog" aria-labelledby="resync-title"
            aria-describedby="resync-explain">
            <h1 id="resync-title">{t(lang, Text::ResyncTitle)}</h1>
            <p id="resync-explain">{t(lang, Text::ResyncExplain)}</p>
            <p class="resync-detail">{&props.message}</p>
            <button type="button" class="primary" onclick={resync} disabled={*busy}>
                {t(lang, if *busy { Text::ResyncWorking } else { Text::ResyncButton })}
            </button>
            if let Some(error) = &*error {
                <p class="load-error" role="alert">{error}</p>
            }
        </section>
    }
}
