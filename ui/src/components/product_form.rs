//! The product form (issue 13), so a manager keeps the catalogue a rep quotes from: name,
//! internal reference, unit, sales price (typed as Vietnamese writes it, "150.000", read with the
//! model's `parse_vnd`), VAT, archived, and the prices per pricelist (a fixed price or a % off,
//! or none). Save sends `create_product` / `update_product` with only the pricelists whose rule
//! changed (`None` removes one), so an offline edit does not overwrite another manager's
//! untouched prices. A refusal stays beside the field it names and nothing typed is lost; a rep,
//! whom the shell refuses, sees the form read-only with a note saying why. Also the helpers the
//! purchase form shares: the session's permissions, the loading line, a local refusal.

use clientele_model::commands::{
    CreateProduct, CreateProductArgs, GetProduct, GetReferenceList, GetScreenContext, NoArgs,
    RecordIdArgs, ReferenceItem, ReferenceList, ReferenceListArgs, UpdateProduct,
    UpdateProductArgs,
};
use clientele_model::sales::{
    format_quantity, parse_discount, parse_vnd, PriceRule, Product, ProductDraft, SalesError, Vat,
};
use clientele_model::team::Permissions;
use clientele_model::{CommandError, ErrorCode};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::app::use_lang;
use super::form_fields::FormFields;
use super::order_lines::vat_label;
use super::order_state::price_text;
use crate::i18n::{t, Lang, Text};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct ProductFormProps {
    /// The product to edit; `None` for a new product.
    pub id: Option<String>,
    /// Saved: the product as the shell stored it.
    #[prop_or_default]
    pub on_saved: Callback<Product>,
}

/// What the session may do, as the shell says (`None` when it cannot say: the shell still
/// refuses what the user may not do).
pub async fn permissions() -> Option<Permissions> {
    let context = ipc::call::<GetScreenContext>(&NoArgs {}).await.ok()?;
    Some(context.permissions)
}

/// What a form shows while its record loads, or why it could not.
pub fn loading(lang: Lang, error: Option<&CommandError>) -> Html {
    match error {
        Some(e) => html! {
            <p class="load-error" role="alert">{t(lang, Text::SalesCouldNotLoad)}{": "}{&e.message}</p>
        },
        None => html! { <p class="loading">{t(lang, Text::Loading)}</p> },
    }
}

/// A refusal found before asking the shell, worded as the shell's, naming the form's `field`.
pub fn local_refusal(field: &str, error: &SalesError) -> CommandError {
    CommandError {
        field: Some(field.to_owned()),
        ..CommandError::new(ErrorCode::Validation, error.to_string())
    }
}

/// The kinds of rule a pricelist row offers, with their values in the picker.
const RULE_KINDS: [(&str, Text); 3] = [
    ("none", Text::NoneOption),
    ("fixed", Text::ProductFixed),
    ("percent_off", Text::ProductPercentOff),
];

/// One pricelist's rule as typed: its kind (a `RULE_KINDS` value) and its value's text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PriceInput {
    pricelist_id: String,
    kind: &'static str,
    text: String,
}

impl PriceInput {
    fn of(pricelist_id: &str, rule: &PriceRule) -> PriceInput {
        let (kind, text) = match *rule {
            PriceRule::Fixed(price) => ("fixed", price_text(price)),
            // Hundredths of a percent as the discount box shows them: 1250 → "12,5".
            PriceRule::PercentOff(bp) => (
                "percent_off",
                format_quantity(bp.saturating_mul(10)).replace('.', ","),
            ),
        };
        PriceInput {
            pricelist_id: pricelist_id.to_owned(),
            kind,
            text,
        }
    }

    /// The rule typed (`None`: no price on this pricelist), or why it cannot be read.
    fn rule(&self) -> Result<Option<PriceRule>, SalesError> {
        Ok(match self.kind {
            "fixed" => Some(PriceRule::Fixed(parse_vnd(&self.text)?)),
            "percent_off" => Some(PriceRule::PercentOff(parse_discount(&self.text)?)),
            _ => None,
        })
    }
}

