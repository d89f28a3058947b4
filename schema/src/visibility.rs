//! Who may see which document: written once as [`Viewer::may_see`], and once as the SQL condition
//! both server stores put in every query that hands documents out ([`sql_condition`]); a store
//! contract test (sync-server/tests/store_contract.rs) holds the two equal on SQLite and
//! PostgreSQL. A document a user may not see never leaves the server, not even its id.

use crate::class::DocumentClass;
use crate::ids::preferences_id;

/// Whose request it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer<'a> {
    /// The user's id: their own preferences document is the only one they receive.
    pub user: &'a str,
    /// May receive (and write) private addresses.
    pub private_addresses: bool,
}

impl Viewer<'_> {
    /// Whether the document `doc_id` of `class` may be sent to this viewer. A class this server
    /// does not know is not sent.
    pub fn may_see(&self, class: &str, doc_id: &str) -> bool {
        match DocumentClass::parse(class) {
            Some(DocumentClass::PrivateAddress) => self.private_addresses,
            Some(DocumentClass::Preferences) => doc_id == preferences_id(self.user),
            Some(
                DocumentClass::Customer
                | DocumentClass::Settings
                | DocumentClass::Product
                | DocumentClass::SaleOrder
                | DocumentClass::Invoice
                | DocumentClass::Payment
                | DocumentClass::PurchaseOrder,
            ) => true,
            None => false,
        }
    }

    /// The id of the one preferences document this viewer may see (the SQL parameter).
    pub fn preferences_id(&self) -> String {
        preferences_id(self.user)
    }
}

/// The SQL condition equal to [`Viewer::may_see`] over a row's `class` and `doc_id` columns,
/// with the viewer's two values as parameters written as the store's driver wants them
/// (`:private` and `:preferences` for SQLite, `$3` and `$4` for PostgreSQL): `private` is
/// [`Viewer::private_addresses`], `preferences` is [`Viewer::preferences_id`].
pub fn sql_condition(private: &str, preferences: &str) -> String {
    let known = DocumentClass::ALL
        .map(|c| format!("'{}'", c.as_str()))
        .join(", ");
    format!(
        "(class IN ({known}) AND ({private} OR class <> '{private_class}') \
         AND (class <> '{preferences_class}' OR doc_id = {preferences}))",
        private_class = DocumentClass::PrivateAddress.as_str(),
        preferences_class = DocumentClass::Preferences.as_str(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_class_is_seen_by_whom_design_md_says() {
        let lan = Viewer {
            user: "lan",
            private_addresses: true,
        };
        let minh = Viewer {
            user: "minh",
            private_addresses: false,
        };
        assert!(lan.may_see("customer", "c1") && minh.may_see("customer", "c1"));
        assert!(lan.may_see("settings", "settings") && minh.may_see("settings", "settings"));
        assert!(lan.may_see("private_address", "p1"));
        assert!(!minh.may_see("private_address", "p1"));
        assert!(lan.may_see("preferences", "preferences:lan"));
        assert!(!minh.may_see("preferences", "preferences:lan"));
        for class in [
            "product",
            "sale_order",
            "invoice",
            "payment",
            "purchase_order",
        ] {
            assert!(
                lan.may_see(class, "d1") && minh.may_see(class, "d1"),
                "{class}"
            );
        }
        assert!(!lan.may_see("quote", "q1"));
    }

    #[test]
    fn the_sql_condition_names_the_parameters_it_is_given() {
        let sql = sql_condition("$3", "$4");
        assert!(sql.contains("$3 OR class <> 'private_address'"), "{sql}");
        assert!(sql.contains("doc_id = $4"), "{sql}");
    }
}
