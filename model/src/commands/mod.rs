//! The contract between the UI and the desktop shell, one definition per command: its name on
//! the wire, its arguments and its answer, grouped by domain; the events the shell sends the
//! window; and the typed error every command fails with. Both sides name a command only through
//! its type here (`call::<GetCustomerPage>(&args)` in the UI, `Args<GetCustomerPage>` in the
//! shell), so a wrong name, argument or result type does not compile.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub mod activities;
pub mod contacts;
pub mod customers;
pub mod duplicates;
pub mod enrolment;
pub mod error;
pub mod history;
pub mod merge;
pub mod notes;
pub mod recent;
pub mod reference;
pub mod sales;
pub mod searches;
pub mod settings;
pub mod sync;
pub mod updates;

pub use activities::*;
pub use contacts::*;
pub use customers::*;
pub use duplicates::*;
pub use enrolment::*;
pub use error::*;
pub use history::*;
pub use merge::*;
pub use notes::*;
pub use recent::*;
pub use reference::*;
pub use sales::*;
pub use searches::*;
pub use settings::*;
pub use sync::*;
pub use updates::*;

/// One command the UI sends the shell.
///
/// On the wire (Tauri's `invoke(NAME, args)`) the arguments object is `Args` serialized as is:
/// its fields are the top-level keys, so serde attributes on the `Args` structs govern the wire
/// (camelCase where Tauri used to name each argument). The answer is `Output`, or a
/// [`CommandError`].
pub trait Command {
    /// The command's name, as Tauri registers it (the shell's function name).
    const NAME: &'static str;
    type Args: Serialize + DeserializeOwned;
    type Output: Serialize + DeserializeOwned;
}

/// One event the shell sends the window (Tauri's `emit(NAME, payload)`).
pub trait Event {
    /// The event's name, as `listen` takes it.
    const NAME: &'static str;
    type Payload: Serialize + DeserializeOwned;
}

/// The arguments of a command that takes none: `{}` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NoArgs {}

/// Declares unit structs implementing [`Command`], and `NAMES`, the module's command names.
macro_rules! declare_commands {
    ($($(#[$doc:meta])* $command:ident = $name:literal, $args:ty => $output:ty;)+) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq)]
            pub struct $command;

            impl $crate::commands::Command for $command {
                const NAME: &'static str = $name;
                type Args = $args;
                type Output = $output;
            }
        )+

        /// The names of this module's commands.
        pub(super) const NAMES: &[&str] = &[$($name),+];
    };
}
pub(crate) use declare_commands;

/// Every command's name, domain by domain (what the shell must register).
pub fn all_names() -> Vec<&'static str> {
    [
        customers::NAMES,
        contacts::NAMES,
        activities::NAMES,
        notes::NAMES,
        recent::NAMES,
        searches::NAMES,
        reference::NAMES,
        settings::NAMES,
        sync::NAMES,
        history::NAMES,
        enrolment::NAMES,
        duplicates::NAMES,
        merge::NAMES,
        updates::NAMES,
        sales::NAMES,
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_names_are_unique_snake_case_identifiers() {
        let names = all_names();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "a name is used twice: {names:?}");
        for name in names {
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{name} is not a Rust function name Tauri could register"
            );
        }
        assert!(all_names().contains(&GetCustomerPage::NAME));
    }

    #[test]
    fn commands_without_arguments_send_an_empty_object() {
        assert_eq!(
            serde_json::to_value(NoArgs {}).unwrap(),
            serde_json::json!({})
        );
        let back: NoArgs = serde_json::from_value(serde_json::json!({})).unwrap();
        assert_eq!(back, NoArgs {});
    }

    #[test]
    fn event_names_differ() {
        assert_ne!(SyncStatusChanged::NAME, RecordsChanged::NAME);
    }
}
