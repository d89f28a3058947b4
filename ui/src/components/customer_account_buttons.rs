//! The customer form's button box (spec C8): from `customer_account`, "Sales N" (the
//! customer's orders), "Invoiced" (amount; its invoices), "Amount due" (amount; its statement),
//! "Purchases N" (when it has any) and "New quotation" (the order form for this customer).

use clientele_model::commands::{CustomerIdArgs, GetCustomerAccount};
use clientele_model::sales::CustomerAccount;
use yew::prelude::*;

use super::app::use_lang;
use super::sales_nav::{use_sales_nav, CustomerFacet, SalesRequest, SalesView, SalesWindow};
use crate::format::format_amount;
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct AccountButtonsProps {
    pub customer_id: String,
    pub customer_name: String,
}

#[component]
pub fn AccountButtons(props: &AccountButtonsProps) -> Html {
    let lang = use_lang();
    let nav = use_sales_nav();
    let account = use_state(|| None::<CustomerAccount>);
    {
        let account = account.clone();
        use_effect_with(props.customer_id.clone(), move |id| {
            let customer_id = id.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) =
                    ipc::call::<GetCustomerAccount>(&CustomerIdArgs { customer_id }).await
                {
                    account.set(Some(found));
                }
            });
        });
    }
    let Some(nav) = nav else {
        return html! {};
    };
    let facet = CustomerFacet {
        id: props.customer_id.clone(),
        name: props.customer_name.clone(),
    };
    let open = |window: SalesWindow, view: SalesView| {
        let (open, facet) = (nav.open.clone(), facet.clone());
        Callback::from(move |_: MouseEvent| {
            open.emit(SalesRequest {
                window,
                customer: Some(facet.clone()),
                view: view.clone(),
            })
        })
    };
    let account = (*account).unwrap_or_default();
    let stat = |label: Text, value: String, class: &'static str, onclick: Callback<MouseEvent>| {
        html! {
            <button type="button" class={classes!("stat-button", class)} {onclick}>
                <span class="stat-label">{t(lang, label)}</span>{" "}
                <span class="stat-value">{value}</span>
            </button>
        }
    };
    html! {
        <div class="button-box" role="group" aria-label={t(lang, Text::Sales)}>
            {stat(Text::Sales, account.sales_count.to_string(), "sales",
                open(SalesWindow::SalesOrders, SalesView::List))}
            {stat(Text::SalesInvoiced, format_amount(lang, account.invoiced), "invoiced",
                open(SalesWindow::Invoices, SalesView::List))}
            {stat(Text::SalesAmountDue, format_amount(lang, account.amount_due), "amount-due",
                open(SalesWindow::Invoices, SalesView::Statement))}
            if account.purchase_count > 0 {
                {stat(Text::SalesPurchases, account.purchase_count.to_string(), "purchases",
                    open(SalesWindow::Purchases, SalesView::List))}
            }
            <button type="button" class="stat-button new-quotation"
                onclick={open(SalesWindow::Quotations, SalesView::Order { id: None, customer: Some(facet.clone()) })}>
                {t(lang, Text::SalesNewQuotation)}
            </button>
        </div>
    }
}
