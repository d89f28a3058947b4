//! The card clock's popover: the customer's open activities coloured by state (red overdue, amber
//! today, green planned), marking one done, and scheduling a new one (type, summary, due date,
//! assignee, note). After a change the screen reloads, so the card's clock takes its new colour.

use clientele_model::commands::{
    ActivityEntry, CustomerActivitiesArgs, GetCustomerActivities, ReferenceItem, ScheduleActivity,
    ScheduleActivityArgs, SetActivityStatus, SetActivityStatusArgs,
};
use clientele_model::{ActivityDraft, ActivityState, ActivityStatus, CommandError};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::app::use_lang;
use super::facets::{state_text, ScreenShared};
use crate::format::format_date;
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct ClockPopoverProps {
    pub customer_id: AttrValue,
    pub customer_name: AttrValue,
    pub on_close: Callback<()>,
}

/// The replica's default activity types, when the shell sent none.
fn default_types() -> Vec<ReferenceItem> {
    [
        ("call", "Gọi điện"),
        ("email", "Email"),
        ("meeting", "Gặp mặt"),
        ("todo", "Việc cần làm"),
    ]
    .into_iter()
    .map(|(id, name)| ReferenceItem {
        id: id.into(),
        name: name.into(),
        ..ReferenceItem::default()
    })
    .collect()
}

fn name_of(list: &[ReferenceItem], id: &str) -> String {
    list.iter()
        .find(|i| i.id == id)
        .map_or_else(|| id.to_owned(), |i| i.name.clone())
}

fn state_class(state: ActivityState) -> &'static str {
    match state {
        ActivityState::Overdue => "overdue",
        ActivityState::Today => "today",
        ActivityState::Planned => "planned",
        ActivityState::None => "none",
    }
}

