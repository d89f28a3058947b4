//! The "Sales & Purchase" tab (spec C17–C18): salesperson, payment terms and pricelist for
//! sales; payment terms and the receipt-reminder switch for purchases. The choices come from
//! the workspace settings' reference lists and are stored with Save.

use clientele_model::{CommandError, CustomerDraft};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::use_lang;
use super::form_fields::FormFields;
use super::form_state::{edit_draft, Edit, ReferenceLists};
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
    let fields = FormFields::new(lang, props.error.as_ref(), "customer");
    let choose = |set: fn(&mut CustomerDraft, Option<String>)| edit_draft(&props.on_edit, set);
    let on_reminder = edit_draft(&props.on_edit, |d, on| d.receipt_reminder = on)
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    let lists = &props.lists;
    html! {
        <div class="sales-tab">
            <fieldset class="sales">
                <legend>{t(lang, Text::Sales)}</legend>
                {fields.field("salesperson_id", Text::Salesperson).select(&lists.salespeople,
                    draft.salesperson_id.as_deref(), choose(|d, v| d.salesperson_id = v))}
                {fields.field("payment_terms_id", Text::PaymentTerms).select(&lists.payment_terms,
                    draft.payment_terms_id.as_deref(), choose(|d, v| d.payment_terms_id = v))}
                {fields.field("pricelist_id", Text::Pricelist).select(&lists.pricelists,
                    draft.pricelist_id.as_deref(), choose(|d, v| d.pricelist_id = v))}
            </fieldset>
            <fieldset class="purchase">
                <legend>{t(lang, Text::PurchaseSection)}</legend>
                {fields.field("purchase_payment_terms_id", Text::PurchasePaymentTerms).select(
                    &lists.payment_terms, draft.purchase_payment_terms_id.as_deref(),
                    choose(|d, v| d.purchase_payment_terms_id = v))}
                <div class="field switch">
                    <label for="customer-receipt_reminder">{t(lang, Text::ReceiptReminder)}</label>
                    <input id="customer-receipt_reminder" type="checkbox" role="switch"
                        checked={draft.receipt_reminder} onchange={on_reminder} />
                </div>
            </fieldset>
        </div>
    }
}
