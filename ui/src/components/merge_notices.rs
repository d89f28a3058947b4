//! A customer's merges, shown on its form: on the survivor, which customers were merged into
//! it; on a merged-away customer, where it went (with a way to open it). Each merge not undone
//! has "Undo merge", which restores both customers as new changes that sync. The form shows
//! them above its fields, and its History tab lists them again under "Merges".

use clientele_model::commands::{
    CustomerArgs, GetCustomerMerges, MergeEntry, UndoMerge, UndoMergeArgs,
};
use clientele_model::CustomerId;
use yew::prelude::*;

use super::app::use_lang;
use crate::format::format_date;
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct MergeNoticesProps {
    pub customer_id: CustomerId,
    /// Bumped when the customer changed (a merge, an undo, a sync): the merges are read again.
    #[prop_or_default]
    pub refresh: u32,
    /// Open another customer (the survivor of a merge).
    #[prop_or_default]
    pub on_open: Callback<CustomerId>,
    /// A merge was undone: the form reads its customer again.
    pub on_undone: Callback<()>,
    /// The team directory, to name who merged.
    #[prop_or_default]
    pub team: std::rc::Rc<Vec<clientele_model::team::TeamMember>>,
    /// Shown in the History tab: under a "Merges" heading (when there are any).
    #[prop_or_default]
    pub in_history: bool,
}

#[component]
pub fn MergeNotices(props: &MergeNoticesProps) -> Html {
    let lang = use_lang();
    let merges = use_state(Vec::<MergeEntry>::new);
    let error = use_state(|| None::<String>);
    let reload = use_state(|| 0u32);
    {
        let merges = merges.clone();
        use_effect_with(
            (props.customer_id.clone(), props.refresh, *reload),
            move |(id, _, _)| {
                let id = id.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(found) = ipc::call::<GetCustomerMerges>(&CustomerArgs { id }).await {
                        merges.set(found);
                    }
                });
            },
        );
    }
    if merges.is_empty() {
        return html! {};
    }
    let undo = |entry: &MergeEntry| {
        let args = UndoMergeArgs {
            survivor: entry.survivor.clone(),
            merge_id: entry.merge_id.clone(),
        };
        let (error, reload, on_undone) = (error.clone(), reload.clone(), props.on_undone.clone());
        Callback::from(move |_: MouseEvent| {
            let (args, error, reload, on_undone) = (
                args.clone(),
                error.clone(),
                reload.clone(),
                on_undone.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call::<UndoMerge>(&args).await {
                    Ok(()) => {
                        error.set(None);
                        reload.set(reload.wrapping_add(1));
                        on_undone.emit(());
                    }
                    Err(e) => error.set(Some(e.message)),
                }
            });
        })
    };
    let items = merges.iter().map(|entry| {
        let when = format_date(lang, &entry.time);
        let author = props
            .team
            .iter()
            .find(|m| m.user == entry.author)
            .map_or(entry.author.as_str(), |m| m.display_name.as_str());
        let state = if entry.undone {
            html! { <span class="merge-undone">{" ("}{t(lang, Text::MergeUndone)}{")"}</span> }
        } else {
            html! {
                <button type="button" class="merge-undo" onclick={undo(entry)}>{t(lang, Text::MergeUndo)}</button>
            }
        };
        if entry.survivor == props.customer_id {
            let names: Vec<&str> = entry.absorbed.iter().map(|(_, name)| name.as_str()).collect();
            html! {
                <li class="merge-notice" key={entry.merge_id.clone()}>
                    {t(lang, Text::MergedFrom)}{" "}<strong>{names.join(", ")}</strong>
                    {" · "}{author}{" · "}{when}{" "}{state}
                </li>
            }
        } else {
            let open = {
                let (on_open, id) = (props.on_open.clone(), entry.survivor.clone());
                Callback::from(move |_: MouseEvent| on_open.emit(id.clone()))
            };
            html! {
                <li class="merge-notice merged-away" key={entry.merge_id.clone()}>
                    {t(lang, Text::MergedInto)}{" "}<strong>{&entry.survivor_name}</strong>
                    {" · "}{author}{" · "}{when}{" "}
                    <button type="button" class="merge-open-survivor" onclick={open}>{t(lang, Text::MergeOpenSurvivor)}</button>
                    {" "}{state}
                </li>
            }
        }
    });
    html! {
        <div class={classes!("merge-notices", props.in_history.then_some("history-merges"))}>
            if props.in_history {
                <h3>{t(lang, Text::HistoryMerges)}</h3>
            }
            <ul>{for items}</ul>
            if let Some(message) = &*error {
                <p class="form-error" role="alert">{message}</p>
            }
        </div>
    }
}
