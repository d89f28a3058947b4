//! The conflict review dialog: "Xung đột: 2 giá trị cho Điện thoại", each value with who set it
//! (the team directory's display name) and when, the one every device shows meanwhile marked;
//! "Giữ giá trị này" keeps one (a new change that supersedes all of them and syncs). Esc or
//! Close leaves it as it is.

use clientele_model::commands::{Conflict, KeepConflictValue, KeepValueArgs};
use clientele_model::query::CustomerRow;
use clientele_model::CustomerId;
use std::rc::Rc;
use yew::prelude::*;

use super::app::use_lang;
use super::conflict_mark::values_for;
use super::field_names::{moment, value_text};
use super::form_state::ReferenceLists;
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct ConflictReviewProps {
    pub customer_id: CustomerId,
    pub conflict: Conflict,
    pub on_close: Callback<()>,
    /// The value was kept: the customer's new row.
    pub on_kept: Callback<CustomerRow>,
    /// The form's lists: tags, people and settings entries are shown by their names.
    #[prop_or_default]
    pub lists: Rc<ReferenceLists>,
}

#[component]
pub fn ConflictReview(props: &ConflictReviewProps) -> Html {
    let lang = use_lang();
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let conflict = &props.conflict;
    let title = format!(
        "{}: {}",
        t(lang, Text::ConflictTitle),
        values_for(lang, conflict)
    );
    let keep = |value_id: String| {
        let (busy, error) = (busy.clone(), error.clone());
        let on_kept = props.on_kept.clone();
        let args = KeepValueArgs {
            id: props.customer_id.clone(),
            place: conflict.place.clone(),
            value_id,
        };
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (busy, error, on_kept, args) =
                (busy.clone(), error.clone(), on_kept.clone(), args.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call::<KeepConflictValue>(&args).await {
                    Ok(row) => on_kept.emit(row),
                    Err(e) => error.set(Some(e.message)),
                }
                busy.set(false);
            });
        })
    };
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                on_close.emit(());
            }
        })
    };
    html! {
        <div class="dialog-backdrop">
            <div class="dialog conflict-review" role="dialog" aria-modal="true"
                aria-label={title.clone()} {onkeydown}>
                <h2>{title}</h2>
                <ul class="conflict-values">
                    { for conflict.values.iter().map(|value| html! {
                        <li class={classes!("conflict-value", value.shown.then_some("shown"))}>
                            <div class="conflict-value-text">{value_text(lang, &conflict.place, &value.value, &props.lists)}</div>
                            <div class="conflict-who">
                                <span class="conflict-author">{&value.author_name}</span>
                                {" · "}
                                <span class="conflict-when">{moment(lang, value.time)}</span>
                                if value.shown {
                                    <span class="conflict-shown">{" · "}{t(lang, Text::ConflictShown)}</span>
                                }
                            </div>
                            <button type="button" class="keep-value" disabled={*busy}
                                onclick={keep(value.value_id.clone())}>{t(lang, Text::KeepValue)}</button>
                        </li>
                    }) }
                </ul>
                if let Some(message) = &*error {
                    <p class="form-error" role="alert">{t(lang, Text::CouldNotSaveChange)}{": "}{message}</p>
                }
                <div class="dialog-buttons">
                    <button type="button" onclick={props.on_close.reform(|_: MouseEvent| ())}>
                        {t(lang, Text::Close)}
                    </button>
                </div>
            </div>
        </div>
    }
}
