//! What the Customers screen asks of the replica: a page of customers, filtered, searched, sorted
//! and optionally grouped. Shared by the UI, the shell's commands and the command line.

use serde::{Deserialize, Serialize};

use crate::customer::{ActivityState, CustomerKind};
use crate::validation::CustomerField;

/// Columns a page can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    Name,
    Email,
    Phone,
    City,
    Country,
    Salesperson,
    Company,
    UpdatedAt,
}

impl SortKey {
    pub const ALL: [SortKey; 8] = [
        SortKey::Name,
        SortKey::Email,
        SortKey::Phone,
        SortKey::City,
        SortKey::Country,
        SortKey::Salesperson,
        SortKey::Company,
        SortKey::UpdatedAt,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Email => "email",
            SortKey::Phone => "phone",
            SortKey::City => "city",
            SortKey::Country => "country",
            SortKey::Salesperson => "salesperson",
            SortKey::Company => "company",
            SortKey::UpdatedAt => "updated_at",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        SortKey::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Fields a page can be grouped by, with a count per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    Salesperson,
    Company,
    Country,
    Tag,
    Kind,
    Language,
    ActivityState,
}

impl GroupBy {
    pub const ALL: [GroupBy; 7] = [
        GroupBy::Salesperson,
        GroupBy::Company,
        GroupBy::Country,
        GroupBy::Tag,
        GroupBy::Kind,
        GroupBy::Language,
        GroupBy::ActivityState,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Salesperson => "salesperson",
            GroupBy::Company => "company",
            GroupBy::Country => "country",
            GroupBy::Tag => "tag",
            GroupBy::Kind => "kind",
            GroupBy::Language => "language",
            GroupBy::ActivityState => "activity_state",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        GroupBy::ALL.into_iter().find(|g| g.as_str() == text)
    }
}

/// A field a custom filter condition can test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionField {
    Name,
    Email,
    Phone,
    City,
    Country,
    TaxId,
    Website,
    Language,
    Function,
    Zip,
}

impl ConditionField {
    pub const ALL: [ConditionField; 10] = [
        ConditionField::Name,
        ConditionField::Email,
        ConditionField::Phone,
        ConditionField::City,
        ConditionField::Country,
        ConditionField::TaxId,
        ConditionField::Website,
        ConditionField::Language,
        ConditionField::Function,
        ConditionField::Zip,
    ];

    /// The customer field it tests (its row of the field table).
    pub fn field(self) -> CustomerField {
        match self {
            ConditionField::Name => CustomerField::Name,
            ConditionField::Email => CustomerField::Email,
            ConditionField::Phone => CustomerField::Phone,
            ConditionField::City => CustomerField::City,
            ConditionField::Country => CustomerField::Country,
            ConditionField::TaxId => CustomerField::TaxId,
            ConditionField::Website => CustomerField::Website,
            ConditionField::Language => CustomerField::Language,
            ConditionField::Function => CustomerField::Function,
            ConditionField::Zip => CustomerField::Zip,
        }
    }

    /// Its name: the field's.
    pub fn as_str(self) -> &'static str {
        self.field().as_str()
    }

    pub fn parse(text: &str) -> Option<Self> {
        ConditionField::ALL.into_iter().find(|f| f.as_str() == text)
    }
}

/// How a custom condition compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    Contains,
    NotContains,
    Equals,
    NotEquals,
    StartsWith,
    IsSet,
    IsNotSet,
}

impl Operator {
    pub const ALL: [Operator; 7] = [
        Operator::Contains,
        Operator::NotContains,
        Operator::Equals,
        Operator::NotEquals,
        Operator::StartsWith,
        Operator::IsSet,
        Operator::IsNotSet,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Operator::Contains => "contains",
            Operator::NotContains => "not_contains",
            Operator::Equals => "equals",
            Operator::NotEquals => "not_equals",
            Operator::StartsWith => "starts_with",
            Operator::IsSet => "is_set",
            Operator::IsNotSet => "is_not_set",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Operator::ALL.into_iter().find(|o| o.as_str() == text)
    }
}

/// One condition of a custom filter: `field operator value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub field: ConditionField,
    pub operator: Operator,
    #[serde(default)]
    pub value: String,
}

