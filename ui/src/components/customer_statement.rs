//! A customer's statement (Sao kê dư nợ / Customer statement): its posted invoices and
//! payments from `customer_statement`, each with its date, number, amount and the running
//! balance, and an In / Print button that prints the page.

use clientele_model::commands::{CustomerIdArgs, GetCustomerStatement};
use clientele_model::sales::{StatementEntry, StatementKind};
use clientele_model::CommandError;
use yew::prelude::*;

use super::app::use_lang;
use super::sales_nav::CustomerFacet;
use super::sales_table::sales_answer;
use crate::format::{format_amount, format_date};
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct CustomerStatementProps {
    pub customer: CustomerFacet,
}

#[component]
pub fn CustomerStatement(props: &CustomerStatementProps) -> Html {
    let lang = use_lang();
    let entries = use_state(|| None::<Result<Vec<StatementEntry>, CommandError>>);
    {
        let entries = entries.clone();
        use_effect_with(props.customer.id.clone(), move |id| {
            let customer_id = id.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let answer =
                    ipc::call::<GetCustomerStatement>(&CustomerIdArgs { customer_id }).await;
                entries.set(Some(answer));
            });
        });
    }
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            // Printing is the browser's; a refusal (no printer) needs no message here.
            let _ = window.print();
        }
    });
    let body = sales_answer(lang, entries.as_ref(), Vec::is_empty, |list| {
        html! {
            <table class="sales-table statement">
                <thead><tr>
                    <th>{t(lang, Text::SalesColDate)}</th>
                    <th>{t(lang, Text::SalesColNumber)}</th>
                    <th>{t(lang, Text::SalesState)}</th>
                    <th class="money">{t(lang, Text::SalesColAmount)}</th>
                    <th class="money">{t(lang, Text::SalesColBalance)}</th>
                </tr></thead>
                <tbody>
                    { for list.iter().map(|entry| html! {
                        <tr key={entry.id.clone()} class="statement-entry">
                            <td>{format_date(lang, &entry.date)}</td>
                            <td>{&entry.number}</td>
                            <td>{t(lang, match entry.kind {
                                StatementKind::Invoice => Text::SalesKindInvoice,
                                StatementKind::Payment => Text::SalesKindPayment,
                            })}</td>
                            <td class="money">{format_amount(lang, entry.amount)}</td>
                            <td class="money balance">{format_amount(lang, entry.balance)}</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        }
    });
    html! {
        <div class="customer-statement">
            <div class="control-panel">
                <h1>{t(lang, Text::SalesStatement)}{" — "}{&props.customer.name}</h1>
                <span class="spacer" />
                <button type="button" class="print-button" onclick={print}>{t(lang, Text::SalesPrint)}</button>
            </div>
            {body}
        </div>
    }
}
