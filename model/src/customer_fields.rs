//! The one table of a customer's scalar fields. Each row names a field once: its name in forms,
//! on the wire and in validation errors, its key in the customer document, its column in the
//! projection, its CSV column with the Vietnamese headers import also recognises, and how to
//! read and write it on a `CustomerDraft`. The replica's document, projection, CSV and history
//! code walk this table instead of listing the fields again.
//!
//! Never change a row's `key`, `column` or CSV `name`: stored documents, the SQL schema and
//! users' files depend on them. A new field is a new row (and a migration for its column).

use crate::customer::{CustomerDraft, CustomerKind};
use crate::validation::CustomerField;

/// How a field's value is held in the draft, the document and the projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// One line of text (the kind too, as its stored word).
    Text,
    /// The id of another customer or of a settings entry. `None` is empty text in the document
    /// and NULL in the projection.
    Reference,
    /// Yes or no.
    Flag,
    /// A set of ids: a map id -> true in the document (adding and removing different ids
    /// concurrently merges), rows of another table in the projection.
    IdSet,
    /// Free text that merges character by character (an Automerge text object).
    LongText,
}

/// A field's value, borrowed from a draft, a document or a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldValue<'a> {
    Text(&'a str),
    Reference(Option<&'a str>),
    Flag(bool),
    IdSet(&'a [String]),
    LongText(&'a str),
}

impl<'a> FieldValue<'a> {
    /// The value as text: what history shows as before and after (ids of a set joined by ", ").
    pub fn to_text(&self) -> String {
        match self {
            FieldValue::Text(text) | FieldValue::LongText(text) => (*text).to_owned(),
            FieldValue::Reference(id) => id.unwrap_or("").to_owned(),
            FieldValue::Flag(flag) => flag.to_string(),
            FieldValue::IdSet(ids) => ids.join(", "),
        }
    }

    /// The text of a text, long text or reference value; empty for the others.
    pub fn text(&self) -> &'a str {
        match *self {
            FieldValue::Text(text) | FieldValue::LongText(text) => text,
            FieldValue::Reference(id) => id.unwrap_or(""),
            FieldValue::Flag(_) | FieldValue::IdSet(_) => "",
        }
    }

    /// The id of a reference (or of non-empty text); `None` when empty.
    fn reference(&self) -> Option<String> {
        Some(self.text())
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
    }

    fn flag(&self) -> bool {
        match *self {
            FieldValue::Flag(flag) => flag,
            other => other.text() == "true",
        }
    }

    fn ids(&self) -> Vec<String> {
        match *self {
            FieldValue::IdSet(ids) => ids.to_vec(),
            _ => Vec::new(),
        }
    }
}

/// How a CSV cell relates to the stored value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CsvCell {
    /// The stored text, both ways.
    Plain,
    /// Exported as stored; imported through a lookup of words (kind: "cá nhân") or names
    /// (country: "Việt Nam").
    Parsed,
    /// The name of what the stored id refers to (the company, the salesperson, the tags `;`
    /// separated); import finds or creates it by that name.
    Name,
}

/// A field's CSV column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvColumn {
    /// The header export writes and import recognises.
    pub name: &'static str,
    /// Other headers import recognises without a mapping (Vietnamese exports), written folded:
    /// lowercase, without accents, words separated by one space.
    pub aliases: &'static [&'static str],
    pub cell: CsvCell,
}

/// One row of the table.
#[derive(Clone, Copy)]
pub struct FieldSpec {
    pub field: CustomerField,
    /// The field's name in forms, on the wire and in validation errors (`CustomerField::as_str`).
    pub name: &'static str,
    /// The key in the customer document; also the field's name in history.
    pub key: &'static str,
    /// The `customers` column the projection copies the value into; `None` when it is
    /// projected elsewhere (tags: `customer_tags`).
    pub column: Option<&'static str>,
    /// `None` when import and export leave the field out.
    pub csv: Option<CsvColumn>,
    pub shape: Shape,
    get: for<'a> fn(&'a CustomerDraft) -> FieldValue<'a>,
    set: fn(&mut CustomerDraft, FieldValue<'_>),
}

