//! The order form's state: the order's fields and its lines as typed (text until parsed), the
//! live amounts of each line and the order's totals computed with the model's `line_amounts` /
//! `order_totals` (so the form shows what the shell will store), and the actions that change it.

use clientele_model::sales::{
    format_quantity, line_amounts, parse_discount, parse_quantity, parse_vnd, LineAmounts,
    LineEntry, OrderDraft, OrderLine, OrderState, OrderTotals, SaleOrder, SalesError, Vat, Vnd,
};
use clientele_model::CommandError;
use std::rc::Rc;
use yew::prelude::*;

use super::sales_nav::CustomerFacet;
use crate::i18n::{format_count, t, Lang, Text};

/// A field of a line the user types into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineField {
    Description,
    Quantity,
    Price,
    Discount,
    Vat,
}

/// One line as the user typed it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineInput {
    /// The stored line's id; empty for a new line.
    pub id: String,
    pub product_id: Option<String>,
    pub description: String,
    pub quantity: String,
    pub price: String,
    pub discount: String,
    pub vat: Vat,
}

impl LineInput {
    /// A fresh line: one unit, no discount, 10% VAT.
    pub fn blank() -> LineInput {
        LineInput {
            quantity: "1".to_owned(),
            ..LineInput::default()
        }
    }

    /// A stored line as the form shows it (Vietnamese decimal comma, dotted thousands).
    pub fn from_entry(entry: &LineEntry) -> LineInput {
        let line = &entry.line;
        let discount = if line.discount_bp == 0 {
            String::new()
        } else {
            format_quantity(line.discount_bp * 10).replace('.', ",")
        };
        LineInput {
            id: entry.id.clone(),
            product_id: line.product_id.clone(),
            description: line.description.clone(),
            quantity: format_quantity(line.quantity_milli).replace('.', ","),
            price: price_text(line.unit_price),
            discount,
            vat: line.vat,
        }
    }

    /// The line, or why it cannot be read.
    pub fn parse(&self) -> Result<OrderLine, SalesError> {
        let discount = if self.discount.trim().is_empty() {
            0
        } else {
            parse_discount(&self.discount)?
        };
        let unit_price = if self.price.trim().is_empty() {
            0
        } else {
            parse_vnd(&self.price)?
        };
        if unit_price < 0 {
            return Err(SalesError::UnitPriceNegative);
        }
        Ok(OrderLine {
            product_id: self.product_id.clone(),
            description: self.description.clone(),
            quantity_milli: parse_quantity(&self.quantity)?,
            unit_price,
            discount_bp: discount,
            vat: self.vat,
        })
    }

    /// The line's amounts, or why it has none.
    pub fn amounts(&self) -> Result<LineAmounts, SalesError> {
        line_amounts(&self.parse()?)
    }

    /// Nothing typed on it: left out when saving.
    pub fn is_empty(&self) -> bool {
        self.product_id.is_none()
            && self.description.trim().is_empty()
            && self.price.trim().is_empty()
    }
}

/// A unit price as typed back into its box: "150.000".
pub fn price_text(price: Vnd) -> String {
    let digits = format_count(Lang::Vi, price.unsigned_abs());
    if price < 0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// The totals of the lines that can be read (each rounded on its own, then summed).
/// A refusal naming `field`, shown beside it (the order and purchase forms).
pub fn field_error(error: Option<&CommandError>, field: &str) -> Html {
    match error {
        Some(e) if e.field.as_deref() == Some(field) => html! {
            <p class="field-error" role="alert" data-field={field.to_owned()}>{&e.message}</p>
        },
        _ => html! {},
    }
}

/// A refusal of no field shown beside one (customer, date), for the top of the form.
pub fn top_error(lang: Lang, error: Option<&CommandError>) -> Option<String> {
    error
        .filter(|e| !matches!(e.field.as_deref(), Some("customer_id" | "date")))
        .map(|e| format!("{}: {}", t(lang, Text::SalesCouldNotSave), e.message))
}

pub fn live_totals(lines: &[LineInput]) -> OrderTotals {
    lines
        .iter()
        .filter_map(|line| line.amounts().ok())
        .fold(OrderTotals::default(), |sum, a| OrderTotals {
            untaxed: sum.untaxed.saturating_add(a.untaxed),
            tax: sum.tax.saturating_add(a.tax),
            total: sum.total.saturating_add(a.total),
        })
}

/// The order form's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrderForm {
    pub id: Option<String>,
    pub customer: Option<CustomerFacet>,
    pub date: String,
    /// The defaults and stored fields the form does not edit (addresses, pricelist, terms).
    pub base: OrderDraft,
    pub lines: Vec<LineInput>,
    pub state: OrderState,
    pub number: String,
    pub provisional_number: String,
    pub error: Option<CommandError>,
    pub busy: bool,
    /// Bumped when the lines are replaced from the shell (the inputs are rebuilt).
    pub generation: u32,
}

