//! The rows of the sales windows: one shape (number, customer, date, state, amount) read from
//! whichever `list_*` command the window lists, with the state's words and the provisional mark.

use clientele_model::commands::{
    ListInvoices, ListOrders, ListPayments, ListProducts, ListPurchases, SalesListArgs,
    SalesListQuery,
};
use clientele_model::sales::{InvoiceState, OrderState, PurchaseState, Vnd};
use clientele_model::CommandError;
use yew::prelude::*;

use super::sales_nav::{CustomerFacet, SalesView, SalesWindow};
use crate::i18n::{t, Lang, Text};
use crate::ipc;

/// One row of a sales window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesRow {
    pub id: String,
    /// The official number, else the provisional one.
    pub number: String,
    /// The number is the device's provisional one (shown muted, "(tạm)").
    pub provisional: bool,
    /// The customer's (or vendor's, or for products the product's) name.
    pub party: String,
    /// The customer (or vendor) the name opens in one click; none for products.
    pub party_id: Option<String>,
    pub date: String,
    pub state: Option<Text>,
    pub amount: Option<Vnd>,
    /// What a click on the row opens, if anything.
    pub opens: Option<SalesView>,
}

/// The words of an order's state.
pub fn order_state_text(state: OrderState) -> Text {
    match state {
        OrderState::Quotation => Text::SalesStateQuotation,
        OrderState::Sent => Text::SalesStateSent,
        OrderState::Sale => Text::SalesStateSale,
        OrderState::Cancelled => Text::SalesStateCancelled,
    }
}

/// The words of an invoice's state.
pub fn invoice_state_text(state: InvoiceState) -> Text {
    match state {
        InvoiceState::Draft => Text::SalesStateDraft,
        InvoiceState::Posted => Text::SalesStatePosted,
        InvoiceState::Cancelled => Text::SalesStateCancelled,
    }
}

fn purchase_state_text(state: PurchaseState) -> Text {
    match state {
        PurchaseState::Draft => Text::SalesStateRfq,
        PurchaseState::Purchase => Text::SalesStatePurchase,
        PurchaseState::Cancelled => Text::SalesStateCancelled,
    }
}

/// The number shown for a record: the official one, else the provisional one.
pub fn shown_number(number: &str, provisional: &str) -> (String, bool) {
    if number.is_empty() {
        (provisional.to_owned(), true)
    } else {
        (number.to_owned(), false)
    }
}

/// A record's number as shown: muted with "(tạm)" while it is provisional.
pub fn number_html(lang: Lang, number: &str, provisional: bool) -> Html {
    if provisional {
        html! {
            <span class="sales-number provisional" title={t(lang, Text::SalesProvisional)}>
                {number}{" "}<span class="provisional-mark">{t(lang, Text::SalesProvisional)}</span>
            </span>
        }
    } else {
        html! { <span class="sales-number">{number}</span> }
    }
}

/// The record's customer name, else what `party_name` knows.
fn name_or(name: String, customer_id: &str, facet: Option<&CustomerFacet>) -> String {
    if name.is_empty() {
        party_name(customer_id, facet)
    } else {
        name
    }
}

/// The name shown for `customer_id`: the facet's name when it is the facet's customer.
fn party_name(customer_id: &str, facet: Option<&CustomerFacet>) -> String {
    match facet {
        Some(facet) if facet.id == customer_id => facet.name.clone(),
        _ => customer_id.to_owned(),
    }
}

