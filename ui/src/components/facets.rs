//! The search box's facet chips derived from the query's filters and grouping (so chips and query
//! cannot disagree), what removing one does, the words for fields and operators, and how a group
//! of a grouped view narrows the filter to its own customers.

use clientele_model::commands::{ReferenceItem, ScreenContext};
use clientele_model::query::{Condition, ConditionField, CustomerFilter, GroupBy, Operator};
use clientele_model::{ActivityState, CustomerKind};
use std::rc::Rc;
use yew::Callback;

use crate::i18n::{t, Lang, Text};

/// What the screen shares with its menus, cards and popovers.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenShared {
    pub context: Rc<ScreenContext>,
    /// Asks the screen to load its pages again (an activity changed a card's clock).
    pub refresh: Callback<()>,
}

/// Which part of the search a chip stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetKey {
    Kind,
    Archived,
    Salesperson,
    Favourites,
    Activity,
    Tag,
    Country,
    Condition(usize),
    GroupBy,
    /// history: only customers with concurrent values.
    Conflicts,
}

/// One chip: what it stands for and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet {
    pub key: FacetKey,
    pub label: String,
}

pub fn field_text(field: ConditionField) -> Text {
    match field {
        ConditionField::Name => Text::CustomerName,
        ConditionField::Email => Text::Email,
        ConditionField::Phone => Text::Phone,
        ConditionField::City => Text::City,
        ConditionField::Country => Text::Country,
        ConditionField::TaxId => Text::FieldTaxId,
        ConditionField::Website => Text::FieldWebsite,
        ConditionField::Language => Text::Language,
        ConditionField::Function => Text::FieldFunction,
        ConditionField::Zip => Text::FieldZip,
    }
}

pub fn operator_text(operator: Operator) -> Text {
    match operator {
        Operator::Contains => Text::OpContains,
        Operator::NotContains => Text::OpNotContains,
        Operator::Equals => Text::OpEquals,
        Operator::NotEquals => Text::OpNotEquals,
        Operator::StartsWith => Text::OpStartsWith,
        Operator::IsSet => Text::OpIsSet,
        Operator::IsNotSet => Text::OpIsNotSet,
    }
}

/// Whether the operator compares with a value (`is set` does not).
pub fn needs_value(operator: Operator) -> bool {
    !matches!(operator, Operator::IsSet | Operator::IsNotSet)
}

pub fn group_text(group_by: GroupBy) -> Text {
    match group_by {
        GroupBy::Salesperson => Text::Salesperson,
        GroupBy::Company => Text::Company,
        GroupBy::Country => Text::Country,
        GroupBy::Tag => Text::Tags,
        GroupBy::Kind => Text::Kind,
        GroupBy::Language => Text::Language,
        GroupBy::ActivityState => Text::GroupActivity,
    }
}

pub fn state_text(state: ActivityState) -> Text {
    match state {
        ActivityState::Overdue => Text::StateOverdue,
        ActivityState::Today => Text::StateToday,
        ActivityState::Planned => Text::StatePlanned,
        ActivityState::None => Text::ActivityNone,
    }
}

/// "Thành phố bằng Hà Nội".
pub fn condition_label(lang: Lang, condition: &Condition) -> String {
    let mut label = format!(
        "{} {}",
        t(lang, field_text(condition.field)),
        t(lang, operator_text(condition.operator))
    );
    if needs_value(condition.operator) {
        label.push(' ');
        label.push_str(&condition.value);
    }
    label
}

fn name_in(list: &[ReferenceItem], id: &str) -> String {
    list.iter()
        .find(|i| i.id == id)
        .map(|i| i.name.clone())
        .unwrap_or_else(|| id.to_owned())
}

/// The chips for a filter and a grouping, in the order the menus list them.
pub fn facets(
    lang: Lang,
    filter: &CustomerFilter,
    group_by: Option<GroupBy>,
    context: &ScreenContext,
) -> Vec<Facet> {
    let mut chips = Vec::new();
    let mut add = |key, label: String| chips.push(Facet { key, label });
    if let Some(kind) = filter.kind {
        let text = match kind {
            CustomerKind::Individual => Text::FilterIndividuals,
            CustomerKind::Company => Text::FilterCompanies,
        };
        add(FacetKey::Kind, t(lang, text).to_owned());
    }
    if filter.archived == Some(true) {
        add(FacetKey::Archived, t(lang, Text::FilterArchived).to_owned());
    }
    if let Some(salesperson) = &filter.salesperson_id {
        let label = if context.user_id.as_ref() == Some(salesperson) {
            t(lang, Text::FilterMine).to_owned()
        } else {
            format!(
                "{}: {}",
                t(lang, Text::Salesperson),
                // unsent: the team's display name, disabled members included.
                if context.team.iter().any(|m| &m.user == salesperson) {
                    super::workspace::team_name(&context.team, salesperson)
                } else {
                    name_in(&context.salespeople, salesperson)
                }
            )
        };
        add(FacetKey::Salesperson, label);
    }
    if filter.favourites_of.is_some() {
        add(
            FacetKey::Favourites,
            t(lang, Text::FilterFavourites).to_owned(),
        );
    }
    if let Some(state) = filter.activity_state {
        add(FacetKey::Activity, t(lang, state_text(state)).to_owned());
    }
    if let Some(tag) = &filter.tag_id {
        let label = format!("{}: {}", t(lang, Text::Tags), name_in(&context.tags, tag));
        add(FacetKey::Tag, label);
    }
    if let Some(country) = &filter.country {
        add(
            FacetKey::Country,
            format!("{}: {country}", t(lang, Text::Country)),
        );
    }
    for (at, condition) in filter.conditions.iter().enumerate() {
        add(FacetKey::Condition(at), condition_label(lang, condition));
    }
    if filter.has_conflicts {
        add(
            FacetKey::Conflicts,
            t(lang, Text::FilterHasConflicts).to_owned(),
        );
    }
    if let Some(group_by) = group_by {
        let label = format!(
            "{}: {}",
            t(lang, Text::GroupByMenu),
            t(lang, group_text(group_by))
        );
        add(FacetKey::GroupBy, label);
    }
    chips
}

