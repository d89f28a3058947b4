//! Dates and money as the user's language writes them (ui-guide: dd/MM/yyyy in Vietnamese,
//! MM/dd/yyyy in English; VND without decimals, "1.250.000 ₫"). Pure functions, tested natively.

use crate::i18n::{format_count, Lang};

/// A `YYYY-MM-DD` date for display; anything else is shown as it is.
pub fn format_date(lang: Lang, iso: &str) -> String {
    let parts: Vec<&str> = iso.get(..10).unwrap_or(iso).split('-').collect();
    match parts.as_slice() {
        [y, m, d]
            if y.len() == 4
                && m.len() == 2
                && d.len() == 2
                && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            match lang {
                Lang::Vi => format!("{d}/{m}/{y}"),
                Lang::En => format!("{m}/{d}/{y}"),
            }
        }
        _ => iso.to_owned(),
    }
}

/// An amount of đồng, whole, with the language's thousands separator: "1.234.567 ₫".
pub fn format_money(lang: Lang, amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}{} ₫", format_count(lang, amount.unsigned_abs()))
}

/// An amount of đồng as the sales windows write it (ui-guide, next wave): "1.250.000 ₫" in
/// Vietnamese, "₫1,250,000" in English.
pub fn format_amount(lang: Lang, amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let digits = format_count(lang, amount.unsigned_abs());
    match lang {
        Lang::Vi => format!("{sign}{digits} ₫"),
        Lang::En => format!("{sign}₫{digits}"),
    }
}

/// The date `days` after the `YYYY-MM-DD` date `iso` (negative: before), as `YYYY-MM-DD`.
pub fn add_days(iso: &str, days: i64) -> Option<String> {
    let mut parts = iso.split('-').map(str::parse::<i64>);
    let (y, m, d) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    let (y, m, d) = civil_from_days(days_from_civil(y, m, d) + days);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_language() {
        assert_eq!(format_date(Lang::Vi, "2026-11-27"), "27/11/2026");
        assert_eq!(format_date(Lang::En, "2026-11-27"), "11/27/2026");
        assert_eq!(
            format_date(Lang::Vi, "2026-01-05T10:42:00Z"),
            "05/01/2026",
            "a timestamp shows its day"
        );
        assert_eq!(format_date(Lang::Vi, ""), "");
        assert_eq!(format_date(Lang::En, "soon"), "soon");
    }

    #[test]
    fn money_is_whole_dong_with_thousands_separators() {
        assert_eq!(format_money(Lang::Vi, 1_234_567), "1.234.567 ₫");
        assert_eq!(format_money(Lang::Vi, 1_250_000), "1.250.000 ₫");
        assert_eq!(format_money(Lang::En, 1_234_567), "1,234,567 ₫");
        assert_eq!(format_money(Lang::Vi, 0), "0 ₫");
        assert_eq!(format_money(Lang::Vi, -45_000), "-45.000 ₫");
    }

    #[test]
    fn sales_amounts_put_the_sign_where_each_language_does() {
        assert_eq!(format_amount(Lang::Vi, 1_250_000), "1.250.000 ₫");
        assert_eq!(format_amount(Lang::En, 1_250_000), "₫1,250,000");
        assert_eq!(format_amount(Lang::En, -5_000), "-₫5,000");
    }

    #[test]
    fn days_are_added_across_months_and_leap_years() {
        assert_eq!(add_days("2026-11-27", 1).as_deref(), Some("2026-11-28"));
        assert_eq!(add_days("2026-12-31", 1).as_deref(), Some("2027-01-01"));
        assert_eq!(add_days("2028-02-28", 1).as_deref(), Some("2028-02-29"));
        assert_eq!(add_days("2026-03-01", -1).as_deref(), Some("2026-02-28"));
        assert_eq!(add_days("nope", 1), None);
    }
}
