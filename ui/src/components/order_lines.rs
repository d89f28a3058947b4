//! The order form's lines table: product picker (from `list_products`), description, quantity,
//! unit price, discount %, VAT, and each line's subtotal computed live; a line that cannot be
//! read says why beside the field it is about.

use clientele_model::sales::{Product, Vat};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::app::use_lang;
use super::order_state::{LineField, LineInput};
use crate::format::format_amount;
use crate::i18n::{t, Lang, Text};

#[derive(Properties, PartialEq)]
pub struct OrderLinesProps {
    pub lines: Vec<LineInput>,
    pub products: Rc<Vec<Product>>,
    pub editable: bool,
    /// A line's field was typed into (its position, the field, the text).
    pub on_edit: Callback<(usize, LineField, String)>,
    /// A product was chosen on a line (its position, the product).
    pub on_pick: Callback<(usize, Product)>,
    pub on_add: Callback<()>,
    pub on_remove: Callback<usize>,
}

/// The words a VAT picker shows.
pub fn vat_label(lang: Lang, vat: Vat) -> String {
    match vat {
        Vat::Exempt => t(lang, Text::SalesVatExempt).to_owned(),
        other => other.label().to_owned(),
    }
}

/// Which column an error of a line is about.
fn column_of(field: &str) -> &'static str {
    match field {
        "quantity" => "quantity",
        "unit_price" | "amount" => "price",
        "discount" => "discount",
        _ => "description",
    }
}

#[component]
pub fn OrderLines(props: &OrderLinesProps) -> Html {
    let lang = use_lang();
    let row = |index: usize, line: &LineInput| {
        let n = index + 1;
        let amounts = line.amounts();
        // A blank new line is not an error yet.
        let problem = match &amounts {
            Err(error) if !line.is_empty() => {
                Some((column_of(error.innermost().field()), error.to_string()))
            }
            _ => None,
        };
        let error_for = |column: &str| match &problem {
            Some((c, message)) if *c == column => html! {
                <span class="line-error" role="alert" id={format!("line-{n}-{column}-error")}>{message}</span>
            },
            _ => html! {},
        };
        let edit = |field: LineField| {
            let on_edit = props.on_edit.clone();
            Callback::from(move |e: InputEvent| {
                let value = e.target_unchecked_into::<HtmlInputElement>().value();
                on_edit.emit((index, field, value));
            })
        };
        let on_vat = {
            let on_edit = props.on_edit.clone();
            Callback::from(move |e: Event| {
                let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                on_edit.emit((index, LineField::Vat, value));
            })
        };
        let on_product = {
            let (on_pick, products) = (props.on_pick.clone(), props.products.clone());
            Callback::from(move |e: Event| {
                let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                if let Some(product) = products.iter().find(|p| p.id == value) {
                    on_pick.emit((index, product.clone()));
                }
            })
        };
        let remove = props.on_remove.reform(move |_: MouseEvent| index);
        let label = |text: Text| format!("{} {n}", t(lang, text));
        let disabled = !props.editable;
        html! {
            <tr class="order-line" data-line={n.to_string()}>
                <td>
                    <select aria-label={label(Text::SalesProduct)} onchange={on_product} {disabled}>
                        <option value="" selected={line.product_id.is_none()}>{t(lang, Text::SalesChooseProduct)}</option>
                        { for props.products.iter().map(|p| html! {
                            <option value={p.id.clone()} selected={line.product_id.as_deref() == Some(p.id.as_str())}>
                                {&p.draft.name}
                            </option>
                        }) }
                    </select>
                </td>
                <td>
                    <input aria-label={label(Text::SalesDescription)} value={line.description.clone()}
                        oninput={edit(LineField::Description)} {disabled} />
                    {error_for("description")}
                </td>
                <td>
                    <input class="number" aria-label={label(Text::SalesQuantity)} value={line.quantity.clone()}
                        inputmode="decimal" oninput={edit(LineField::Quantity)} {disabled} />
                    {error_for("quantity")}
                </td>
                <td>
                    <input class="number" aria-label={label(Text::SalesUnitPrice)} value={line.price.clone()}
                        inputmode="numeric" oninput={edit(LineField::Price)} {disabled} />
                    {error_for("price")}
                </td>
                <td>
                    <input class="number" aria-label={label(Text::SalesDiscount)} value={line.discount.clone()}
                        inputmode="decimal" oninput={edit(LineField::Discount)} {disabled} />
                    {error_for("discount")}
                </td>
                <td>
                    <select aria-label={label(Text::SalesVat)} onchange={on_vat} {disabled}>
                        { for Vat::ALL.iter().map(|vat| html! {
                            <option value={vat.as_str()} selected={*vat == line.vat}>{vat_label(lang, *vat)}</option>
                        }) }
                    </select>
                </td>
                <td class="money line-subtotal">
                    {amounts.map(|a| format_amount(lang, a.untaxed)).unwrap_or_default()}
                </td>
                <td>
                    if props.editable {
                        <button type="button" class="remove-line" aria-label={label(Text::SalesRemoveLine)}
                            onclick={remove}>{"🗑"}</button>
                    }
                </td>
            </tr>
        }
    };
    html! {
        <table class="order-lines" aria-label={t(lang, Text::SalesLines)}>
            <thead><tr>
                <th>{t(lang, Text::SalesProduct)}</th>
                <th>{t(lang, Text::SalesDescription)}</th>
                <th class="money">{t(lang, Text::SalesQuantity)}</th>
                <th class="money">{t(lang, Text::SalesUnitPrice)}</th>
                <th class="money">{t(lang, Text::SalesDiscount)}</th>
                <th>{t(lang, Text::SalesVat)}</th>
                <th class="money">{t(lang, Text::SalesSubtotal)}</th>
                <th />
            </tr></thead>
            <tbody>
                { for props.lines.iter().enumerate().map(|(i, line)| row(i, line)) }
            </tbody>
            if props.editable {
                <tfoot><tr><td colspan="8">
                    <button type="button" class="add-line" onclick={props.on_add.reform(|_: MouseEvent| ())}>
                        {t(lang, Text::SalesAddLine)}
                    </button>
                </td></tr></tfoot>
            }
        </table>
    }
}
