//! The order form (a quotation or sales order): customer (preset when opened from one, with a
//! link to open it), date, the lines table with live subtotals and the untaxed / tax / total,
//! and the buttons its state allows: Save (`create_quotation` / `update_order`), Confirm
//! (`set_order_state` to sale), Cancel, and Create invoice on a confirmed order. The shell's
//! refusals are shown beside their field or at the top, never as a panic.

use clientele_model::commands::{
    CreateQuotation, CreateQuotationArgs, CustomerIdArgs, GetOrder, GetOrderDefaults,
    GetProductPrice, InvoiceOrder, InvoiceOrderArgs, ListProducts, ProductPriceArgs, RecordIdArgs,
    SalesListArgs, SetOrderState, SetOrderStateArgs, UpdateOrder, UpdateOrderArgs,
};
use clientele_model::sales::{OrderState, Product, SaleOrder, SalesError};
use clientele_model::{CommandError, ErrorCode};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::use_lang;
use super::customer_picker::CustomerPicker;
use super::order_lines::OrderLines;
use super::order_state::{live_totals, LineInput, OrderAction, OrderForm as FormState};
use super::sales_nav::CustomerFacet;
use super::sales_rows::{number_html, order_state_text};
use crate::format::format_amount;
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct OrderFormProps {
    /// The order to show; `None` for a new quotation.
    pub id: Option<String>,
    /// The customer (preset for a new quotation opened from one).
    pub customer: Option<CustomerFacet>,
    pub on_back: Callback<()>,
    /// An invoice was made from the order: its id.
    pub on_invoiced: Callback<String>,
}

/// An order command on its way to the shell.
type Pending =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<SaleOrder, CommandError>>>>;

/// A local refusal, worded as the shell's would be.
fn refusal(error: &SalesError) -> CommandError {
    CommandError {
        field: Some(error.field().to_owned()),
        ..CommandError::new(ErrorCode::Validation, error.to_string())
    }
}

/// Stores the form: creates the quotation or updates the order.
async fn persist(form: &FormState) -> Result<SaleOrder, CommandError> {
    if form.customer.is_none() {
        return Err(refusal(&SalesError::CustomerMissing));
    }
    let order = form.draft().map_err(|e| refusal(&e))?;
    match &form.id {
        None => ipc::call::<CreateQuotation>(&CreateQuotationArgs { order }).await,
        Some(id) if form.editable() => {
            let args = UpdateOrderArgs {
                id: id.clone(),
                order,
            };
            ipc::call::<UpdateOrder>(&args).await
        }
        Some(id) => ipc::call::<GetOrder>(&RecordIdArgs { id: id.clone() }).await,
    }
}

