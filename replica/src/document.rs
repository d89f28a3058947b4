//! Customer <-> Automerge document: writing a customer's fields into its document and reading
//! them back, which is also how the projection is derived.

use automerge::{transaction::Transactable, AutoCommit, ReadDoc, ScalarValue, Value, ROOT};
use clientele_model::{Customer, CustomerDraft, CustomerKind};

use crate::ReplicaError;

/// The document class, fixed at creation and travelling with the document.
pub const CUSTOMER_CLASS: &str = "customer";

/// A new customer document holding the draft's fields.
pub fn new_customer_document(id: &str, draft: &CustomerDraft) -> Result<AutoCommit, ReplicaError> {
    let mut doc = AutoCommit::new();
    let fail = |e: automerge::AutomergeError| ReplicaError::Document {
        id: id.to_owned(),
        reason: e.to_string(),
    };
    doc.put(ROOT, "class", CUSTOMER_CLASS).map_err(fail)?;
    doc.put(ROOT, "id", id).map_err(fail)?;
    doc.put(ROOT, "kind", draft.kind.as_str()).map_err(fail)?;
    doc.put(ROOT, "name", draft.name.as_str()).map_err(fail)?;
    doc.put(ROOT, "email", draft.email.as_str()).map_err(fail)?;
    doc.put(ROOT, "phone", draft.phone.as_str()).map_err(fail)?;
    Ok(doc)
}

/// Reads a customer back out of its saved document bytes.
pub fn customer_from_bytes(id: &str, bytes: &[u8]) -> Result<Customer, ReplicaError> {
    let damaged = |reason: String| ReplicaError::Document {
        id: id.to_owned(),
        reason,
    };
    let doc = AutoCommit::load(bytes).map_err(|e| damaged(e.to_string()))?;
    let text = |key: &str| -> Result<String, ReplicaError> {
        match doc.get(ROOT, key).map_err(|e| damaged(e.to_string()))? {
            Some((Value::Scalar(scalar), _)) => match scalar.as_ref() {
                ScalarValue::Str(s) => Ok(s.to_string()),
                other => Err(damaged(format!("field {key} holds {other:?}, not text"))),
            },
            Some(_) => Err(damaged(format!("field {key} is not text"))),
            None => Ok(String::new()),
        }
    };
    let kind_text = text("kind")?;
    let kind = CustomerKind::parse(&kind_text)
        .ok_or_else(|| damaged(format!("unknown kind {kind_text:?}")))?;
    Ok(Customer {
        id: id.to_owned(),
        kind,
        name: text("name")?,
        email: text("email")?,
        phone: text("phone")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customer_survives_the_round_trip_through_its_document() {
        let draft = CustomerDraft {
            kind: CustomerKind::Individual,
            name: "Nguyễn Thị Đào".into(),
            email: "dao@donga.vn".into(),
            phone: "0903 123 456".into(),
        };
        let mut doc = new_customer_document("c1", &draft).unwrap();
        let customer = customer_from_bytes("c1", &doc.save()).unwrap();
        assert_eq!(customer.name, draft.name);
        assert_eq!(customer.kind, CustomerKind::Individual);
        assert_eq!(customer.email, draft.email);
        assert_eq!(customer.phone, draft.phone);
    }

    #[test]
    fn garbage_bytes_are_reported_as_a_damaged_document() {
        let error = customer_from_bytes("c9", b"not automerge").unwrap_err();
        assert!(error.to_string().contains("c9"), "{error}");
    }
}