/// The form as typed.
#[derive(Debug, Clone, PartialEq, Default)]
struct Form {
    id: Option<String>,
    /// Name, internal reference, unit, VAT and active as typed (the price is `sales_price`).
    draft: ProductDraft,
    sales_price: String,
    /// The pricelists with a rule stored or touched, in that order.
    prices: Vec<PriceInput>,
    /// The rules the shell holds, to send only what changed.
    stored: Vec<(String, PriceRule)>,
    /// The workspace's pricelists.
    pricelists: Vec<ReferenceItem>,
    /// The session may not change products (a rep).
    read_only: bool,
    error: Option<CommandError>,
    busy: bool,
    saved: bool,
}

impl Form {
    fn of(product: Option<&Product>) -> Form {
        match product {
            None => Form {
                draft: ProductDraft {
                    active: true,
                    ..ProductDraft::default()
                },
                ..Form::default()
            },
            Some(product) => Form {
                id: Some(product.id.clone()),
                draft: product.draft.clone(),
                sales_price: price_text(product.draft.sales_price),
                prices: (product.prices.iter())
                    .map(|(list, rule)| PriceInput::of(list, rule))
                    .collect(),
                stored: product.prices.clone(),
                ..Form::default()
            },
        }
    }

    /// The rule typed for `pricelist_id` (none when untouched).
    fn price(&self, pricelist_id: &str) -> PriceInput {
        (self.prices.iter().find(|p| p.pricelist_id == pricelist_id))
            .cloned()
            .unwrap_or_else(|| PriceInput {
                pricelist_id: pricelist_id.to_owned(),
                kind: "none",
                text: String::new(),
            })
    }

    /// What Save sends: the draft and each pricelist whose rule changed (`None`: removed), or
    /// the first field that cannot be read.
    #[allow(clippy::type_complexity)]
    fn to_send(&self) -> Result<(ProductDraft, Vec<(String, Option<PriceRule>)>), CommandError> {
        let sales_price =
            parse_vnd(&self.sales_price).map_err(|e| local_refusal("sales_price", &e))?;
        let mut prices = Vec::new();
        for input in &self.prices {
            let field = format!("price-{}", input.pricelist_id);
            let rule = input.rule().map_err(|e| local_refusal(&field, &e))?;
            let stored = (self.stored.iter())
                .find(|(list, _)| *list == input.pricelist_id)
                .map(|(_, rule)| *rule);
            if rule != stored {
                prices.push((input.pricelist_id.clone(), rule));
            }
        }
        let draft = ProductDraft {
            sales_price,
            ..self.draft.clone()
        };
        Ok((draft, prices))
    }
}

enum Action {
    /// A field of the form took this text.
    Edit(fn(&mut Form, String), String),
    /// A pricelist's rule kind, or its value's text, changed.
    Rule(String, Option<&'static str>, Option<String>),
    Pricelists(Vec<ReferenceItem>),
    ReadOnly(bool),
    Busy,
    /// The product as the shell holds it: read (`false`) or just saved (`true`).
    Stored(Box<Product>, bool),
    Failed(CommandError),
}

impl Reducible for Form {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(set, text) => {
                set(&mut next, text);
                next.saved = false;
            }
            Action::Rule(list, kind, text) => {
                let mut input = next.price(&list);
                input.kind = kind.unwrap_or(input.kind);
                input.text = text.unwrap_or(input.text);
                match next.prices.iter_mut().find(|p| p.pricelist_id == list) {
                    Some(found) => *found = input,
                    None => next.prices.push(input),
                }
                next.saved = false;
            }
            Action::Pricelists(list) => next.pricelists = list,
            Action::ReadOnly(read_only) => next.read_only = read_only,
            Action::Busy => (next.busy, next.error) = (true, None),
            Action::Stored(product, saved) => {
                next = Form {
                    saved,
                    pricelists: next.pricelists,
                    read_only: next.read_only,
                    ..Form::of(Some(&product))
                };
            }
            Action::Failed(error) => (next.busy, next.error) = (false, Some(error)),
        }
        Rc::new(next)
    }
}

/// The fields the form shows a refusal beside (the rest go at the top).
const OWN_FIELDS: [&str; 4] = ["name", "internal_ref", "unit", "sales_price"];