/// The filter without the part a chip stands for (the grouping is not a filter: unchanged).
pub fn without(filter: &CustomerFilter, key: FacetKey) -> CustomerFilter {
    let mut next = filter.clone();
    match key {
        FacetKey::Kind => next.kind = None,
        FacetKey::Archived => next.archived = None,
        FacetKey::Salesperson => next.salesperson_id = None,
        FacetKey::Favourites => next.favourites_of = None,
        FacetKey::Activity => next.activity_state = None,
        FacetKey::Tag => next.tag_id = None,
        FacetKey::Country => next.country = None,
        FacetKey::Condition(at) => {
            if at < next.conditions.len() {
                next.conditions.remove(at);
            }
        }
        FacetKey::GroupBy => {}
        FacetKey::Conflicts => next.has_conflicts = false,
    }
    next
}

/// The filter of one group of a grouped view (the group's key as `GroupCount` gives it), or
/// `None` when the replica's filters cannot single that group out (a company, or no tag).
pub fn group_filter(
    filter: &CustomerFilter,
    group_by: GroupBy,
    key: &str,
) -> Option<CustomerFilter> {
    let mut narrowed = filter.clone();
    match group_by {
        GroupBy::Salesperson if !key.is_empty() => narrowed.salesperson_id = Some(key.to_owned()),
        GroupBy::Tag if !key.is_empty() => narrowed.tag_id = Some(key.to_owned()),
        GroupBy::Country => narrowed.country = Some(key.to_owned()),
        GroupBy::Kind => narrowed.kind = Some(CustomerKind::parse(key)?),
        GroupBy::ActivityState => narrowed.activity_state = Some(ActivityState::parse(key)?),
        GroupBy::Language => narrowed.conditions.push(Condition {
            field: ConditionField::Language,
            operator: if key.is_empty() {
                Operator::IsNotSet
            } else {
                Operator::Equals
            },
            value: key.to_owned(),
        }),
        _ => return None,
    }
    Some(narrowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> ScreenContext {
        ScreenContext {
            user_id: Some("lan".into()),
            salespeople: vec![ReferenceItem {
                id: "u1".into(),
                name: "rep1".into(),
                ..ReferenceItem::default()
            }],
            tags: vec![ReferenceItem {
                id: "t1".into(),
                name: "bán sỉ".into(),
                color: 2,
                ..ReferenceItem::default()
            }],
            activity_types: Vec::new(),
            ..ScreenContext::default()
        }
    }

    #[test]
    fn every_filter_and_the_grouping_become_a_chip_and_removing_one_clears_it() {
        let filter = CustomerFilter {
            kind: Some(CustomerKind::Company),
            salesperson_id: Some("u1".into()),
            tag_id: Some("t1".into()),
            activity_state: Some(ActivityState::Overdue),
            conditions: vec![Condition {
                field: ConditionField::City,
                operator: Operator::Equals,
                value: "Hà Nội".into(),
            }],
            ..CustomerFilter::default()
        };
        let chips = facets(Lang::Vi, &filter, Some(GroupBy::Country), &context());
        let labels: Vec<_> = chips.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            vec![
                "Công ty",
                "Nhân viên kinh doanh: rep1",
                "Quá hạn",
                "Từ khoá: bán sỉ",
                "Thành phố bằng Hà Nội",
                "Nhóm theo: Quốc gia"
            ]
        );
        let fewer = without(&filter, FacetKey::Condition(0));
        assert!(fewer.conditions.is_empty());
        assert_eq!(without(&fewer, FacetKey::Tag).tag_id, None);
        let mine = CustomerFilter {
            salesperson_id: Some("lan".into()),
            ..CustomerFilter::default()
        };
        assert_eq!(
            facets(Lang::En, &mine, None, &context())[0].label,
            "My customers"
        );
    }

    #[test]
    fn a_group_narrows_the_filter_when_the_replica_can() {
        let base = CustomerFilter::default();
        assert_eq!(
            group_filter(&base, GroupBy::Salesperson, "u1")
                .unwrap()
                .salesperson_id,
            Some("u1".into())
        );
        assert_eq!(
            group_filter(&base, GroupBy::ActivityState, "today")
                .unwrap()
                .activity_state,
            Some(ActivityState::Today)
        );
        assert_eq!(group_filter(&base, GroupBy::Company, "c1"), None);
        assert_eq!(group_filter(&base, GroupBy::Tag, ""), None);
        let language = group_filter(&base, GroupBy::Language, "vi_VN").unwrap();
        assert_eq!(language.conditions[0].operator, Operator::Equals);
    }
}
