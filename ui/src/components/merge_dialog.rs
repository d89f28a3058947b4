//! The merge dialog, opened from a customer's form: pick one or two other customers (its likely
//! duplicates are offered first, or search by name), then for each field whose values differ
//! the value to keep, one choice per row; Merge moves their contacts and activities to this
//! customer and archives them with a redirect (undone from either customer's form).

use clientele_model::commands::{
    CustomerArgs, CustomerPageArgs, CustomerRecord, FieldChoice, FindDuplicates,
    FindDuplicatesArgs, GetCustomer, GetCustomerPage, MergeCustomers, MergeCustomersArgs,
    MAX_MERGED,
};
use clientele_model::customer_fields::FIELDS;
use clientele_model::query::{CustomerQuery, CustomerRow};
use clientele_model::{CustomerDraft, CustomerField, CustomerId};
use std::collections::HashMap;
use yew::prelude::*;

use super::app::use_lang;
use crate::i18n::{t, Lang, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct MergeDialogProps {
    /// The customer the others merge into (the form's).
    pub survivor: CustomerId,
    pub survivor_draft: CustomerDraft,
    /// Merged: the form reads its customer again.
    pub on_merged: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// The customer a field's value is kept from, before the user chooses: the survivor's, or
/// when it is empty the first picked customer's that has one (as the replica decides).
fn default_source(
    field: CustomerField,
    survivor: &(CustomerId, CustomerDraft),
    picked: &[(CustomerId, CustomerDraft)],
) -> CustomerId {
    let spec = field.spec().expect("a field of the table");
    if !spec.get(&survivor.1).to_text().is_empty() {
        return survivor.0.clone();
    }
    picked
        .iter()
        .find(|(_, draft)| !spec.get(draft).to_text().is_empty())
        .map_or_else(|| survivor.0.clone(), |(id, _)| id.clone())
}

/// A field's label as the form shows it.
fn field_label(lang: Lang, field: CustomerField) -> String {
    let text = match field {
        CustomerField::Kind => Text::Kind,
        CustomerField::Name => Text::CustomerName,
        CustomerField::Company => Text::WorksFor,
        CustomerField::Function => Text::JobPosition,
        CustomerField::Street => Text::Street,
        CustomerField::Street2 => Text::Street2,
        CustomerField::City => Text::City,
        CustomerField::State => Text::StateProvince,
        CustomerField::Zip => Text::Zip,
        CustomerField::Country => Text::Country,
        CustomerField::TaxId => Text::TaxId,
        CustomerField::Phone => Text::Phone,
        CustomerField::Mobile => Text::Mobile,
        CustomerField::Email => Text::Email,
        CustomerField::Website => Text::Website,
        CustomerField::Language => Text::Language,
        CustomerField::Tags => Text::Tags,
        CustomerField::Salesperson => Text::Salesperson,
        CustomerField::PaymentTerms => Text::PaymentTerms,
        CustomerField::Pricelist => Text::Pricelist,
        CustomerField::PurchasePaymentTerms => Text::PurchasePaymentTerms,
        CustomerField::ReceiptReminder => Text::ReceiptReminder,
        CustomerField::Notes => Text::TabNotes,
        _ => return field.as_str().to_owned(),
    };
    t(lang, text).to_owned()
}

#[component]
pub fn MergeDialog(props: &MergeDialogProps) -> Html {
    let lang = use_lang();
    let suggestions = use_state(Vec::<CustomerRow>::new);
    let results = use_state(Vec::<CustomerRow>::new);
    let picked = use_state(Vec::<(CustomerId, CustomerDraft)>::new);
    let choices = use_state(HashMap::<CustomerField, CustomerId>::new);
    let error = use_state(|| None::<String>);
    let saving = use_state(|| false);

    // The survivor's likely duplicates, offered first.
    {
        let suggestions = suggestions.clone();
        let (draft, except) = (props.survivor_draft.clone(), props.survivor.clone());
        use_effect_with(props.survivor.clone(), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let args = FindDuplicatesArgs {
                    draft,
                    except: Some(except),
                };
                if let Ok(found) = ipc::call::<FindDuplicates>(&args).await {
                    suggestions.set(found.into_iter().map(|c| c.customer).collect());
                }
            });
        });
    }
    let on_search = {
        let (results, survivor) = (results.clone(), props.survivor.clone());
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            let (results, survivor) = (results.clone(), survivor.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if text.trim().is_empty() {
                    results.set(Vec::new());
                    return;
                }
                let args = CustomerPageArgs {
                    query: CustomerQuery {
                        search: text,
                        limit: 8,
                        ..CustomerQuery::default()
                    },
                };
                if let Ok(page) = ipc::call::<GetCustomerPage>(&args).await {
                    results.set(page.rows.into_iter().filter(|r| r.id != survivor).collect());
                }
            });
        })
    };
    let pick = {
        let (picked, error) = (picked.clone(), error.clone());
        Callback::from(move |id: CustomerId| {
            if picked.iter().any(|(p, _)| *p == id) || picked.len() >= MAX_MERGED - 1 {
                return;
            }
            let (picked, error) = (picked.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call::<GetCustomer>(&CustomerArgs { id: id.clone() }).await {
                    Ok(CustomerRecord { draft, .. }) => {
                        let mut next = (*picked).clone();
                        if next.len() < MAX_MERGED - 1 && !next.iter().any(|(p, _)| *p == id) {
                            next.push((id, draft));
                            picked.set(next);
                        }
                    }
                    Err(e) => error.set(Some(e.message)),
                }
            });
        })
    };
    let unpick = {
        let (picked, choices) = (picked.clone(), choices.clone());
        Callback::from(move |id: CustomerId| {
            picked.set(picked.iter().filter(|(p, _)| *p != id).cloned().collect());
            choices.set(
                choices
                    .iter()
                    .filter(|(_, from)| **from != id)
                    .map(|(f, v)| (*f, v.clone()))
                    .collect(),
            );
        })
    };
    let survivor = (props.survivor.clone(), props.survivor_draft.clone());
    let chosen = |field: CustomerField| -> CustomerId {
        choices
            .get(&field)
            .cloned()
            .unwrap_or_else(|| default_source(field, &survivor, &picked))
    };
    let merge = {
        let (picked, saving, error) = (picked.clone(), saving.clone(), error.clone());
        let on_merged = props.on_merged.clone();
        let survivor = survivor.clone();
        let choices = choices.clone();
        Callback::from(move |_: MouseEvent| {
            if picked.is_empty() || *saving {
                return;
            }
            let chosen: Vec<FieldChoice> = FIELDS
                .iter()
                .filter_map(|spec| {
                    let from = choices
                        .get(&spec.field)
                        .cloned()
                        .unwrap_or_else(|| default_source(spec.field, &survivor, &picked));
                    (from != survivor.0).then_some(FieldChoice {
                        field: spec.field,
                        from,
                    })
                })
                .collect();
            let args = MergeCustomersArgs {
                survivor: survivor.0.clone(),
                absorbed: picked.iter().map(|(id, _)| id.clone()).collect(),
                choices: chosen,
            };
            saving.set(true);
            let (saving, error, on_merged) = (saving.clone(), error.clone(), on_merged.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call::<MergeCustomers>(&args).await {
                    Ok(_) => on_merged.emit(()),
                    Err(e) => {
                        saving.set(false);
                        error.set(Some(e.message));
                    }
                }
            });
        })
    };

    let offer = |rows: &[CustomerRow]| -> Html {
        rows.iter()
            .filter(|r| !picked.iter().any(|(p, _)| *p == r.id))
            .map(|row| {
                let (pick, id) = (pick.clone(), row.id.clone());
                html! {
                    <li class="merge-offer" key={row.id.clone()}>
                        <span>{&row.name}{" "}<span class="merge-city">{&row.city}</span></span>
                        <button type="button" class="merge-pick" disabled={picked.len() >= MAX_MERGED - 1}
                            onclick={move |_| pick.emit(id.clone())}>{t(lang, Text::MergeAdd)}</button>
                    </li>
                }
            })
            .collect()
    };
    let mut columns = vec![survivor.clone()];
    columns.extend(picked.iter().cloned());
    let table = if picked.is_empty() {
        html! {}
    } else {
        let header = columns.iter().enumerate().map(|(i, (id, draft))| {
            let unpick = unpick.clone();
            let id = id.clone();
            html! {
                <th scope="col">{&draft.name}
                    if i > 0 {
                        {" "}<button type="button" class="merge-unpick" onclick={move |_| unpick.emit(id.clone())}>{t(lang, Text::MergeRemove)}</button>
                    }
                </th>
            }
        });
        let rows = FIELDS.iter().filter_map(|spec| {
            let values: Vec<String> = columns.iter().map(|(_, d)| spec.get(d).to_text()).collect();
            if values.iter().all(|v| *v == values[0]) {
                return None;
            }
            let current = chosen(spec.field);
            let label = field_label(lang, spec.field);
            let cells = columns.iter().zip(values).map(|((id, _), value)| {
                let choices = choices.clone();
                let (field, id) = (spec.field, id.clone());
                let checked = current == id;
                let onchange = Callback::from(move |_: Event| {
                    let mut next = (*choices).clone();
                    next.insert(field, id.clone());
                    choices.set(next);
                });
                let shown = if value.is_empty() { t(lang, Text::MergeEmptyValue).to_owned() } else { value };
                html! {
                    <td><label class="merge-choice">
                        <input type="radio" name={format!("merge-{}", spec.name)} {checked} {onchange} />
                        {" "}{shown}
                    </label></td>
                }
            });
            Some(html! { <tr key={spec.name}><th scope="row">{label}</th>{for cells}</tr> })
        });
        html! {
            <table class="merge-fields">
                <thead><tr><th scope="col">{t(lang, Text::MergeField)}</th>{for header}</tr></thead>
                <tbody>{for rows}</tbody>
            </table>
        }
    };
    let title = t(lang, Text::MergeTitle);
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let onkeydown = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                on_cancel.emit(());
            }
        })
    };
    html! {
        <div class="dialog-backdrop">
            <div class="dialog merge-dialog" role="dialog" aria-modal="true" aria-label={title} {onkeydown}>
                <h2>{title}</h2>
                <p>{t(lang, Text::MergeExplain)}</p>
                if !suggestions.is_empty() {
                    <h3>{t(lang, Text::MergeSuggestions)}</h3>
                    <ul class="merge-suggestions">{offer(&suggestions)}</ul>
                }
                <label class="merge-search">{t(lang, Text::MergeSearch)}
                    <input type="search" oninput={on_search} />
                </label>
                <ul class="merge-results">{offer(&results)}</ul>
                {table}
                if let Some(message) = &*error {
                    <p class="form-error" role="alert">{message}</p>
                }
                <div class="dialog-buttons">
                    <button type="button" class="primary merge-confirm" disabled={picked.is_empty() || *saving}
                        onclick={merge}>{t(lang, Text::MergeConfirm)}</button>
                    <button type="button" onclick={cancel}>{t(lang, Text::MergeCancel)}</button>
                </div>
            </div>
        </div>
    }
}
