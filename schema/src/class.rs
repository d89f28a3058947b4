//! Document classes: one Automerge document per record, its class fixed when it is created and
//! travelling with it (on the wire and in every store) as its `as_str` name.

use std::fmt;

/// What kind of record a document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentClass {
    /// A customer with its non-private contacts, activities and notes: the whole team.
    Customer,
    /// One private address: only users with the private-address permission.
    PrivateAddress,
    /// The workspace settings (tags, payment terms, pricelists, ...): the whole team reads.
    Settings,
    /// One user's preferences (favourites, saved searches, mentions): that user alone.
    Preferences,
    /// A product with its prices per pricelist: the whole team reads, managers write.
    Product,
    /// A quotation or sales order with its lines: the whole team.
    SaleOrder,
    /// A customer invoice: the whole team reads, roles allowed to invoice write.
    Invoice,
    /// A payment collected from a customer, allocated to invoices: the whole team.
    Payment,
    /// A purchase order to a vendor: the whole team reads, managers write.
    PurchaseOrder,
}

impl DocumentClass {
    /// Every class, in a fixed order.
    pub const ALL: [DocumentClass; 9] = [
        DocumentClass::Customer,
        DocumentClass::PrivateAddress,
        DocumentClass::Settings,
        DocumentClass::Preferences,
        DocumentClass::Product,
        DocumentClass::SaleOrder,
        DocumentClass::Invoice,
        DocumentClass::Payment,
        DocumentClass::PurchaseOrder,
    ];

    /// The name stored and sent with the document.
    pub const fn as_str(self) -> &'static str {
        match self {
            DocumentClass::Customer => "customer",
            DocumentClass::PrivateAddress => "private_address",
            DocumentClass::Settings => "settings",
            DocumentClass::Preferences => "preferences",
            DocumentClass::Product => "product",
            DocumentClass::SaleOrder => "sale_order",
            DocumentClass::Invoice => "invoice",
            DocumentClass::Payment => "payment",
            DocumentClass::PurchaseOrder => "purchase_order",
        }
    }

    /// The class named `name`, if there is one.
    pub fn parse(name: &str) -> Option<DocumentClass> {
        DocumentClass::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The names of every class, for messages ("one of customer, private_address, ...").
    pub fn names() -> String {
        DocumentClass::ALL.map(DocumentClass::as_str).join(", ")
    }
}

impl fmt::Display for DocumentClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_parses_back_from_its_name() {
        for class in DocumentClass::ALL {
            assert_eq!(DocumentClass::parse(class.as_str()), Some(class));
        }
        assert_eq!(DocumentClass::parse("quote"), None);
        assert_eq!(
            DocumentClass::names(),
            "customer, private_address, settings, preferences, product, sale_order, invoice, \
             payment, purchase_order"
        );
    }
}
