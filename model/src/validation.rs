//! Validation and normalisation of what users and files type in: one typed error per field,
//! each with a stable problem code and a message saying how to fix it.

use serde::{Deserialize, Serialize};

use crate::customer::{ActivityDraft, Address, ContactDraft, CustomerDraft};
use crate::rules;

/// Longest free text we accept in a one-line field; longer is almost certainly a paste gone wrong.
pub const MAX_TEXT_LEN: usize = 256;
/// Longest internal notes or contact notes.
pub const MAX_NOTES_LEN: usize = 100_000;

/// The fields of the forms that can carry an error: a customer's fields (each a row of
/// [`crate::customer_fields::FIELDS`], which names it) and an activity's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerField {
    Kind,
    Name,
    Company,
    Function,
    Street,
    Street2,
    City,
    State,
    Zip,
    Country,
    TaxId,
    Phone,
    Mobile,
    Email,
    Website,
    Language,
    Tags,
    Salesperson,
    PaymentTerms,
    Pricelist,
    PurchasePaymentTerms,
    ReceiptReminder,
    Notes,
    ActivityType,
    Summary,
    DueDate,
}

impl CustomerField {
    /// The field's name on the wire and in the form (a customer field's from its table row).
    pub fn as_str(self) -> &'static str {
        match self {
            CustomerField::ActivityType => "activity_type",
            CustomerField::Summary => "summary",
            CustomerField::DueDate => "due_date",
            customer => customer.spec().map_or("", |spec| spec.name),
        }
    }
}

/// Why one field was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}: {message}", field.as_str())]
pub struct FieldError {
    pub field: CustomerField,
    /// A stable code (`required`, `invalid_email`, `phone_too_short`...).
    pub problem: String,
    /// How to fix it, in English.
    pub message: String,
}

impl FieldError {
    pub fn new(field: CustomerField, problem: &str, message: impl Into<String>) -> Self {
        FieldError {
            field,
            problem: problem.to_owned(),
            message: message.into(),
        }
    }

    /// The field this error belongs to.
    pub fn field(&self) -> CustomerField {
        self.field
    }

    /// The problem code.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

/// Every problem of a draft, in form order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{} invalid field(s): {}", .0.len(), describe(.0))]
pub struct ValidationErrors(pub Vec<FieldError>);

fn describe(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Collects errors while normalising fields.
#[derive(Default)]
struct Checker(Vec<FieldError>);

impl Checker {
    fn text(&mut self, field: CustomerField, value: &str, max: usize) -> String {
        let value = value.trim().to_owned();
        if value.chars().count() > max {
            self.0.push(FieldError::new(
                field,
                "too_long",
                format!("is too long: at most {max} characters"),
            ));
        }
        value
    }

    fn required(&mut self, field: CustomerField, value: &str) -> String {
        let value = self.text(field, value, MAX_TEXT_LEN);
        if value.is_empty() {
            self.0.push(FieldError::new(
                field,
                "required",
                "is required: type a value",
            ));
        }
        value
    }

    fn email(&mut self, value: &str) -> String {
        let value = self.text(CustomerField::Email, value, MAX_TEXT_LEN);
        if !value.is_empty() {
            if let Err(problem) = rules::check_email(&value) {
                self.0.push(FieldError::new(
                    CustomerField::Email,
                    problem.code(),
                    problem.to_string(),
                ));
            }
        }
        value
    }

    /// Normalises an optional field with `rule`; on refusal records the problem and keeps
    /// what was typed.
    fn normalized<P: std::fmt::Display>(
        &mut self,
        field: CustomerField,
        value: &str,
        rule: impl Fn(&str) -> Result<String, P>,
        code: impl Fn(&P) -> &'static str,
    ) -> String {
        let value = value.trim();
        if value.is_empty() {
            return String::new();
        }
        rule(value).unwrap_or_else(|problem| {
            self.0
                .push(FieldError::new(field, code(&problem), problem.to_string()));
            value.to_owned()
        })
    }

    fn phone(&mut self, field: CustomerField, value: &str) -> String {
        self.normalized(
            field,
            value,
            |v| rules::normalize_phone(v).map(|e164| rules::format_phone_international(&e164)),
            rules::PhoneProblem::code,
        )
    }

    fn website(&mut self, value: &str) -> String {
        self.normalized(
            CustomerField::Website,
            value,
            rules::normalize_website,
            rules::WebsiteProblem::code,
        )
    }

    fn tax_id(&mut self, value: &str) -> String {
        self.normalized(
            CustomerField::TaxId,
            value,
            rules::normalize_vn_tax_id,
            rules::TaxIdProblem::code,
        )
    }

    fn address(&mut self, address: &Address) -> Address {
        let country = address.country.trim().to_ascii_uppercase();
        if !country.is_empty() && crate::countries::country_name(&country).is_none() {
            self.0.push(FieldError::new(
                CustomerField::Country,
                "unknown_country",
                format!("\"{country}\" is not an ISO 3166 country code: pick a country from the list (VN for Viet Nam)"),
            ));
        }
        Address {
            street: self.text(CustomerField::Street, &address.street, MAX_TEXT_LEN),
            street2: self.text(CustomerField::Street2, &address.street2, MAX_TEXT_LEN),
            city: self.text(CustomerField::City, &address.city, MAX_TEXT_LEN),
            state: self.text(CustomerField::State, &address.state, MAX_TEXT_LEN),
            zip: self.text(CustomerField::Zip, &address.zip, 32),
            country,
        }
    }

    fn finish<T>(self, value: T) -> Result<T, ValidationErrors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(ValidationErrors(self.0))
        }
    }
}