impl std::fmt::Debug for FieldSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldSpec")
            .field("field", &self.field)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl FieldSpec {
    /// The field's value in `draft`.
    pub fn get<'a>(&self, draft: &'a CustomerDraft) -> FieldValue<'a> {
        (self.get)(draft)
    }

    /// Sets the field in `draft` (an empty reference becomes `None`, an unknown kind the
    /// default one, as when reading a document).
    pub fn set(&self, draft: &mut CustomerDraft, value: FieldValue<'_>) {
        (self.set)(draft, value)
    }

    /// The history label of the field: its document key.
    pub fn history_label(&self) -> &'static str {
        self.key
    }
}

const fn csv(name: &'static str, aliases: &'static [&'static str]) -> Option<CsvColumn> {
    Some(CsvColumn {
        name,
        aliases,
        cell: CsvCell::Plain,
    })
}

const fn csv_as(
    name: &'static str,
    aliases: &'static [&'static str],
    cell: CsvCell,
) -> Option<CsvColumn> {
    Some(CsvColumn {
        name,
        aliases,
        cell,
    })
}

/// A one-line text field `$($path).+` of the draft, copied as is everywhere.
macro_rules! text_field {
    ($field:ident, $key:literal, $csv:expr, $($path:ident).+) => {
        FieldSpec {
            field: CustomerField::$field,
            name: $key,
            key: $key,
            column: Some($key),
            csv: $csv,
            shape: Shape::Text,
            get: |d| FieldValue::Text(&d.$($path).+),
            set: |d, v| d.$($path).+ = v.text().to_owned(),
        }
    };
}

/// A reference field `$member` of the draft (an `Option<String>` id), named `$name`.
macro_rules! reference_field {
    ($field:ident, $name:literal, $key:literal, $csv:expr, $member:ident) => {
        FieldSpec {
            field: CustomerField::$field,
            name: $name,
            key: $key,
            column: Some($key),
            csv: $csv,
            shape: Shape::Reference,
            get: |d| FieldValue::Reference(d.$member.as_deref()),
            set: |d, v| d.$member = v.reference(),
        }
    };
}

