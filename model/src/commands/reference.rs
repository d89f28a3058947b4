//! Commands about the workspace's reference lists (tags, salespeople, payment terms,
//! pricelists, languages, activity types): read a list, create a tag, and the screen's context
//! (the user and the lists its menus pick from); and `ReferenceItem`, the one shape of an entry.

use serde::{Deserialize, Serialize};

use super::{declare_commands, NoArgs};

declare_commands! {
    /// One reference list of the workspace settings, in its order.
    GetReferenceList = "reference_list", ReferenceListArgs => Vec<ReferenceItem>;
    /// Creates a tag (or finds the one of that name).
    CreateTag = "create_tag", CreateTagArgs => ReferenceItem;
    /// Who the user is and the salespeople, tags and activity types the screen's menus offer.
    GetScreenContext = "screen_context", NoArgs => ScreenContext;
}

/// One entry of a workspace reference list (a tag, a salesperson, payment terms...).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReferenceItem {
    pub id: String,
    pub name: String,
    /// A colour index 0..11 (tags).
    #[serde(default)]
    pub color: u8,
    #[serde(default)]
    pub position: i64,
    /// Archived: out of the pickers, still the name old records show.
    #[serde(default)]
    pub archived: bool,
}

/// The reference lists of the workspace settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceList {
    Tags,
    Salespeople,
    PaymentTerms,
    Pricelists,
    Languages,
    ActivityTypes,
}

impl ReferenceList {
    /// The list's name in the settings document and the replica.
    pub fn as_str(self) -> &'static str {
        match self {
            ReferenceList::Tags => "tags",
            ReferenceList::Salespeople => "salespeople",
            ReferenceList::PaymentTerms => "payment_terms",
            ReferenceList::Pricelists => "pricelists",
            ReferenceList::Languages => "languages",
            ReferenceList::ActivityTypes => "activity_types",
        }
    }
}

/// Arguments of `reference_list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceListArgs {
    pub list: ReferenceList,
}

/// Arguments of `create_tag`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateTagArgs {
    pub name: String,
    pub color: u8,
}

/// What the Customers screen needs once: who the user is and the lists its menus pick from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ScreenContext {
    /// The team member using this replica (for "my customers" and favourites), if configured.
    pub user_id: Option<String>,
    pub salespeople: Vec<ReferenceItem>,
    pub tags: Vec<ReferenceItem>,
    pub activity_types: Vec<ReferenceItem>,
    /// What the user may do (from the cached identity; everything when working alone): the
    /// UI offers only what the server accepts.
    pub permissions: crate::team::Permissions,
    /// The whole team directory, disabled members included, to name old records' people.
    pub team: Vec<crate::team::TeamMember>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_names_on_the_wire_are_the_replica_s() {
        for list in [
            ReferenceList::Tags,
            ReferenceList::Salespeople,
            ReferenceList::PaymentTerms,
            ReferenceList::Pricelists,
            ReferenceList::Languages,
            ReferenceList::ActivityTypes,
        ] {
            assert_eq!(serde_json::to_value(list).unwrap(), list.as_str());
        }
    }

    #[test]
    fn an_entry_without_colour_or_position_reads() {
        let item: ReferenceItem =
            serde_json::from_value(serde_json::json!({"id": "u1", "name": "Lan"})).unwrap();
        assert_eq!((item.color, item.position, item.archived), (0, 0, false));
    }
}
