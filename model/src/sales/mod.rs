//! The sales domain a rep works in after the customer: products, quotations and orders, invoices,
//! payments and the customer's account, as Odoo 16's sale/account models mean them. Pure and
//! IO-free (no clock, no threads) so the UI (wasm32) and the desktop share one set of rules;
//! money is whole Vietnamese đồng and every refusal is a [`SalesError`] naming its field.

pub mod address;
pub mod grouping;
pub mod invoice;
pub mod ledger;
pub mod money;
pub mod order;
pub mod product;
pub mod records;
pub mod summaries;

#[cfg(test)]
#[path = "error_tests.rs"]
mod error_tests;

pub use address::{address_get, AddressCandidate, OrderAddresses};
pub use grouping::{SalesClass, SalesGroup, SalesGroupBy, SalesGroupKey};
pub use invoice::{check_allocations, Allocation, InvoiceState, PaymentMethod};
pub use ledger::{Ledger, LedgerEvent};
pub use money::{format_vnd, parse_vnd, round_div, Vat, Vnd, MAX_AMOUNT};
pub use order::{
    format_quantity, line_amounts, order_totals, parse_discount, parse_quantity, LineAmounts,
    OrderLine, OrderState, OrderTotals,
};
pub use product::{pricelist_price, PriceRule, ProductDraft, MAX_PRODUCT_NAME_LEN};
pub use records::{
    check_date, CustomerAccount, Invoice, LineEntry, OrderDraft, OrderSummary, Payment,
    PaymentDraft, Product, PurchaseOrder, PurchaseState, SaleOrder, StatementEntry, StatementKind,
};
pub use summaries::{InvoiceSummary, PaymentSummary, PurchaseSummary};

use serde::{Deserialize, Serialize};

