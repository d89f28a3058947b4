//! Products as a rep creates them and the price a pricelist gives a customer (Odoo's
//! `product.template` and `product.pricelist.item`, kept to a fixed price or a percentage off),
//! so a new order line starts at the right price.

use serde::{Deserialize, Serialize};

use super::money::{round_div, Vat, Vnd, MAX_AMOUNT};
use super::SalesError;

/// Longest product name, in characters.
pub const MAX_PRODUCT_NAME_LEN: usize = 200;

/// What the user typed into the product form.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductDraft {
    pub name: String,
    /// The company's own code for the product (Odoo's `default_code`); may be empty.
    pub internal_ref: String,
    /// The unit it is sold in ("Units", "kg", "Hộp"...).
    pub unit: String,
    pub sales_price: Vnd,
    /// The VAT a line for the product starts with.
    pub vat: Vat,
    /// Archived products (false) are not offered on new lines.
    pub active: bool,
}

impl ProductDraft {
    /// Refuses a missing or too long name (trimmed, at most [`MAX_PRODUCT_NAME_LEN`]
    /// characters), a missing unit, and a sales price below 0 or above [`MAX_AMOUNT`].
    pub fn validate(&self) -> Result<(), SalesError> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(SalesError::ProductNameMissing);
        }
        let chars = name.chars().count();
        if chars > MAX_PRODUCT_NAME_LEN {
            return Err(SalesError::ProductNameTooLong { chars });
        }
        if self.unit.trim().is_empty() {
            return Err(SalesError::UnitMissing);
        }
        if self.sales_price < 0 {
            return Err(SalesError::SalesPriceNegative);
        }
        if self.sales_price > MAX_AMOUNT {
            return Err(SalesError::SalesPriceTooLarge);
        }
        Ok(())
    }
}

/// A pricelist's rule for a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceRule {
    /// This price, whatever the list price.
    Fixed(Vnd),
    /// The list price less this many hundredths of a percent (0..=10000; 1250 is 12.5% off).
    PercentOff(i64),
}

impl PriceRule {
    /// Refuses a negative fixed price (field `price`) and a percentage outside 0–100% (field
    /// `discount`).
    pub fn validate(&self) -> Result<(), SalesError> {
        match *self {
            PriceRule::Fixed(price) if price < 0 => Err(SalesError::FixedPriceNegative),
            PriceRule::PercentOff(bp) if !(0..=10_000).contains(&bp) => {
                Err(SalesError::DiscountOutOfRange)
            }
            _ => Ok(()),
        }
    }
}

/// The unit price a pricelist gives: the list price without a rule, the rule's price for a
/// fixed rule, else the list price less the percentage, rounded half up to the đồng. A
/// percentage outside 0–100% (refused by [`PriceRule::validate`]) counts as its nearest bound.
pub fn pricelist_price(list_price: Vnd, rule: Option<&PriceRule>) -> Vnd {
    match rule {
        None => list_price,
        Some(PriceRule::Fixed(price)) => *price,
        Some(PriceRule::PercentOff(bp)) => {
            let kept = 10_000 - (*bp).clamp(0, 10_000);
            let price = round_div(i128::from(list_price) * i128::from(kept), 10_000);
            // |price| ≤ |list_price|, so it fits; the fallback is never taken.
            Vnd::try_from(price).unwrap_or(list_price)
        }
    }
}

#[cfg(test)]
#[path = "product_tests.rs"]
mod tests;
