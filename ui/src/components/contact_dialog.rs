//! The Add / Edit contact dialog (spec C13–C16): the type first (contact, invoice, delivery,
//! other, private address; private only for users allowed to see it), then the person's fields
//! and, for address types, the address. Esc or Discard closes it; Save hands the draft back.

use clientele_model::{Address, CommandError, ContactDraft, ContactType};
use std::rc::Rc;
use yew::prelude::*;

use super::app::use_lang;
use super::form_fields::FormFields;
use crate::i18n::{t, Lang, Text};

/// The five types in the order the dialog offers them.
pub const CONTACT_TYPES: [ContactType; 5] = [
    ContactType::Contact,
    ContactType::Invoice,
    ContactType::Delivery,
    ContactType::Other,
    ContactType::Private,
];

/// The type's name, as in the ERP.
pub fn type_label(lang: Lang, contact_type: ContactType) -> &'static str {
    t(
        lang,
        match contact_type {
            ContactType::Contact => Text::TypeContact,
            ContactType::Invoice => Text::TypeInvoice,
            ContactType::Delivery => Text::TypeDelivery,
            ContactType::Other => Text::TypeOther,
            ContactType::Private => Text::TypePrivate,
        },
    )
}

/// A control's callback that stores what it reports into the dialog's draft with `set`.
fn edit_contact<T: 'static>(
    draft: &UseStateHandle<ContactDraft>,
    set: impl Fn(&mut ContactDraft, T) + 'static,
) -> Callback<T> {
    let draft = draft.clone();
    Callback::from(move |value: T| {
        let mut next = (*draft).clone();
        set(&mut next, value);
        draft.set(next);
    })
}

#[derive(Properties, PartialEq)]
pub struct ContactDialogProps {
    /// The contact edited, or `None` to add one.
    #[prop_or_default]
    pub initial: Option<ContactDraft>,
    pub can_see_private: bool,
    /// The shell's refusal of the last Save, shown under the fields.
    #[prop_or_default]
    pub error: Option<CommandError>,
    #[prop_or_default]
    pub saving: bool,
    pub on_save: Callback<ContactDraft>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn ContactDialog(props: &ContactDialogProps) -> Html {
    let lang = use_lang();
    let editing = props.initial.is_some();
    let draft = use_state(|| props.initial.clone().unwrap_or_default());
    let edit = |set: fn(&mut ContactDraft, String)| edit_contact(&draft, set);
    let address_line = |set: fn(&mut Address, String)| {
        edit_contact(&draft, move |c: &mut ContactDraft, v| {
            set(&mut c.address, v)
        })
    };
    let fields = FormFields::new(lang, props.error.as_ref(), "contact");
    // A private address is its own document: it cannot turn into another type, nor back.
    let was_private = props
        .initial
        .as_ref()
        .map(|c| c.contact_type == ContactType::Private);
    let types = CONTACT_TYPES.iter().copied().filter(|&ty| {
        ty != ContactType::Private || props.can_see_private || was_private == Some(true)
    });
    let type_radio = |ty: ContactType| {
        let onchange = {
            let draft = draft.clone();
            Callback::from(move |_: Event| {
                draft.set(ContactDraft {
                    contact_type: ty,
                    ..(*draft).clone()
                })
            })
        };
        let locked = was_private.is_some_and(|p| p != (ty == ContactType::Private));
        html! {
            <label class={classes!("contact-type", ty.as_str())}>
                <input type="radio" name="contact-type" value={ty.as_str()}
                    checked={draft.contact_type == ty} disabled={locked} {onchange} />
                {type_label(lang, ty)}
            </label>
        }
    };
    let save = {
        let (draft, on_save) = (draft.clone(), props.on_save.clone());
        Rc::new(move || on_save.emit((*draft).clone()))
    };
    let onclick_save = {
        let save = save.clone();
        Callback::from(move |_: MouseEvent| save())
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let onkeydown = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.stop_propagation();
                on_cancel.emit(());
            }
            "Enter" if e.target_dyn_into::<web_sys::HtmlInputElement>().is_some() => {
                e.prevent_default();
                save();
            }
            _ => {}
        })
    };
    let is_address = draft.contact_type != ContactType::Contact;
    let title = t(
        lang,
        if editing {
            Text::EditContact
        } else {
            Text::NewContact
        },
    );
    let general = props
        .error
        .as_ref()
        .filter(|e| e.field_errors.is_empty())
        .map(|e| e.message.clone());
    html! {
        <div class="dialog-backdrop">
            <div class="dialog contact-dialog" role="dialog" aria-modal="true" aria-label={title} {onkeydown}>
                <h2>{title}</h2>
                <fieldset class="contact-types">
                    <legend>{t(lang, Text::ContactTypeLegend)}</legend>
                    { for types.map(type_radio) }
                </fieldset>
                {fields.field("name", Text::ContactName).input("text", &draft.name, edit(|c, v| c.name = v))}
                if !is_address {
                    {fields.field("function", Text::JobPosition).input("text", &draft.function, edit(|c, v| c.function = v))}
                }
                {fields.field("email", Text::Email).input("email", &draft.email, edit(|c, v| c.email = v))}
                {fields.field("phone", Text::Phone).input("tel", &draft.phone, edit(|c, v| c.phone = v))}
                {fields.field("mobile", Text::Mobile).input("tel", &draft.mobile, edit(|c, v| c.mobile = v))}
                if is_address {
                    {fields.address(Text::AddressLegend, &draft.address, address_line)}
                }
                {fields.field("notes", Text::ContactNotes).textarea(&draft.notes, None, edit(|c, v| c.notes = v))}
                if let Some(message) = general {
                    <p class="form-error" role="alert">{message}</p>
                }
                <div class="dialog-buttons">
                    <button type="button" class="primary" disabled={props.saving} onclick={onclick_save}>{t(lang, Text::Save)}</button>
                    <button type="button" onclick={cancel}>{t(lang, Text::Discard)}</button>
                </div>
            </div>
        </div>
    }
}
