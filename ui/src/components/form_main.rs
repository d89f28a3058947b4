//! The customer form's main fields (spec C10–C12): Individual / Company, name, the company an
//! individual works for and their position, the address, tax ID, phones, email, website,
//! language and tags.

use clientele_model::commands::ReferenceItem;
use clientele_model::{CommandError, CustomerDraft, CustomerKind};
use std::rc::Rc;
use yew::prelude::*;

use super::app::use_lang;
use super::form_fields::Field;
use super::form_state::{Edit, ReferenceLists};
use super::tag_input::TagInput;
use crate::i18n::{t, Text};

#[derive(Properties, PartialEq)]
pub struct CustomerFieldsProps {
    pub draft: CustomerDraft,
    pub error: Option<CommandError>,
    pub lists: Rc<ReferenceLists>,
    pub on_edit: Callback<Edit>,
    pub on_tag_created: Callback<ReferenceItem>,
}

#[component]
pub fn CustomerFields(props: &CustomerFieldsProps) -> Html {
    let lang = use_lang();
    let draft = &props.draft;
    let field = |name: &'static str, label: Text| Field {
        lang,
        error: props.error.as_ref(),
        prefix: "customer",
        name,
        label,
    };
    // A callback storing a typed text with `set`.
    let text = |set: fn(&mut CustomerDraft, String)| {
        let on_edit = props.on_edit.clone();
        Callback::from(move |value: String| {
            let value = Rc::new(value);
            on_edit.emit(Rc::new(move |d: &mut CustomerDraft| {
                set(d, (*value).clone())
            }))
        })
    };
    let choice = |set: fn(&mut CustomerDraft, Option<String>)| {
        let on_edit = props.on_edit.clone();
        Callback::from(move |value: Option<String>| {
            let value = Rc::new(value);
            on_edit.emit(Rc::new(move |d: &mut CustomerDraft| {
                set(d, (*value).clone())
            }))
        })
    };
    let set_kind = |kind: CustomerKind| {
        let on_edit = props.on_edit.clone();
        Callback::from(move |_: Event| {
            on_edit.emit(Rc::new(move |d: &mut CustomerDraft| d.kind = kind))
        })
    };
    let on_tags = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |ids: Vec<String>| {
            let ids = Rc::new(ids);
            on_edit.emit(Rc::new(move |d: &mut CustomerDraft| {
                d.tag_ids = (*ids).clone()
            }))
        })
    };
    let individual = draft.kind == CustomerKind::Individual;
    let address_legend = if individual {
        Text::AddressLegend
    } else {
        Text::CompanyAddress
    };
    let a = &draft.address;
    html! {
        <div class="customer-fields">
            <fieldset class="kind">
                <legend>{t(lang, Text::Kind)}</legend>
                <label>
                    <input type="radio" name="kind" value="individual" checked={individual}
                        onchange={set_kind(CustomerKind::Individual)} />
                    {t(lang, Text::Individual)}
                </label>
                <label>
                    <input type="radio" name="kind" value="company" checked={!individual}
                        onchange={set_kind(CustomerKind::Company)} />
                    {t(lang, Text::Company)}
                </label>
            </fieldset>
            {field("name", Text::CustomerName).input("text", &draft.name, text(|d, v| d.name = v))}
            if individual {
                {field("company", Text::WorksFor).select(&props.lists.companies,
                    draft.company_id.as_deref(), choice(|d, v| d.company_id = v))}
                {field("function", Text::JobPosition).input("text", &draft.function,
                    text(|d, v| d.function = v))}
            }
            <fieldset class="address">
                <legend>{t(lang, address_legend)}</legend>
                {field("street", Text::Street).input("text", &a.street, text(|d, v| d.address.street = v))}
                {field("street2", Text::Street2).input("text", &a.street2, text(|d, v| d.address.street2 = v))}
                {field("city", Text::City).input("text", &a.city, text(|d, v| d.address.city = v))}
                {field("state", Text::StateProvince).input("text", &a.state, text(|d, v| d.address.state = v))}
                {field("zip", Text::Zip).input("text", &a.zip, text(|d, v| d.address.zip = v))}
                {field("country", Text::Country).input("text", &a.country, text(|d, v| d.address.country = v))}
            </fieldset>
            <div class="field-columns">
                {field("tax_id", Text::TaxId).input("text", &draft.tax_id, text(|d, v| d.tax_id = v))}
                {field("phone", Text::Phone).input("tel", &draft.phone, text(|d, v| d.phone = v))}
                {field("mobile", Text::Mobile).input("tel", &draft.mobile, text(|d, v| d.mobile = v))}
                {field("email", Text::Email).input("email", &draft.email, text(|d, v| d.email = v))}
                {field("website", Text::Website).input("url", &draft.website, text(|d, v| d.website = v))}
                {field("language", Text::Language).select(&props.lists.languages,
                    Some(draft.language.as_str()).filter(|l| !l.is_empty()),
                    choice(|d, v| d.language = v.unwrap_or_default()))}
            </div>
            <TagInput tags={props.lists.tags.clone()} selected={draft.tag_ids.clone()}
                on_change={on_tags} on_created={props.on_tag_created.clone()} />
        </div>
    }
}
