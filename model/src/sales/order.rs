//! Quotations and sales orders: a line's amounts and an order's totals in whole đồng (rounded
//! per line, as Odoo's `round_per_line`), the order's states, and parsing the quantities and
//! discounts a rep types, so every screen computes the same totals.

use serde::{Deserialize, Serialize};

use super::money::{round_div, Vat, Vnd, MAX_AMOUNT};
use super::SalesError;

/// One line of a quotation or sales order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrderLine {
    /// The product sold, if the line is for one (a free-text line has none).
    pub product_id: Option<String>,
    pub description: String,
    /// Thousandths of a unit: 1500 is 1.5 units.
    pub quantity_milli: i64,
    pub unit_price: Vnd,
    /// Hundredths of a percent: 1250 is 12.5%.
    pub discount_bp: i64,
    pub vat: Vat,
}

/// A line's amounts, each rounded to the đồng.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LineAmounts {
    /// Quantity × unit price less the discount (Odoo's `price_subtotal`).
    pub untaxed: Vnd,
    /// The VAT on `untaxed`.
    pub tax: Vnd,
    /// `untaxed + tax` (Odoo's `price_total`).
    pub total: Vnd,
}

/// An order's totals: the sums of its lines' amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrderTotals {
    pub untaxed: Vnd,
    pub tax: Vnd,
    pub total: Vnd,
}

/// Thousandths in a unit of quantity.
const MILLI: i128 = 1000;
/// Hundredths of a percent in 100%.
const FULL_DISCOUNT: i64 = 10_000;

/// Checks a line and computes its amounts: untaxed = quantity × unit price × (1 − discount),
/// rounded half up to the đồng; tax = untaxed × VAT rate, rounded the same way; total is their
/// sum. Refuses a quantity of 0 or less, a negative or too large unit price, a discount outside
/// 0–100%, a line with neither description nor product, and amounts above [`MAX_AMOUNT`].
pub fn line_amounts(line: &OrderLine) -> Result<LineAmounts, SalesError> {
    if line.quantity_milli <= 0 {
        return Err(SalesError::QuantityNotPositive);
    }
    if line.unit_price < 0 {
        return Err(SalesError::UnitPriceNegative);
    }
    if line.unit_price > MAX_AMOUNT {
        return Err(SalesError::UnitPriceTooLarge);
    }
    if !(0..=FULL_DISCOUNT).contains(&line.discount_bp) {
        return Err(SalesError::DiscountOutOfRange);
    }
    let has_product = line
        .product_id
        .as_deref()
        .is_some_and(|id| !id.trim().is_empty());
    if line.description.trim().is_empty() && !has_product {
        return Err(SalesError::DescriptionMissing);
    }
    // Below 2^63 × 10^15 × 10^4 < 2^127: cannot overflow, checked all the same.
    let numerator = i128::from(line.quantity_milli)
        .checked_mul(i128::from(line.unit_price))
        .and_then(|amount| amount.checked_mul(i128::from(FULL_DISCOUNT - line.discount_bp)))
        .ok_or(SalesError::LineTooLarge)?;
    let untaxed = round_div(numerator, MILLI * i128::from(FULL_DISCOUNT));
    let tax = round_div(untaxed * i128::from(line.vat.percent()), 100);
    let total = untaxed + tax;
    if total > i128::from(MAX_AMOUNT) {
        return Err(SalesError::LineTooLarge);
    }
    // All three are within 0..=MAX_AMOUNT now.
    let to_vnd = |amount: i128| Vnd::try_from(amount).map_err(|_| SalesError::LineTooLarge);
    Ok(LineAmounts {
        untaxed: to_vnd(untaxed)?,
        tax: to_vnd(tax)?,
        total: to_vnd(total)?,
    })
}

