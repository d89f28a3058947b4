//! Tests of the customer field table: every field is reachable, named once, and its accessors
//! read back what they wrote.

use super::*;

#[test]
fn copying_every_field_through_the_table_copies_the_whole_draft() {
    let full = CustomerDraft::example_full();
    let mut copy = CustomerDraft::default();
    for spec in &FIELDS {
        spec.set(&mut copy, spec.get(&full));
    }
    assert_eq!(copy, full);
}

#[test]
fn each_field_sets_only_itself() {
    let full = CustomerDraft::example_full();
    for spec in &FIELDS {
        let mut one = CustomerDraft::default();
        spec.set(&mut one, spec.get(&full));
        assert_ne!(one, CustomerDraft::default(), "{} set nothing", spec.key);
        for other in FIELDS.iter().filter(|o| o.field != spec.field) {
            assert_eq!(
                other.get(&one),
                other.get(&CustomerDraft::default()),
                "setting {} changed {}",
                spec.key,
                other.key
            );
        }
    }
}

#[test]
fn values_have_their_fields_shape() {
    let full = CustomerDraft::example_full();
    for spec in &FIELDS {
        let shape = match spec.get(&full) {
            FieldValue::Text(_) => Shape::Text,
            FieldValue::Reference(_) => Shape::Reference,
            FieldValue::Flag(_) => Shape::Flag,
            FieldValue::IdSet(_) => Shape::IdSet,
            FieldValue::LongText(_) => Shape::LongText,
        };
        assert_eq!(shape, spec.shape, "{}", spec.key);
    }
}

#[test]
fn an_empty_reference_is_none_and_an_unknown_kind_the_default() {
    let company = CustomerField::Company.spec().unwrap();
    let mut draft = CustomerDraft::example_full();
    company.set(&mut draft, FieldValue::Text(""));
    assert_eq!(draft.company_id, None);
    let kind = CustomerField::Kind.spec().unwrap();
    kind.set(&mut draft, FieldValue::Text("robot"));
    assert_eq!(draft.kind, CustomerKind::default());
}

#[test]
fn names_keys_columns_and_csv_headers_are_each_unique() {
    let unique = |what: &str, names: Vec<&str>| {
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "{what} repeat: {names:?}");
    };
    unique("names", FIELDS.iter().map(|s| s.name).collect());
    unique("keys", FIELDS.iter().map(|s| s.key).collect());
    unique("columns", FIELDS.iter().filter_map(|s| s.column).collect());
    unique(
        "CSV headers and aliases",
        FIELDS
            .iter()
            .filter_map(|s| s.csv)
            .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
            .collect(),
    );
    unique("fields", FIELDS.iter().map(|s| s.field.as_str()).collect());
}

#[test]
fn every_customer_field_has_one_row_and_its_name_is_the_wire_name() {
    for spec in &FIELDS {
        assert_eq!(spec.field.as_str(), spec.name);
        assert_eq!(
            serde_json::to_value(spec.field).unwrap(),
            serde_json::Value::from(spec.name)
        );
        assert!(std::ptr::eq(spec.field.spec().unwrap(), spec));
    }
    for activity in [
        CustomerField::ActivityType,
        CustomerField::Summary,
        CustomerField::DueDate,
    ] {
        assert!(activity.spec().is_none());
        assert_eq!(
            serde_json::to_value(activity).unwrap(),
            serde_json::Value::from(activity.as_str())
        );
    }
}

#[test]
fn the_csv_columns_are_the_documented_ones_in_order() {
    assert_eq!(
        CSV_COLUMNS,
        [
            "kind",
            "name",
            "company",
            "function",
            "street",
            "street2",
            "city",
            "state",
            "zip",
            "country",
            "tax_id",
            "phone",
            "mobile",
            "email",
            "website",
            "language",
            "tags",
            "salesperson"
        ]
    );
    for (field, name) in CSV_FIELDS.iter().zip(CSV_COLUMNS) {
        assert_eq!(field.spec().and_then(|s| s.csv).map(|c| c.name), Some(name));
    }
}

#[test]
fn aliases_are_written_folded() {
    for column in FIELDS.iter().filter_map(|s| s.csv) {
        for alias in column.aliases {
            assert_eq!(
                crate::rules::fold_for_search(alias),
                *alias,
                "alias of {}",
                column.name
            );
        }
    }
}

#[test]
fn history_text_of_each_shape() {
    let full = CustomerDraft::example_full();
    let text = |field: CustomerField| field.spec().unwrap().get(&full).to_text();
    assert_eq!(text(CustomerField::Kind), "individual");
    assert_eq!(text(CustomerField::Company), "c-donga");
    assert_eq!(text(CustomerField::Tags), "vip, wholesale");
    assert_eq!(text(CustomerField::ReceiptReminder), "true");
    assert_eq!(
        text(CustomerField::Notes),
        "Gọi trước khi giao hàng.\nKhách quen."
    );
    let empty = CustomerDraft::default();
    assert_eq!(
        CustomerField::Pricelist
            .spec()
            .unwrap()
            .get(&empty)
            .to_text(),
        ""
    );
}