#[component]
pub fn ProductForm(props: &ProductFormProps) -> Html {
    let lang = use_lang();
    let form = use_reducer(|| Form::of(None));
    {
        let (dispatcher, id) = (form.dispatcher(), props.id.clone());
        // Once: after a new product is saved the form already holds it.
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(may) = permissions().await {
                    dispatcher.dispatch(Action::ReadOnly(!may.edit_products));
                }
                if let Some(id) = id {
                    match ipc::call::<GetProduct>(&RecordIdArgs { id }).await {
                        Ok(product) => {
                            dispatcher.dispatch(Action::Stored(Box::new(product), false))
                        }
                        Err(error) => dispatcher.dispatch(Action::Failed(error)),
                    }
                }
                let args = ReferenceListArgs {
                    list: ReferenceList::Pricelists,
                };
                if let Ok(list) = ipc::call::<GetReferenceList>(&args).await {
                    dispatcher.dispatch(Action::Pricelists(list));
                }
            });
        });
    }
    let read_only = form.read_only;
    let save = {
        let (form, on_saved) = (form.clone(), props.on_saved.clone());
        Callback::from(move |_: MouseEvent| {
            if form.busy || read_only {
                return;
            }
            let dispatcher = form.dispatcher();
            let (product, prices) = match form.to_send() {
                Ok(sent) => sent,
                Err(error) => return dispatcher.dispatch(Action::Failed(error)),
            };
            let (id, on_saved) = (form.id.clone(), on_saved.clone());
            dispatcher.dispatch(Action::Busy);
            wasm_bindgen_futures::spawn_local(async move {
                let answer = match id {
                    None => {
                        let prices = (prices.into_iter())
                            .filter_map(|(list, rule)| Some((list, rule?)))
                            .collect();
                        let args = CreateProductArgs { product, prices };
                        ipc::call::<CreateProduct>(&args).await
                    }
                    Some(id) => {
                        let args = UpdateProductArgs {
                            id,
                            product,
                            prices,
                        };
                        ipc::call::<UpdateProduct>(&args).await
                    }
                };
                match answer {
                    Ok(product) => {
                        dispatcher.dispatch(Action::Stored(Box::new(product.clone()), true));
                        on_saved.emit(product);
                    }
                    Err(error) => dispatcher.dispatch(Action::Failed(error)),
                }
            });
        })
    };
    let edit = |set: fn(&mut Form, String)| {
        let dispatcher = form.dispatcher();
        Callback::from(move |text| dispatcher.dispatch(Action::Edit(set, text)))
    };
    let on_vat = edit(|f, v| f.draft.vat = Vat::parse(&v).unwrap_or_default())
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let on_archived = edit(|f, v| f.draft.active = v != "true")
        .reform(|e: Event| (e.target_unchecked_into::<HtmlInputElement>().checked()).to_string());
    let error = form.error.as_ref();
    let fields = FormFields::new(lang, error, "product");
    // The pricelists in use, and archived ones the product still has a rule on (a rule on one
    // this device does not know yet is kept as it is: only changed rules are sent).
    let rows: Vec<&ReferenceItem> = (form.pricelists.iter())
        .filter(|p| !p.archived || form.prices.iter().any(|i| i.pricelist_id == p.id))
        .collect();
    let price_row = |list: &&ReferenceItem| {
        let (id, name) = (&list.id, &list.name);
        let input = form.price(id);
        let field = format!("price-{id}");
        let message = error
            .filter(|e| e.field.as_deref() == Some(field.as_str()))
            .map(|e| e.message.clone());
        let on_kind = {
            let (dispatcher, id) = (form.dispatcher(), id.clone());
            Callback::from(move |e: Event| {
                let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                let kind = RULE_KINDS
                    .iter()
                    .find(|(k, _)| *k == value)
                    .map(|(k, _)| *k);
                dispatcher.dispatch(Action::Rule(id.clone(), kind, None));
            })
        };
        let on_value = {
            let (dispatcher, id) = (form.dispatcher(), id.clone());
            Callback::from(move |e: InputEvent| {
                let value = e.target_unchecked_into::<HtmlInputElement>().value();
                dispatcher.dispatch(Action::Rule(id.clone(), None, Some(value)));
            })
        };
        let error_id = format!("product-{field}-error");
        html! {
            <tr class="price-row" key={id.clone()} data-pricelist={id.clone()}>
                <td>{name}</td>
                <td>
                    <select aria-label={format!("{name}: {}", t(lang, Text::ProductRule))} onchange={on_kind}>
                        { for RULE_KINDS.iter().map(|(kind, label)| html! {
                            <option value={*kind} selected={*kind == input.kind}>{t(lang, *label)}</option>
                        }) }
                    </select>
                </td>
                <td>
                    if input.kind != "none" {
                        <input class="number" inputmode="decimal" value={input.text.clone()} oninput={on_value}
                            aria-label={format!("{name}: {}", t(lang, Text::ProductValue))}
                            aria-invalid={message.is_some().to_string()}
                            aria-describedby={message.is_some().then(|| error_id.clone())} />
                    }
                    if let Some(message) = message {
                        <p class="field-error" role="alert" id={error_id}>{message}</p>
                    }
                </td>
            </tr>
        }
    };
    // The shell's refusal of a rule names `price` or `discount`, not the pricelist.
    let rule_error = error
        .filter(|e| matches!(e.field.as_deref(), Some("price" | "discount")))
        .map(|e| html! { <p class="field-error" role="alert" id="product-prices-error">{&e.message}</p> });
    let top_error = error
        .filter(|e| {
            let field = e.field.as_deref().unwrap_or("");
            !OWN_FIELDS.contains(&field)
                && !matches!(field, "price" | "discount")
                && !field.starts_with("price-")
        })
        .map(|e| format!("{}: {}", t(lang, Text::SalesCouldNotSave), e.message));
    if props.id.is_some() && form.id.is_none() {
        return loading(lang, error);
    }
    html! {
        <div class="product-form">
            <div class="form-header">
                <span class="spacer" />
                if form.saved {
                    <span class="saved-note" role="status">{t(lang, Text::ProductSaved)}</span>
                }
                <button type="button" class="primary" disabled={form.busy || read_only}
                    onclick={save}>{t(lang, Text::Save)}</button>
            </div>
            if read_only {
                <p class="form-note" role="note">{t(lang, Text::ProductManagersOnly)}</p>
            }
            if let Some(message) = top_error {
                <p class="form-error" role="alert">{message}</p>
            }
            <fieldset class="product-fields" disabled={read_only}>
                {fields.field("name", Text::ProductName).input("text", &form.draft.name, edit(|f, v| f.draft.name = v))}
                {fields.field("internal_ref", Text::SalesColRef).input("text", &form.draft.internal_ref, edit(|f, v| f.draft.internal_ref = v))}
                {fields.field("unit", Text::ProductUnit).input("text", &form.draft.unit, edit(|f, v| f.draft.unit = v))}
                {fields.field("sales_price", Text::SalesColPrice).input("text", &form.sales_price, edit(|f, v| f.sales_price = v))}
                <div class="field">
                    <label for="product-vat">{t(lang, Text::SalesVat)}</label>
                    <select id="product-vat" onchange={on_vat}>
                        { for Vat::ALL.iter().map(|vat| html! {
                            <option value={vat.as_str()} selected={*vat == form.draft.vat}>{vat_label(lang, *vat)}</option>
                        }) }
                    </select>
                </div>
                <div class="field checkbox">
                    <input id="product-archived" type="checkbox" checked={!form.draft.active} onchange={on_archived} />
                    <label for="product-archived">{t(lang, Text::ProductArchived)}</label>
                </div>
                <h3>{t(lang, Text::ProductPrices)}</h3>
                if rows.is_empty() {
                    <p class="empty">{t(lang, Text::ProductNoPricelists)}</p>
                } else {
                    <table class="product-prices" aria-label={t(lang, Text::ProductPrices)}>
                        <thead><tr>
                            <th>{t(lang, Text::Pricelist)}</th>
                            <th>{t(lang, Text::ProductRule)}</th>
                            <th class="money">{t(lang, Text::ProductValue)}</th>
                        </tr></thead>
                        <tbody>{ for rows.iter().map(price_row) }</tbody>
                    </table>
                }
                {rule_error}
            </fieldset>
        </div>
    }
}
