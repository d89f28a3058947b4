//! How document ids are made where they are not random: the one settings document, each user's
//! preferences document, and the actor of a shared document's genesis change.

/// The id of the team's one workspace-settings document.
pub const SETTINGS_ID: &str = "settings";

const PREFERENCES_PREFIX: &str = "preferences:";

/// The id of `user`'s preferences document.
pub fn preferences_id(user: &str) -> String {
    format!("{PREFERENCES_PREFIX}{user}")
}

/// The user whose preferences document `doc_id` is, if it is one.
pub fn preferences_owner(doc_id: &str) -> Option<&str> {
    doc_id.strip_prefix(PREFERENCES_PREFIX)
}

/// The Automerge actor id (its bytes) of the changes the server itself makes: the official
/// number of a sales record. A document is numbered once, so one actor serves every server
/// instance.
pub const SERVER_ACTOR: &[u8] = b"clientele-sync-server";

/// The Automerge actor id (its bytes) of the genesis change of the shared document `doc_id`:
/// every device makes that change identically (the settings' default lists), so it merges as one
/// change and the server knows it is nobody's edit.
pub fn genesis_actor(doc_id: &str) -> Vec<u8> {
    format!("genesis:{doc_id}").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preferences_id_names_its_owner() {
        assert_eq!(preferences_id("lan"), "preferences:lan");
        assert_eq!(preferences_owner(&preferences_id("lan")), Some("lan"));
        assert_eq!(preferences_owner("c-123"), None);
    }

    #[test]
    fn genesis_actors_differ_per_document() {
        assert_ne!(genesis_actor("settings"), genesis_actor("preferences:lan"));
    }
}
