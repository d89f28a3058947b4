//! The form's History tab: who (display name), when, which field (its form label, with the
//! contact or activity it belongs to) and old → new, for the customer, its contacts, activities
//! and posted notes; newest first, 50 at a time, "Cũ hơn" loading the next page. "Khôi phục giá
//! trị này" puts an old value back as a new change (then the tab and the form read again).
//! Above the changes, the customer's merges, each with "Hoàn tác gộp" (Undo) while not undone.

use clientele_model::commands::{
    FieldChange, FieldScope, GetHistoryPage, HistoryEntry, HistoryPageArgs, RestoreHistoryValue,
    RestoreValueArgs,
};
use clientele_model::query::CustomerRow;
use clientele_model::CustomerId;
use std::rc::Rc;
use yew::prelude::*;

use super::app::use_lang;
use super::field_names::{moment, place_label, value_text};
use super::form_state::ReferenceLists;
use crate::i18n::{t, Lang, Text};
use crate::ipc;

/// Entries per page.
const PAGE: u32 = 50;

#[derive(Properties, PartialEq)]
pub struct HistoryTabProps {
    pub customer_id: Option<CustomerId>,
    /// The version the form shows: the first page is read again when it changes.
    pub heads: Vec<String>,
    /// A value was restored: the customer's new row (the form reads the customer again).
    pub on_restored: Callback<CustomerRow>,
    /// The form's lists: tags, people and settings entries are shown by their names.
    #[prop_or_default]
    pub lists: Rc<ReferenceLists>,
    /// The customer's merges, each with its Undo (`MergeNotices`), listed above the changes.
    #[prop_or_default]
    pub merges: Html,
}

/// What the tab shows.
#[derive(Clone, PartialEq, Default)]
struct Shown {
    entries: Vec<HistoryEntry>,
    more: bool,
    loading: bool,
    error: Option<String>,
}

async fn page(id: CustomerId, before: Option<String>) -> Result<(Vec<HistoryEntry>, bool), String> {
    let args = HistoryPageArgs {
        id,
        before,
        limit: PAGE,
    };
    ipc::call::<GetHistoryPage>(&args)
        .await
        .map(|page| (page.entries, page.more))
        .map_err(|e| e.message)
}

/// One field of an entry: label, old → new, and the restore button.
fn field_row(
    lang: Lang,
    lists: &ReferenceLists,
    change: &FieldChange,
    restore: Option<Callback<MouseEvent>>,
) -> Html {
    html! {
        <li class="history-field">
            <span class="history-label">{place_label(lang, &change.place)}</span>{": "}
            <span class="history-before">{value_text(lang, &change.place, &change.before, lists)}</span>
            {" → "}
            <span class="history-after">{value_text(lang, &change.place, &change.after, lists)}</span>
            if let Some(onclick) = restore {
                <button type="button" class="restore-value" {onclick}>{t(lang, Text::RestoreValue)}</button>
            }
        </li>
    }
}

#[component]
pub fn HistoryTab(props: &HistoryTabProps) -> Html {
    let lang = use_lang();
    let shown = use_state(|| Shown {
        loading: props.customer_id.is_some(),
        ..Shown::default()
    });
    // Bumped after a restore: the first page is read again.
    let restored = use_state(|| 0u32);
    {
        let shown = shown.clone();
        use_effect_with(
            (props.customer_id.clone(), props.heads.clone(), *restored),
            move |(id, _, _)| {
                if let Some(id) = id.clone() {
                    shown.set(Shown {
                        loading: true,
                        ..(*shown).clone()
                    });
                    wasm_bindgen_futures::spawn_local(async move {
                        shown.set(match page(id, None).await {
                            Ok((entries, more)) => Shown {
                                entries,
                                more,
                                ..Shown::default()
                            },
                            Err(error) => Shown {
                                error: Some(error),
                                ..Shown::default()
                            },
                        });
                    });
                }
            },
        );
    }
    let Some(customer_id) = props.customer_id.clone() else {
        return html! { <p class="empty">{t(lang, Text::SaveFirst)}</p> };
    };
    let older = {
        let (shown, id) = (shown.clone(), customer_id.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(last) = shown.entries.last().map(|e| e.change.clone()) else {
                return;
            };
            let (shown, id) = (shown.clone(), id.clone());
            let mut loading = (*shown).clone();
            loading.loading = true;
            shown.set(loading.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let mut next = loading;
                next.loading = false;
                match page(id, Some(last)).await {
                    Ok((entries, more)) => {
                        next.entries.extend(entries);
                        next.more = more;
                    }
                    Err(error) => next.error = Some(error),
                }
                shown.set(next);
            });
        })
    };
    let restore = |change: &FieldChange| -> Option<Callback<MouseEvent>> {
        // A posted note is never rewritten.
        if matches!(change.place.scope, FieldScope::Note { .. }) {
            return None;
        }
        let args = RestoreValueArgs {
            id: customer_id.clone(),
            place: change.place.clone(),
            value: change.before.clone(),
        };
        let (shown, restored, on_restored) =
            (shown.clone(), restored.clone(), props.on_restored.clone());
        Some(Callback::from(move |_: MouseEvent| {
            let (shown, restored, on_restored, args) = (
                shown.clone(),
                restored.clone(),
                on_restored.clone(),
                args.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call::<RestoreHistoryValue>(&args).await {
                    Ok(row) => {
                        restored.set(restored.wrapping_add(1));
                        on_restored.emit(row);
                    }
                    Err(e) => {
                        let mut next = (*shown).clone();
                        next.error = Some(e.message);
                        shown.set(next);
                    }
                }
            });
        }))
    };
    html! {
        <div class="history-tab">
            {props.merges.clone()}
            if let Some(error) = &shown.error {
                <p class="form-error" role="alert">{t(lang, Text::CouldNotChange)}{": "}{error}</p>
            }
            if shown.entries.is_empty() && !shown.loading && shown.error.is_none() {
                <p class="empty">{t(lang, Text::NoHistory)}</p>
            }
            <ol class="history-entries">
                { for shown.entries.iter().map(|entry| html! {
                    <li class="history-entry" data-change={entry.change.clone()}>
                        <div class="history-who">
                            <span class="history-author">{&entry.author_name}</span>
                            {" · "}
                            <span class="history-when">{moment(lang, entry.time)}</span>
                        </div>
                        <ul class="history-fields">
                            { for entry.fields.iter().map(|change| field_row(lang, &props.lists, change, restore(change))) }
                        </ul>
                    </li>
                }) }
            </ol>
            if shown.more {
                <button type="button" class="history-older" disabled={shown.loading} onclick={older}>
                    {t(lang, Text::OlderHistory)}
                </button>
            }
        </div>
    }
}
