//! The CSV columns, read from the customer field table: which column of a file holds which
//! field (its header, a Vietnamese alias or the user's mapping), how a row becomes a draft, and
//! what export selects for each column. Plain columns are copied through the table; the few
//! that hold words or names (kind, country, company, salesperson, tags) are resolved here.

use clientele_model::commands::ReferenceItem;
use clientele_model::customer_fields::{CsvCell, CsvColumn, FieldValue, CSV_COLUMNS, CSV_FIELDS};
use clientele_model::rules::fold_for_search;
use clientele_model::{CustomerDraft, CustomerField, CustomerKind};
use std::collections::HashMap;

use crate::store::new_id;
use crate::ReplicaError;

/// The CSV column of a field that has one.
fn csv_of(field: CustomerField) -> CsvColumn {
    field
        .spec()
        .and_then(|spec| spec.csv)
        .expect("CSV_FIELDS holds fields with a CSV column")
}

/// Where each CSV field is in a file: `by_field[i]` is the file column of `CSV_FIELDS[i]`.
pub(super) struct ColumnMap {
    by_field: Vec<Option<usize>>,
}

impl ColumnMap {
    /// The text of `field` in `record` (empty when the file has no such column).
    pub(super) fn cell(&self, record: &csv::StringRecord, field: CustomerField) -> String {
        let position = CSV_FIELDS
            .iter()
            .position(|f| *f == field)
            .expect("a CSV field");
        self.by_field[position]
            .and_then(|i| record.get(i))
            .unwrap_or("")
            .to_owned()
    }
}

/// Maps the file's header to the CSV fields: explicit `mapping` (file header -> column name)
/// first, then column names and known aliases, ignoring case and accents. Also returns the
/// file's columns that map to nothing (ignored).
pub(super) fn map_header(
    header: &csv::StringRecord,
    mapping: &HashMap<String, String>,
) -> Result<(ColumnMap, Vec<String>), ReplicaError> {
    let mut by_field: Vec<Option<usize>> = vec![None; CSV_FIELDS.len()];
    let mut unmapped = Vec::new();
    for (index, raw) in header.iter().enumerate() {
        let folded = fold_for_search(raw).replace('_', " ");
        let target = mapping
            .get(raw)
            .cloned()
            .or_else(|| {
                CSV_COLUMNS
                    .iter()
                    .find(|c| c.replace('_', " ") == folded)
                    .map(|c| c.to_string())
            })
            .or_else(|| {
                CSV_FIELDS
                    .iter()
                    .map(|f| csv_of(*f))
                    .find(|column| column.aliases.contains(&folded.as_str()))
                    .map(|column| column.name.to_owned())
            });
        match target {
            Some(target) if target.is_empty() || target == "-" => unmapped.push(raw.to_owned()),
            Some(target) => {
                let Some(position) = CSV_COLUMNS.iter().position(|c| *c == target) else {
                    return Err(ReplicaError::Conflict(format!(
                        "the mapping sends column \"{raw}\" to \"{target}\", which is not a column: use one of {}",
                        CSV_COLUMNS.join(", ")
                    )));
                };
                by_field[position] = Some(index);
            }
            None => unmapped.push(raw.to_owned()),
        }
    }
    let map = ColumnMap { by_field };
    let name = CSV_FIELDS.iter().position(|f| *f == CustomerField::Name);
    if name.and_then(|i| map.by_field[i]).is_none() {
        return Err(ReplicaError::Conflict(format!(
            "the file has no name column (its columns: {}); add one or map one with --map \"Header=name\"",
            header.iter().collect::<Vec<_>>().join(", ")
        )));
    }
    Ok((map, unmapped))
}

/// Lookups an import needs, filled once and kept up to date as it creates things.
pub(super) struct ImportContext {
    pub(super) tags: HashMap<String, String>,
    pub(super) next_tag_position: i64,
    pub(super) new_tags: Vec<ReferenceItem>,
    pub(super) salespeople: HashMap<String, String>,
    pub(super) countries: HashMap<String, String>,
}

/// A row whose references are resolved, before validation.
pub(super) struct ResolvedRow {
    pub(super) draft: CustomerDraft,
    /// Whether the row's kind cell said the kind (else it was guessed from the company cell).
    pub(super) kind_given: bool,
    pub(super) company_name: String,
}