/// Whether `locale` looks like `vi_VN` / `en_US` (language, underscore, region).
fn valid_locale(locale: &str) -> bool {
    let mut parts = locale.split('_');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(lang), Some(region), None)
            if (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_lowercase())
            && region.len() == 2 && region.chars().all(|c| c.is_ascii_uppercase())
    )
}

/// Whether `date` is a real calendar day written `YYYY-MM-DD`.
pub fn valid_date(date: &str) -> bool {
    let bytes = date.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| date[range].parse::<u32>().ok();
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day) && year >= 1900
}

impl CustomerDraft {
    /// Checks every field and returns the draft as it will be stored (trimmed, phone numbers
    /// formatted, website and tax ID normalised), or all problems at once.
    pub fn validated(&self) -> Result<CustomerDraft, ValidationErrors> {
        let mut check = Checker::default();
        let language = self.language.trim().to_owned();
        let draft = CustomerDraft {
            kind: self.kind,
            name: check.required(CustomerField::Name, &self.name),
            company_id: self.company_id.clone().filter(|id| !id.trim().is_empty()),
            function: check.text(CustomerField::Function, &self.function, MAX_TEXT_LEN),
            address: check.address(&self.address),
            tax_id: check.tax_id(&self.tax_id),
            email: check.email(&self.email),
            phone: check.phone(CustomerField::Phone, &self.phone),
            mobile: check.phone(CustomerField::Mobile, &self.mobile),
            website: check.website(&self.website),
            language: language.clone(),
            tag_ids: {
                let mut ids: Vec<String> =
                    self.tag_ids.iter().map(|t| t.trim().to_owned()).collect();
                ids.retain(|t| !t.is_empty());
                ids.sort();
                ids.dedup();
                ids
            },
            salesperson_id: self.salesperson_id.clone().filter(|id| !id.is_empty()),
            payment_terms_id: self.payment_terms_id.clone().filter(|id| !id.is_empty()),
            pricelist_id: self.pricelist_id.clone().filter(|id| !id.is_empty()),
            purchase_payment_terms_id: self
                .purchase_payment_terms_id
                .clone()
                .filter(|id| !id.is_empty()),
            receipt_reminder: self.receipt_reminder,
            notes: if self.notes.chars().count() > MAX_NOTES_LEN {
                check.0.push(FieldError::new(
                    CustomerField::Notes,
                    "too_long",
                    format!("is too long: at most {MAX_NOTES_LEN} characters"),
                ));
                String::new()
            } else {
                self.notes.clone()
            },
        };
        if !language.is_empty() && !valid_locale(&language) {
            check.0.push(FieldError::new(
                CustomerField::Language,
                "unknown_language",
                format!(
                    "\"{language}\" is not a locale: pick one from the list, e.g. vi_VN or en_US"
                ),
            ));
        }
        check.finish(draft)
    }

    /// Checks every field; returns all problems at once so the form can mark each field.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        self.validated().map(|_| ())
    }
}

impl ContactDraft {
    /// Checks and normalises a contact or address: a contact person needs a name, an address
    /// needs a name, a street or a city.
    pub fn validated(&self) -> Result<ContactDraft, ValidationErrors> {
        let mut check = Checker::default();
        let name = check.text(CustomerField::Name, &self.name, MAX_TEXT_LEN);
        let address = check.address(&self.address);
        let is_person = self.contact_type == crate::customer::ContactType::Contact;
        if name.is_empty() && (is_person || (address.street.is_empty() && address.city.is_empty()))
        {
            check.0.push(FieldError::new(
                CustomerField::Name,
                "required",
                if is_person {
                    "is required: type the contact's name"
                } else {
                    "is required: type a name, a street or a city for this address"
                },
            ));
        }
        let contact = ContactDraft {
            contact_type: self.contact_type,
            name,
            function: check.text(CustomerField::Function, &self.function, MAX_TEXT_LEN),
            email: check.email(&self.email),
            phone: check.phone(CustomerField::Phone, &self.phone),
            mobile: check.phone(CustomerField::Mobile, &self.mobile),
            address,
            notes: check.text(CustomerField::Notes, &self.notes, MAX_NOTES_LEN),
        };
        check.finish(contact)
    }
}

impl ActivityDraft {
    /// Checks an activity: a type and a real due date are required.
    pub fn validated(&self) -> Result<ActivityDraft, ValidationErrors> {
        let mut check = Checker::default();
        let activity = ActivityDraft {
            activity_type: check.required(CustomerField::ActivityType, &self.activity_type),
            summary: check.text(CustomerField::Summary, &self.summary, MAX_TEXT_LEN),
            due_date: self.due_date.trim().to_owned(),
            assigned_user_id: self.assigned_user_id.clone().filter(|u| !u.is_empty()),
            note: check.text(CustomerField::Notes, &self.note, MAX_NOTES_LEN),
            status: self.status,
        };
        if !valid_date(&activity.due_date) {
            check.0.push(FieldError::new(
                CustomerField::DueDate,
                "invalid_date",
                format!(
                    "\"{}\" is not a date: pick a day, written YYYY-MM-DD",
                    activity.due_date
                ),
            ));
        }
        check.finish(activity)
    }
}

#[cfg(test)]
#[path = "validation_tests.rs"]
mod tests;
