//! The "Contacts & Addresses" tab (spec C13–C16): a card per contact or address, Add / Edit
//! through the contact dialog and Remove, each stored at once through the shell. Private
//! addresses are left out for users not allowed to see them. Each write carries the heads of
//! the version the user saw (a dialog keeps those it was opened on), so the replica applies it
//! there and merges what colleagues changed meanwhile.

use clientele_model::commands::{
    AddContact, AddContactArgs, ContactEntry, RemoveContact, RemoveContactArgs, UpdateContact,
    UpdateContactArgs,
};
use clientele_model::{CommandError, ContactDraft, ContactType, CustomerId};
use yew::prelude::*;

use super::app::use_lang;
use super::contact_dialog::{type_label, ContactDialog};
use crate::i18n::{t, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct ContactsTabProps {
    /// The customer; `None` until it is saved (contacts need a stored customer).
    pub customer_id: Option<CustomerId>,
    pub contacts: Vec<ContactEntry>,
    pub can_see_private: bool,
    /// The customer document's heads `contacts` were read at.
    #[prop_or_default]
    pub heads: Vec<String>,
    /// The list after an add, edit or removal.
    pub on_change: Callback<Vec<ContactEntry>>,
}

/// Which dialog is open: adding, or editing the contact with this id; each with the heads
/// of the version shown when it opened.
#[derive(Debug, Clone, PartialEq)]
enum Dialog {
    Add(Vec<String>),
    Edit(String, Vec<String>),
}

/// The one-line address of a contact.
fn address_line(contact: &ContactDraft) -> String {
    let a = &contact.address;
    [&a.street, &a.street2, &a.city, &a.state, &a.zip, &a.country]
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The dialog's key: which contact (or adding), not the heads.
fn dialog_key(which: &Dialog) -> String {
    match which {
        Dialog::Add(_) => "add".to_owned(),
        Dialog::Edit(id, _) => format!("edit {id}"),
    }
}

#[component]
pub fn ContactsTab(props: &ContactsTabProps) -> Html {
    let lang = use_lang();
    let dialog = use_state(|| None::<Dialog>);
    let error = use_state(|| None::<CommandError>);
    let saving = use_state(|| false);
    let Some(customer_id) = props.customer_id.clone() else {
        return html! { <p class="hint save-first">{t(lang, Text::SaveFirst)}</p> };
    };
    let visible: Vec<&ContactEntry> = props
        .contacts
        .iter()
        .filter(|c| props.can_see_private || c.contact.contact_type != ContactType::Private)
        .collect();
    let open = |which: Dialog| {
        let (dialog, error) = (dialog.clone(), error.clone());
        // The dialog writes at the version shown when it opened.
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            dialog.set(Some(which.clone()));
        })
    };
    let close = {
        let (dialog, error) = (dialog.clone(), error.clone());
        Callback::from(move |()| {
            error.set(None);
            dialog.set(None);
        })
    };
    let on_save = {
        let (dialog, error, saving) = (dialog.clone(), error.clone(), saving.clone());
        let (contacts, on_change) = (props.contacts.clone(), props.on_change.clone());
        let customer_id = customer_id.clone();
        Callback::from(move |draft: ContactDraft| {
            let Some(which) = (*dialog).clone() else {
                return;
            };
            saving.set(true);
            let (dialog, error, saving) = (dialog.clone(), error.clone(), saving.clone());
            let (mut contacts, on_change) = (contacts.clone(), on_change.clone());
            let customer_id = customer_id.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = match which {
                    Dialog::Add(heads) => ipc::call::<AddContact>(&AddContactArgs {
                        customer_id,
                        contact: draft.clone(),
                        heads,
                    })
                    .await
                    .map(|id| contacts.push(ContactEntry { id, contact: draft })),
                    Dialog::Edit(id, heads) => ipc::call::<UpdateContact>(&UpdateContactArgs {
                        customer_id,
                        contact_id: id.clone(),
                        contact: draft.clone(),
                        heads,
                    })
                    .await
                    .map(|()| {
                        if let Some(entry) = contacts.iter_mut().find(|c| c.id == id) {
                            entry.contact = draft;
                        }
                    }),
                };
                saving.set(false);
                match result {
                    Ok(()) => {
                        on_change.emit(contacts);
                        dialog.set(None);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let remove = |id: String| {
        let (error, customer_id) = (error.clone(), customer_id.clone());
        let heads = props.heads.clone();
        let (contacts, on_change) = (props.contacts.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let (id, error, customer_id) = (id.clone(), error.clone(), customer_id.clone());
            let (contacts, on_change, heads) = (contacts.clone(), on_change.clone(), heads.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let args = RemoveContactArgs {
                    customer_id,
                    contact_id: id.clone(),
                    heads,
                };
                match ipc::call::<RemoveContact>(&args).await {
                    Ok(()) => on_change.emit(contacts.into_iter().filter(|c| c.id != id).collect()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let card = |entry: &ContactEntry| {
        let c = &entry.contact;
        let address = address_line(c);
        let name = if c.name.is_empty() {
            type_label(lang, c.contact_type).to_owned()
        } else {
            c.name.clone()
        };
        html! {
            <article class={classes!("contact-card", c.contact_type.as_str())} key={entry.id.clone()}
                aria-label={name.clone()} data-contact-id={entry.id.clone()}>
                <div class="contact-type-label">{type_label(lang, c.contact_type)}</div>
                <h4 class="contact-name">{name}</h4>
                if !c.function.is_empty() { <div class="contact-function">{&c.function}</div> }
                if !c.email.is_empty() { <div class="contact-email">{&c.email}</div> }
                if !c.phone.is_empty() { <div class="contact-phone">{&c.phone}</div> }
                if !c.mobile.is_empty() { <div class="contact-mobile">{&c.mobile}</div> }
                if !address.is_empty() { <div class="contact-address">{address}</div> }
                <div class="contact-actions">
                    <button type="button" onclick={open(Dialog::Edit(entry.id.clone(), props.heads.clone()))}>{t(lang, Text::Edit)}</button>
                    <button type="button" onclick={remove(entry.id.clone())}>{t(lang, Text::Remove)}</button>
                </div>
            </article>
        }
    };
    let dialog_html = match &*dialog {
        None => html! {},
        Some(which) => {
            let initial = match which {
                Dialog::Add(_) => None,
                Dialog::Edit(id, _) => props
                    .contacts
                    .iter()
                    .find(|c| &c.id == id)
                    .map(|c| c.contact.clone()),
            };
            html! {
                <ContactDialog key={dialog_key(which)} {initial} can_see_private={props.can_see_private}
                    error={(*error).clone()} saving={*saving} {on_save} on_cancel={close} />
            }
        }
    };
    let list_error = error
        .as_ref()
        .filter(|_| dialog.is_none())
        .map(|e| e.message.clone());
    html! {
        <div class="contacts-tab">
            <div class="tab-toolbar">
                <button type="button" class="primary" onclick={open(Dialog::Add(props.heads.clone()))}>{t(lang, Text::Add)}</button>
            </div>
            if let Some(message) = list_error {
                <p class="form-error" role="alert">{t(lang, Text::CouldNotChange)}{": "}{message}</p>
            }
            if visible.is_empty() {
                <p class="empty">{t(lang, Text::NoContacts)}</p>
            } else {
                <div class="contact-cards">{ for visible.into_iter().map(card) }</div>
            }
            {dialog_html}
        </div>
    }
}
