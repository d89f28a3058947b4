//! Who a device's user is and who the team is, as the sync server says (`GET /v1/me`) and the
//! device caches for offline use: the token decides the user, the server's directory names
//! the salespeople and assignees, and the UI offers only what the user's permissions allow.

use serde::{Deserialize, Serialize};

/// A team member's role on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamRole {
    Admin,
    Manager,
    #[default]
    Rep,
}

impl TeamRole {
    /// The role's name on the command line and the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            TeamRole::Admin => "admin",
            TeamRole::Manager => "manager",
            TeamRole::Rep => "rep",
        }
    }

    /// Whether this role may change the workspace settings and archive any customer.
    pub fn manages(self) -> bool {
        matches!(self, TeamRole::Admin | TeamRole::Manager)
    }
}

/// What the user may do, as the server enforces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Permissions {
    /// May archive and unarchive any customer (a rep: only their own).
    pub archive_any_customer: bool,
    /// May change the workspace settings (anyone may add a tag).
    pub edit_settings: bool,
    /// May see and write private addresses.
    pub private_addresses: bool,
    /// May create and change products and their prices.
    pub edit_products: bool,
    /// May create, post and cancel invoices (design.md: roles allowed to invoice).
    pub issue_invoices: bool,
    /// May create and change purchase orders.
    pub edit_purchases: bool,
}

impl Permissions {
    /// What a role allows, with the user's own private-address grant.
    pub fn of(role: TeamRole, private_addresses: bool) -> Permissions {
        Permissions {
            archive_any_customer: role.manages(),
            edit_settings: role.manages(),
            private_addresses,
            edit_products: role.manages(),
            issue_invoices: role.manages(),
            edit_purchases: role.manages(),
        }
    }

    /// Everything: a device working alone, where everything is the user's own.
    pub fn local() -> Permissions {
        Permissions {
            archive_any_customer: true,
            edit_settings: true,
            private_addresses: true,
            edit_products: true,
            issue_invoices: true,
            edit_purchases: true,
        }
    }
}

/// One member of the team directory.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TeamMember {
    /// The login (what records store as salesperson, assignee and author).
    pub user: String,
    /// The name people read; the login when none was given.
    pub display_name: String,
    pub role: TeamRole,
    /// A disabled member stays a name on old records and leaves the pickers.
    pub active: bool,
}

/// What `GET /v1/me` answers: the token's user and the team.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Identity {
    pub user: String,
    pub display_name: String,
    pub role: TeamRole,
    pub permissions: Permissions,
    /// Everyone on the server, active or not, sorted by display name.
    pub team: Vec<TeamMember>,
}
