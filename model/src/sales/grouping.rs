//! What the sales windows list and group by: the record class a window lists
//! ([`SalesClass`]), the fields its records group by ([`SalesGroupBy`]: customer, state, month,
//! salesperson), one group as the replica counts it ([`SalesGroup`]) and the group a list is
//! narrowed to ([`SalesGroupKey`]). The checks refuse, naming the field, a state or a grouping
//! the class does not have, so a wrong query is an error rather than an empty list.

use serde::{Deserialize, Serialize};

use super::{SalesError, Vnd};

/// The records a sales window lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", try_from = "String")]
pub enum SalesClass {
    /// Quotations and sales orders.
    Orders,
    Invoices,
    Payments,
    Products,
    Purchases,
}

impl SalesClass {
    pub const ALL: [SalesClass; 5] = [
        SalesClass::Orders,
        SalesClass::Invoices,
        SalesClass::Payments,
        SalesClass::Products,
        SalesClass::Purchases,
    ];

    /// The name on the wire (`orders`, `invoices`...), also the records' plural in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            SalesClass::Orders => "orders",
            SalesClass::Invoices => "invoices",
            SalesClass::Payments => "payments",
            SalesClass::Products => "products",
            SalesClass::Purchases => "purchases",
        }
    }

    /// The states its records are stored in (the values a list's `states` filter takes).
    pub fn states(self) -> &'static [&'static str] {
        match self {
            SalesClass::Orders => &["quotation", "sent", "sale", "cancelled"],
            SalesClass::Invoices => &["draft", "posted", "cancelled"],
            SalesClass::Payments => &["posted", "cancelled"],
            SalesClass::Products => &[],
            SalesClass::Purchases => &["draft", "purchase", "cancelled"],
        }
    }

    /// The fields its records group by; the salesperson is the order's (an invoice's is its
    /// order's), and a purchase's customer is its vendor. Products do not group.
    pub fn group_fields(self) -> &'static [SalesGroupBy] {
        use SalesGroupBy::*;
        match self {
            SalesClass::Orders | SalesClass::Invoices => &[Customer, State, Month, Salesperson],
            SalesClass::Payments | SalesClass::Purchases => &[Customer, State, Month],
            SalesClass::Products => &[],
        }
    }

    /// Refuses a state its records never have (field `states`).
    pub fn check_state(self, state: &str) -> Result<(), SalesError> {
        if self.states().contains(&state.trim()) {
            Ok(())
        } else {
            Err(SalesError::StateUnknown {
                class: self,
                state: state.to_owned(),
            })
        }
    }

    /// Refuses a grouping its records do not have (field `group_by`).
    pub fn check_group_by(self, by: SalesGroupBy) -> Result<(), SalesError> {
        if self.group_fields().contains(&by) {
            Ok(())
        } else {
            Err(SalesError::GroupByNotApplicable { class: self, by })
        }
    }

    /// Refuses a group its records cannot fall in (field `group`): a grouping they do not have,
    /// a state they never have, a month not written `YYYY-MM`.
    pub fn check_group(self, group: &SalesGroupKey) -> Result<(), SalesError> {
        self.check_group_by(group.by)?;
        let valid = match group.by {
            SalesGroupBy::State => self.states().contains(&group.key.as_str()),
            SalesGroupBy::Month => is_month(&group.key),
            SalesGroupBy::Customer | SalesGroupBy::Salesperson => true,
        };
        if valid {
            Ok(())
        } else {
            Err(SalesError::GroupKeyInvalid {
                class: self,
                by: group.by,
                key: group.key.clone(),
            })
        }
    }
}

impl TryFrom<String> for SalesClass {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        SalesClass::ALL
            .into_iter()
            .find(|class| class.as_str() == name)
            .ok_or_else(|| {
                format!(
                    "class: \"{name}\" is not a sales window's records; use one of {}",
                    SalesClass::ALL.map(SalesClass::as_str).join(", ")
                )
            })
    }
}

/// What a sales window groups its records by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", try_from = "String")]
pub enum SalesGroupBy {
    /// The customer (a purchase's vendor).
    Customer,
    State,
    /// The month of the record's date, `YYYY-MM`.
    Month,
    /// The order's salesperson (an invoice's is its order's).
    Salesperson,
}

impl SalesGroupBy {
    pub const ALL: [SalesGroupBy; 4] = [
        SalesGroupBy::Customer,
        SalesGroupBy::State,
        SalesGroupBy::Month,
        SalesGroupBy::Salesperson,
    ];

    /// The name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            SalesGroupBy::Customer => "customer",
            SalesGroupBy::State => "state",
            SalesGroupBy::Month => "month",
            SalesGroupBy::Salesperson => "salesperson",
        }
    }
}

impl TryFrom<String> for SalesGroupBy {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        SalesGroupBy::ALL
            .into_iter()
            .find(|by| by.as_str() == name)
            .ok_or_else(|| {
                format!(
                    "group_by: \"{name}\" is not a grouping of the sales windows; use one of {}",
                    SalesGroupBy::ALL.map(SalesGroupBy::as_str).join(", ")
                )
            })
    }
}

