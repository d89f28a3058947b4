//! The top bar's update banner: "Version X is ready: restart to update" with a Restart button
//! once the shell has downloaded and verified a newer version, or a warning when a downloaded
//! file did not match its signature and was refused (this version keeps working). Nothing
//! otherwise. Asks the shell at start, then follows its `UpdateStatusChanged` events.

use clientele_model::commands::{
    GetUpdateStatus, NoArgs, RestartToUpdate, UpdateStatus, UpdateStatusChanged,
};
use yew::prelude::*;

use super::app::use_lang;
use crate::i18n::{t, Text};

#[component]
pub fn UpdateBanner() -> Html {
    let lang = use_lang();
    let status = use_state(UpdateStatus::default);
    // restarting: the install runs; a failure comes back as its message.
    let restarting = use_state(|| false);
    let error = use_state(|| None::<String>);
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            // An event is newer than the answer to the first question, whichever arrives first.
            let heard = std::rc::Rc::new(std::cell::Cell::new(false));
            let (asked, asked_heard) = (status.clone(), heard.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(now) = crate::ipc::call::<GetUpdateStatus>(&NoArgs {}).await {
                    if !asked_heard.get() {
                        asked.set(now);
                    }
                }
            });
            let listener = crate::events::listen::<UpdateStatusChanged>(move |now| {
                heard.set(true);
                status.set(now);
            });
            move || drop(listener)
        });
    }
    let restart = {
        let (restarting, error) = (restarting.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (restarting, error) = (restarting.clone(), error.clone());
            restarting.set(true);
            error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                // On success the app restarts and this never answers.
                if let Err(failed) = crate::ipc::call::<RestartToUpdate>(&NoArgs {}).await {
                    error.set(Some(failed.message));
                    restarting.set(false);
                }
            });
        })
    };
    match &*status {
        UpdateStatus::Idle => html! {},
        UpdateStatus::Ready { version } => html! {
            <span class="update-banner ready" role="status" data-testid="update-banner"
                title={(*error).clone().unwrap_or_default()}>
                {t(lang, Text::UpdateReady).replace("{version}", version)}
                <button type="button" class="update-restart" disabled={*restarting} onclick={restart}>
                    {t(lang, if *restarting { Text::UpdateRestarting } else { Text::UpdateRestart })}
                </button>
                if error.is_some() {
                    <span class="update-failed">{" ⚠ "}{t(lang, Text::UpdateInstallFailed)}</span>
                }
            </span>
        },
        UpdateStatus::Refused { version, reason } => html! {
            <span class="update-banner refused" role="alert" data-testid="update-banner" title={reason.clone()}>
                {"⚠ "}{t(lang, Text::UpdateRefused).replace("{version}", version)}
            </span>
        },
    }
}
