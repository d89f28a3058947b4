//! Likely duplicates: before a new customer is saved, the customers that look like the same one
//! (same tax ID, phone or mobile, email, or a close name in the same city), so the form can
//! offer "open it" instead of creating a second record.

use serde::{Deserialize, Serialize};

use super::declare_commands;
use crate::customer::{CustomerDraft, CustomerId};
use crate::query::CustomerRow;

declare_commands! {
    /// The active customers that look like the one `draft` describes, most likely first.
    FindDuplicates = "find_duplicates", FindDuplicatesArgs => Vec<DuplicateCandidate>;
}

/// How close two folded names must be (normalized Levenshtein similarity of the names folded
/// for search, legal forms such as "công ty TNHH" left out) to count as likely the same
/// customer when both are in the same city: 0.88 lets one typo in eight letters through
/// ("Nguyễn Văn Anh" / "Nguyen Van An") and keeps "An Phát" apart from "An Phúc".
pub const NAME_SIMILARITY_THRESHOLD: f64 = 0.88;

/// At most this many candidates are answered.
pub const MAX_DUPLICATES: usize = 10;

/// Arguments of `find_duplicates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindDuplicatesArgs {
    pub draft: CustomerDraft,
    /// A customer left out of the answer (the one being edited).
    #[serde(default)]
    pub except: Option<CustomerId>,
}

/// Why a customer looks like the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DuplicateReason {
    TaxId,
    /// The draft's phone or mobile is this customer's phone or mobile.
    Phone,
    /// The same email, ignoring case.
    Email,
    /// A close name in the same city; `percent` is the similarity.
    SimilarName {
        percent: u8,
    },
}

/// A customer that looks like the draft, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateCandidate {
    pub customer: CustomerRow,
    pub reasons: Vec<DuplicateReason>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_tagged_on_the_wire() {
        let json = serde_json::to_value(DuplicateReason::SimilarName { percent: 93 }).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "similar_name", "percent": 93})
        );
        let back: FindDuplicatesArgs =
            serde_json::from_value(serde_json::json!({"draft": CustomerDraft::default()})).unwrap();
        assert!(back.except.is_none());
    }
}
