//! Commands of the sales windows (issue 13): quotations and orders, invoices, payments, the
//! customer's account and statement, products and purchase orders. Arguments name the records
//! by id; lists take a [`SalesListQuery`] (search, state, customer, page, group), the same for
//! every window, and `count_sales` / `group_sales` count what it lists.

use serde::{Deserialize, Deserializer, Serialize};

use super::declare_commands;
use crate::sales::{
    CustomerAccount, Invoice, InvoiceSummary, LineEntry, OrderDraft, OrderState, OrderSummary,
    Payment, PaymentDraft, PaymentSummary, PriceRule, Product, ProductDraft, PurchaseOrder,
    PurchaseState, PurchaseSummary, SaleOrder, SalesClass, SalesError, SalesGroup, SalesGroupBy,
    SalesGroupKey, StatementEntry, Vnd,
};

declare_commands! {
    /// What a new quotation for a customer starts with (addresses, pricelist, terms, salesperson).
    GetOrderDefaults = "order_defaults", CustomerIdArgs => OrderDraft;
    /// A new quotation; answers it with its provisional number.
    CreateQuotation = "create_quotation", CreateQuotationArgs => SaleOrder;
    /// Changes an order's fields and lines.
    UpdateOrder = "update_order", UpdateOrderArgs => SaleOrder;
    /// Sends, confirms, cancels an order or sets it back to quotation.
    SetOrderState = "set_order_state", SetOrderStateArgs => SaleOrder;
    /// One order with its lines.
    GetOrder = "order", RecordIdArgs => SaleOrder;
    /// The Quotations / Sales orders windows.
    ListOrders = "list_orders", SalesListArgs => Vec<OrderSummary>;
    /// A draft invoice of a confirmed order.
    InvoiceOrder = "invoice_order", InvoiceOrderArgs => Invoice;
    /// Posts a draft invoice.
    PostInvoice = "post_invoice", RecordIdArgs => Invoice;
    /// Cancels an invoice (refused while payments are allocated to it).
    CancelInvoice = "cancel_invoice", RecordIdArgs => Invoice;
    /// One invoice with what is left to pay on it.
    GetInvoice = "invoice", RecordIdArgs => Invoice;
    /// The Invoices window.
    ListInvoices = "list_invoices", SalesListArgs => Vec<InvoiceSummary>;
    /// Registers a payment collected on a visit.
    RegisterPayment = "register_payment", RegisterPaymentArgs => Payment;
    /// Cancels a payment.
    CancelPayment = "cancel_payment", RecordIdArgs => Payment;
    /// The Payments window.
    ListPayments = "list_payments", SalesListArgs => Vec<PaymentSummary>;
    /// The customer form's buttons: sales and purchase counts, invoiced, paid, amount due.
    GetCustomerAccount = "customer_account", CustomerIdArgs => CustomerAccount;
    /// The customer's statement: posted invoices and payments with a running balance.
    GetCustomerStatement = "customer_statement", CustomerIdArgs => Vec<StatementEntry>;
    /// The Products window (and the order line's product picker).
    ListProducts = "list_products", SalesListArgs => Vec<Product>;
    /// A new product (managers).
    CreateProduct = "create_product", CreateProductArgs => Product;
    /// Changes a product and its prices (managers).
    UpdateProduct = "update_product", UpdateProductArgs => Product;
    /// One product with its prices (the product form).
    GetProduct = "product", RecordIdArgs => Product;
    /// The unit price of a product on a pricelist (the list price when none).
    GetProductPrice = "product_price", ProductPriceArgs => Vnd;
    /// The Purchases window.
    ListPurchases = "list_purchases", SalesListArgs => Vec<PurchaseSummary>;
    /// A new purchase order (managers).
    CreatePurchaseOrder = "create_purchase_order", CreatePurchaseOrderArgs => PurchaseOrder;
    /// Confirms or cancels a purchase order (managers).
    SetPurchaseState = "set_purchase_state", SetPurchaseStateArgs => PurchaseOrder;
    /// One purchase order with its lines (the purchase form).
    GetPurchaseOrder = "purchase_order", RecordIdArgs => PurchaseOrder;
    /// How many records a window's query matches, whatever its page (the pager's total).
    CountSales = "count_sales", CountSalesArgs => u64;
    /// A window's records grouped (by customer, state, month or salesperson), each group with
    /// its count and total; a group's rows are the query narrowed by `SalesListQuery::group`.
    GroupSales = "group_sales", GroupSalesArgs => Vec<SalesGroup>;
}

