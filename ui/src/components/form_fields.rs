//! Labelled inputs for the customer form and the contact dialog: each has a visible label, and
//! the refusal of its field, worded in the user's language, right under it (`aria-invalid`,
//! `aria-describedby`), so tests and screen readers find both.

use clientele_model::commands::ReferenceItem;
use clientele_model::CommandError;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{t, Lang, Text};

/// The message shown under `field`, in the user's language.
pub fn field_message(lang: Lang, error: &CommandError, field: &str) -> Option<String> {
    let problem = error.problem_for(field).or_else(|| {
        (error.field.as_deref() == Some(field) && error.field_errors.is_empty()).then_some("")
    })?;
    let text = match problem {
        "required" => Text::ErrRequired,
        "too_long" => Text::ErrTooLong,
        p if p.contains("email") => Text::ErrEmail,
        p if p.starts_with("phone") || p.contains("phone") => Text::ErrPhone,
        p if p.contains("country") => Text::ErrCountry,
        p if p.contains("company") => Text::ErrCompany,
        p if p.contains("website") || p.contains("url") => Text::ErrWebsite,
        p if p.contains("tax") => Text::ErrTaxId,
        _ => return error.message_for(field).map(str::to_owned),
    };
    Some(t(lang, text).to_owned())
}

/// The `value` of an event's target, whatever element it is (a textarea, say).
pub fn target_value(e: &Event) -> String {
    e.target()
        .and_then(|target| js_sys::Reflect::get(&target, &"value".into()).ok())
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

/// One labelled field: `id` is `{prefix}-{name}`, `name` the wire name of the field.
pub struct Field<'a> {
    pub lang: Lang,
    pub error: Option<&'a CommandError>,
    pub prefix: &'static str,
    pub name: &'static str,
    pub label: Text,
}

impl Field<'_> {
    fn id(&self) -> String {
        format!("{}-{}", self.prefix, self.name)
    }

    fn wrap(&self, control: impl FnOnce(String, Option<String>, bool) -> Html) -> Html {
        let message = self
            .error
            .and_then(|e| field_message(self.lang, e, self.name));
        let id = self.id();
        let error_id = format!("{id}-error");
        let invalid = message.is_some();
        html! {
            <div class={classes!("field", invalid.then_some("has-error"))}>
                <label for={id.clone()}>{t(self.lang, self.label)}</label>
                {control(id, invalid.then(|| error_id.clone()), invalid)}
                if let Some(message) = message {
                    <p class="field-error" id={error_id} role="alert">{message}</p>
                }
            </div>
        }
    }

    /// A text input of `input_type` (`text`, `email`, `tel`, `url`).
    pub fn input(
        &self,
        input_type: &'static str,
        value: &str,
        on_change: Callback<String>,
    ) -> Html {
        let oninput = Callback::from(move |e: InputEvent| {
            on_change.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        });
        let name = self.name;
        let value = value.to_owned();
        self.wrap(move |id, described, invalid| {
            html! {
                <input {id} {name} type={input_type} {value} {oninput}
                    aria-invalid={invalid.to_string()} aria-describedby={described} />
            }
        })
    }

    /// A multi-line text.
    pub fn textarea(
        &self,
        value: &str,
        placeholder: Option<&'static str>,
        on_change: Callback<String>,
    ) -> Html {
        let oninput = Callback::from(move |e: InputEvent| on_change.emit(target_value(&e)));
        let name = self.name;
        let value = value.to_owned();
        self.wrap(move |id, described, invalid| {
            html! {
                <textarea {id} {name} {value} {oninput} {placeholder} rows="4"
                    aria-invalid={invalid.to_string()} aria-describedby={described} />
            }
        })
    }

    /// A choice among `options`, or none.
    pub fn select(
        &self,
        options: &[ReferenceItem],
        value: Option<&str>,
        on_change: Callback<Option<String>>,
    ) -> Html {
        let onchange = Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            on_change.emit(Some(value).filter(|v| !v.is_empty()));
        });
        let name = self.name;
        let none = t(self.lang, Text::NoneOption);
        let value = value.unwrap_or("").to_owned();
        // A stored id the list lacks (not synced yet) stays selectable.
        let missing =
            (!value.is_empty() && !options.iter().any(|o| o.id == value)).then(|| value.clone());
        let options = options.to_vec();
        self.wrap(move |id, described, invalid| {
            html! {
                <select {id} {name} {onchange} aria-invalid={invalid.to_string()}
                    aria-describedby={described}>
                    <option value="" selected={value.is_empty()}>{none}</option>
                    { for options.iter().map(|o| html! {
                        <option value={o.id.clone()} selected={o.id == value}>{&o.name}</option>
                    }) }
                    if let Some(missing) = missing {
                        <option value={missing.clone()} selected=true>{missing}</option>
                    }
                </select>
            }
        })
    }
}
