//! How the History tab and the conflict review name a field of a customer document and show
//! its value: the form's own labels (the glossary), prefixed by the contact or activity it
//! belongs to ("Liên hệ Kế toán: Email"); flags as yes/no, the contact type and the activity
//! status in words, tags, people and settings entries by their names (the form's lists), an
//! empty value as "(trống)"; and a change's moment in the user's language.

use clientele_model::commands::{FieldPlace, FieldScope};
use clientele_model::{ActivityStatus, ContactType};

use super::contact_dialog::type_label;
use super::form_state::ReferenceLists;
use crate::format::format_date;
use crate::i18n::{t, Lang, Text};

/// The form's label of a customer field, by its document key or its wire name (they differ
/// for the references: `company_id` / `company`).
pub fn customer_label(key: &str) -> Option<Text> {
    Some(match key {
        "kind" => Text::Kind,
        "name" => Text::CustomerName,
        "company" | "company_id" => Text::WorksFor,
        "function" => Text::JobPosition,
        "street" => Text::Street,
        "street2" => Text::Street2,
        "city" => Text::City,
        "state" => Text::StateProvince,
        "zip" => Text::Zip,
        "country" => Text::Country,
        "tax_id" => Text::TaxId,
        "phone" => Text::Phone,
        "mobile" => Text::Mobile,
        "email" => Text::Email,
        "website" => Text::Website,
        "language" => Text::Language,
        "tags" => Text::Tags,
        "salesperson" | "salesperson_id" => Text::Salesperson,
        "payment_terms" | "payment_terms_id" => Text::PaymentTerms,
        "pricelist" | "pricelist_id" => Text::Pricelist,
        "purchase_payment_terms" | "purchase_payment_terms_id" => Text::PurchasePaymentTerms,
        "receipt_reminder" => Text::ReceiptReminder,
        "notes" => Text::TabNotes,
        "archived" => Text::Archive,
        _ => return None,
    })
}

/// The label of a contact's or an activity's field, by its key.
fn entry_label(key: &str) -> Option<Text> {
    Some(match key {
        "contact_type" => Text::ContactTypeLegend,
        "name" => Text::ContactName,
        "notes" => Text::ContactNotes,
        "activity_type" => Text::ActivityType,
        "summary" => Text::ActivitySummary,
        "due_date" => Text::DueDate,
        "assigned_user_id" => Text::AssignedTo,
        "note" => Text::ActivityNote,
        "status" => Text::HistoryStatus,
        other => return customer_label(other),
    })
}

/// The field's name alone ("Điện thoại"); an unknown key reads as itself.
pub fn field_label(lang: Lang, place: &FieldPlace) -> String {
    let label = match place.scope {
        FieldScope::Customer => customer_label(&place.key),
        _ => entry_label(&place.key),
    };
    label.map_or_else(|| place.key.clone(), |text| t(lang, text).to_owned())
}

/// The field with the record it is in: "Điện thoại", "Liên hệ Kế toán: Email",
/// "Hoạt động Gọi lại: Hạn", "Ghi chú nội bộ".
pub fn place_label(lang: Lang, place: &FieldPlace) -> String {
    let field = field_label(lang, place);
    match &place.scope {
        FieldScope::Customer => field,
        FieldScope::Contact { name, .. } => {
            format!("{} {name}: {field}", t(lang, Text::TypeContact))
        }
        FieldScope::Activity { summary, .. } => {
            format!("{} {summary}: {field}", t(lang, Text::ActivitiesTitle))
        }
        FieldScope::Note { .. } => t(lang, Text::TabNotes).to_owned(),
    }
}

/// An id by its name in `items` (the id itself when the list does not hold it).
fn name_of(items: &[clientele_model::commands::ReferenceItem], id: &str) -> String {
    items
        .iter()
        .find(|item| item.id == id)
        .map_or_else(|| id.to_owned(), |item| item.name.clone())
}

