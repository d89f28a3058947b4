//! The dialog a new customer's Save shows when customers like it exist already (same tax ID,
//! phone, email, or a close name in the same city): each candidate with why it looks alike,
//! "Open it" to go to that customer instead, or "Create anyway".

use clientele_model::commands::{DuplicateCandidate, DuplicateReason};
use clientele_model::CustomerId;
use yew::prelude::*;

use super::app::use_lang;
use crate::i18n::{t, Lang, Text};

#[derive(Properties, PartialEq)]
pub struct DuplicateWarningProps {
    pub candidates: Vec<DuplicateCandidate>,
    /// Open this existing customer instead of creating one.
    pub on_open: Callback<CustomerId>,
    /// Store the new customer all the same.
    pub on_create_anyway: Callback<()>,
    /// Back to the form, nothing stored.
    pub on_cancel: Callback<()>,
}

/// Why a candidate looks like the new customer, in words.
pub fn reason_text(lang: Lang, reason: &DuplicateReason) -> String {
    match reason {
        DuplicateReason::TaxId => t(lang, Text::DuplicateSameTaxId).to_owned(),
        DuplicateReason::Phone => t(lang, Text::DuplicateSamePhone).to_owned(),
        DuplicateReason::Email => t(lang, Text::DuplicateSameEmail).to_owned(),
        DuplicateReason::SimilarName { percent } => {
            format!("{} ({percent}%)", t(lang, Text::DuplicateSimilarName))
        }
    }
}

#[component]
pub fn DuplicateWarning(props: &DuplicateWarningProps) -> Html {
    let lang = use_lang();
    let title = t(lang, Text::DuplicateTitle);
    let onkeydown = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                on_cancel.emit(());
            }
        })
    };
    let rows = props.candidates.iter().map(|candidate| {
        let row = &candidate.customer;
        let reasons: Vec<String> = candidate.reasons.iter().map(|r| reason_text(lang, r)).collect();
        let details: Vec<&str> = [row.city.as_str(), row.phone.as_str(), row.email.as_str()]
            .into_iter()
            .filter(|v| !v.is_empty())
            .collect();
        let open = {
            let (on_open, id) = (props.on_open.clone(), row.id.clone());
            Callback::from(move |_: MouseEvent| on_open.emit(id.clone()))
        };
        html! {
            <li class="duplicate-candidate" key={row.id.clone()}>
                <div class="duplicate-who">
                    <strong class="duplicate-name">{&row.name}</strong>
                    <span class="duplicate-details">{details.join(" · ")}</span>
                    <span class="duplicate-reasons">{reasons.join(", ")}</span>
                </div>
                <button type="button" class="duplicate-open" onclick={open}>{t(lang, Text::DuplicateOpen)}</button>
            </li>
        }
    });
    let create = {
        let on_create_anyway = props.on_create_anyway.clone();
        Callback::from(move |_: MouseEvent| on_create_anyway.emit(()))
    };
    let cancel = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| on_cancel.emit(()))
    };
    html! {
        <div class="dialog-backdrop">
            <div class="dialog duplicate-warning" role="dialog" aria-modal="true" aria-label={title} {onkeydown}>
                <h2>{title}</h2>
                <p>{t(lang, Text::DuplicateExplain)}</p>
                <ul class="duplicate-candidates">{for rows}</ul>
                <div class="dialog-buttons">
                    <button type="button" class="duplicate-create" onclick={create}>{t(lang, Text::DuplicateCreateAnyway)}</button>
                    <button type="button" onclick={cancel}>{t(lang, Text::DuplicateBack)}</button>
                </div>
            </div>
        </div>
    }
}
