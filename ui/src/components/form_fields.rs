//! Labelled inputs for the customer form and the contact dialog: each has a visible label, and
//! the refusal of its field, worded in the user's language, right under it (`aria-invalid`,
//! `aria-describedby`), so tests and screen readers find both. The postal address is one block
//! here too, so a customer's and a contact's address cannot drift apart.

use clientele_model::commands::ReferenceItem;
use clientele_model::{Address, CommandError};
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

/// The fields of one form: the user's language, the form's last refusal (each field shows its
/// own part of it) and the prefix of the fields' ids (`customer`, `contact`).
#[derive(Clone, Copy)]
pub struct FormFields<'a> {
    lang: Lang,
    error: Option<&'a CommandError>,
    prefix: &'static str,
}

impl<'a> FormFields<'a> {
    pub fn new(lang: Lang, error: Option<&'a CommandError>, prefix: &'static str) -> Self {
        FormFields {
            lang,
            error,
            prefix,
        }
    }

    /// The field whose wire name is `name`, labelled `label`.
    pub fn field(self, name: &'static str, label: Text) -> Field<'a> {
        Field {
            lang: self.lang,
            error: self.error,
            prefix: self.prefix,
            name,
            label,
        }
    }

    /// A postal address under `legend` (a customer's, or a contact's of an address type): its six
    /// lines, each storing its text through the callback `line` makes of its setter.
    pub fn address(
        self,
        legend: Text,
        address: &Address,
        line: impl Fn(fn(&mut Address, String)) -> Callback<String>,
    ) -> Html {
        let a = address;
        html! {
            <fieldset class="address">
                <legend>{t(self.lang, legend)}</legend>
                {self.field("street", Text::Street).input("text", &a.street, line(|a, v| a.street = v))}
                {self.field("street2", Text::Street2).input("text", &a.street2, line(|a, v| a.street2 = v))}
                {self.field("city", Text::City).input("text", &a.city, line(|a, v| a.city = v))}
                {self.field("state", Text::StateProvince).input("text", &a.state, line(|a, v| a.state = v))}
                {self.field("zip", Text::Zip).input("text", &a.zip, line(|a, v| a.zip = v))}
                {self.field("country", Text::Country).input("text", &a.country, line(|a, v| a.country = v))}
            </fieldset>
        }
    }
}

/// One labelled field: `id` is `{prefix}-{name}`, `name` the wire name of the field.
pub struct Field<'a> {
    lang: Lang,
    error: Option<&'a CommandError>,
    prefix: &'static str,
    name: &'static str,
    label: Text,
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
