//! Where the sales windows are asked to go (issue 13): which window, for which customer (the
//! removable facet), and which record to open. The App provides a [`SalesNav`] so the menu, the
//! customer card's counts and the customer form's buttons open the windows alike.

use yew::prelude::*;

use crate::i18n::Text;

/// The sales windows of the top bar's Sales menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SalesWindow {
    Quotations,
    SalesOrders,
    Invoices,
    Payments,
    Products,
    Purchases,
}

/// One choice of the state filter: its label and the states it lists (all when empty).
pub type StateChoice = (Text, &'static [&'static str]);

impl SalesWindow {
    /// The window's title (and its menu item).
    pub fn title(self) -> Text {
        match self {
            SalesWindow::Quotations => Text::SalesQuotations,
            SalesWindow::SalesOrders => Text::SalesOrdersWindow,
            SalesWindow::Invoices => Text::SalesInvoices,
            SalesWindow::Payments => Text::SalesPayments,
            SalesWindow::Products => Text::SalesProducts,
            SalesWindow::Purchases => Text::SalesPurchases,
        }
    }

    /// The state filter's choices, the default first; empty when the window has no states.
    pub fn state_choices(self) -> &'static [StateChoice] {
        match self {
            SalesWindow::Quotations => &[
                (Text::SalesOpenQuotations, &["quotation", "sent"]),
                (Text::SalesStateQuotation, &["quotation"]),
                (Text::SalesStateSent, &["sent"]),
                (Text::SalesStateCancelled, &["cancelled"]),
                (Text::SalesAllStates, &[]),
            ],
            SalesWindow::SalesOrders => &[
                (Text::SalesStateSale, &["sale"]),
                (Text::SalesStateCancelled, &["cancelled"]),
                (Text::SalesAllStates, &[]),
            ],
            SalesWindow::Invoices => &[
                (Text::SalesAllStates, &[]),
                (Text::SalesStateDraft, &["draft"]),
                (Text::SalesStatePosted, &["posted"]),
                (Text::SalesStateCancelled, &["cancelled"]),
            ],
            SalesWindow::Purchases => &[
                (Text::SalesAllStates, &[]),
                (Text::SalesStateRfq, &["draft"]),
                (Text::SalesStatePurchase, &["purchase"]),
                (Text::SalesStateCancelled, &["cancelled"]),
            ],
            SalesWindow::Payments | SalesWindow::Products => &[],
        }
    }

    /// Whether the window's records are orders a "New quotation" button belongs to.
    pub fn has_orders(self) -> bool {
        matches!(self, SalesWindow::Quotations | SalesWindow::SalesOrders)
    }

    /// The control panel's button for a new record of the window's own (besides "New
    /// quotation"): its label and the form it opens.
    pub fn new_record(self) -> Option<(Text, SalesView)> {
        match self {
            SalesWindow::Products => Some((Text::ProductNew, SalesView::Product { id: None })),
            SalesWindow::Purchases => Some((Text::PurchaseNew, SalesView::Purchase { id: None })),
            _ => None,
        }
    }
}

/// The customer a window is narrowed to (its facet) or an order is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerFacet {
    pub id: String,
    pub name: String,
}

/// What a sales window shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SalesView {
    /// The window's list.
    List,
    /// An order's form; `id: None` for a new quotation.
    Order {
        id: Option<String>,
        customer: Option<CustomerFacet>,
    },
    /// An invoice's form.
    Invoice { id: String },
    /// The customer's statement (the facet's customer).
    Statement,
    /// A product's form; `id: None` for a new product.
    Product { id: Option<String> },
    /// A purchase order (a stored one read-only, with Confirm and Cancel); `id: None` for a new
    /// one.
    Purchase { id: Option<String> },
}

/// A request to show a sales window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesRequest {
    pub window: SalesWindow,
    pub customer: Option<CustomerFacet>,
    pub view: SalesView,
}

impl SalesRequest {
    /// The window's list, for everyone.
    pub fn list(window: SalesWindow) -> SalesRequest {
        SalesRequest {
            window,
            customer: None,
            view: SalesView::List,
        }
    }

    /// The window's list for one customer.
    pub fn for_customer(window: SalesWindow, id: &str, name: &str) -> SalesRequest {
        SalesRequest {
            window,
            customer: Some(CustomerFacet {
                id: id.to_owned(),
                name: name.to_owned(),
            }),
            view: SalesView::List,
        }
    }
}

/// How any component opens a sales window (after the unsaved-edits guard).
#[derive(Clone, PartialEq)]
pub struct SalesNav {
    pub open: Callback<SalesRequest>,
}

/// The nearest App's sales navigation, if any (a lone component in a test has none).
#[hook]
pub fn use_sales_nav() -> Option<SalesNav> {
    use_context::<SalesNav>()
}