const TABLE: [FieldSpec; 23] = [
    // Special row: stored as the kind's word; import also understands Vietnamese words.
    FieldSpec {
        field: CustomerField::Kind,
        name: "kind",
        key: "kind",
        column: Some("kind"),
        csv: csv_as("kind", &["loai"], CsvCell::Parsed),
        shape: Shape::Text,
        get: |d| FieldValue::Text(d.kind.as_str()),
        set: |d, v| d.kind = CustomerKind::parse(v.text()).unwrap_or_default(),
    },
    text_field!(Name, "name", csv("name", &["ten", "ten khach hang"]), name),
    // Special row: the document holds the company's id, the CSV its name.
    reference_field!(
        Company,
        "company",
        "company_id",
        csv_as("company", &["cong ty"], CsvCell::Name),
        company_id
    ),
    text_field!(
        Function,
        "function",
        csv("function", &["chuc vu"]),
        function
    ),
    text_field!(
        Street,
        "street",
        csv("street", &["dia chi"]),
        address.street
    ),
    text_field!(Street2, "street2", csv("street2", &[]), address.street2),
    text_field!(City, "city", csv("city", &["thanh pho"]), address.city),
    text_field!(State, "state", csv("state", &["tinh"]), address.state),
    text_field!(Zip, "zip", csv("zip", &["ma buu chinh"]), address.zip),
    text_field!(
        Country,
        "country",
        csv_as("country", &["quoc gia"], CsvCell::Parsed),
        address.country
    ),
    text_field!(
        TaxId,
        "tax_id",
        csv("tax_id", &["ma so thue", "mst", "vat"]),
        tax_id
    ),
    text_field!(Phone, "phone", csv("phone", &["dien thoai"]), phone),
    text_field!(Mobile, "mobile", csv("mobile", &["di dong"]), mobile),
    text_field!(Email, "email", csv("email", &[]), email),
    text_field!(Website, "website", csv("website", &["trang web"]), website),
    text_field!(
        Language,
        "language",
        csv("language", &["ngon ngu"]),
        language
    ),
    // Special row: a set of tag ids; the CSV holds their names.
    FieldSpec {
        field: CustomerField::Tags,
        name: "tags",
        key: "tags",
        column: None,
        csv: csv_as("tags", &["tu khoa"], CsvCell::Name),
        shape: Shape::IdSet,
        get: |d| FieldValue::IdSet(&d.tag_ids),
        set: |d, v| d.tag_ids = v.ids(),
    },
    // Special row: the CSV holds the salesperson's name. The key is the one the sync server
    // reads for its archive rule (clientele_schema::keys::CUSTOMER_SALESPERSON).
    reference_field!(
        Salesperson,
        "salesperson",
        "salesperson_id",
        csv_as("salesperson", &["nhan vien kinh doanh"], CsvCell::Name),
        salesperson_id
    ),
    reference_field!(
        PaymentTerms,
        "payment_terms",
        "payment_terms_id",
        None,
        payment_terms_id
    ),
    reference_field!(Pricelist, "pricelist", "pricelist_id", None, pricelist_id),
    reference_field!(
        PurchasePaymentTerms,
        "purchase_payment_terms",
        "purchase_payment_terms_id",
        None,
        purchase_payment_terms_id
    ),
    // Special row: a flag.
    FieldSpec {
        field: CustomerField::ReceiptReminder,
        name: "receipt_reminder",
        key: "receipt_reminder",
        column: Some("receipt_reminder"),
        csv: None,
        shape: Shape::Flag,
        get: |d| FieldValue::Flag(d.receipt_reminder),
        set: |d, v| d.receipt_reminder = v.flag(),
    },
    // Special row: text that merges character by character.
    FieldSpec {
        field: CustomerField::Notes,
        name: "notes",
        key: "notes",
        column: Some("notes"),
        csv: None,
        shape: Shape::LongText,
        get: |d| FieldValue::LongText(&d.notes),
        set: |d, v| d.notes = v.text().to_owned(),
    },
];

/// Every scalar field of a customer, in form and CSV order.
pub static FIELDS: [FieldSpec; TABLE.len()] = TABLE;

/// How many fields have a CSV column.
const CSV_COUNT: usize = {
    let mut count = 0;
    let mut i = 0;
    while i < TABLE.len() {
        if TABLE[i].csv.is_some() {
            count += 1;
        }
        i += 1;
    }
    count
};

/// The fields import understands and export writes, in the file's column order.
pub const CSV_FIELDS: [CustomerField; CSV_COUNT] = {
    let mut fields = [CustomerField::Name; CSV_COUNT];
    let (mut i, mut n) = (0, 0);
    while i < TABLE.len() {
        if TABLE[i].csv.is_some() {
            fields[n] = TABLE[i].field;
            n += 1;
        }
        i += 1;
    }
    fields
};

/// The CSV header export writes (and the names import recognises), in order.
pub const CSV_COLUMNS: [&str; CSV_COUNT] = {
    let mut names = [""; CSV_COUNT];
    let (mut i, mut n) = (0, 0);
    while i < TABLE.len() {
        if let Some(column) = TABLE[i].csv {
            names[n] = column.name;
            n += 1;
        }
        i += 1;
    }
    names
};

impl CustomerField {
    /// The field's row in the table; `None` for the activity fields (type, summary, due date).
    pub fn spec(self) -> Option<&'static FieldSpec> {
        FIELDS.iter().find(|spec| spec.field == self)
    }
}

#[cfg(test)]
#[path = "customer_fields_tests.rs"]
mod tests;