/// Why a sales input or action was refused. The message (English) says what is wrong and how to
/// fix it, starting with the field it is about; [`SalesError::field`] names that field for the
/// form to highlight. Amounts in messages are written as [`format_vnd`] writes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum SalesError {
    // Amounts typed in, and payments.
    #[error("amount: enter an amount in đồng, e.g. 1.500.000")]
    AmountEmpty,
    #[error(
        "amount: \"{text}\" has decimals, but amounts in đồng are whole numbers, e.g. 1.500.000"
    )]
    AmountHasDecimals { text: String },
    #[error("amount: \"{text}\" is not an amount; type digits, grouped by dots if you like, e.g. 1.500.000")]
    AmountInvalid { text: String },
    #[error("amount: is too large; the most is 1.000.000.000.000.000 ₫")]
    AmountTooLarge,
    #[error("amount: a payment must be more than 0 ₫, not {}", format_vnd(*.amount))]
    PaymentNotPositive { amount: Vnd },

    // Order lines.
    #[error("quantity: enter a quantity, e.g. 2 or 1,5")]
    QuantityEmpty,
    #[error("quantity: \"{text}\" is not a quantity; type a number such as 2 or 1,5")]
    QuantityInvalid { text: String },
    #[error("quantity: \"{text}\" has more than 3 decimals")]
    QuantityTooPrecise { text: String },
    #[error("quantity: must be more than 0")]
    QuantityNotPositive,
    #[error("quantity: is too large")]
    QuantityTooLarge,
    #[error("quantity: the line's amount is too large (above 1.000.000.000.000.000 ₫); lower the quantity or the unit price")]
    LineTooLarge,
    #[error("unit_price: must not be negative")]
    UnitPriceNegative,
    #[error("unit_price: the amount is too large; the most is 1.000.000.000.000.000 ₫")]
    UnitPriceTooLarge,
    #[error("discount: enter a discount in percent, e.g. 12,5")]
    DiscountEmpty,
    #[error("discount: \"{text}\" is not a discount; type a percentage such as 10 or 12,5")]
    DiscountInvalid { text: String },
    #[error("discount: \"{text}\" has more than 2 decimals")]
    DiscountTooPrecise { text: String },
    #[error("discount: must be between 0% and 100%")]
    DiscountOutOfRange,
    #[error("description: enter a description or choose a product")]
    DescriptionMissing,
    #[error("lines: the order's total is too large (above 1.000.000.000.000.000 ₫); split it into several orders")]
    OrderTooLarge,
    /// A line of an order was refused; `index` is its position in the order's lines counted from
    /// 0, the message counts from 1 as the user sees them ("line 2: quantity: ...").
    #[error("line {}: {source}", .index.saturating_add(1))]
    Line {
        index: usize,
        source: Box<SalesError>,
    },

    // States.
    #[error("state: {}", order::transition_refusal(*.from, *.to))]
    OrderTransition { from: OrderState, to: OrderState },
    #[error("state: {}", invoice::transition_refusal(*.from, *.to))]
    InvoiceTransition {
        from: InvoiceState,
        to: InvoiceState,
    },

    // Payment allocations.
    #[error("allocations: the amount allocated to invoice \"{invoice_id}\" must be more than 0 ₫")]
    AllocationNotPositive { invoice_id: String },
    #[error("allocations: invoice \"{invoice_id}\" is not a posted invoice of this customer")]
    InvoiceNotOpen { invoice_id: String },
    #[error("allocations: {} is allocated to invoice \"{invoice_id}\", but only {} is left to pay on it", format_vnd(*.allocated), format_vnd(*.residual))]
    OverAllocated {
        invoice_id: String,
        allocated: Vnd,
        residual: Vnd,
    },
    #[error("allocations: {} is allocated in all, more than the payment's {}", format_vnd(*.allocated), format_vnd(*.payment))]
    AllocationsExceedPayment { allocated: Vnd, payment: Vnd },

    // The customer's account.
    #[error("total: an invoice's total must be between 0 ₫ and 1.000.000.000.000.000 ₫, not {}", format_vnd(*.total))]
    InvoiceTotalOutOfRange { total: Vnd },
    #[error("total: the customer's invoices would add up to more than this app can count")]
    InvoicedTooLarge,
    #[error("amount: the customer's payments would add up to more than this app can count")]
    PaidTooLarge,
    #[error("invoice_id: invoice \"{invoice_id}\" is already posted")]
    InvoiceAlreadyPosted { invoice_id: String },
    #[error("invoice_id: there is no invoice \"{invoice_id}\" for this customer")]
    UnknownInvoice { invoice_id: String },
    #[error("state: invoice \"{invoice_id}\" is already cancelled")]
    InvoiceAlreadyCancelled { invoice_id: String },
    #[error("state: invoice \"{invoice_id}\" has payments allocated to it ({}); cancel those payments first", .payment_ids.join(", "))]
    InvoiceHasPayments {
        invoice_id: String,
        payment_ids: Vec<String>,
    },
    #[error("payment_id: payment \"{payment_id}\" is already registered")]
    PaymentAlreadyRegistered { payment_id: String },
    #[error("payment_id: there is no payment \"{payment_id}\" for this customer")]
    UnknownPayment { payment_id: String },
    #[error("state: payment \"{payment_id}\" is already cancelled")]
    PaymentAlreadyCancelled { payment_id: String },

    // Products and pricelists.
    #[error("name: enter the product's name")]
    ProductNameMissing,
    #[error("name: is {chars} characters long; the most is 200")]
    ProductNameTooLong { chars: usize },
    #[error("unit: enter the unit the product is sold in, e.g. Units")]
    UnitMissing,
    #[error("sales_price: must not be negative")]
    SalesPriceNegative,
    #[error("sales_price: the amount is too large; the most is 1.000.000.000.000.000 ₫")]
    SalesPriceTooLarge,
    #[error("price: a pricelist's fixed price must not be negative")]
    FixedPriceNegative,

    // Orders, invoices and payments as records.
    #[error("date: \"{text}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-28")]
    DateInvalid { text: String },
    #[error("customer_id: choose the customer the record is for")]
    CustomerMissing,
    #[error("state: the order is cancelled; set it back to quotation to change it")]
    OrderCancelled,
    #[error("lines: add at least one line before confirming the order")]
    NoLines,
    #[error("invoice_address_id: choose one of the customer's addresses (or its company's)")]
    InvoiceAddressNotOfCustomer,
    #[error("delivery_address_id: choose one of the customer's addresses (or its company's)")]
    DeliveryAddressNotOfCustomer,
    #[error("state: only a confirmed sales order can be invoiced; confirm the quotation first")]
    OrderNotConfirmed,
    #[error("order_id: the order is already invoiced (invoice \"{invoice_id}\"); cancel that invoice to make another")]
    OrderAlreadyInvoiced { invoice_id: String },
    #[error("state: a purchase order cannot go from {from} to {to}; confirm a draft, cancel, or set a cancelled one back to draft")]
    PurchaseTransition { from: String, to: String },

    // The sales windows' lists and groups.
    #[error("states: {}", grouping::state_refusal(*.class, .state))]
    StateUnknown { class: SalesClass, state: String },
    #[error("group_by: {}", grouping::group_by_refusal(*.class, *.by))]
    GroupByNotApplicable { class: SalesClass, by: SalesGroupBy },
    #[error("group: {}", grouping::group_key_refusal(*.class, *.by, .key))]
    GroupKeyInvalid {
        class: SalesClass,
        by: SalesGroupBy,
        key: String,
    },
}

