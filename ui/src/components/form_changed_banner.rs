//! The open form's banner while the user edits a customer someone else changed meanwhile: who
//! changed which fields (display names from the team directory), those fields marked in the
//! form, and the reassurance that Save merges (their changes to other fields stay; the same
//! field becomes a conflict with both values kept).

use clientele_model::commands::ChangedField;
use yew::prelude::*;

use super::app::use_lang;
use super::field_names::customer_label;
use crate::i18n::{t, Lang, Text};

/// The label of a field as the form shows it, by its wire name (or the form's parts:
/// `contacts`, `activities`, `notes_log`, `archived`).
pub fn field_label(lang: Lang, field: &str) -> String {
    let text = match field {
        "contacts" => Text::TabContacts,
        "activities" => Text::ActivitiesTitle,
        "notes_log" => Text::NotesLog,
        "archived" => Text::ArchivedBadge,
        other => match customer_label(other) {
            Some(text) => text,
            None => return other.to_owned(),
        },
    };
    t(lang, text).to_owned()
}

/// The id of the form's input for a field (`customer-<wire name>`), for the ones the form has.
fn input_ids(field: &str) -> &'static [&'static str] {
    match field {
        "company" | "company_id" => &["customer-company"],
        "salesperson" | "salesperson_id" => &["customer-salesperson_id"],
        "payment_terms" | "payment_terms_id" => &["customer-payment_terms_id"],
        "pricelist" | "pricelist_id" => &["customer-pricelist_id"],
        "purchase_payment_terms" | "purchase_payment_terms_id" => {
            &["customer-purchase_payment_terms_id"]
        }
        _ => &[],
    }
}

/// "Lê Văn Minh changed Phone, Website" lines: one per group of people, fields in form order.
fn lines(lang: Lang, changed: &[ChangedField]) -> Vec<(String, Vec<String>)> {
    let mut by_who: Vec<(String, Vec<String>)> = Vec::new();
    for field in changed {
        let who = field.names.join(", ");
        let label = field_label(lang, &field.field);
        match by_who.iter_mut().find(|(w, _)| *w == who) {
            Some((_, labels)) => labels.push(label),
            None => by_who.push((who, vec![label])),
        }
    }
    by_who
}

/// CSS marking the changed fields' inputs (`#customer-phone`...): the form's fields are
/// drawn elsewhere, so the banner marks them by their ids rather than by a prop on each.
fn marks(changed: &[ChangedField]) -> String {
    let selectors: Vec<String> = changed
        .iter()
        .flat_map(|f| {
            let named: Vec<String> = input_ids(&f.field)
                .iter()
                .map(|id| format!("#{id}"))
                .collect();
            if named.is_empty() {
                vec![format!("#customer-{}", f.field)]
            } else {
                named
            }
        })
        .filter(|s| {
            s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "#-_".contains(c))
        })
        .collect();
    if selectors.is_empty() {
        return String::new();
    }
    format!(
        "{} {{ outline: 2px solid #d97706; outline-offset: 1px; background: #fffbeb; }}",
        selectors.join(", ")
    )
}

#[derive(Properties, PartialEq)]
pub struct ChangedBannerProps {
    /// What others changed since the edits' version; nothing shows when empty.
    pub changed: Vec<ChangedField>,
}

#[component]
pub fn ChangedBanner(props: &ChangedBannerProps) -> Html {
    let lang = use_lang();
    if props.changed.is_empty() {
        return html! {};
    }
    let fields: Vec<&str> = props.changed.iter().map(|f| f.field.as_str()).collect();
    html! {
        <div class="changed-banner" role="status" data-fields={fields.join(" ")}>
            <style>{marks(&props.changed)}</style>
            <p class="changed-title">{t(lang, Text::ChangedWhileEditing)}</p>
            <ul>
                { for lines(lang, &props.changed).into_iter().map(|(who, labels)| html! {
                    <li class="changed-line">
                        <span class="changed-who">{who}</span>{" "}{t(lang, Text::ChangedVerb)}{" "}
                        <span class="changed-fields">{labels.join(", ")}</span>
                    </li>
                }) }
            </ul>
            <p class="hint">{t(lang, Text::ChangedSaveMerges)}</p>
        </div>
    }
}