/// Arguments naming a customer (`customerId` on the wire).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerIdArgs {
    pub customer_id: String,
}

/// Arguments naming one sales record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordIdArgs {
    pub id: String,
}

/// What a sales window lists: every field optional, the same for each window.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SalesListQuery {
    /// Matches the number (official or provisional), the customer's name (without diacritics)
    /// or, for products, the name and internal reference.
    pub search: String,
    /// Only this customer's records (and those of the people who work for it): the card's and
    /// the form's buttons open the windows so.
    pub customer_id: Option<String>,
    /// Only records in these states (`quotation`, `sent`, `sale`, `posted`...); all when empty.
    pub states: Vec<String>,
    /// Archived products too.
    pub with_archived: bool,
    /// At most this many (0: the window's default of 200; never more than 500).
    #[serde(deserialize_with = "limit_from_wire")]
    pub limit: u32,
    /// How many matching records to skip (the pager's page start; past the end: no rows).
    #[serde(deserialize_with = "offset_from_wire")]
    pub offset: u32,
    /// Only the records of this group (an unfolded group of `group_sales`).
    pub group: Option<SalesGroupKey>,
}

impl SalesListQuery {
    /// Refuses, naming the field, a state or a group the `class`'s records never have.
    pub fn check(&self, class: SalesClass) -> Result<(), SalesError> {
        for state in &self.states {
            class.check_state(state)?;
        }
        match &self.group {
            Some(group) => class.check_group(group),
            None => Ok(()),
        }
    }
}

fn limit_from_wire<'de, D: Deserializer<'de>>(wire: D) -> Result<u32, D::Error> {
    row_count("limit", wire)
}

fn offset_from_wire<'de, D: Deserializer<'de>>(wire: D) -> Result<u32, D::Error> {
    row_count("offset", wire)
}

/// A number of rows sent as `field`: a whole number from 0 to 4.294.967.295, else an error
/// naming the field (serde's own would not say which). The wire is JSON, which says what each
/// value is, so a string or a negative number reaches the visitor and is refused by name.
fn row_count<'de, D: Deserializer<'de>>(field: &'static str, wire: D) -> Result<u32, D::Error> {
    wire.deserialize_any(RowCount(field))
}

struct RowCount(&'static str);

impl RowCount {
    fn refuse<E: serde::de::Error>(&self, shown: impl std::fmt::Display) -> E {
        E::custom(format!(
            "{}: {shown} is not a number of rows; send a whole number from 0 to {}",
            self.0,
            u32::MAX
        ))
    }
}

impl serde::de::Visitor<'_> for RowCount {
    type Value = u32;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "{}: a whole number of rows from 0 to {}",
            self.0,
            u32::MAX
        )
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<u32, E> {
        u32::try_from(n).map_err(|_| self.refuse(n))
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<u32, E> {
        u32::try_from(n).map_err(|_| self.refuse(n))
    }

    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<u32, E> {
        Err(self.refuse(n))
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<u32, E> {
        Err(self.refuse(format_args!("\"{text}\"")))
    }
}

/// Arguments of the list commands.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SalesListArgs {
    pub query: SalesListQuery,
}

/// Arguments of `count_sales`: the window's records and its query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountSalesArgs {
    pub class: SalesClass,
    pub query: SalesListQuery,
}

/// Arguments of `group_sales` (`groupBy` on the wire, as `group_counts` has it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupSalesArgs {
    pub class: SalesClass,
    pub query: SalesListQuery,
    pub group_by: SalesGroupBy,
}

/// Arguments of `create_quotation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateQuotationArgs {
    pub order: OrderDraft,
}