/// Reads a row's fields: plain columns through the table, then kind, country, salesperson and
/// tags resolved (creating new tags), in that order, so a refused row creates no tag.
pub(super) fn resolve_row(
    context: &mut ImportContext,
    cell: &dyn Fn(CustomerField) -> String,
) -> Result<ResolvedRow, String> {
    let mut draft = CustomerDraft::default();
    for field in CSV_FIELDS {
        if csv_of(field).cell == CsvCell::Plain {
            let spec = field.spec().expect("a customer field");
            spec.set(&mut draft, FieldValue::Text(&cell(field)));
        }
    }
    let company_name = cell(CustomerField::Company);
    let kind_given = !cell(CustomerField::Kind).trim().is_empty();
    let kind = match fold_for_search(&cell(CustomerField::Kind)).as_str() {
        "company" | "cong ty" | "doanh nghiep" => CustomerKind::Company,
        "individual" | "person" | "ca nhan" => CustomerKind::Individual,
        "" if company_name.is_empty() => CustomerKind::Company,
        "" => CustomerKind::Individual,
        other => {
            return Err(format!(
                "kind \"{other}\" is neither company nor individual (cá nhân / công ty)"
            ))
        }
    };
    draft.kind = kind;
    let country_text = cell(CustomerField::Country);
    if !country_text.is_empty() {
        draft.address.country = context
            .countries
            .get(&fold_for_search(&country_text))
            .cloned()
            .ok_or_else(|| format!("country \"{country_text}\" is unknown: use an ISO code such as VN or a country name"))?;
    }
    let salesperson_text = cell(CustomerField::Salesperson);
    if !salesperson_text.is_empty() {
        draft.salesperson_id = Some(context.salespeople.get(&fold_for_search(&salesperson_text)).cloned().ok_or_else(|| {
            format!("salesperson \"{salesperson_text}\" is not a member of the team: add them first or leave the column empty")
        })?);
    }
    for name in cell(CustomerField::Tags)
        .split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        draft.tag_ids.push(tag_id(context, name));
    }
    Ok(ResolvedRow {
        draft,
        kind_given,
        company_name: if kind == CustomerKind::Individual {
            company_name
        } else {
            String::new()
        },
    })
}

/// The id of the tag called `name` (ignoring case and accents), created if new.
fn tag_id(context: &mut ImportContext, name: &str) -> String {
    let key = fold_for_search(name);
    if let Some(id) = context.tags.get(&key) {
        return id.clone();
    }
    let entry = ReferenceItem {
        id: new_id(),
        name: name.to_owned(),
        color: (context.next_tag_position % 12) as u8,
        position: context.next_tag_position,
        archived: false,
    };
    context.next_tag_position += 1;
    context.tags.insert(key, entry.id.clone());
    let id = entry.id.clone();
    context.new_tags.push(entry);
    id
}

/// The query export runs: one value per CSV column, in order (stored text, or the name of
/// what a column's id refers to), archived customers last.
pub(super) fn export_sql() -> String {
    let values: Vec<String> = CSV_FIELDS
        .iter()
        .map(|field| match (csv_of(*field).cell, field) {
            (CsvCell::Plain | CsvCell::Parsed, _) => {
                let spec = field.spec().expect("a customer field");
                format!("c.{}", spec.column.expect("a projected column"))
            }
            (CsvCell::Name, CustomerField::Company) => "c.company_name".to_owned(),
            (CsvCell::Name, CustomerField::Salesperson) => "coalesce(sp.name, '')".to_owned(),
            (CsvCell::Name, CustomerField::Tags) => {
                "coalesce((SELECT group_concat(t.name, ';') FROM customer_tags ct
                      JOIN reference_items t ON t.list = 'tags' AND t.id = ct.tag_id WHERE ct.customer_id = c.id), '')"
                    .to_owned()
            }
            (CsvCell::Name, other) => unreachable!("no export rule for {other:?}'s name"),
        })
        .collect();
    format!(
        "SELECT {}
         FROM customers c LEFT JOIN salespeople sp ON sp.id = c.salesperson_id
         ORDER BY c.archived, c.name_key, c.id",
        values.join(", ")
    )
}
