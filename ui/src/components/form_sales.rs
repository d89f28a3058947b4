//! The "Sales & Purchase" tab (spec C17–C18): salesperson, payment terms and pricelist for
//! sales; payment terms and the receipt-reminder switch for purchases. The choices come from
//! the workspace settings' reference lists and are stored with Save.

use clientele_model::{CommandError, CustomerDraft};
use std::rc::Rc;
use yew::prelude::*;

use super::app::use_lang;
use super::form_fields::Field;
use super::form_state::{Edit, ReferenceLists};
use crate::i18n::{t, Text};

#[derive(Properties, PartialEq)]
pub struct SalesTabProps {
    pub draft: CustomerDraft,
    pub error: Option<CommandError>,
    pub lists: Rc<ReferenceLists>,
    pub on_edit: Callback<Edit>,
}

#[component]
pub fn SalesTab(props: &SalesTabProps) -> Html {
    let lang = use_lang();
    let draft = &props.draft;
    let field = |name: &'static str, label: Text| Field {
        lang,
        error: props.error.as_ref(),
        prefix: "customer",
        name,
        label,
    };
    let choice = |set: fn(&mut CustomerDraft, Option<String>)| {
        let on_edit = props.on_edit.clone();
        Callback::from(move |value: Option<String>| {
            let value = Rc::new(value);
            on_edit.emit(Rc::new(move |d: &mut CustomerDraft| {
                set(d, (*value).clone())
            }))
        })
    };
    let on_reminder = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            on_edit.emit(Rc::new(move |d: &mut CustomerDraft| {
                d.receipt_reminder = on
            }))
        })
    };
    let lists = &props.lists;
    html! {
        <div class="sales-tab">
            <fieldset class="sales">
                <legend>{t(lang, Text::Sales)}</legend>
                {field("salesperson_id", Text::Salesperson).select(&lists.salespeople,
                    draft.salesperson_id.as_deref(), choice(|d, v| d.salesperson_id = v))}
                {field("payment_terms_id", Text::PaymentTerms).select(&lists.payment_terms,
                    draft.payment_terms_id.as_deref(), choice(|d, v| d.payment_terms_id = v))}
                {field("pricelist_id", Text::Pricelist).select(&lists.pricelists,
                    draft.pricelist_id.as_deref(), choice(|d, v| d.pricelist_id = v))}
            </fieldset>
            <fieldset class="purchase">
                <legend>{t(lang, Text::PurchaseSection)}</legend>
                {field("purchase_payment_terms_id", Text::PurchasePaymentTerms).select(
                    &lists.payment_terms, draft.purchase_payment_terms_id.as_deref(),
                    choice(|d, v| d.purchase_payment_terms_id = v))}
                <div class="field switch">
                    <label for="customer-receipt_reminder">{t(lang, Text::ReceiptReminder)}</label>
                    <input id="customer-receipt_reminder" type="checkbox" role="switch"
                        checked={draft.receipt_reminder} onchange={on_reminder} />
                </div>
            </fieldset>
        </div>
    }
}
