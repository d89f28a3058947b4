//! Commands about internal notes (spec C19): post one on a customer's log, and read the notes
//! that mention the user; with `mentions_in`, the one reading of `@mentions` both sides share.

use serde::{Deserialize, Serialize};

use super::{declare_commands, NoArgs};
use crate::customer::CustomerId;

declare_commands! {
    /// Posts a note on a customer's notes log.
    PostNote = "post_note", PostNoteArgs => Note;
    /// The notes that mention the user the shell runs as, newest first.
    GetMentions = "mentions", NoArgs => Vec<Mention>;
    /// Marks a note that mentions the user as read (on all the user's devices).
    MarkMentionRead = "mark_mention_read", MarkMentionReadArgs => ();
}

/// Arguments of `mark_mention_read`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MarkMentionReadArgs {
    pub note_id: String,
}

/// Arguments of `post_note`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostNoteArgs {
    pub customer_id: CustomerId,
    pub text: String,
    /// The customer document's heads the view was loaded at (`CustomerRecord::heads`): the
    /// write is applied to that version and merged. Empty (an older caller): the current one.
    #[serde(default)]
    pub heads: Vec<String>,
}

/// One posted internal note: who wrote it, when, and whom it mentions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Note {
    pub id: String,
    pub author: String,
    /// RFC 3339, UTC.
    pub time: String,
    pub text: String,
    /// The user ids mentioned with `@id`, lower case, each once.
    pub mentions: Vec<String>,
}

/// A note that mentions the user, with the customer it is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub note: Note,
    /// Whether the user has marked it read (on any of their devices).
    #[serde(default)]
    pub read: bool,
}

/// The user ids a note mentions: `@` after a space, a line start or an opening bracket, then
/// letters, digits, `_`, `-` or inner dots (so "dao@donga.vn" mentions nobody); lower case,
/// each once, in order of appearance.
pub fn mentions_in(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut previous = ' ';
    let chars = text.char_indices();
    for (at, c) in chars {
        let starts = c == '@' && (previous.is_whitespace() || "([{,;".contains(previous));
        previous = c;
        if !starts {
            continue;
        }
        let rest = &text[at + 1..];
        let end = rest
            .find(|ch: char| !(ch.is_alphanumeric() || "_-.".contains(ch)))
            .unwrap_or(rest.len());
        let name = rest[..end].trim_end_matches('.').to_lowercase();
        if !name.is_empty() && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_at_words_not_email_addresses() {
        assert_eq!(
            mentions_in("@lan xem giúp, cc (@Minh.Tran). Gửi dao@donga.vn; @lan lần nữa"),
            vec!["lan".to_owned(), "minh.tran".to_owned()]
        );
        assert!(mentions_in("email dao@donga.vn, @ alone").is_empty());
        assert_eq!(mentions_in("@đào"), vec!["đào".to_owned()]);
    }
}