#[component]
pub fn ClockPopover(props: &ClockPopoverProps) -> Html {
    let lang = use_lang();
    let shared = use_context::<ScreenShared>();
    let context = shared
        .as_ref()
        .map(|s| s.context.clone())
        .unwrap_or_default();
    let refresh = shared.map(|s| s.refresh).unwrap_or_default();
    let types = if context.activity_types.is_empty() {
        default_types()
    } else {
        context.activity_types.clone()
    };
    let today = ipc::local_today();
    let activities = use_state(|| None::<Vec<ActivityEntry>>);
    // The customer document's heads the list was read at: its writes are applied there.
    let heads = use_state(Vec::<String>::new);
    let error = use_state(|| None::<CommandError>);
    let draft = {
        let (first, today) = (types[0].id.clone(), today.clone());
        use_state(move || ActivityDraft {
            activity_type: first,
            due_date: today,
            ..ActivityDraft::default()
        })
    };
    let reload = {
        let (activities, error, id) =
            (activities.clone(), error.clone(), props.customer_id.clone());
        let heads = heads.clone();
        Callback::from(move |()| {
            let (activities, error, id) = (activities.clone(), error.clone(), id.clone());
            let heads = heads.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let args = CustomerActivitiesArgs {
                    customer_id: id.to_string(),
                };
                match ipc::call::<GetCustomerActivities>(&args).await {
                    Ok(list) => {
                        heads.set(list.heads);
                        activities.set(Some(list.activities));
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with(props.customer_id.clone(), move |_| reload.emit(()));
    }
    // After a change: the list again, and the screen (the card's clock colour).
    let changed = {
        let (reload, refresh) = (reload.clone(), refresh.clone());
        Callback::from(move |()| {
            reload.emit(());
            refresh.emit(());
        })
    };
    let edit = |set: fn(&mut ActivityDraft, String), select: bool| {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let value = if select {
                e.target_unchecked_into::<HtmlSelectElement>().value()
            } else {
                e.target_unchecked_into::<HtmlInputElement>().value()
            };
            let mut next = (*draft).clone();
            set(&mut next, value);
            draft.set(next);
        })
    };
    let schedule = {
        let (draft, error, changed, id) = (
            draft.clone(),
            error.clone(),
            changed.clone(),
            props.customer_id.clone(),
        );
        let heads = heads.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let activity = (*draft).clone();
            let heads = (*heads).clone();
            let (draft, error, changed, id) =
                (draft.clone(), error.clone(), changed.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let args = ScheduleActivityArgs {
                    customer_id: id.to_string(),
                    activity: activity.clone(),
                    heads,
                };
                match ipc::call::<ScheduleActivity>(&args).await {
                    Ok(_) => {
                        error.set(None);
                        draft.set(ActivityDraft {
                            summary: String::new(),
                            note: String::new(),
                            ..activity
                        });
                        changed.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let item = |activity: &ActivityEntry| {
        let state = ActivityState::from_next_due(Some(&activity.activity.due_date), &today);
        let done = {
            let (error, changed) = (error.clone(), changed.clone());
            let (customer, activity_id) = (props.customer_id.clone(), activity.id.clone());
            let heads = heads.clone();
            Callback::from(move |_: MouseEvent| {
                let (error, changed) = (error.clone(), changed.clone());
                let (customer, activity_id) = (customer.clone(), activity_id.clone());
                let heads = (*heads).clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let args = SetActivityStatusArgs {
                        customer_id: customer.to_string(),
                        activity_id,
                        status: ActivityStatus::Done,
                        heads,
                    };
                    match ipc::call::<SetActivityStatus>(&args).await {
                        Ok(()) => changed.emit(()),
                        Err(e) => error.set(Some(e)),
                    }
                });
            })
        };
        let a = &activity.activity;
        let assignee =
            a.assigned_user_id
                .as_deref()
                .map(|u| match context.team.iter().any(|m| m.user == u) {
                    // unsent: the team's display name, disabled members included.
                    true => super::workspace::team_name(&context.team, u),
                    false => name_of(&context.salespeople, u),
                });
        html! {
            <li key={activity.id.clone()} class={classes!("activity-item", state_class(state))}
                data-activity={activity.id.clone()}>
                <span class="activity-state" title={t(lang, state_text(state))}>{t(lang, state_text(state))}</span>
                <span class="activity-type">{name_of(&types, &a.activity_type)}</span>
                <span class="activity-summary">{&a.summary}</span>
                <span class="activity-due">{format_date(lang, &a.due_date)}</span>
                if let Some(who) = assignee { <span class="activity-assignee">{who}</span> }
                <button type="button" class="mark-done" onclick={done}
                    aria-label={format!("{}: {}", t(lang, Text::MarkDone), a.summary)}>{t(lang, Text::MarkDone)}</button>
            </li>
        }
    };
    let mut open: Vec<&ActivityEntry> = activities
        .as_ref()
        .map(|l| {
            l.iter()
                .filter(|a| a.activity.status == ActivityStatus::Open)
                .collect()
        })
        .unwrap_or_default();
    open.sort_by(|x, y| x.activity.due_date.cmp(&y.activity.due_date));
    let id = |field: &str| format!("activity-{field}-{}", props.customer_id);
    let close = props.on_close.reform(|_: MouseEvent| ());
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    let title = format!(
        "{}: {}",
        t(lang, Text::ActivitiesTitle),
        props.customer_name
    );
    html! {
        <div class="clock-popover" role="dialog" aria-label={title.clone()} {onkeydown}
            onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
            <div class="popover-head">
                <strong>{title}</strong>
                <button type="button" class="popover-close" aria-label={t(lang, Text::CloseLabel)}
                    onclick={close}>{"×"}</button>
            </div>
            if activities.is_none() {
                <p class="loading">{t(lang, Text::Loading)}</p>
            } else if open.is_empty() {
                <p class="empty">{t(lang, Text::NoOpenActivities)}</p>
            } else {
                <ul class="activity-list">{ for open.into_iter().map(item) }</ul>
            }
            <form class="schedule-activity" aria-label={t(lang, Text::ScheduleActivity)} onsubmit={schedule}>
                <div class="menu-section">{t(lang, Text::ScheduleActivity)}</div>
                <label for={id("type")}>{t(lang, Text::ActivityType)}</label>
                <select id={id("type")} onchange={edit(|d, v| d.activity_type = v, true)}>
                    { for types.iter().map(|ty| html! {
                        <option value={ty.id.clone()} selected={ty.id == draft.activity_type}>{&ty.name}</option>
                    }) }
                </select>
                <label for={id("summary")}>{t(lang, Text::ActivitySummary)}</label>
                <input id={id("summary")} type="text" value={draft.summary.clone()}
                    oninput={edit(|d, v| d.summary = v, false).reform(Event::from)} />
                <label for={id("due")}>{t(lang, Text::DueDate)}</label>
                <input id={id("due")} type="date" value={draft.due_date.clone()}
                    oninput={edit(|d, v| d.due_date = v, false).reform(Event::from)} />
                <label for={id("assignee")}>{t(lang, Text::AssignedTo)}</label>
                <select id={id("assignee")} onchange={edit(|d, v| d.assigned_user_id = Some(v).filter(|v| !v.is_empty()), true)}>
                    <option value="" selected={draft.assigned_user_id.is_none()}>{t(lang, Text::Nobody)}</option>
                    { for context.salespeople.iter().map(|p| html! {
                        <option value={p.id.clone()} selected={draft.assigned_user_id.as_ref() == Some(&p.id)}>{&p.name}</option>
                    }) }
                </select>
                <label for={id("note")}>{t(lang, Text::ActivityNote)}</label>
                <input id={id("note")} type="text" value={draft.note.clone()}
                    oninput={edit(|d, v| d.note = v, false).reform(Event::from)} />
                <button type="submit" class="primary">{t(lang, Text::ScheduleButton)}</button>
            </form>
            if let Some(e) = &*error {
                <p class="load-error" role="alert">{t(lang, Text::CouldNotSaveChange)}{": "}{&e.message}</p>
            }
        </div>
    }
}
