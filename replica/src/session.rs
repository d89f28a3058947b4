//! Who works on this replica and what they may do, and the notices it sends when its records
//! change. Policy lives here, not in the shell: the replica refuses a private address to a user
//! without the permission (design.md, C16) and is the one place that knows the current user.
//! The sync loop and the window subscribe to change notices instead of being told by hand
//! after every write.

use clientele_model::team::{Identity, Permissions};
use clientele_schema::DocumentClass;
use std::sync::mpsc::{channel, Receiver, Sender};

use crate::document::PRIVATE_ADDRESS_CLASS;
use crate::{Replica, ReplicaError};

/// The user a replica works for when none is configured (a lone local install).
pub const LOCAL_USER: &str = "local";

/// The current user and their permissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The team member's id: recorded as the author of each change, owner of favourites.
    pub user: String,
    /// What the user may do: the server's word when it told this device (`Identity`),
    /// everything when working alone.
    pub permissions: Permissions,
}

impl Session {
    /// Working alone with no server: everything here is the user's own.
    pub fn local() -> Session {
        Session {
            user: LOCAL_USER.to_owned(),
            permissions: Permissions::local(),
        }
    }

    /// `user` (or [`LOCAL_USER`] when empty) with every permission but private addresses,
    /// which `private_addresses` decides: a device whose server has not said more yet.
    pub fn new(user: &str, private_addresses: bool) -> Session {
        Session {
            user: if user.trim().is_empty() {
                LOCAL_USER.to_owned()
            } else {
                user.trim().to_owned()
            },
            permissions: Permissions {
                private_addresses,
                ..Permissions::local()
            },
        }
    }

    /// The session the server's identity gives: its user and permissions.
    pub fn from_identity(identity: &Identity) -> Session {
        Session {
            permissions: identity.permissions,
            ..Session::new(&identity.user, identity.permissions.private_addresses)
        }
    }

    /// Refuses a write to a document of `class` this session may not touch.
    pub fn may_write(&self, class: &str) -> Result<(), ReplicaError> {
        if class == PRIVATE_ADDRESS_CLASS && !self.permissions.private_addresses {
            return Err(ReplicaError::Forbidden(
                "you may not see or edit private addresses; ask your manager for the permission"
                    .into(),
            ));
        }
        let refusal = match DocumentClass::parse(class) {
            Some(DocumentClass::Product) if !self.permissions.edit_products => {
                "only an admin or a manager may change products and their prices"
            }
            Some(DocumentClass::Invoice) if !self.permissions.issue_invoices => {
                "your role may not issue invoices; ask a manager to invoice the order"
            }
            Some(DocumentClass::PurchaseOrder) if !self.permissions.edit_purchases => {
                "only an admin or a manager may change purchase orders"
            }
            _ => return Ok(()),
        };
        Err(ReplicaError::Forbidden(refusal.into()))
    }
}

impl Default for Session {
    fn default() -> Self {
        Session::local()
    }
}

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeOrigin {
    /// The user edited a record here: something to send.
    LocalEdit,
    /// Records created in bulk here (a CSV import): something to send.
    Import,
    /// Another device's changes arrived: something to show.
    Sync,
}

/// Records that changed, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeNotice {
    pub origin: ChangeOrigin,
    /// The documents written (customer ids, and other documents' ids).
    pub documents: Vec<String>,
}

impl ChangeNotice {
    /// Whether the change is this device's own, so the sync loop has something to push.
    pub fn is_local(&self) -> bool {
        self.origin != ChangeOrigin::Sync
    }
}

/// The replica's subscribers; one that hung up is dropped.
#[derive(Default)]
pub(crate) struct Subscribers(Vec<Sender<ChangeNotice>>);

impl Replica {
    /// Sets who works on this replica from now on and what they may do.
    pub fn set_session(&mut self, session: Session) {
        self.author = session.user.clone();
        self.shared_user.write().clone_from(&session.user);
        self.session = session;
    }

    /// The current session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The current user's id: the one way the shell, the CLI and queries learn it.
    pub fn user(&self) -> &str {
        &self.session.user
    }

    /// A receiver of every change notice from now on.
    pub fn subscribe(&mut self) -> Receiver<ChangeNotice> {
        let (sender, receiver) = channel();
        self.subscribers.0.push(sender);
        receiver
    }

    /// Tells every subscriber that `documents` changed.
    pub(crate) fn notify(&mut self, origin: ChangeOrigin, documents: Vec<String>) {
        if documents.is_empty() {
            return;
        }
        let notice = ChangeNotice { origin, documents };
        self.subscribers
            .0
            .retain(|subscriber| subscriber.send(notice.clone()).is_ok());
    }
}