/// Arguments of `update_order`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateOrderArgs {
    pub id: String,
    pub order: OrderDraft,
}

/// Arguments of `set_order_state`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetOrderStateArgs {
    pub id: String,
    pub state: OrderState,
}

/// Arguments of `invoice_order` (`orderId` on the wire).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceOrderArgs {
    pub order_id: String,
    /// The invoice date, `YYYY-MM-DD`.
    pub date: String,
}

/// Arguments of `register_payment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterPaymentArgs {
    pub payment: PaymentDraft,
}

/// Arguments of `create_product`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateProductArgs {
    pub product: ProductDraft,
    /// (pricelist id, rule).
    #[serde(default)]
    pub prices: Vec<(String, PriceRule)>,
}

/// Arguments of `update_product`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateProductArgs {
    pub id: String,
    pub product: ProductDraft,
    /// (pricelist id, rule or `None` to remove it); pricelists not listed keep theirs.
    #[serde(default)]
    pub prices: Vec<(String, Option<PriceRule>)>,
}

/// Arguments of `product_price` (`productId`, `pricelistId` on the wire).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductPriceArgs {
    pub product_id: String,
    pub pricelist_id: Option<String>,
}

/// Arguments of `create_purchase_order` (`vendorId` on the wire).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatePurchaseOrderArgs {
    pub vendor_id: String,
    pub date: String,
    pub lines: Vec<LineEntry>,
}

/// Arguments of `set_purchase_state`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetPurchaseStateArgs {
    pub id: String,
    pub state: PurchaseState,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<SalesListQuery, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn a_query_without_paging_starts_at_the_first_row_and_keeps_its_group_on_the_wire() {
        let query = read(r#"{"search": "hoa"}"#).unwrap();
        assert_eq!((query.offset, query.limit, query.group), (0, 0, None));
        let grouped = SalesListQuery {
            offset: 80,
            limit: 80,
            group: Some(SalesGroupKey {
                by: SalesGroupBy::Month,
                key: "2026-11".into(),
            }),
            ..SalesListQuery::default()
        };
        let json = serde_json::to_string(&grouped).unwrap();
        assert!(
            json.contains(r#""group":{"by":"month","key":"2026-11"}"#),
            "{json}"
        );
        assert_eq!(read(&json).unwrap(), grouped);
    }

    #[test]
    fn a_row_number_that_is_not_one_is_refused_naming_its_field() {
        for (json, field) in [
            (r#"{"offset": -1}"#, "offset"),
            (r#"{"offset": 4294967296}"#, "offset"),
            (r#"{"offset": 1.5}"#, "offset"),
            (r#"{"offset": "80"}"#, "offset"),
            (r#"{"limit": -80}"#, "limit"),
        ] {
            let error = read(json).unwrap_err();
            assert!(error.starts_with(&format!("{field}: ")), "{json}: {error}");
        }
        assert_eq!(read(r#"{"offset": 4294967295}"#).unwrap().offset, u32::MAX);
    }

    #[test]
    fn the_check_names_the_field_of_a_state_or_group_the_records_never_have() {
        let query = |states: &[&str], group: Option<(SalesGroupBy, &str)>| SalesListQuery {
            states: states.iter().map(|s| (*s).to_owned()).collect(),
            group: group.map(|(by, key)| SalesGroupKey {
                by,
                key: key.into(),
            }),
            ..SalesListQuery::default()
        };
        assert_eq!(query(&["sale"], None).check(SalesClass::Orders), Ok(()));
        let error = query(&["posted", "sale"], None)
            .check(SalesClass::Invoices)
            .unwrap_err();
        assert_eq!(error.field(), "states");
        let error = query(&[], Some((SalesGroupBy::Salesperson, "u1")))
            .check(SalesClass::Purchases)
            .unwrap_err();
        assert_eq!(error.field(), "group_by");
        let error = query(&[], Some((SalesGroupBy::Month, "2026")))
            .check(SalesClass::Payments)
            .unwrap_err();
        assert_eq!(error.field(), "group");
    }
}