/// An order's totals: each line rounded on its own, then summed (Odoo's `round_per_line`).
/// A refused line is reported as [`SalesError::Line`] with its position; totals above
/// [`MAX_AMOUNT`] are refused.
pub fn order_totals(lines: &[OrderLine]) -> Result<OrderTotals, SalesError> {
    let mut totals = OrderTotals::default();
    for (index, line) in lines.iter().enumerate() {
        let amounts = line_amounts(line).map_err(|source| SalesError::Line {
            index,
            source: Box::new(source),
        })?;
        let add = |sum: Vnd, amount: Vnd| {
            sum.checked_add(amount)
                .filter(|sum| *sum <= MAX_AMOUNT)
                .ok_or(SalesError::OrderTooLarge)
        };
        totals = OrderTotals {
            untaxed: add(totals.untaxed, amounts.untaxed)?,
            tax: add(totals.tax, amounts.tax)?,
            total: add(totals.total, amounts.total)?,
        };
    }
    Ok(totals)
}

/// Where an order is in its life (Odoo's `sale.order.state`; Odoo's "locked" is not kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    /// A quotation being prepared.
    #[default]
    Quotation,
    /// A quotation sent to the customer.
    Sent,
    /// A confirmed sales order.
    Sale,
    Cancelled,
}

impl OrderState {
    pub const ALL: [OrderState; 4] = [
        OrderState::Quotation,
        OrderState::Sent,
        OrderState::Sale,
        OrderState::Cancelled,
    ];

    /// The value stored in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderState::Quotation => "quotation",
            OrderState::Sent => "sent",
            OrderState::Sale => "sale",
            OrderState::Cancelled => "cancelled",
        }
    }

    /// Parses the stored value; `None` for anything else.
    pub fn parse(stored: &str) -> Option<OrderState> {
        OrderState::ALL
            .into_iter()
            .find(|state| state.as_str() == stored)
    }

    /// Moves the order to `to` if Odoo's buttons allow it: send or confirm a quotation, confirm a
    /// sent one, cancel anything not cancelled, set a cancelled order back to quotation.
    /// Anything else, staying put included, is refused (field `state`).
    pub fn transition(self, to: OrderState) -> Result<OrderState, SalesError> {
        use OrderState::*;
        match (self, to) {
            (Quotation, Sent)
            | (Quotation | Sent, Sale)
            | (Quotation | Sent | Sale, Cancelled)
            | (Cancelled, Quotation) => Ok(to),
            _ => Err(SalesError::OrderTransition { from: self, to }),
        }
    }

    /// The state in a sentence ("a sent quotation").
    fn described(self) -> &'static str {
        match self {
            OrderState::Quotation => "a quotation",
            OrderState::Sent => "a sent quotation",
            OrderState::Sale => "a sales order",
            OrderState::Cancelled => "cancelled",
        }
    }
}

