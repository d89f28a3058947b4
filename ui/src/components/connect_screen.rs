//! "Connect to your team": the screen a device shows when a server is configured but it has no
//! token yet (first run of a managed install), after the server signed it out, or when the
//! user asks to join a team. The server's address (prefilled, read-only when IT locked it) and
//! the one-time enrolment code a manager issued go to the shell, which exchanges the code for
//! this device's own token and starts syncing. "Work offline" keeps using the app without one.

use clientele_model::commands::{AppInfo, Enrol, EnrolArgs};
use clientele_model::CommandError;
use yew::prelude::*;

use super::app::use_lang;
use super::text_input::text_input;
use crate::i18n::{t, Lang, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct ConnectScreenProps {
    /// The server to prefill (the configured or managed one); empty when none.
    #[prop_or_default]
    pub server: String,
    /// IT locked the server: it is shown, not edited.
    #[prop_or_default]
    pub locked: bool,
    /// The server signed this device out (revoked token, disabled user): say so first.
    #[prop_or_default]
    pub signed_out: bool,
    /// The device is connected: the app's information as it now stands.
    pub on_connected: Callback<AppInfo>,
    /// The user chose to work offline without a server.
    pub on_offline: Callback<()>,
}

/// The words for an enrolment refusal on `field`, in the user's language.
fn refusal(lang: Lang, error: &CommandError, field: &str) -> Option<String> {
    let problem = error.problem_for(field)?;
    let words = match problem {
        "bad_server" => Text::ConnectErrServer,
        "unreachable" => Text::ConnectErrUnreachable,
        "no_code" | "enrolment_code_missing" => Text::ConnectErrNoCode,
        "enrolment_code_used" => Text::ConnectErrUsed,
        "enrolment_code_expired" => Text::ConnectErrExpired,
        "enrolment_code_unknown" => Text::ConnectErrUnknown,
        "user_disabled" => Text::ConnectErrDisabled,
        // Anything else: the shell's own message, which says what to do.
        _ => return error.message_for(field).map(str::to_owned),
    };
    Some(t(lang, words).to_owned())
}

#[component]
pub fn ConnectScreen(props: &ConnectScreenProps) -> Html {
    let lang = use_lang();
    let server = use_state(|| props.server.clone());
    let code = use_state(String::new);
    let device = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<CommandError>);
    let submit = {
        let (server, code, device, busy, error) = (
            server.clone(),
            code.clone(),
            device.clone(),
            busy.clone(),
            error.clone(),
        );
        let on_connected = props.on_connected.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let args = EnrolArgs {
                server: (*server).clone(),
                code: (*code).clone(),
                device_name: (*device).clone(),
            };
            busy.set(true);
            let (busy, error, on_connected) = (busy.clone(), error.clone(), on_connected.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = ipc::call::<Enrol>(&args).await;
                busy.set(false);
                match answer {
                    Ok(info) => {
                        error.set(None);
                        on_connected.emit(info);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let offline = {
        let on_offline = props.on_offline.clone();
        Callback::from(move |_: MouseEvent| on_offline.emit(()))
    };
    let error_for = |field: &str| (*error).as_ref().and_then(|e| refusal(lang, e, field));
    let other = (*error).as_ref().and_then(|e| {
        ["server", "code"]
            .iter()
            .all(|f| e.problem_for(f).is_none() && e.field.as_deref() != Some(f))
            .then(|| e.message.clone())
    });
    html! {
        <section class="connect-screen" aria-labelledby="connect-title">
            <h1 id="connect-title">{t(lang, Text::ConnectTitle)}</h1>
            if props.signed_out {
                <p class="connect-signed-out" role="alert">{t(lang, Text::ConnectSignedOut)}</p>
            }
            <p class="connect-intro">{t(lang, Text::ConnectIntro)}</p>
            <form class="connect-form" onsubmit={submit}>
                <label for="connect-server">{t(lang, Text::ConnectServer)}</label>
                <input id="connect-server" type="url" placeholder="https://sync.example.vn"
                    value={(*server).clone()} readonly={props.locked}
                    oninput={text_input(&server)}
                    aria-invalid={error_for("server").is_some().to_string()} />
                if props.locked {
                    <p class="connect-managed">{t(lang, Text::ConnectServerManaged)}</p>
                }
                if let Some(message) = error_for("server") {
                    <p class="field-error" role="alert">{message}</p>
                }
                <label for="connect-code">{t(lang, Text::ConnectCode)}</label>
                <input id="connect-code" type="text" autocomplete="off" spellcheck="false"
                    placeholder="XXXX-XXXX-XXXX" value={(*code).clone()}
                    oninput={text_input(&code)}
                    aria-invalid={error_for("code").is_some().to_string()} />
                if let Some(message) = error_for("code") {
                    <p class="field-error" role="alert">{message}</p>
                }
                <label for="connect-device">{t(lang, Text::ConnectDeviceName)}</label>
                <input id="connect-device" type="text" value={(*device).clone()}
                    oninput={text_input(&device)} />
                <button type="submit" class="primary" disabled={*busy}>
                    {t(lang, if *busy { Text::ConnectWorking } else { Text::ConnectButton })}
                </button>
                if let Some(message) = other {
                    <p class="field-error" role="alert">{message}</p>
                }
            </form>
            <button type="button" class="connect-offline" onclick={offline}>
                {t(lang, Text::ConnectOffline)}
            </button>
        </section>
    }
}
