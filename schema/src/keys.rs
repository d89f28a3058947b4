//! Keys inside documents that the server reads for its role checks, and that the replica writes:
//! written once here so a rename cannot silently switch a check off.

/// Customer document: whether the customer is archived (a boolean).
pub const CUSTOMER_ARCHIVED: &str = "archived";
/// Customer document: the team user id of the customer's salesperson (text, may be empty).
pub const CUSTOMER_SALESPERSON: &str = "salesperson_id";
/// Customer document: the customer it was merged into (text; empty or absent when not merged,
/// or once the merge was undone). A rep changes it only on their own customers, as archiving.
pub const CUSTOMER_MERGED_INTO: &str = "merged_into";
/// Settings document: the map of reference lists (tags, payment terms, ...).
pub const SETTINGS_LISTS: &str = "lists";
/// Settings document: the tags list inside `lists`, the one any user may add to.
pub const SETTINGS_TAGS: &str = "tags";
/// Sales records (orders, invoices, payments, purchase orders): the official number the server
/// gives when it first accepts the record; no device writes it.
pub const OFFICIAL_NUMBER: &str = "number";
/// Sales records: the number the creating device gave (its prefix and a durable counter).
pub const PROVISIONAL_NUMBER: &str = "provisional_number";
/// Sales records: the state (an order's `quotation`/`sent`/`sale`/`cancelled`, an invoice's
/// `draft`/`posted`/`cancelled`, a payment's `posted`/`cancelled`).
pub const SALES_STATE: &str = "state";
/// Sales records: the record's date (`YYYY-MM-DD`), whose year an invoice's number carries.
pub const SALES_DATE: &str = "date";
/// Sales records: the customer (or, on a purchase order, the vendor) it belongs to.
pub const SALES_CUSTOMER: &str = "customer_id";
