//! The customers table as the projection writes it: its columns (the field table's, then the
//! derived ones), the statements built from them once, and how a field's value binds to SQL.

use clientele_model::customer_fields::{FieldValue, FIELDS};
use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::ToSql;
use std::sync::OnceLock;

use crate::ReplicaError;

/// Columns of `customers` the projection derives rather than copies from a field, in the
/// order `project_customer` binds them after the copied ones.
pub(super) const DERIVED_COLUMNS: [&str; 8] = [
    "name_key",
    "company_name",
    "archived",
    "next_activity_due",
    "open_activities",
    "updated_at",
    "conflict_count",
    "updated_by",
];

/// The columns of a customer's row after `id`: every column of the field table, then the
/// derived ones.
pub(super) fn customer_columns() -> &'static [&'static str] {
    static COLUMNS: OnceLock<Vec<&'static str>> = OnceLock::new();
    COLUMNS.get_or_init(|| {
        FIELDS
            .iter()
            .filter_map(|spec| spec.column)
            .chain(DERIVED_COLUMNS)
            .collect()
    })
}

/// The stored row of a customer, `customer_columns` in order (built once: the statement cache
/// keys on its text).
pub(super) fn stored_customer_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        format!(
            "SELECT {} FROM customers WHERE id = ?1",
            customer_columns().join(", ")
        )
    })
}

/// The upsert of a customer's row: `id`, then `customer_columns` (built once).
pub(super) fn upsert_customer_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let columns = customer_columns();
        let placeholders: Vec<String> = (1..=columns.len() + 1).map(|i| format!("?{i}")).collect();
        let updates: Vec<String> = columns
            .iter()
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        format!(
            "INSERT INTO customers (id, {}) VALUES ({}) ON CONFLICT(id) DO UPDATE SET {} \
             RETURNING rowid",
            columns.join(", "),
            placeholders.join(", "),
            updates.join(", ")
        )
    })
}

/// A field's value bound to its column: text as text, no reference as NULL, a flag as 0 or 1.
pub(super) struct Column<'a>(pub(super) FieldValue<'a>);

impl ToSql for Column<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self.0 {
            FieldValue::Text(text) | FieldValue::LongText(text) => text.into(),
            FieldValue::Reference(Some(id)) => id.into(),
            FieldValue::Reference(None) => ToSqlOutput::Owned(rusqlite::types::Value::Null),
            FieldValue::Flag(flag) => {
                ToSqlOutput::Owned(rusqlite::types::Value::Integer(flag.into()))
            }
            FieldValue::IdSet(_) => {
                return Err(rusqlite::Error::ToSqlConversionFailure(
                    "a set of ids has no column".into(),
                ))
            }
        })
    }
}

/// A value as SQLite stores it, to compare with what a row holds.
pub(super) fn value_of(value: &dyn ToSql) -> Result<Value, ReplicaError> {
    let plain = |reason: String| ReplicaError::Document {
        id: String::new(),
        reason: format!("a customer column has no plain value: {reason}"),
    };
    match value.to_sql()? {
        ToSqlOutput::Borrowed(value) => Value::try_from(value).map_err(|e| plain(e.to_string())),
        ToSqlOutput::Owned(value) => Ok(value),
        other => Err(plain(format!("{other:?}"))),
    }
}