impl SalesError {
    /// The field the error is about, as the form names it (`quantity`, `allocations`...); for a
    /// [`SalesError::Line`], the field of the line's own error.
    pub fn field(&self) -> &'static str {
        use SalesError::*;
        match self {
            AmountEmpty
            | AmountHasDecimals { .. }
            | AmountInvalid { .. }
            | AmountTooLarge
            | PaymentNotPositive { .. }
            | PaidTooLarge => "amount",
            QuantityEmpty
            | QuantityInvalid { .. }
            | QuantityTooPrecise { .. }
            | QuantityNotPositive
            | QuantityTooLarge
            | LineTooLarge => "quantity",
            UnitPriceNegative | UnitPriceTooLarge => "unit_price",
            DiscountEmpty
            | DiscountInvalid { .. }
            | DiscountTooPrecise { .. }
            | DiscountOutOfRange => "discount",
            DescriptionMissing => "description",
            OrderTooLarge => "lines",
            Line { source, .. } => source.field(),
            OrderTransition { .. }
            | InvoiceTransition { .. }
            | InvoiceAlreadyCancelled { .. }
            | InvoiceHasPayments { .. }
            | PaymentAlreadyCancelled { .. } => "state",
            AllocationNotPositive { .. }
            | InvoiceNotOpen { .. }
            | OverAllocated { .. }
            | AllocationsExceedPayment { .. } => "allocations",
            InvoiceTotalOutOfRange { .. } | InvoicedTooLarge => "total",
            InvoiceAlreadyPosted { .. } | UnknownInvoice { .. } => "invoice_id",
            PaymentAlreadyRegistered { .. } | UnknownPayment { .. } => "payment_id",
            ProductNameMissing | ProductNameTooLong { .. } => "name",
            UnitMissing => "unit",
            SalesPriceNegative | SalesPriceTooLarge => "sales_price",
            FixedPriceNegative => "price",
            DateInvalid { .. } => "date",
            CustomerMissing => "customer_id",
            OrderCancelled | OrderNotConfirmed | PurchaseTransition { .. } => "state",
            NoLines => "lines",
            InvoiceAddressNotOfCustomer => "invoice_address_id",
            DeliveryAddressNotOfCustomer => "delivery_address_id",
            OrderAlreadyInvoiced { .. } => "order_id",
            StateUnknown { .. } => "states",
            GroupByNotApplicable { .. } => "group_by",
            GroupKeyInvalid { .. } => "group",
        }
    }

    /// The line's error, if this is one ([`SalesError::Line`]), else the error itself.
    pub fn innermost(&self) -> &SalesError {
        match self {
            SalesError::Line { source, .. } => source.innermost(),
            other => other,
        }
    }
}
