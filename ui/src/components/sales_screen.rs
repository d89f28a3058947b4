//! The sales screen: one sales window (its list), and the record opened from it (an order, an
//! invoice, the customer's statement, a product, a purchase order) with a breadcrumb back to the
//! list. The customer facet the window was opened with stays until removed.

use yew::prelude::*;

use super::app::use_lang;
use super::customer_statement::CustomerStatement;
use super::invoice_form::InvoiceForm;
use super::order_form::OrderForm;
use super::product_form::ProductForm;
use super::purchase_form::PurchaseForm;
use super::sales_list::SalesList;
use super::sales_nav::{SalesRequest, SalesView, SalesWindow};
use crate::i18n::{t, Text};

#[derive(Properties, PartialEq)]
pub struct SalesScreenProps {
    pub request: SalesRequest,
}

#[component]
pub fn SalesScreen(props: &SalesScreenProps) -> Html {
    let lang = use_lang();
    let request = &props.request;
    let window = use_state(|| request.window);
    let view = use_state(|| request.view.clone());
    let customer = use_state(|| request.customer.clone());
    // Opened from a customer's count or button: every state, so the rows match the count.
    let all_states = request.customer.is_some();
    let to_list = {
        let view = view.clone();
        Callback::from(move |()| view.set(SalesView::List))
    };
    let on_open = {
        let view = view.clone();
        Callback::from(move |v: SalesView| view.set(v))
    };
    let on_remove_customer = {
        let customer = customer.clone();
        Callback::from(move |()| customer.set(None))
    };
    // An invoice made from an order opens in the Invoices window.
    let on_invoiced = {
        let (view, window) = (view.clone(), window.clone());
        Callback::from(move |id: String| {
            window.set(SalesWindow::Invoices);
            view.set(SalesView::Invoice { id });
        })
    };
    let crumb = |current: Text| {
        let back = to_list.reform(|_: MouseEvent| ());
        html! {
            <span class="breadcrumb">
                <button type="button" class="breadcrumb-back" onclick={back}>{t(lang, window.title())}</button>
                {" / "}{t(lang, current)}
            </span>
        }
    };
    match &*view {
        SalesView::List => html! {
            <SalesList key={format!("{:?}", *window)} window={*window} customer={(*customer).clone()}
                {all_states} {on_remove_customer} {on_open} />
        },
        SalesView::Order {
            id,
            customer: for_customer,
        } => html! {
            <section class="sales-record">
                {crumb(if id.is_some() { Text::SalesOrderOf } else { Text::SalesNewQuotation })}
                <OrderForm id={id.clone()} customer={for_customer.clone().or_else(|| (*customer).clone())}
                    on_back={to_list.clone()} {on_invoiced} />
            </section>
        },
        SalesView::Invoice { id } => html! {
            <section class="sales-record">
                {crumb(Text::SalesInvoice)}
                <InvoiceForm id={id.clone()} />
            </section>
        },
        SalesView::Statement => html! {
            <section class="sales-record">
                {crumb(Text::SalesStatement)}
                if let Some(customer) = (*customer).clone() {
                    <CustomerStatement {customer} />
                }
            </section>
        },
        SalesView::Product { id } => html! {
            <section class="sales-record">
                {crumb(if id.is_some() { Text::SalesProduct } else { Text::ProductNew })}
                <ProductForm id={id.clone()}
                    on_saved={on_open.reform(|p: clientele_model::sales::Product| SalesView::Product { id: Some(p.id) })} />
            </section>
        },
        SalesView::Purchase { id } => html! {
            <section class="sales-record">
                {crumb(if id.is_some() { Text::PurchaseOrder } else { Text::PurchaseNew })}
                <PurchaseForm id={id.clone()}
                    on_saved={on_open.reform(|o: clientele_model::sales::PurchaseOrder| SalesView::Purchase { id: Some(o.id) })} />
            </section>
        },
    }
}