/// A value as the user reads it; ids by their names in the form's `lists`.
pub fn value_text(lang: Lang, place: &FieldPlace, value: &str, lists: &ReferenceLists) -> String {
    if value.is_empty() {
        return t(lang, Text::HistoryEmpty).to_owned();
    }
    let list = match place.key.as_str() {
        "salesperson_id" | "assigned_user_id" => Some(&lists.salespeople),
        "payment_terms_id" | "purchase_payment_terms_id" => Some(&lists.payment_terms),
        "pricelist_id" => Some(&lists.pricelists),
        "language" => Some(&lists.languages),
        "company_id" => Some(&lists.companies),
        _ => None,
    };
    if let Some(items) = list {
        return name_of(items, value);
    }
    match place.key.as_str() {
        "tags" => value
            .split(", ")
            .map(|id| name_of(&lists.tags, id))
            .collect::<Vec<_>>()
            .join(", "),
        "receipt_reminder" | "archived" => t(
            lang,
            if value == "true" {
                Text::HistoryYes
            } else {
                Text::HistoryNo
            },
        )
        .to_owned(),
        "contact_type" => ContactType::parse(value).map_or_else(
            || value.to_owned(),
            |kind| type_label(lang, kind).to_owned(),
        ),
        "status" => match ActivityStatus::parse(value) {
            Some(ActivityStatus::Open) => t(lang, Text::StatePlanned).to_owned(),
            Some(ActivityStatus::Done) => t(lang, Text::MarkDone).to_owned(),
            _ => value.to_owned(),
        },
        "due_date" => format_date(lang, value),
        _ => value.to_owned(),
    }
}

/// When a change was made (milliseconds since 1970), in local time: "28/11/2026 13:05".
pub fn moment(lang: Lang, millis: i64) -> String {
    if millis <= 0 {
        return String::new();
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis as f64));
    let iso = format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    );
    format!(
        "{} {:02}:{:02}",
        format_date(lang, &iso),
        date.get_hours(),
        date.get_minutes()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use clientele_model::commands::ReferenceItem;

    fn contact(key: &str) -> FieldPlace {
        FieldPlace {
            scope: FieldScope::Contact {
                id: "k1".into(),
                name: "Kế toán".into(),
            },
            key: key.into(),
        }
    }

    #[test]
    fn fields_are_named_by_the_forms_labels_in_both_languages() {
        let phone = FieldPlace::customer("phone");
        assert_eq!(place_label(Lang::Vi, &phone), "Điện thoại");
        assert_eq!(place_label(Lang::En, &phone), "Phone");
        assert_eq!(
            place_label(Lang::Vi, &contact("email")),
            "Liên hệ Kế toán: Email"
        );
        assert_eq!(
            place_label(Lang::En, &contact("name")),
            "Contact Kế toán: Name"
        );
        let due = FieldPlace {
            scope: FieldScope::Activity {
                id: "a1".into(),
                summary: "Gọi lại".into(),
            },
            key: "due_date".into(),
        };
        assert_eq!(place_label(Lang::Vi, &due), "Hoạt động Gọi lại: Hạn");
        let note = FieldPlace {
            scope: FieldScope::Note { id: "n1".into() },
            key: "text".into(),
        };
        assert_eq!(place_label(Lang::En, &note), "Internal notes");
        assert_eq!(place_label(Lang::En, &FieldPlace::customer("mood")), "mood");
    }

    #[test]
    fn values_read_as_words_and_names() {
        let lists = ReferenceLists {
            tags: vec![ReferenceItem {
                id: "t1".into(),
                name: "khách lẻ".into(),
                ..ReferenceItem::default()
            }],
            salespeople: vec![ReferenceItem {
                id: "lan".into(),
                name: "Trần Thị Lan".into(),
                ..ReferenceItem::default()
            }],
            ..ReferenceLists::default()
        };
        let value = |key: &str, value: &str| {
            value_text(Lang::Vi, &FieldPlace::customer(key), value, &lists)
        };
        assert_eq!(value("phone", ""), "(trống)");
        assert_eq!(value("receipt_reminder", "true"), "Có");
        assert_eq!(value("archived", "false"), "Không");
        assert_eq!(value("tags", "t1, t9"), "khách lẻ, t9");
        assert_eq!(value("salesperson_id", "lan"), "Trần Thị Lan");
        assert_eq!(
            value_text(Lang::Vi, &contact("contact_type"), "invoice", &lists),
            "Địa chỉ xuất hoá đơn"
        );
    }
}
