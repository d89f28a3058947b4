//! Sales documents (orders, invoices, payments, products, purchase orders) <-> their Automerge
//! form. Lines live in a map keyed by line id with a position, so two people editing different
//! lines of one order offline both keep their edits; writes touch only values that changed, as
//! the customer document's do.

use automerge::{
    transaction::Transactable, AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value, ROOT,
};
use clientele_model::sales::{
    InvoiceState, LineEntry, OrderLine, OrderState, PaymentMethod, PriceRule, ProductDraft, Vat,
};
use clientele_schema::keys;

use crate::ReplicaError;

type AmResult<T> = Result<T, automerge::AutomergeError>;

fn failed(id: &str) -> impl Fn(automerge::AutomergeError) -> ReplicaError + '_ {
    move |e| ReplicaError::Document {
        id: id.to_owned(),
        reason: e.to_string(),
    }
}

/// A text value (empty when absent or of another type).
pub(crate) fn text(doc: &AutoCommit, obj: &ObjId, key: &str) -> String {
    match doc.get(obj, key).ok().flatten() {
        Some((Value::Scalar(s), _)) => match s.as_ref() {
            ScalarValue::Str(s) => s.to_string(),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// An integer value (0 when absent or of another type).
pub(crate) fn integer(doc: &AutoCommit, obj: &ObjId, key: &str) -> i64 {
    match doc.get(obj, key).ok().flatten() {
        Some((Value::Scalar(s), _)) => match s.as_ref() {
            ScalarValue::Int(n) => *n,
            ScalarValue::Uint(n) => i64::try_from(*n).unwrap_or(i64::MAX),
            _ => 0,
        },
        _ => 0,
    }
}

fn optional(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

fn set_text(doc: &mut AutoCommit, obj: &ObjId, key: &str, value: &str) -> AmResult<()> {
    if text(doc, obj, key) != value {
        doc.put(obj, key, value)?;
    }
    Ok(())
}

fn set_integer(doc: &mut AutoCommit, obj: &ObjId, key: &str, value: i64) -> AmResult<()> {
    if integer(doc, obj, key) != value || doc.get(obj, key)?.is_none() {
        doc.put(obj, key, value)?;
    }
    Ok(())
}

fn map_at(doc: &mut AutoCommit, obj: &ObjId, key: &str) -> AmResult<ObjId> {
    match doc.get(obj, key)? {
        Some((Value::Object(ObjType::Map), id)) => Ok(id),
        _ => doc.put_object(obj, key, ObjType::Map),
    }
}

fn existing_map(doc: &AutoCommit, obj: &ObjId, key: &str) -> Option<ObjId> {
    match doc.get(obj, key).ok().flatten() {
        Some((Value::Object(ObjType::Map), id)) => Some(id),
        _ => None,
    }
}

/// The header of a sales document: what every class but products has.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Header {
    pub customer_id: String,
    pub provisional_number: String,
    pub number: String,
    pub state: String,
    pub date: String,
}

impl Header {
    /// The header of a record made on this device: no official number until the server
    /// gives one.
    pub(crate) fn new(
        customer_id: &str,
        provisional_number: &str,
        state: &str,
        date: &str,
    ) -> Header {
        Header {
            customer_id: customer_id.to_owned(),
            provisional_number: provisional_number.to_owned(),
            number: String::new(),
            state: state.to_owned(),
            date: date.to_owned(),
        }
    }
}

pub(crate) fn read_header(doc: &AutoCommit) -> Header {
    Header {
        customer_id: text(doc, &ROOT, keys::SALES_CUSTOMER),
        provisional_number: text(doc, &ROOT, keys::PROVISIONAL_NUMBER),
        number: text(doc, &ROOT, keys::OFFICIAL_NUMBER),
        state: text(doc, &ROOT, keys::SALES_STATE),
        date: text(doc, &ROOT, keys::SALES_DATE),
    }
}

/// Writes the header's fields a device may write (never the official number).
pub(crate) fn write_header(
    doc: &mut AutoCommit,
    id: &str,
    header: &Header,
) -> Result<(), ReplicaError> {
    (|| {
        set_text(doc, &ROOT, keys::SALES_CUSTOMER, &header.customer_id)?;
        set_text(
            doc,
            &ROOT,
            keys::PROVISIONAL_NUMBER,
            &header.provisional_number,
        )?;
        set_text(doc, &ROOT, keys::SALES_STATE, &header.state)?;
        set_text(doc, &ROOT, keys::SALES_DATE, &header.date)
    })()
    .map_err(failed(id))
}

/// Sets one text field of the document's root.
pub(crate) fn put_text(
    doc: &mut AutoCommit,
    id: &str,
    key: &str,
    value: &str,
) -> Result<(), ReplicaError> {
    set_text(doc, &ROOT, key, value).map_err(failed(id))
}

/// Reads a text field of the root, `None` when empty.
pub(crate) fn root_option(doc: &AutoCommit, key: &str) -> Option<String> {
    optional(text(doc, &ROOT, key))
}

/// Replaces the document's lines by `lines` (in their order): a line keeps its id and only its
/// changed values are written; a line with an empty id is new and gets `new_id()`; lines no
/// longer listed are removed. Returns the lines with their ids.
pub(crate) fn write_lines(
    doc: &mut AutoCommit,
    id: &str,
    lines: &[LineEntry],
    mut new_id: impl FnMut() -> String,
) -> Result<Vec<LineEntry>, ReplicaError> {
    (|| {
        let map = map_at(doc, &ROOT, "lines")?;
        let mut kept = Vec::with_capacity(lines.len());
        for (position, entry) in lines.iter().enumerate() {
            let line_id = if entry.id.is_empty() {
                new_id()
            } else {
                entry.id.clone()
            };
            let obj = map_at(doc, &map, &line_id)?;
            let line = &entry.line;
            set_integer(doc, &obj, "position", position as i64)?;
            set_text(
                doc,
                &obj,
                "product_id",
                line.product_id.as_deref().unwrap_or(""),
            )?;
            set_text(doc, &obj, "description", &line.description)?;
            set_integer(doc, &obj, "quantity_milli", line.quantity_milli)?;
            set_integer(doc, &obj, "unit_price", line.unit_price)?;
            set_integer(doc, &obj, "discount_bp", line.discount_bp)?;
            set_text(doc, &obj, "vat", line.vat.as_str())?;
            kept.push(LineEntry {
                id: line_id,
                line: line.clone(),
            });
        }
        let stale: Vec<String> = doc
            .keys(&map)
            .filter(|key| !kept.iter().any(|l| &l.id == key))
            .collect();
        for key in stale {
            doc.delete(&map, key.as_str())?;
        }
        Ok(kept)
    })()
    .map_err(failed(id))
}

/// The document's lines in their order (position, then id: two lines given one position
/// offline both stay, in one order on every device).
pub(crate) fn read_lines(doc: &AutoCommit) -> Vec<LineEntry> {
    let Some(map) = existing_map(doc, &ROOT, "lines") else {
        return Vec::new();
    };
    let mut lines: Vec<(i64, LineEntry)> = doc
        .keys(&map)
        .filter_map(|line_id| {
            let obj = existing_map(doc, &map, &line_id)?;
            let line = OrderLine {
                product_id: optional(text(doc, &obj, "product_id")),
                description: text(doc, &obj, "description"),
                quantity_milli: integer(doc, &obj, "quantity_milli"),
                unit_price: integer(doc, &obj, "unit_price"),
                discount_bp: integer(doc, &obj, "discount_bp"),
                vat: Vat::parse(&text(doc, &obj, "vat")).unwrap_or(Vat::Exempt),
            };
            Some((
                integer(doc, &obj, "position"),
                LineEntry { id: line_id, line },
            ))
        })
        .collect();
    lines.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    lines.into_iter().map(|(_, line)| line).collect()
}

/// An order's state as stored (a quotation when unreadable).
pub(crate) fn order_state(header: &Header) -> OrderState {
    OrderState::parse(&header.state).unwrap_or(OrderState::Quotation)
}

/// An invoice's state as stored (a draft when unreadable).
pub(crate) fn invoice_state(header: &Header) -> InvoiceState {
    InvoiceState::parse(&header.state).unwrap_or(InvoiceState::Draft)
}

/// Writes a payment's own fields: amount, method, reference and its allocations (a map of
/// invoice id to amount).
pub(crate) fn write_payment(
    doc: &mut AutoCommit,
    id: &str,
    amount: i64,
    method: PaymentMethod,
    reference: &str,
    allocations: &[clientele_model::sales::Allocation],
) -> Result<(), ReplicaError> {
    (|| {
        set_integer(doc, &ROOT, "amount", amount)?;
        set_text(doc, &ROOT, "method", method.as_str())?;
        set_text(doc, &ROOT, "reference", reference)?;
        let map = map_at(doc, &ROOT, "allocations")?;
        for allocation in allocations {
            set_integer(doc, &map, &allocation.invoice_id, allocation.amount)?;
        }
        Ok(())
    })()
    .map_err(failed(id))
}

/// A payment's allocations, by invoice id.
pub(crate) fn read_allocations(doc: &AutoCommit) -> Vec<clientele_model::sales::Allocation> {
    let Some(map) = existing_map(doc, &ROOT, "allocations") else {
        return Vec::new();
    };
    doc.keys(&map)
        .map(|invoice_id| clientele_model::sales::Allocation {
            amount: integer(doc, &map, &invoice_id),
            invoice_id,
        })
        .collect()
}

/// Writes a product's fields and, for each pricelist in `prices`, its rule (`None` removes it).
pub(crate) fn write_product(
    doc: &mut AutoCommit,
    id: &str,
    draft: &ProductDraft,
    prices: &[(String, Option<PriceRule>)],
) -> Result<(), ReplicaError> {
    (|| {
        set_text(doc, &ROOT, "name", draft.name.trim())?;
        set_text(doc, &ROOT, "internal_ref", draft.internal_ref.trim())?;
        set_text(doc, &ROOT, "unit", draft.unit.trim())?;
        set_integer(doc, &ROOT, "sales_price", draft.sales_price)?;
        set_text(doc, &ROOT, "vat", draft.vat.as_str())?;
        if doc.get(&ROOT, "active")?.is_none() || read_flag(doc, "active") != draft.active {
            doc.put(&ROOT, "active", draft.active)?;
        }
        let map = map_at(doc, &ROOT, "prices")?;
        for (pricelist_id, rule) in prices {
            match rule {
                None => {
                    if doc.get(&map, pricelist_id.as_str())?.is_some() {
                        doc.delete(&map, pricelist_id.as_str())?;
                    }
                }
                Some(rule) => {
                    let obj = map_at(doc, &map, pricelist_id)?;
                    let (kind, value) = match rule {
                        PriceRule::Fixed(price) => ("fixed", *price),
                        PriceRule::PercentOff(bp) => ("percent_off", *bp),
                    };
                    set_text(doc, &obj, "kind", kind)?;
                    set_integer(doc, &obj, "value", value)?;
                }
            }
        }
        Ok(())
    })()
    .map_err(failed(id))
}

fn read_flag(doc: &AutoCommit, key: &str) -> bool {
    matches!(doc.get(&ROOT, key).ok().flatten(), Some((Value::Scalar(s), _)) if matches!(s.as_ref(), ScalarValue::Boolean(true)))
}

/// A product's fields and its prices per pricelist.
pub(crate) fn read_product(doc: &AutoCommit) -> (ProductDraft, Vec<(String, PriceRule)>) {
    let draft = ProductDraft {
        name: text(doc, &ROOT, "name"),
        internal_ref: text(doc, &ROOT, "internal_ref"),
        unit: text(doc, &ROOT, "unit"),
        sales_price: integer(doc, &ROOT, "sales_price"),
        vat: Vat::parse(&text(doc, &ROOT, "vat")).unwrap_or(Vat::Exempt),
        active: read_flag(doc, "active"),
    };
    let prices = existing_map(doc, &ROOT, "prices")
        .map(|map| {
            doc.keys(&map)
                .filter_map(|pricelist_id| {
                    let obj = existing_map(doc, &map, &pricelist_id)?;
                    let value = integer(doc, &obj, "value");
                    let rule = match text(doc, &obj, "kind").as_str() {
                        "fixed" => PriceRule::Fixed(value),
                        "percent_off" => PriceRule::PercentOff(value),
                        _ => return None,
                    };
                    Some((pricelist_id, rule))
                })
                .collect()
        })
        .unwrap_or_default();
    (draft, prices)
}
