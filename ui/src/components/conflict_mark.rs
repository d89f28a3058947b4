//! The conflict mark: a badge on a customer's card and list row when concurrent edits left some
//! of its fields with more than one value (the projection's count, no extra call), and on the
//! form one line per such field, "2 giá trị cho Điện thoại", each opening the review
//! (`conflict_review`). The form's lines are read again whenever the form's version changes, so
//! a kept value (here or on another device, once synced) takes its line away.

use clientele_model::commands::{Conflict, CustomerArgs, GetCustomerConflicts};
use clientele_model::query::CustomerRow;
use clientele_model::CustomerId;
use std::rc::Rc;
use yew::prelude::*;

use super::app::use_lang;
use super::conflict_review::ConflictReview;
use super::field_names::place_label;
use super::form_state::ReferenceLists;
use crate::i18n::{t, Lang, Text};
use crate::ipc;

/// "2 giá trị cho Điện thoại".
pub fn values_for(lang: Lang, conflict: &Conflict) -> String {
    format!(
        "{} {} {}",
        conflict.values.len(),
        t(lang, Text::ValuesFor),
        place_label(lang, &conflict.place)
    )
}

#[derive(Properties, PartialEq)]
pub struct ConflictBadgeProps {
    /// How many fields hold concurrent values (`CustomerRow::conflicts`).
    pub count: u32,
}

/// The badge of a card or a list row; nothing when there is no conflict.
#[component]
pub fn ConflictBadge(props: &ConflictBadgeProps) -> Html {
    let lang = use_lang();
    if props.count == 0 {
        return Html::default();
    }
    let label = format!("{}: {}", t(lang, Text::FilterHasConflicts), props.count);
    html! {
        <span class="conflict-badge" role="img" aria-label={label.clone()} title={label}>
            {"⚠ "}{props.count}
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct FormConflictsProps {
    pub customer_id: Option<CustomerId>,
    /// The version the form shows: the conflicts are read again when it changes.
    pub heads: Vec<String>,
    /// A value was kept: the customer's new row (the form reads the customer again).
    pub on_kept: Callback<CustomerRow>,
    /// The form's lists: tags, people and settings entries are shown by their names.
    #[prop_or_default]
    pub lists: Rc<ReferenceLists>,
}

/// The form's conflict lines and, opened from one, its review.
#[component]
pub fn FormConflicts(props: &FormConflictsProps) -> Html {
    let lang = use_lang();
    let conflicts = use_state(Vec::<Conflict>::new);
    let open = use_state(|| None::<usize>);
    // Bumped after a kept value: read again even if the form's version did not move yet.
    let kept = use_state(|| 0u32);
    {
        let (conflicts, open) = (conflicts.clone(), open.clone());
        use_effect_with(
            (props.customer_id.clone(), props.heads.clone(), *kept),
            move |(id, _, _)| {
                if let Some(id) = id.clone() {
                    wasm_bindgen_futures::spawn_local(async move {
                        let found = ipc::call::<GetCustomerConflicts>(&CustomerArgs { id })
                            .await
                            .unwrap_or_default();
                        if open.is_some_and(|at| at >= found.len()) {
                            open.set(None);
                        }
                        conflicts.set(found);
                    });
                } else {
                    conflicts.set(Vec::new());
                }
            },
        );
    }
    let (Some(customer_id), false) = (props.customer_id.clone(), conflicts.is_empty()) else {
        return Html::default();
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |()| open.set(None))
    };
    let on_kept = {
        let (open, kept, on_kept) = (open.clone(), kept.clone(), props.on_kept.clone());
        Callback::from(move |row: CustomerRow| {
            open.set(None);
            kept.set(kept.wrapping_add(1));
            on_kept.emit(row);
        })
    };
    html! {
        <div class="form-conflicts" role="status" aria-label={t(lang, Text::ConflictTitle)}>
            { for conflicts.iter().enumerate().map(|(at, conflict)| {
                let onclick = {
                    let open = open.clone();
                    Callback::from(move |_: MouseEvent| open.set(Some(at)))
                };
                html! {
                    <button type="button" class="conflict-line" {onclick}>
                        {"⚠ "}{values_for(lang, conflict)}
                    </button>
                }
            }) }
            if let Some(conflict) = open.and_then(|at| conflicts.get(at)).cloned() {
                <ConflictReview {customer_id} {conflict} {on_close} {on_kept} lists={props.lists.clone()} />
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clientele_model::commands::{ConflictValue, FieldPlace};

    #[test]
    fn a_line_says_how_many_values_which_field_has() {
        let value = |id: &str| ConflictValue {
            value_id: id.into(),
            value: String::new(),
            author: String::new(),
            author_name: String::new(),
            time: 0,
            shown: false,
        };
        let conflict = Conflict {
            place: FieldPlace::customer("phone"),
            values: vec![value("1@a"), value("1@b")],
        };
        assert_eq!(values_for(Lang::Vi, &conflict), "2 giá trị cho Điện thoại");
        assert_eq!(values_for(Lang::En, &conflict), "2 values for Phone");
    }
}
