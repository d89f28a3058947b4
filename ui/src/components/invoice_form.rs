//! The invoice form: number (provisional muted), state, date, the lines with their subtotals,
//! the untaxed / tax / total and what is left to pay (Dư nợ / Amount due); Post
//! (`post_invoice`) on a draft and Register payment (a dialog, see `payment_dialog`) on a
//! posted invoice with something left to pay.

use clientele_model::commands::{GetInvoice, PostInvoice, RecordIdArgs};
use clientele_model::sales::{line_amounts, Invoice, InvoiceState};
use clientele_model::CommandError;
use yew::prelude::*;

use super::app::use_lang;
use super::order_lines::vat_label;
use super::order_state::LineInput;
use super::payment_dialog::PaymentDialog;
use super::sales_rows::{invoice_state_text, number_html, shown_number};
use crate::format::{format_amount, format_date};
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct InvoiceFormProps {
    pub id: String,
}

#[component]
pub fn InvoiceForm(props: &InvoiceFormProps) -> Html {
    let lang = use_lang();
    let open_customer = super::workspace::use_workspace().map(|w| w.open_customer);
    let invoice = use_state(|| None::<Invoice>);
    let error = use_state(|| None::<CommandError>);
    let paying = use_state(|| false);
    // Bumped to read the invoice again (after a payment).
    let reload = use_state(|| 0u32);
    {
        let (invoice, error) = (invoice.clone(), error.clone());
        use_effect_with((props.id.clone(), *reload), move |(id, _)| {
            let id = id.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call::<GetInvoice>(&RecordIdArgs { id }).await {
                    Ok(found) => invoice.set(Some(found)),
                    Err(e) => error.set(Some(e)),
                }
            });
        });
    }
    let post = {
        let (invoice, error, id) = (invoice.clone(), error.clone(), props.id.clone());
        Callback::from(move |_: MouseEvent| {
            let (invoice, error, id) = (invoice.clone(), error.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call::<PostInvoice>(&RecordIdArgs { id }).await {
                    Ok(posted) => {
                        error.set(None);
                        invoice.set(Some(posted));
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let open_payment = {
        let paying = paying.clone();
        Callback::from(move |_: MouseEvent| paying.set(true))
    };
    let close_payment = {
        let paying = paying.clone();
        Callback::from(move |()| paying.set(false))
    };
    let paid = {
        let (paying, reload) = (paying.clone(), reload.clone());
        Callback::from(move |()| {
            paying.set(false);
            reload.set(reload.wrapping_add(1));
        })
    };
    let top_error = (*error).as_ref().map(|e| {
        html! { <p class="form-error" role="alert">{t(lang, Text::SalesCouldNotSave)}{": "}{&e.message}</p> }
    });
    let Some(shown) = (*invoice).clone() else {
        return html! {
            <div class="invoice-form">
                {top_error.unwrap_or_else(|| html! { <p class="loading">{t(lang, Text::Loading)}</p> })}
            </div>
        };
    };
    let (number, provisional) = shown_number(&shown.number, &shown.provisional_number);
    // The customer opens in one click (C8).
    let customer_link = open_customer.map(|open| {
        let id = shown.customer_id.clone();
        let onclick = Callback::from(move |_: MouseEvent| open.emit(id.clone()));
        html! {
            <button type="button" class="link customer-link" title={t(lang, Text::SalesOpenCustomer)}
                {onclick}>{&shown.customer_name}</button>
        }
    });
    let can_pay = shown.state == InvoiceState::Posted && shown.residual > 0;
    html! {
        <div class="invoice-form">
            <div class="form-header">
                <h2 class="invoice-number">{number_html(lang, &number, provisional)}</h2>
                <span class="badge invoice-state">{t(lang, invoice_state_text(shown.state))}</span>
                <span class="spacer" />
                if shown.state == InvoiceState::Draft {
                    <button type="button" class="primary" onclick={post}>{t(lang, Text::SalesPost)}</button>
                }
                if can_pay {
                    <button type="button" class="primary" onclick={open_payment}>{t(lang, Text::SalesRegisterPayment)}</button>
                }
            </div>
            {top_error}
            {customer_link}
            <p class="invoice-date">{t(lang, Text::SalesColDate)}{": "}{format_date(lang, &shown.date)}</p>
            <table class="order-lines invoice-lines">
                <thead><tr>
                    <th>{t(lang, Text::SalesDescription)}</th>
                    <th class="money">{t(lang, Text::SalesQuantity)}</th>
                    <th class="money">{t(lang, Text::SalesUnitPrice)}</th>
                    <th class="money">{t(lang, Text::SalesDiscount)}</th>
                    <th>{t(lang, Text::SalesVat)}</th>
                    <th class="money">{t(lang, Text::SalesSubtotal)}</th>
                </tr></thead>
                <tbody>
                    { for shown.lines.iter().map(|entry| {
                        let typed = LineInput::from_entry(entry);
                        let subtotal = line_amounts(&entry.line).map(|a| format_amount(lang, a.untaxed));
                        html! {
                            <tr key={entry.id.clone()}>
                                <td>{&entry.line.description}</td>
                                <td class="money">{typed.quantity}</td>
                                <td class="money">{format_amount(lang, entry.line.unit_price)}</td>
                                <td class="money">{typed.discount}</td>
                                <td>{vat_label(lang, entry.line.vat)}</td>
                                <td class="money">{subtotal.unwrap_or_default()}</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <dl class="order-totals">
                <dt>{t(lang, Text::SalesUntaxed)}</dt>
                <dd class="money totals-untaxed">{format_amount(lang, shown.totals.untaxed)}</dd>
                <dt>{t(lang, Text::SalesTax)}</dt>
                <dd class="money totals-tax">{format_amount(lang, shown.totals.tax)}</dd>
                <dt>{t(lang, Text::SalesTotal)}</dt>
                <dd class="money totals-total">{format_amount(lang, shown.totals.total)}</dd>
                <dt>{t(lang, Text::SalesAmountDue)}</dt>
                <dd class="money amount-due">{format_amount(lang, shown.residual)}</dd>
            </dl>
            if *paying {
                <PaymentDialog invoice={shown.clone()} on_done={paid} on_cancel={close_payment} />
            }
        </div>
    }
}
