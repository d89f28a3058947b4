//! The ISO 3166-1 alpha-2 country list with English short names, for the country picker and for
//! showing a stored country code. The data comes from the `rust_iso3166` crate.

/// The English short name of an ISO 3166-1 alpha-2 code ("VN" → "Viet Nam"). Surrounding spaces
/// and letter case are ignored; `None` for anything that is not an assigned code.
pub fn country_name(code: &str) -> Option<&'static str> {
    let code = code.trim();
    if code.len() != 2 {
        return None;
    }
    rust_iso3166::from_alpha2(&code.to_ascii_uppercase()).map(|country| country.name)
}

/// Every assigned code with its English short name, `(code, name)`, ordered by name.
pub fn countries() -> impl Iterator<Item = (&'static str, &'static str)> {
    rust_iso3166::ALL
        .iter()
        .map(|country| (country.alpha2, country.name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn vietnam_and_neighbours_have_their_iso_names() {
        assert_eq!(country_name("VN"), Some("Viet Nam"));
        assert_eq!(country_name(" vn "), Some("Viet Nam"));
        assert_eq!(country_name("KH"), Some("Cambodia"));
        assert_eq!(country_name("LA"), Some("Lao People's Democratic Republic"));
        assert_eq!(country_name("FR"), Some("France"));
    }

    #[test]
    fn unknown_or_malformed_codes_have_no_name() {
        for code in ["", "V", "VNM", "XX", "ZZ", "Việt", "84"] {
            assert_eq!(country_name(code), None, "{code}");
        }
    }

    #[test]
    fn the_list_holds_every_assigned_code_once() {
        let list: Vec<_> = countries().collect();
        assert_eq!(list.len(), 249, "ISO 3166-1 assigns 249 codes");
        let codes: HashSet<_> = list.iter().map(|(code, _)| *code).collect();
        assert_eq!(codes.len(), list.len());
        for (code, name) in &list {
            assert!(
                code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()),
                "{code}"
            );
            assert!(!name.is_empty(), "{code}");
            assert_eq!(country_name(code), Some(*name), "{code}");
        }
        assert!(list.contains(&("VN", "Viet Nam")));
    }
}
