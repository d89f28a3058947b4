//! The "Unsent changes" panel: the documents whose edits wait to be sent (how many, since
//! when, each one's name) and the changes the server refused (name, the server's reason, when,
//! the fields the change touched and those applied again), each with "Discard".

use clientele_model::commands::{RefusedChange, UnsentChanges, WaitingDocument};
use clientele_model::CommandError;
use yew::prelude::*;

use super::app::use_lang;
use super::form_notes::when;
use crate::i18n::{t, Lang, Text};

#[derive(Properties, PartialEq)]
pub struct UnsentPanelProps {
    pub changes: UnsentChanges,
    pub error: Option<CommandError>,
    /// Refused changes being discarded.
    pub discarding: Vec<i64>,
    pub on_discard: Callback<i64>,
}

/// What people call a document: a customer's name, else its kind in words.
fn document_name(lang: Lang, class: &str, label: &str) -> String {
    let kind = match class {
        "settings" => Some(Text::UnsentSettings),
        "preferences" => Some(Text::UnsentPreferences),
        "private_address" => Some(Text::UnsentPrivateAddress),
        _ => None,
    };
    match kind {
        Some(kind) if label.is_empty() || label == class => t(lang, kind).to_owned(),
        _ => label.to_owned(),
    }
}

/// Document keys in words where the UI has them (the archive flag), else as stored.
fn field_names(lang: Lang, fields: &[String]) -> String {
    if fields.is_empty() {
        return t(lang, Text::UnsentNothingReapplied).to_owned();
    }
    fields
        .iter()
        .map(|f| match f.as_str() {
            "archived" => t(lang, Text::Archive).to_owned(),
            other => other.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn waiting_item(lang: Lang, doc: &WaitingDocument) -> Html {
    html! {
        <li class="waiting-item" key={doc.doc_id.clone()} data-testid="waiting-document">
            <span class="unsent-label">{document_name(lang, &doc.class, &doc.label)}</span>
            if let Some(since) = &doc.since {
                {" · "}{t(lang, Text::UnsentSince)}{" "}
                <time datetime={since.clone()}>{when(lang, since)}</time>
            }
        </li>
    }
}

fn refused_item(
    lang: Lang,
    change: &RefusedChange,
    busy: bool,
    on_discard: &Callback<i64>,
) -> Html {
    let onclick = {
        let (id, on_discard) = (change.id, on_discard.clone());
        Callback::from(move |_: MouseEvent| on_discard.emit(id))
    };
    let row = |label: Text, value: Html| {
        html! { <><dt>{t(lang, label)}</dt><dd>{value}</dd></> }
    };
    html! {
        <li class="refused-item" key={change.id} data-testid="refused-change">
            <div class="refused-head">
                <strong class="unsent-label">{document_name(lang, &change.class, &change.label)}</strong>
                <button type="button" class="discard-refused" title={t(lang, Text::UnsentDiscardHint)}
                    disabled={busy} {onclick}>{t(lang, Text::UnsentDiscard)}</button>
            </div>
            <dl class="refused-details">
                {row(Text::UnsentReason, html! { <span class="refused-reason">{&change.reason}</span> })}
                {row(Text::UnsentRefusedAt, html! {
                    <time datetime={change.refused_at.clone()}>{when(lang, &change.refused_at)}</time>
                })}
                {row(Text::UnsentFields, html! {
                    <span class="refused-fields">{field_names(lang, &change.fields)}</span>
                })}
                {row(Text::UnsentReapplied, html! {
                    <span class="refused-reapplied">{field_names(lang, &change.reapplied)}</span>
                })}
            </dl>
        </li>
    }
}

#[component]
pub fn UnsentPanel(props: &UnsentPanelProps) -> Html {
    let lang = use_lang();
    let UnsentChanges { waiting, refused } = &props.changes;
    // The oldest wait: the replica lists the waiting documents oldest first.
    let oldest = waiting.iter().filter_map(|d| d.since.as_deref()).min();
    html! {
        <div class="top-popover unsent-panel" role="dialog" aria-label={t(lang, Text::UnsentTitle)}
            data-testid="unsent-panel">
            <h2>{t(lang, Text::UnsentTitle)}</h2>
            if let Some(error) = &props.error {
                <p class="form-error" role="alert">{t(lang, Text::CouldNotChange)}{": "}{&error.message}</p>
            }
            if waiting.is_empty() && refused.is_empty() {
                <p class="empty">{t(lang, Text::UnsentAllSent)}</p>
            }
            if !waiting.is_empty() {
                <section class="unsent-waiting" aria-label={t(lang, Text::UnsentWaiting)}>
                    <h3>{format!("{} ({})", t(lang, Text::UnsentWaiting), waiting.len())}</h3>
                    if let Some(since) = oldest {
                        <p class="hint">{t(lang, Text::UnsentSince)}{" "}{when(lang, since)}</p>
                    }
                    <ul>{ for waiting.iter().map(|d| waiting_item(lang, d)) }</ul>
                </section>
            }
            if !refused.is_empty() {
                <section class="unsent-refused" aria-label={t(lang, Text::UnsentRefused)}>
                    <h3>{format!("{} ({})", t(lang, Text::UnsentRefused), refused.len())}</h3>
                    <ul>{ for refused.iter().map(|r| {
                        refused_item(lang, r, props.discarding.contains(&r.id), &props.on_discard)
                    }) }</ul>
                </section>
            }
        </div>
    }
}
