//! The customer form's main fields (spec C10–C12): Individual / Company, name, the company an
//! individual works for and their position, the address, tax ID, phones, email, website,
//! language and tags.

use clientele_model::commands::ReferenceItem;
use clientele_model::{Address, CommandError, CustomerDraft, CustomerKind};
use std::rc::Rc;
use yew::prelude::*;

use super::app::use_lang;
use super::form_fields::FormFields;
use super::form_state::{edit_draft, Edit, ReferenceLists};
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
    let fields = FormFields::new(lang, props.error.as_ref(), "customer");
    let edit = |set: fn(&mut CustomerDraft, String)| edit_draft(&props.on_edit, set);
    let choose = |set: fn(&mut CustomerDraft, Option<String>)| edit_draft(&props.on_edit, set);
    let set_kind = |kind: CustomerKind| {
        edit_draft(&props.on_edit, |d, k| d.kind = k).reform(move |_: Event| kind)
    };
    let address_line = |set: fn(&mut Address, String)| {
        edit_draft(&props.on_edit, move |d: &mut CustomerDraft, v| {
            set(&mut d.address, v)
        })
    };
    let individual = draft.kind == CustomerKind::Individual;
    let address_legend = if individual {
        Text::AddressLegend
    } else {
        Text::CompanyAddress
    };
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
            {fields.field("name", Text::CustomerName).input("text", &draft.name, edit(|d, v| d.name = v))}
            if individual {
                {fields.field("company", Text::WorksFor).select(&props.lists.companies,
                    draft.company_id.as_deref(), choose(|d, v| d.company_id = v))}
                {fields.field("function", Text::JobPosition).input("text", &draft.function,
                    edit(|d, v| d.function = v))}
            }
            {fields.address(address_legend, &draft.address, address_line)}
            <div class="field-columns">
                {fields.field("tax_id", Text::TaxId).input("text", &draft.tax_id, edit(|d, v| d.tax_id = v))}
                {fields.field("phone", Text::Phone).input("tel", &draft.phone, edit(|d, v| d.phone = v))}
                {fields.field("mobile", Text::Mobile).input("tel", &draft.mobile, edit(|d, v| d.mobile = v))}
                {fields.field("email", Text::Email).input("email", &draft.email, edit(|d, v| d.email = v))}
                {fields.field("website", Text::Website).input("url", &draft.website, edit(|d, v| d.website = v))}
                {fields.field("language", Text::Language).select(&props.lists.languages,
                    Some(draft.language.as_str()).filter(|l| !l.is_empty()),
                    choose(|d, v| d.language = v.unwrap_or_default()))}
            </div>
            <TagInput tags={props.lists.tags.clone()} selected={draft.tag_ids.clone()}
                on_change={edit_draft(&props.on_edit, |d, ids: Vec<String>| d.tag_ids = ids)} on_created={props.on_tag_created.clone()} />
        </div>
    }
}
