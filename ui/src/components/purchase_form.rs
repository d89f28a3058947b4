//! The purchase order form (issue 13), so a manager orders stock from a vendor (a customer, as
//! in Odoo) where the sales are made: a new order takes the vendor (the customer picker), the
//! date and the lines of the order form (`order_lines`, the live totals of `order_state`, so the
//! total shown is the one the shell stores) and Save sends `create_purchase_order`; a stored one
//! is shown read-only with Confirm (→ purchase order) and Cancel (`set_purchase_state`). The
//! vendor opens in one click, as the order form's customer does. Refusals never lose the lines.

use clientele_model::commands::{
    CreatePurchaseOrder, CreatePurchaseOrderArgs, GetPurchaseOrder, ListProducts, RecordIdArgs,
    SalesListArgs, SetPurchaseState, SetPurchaseStateArgs,
};
use clientele_model::sales::{Product, PurchaseOrder, PurchaseState, SalesError};
use clientele_model::CommandError;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::use_lang;
use super::customer_picker::CustomerPicker;
use super::order_lines::OrderLines;
use super::order_state::{live_totals, LineInput, OrderAction, OrderForm as Draft};
use super::product_form::{loading, local_refusal, permissions};
use super::sales_rows::{number_html, shown_number};
use crate::format::{format_amount, format_date};
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct PurchaseFormProps {
    /// The purchase order to show; `None` for a new one.
    pub id: Option<String>,
    /// Created, confirmed or cancelled: the order as the shell stored it.
    #[prop_or_default]
    pub on_saved: Callback<PurchaseOrder>,
}

/// What a button of the form asks the shell.
enum Request {
    Create(CreatePurchaseOrderArgs),
    SetState(SetPurchaseStateArgs),
}

/// A callback sending the new order's reducer the action `make` makes of its value.
fn dispatch<T: 'static>(
    draft: &UseReducerHandle<Draft>,
    make: fn(T) -> OrderAction,
) -> Callback<T> {
    let dispatcher = draft.dispatcher();
    Callback::from(move |value| dispatcher.dispatch(make(value)))
}