/// Asks the shell for `window`'s rows matching `query`.
pub async fn load_rows(
    window: SalesWindow,
    query: SalesListQuery,
    facet: Option<CustomerFacet>,
) -> Result<Vec<SalesRow>, CommandError> {
    let args = SalesListArgs { query };
    let facet = facet.as_ref();
    Ok(match window {
        SalesWindow::Quotations | SalesWindow::SalesOrders => ipc::call::<ListOrders>(&args)
            .await?
            .into_iter()
            .map(|o| {
                let (number, provisional) = shown_number(&o.number, &o.provisional_number);
                SalesRow {
                    opens: Some(SalesView::Order {
                        id: Some(o.id.clone()),
                        customer: Some(CustomerFacet {
                            id: o.customer_id.clone(),
                            name: o.customer_name.clone(),
                        }),
                    }),
                    id: o.id,
                    number,
                    provisional,
                    party: o.customer_name,
                    party_id: Some(o.customer_id.clone()),
                    date: o.date,
                    state: Some(order_state_text(o.state)),
                    amount: Some(o.total),
                }
            })
            .collect(),
        SalesWindow::Invoices => ipc::call::<ListInvoices>(&args)
            .await?
            .into_iter()
            .map(|i| {
                let (number, provisional) = shown_number(&i.number, &i.provisional_number);
                SalesRow {
                    opens: Some(SalesView::Invoice { id: i.id.clone() }),
                    party: name_or(i.customer_name, &i.customer_id, facet),
                    party_id: Some(i.customer_id.clone()),
                    id: i.id,
                    number,
                    provisional,
                    date: i.date,
                    state: Some(invoice_state_text(i.state)),
                    amount: Some(i.total),
                }
            })
            .collect(),
        SalesWindow::Payments => ipc::call::<ListPayments>(&args)
            .await?
            .into_iter()
            .map(|p| {
                let (number, provisional) = shown_number(&p.number, &p.provisional_number);
                SalesRow {
                    party: name_or(p.customer_name, &p.customer_id, facet),
                    party_id: Some(p.customer_id.clone()),
                    id: p.id,
                    number,
                    provisional,
                    date: p.date,
                    state: Some(if p.cancelled {
                        Text::SalesStateCancelled
                    } else {
                        Text::SalesStateRegistered
                    }),
                    amount: Some(p.amount),
                    opens: None,
                }
            })
            .collect(),
        SalesWindow::Products => ipc::call::<ListProducts>(&args)
            .await?
            .into_iter()
            .map(|p| SalesRow {
                opens: Some(SalesView::Product {
                    id: Some(p.id.clone()),
                }),
                id: p.id,
                number: p.draft.internal_ref,
                provisional: false,
                party: p.draft.name,
                party_id: None,
                date: String::new(),
                state: None,
                amount: Some(p.draft.sales_price),
            })
            .collect(),
        SalesWindow::Purchases => ipc::call::<ListPurchases>(&args)
            .await?
            .into_iter()
            .map(|p| {
                let (number, provisional) = shown_number(&p.number, &p.provisional_number);
                SalesRow {
                    opens: Some(SalesView::Purchase {
                        id: Some(p.id.clone()),
                    }),
                    party: name_or(p.vendor_name, &p.vendor_id, facet),
                    party_id: Some(p.vendor_id.clone()),
                    id: p.id,
                    number,
                    provisional,
                    date: p.date,
                    state: Some(purchase_state_text(p.state)),
                    amount: Some(p.total),
                }
            })
            .collect(),
    })
}

/// The column headings of `window`: number, party, date, state, amount.
pub fn headings(window: SalesWindow) -> [Text; 5] {
    match window {
        SalesWindow::Products => [
            Text::SalesColRef,
            Text::SalesProduct,
            Text::SalesColDate,
            Text::SalesState,
            Text::SalesColPrice,
        ],
        SalesWindow::Purchases => [
            Text::SalesColNumber,
            Text::SalesColVendor,
            Text::SalesColDate,
            Text::SalesState,
            Text::SalesColTotal,
        ],
        SalesWindow::Payments => [
            Text::SalesColNumber,
            Text::SalesColCustomer,
            Text::SalesColDate,
            Text::SalesState,
            Text::SalesColAmount,
        ],
        _ => [
            Text::SalesColNumber,
            Text::SalesColCustomer,
            Text::SalesColDate,
            Text::SalesState,
            Text::SalesColTotal,
        ],
    }
}