#[component]
pub fn OrderForm(props: &OrderFormProps) -> Html {
    let lang = use_lang();
    let state = use_reducer(|| FormState {
        customer: props.customer.clone(),
        date: ipc::local_today(),
        lines: vec![LineInput::blank()],
        ..FormState::default()
    });
    let products = use_state(|| Rc::new(Vec::<Product>::new()));
    {
        let (dispatcher, products) = (state.dispatcher(), products.clone());
        use_effect_with(props.id.clone(), move |id| {
            if let Some(id) = id.clone() {
                let dispatcher = dispatcher.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    match ipc::call::<GetOrder>(&RecordIdArgs { id }).await {
                        Ok(order) => dispatcher.dispatch(OrderAction::Loaded(Box::new(order))),
                        Err(error) => dispatcher.dispatch(OrderAction::Failed(error)),
                    }
                });
            }
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(list) = ipc::call::<ListProducts>(&SalesListArgs::default()).await {
                    products.set(Rc::new(list));
                }
            });
        });
    }
    // A new quotation starts with its customer's addresses, pricelist and terms.
    {
        let dispatcher = state.dispatcher();
        let new_for = state
            .id
            .is_none()
            .then(|| state.customer.as_ref().map(|c| c.id.clone()))
            .flatten();
        use_effect_with(new_for, move |customer| {
            if let Some(customer_id) = customer.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let args = CustomerIdArgs { customer_id };
                    if let Ok(defaults) = ipc::call::<GetOrderDefaults>(&args).await {
                        dispatcher.dispatch(OrderAction::Defaults(Box::new(defaults)));
                    }
                });
            }
        });
    }
    let run = |act: fn(Rc<FormState>) -> Pending| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let (form, dispatcher) = (Rc::new((*state).clone()), state.dispatcher());
            dispatcher.dispatch(OrderAction::Busy);
            let future = act(form);
            wasm_bindgen_futures::spawn_local(async move {
                match future.await {
                    Ok(order) => dispatcher.dispatch(OrderAction::Loaded(Box::new(order))),
                    Err(error) => dispatcher.dispatch(OrderAction::Failed(error)),
                }
            });
        })
    };
    let save = run(|form| Box::pin(async move { persist(&form).await }));
    let confirm = run(|form| {
        Box::pin(async move {
            let order = persist(&form).await?;
            let args = SetOrderStateArgs {
                id: order.id,
                state: OrderState::Sale,
            };
            ipc::call::<SetOrderState>(&args).await
        })
    });
    let cancel = run(|form| {
        Box::pin(async move {
            let Some(id) = form.id.clone() else {
                return Err(refusal(&SalesError::CustomerMissing));
            };
            let args = SetOrderStateArgs {
                id,
                state: OrderState::Cancelled,
            };
            ipc::call::<SetOrderState>(&args).await
        })
    });
    let create_invoice = {
        let (state, on_invoiced) = (state.clone(), props.on_invoiced.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(order_id) = state.id.clone() else {
                return;
            };
            let (dispatcher, on_invoiced) = (state.dispatcher(), on_invoiced.clone());
            dispatcher.dispatch(OrderAction::Busy);
            wasm_bindgen_futures::spawn_local(async move {
                let args = InvoiceOrderArgs {
                    order_id,
                    date: ipc::local_today(),
                };
                match ipc::call::<InvoiceOrder>(&args).await {
                    Ok(invoice) => on_invoiced.emit(invoice.id),
                    Err(error) => dispatcher.dispatch(OrderAction::Failed(error)),
                }
            });
        })
    };
    let on_edit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(i, field, text)| {
            dispatcher.dispatch(OrderAction::Edit(i, field, text))
        })
    };
    let on_pick = {
        let (dispatcher, pricelist) = (state.dispatcher(), state.base.pricelist_id.clone());
        Callback::from(move |(index, product): (usize, Product)| {
            let product_id = product.id.clone();
            dispatcher.dispatch(OrderAction::Pick(index, Box::new(product)));
            let (dispatcher, pricelist_id) = (dispatcher.clone(), pricelist.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let args = ProductPriceArgs {
                    product_id: product_id.clone(),
                    pricelist_id,
                };
                if let Ok(price) = ipc::call::<GetProductPrice>(&args).await {
                    dispatcher.dispatch(OrderAction::Priced(index, product_id, price));
                }
            });
        })
    };
    let on_add = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(OrderAction::AddLine))
    };
    let on_remove = {
        let dispatcher = state.dispatcher();
        Callback::from(move |i| dispatcher.dispatch(OrderAction::RemoveLine(i)))
    };
    let on_customer = {
        let dispatcher = state.dispatcher();
        Callback::from(move |c| dispatcher.dispatch(OrderAction::SetCustomer(c)))
    };
    let on_date = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: Event| {
            let date = e.target_unchecked_into::<HtmlInputElement>().value();
            dispatcher.dispatch(OrderAction::SetDate(date));
        })
    };
    let open_customer = super::workspace::use_workspace().map(|w| w.open_customer);
    let totals = live_totals(&state.lines);
    let error = state.error.as_ref();
    let field_error = |field: &str| super::order_state::field_error(error, field);
    let top_error = super::order_state::top_error(lang, error);
    let editable = state.editable();
    let (number, provisional) =
        super::sales_rows::shown_number(&state.number, &state.provisional_number);
    let customer_view = match (&state.customer, state.id.is_none()) {
        (Some(customer), _) => {
            let link = open_customer.map(|open| {
                let id = customer.id.clone();
                Callback::from(move |_: MouseEvent| open.emit(id.clone()))
            });
            html! {
                <button type="button" class="link customer-link" title={t(lang, Text::SalesOpenCustomer)}
                    onclick={link}>{&customer.name}</button>
            }
        }
        (None, true) => html! { <CustomerPicker on_pick={on_customer} /> },
        (None, false) => html! {},
    };
    html! {
        <div class={classes!("order-form", state.busy.then_some("busy"))}>
            <div class="form-header">
                if state.id.is_some() {
                    <h2 class="order-number">{number_html(lang, &number, provisional)}</h2>
                    <span class="badge order-state">{t(lang, order_state_text(state.state))}</span>
                }
                <span class="spacer" />
                if editable || state.id.is_none() {
                    <button type="button" class="primary" disabled={state.busy} onclick={save}>{t(lang, Text::Save)}</button>
                    <button type="button" disabled={state.busy} onclick={confirm}>{t(lang, Text::SalesConfirm)}</button>
                }
                if state.state == OrderState::Sale {
                    <button type="button" class="primary" disabled={state.busy} onclick={create_invoice}>{t(lang, Text::SalesCreateInvoice)}</button>
                }
                if state.id.is_some() && state.state != OrderState::Cancelled {
                    <button type="button" disabled={state.busy} onclick={cancel}>{t(lang, Text::SalesCancel)}</button>
                }
            </div>
            if let Some(message) = top_error {
                <p class="form-error" role="alert">{message}</p>
            }
            <div class="order-fields">
                <div class="field">
                    <span class="label">{t(lang, Text::SalesColCustomer)}</span>
                    {customer_view}
                    {field_error("customer_id")}
                </div>
                <div class="field">
                    <label for="order-date">{t(lang, Text::SalesOrderDate)}</label>
                    <input id="order-date" type="date" value={state.date.clone()} onchange={on_date}
                        disabled={!editable && state.id.is_some()} />
                    {field_error("date")}
                </div>
            </div>
            <OrderLines key={state.generation} lines={state.lines.clone()} products={(*products).clone()}
                editable={editable || state.id.is_none()} {on_edit} {on_pick} {on_add} {on_remove} />
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
