//! The custom filter builder: field, operator and value make one `Condition` of the filter (e.g.
//! "City is equal to Hà Nội"), for the searches the ready-made filters do not cover.

use clientele_model::query::{Condition, ConditionField, Operator};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::app::use_lang;
use super::facets::{field_text, needs_value, operator_text};
use crate::i18n::{t, Text};

#[derive(Properties, PartialEq)]
pub struct FilterBuilderProps {
    pub on_add: Callback<Condition>,
}

#[component]
pub fn FilterBuilder(props: &FilterBuilderProps) -> Html {
    let lang = use_lang();
    let field = use_state(|| ConditionField::Name);
    let operator = use_state(|| Operator::Contains);
    let value = use_state(String::new);
    let on_field = {
        let field = field.clone();
        Callback::from(move |e: Event| {
            let chosen = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(f) = ConditionField::parse(&chosen) {
                field.set(f);
            }
        })
    };
    let on_operator = {
        let operator = operator.clone();
        Callback::from(move |e: Event| {
            let chosen = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(o) = Operator::parse(&chosen) {
                operator.set(o);
            }
        })
    };
    let on_value = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            value.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let with_value = needs_value(*operator);
    let ready = !with_value || !value.trim().is_empty();
    let add = {
        let (field, operator, value) = (field.clone(), operator.clone(), value.clone());
        let on_add = props.on_add.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let kept = if needs_value(*operator) {
                value.trim().to_owned()
            } else {
                String::new()
            };
            if needs_value(*operator) && kept.is_empty() {
                return;
            }
            on_add.emit(Condition {
                field: *field,
                operator: *operator,
                value: kept,
            });
            value.set(String::new());
        })
    };
    html! {
        <form class="filter-builder" aria-label={t(lang, Text::CustomFilter)} onsubmit={add}>
            <div class="menu-section">{t(lang, Text::CustomFilter)}</div>
            <label for="filter-field">{t(lang, Text::FieldLabel)}</label>
            <select id="filter-field" onchange={on_field}>
                { for ConditionField::ALL.into_iter().map(|f| html! {
                    <option value={f.as_str()} selected={f == *field}>{t(lang, field_text(f))}</option>
                }) }
            </select>
            <label for="filter-operator">{t(lang, Text::OperatorLabel)}</label>
            <select id="filter-operator" onchange={on_operator}>
                { for Operator::ALL.into_iter().map(|o| html! {
                    <option value={o.as_str()} selected={o == *operator}>{t(lang, operator_text(o))}</option>
                }) }
            </select>
            if with_value {
                <label for="filter-value">{t(lang, Text::ValueLabel)}</label>
                <input id="filter-value" type="text" value={(*value).clone()} oninput={on_value} />
            }
            <button type="submit" class="primary" disabled={!ready}>{t(lang, Text::AddCondition)}</button>
        </form>
    }
}
