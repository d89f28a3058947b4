//! The Register payment dialog of an invoice: amount (prefilled with what is left to pay,
//! read with `parse_vnd`), date, method (cash or bank transfer) and reference; it sends
//! `register_payment` allocating the amount to the invoice. A refusal is shown beside its
//! field, or at the top naming the field (e.g. the allocations), and the dialog stays open.

use clientele_model::commands::{RegisterPayment, RegisterPaymentArgs};
use clientele_model::sales::{parse_vnd, Allocation, Invoice, PaymentDraft, PaymentMethod};
use clientele_model::{CommandError, ErrorCode};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::app::use_lang;
use super::order_state::price_text;
use crate::i18n::{t, Lang, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct PaymentDialogProps {
    pub invoice: Invoice,
    /// The payment was registered.
    pub on_done: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// The words for a field a refusal names.
fn field_label(lang: Lang, field: &str) -> &'static str {
    match field {
        "amount" => t(lang, Text::SalesAmount),
        "date" => t(lang, Text::SalesPaymentDate),
        "method" => t(lang, Text::SalesMethod),
        "reference" => t(lang, Text::SalesReference),
        _ => t(lang, Text::SalesAllocations),
    }
}

#[component]
pub fn PaymentDialog(props: &PaymentDialogProps) -> Html {
    let lang = use_lang();
    let amount = use_state(|| price_text(props.invoice.residual));
    let date = use_state(ipc::local_today);
    let method = use_state(PaymentMethod::default);
    let reference = use_state(String::new);
    let error = use_state(|| None::<CommandError>);
    let busy = use_state(|| false);
    let text_input = |value: &UseStateHandle<String>| {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            value.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_method = {
        let method = method.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            method.set(PaymentMethod::parse(&value).unwrap_or_default());
        })
    };
    let submit = {
        let (amount, date, method, reference) = (
            amount.clone(),
            date.clone(),
            method.clone(),
            reference.clone(),
        );
        let (error, busy, invoice) = (error.clone(), busy.clone(), props.invoice.clone());
        let on_done = props.on_done.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = match parse_vnd(&amount) {
                Ok(value) => value,
                Err(refused) => {
                    error.set(Some(CommandError {
                        field: Some("amount".to_owned()),
                        ..CommandError::new(ErrorCode::Validation, refused.to_string())
                    }));
                    return;
                }
            };
            let payment = PaymentDraft {
                customer_id: invoice.customer_id.clone(),
                date: (*date).clone(),
                amount: value,
                method: *method,
                reference: (*reference).clone(),
                allocations: vec![Allocation {
                    invoice_id: invoice.id.clone(),
                    amount: value,
                }],
            };
            let (error, busy, on_done) = (error.clone(), busy.clone(), on_done.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let answer = ipc::call::<RegisterPayment>(&RegisterPaymentArgs { payment }).await;
                busy.set(false);
                match answer {
                    Ok(_) => on_done.emit(()),
                    Err(refused) => error.set(Some(refused)),
                }
            });
        })
    };
    let beside = |field: &str| match &*error {
        Some(e) if e.field.as_deref() == Some(field) => html! {
            <p class="field-error" role="alert" id={format!("payment-{field}-error")}
                data-field={field.to_owned()}>{&e.message}</p>
        },
        _ => html! {},
    };
    let own_fields = ["amount", "date", "method", "reference"];
    let top = (*error)
        .as_ref()
        .filter(|e| !own_fields.contains(&e.field.as_deref().unwrap_or("")))
        .map(|e| {
            let field = e.field.clone().unwrap_or_default();
            let label = if field.is_empty() {
                t(lang, Text::SalesCouldNotSave)
            } else {
                field_label(lang, &field)
            };
            html! {
                <p class="form-error payment-error" role="alert" data-field={field}>
                    {label}{": "}{&e.message}
                </p>
            }
        });
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let on_key = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_cancel.emit(())
            }
        })
    };
    html! {
        <div class="dialog-backdrop">
            <form class="dialog payment-dialog" role="dialog" aria-modal="true" onkeydown={on_key}
                aria-label={t(lang, Text::SalesRegisterPayment)} onsubmit={submit} novalidate=true>
                <h2>{t(lang, Text::SalesRegisterPayment)}</h2>
                {top}
                <div class="field">
                    <label for="payment-amount">{t(lang, Text::SalesAmount)}</label>
                    <input id="payment-amount" inputmode="numeric" value={(*amount).clone()}
                        oninput={text_input(&amount)}
                        aria-invalid={(error.as_ref().and_then(|e| e.field.as_deref()) == Some("amount")).to_string()} />
                    {beside("amount")}
                </div>
                <div class="field">
                    <label for="payment-date">{t(lang, Text::SalesPaymentDate)}</label>
                    <input id="payment-date" type="date" value={(*date).clone()} oninput={text_input(&date)} />
                    {beside("date")}
                </div>
                <div class="field">
                    <label for="payment-method">{t(lang, Text::SalesMethod)}</label>
                    <select id="payment-method" onchange={on_method}>
                        <option value="cash" selected={*method == PaymentMethod::Cash}>{t(lang, Text::SalesCash)}</option>
                        <option value="transfer" selected={*method == PaymentMethod::Transfer}>{t(lang, Text::SalesTransfer)}</option>
                    </select>
                    {beside("method")}
                </div>
                <div class="field">
                    <label for="payment-reference">{t(lang, Text::SalesReference)}</label>
                    <input id="payment-reference" value={(*reference).clone()} oninput={text_input(&reference)} />
                    {beside("reference")}
                </div>
                <div class="dialog-buttons">
                    <button type="submit" class="primary" disabled={*busy}>{t(lang, Text::SalesCreatePayment)}</button>
                    <button type="button" onclick={cancel}>{t(lang, Text::Discard)}</button>
                </div>
            </form>
        </div>
    }
}
