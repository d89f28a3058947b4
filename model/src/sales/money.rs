//! Money in whole Vietnamese đồng and the VAT rates of Vietnam: parsing what a rep types
//! ("1.500.000 ₫"), writing amounts the Vietnamese way, and the one rounding rule every amount
//! goes through, so the UI and the desktop always agree to the đồng.

use serde::{Deserialize, Serialize};

use super::SalesError;

/// An amount of Vietnamese đồng. The đồng has no subunit in use, so amounts are whole numbers.
pub type Vnd = i64;

/// The largest amount a price, a line, an order, an invoice or a payment may reach:
/// 10^15 ₫ (a million billion), far above any real sale and far below `i64::MAX`, so sums of
/// thousands of them cannot overflow.
pub const MAX_AMOUNT: Vnd = 1_000_000_000_000_000;

/// A VAT rate of Vietnam (Odoo's l10n_vn taxes): the standard 10%, the temporarily reduced 8%,
/// 5% for essentials, 0% for exports, and goods and services exempt from VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Vat {
    #[default]
    #[serde(rename = "10")]
    Ten,
    #[serde(rename = "8")]
    Eight,
    #[serde(rename = "5")]
    Five,
    #[serde(rename = "0")]
    Zero,
    #[serde(rename = "exempt")]
    Exempt,
}

impl Vat {
    /// Every rate, in the order a picker lists them.
    pub const ALL: [Vat; 5] = [Vat::Ten, Vat::Eight, Vat::Five, Vat::Zero, Vat::Exempt];

    /// The value stored in documents ("10", "8", "5", "0", "exempt").
    pub fn as_str(self) -> &'static str {
        match self {
            Vat::Ten => "10",
            Vat::Eight => "8",
            Vat::Five => "5",
            Vat::Zero => "0",
            Vat::Exempt => "exempt",
        }
    }

    /// Parses the stored value; `None` for anything else.
    pub fn parse(stored: &str) -> Option<Vat> {
        Vat::ALL.into_iter().find(|vat| vat.as_str() == stored)
    }

    /// The rate in percent; an exempt line is taxed 0.
    pub fn percent(self) -> i64 {
        match self {
            Vat::Ten => 10,
            Vat::Eight => 8,
            Vat::Five => 5,
            Vat::Zero | Vat::Exempt => 0,
        }
    }

    /// What a picker shows ("10%", ..., "Exempt").
    pub fn label(self) -> &'static str {
        match self {
            Vat::Ten => "10%",
            Vat::Eight => "8%",
            Vat::Five => "5%",
            Vat::Zero => "0%",
            Vat::Exempt => "Exempt",
        }
    }
}

/// `numerator / denominator` rounded to the nearest integer, halves away from zero (Odoo's
/// HALF-UP on positive amounts: 2.5 → 3, -2.5 → -3). Never panics: a zero denominator gives 0,
/// and the one quotient too large for i128 (`i128::MIN / -1`) gives `i128::MAX`.
pub fn round_div(numerator: i128, denominator: i128) -> i128 {
    let (Some(quotient), Some(remainder)) = (
        numerator.checked_div(denominator),
        numerator.checked_rem(denominator),
    ) else {
        return if denominator == 0 { 0 } else { i128::MAX };
    };
    let remainder = remainder.unsigned_abs();
    let divisor = denominator.unsigned_abs();
    // remainder < divisor, so `divisor - remainder` cannot underflow: "2 × remainder ≥ divisor".
    if remainder != 0 && remainder >= divisor - remainder {
        // |quotient| ≤ |numerator| / 2 here (the divisor is at least 2), so ±1 cannot overflow.
        if (numerator < 0) != (denominator < 0) {
            quotient - 1
        } else {
            quotient + 1
        }
    } else {
        quotient
    }
}

/// Characters that may group the digits of an amount: dots (Vietnamese), commas (English),
/// and plain, non-breaking and narrow non-breaking spaces.
const GROUP_SEPARATORS: [char; 5] = ['.', ',', ' ', '\u{a0}', '\u{202f}'];

/// Currency marks an amount may end with (after optional spaces), compared ignoring case; the
/// longer first, so "VNĐ" is not read as "VN" and "đ".
const CURRENCY_SUFFIXES: [&str; 4] = ["vnđ", "vnd", "₫", "đ"];

/// Parses an amount of đồng as a rep types it: "1500000", "1.500.000", "1 500 000" or
/// "1,500,000", with an optional leading '-' and an optional trailing "₫", "đ" or "VND".
/// Grouped digits must come in groups of three; a decimal part ("1.500,50", "12,5") is refused,
/// since đồng amounts are whole; amounts above [`MAX_AMOUNT`] are refused.
pub fn parse_vnd(text: &str) -> Result<Vnd, SalesError> {
    let invalid = || SalesError::AmountInvalid {
        text: text.trim().to_owned(),
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(SalesError::AmountEmpty);
    }
    let (negative, unsigned) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, trimmed),
    };
    let body = strip_currency(unsigned).trim_end();
    if body.is_empty() {
        return Err(invalid());
    }
    if body
        .chars()
        .any(|c| !c.is_ascii_digit() && !GROUP_SEPARATORS.contains(&c))
    {
        return Err(invalid());
    }
    let groups: Vec<&str> = body.split(&GROUP_SEPARATORS[..]).collect();
    let separators: Vec<char> = body
        .chars()
        .filter(|c| GROUP_SEPARATORS.contains(c))
        .collect();
    if let (Some(&last_separator), Some(last_group)) = (separators.last(), groups.last()) {
        let is_decimal_mark = last_separator == '.' || last_separator == ',';
        let mixed = separators.iter().any(|&s| s != last_separator);
        let last_is_group = last_group.len() == 3;
        if is_decimal_mark && !last_group.is_empty() && (mixed || !last_is_group) {
            return Err(SalesError::AmountHasDecimals {
                text: trimmed.to_owned(),
            });
        }
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|group| group.len() == 3);
        if mixed || !first_ok || !rest_ok {
            return Err(invalid());
        }
    }
    let mut magnitude: i128 = 0;
    for digit in body.chars().filter_map(|c| c.to_digit(10)) {
        magnitude = magnitude * 10 + i128::from(digit);
        if magnitude > i128::from(MAX_AMOUNT) {
            return Err(SalesError::AmountTooLarge);
        }
    }
    let amount = Vnd::try_from(magnitude).map_err(|_| SalesError::AmountTooLarge)?;
    Ok(if negative { -amount } else { amount })
}

/// `text` without a trailing currency mark (and the spaces before it).
fn strip_currency(text: &str) -> &str {
    for suffix in CURRENCY_SUFFIXES {
        let Some(start) = text.len().checked_sub(suffix.len()) else {
            continue;
        };
        if let (Some(head), Some(tail)) = (text.get(..start), text.get(start..)) {
            if tail.to_lowercase() == suffix {
                return head.trim_end();
            }
        }
    }
    text
}

/// Writes an amount the Vietnamese way: digits grouped by dots, then " ₫"
/// (1500000 → "1.500.000 ₫", -1500 → "-1.500 ₫").
pub fn format_vnd(amount: Vnd) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}{} ₫", group_digits(amount.unsigned_abs()))
}

/// The digits of `value` in groups of three separated by dots.
fn group_digits(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "money_tests.rs"]
mod tests;