/// The group a list is narrowed to: its grouping and the group's key as [`SalesGroup`] gave it
/// (an empty key: the records without one, e.g. no salesperson).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SalesGroupKey {
    pub by: SalesGroupBy,
    pub key: String,
}

/// One group of a sales window: how many records fall in it and what they add up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalesGroup {
    /// The customer's or salesperson's id, the state, or the month `YYYY-MM`; empty for
    /// records without one.
    pub key: String,
    /// The customer's or salesperson's name as this device holds it; for a state or a month,
    /// the key itself (the window words it).
    pub label: String,
    pub count: u64,
    /// The records' total (an order's, an invoice's, a purchase's) or amount (a payment's).
    pub total: Vnd,
}

/// Whether `key` is a month written `YYYY-MM`.
pub fn is_month(key: &str) -> bool {
    let bytes = key.as_bytes();
    bytes.len() == 7
        && bytes[4] == b'-'
        && bytes[..4].iter().chain(&bytes[5..]).all(u8::is_ascii_digit)
        && matches!(
            &key[5..],
            "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12"
        )
}

/// Why a `state` is refused for `class` (the message after the field).
pub(super) fn state_refusal(class: SalesClass, state: &str) -> String {
    if class.states().is_empty() {
        format!(
            "{} have no state; leave the state filter empty",
            class.as_str()
        )
    } else {
        format!(
            "\"{state}\" is not a state of {}; use one of {}",
            class.as_str(),
            class.states().join(", ")
        )
    }
}

/// Why grouping `class` by `by` is refused (the message after the field).
pub(super) fn group_by_refusal(class: SalesClass, by: SalesGroupBy) -> String {
    let fields = class.group_fields();
    if fields.is_empty() {
        format!(
            "{} cannot be grouped by {}; they are listed ungrouped",
            class.as_str(),
            by.as_str()
        )
    } else {
        format!(
            "{} cannot be grouped by {}; group them by {}",
            class.as_str(),
            by.as_str(),
            fields
                .iter()
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// Why the group `key` of grouping `by` is refused for `class` (the message after the field).
pub(super) fn group_key_refusal(class: SalesClass, by: SalesGroupBy, key: &str) -> String {
    match by {
        SalesGroupBy::Month => format!("\"{key}\" is not a month; write it YYYY-MM, e.g. 2026-11"),
        SalesGroupBy::State => state_refusal(class, key),
        _ => format!("\"{key}\" is not a group of {}", class.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_groupings_cross_the_wire_by_name_and_refuse_others_naming_the_field() {
        for class in SalesClass::ALL {
            let json = serde_json::to_string(&class).unwrap();
            assert_eq!(json, format!("\"{}\"", class.as_str()));
            assert_eq!(serde_json::from_str::<SalesClass>(&json).unwrap(), class);
        }
        for by in SalesGroupBy::ALL {
            let json = serde_json::to_string(&by).unwrap();
            assert_eq!(serde_json::from_str::<SalesGroupBy>(&json).unwrap(), by);
        }
        let error = serde_json::from_str::<SalesGroupBy>("\"colour\"").unwrap_err();
        assert!(
            error.to_string().starts_with("group_by: \"colour\""),
            "{error}"
        );
        let error = serde_json::from_str::<SalesClass>("\"quotes\"").unwrap_err();
        assert!(
            error.to_string().starts_with("class: \"quotes\""),
            "{error}"
        );
    }

    #[test]
    fn a_state_or_group_the_records_never_have_is_refused_on_its_field() {
        assert_eq!(SalesClass::Invoices.check_state("posted"), Ok(()));
        let error = SalesClass::Invoices.check_state("sale").unwrap_err();
        assert_eq!(error.field(), "states");
        assert!(
            error.to_string().contains("draft, posted, cancelled"),
            "{error}"
        );
        let error = SalesClass::Products.check_state("draft").unwrap_err();
        assert!(error.to_string().contains("no state"), "{error}");

        assert_eq!(
            SalesClass::Orders.check_group_by(SalesGroupBy::Salesperson),
            Ok(())
        );
        let error = SalesClass::Payments
            .check_group_by(SalesGroupBy::Salesperson)
            .unwrap_err();
        assert_eq!(error.field(), "group_by");
        assert!(
            error.to_string().contains("customer, state, month"),
            "{error}"
        );

        let group = |by, key: &str| SalesGroupKey {
            by,
            key: key.into(),
        };
        assert_eq!(
            SalesClass::Purchases.check_group(&group(SalesGroupBy::Month, "2026-11")),
            Ok(())
        );
        for (by, key) in [
            (SalesGroupBy::Month, "2026-13"),
            (SalesGroupBy::Month, "11/2026"),
            (SalesGroupBy::State, "posted"),
        ] {
            let error = SalesClass::Purchases
                .check_group(&group(by, key))
                .unwrap_err();
            assert_eq!(error.field(), "group", "{key}");
            assert!(error.to_string().contains(key), "{error}");
        }
        // An empty key is the group of records without one.
        assert_eq!(
            SalesClass::Orders.check_group(&group(SalesGroupBy::Salesperson, "")),
            Ok(())
        );
    }
}