#[component]
pub fn PurchaseForm(props: &PurchaseFormProps) -> Html {
    let lang = use_lang();
    // The order as the shell holds it (read, or just created).
    let stored = use_state(|| None::<Rc<PurchaseOrder>>);
    // A new order as typed (the vendor is the draft's customer).
    let draft = use_reducer(|| Draft {
        date: ipc::local_today(),
        lines: vec![LineInput::blank()],
        ..Draft::default()
    });
    // The last refusal, and whether a command is on its way.
    let error = use_state(|| None::<CommandError>);
    let busy = use_state(|| false);
    let products = use_state(|| Rc::new(Vec::<Product>::new()));
    // The session may not change purchase orders (a rep).
    let read_only = use_state(|| false);
    {
        let (products, stored, error, read_only, id) = (
            products.clone(),
            stored.clone(),
            error.clone(),
            read_only.clone(),
            props.id.clone(),
        );
        // Once: after a new order is created the form already holds it.
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(may) = permissions().await {
                    read_only.set(!may.edit_purchases);
                }
                if let Some(id) = id {
                    match ipc::call::<GetPurchaseOrder>(&RecordIdArgs { id }).await {
                        Ok(order) => stored.set(Some(Rc::new(order))),
                        Err(refused) => error.set(Some(refused)),
                    }
                }
                if let Ok(list) = ipc::call::<ListProducts>(&SalesListArgs::default()).await {
                    products.set(Rc::new(list));
                }
            });
        });
    }
    let open_customer = super::workspace::use_workspace().map(|w| w.open_customer);
    let read_only = *read_only;
    let order = (*stored).clone();
    // (Every hook above: none may come after this return.)
    if props.id.is_some() && order.is_none() {
        return loading(lang, error.as_ref());
    }
    // Save (`None`: create the order) or a new state for the stored one.
    let act = |to: Option<PurchaseState>| {
        let (draft, stored, error, busy) =
            (draft.clone(), stored.clone(), error.clone(), busy.clone());
        let on_saved = props.on_saved.clone();
        Callback::from(move |_: MouseEvent| {
            let request = match (&*stored, to, &draft.customer, draft.draft()) {
                (Some(order), Some(state), ..) => Request::SetState(SetPurchaseStateArgs {
                    id: order.id.clone(),
                    state,
                }),
                (_, _, None, _) => {
                    let refused = local_refusal("customer_id", &SalesError::CustomerMissing);
                    return error.set(Some(refused));
                }
                (_, _, _, Err(e)) => return error.set(Some(local_refusal(e.field(), &e))),
                (_, _, Some(vendor), Ok(typed)) => Request::Create(CreatePurchaseOrderArgs {
                    vendor_id: vendor.id.clone(),
                    date: typed.date,
                    lines: typed.lines,
                }),
            };
            let (stored, error, busy, on_saved) = (
                stored.clone(),
                error.clone(),
                busy.clone(),
                on_saved.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let answer = match request {
                    Request::SetState(args) => ipc::call::<SetPurchaseState>(&args).await,
                    Request::Create(args) => ipc::call::<CreatePurchaseOrder>(&args).await,
                };
                busy.set(false);
                match answer {
                    Ok(order) => {
                        error.set(None);
                        stored.set(Some(Rc::new(order.clone())));
                        on_saved.emit(order);
                    }
                    Err(refused) => error.set(Some(refused)),
                }
            });
        })
    };
    let disabled = *busy || read_only;
    let vendor = match (&order, &draft.customer) {
        (Some(o), _) => Some((o.vendor_id.clone(), o.vendor_name.clone())),
        (None, Some(v)) => Some((v.id.clone(), v.name.clone())),
        (None, None) => None,
    };
    let vendor = match vendor {
        Some((id, name)) => {
            let onclick = open_customer.map(|open| {
                let id = id.clone();
                Callback::from(move |_: MouseEvent| open.emit(id.clone()))
            });
            html! {
                <button type="button" class="link customer-link vendor-link"
                    title={t(lang, Text::SalesOpenCustomer)} {onclick}>
                    {if name.is_empty() { id } else { name }}
                </button>
            }
        }
        None => html! { <CustomerPicker on_pick={dispatch(&draft, OrderAction::SetCustomer)} /> },
    };
    let error = error.as_ref();
    let beside = |field: &str| super::order_state::field_error(error, field);
    let top_error = super::order_state::top_error(lang, error);
    let (lines, totals) = match &order {
        Some(o) => (
            o.lines.iter().map(LineInput::from_entry).collect(),
            o.totals,
        ),
        None => (draft.lines.clone(), live_totals(&draft.lines)),
    };
    let state = order.as_ref().map(|o| o.state);
    html! {
        <div class="purchase-form">
            <div class="form-header">
                if let Some(o) = &order {
                    <h2 class="order-number">
                        {{ let (number, provisional) = shown_number(&o.number, &o.provisional_number);
                           number_html(lang, &number, provisional) }}
                    </h2>
                    <span class="badge order-state">{t(lang, match o.state {
                        PurchaseState::Draft => Text::SalesStateRfq,
                        PurchaseState::Purchase => Text::SalesStatePurchase,
                        PurchaseState::Cancelled => Text::SalesStateCancelled,
                    })}</span>
                }
                <span class="spacer" />
                if state.is_none() {
                    <button type="button" class="primary" {disabled} onclick={act(None)}>{t(lang, Text::Save)}</button>
                }
                if state == Some(PurchaseState::Draft) {
                    <button type="button" class="primary" {disabled}
                        onclick={act(Some(PurchaseState::Purchase))}>{t(lang, Text::SalesConfirm)}</button>
                }
                if state.is_some() && state != Some(PurchaseState::Cancelled) {
                    <button type="button" {disabled}
                        onclick={act(Some(PurchaseState::Cancelled))}>{t(lang, Text::SalesCancel)}</button>
                }
            </div>
            if read_only {
                <p class="form-note" role="note">{t(lang, Text::PurchaseManagersOnly)}</p>
            }
            if let Some(message) = top_error {
                <p class="form-error" role="alert">{message}</p>
            }
            // A stored order has nothing to edit here, and its vendor opens for anyone.
            <fieldset class="order-fields" disabled={read_only && order.is_none()}>
                <div class="field">
                    <span class="label">{t(lang, Text::SalesColVendor)}</span>
                    {vendor}
                    {beside("customer_id")}
                </div>
                <div class="field">
                    <label for="purchase-date">{t(lang, Text::SalesOrderDate)}</label>
                    if let Some(o) = &order {
                        <span class="date">{format_date(lang, &o.date)}</span>
                    } else {
                        <input id="purchase-date" type="date" value={draft.date.clone()}
                            onchange={dispatch(&draft, OrderAction::SetDate)
                                .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value())} />
                    }
                    {beside("date")}
                </div>
            </fieldset>
            <OrderLines {lines} products={(*products).clone()} editable={state.is_none() && !read_only}
                on_edit={dispatch(&draft, |(i, field, text)| OrderAction::Edit(i, field, text))}
                on_pick={dispatch(&draft, |(i, product)| OrderAction::Pick(i, Box::new(product)))}
                on_add={dispatch(&draft, |()| OrderAction::AddLine)}
                on_remove={dispatch(&draft, OrderAction::RemoveLine)} />
            <dl class="order-totals">
                <dt>{t(lang, Text::SalesUntaxed)}</dt>
                <dd class="money totals-untaxed">{format_amount(lang, totals.untaxed)}</dd>
                <dt>{t(lang, Text::SalesTax)}</dt>
                <dd class="money totals-tax">{format_amount(lang, totals.tax)}</dd>
                <dt>{t(lang, Text::SalesTotal)}</dt>
                <dd class="money totals-total">{format_amount(lang, totals.total)}</dd>
            </dl>
        </div>
    }
}
