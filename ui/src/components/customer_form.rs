//! The customer form (minimal for now: kind, name, email, phone) with Save / Discard and inline
//! errors under each field, taken from the shell's typed error.

use clientele_model::{CommandError, Customer, CustomerDraft, CustomerKind, ErrorCode};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::use_lang;
use crate::i18n::{t, Lang, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct CustomerFormProps {
    pub on_saved: Callback<Customer>,
    pub on_discard: Callback<()>,
}

/// The message shown under `field`, in the user's language.
fn field_message(lang: Lang, error: &CommandError, field: &str) -> Option<String> {
    let problem = error.problem_for(field)?;
    let text = match problem {
        "required" => Text::ErrRequired,
        "too_long" => Text::ErrTooLong,
        p if p.contains("email") => Text::ErrEmail,
        p if p.starts_with("phone") => Text::ErrPhone,
        _ => return error.message_for(field).map(str::to_owned),
    };
    Some(t(lang, text).to_owned())
}

#[component]
pub fn CustomerForm(props: &CustomerFormProps) -> Html {
    let lang = use_lang();
    let draft = use_state(CustomerDraft::default);
    let error = use_state(|| None::<CommandError>);
    let saving = use_state(|| false);
    let form_ref = use_node_ref();

    // After a refused save, put the cursor in the first field in error.
    {
        let form_ref = form_ref.clone();
        use_effect_with((*error).clone(), move |error| {
            if error.is_some() {
                if let Some(form) = form_ref.cast::<web_sys::Element>() {
                    if let Ok(Some(first)) = form.query_selector("[aria-invalid=true]") {
                        if let Ok(input) = first.dyn_into::<web_sys::HtmlElement>() {
                            let _ = input.focus();
                        }
                    }
                }
            }
        });
    }

    let save = {
        let draft = draft.clone();
        let error = error.clone();
        let saving = saving.clone();
        let on_saved = props.on_saved.clone();
        Callback::from(move |()| {
            if *saving {
                return;
            }
            saving.set(true);
            let (draft, error, saving, on_saved) = (
                (*draft).clone(),
                error.clone(),
                saving.clone(),
                on_saved.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = ipc::create_customer(draft).await;
                saving.set(false);
                match result {
                    Ok(customer) => on_saved.emit(customer),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let onsubmit = {
        let save = save.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save.emit(());
        })
    };
    let onkeydown = {
        let save = save.clone();
        let on_discard = props.on_discard.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() && e.key().eq_ignore_ascii_case("s") {
                e.prevent_default();
                save.emit(());
            } else if e.key() == "Escape" {
                on_discard.emit(());
            }
        })
    };
    let discard = {
        let on_discard = props.on_discard.clone();
        Callback::from(move |_: MouseEvent| on_discard.emit(()))
    };
    let set_kind = |kind: CustomerKind| {
        let draft = draft.clone();
        Callback::from(move |_: Event| {
            draft.set(CustomerDraft {
                kind,
                ..(*draft).clone()
            })
        })
    };
    let text_field = |field: &'static str, label: Text, input_type: &'static str| {
        let value = match field {
            "name" => draft.name.clone(),
            "email" => draft.email.clone(),
            _ => draft.phone.clone(),
        };
        let oninput = {
            let draft = draft.clone();
            Callback::from(move |e: InputEvent| {
                let value = e.target_unchecked_into::<HtmlInputElement>().value();
                let mut next = (*draft).clone();
                match field {
                    "name" => next.name = value,
                    "email" => next.email = value,
                    _ => next.phone = value,
                }
                draft.set(next);
            })
        };
        let message = error.as_ref().and_then(|e| field_message(lang, e, field));
        let id = format!("customer-{field}");
        let error_id = format!("{id}-error");
        html! {
            <div class={classes!("field", message.is_some().then_some("has-error"))}>
                <label for={id.clone()}>{t(lang, label)}</label>
                <input id={id} name={field} type={input_type} {value} {oninput}
                    aria-invalid={message.is_some().to_string()}
                    aria-describedby={message.is_some().then(|| error_id.clone())} />
                if let Some(message) = message {
                    <p class="field-error" id={error_id} role="alert">{message}</p>
                }
            </div>
        }
    };
    let general_error = error
        .as_ref()
        .filter(|e| e.code != ErrorCode::Validation)
        .map(|e| format!("{}: {}", t(lang, Text::CouldNotSave), e.message));
    html! {
        <form class="customer-form" ref={form_ref} {onsubmit} {onkeydown} novalidate=true
            aria-label={t(lang, Text::NewCustomer)}>
            <div class="form-header">
                <span class="breadcrumb">{t(lang, Text::Customers)}{" / "}{t(lang, Text::NewCustomer)}</span>
                <span class="spacer" />
                <button type="submit" class="primary" disabled={*saving}>{t(lang, Text::Save)}</button>
                <button type="button" onclick={discard}>{t(lang, Text::Discard)}</button>
            </div>
            if let Some(message) = general_error {
                <p class="form-error" role="alert">{message}</p>
            }
            <fieldset class="kind">
                <legend>{t(lang, Text::Kind)}</legend>
                <label>
                    <input type="radio" name="kind" checked={draft.kind == CustomerKind::Individual}
                        onchange={set_kind(CustomerKind::Individual)} />
                    {t(lang, Text::Individual)}
                </label>
                <label>
                    <input type="radio" name="kind" checked={draft.kind == CustomerKind::Company}
                        onchange={set_kind(CustomerKind::Company)} />
                    {t(lang, Text::Company)}
                </label>
            </fieldset>
            {text_field("name", Text::CustomerName, "text")}
            {text_field("email", Text::Email, "email")}
            {text_field("phone", Text::Phone, "tel")}
        </form>
    }
}