/// What changes the order form.
pub enum OrderAction {
    Loaded(Box<SaleOrder>),
    Defaults(Box<OrderDraft>),
    SetCustomer(CustomerFacet),
    SetDate(String),
    /// Line `usize`'s field took this text.
    Edit(usize, LineField, String),
    /// A product was chosen on line `usize`: its id, name, VAT and list price.
    Pick(usize, Box<clientele_model::sales::Product>),
    /// The price a pricelist gives the product now on line `usize`.
    Priced(usize, String, Vnd),
    AddLine,
    RemoveLine(usize),
    Busy,
    Failed(CommandError),
}

impl OrderForm {
    /// The draft Save sends: the stored fields, the customer, the date and the lines typed.
    pub fn draft(&self) -> Result<OrderDraft, SalesError> {
        let mut lines = Vec::new();
        for (index, input) in self.lines.iter().enumerate() {
            if input.is_empty() {
                continue;
            }
            let line = input.parse().map_err(|source| SalesError::Line {
                index,
                source: Box::new(source),
            })?;
            lines.push(LineEntry {
                id: input.id.clone(),
                line,
            });
        }
        Ok(OrderDraft {
            customer_id: self
                .customer
                .as_ref()
                .map(|c| c.id.clone())
                .unwrap_or_default(),
            date: self.date.clone(),
            lines,
            ..self.base.clone()
        })
    }

    /// Whether the order can still be edited.
    pub fn editable(&self) -> bool {
        matches!(self.state, OrderState::Quotation | OrderState::Sent)
    }
}

impl Reducible for OrderForm {
    type Action = OrderAction;

    fn reduce(self: Rc<Self>, action: OrderAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            OrderAction::Loaded(order) => {
                let order = *order;
                next.id = Some(order.id.clone());
                if next.customer.as_ref().map(|c| &c.id) != Some(&order.customer_id) {
                    next.customer = Some(CustomerFacet {
                        id: order.customer_id.clone(),
                        name: order.customer_id.clone(),
                    });
                }
                next.date = order.date.clone();
                next.lines = order.lines.iter().map(LineInput::from_entry).collect();
                next.base = OrderDraft {
                    customer_id: order.customer_id,
                    date: order.date,
                    invoice_address_id: Some(order.invoice_address_id).filter(|a| !a.is_empty()),
                    delivery_address_id: Some(order.delivery_address_id).filter(|a| !a.is_empty()),
                    pricelist_id: order.pricelist_id,
                    payment_terms_id: order.payment_terms_id,
                    salesperson_id: order.salesperson_id,
                    note: order.note,
                    lines: Vec::new(),
                };
                next.state = order.state;
                next.number = order.number;
                next.provisional_number = order.provisional_number;
                next.error = None;
                next.busy = false;
                next.generation = next.generation.wrapping_add(1);
            }
            OrderAction::Defaults(defaults) => {
                next.base = OrderDraft {
                    lines: Vec::new(),
                    ..*defaults
                };
            }
            OrderAction::SetCustomer(customer) => next.customer = Some(customer),
            OrderAction::SetDate(date) => next.date = date,
            OrderAction::Edit(index, field, text) => {
                if let Some(line) = next.lines.get_mut(index) {
                    match field {
                        LineField::Description => line.description = text,
                        LineField::Quantity => line.quantity = text,
                        LineField::Price => line.price = text,
                        LineField::Discount => line.discount = text,
                        LineField::Vat => line.vat = Vat::parse(&text).unwrap_or_default(),
                    }
                }
            }
            OrderAction::Pick(index, product) => {
                if let Some(line) = next.lines.get_mut(index) {
                    line.product_id = Some(product.id.clone());
                    line.description = product.draft.name.clone();
                    line.vat = product.draft.vat;
                    line.price = price_text(product.draft.sales_price);
                }
            }
            OrderAction::Priced(index, product, price) => {
                if let Some(line) = next.lines.get_mut(index) {
                    if line.product_id.as_deref() == Some(product.as_str()) {
                        line.price = price_text(price);
                    }
                }
            }
            OrderAction::AddLine => next.lines.push(LineInput::blank()),
            OrderAction::RemoveLine(index) => {
                if index < next.lines.len() {
                    next.lines.remove(index);
                }
            }
            OrderAction::Busy => {
                next.busy = true;
                next.error = None;
            }
            OrderAction::Failed(error) => {
                next.busy = false;
                next.error = Some(error);
            }
        }
        Rc::new(next)
    }
}
