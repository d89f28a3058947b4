//! Commands of the sales windows (issue 13): quotations and orders, invoices, payments, the
//! customer's account and statement, products and purchase orders. Arguments name the records
//! by id; lists take a [`SalesListQuery`] (search, state, customer), the same for every window.

use serde::{Deserialize, Serialize};

use super::declare_commands;
use crate::sales::{
    CustomerAccount, Invoice, LineEntry, OrderDraft, OrderState, OrderSummary, Payment,
    PaymentDraft, PriceRule, Product, ProductDraft, PurchaseOrder, PurchaseState, SaleOrder,
    StatementEntry, Vnd,
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
    ListInvoices = "list_invoices", SalesListArgs => Vec<Invoice>;
    /// Registers a payment collected on a visit.
    RegisterPayment = "register_payment", RegisterPaymentArgs => Payment;
    /// Cancels a payment.
    CancelPayment = "cancel_payment", RecordIdArgs => Payment;
    /// The Payments window.
    ListPayments = "list_payments", SalesListArgs => Vec<Payment>;
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
    /// The unit price of a product on a pricelist (the list price when none).
    GetProductPrice = "product_price", ProductPriceArgs => Vnd;
    /// The Purchases window.
    ListPurchases = "list_purchases", SalesListArgs => Vec<PurchaseOrder>;
    /// A new purchase order (managers).
    CreatePurchaseOrder = "create_purchase_order", CreatePurchaseOrderArgs => PurchaseOrder;
    /// Confirms or cancels a purchase order (managers).
    SetPurchaseState = "set_purchase_state", SetPurchaseStateArgs => PurchaseOrder;
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
    /// At most this many (0: the window's default of 200).
    pub limit: u32,
}

/// Arguments of the list commands.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SalesListArgs {
    pub query: SalesListQuery,
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