/// Why an order cannot go from `from` to `to`, for [`SalesError::OrderTransition`].
pub(super) fn transition_refusal(from: OrderState, to: OrderState) -> String {
    match (from, to) {
        _ if from == to => format!("the order is already {}", from.described()),
        (OrderState::Cancelled, _) => {
            "a cancelled order must be set back to quotation first".to_owned()
        }
        (OrderState::Sale, _) => format!(
            "a confirmed sales order cannot become {}; cancel it, then set it back to quotation",
            to.described()
        ),
        _ => format!(
            "{} cannot become {}; confirm it or cancel it",
            capitalized(from.described()),
            to.described()
        ),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Parses a quantity as typed ("2", "1,5", "1.5", up to 3 decimals; both '.' and ',' are the
/// decimal mark) into thousandths of a unit: "2" → 2000, "1,5" → 1500. Refuses 0 and less.
pub fn parse_quantity(text: &str) -> Result<i64, SalesError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(SalesError::QuantityEmpty);
    }
    let (negative, magnitude) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let milli = match parse_decimal(magnitude, 3) {
        Ok(milli) => milli,
        Err(DecimalProblem::Invalid) => {
            return Err(SalesError::QuantityInvalid {
                text: trimmed.to_owned(),
            })
        }
        Err(DecimalProblem::TooPrecise) => {
            return Err(SalesError::QuantityTooPrecise {
                text: trimmed.to_owned(),
            })
        }
        Err(DecimalProblem::TooLarge) => return Err(SalesError::QuantityTooLarge),
    };
    if negative || milli == 0 {
        return Err(SalesError::QuantityNotPositive);
    }
    i64::try_from(milli).map_err(|_| SalesError::QuantityTooLarge)
}

/// Writes a quantity in thousandths as a number with '.' and no trailing zeros
/// (1500 → "1.5", 2000 → "2", 1005 → "1.005").
pub fn format_quantity(milli: i64) -> String {
    let sign = if milli < 0 { "-" } else { "" };
    let magnitude = milli.unsigned_abs();
    let (units, thousandths) = (magnitude / 1000, magnitude % 1000);
    if thousandths == 0 {
        return format!("{sign}{units}");
    }
    let fraction = format!("{thousandths:03}");
    format!("{sign}{units}.{}", fraction.trim_end_matches('0'))
}

/// Parses a discount in percent as typed ("12,5", "12.5", "12.5 %", up to 2 decimals) into
/// hundredths of a percent: "12,5" → 1250. Refuses anything outside 0–100%.
pub fn parse_discount(text: &str) -> Result<i64, SalesError> {
    let trimmed = text.trim();
    let number = trimmed.strip_suffix('%').unwrap_or(trimmed).trim_end();
    if number.is_empty() {
        return Err(SalesError::DiscountEmpty);
    }
    if let Some(magnitude) = number.strip_prefix('-') {
        return match parse_decimal(magnitude, 2) {
            Ok(0) => Ok(0),
            Ok(_) | Err(DecimalProblem::TooLarge) => Err(SalesError::DiscountOutOfRange),
            Err(_) => Err(SalesError::DiscountInvalid {
                text: trimmed.to_owned(),
            }),
        };
    }
    match parse_decimal(number, 2) {
        Ok(bp) if bp <= i128::from(FULL_DISCOUNT) => {
            i64::try_from(bp).map_err(|_| SalesError::DiscountOutOfRange)
        }
        Ok(_) | Err(DecimalProblem::TooLarge) => Err(SalesError::DiscountOutOfRange),
        Err(DecimalProblem::Invalid) => Err(SalesError::DiscountInvalid {
            text: trimmed.to_owned(),
        }),
        Err(DecimalProblem::TooPrecise) => Err(SalesError::DiscountTooPrecise {
            text: trimmed.to_owned(),
        }),
    }
}

/// Why [`parse_decimal`] refused its text.
#[derive(Debug, PartialEq, Eq)]
enum DecimalProblem {
    Invalid,
    TooPrecise,
    TooLarge,
}

/// Parses unsigned "123", "1.5", "1,5", ",5" as an integer count of 10^-`decimals` (trailing
/// zeros past `decimals` are fine: "1.5000" with 3 decimals is 1500). At most `i64::MAX`.
fn parse_decimal(text: &str, decimals: u32) -> Result<i128, DecimalProblem> {
    let (whole, fraction) = match text.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (text, ""),
    };
    let all_digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return Err(DecimalProblem::Invalid);
    }
    let fraction = fraction.trim_end_matches('0');
    let Ok(fraction_len) = u32::try_from(fraction.len()) else {
        return Err(DecimalProblem::TooPrecise);
    };
    if fraction_len > decimals {
        return Err(DecimalProblem::TooPrecise);
    }
    let mut value: i128 = 0;
    for digit in whole.chars().chain(fraction.chars()) {
        value = value * 10 + i128::from(digit.to_digit(10).unwrap_or(0));
        if value > i128::from(i64::MAX) {
            return Err(DecimalProblem::TooLarge);
        }
    }
    value *= 10_i128.pow(decimals - fraction_len);
    if value > i128::from(i64::MAX) {
        return Err(DecimalProblem::TooLarge);
    }
    Ok(value)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "order_tests.rs"]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "order_input_tests.rs"]
mod input_tests;