/// Filters; all that are set must hold. Archived customers are hidden unless `archived` is set.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerFilter {
    pub kind: Option<CustomerKind>,
    /// `Some(true)`: only archived; `None`/`Some(false)`: only active.
    pub archived: Option<bool>,
    /// Only customers whose salesperson is this user ("my customers").
    pub salesperson_id: Option<String>,
    /// Only this user's favourites.
    pub favourites_of: Option<String>,
    pub tag_id: Option<String>,
    pub country: Option<String>,
    pub activity_state: Option<ActivityState>,
    pub conditions: Vec<Condition>,
    /// Only customers with fields concurrent edits left with more than one value.
    pub has_conflicts: bool,
}

/// A request for one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerQuery {
    /// The search box's text (accent-insensitive, prefix as you type).
    pub search: String,
    pub filter: CustomerFilter,
    pub sort: SortKey,
    pub descending: bool,
    /// Rows per page (at most 500).
    pub limit: u32,
    /// Offset paging (ignored when `after` is set).
    pub offset: u32,
    /// Keyset paging: the sort value and id of the last row of the previous page.
    pub after: Option<(String, String)>,
    /// The user asking (for the favourite flag).
    pub user_id: Option<String>,
    /// Today as `YYYY-MM-DD` (the activity state depends on it).
    pub today: String,
}

impl Default for CustomerQuery {
    fn default() -> Self {
        CustomerQuery {
            search: String::new(),
            filter: CustomerFilter::default(),
            sort: SortKey::Name,
            descending: false,
            limit: 80,
            offset: 0,
            after: None,
            user_id: None,
            today: String::new(),
        }
    }
}

/// One customer as a card or list row shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub id: String,
    pub kind: CustomerKind,
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub mobile: String,
    pub city: String,
    pub country: String,
    pub salesperson: String,
    pub tags: Vec<TagChip>,
    pub activity_state: ActivityState,
    pub open_activities: u32,
    pub favourite: bool,
    pub sales_count: u32,
    pub purchase_count: u32,
    pub archived: bool,
    /// The value of the sort column, for keyset paging.
    pub sort_value: String,
    /// How many fields concurrent edits left with more than one value (the conflict mark).
    #[serde(default)]
    pub conflicts: u32,
    /// When it was last changed (RFC 3339, UTC; C6).
    #[serde(default)]
    pub updated_at: String,
    /// Who last changed it: their display name from the team directory (else their id; empty
    /// when unknown).
    #[serde(default)]
    pub updated_by: String,
    /// Someone else changed it since the user last opened it: the card is highlighted.
    #[serde(default)]
    pub unseen_change: bool,
    /// What it owes in đồng: posted invoices less payments, over it and the people who work
    /// for it (negative: a credit).
    #[serde(default)]
    pub amount_due: i64,
}

/// A tag as a coloured chip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagChip {
    pub id: String,
    pub name: String,
    pub color: u8,
}

/// A page of customers and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPage {
    pub rows: Vec<CustomerRow>,
    pub total: u64,
}

/// One group and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCount {
    /// The group's key (an id or a value); empty for "none".
    pub key: String,
    /// What to show for it.
    pub label: String,
    pub count: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in SortKey::ALL {
            assert_eq!(SortKey::parse(k.as_str()), Some(k));
        }
        for g in GroupBy::ALL {
            assert_eq!(GroupBy::parse(g.as_str()), Some(g));
        }
        for f in ConditionField::ALL {
            assert_eq!(ConditionField::parse(f.as_str()), Some(f));
        }
        for o in Operator::ALL {
            assert_eq!(Operator::parse(o.as_str()), Some(o));
        }
        assert_eq!(GroupBy::parse("mood"), None);
    }

    #[test]
    fn condition_fields_are_projected_text_columns_named_like_their_field() {
        for f in ConditionField::ALL {
            let spec = f.field().spec().expect("a customer field");
            assert_eq!(spec.column, Some(f.as_str()));
            assert_eq!(spec.shape, crate::customer_fields::Shape::Text);
            assert_eq!(
                serde_json_name(f),
                f.as_str(),
                "the wire name of {f:?} is its field's"
            );
        }
    }

    fn serde_json_name(f: ConditionField) -> String {
        serde_json::to_value(f)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }
}
