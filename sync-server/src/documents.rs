//! What a pushed entry does to its document on the server: Automerge merges it into the stored
//! snapshot, every change new to the server must be recorded as by the token's user (design.md,
//! "Who is who"), and the user's role decides whether the change is allowed ("Document classes
//! and who may see them"). Runs inside the store's transaction, so nothing is stored when an
//! entry is refused.

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ReadDoc, ROOT};
use clientele_model::team::Permissions;
use clientele_schema::{ids, keys, numbering, DocumentClass};

use crate::store::{
    preferences_id, Merged, NewEntry, NumberSource, Role, StoreError, User, RESERVED_USER,
};

/// Merges `entry` into `current` for `user`: what to store, or `None` when nothing is new. A
/// sales record accepted for the first time in a numbered state gets its official number from
/// `numbers`, as a change of the server's own that the log carries to every device.
pub fn merge_entry(
    user: &User,
    entry: &NewEntry,
    current: Option<&[u8]>,
    numbers: &mut dyn NumberSource,
) -> Result<Option<Merged>, StoreError> {
    let bad = |reason: String| StoreError::BadChanges {
        doc_id: entry.doc_id.clone(),
        reason,
    };
    let forbidden = |reason: &str| StoreError::Forbidden {
        user: user.name.clone(),
        doc_id: entry.doc_id.clone(),
        reason: reason.to_owned(),
    };
    let class = DocumentClass::parse(&entry.class);
    match class {
        Some(DocumentClass::PrivateAddress) if !user.private_addresses => {
            return Err(forbidden(
                "only users allowed to see private addresses may write them",
            ))
        }
        Some(DocumentClass::Preferences) if entry.doc_id != preferences_id(&user.name) => {
            return Err(forbidden("a user's preferences are theirs alone"))
        }
        _ => {}
    }
    let mut before = match current {
        Some(bytes) => AutoCommit::load(bytes).map_err(|e| {
            StoreError::Database(format!(
                "the stored snapshot of {} is damaged: {e}",
                entry.doc_id
            ))
        })?,
        None => AutoCommit::new(),
    };
    let before_heads = before.get_heads();
    // A new document sent whole loads as it is, and is its own snapshot.
    let (mut after, sent_whole) = match current {
        None => match AutoCommit::load(&entry.data) {
            Ok(doc) => (doc, true),
            Err(_) => (AutoCommit::new(), false),
        },
        Some(_) => (before.fork(), false),
    };
    if !sent_whole {
        after
            .load_incremental(&entry.data)
            .map_err(|e| bad(e.to_string()))?;
    }
    if !after.get_missing_deps(&[]).is_empty() {
        return Err(bad(
            "they build on changes the server does not have; send the whole document".into(),
        ));
    }
    let after_heads = after.get_heads();
    if after_heads == before_heads {
        return Ok(None);
    }
    check_authors(user, &entry.doc_id, &mut after, &before_heads).map_err(|r| forbidden(&r))?;
    // Only what is new is the user's doing: a document they hold and send again unchanged is
    // not refused (that returned above).
    if let Some(class) = class {
        check_sales_role(user, class).map_err(&forbidden)?;
    }
    if user.role == Role::Rep {
        match class {
            Some(DocumentClass::Customer) => {
                check_archive(user, &before, &after).map_err(|r| forbidden(&r))?
            }
            Some(DocumentClass::Settings) => {
                check_settings(&entry.doc_id, &mut before, &mut after, &after_heads)
                    .map_err(|r| forbidden(&r))?
            }
            _ => {}
        }
    }
    let Some(class) = class else {
        return Ok(Some(Merged {
            snapshot: if sent_whole {
                entry.data.clone()
            } else {
                after.save()
            },
            log_data: None,
        }));
    };
    if text_at(&before, keys::OFFICIAL_NUMBER) != text_at(&after, keys::OFFICIAL_NUMBER) {
        return Err(forbidden(
            "the official number of a sales record is given by the server; a device may not set \
             or change it",
        ));
    }
    let state = text_at(&after, keys::SALES_STATE).unwrap_or_default();
    let date = text_at(&after, keys::SALES_DATE).unwrap_or_default();
    let sequence = match text_at(&after, keys::OFFICIAL_NUMBER) {
        Some(number) if !number.is_empty() => None,
        _ => numbering::sequence_for(class, &state, &date).map_err(bad)?,
    };
    let Some(sequence) = sequence else {
        return Ok(Some(Merged {
            snapshot: if sent_whole {
                entry.data.clone()
            } else {
                after.save()
            },
            log_data: None,
        }));
    };
    let number = sequence.format(numbers.next_number(&sequence.name)?);
    let numbered_from = after.get_heads();
    after.set_actor(automerge::ActorId::from(ids::SERVER_ACTOR.to_vec()));
    after
        .put(ROOT, keys::OFFICIAL_NUMBER, number.as_str())
        .map_err(|e| StoreError::Database(format!("numbering {}: {e}", entry.doc_id)))?;
    after.commit_with(automerge::transaction::CommitOptions::default().with_time(now_millis()));
    let mut log_data = entry.data.clone();
    log_data.extend(after.save_after(&numbered_from));
    tracing::info!(doc_id = %entry.doc_id, %number, "official number given");
    Ok(Some(Merged {
        snapshot: after.save(),
        log_data: Some(log_data),
    }))
}

/// The class's writers (design.md, "Document classes and who may see them"), from the same
/// rule the device's session offers its commands by.
fn check_sales_role(user: &User, class: DocumentClass) -> Result<(), &'static str> {
    let may = Permissions::of(user.role.into(), user.private_addresses);
    match class {
        DocumentClass::Product if !may.edit_products => {
            Err("only an admin or a manager may change products and their prices")
        }
        DocumentClass::Invoice if !may.issue_invoices => {
            Err("your role may not issue invoices; ask a manager to invoice the order")
        }
        DocumentClass::PurchaseOrder if !may.edit_purchases => {
            Err("only an admin or a manager may change purchase orders")
        }
        _ => Ok(()),
    }
}

/// Now, in milliseconds since 1970 (the time an Automerge change carries).
fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Every change new to the server (not reachable from `before_heads`) must be recorded as by
/// `user`, by nobody (no message), or by `local` (made on the device before it joined a team);
/// the genesis change every device makes identically is nobody's. Changes the server already
/// holds, a colleague's among them, may be sent again.
fn check_authors(
    user: &User,
    doc_id: &str,
    after: &mut AutoCommit,
    before_heads: &[automerge::ChangeHash],
) -> Result<(), String> {
    let genesis = automerge::ActorId::from(ids::genesis_actor(doc_id));
    for change in after.get_changes_meta(before_heads) {
        if *change.actor == genesis {
            continue;
        }
        match change.message.as_deref() {
            None | Some("") | Some(RESERVED_USER) => {}
            Some(author) if author == user.name => {}
            Some(author) => {
                return Err(format!(
                    "a change recorded as by {author} was sent with {}'s token; each device may \
                     only send its own user's changes (sign in on that device as {author}, or \
                     discard the change)",
                    user.name
                ))
            }
        }
    }
    Ok(())
}

fn text_at(doc: &AutoCommit, key: &str) -> Option<String> {
    match doc.get(ROOT, key).ok().flatten() {
        Some((automerge::Value::Scalar(s), _)) => match s.as_ref() {
            automerge::ScalarValue::Str(text) => Some(text.to_string()),
            _ => None,
        },
        _ => None,
    }
}

fn flag_at(doc: &AutoCommit, key: &str) -> bool {
    matches!(
        doc.get(ROOT, key).ok().flatten(),
        Some((automerge::Value::Scalar(s), _)) if matches!(s.as_ref(), automerge::ScalarValue::Boolean(true))
    )
}

/// A rep archives or unarchives only customers they are the salesperson of, and likewise merges
/// one away or undoes that (its `merged_into` redirect).
fn check_archive(user: &User, before: &AutoCommit, after: &AutoCommit) -> Result<(), String> {
    if flag_at(before, keys::CUSTOMER_ARCHIVED) == flag_at(after, keys::CUSTOMER_ARCHIVED)
        && text_at(before, keys::CUSTOMER_MERGED_INTO).unwrap_or_default()
            == text_at(after, keys::CUSTOMER_MERGED_INTO).unwrap_or_default()
    {
        return Ok(());
    }
    let salesperson = text_at(before, keys::CUSTOMER_SALESPERSON)
        .filter(|s| !s.is_empty())
        .or_else(|| text_at(after, keys::CUSTOMER_SALESPERSON));
    if salesperson.as_deref() == Some(user.name.as_str()) {
        return Ok(());
    }
    Err(
        "only a manager or the customer's salesperson may archive, unarchive, merge or unmerge it"
            .into(),
    )
}

/// A rep may add tags to the workspace settings, and change nothing else there. The genesis
/// change every device makes identically (the default lists) is not theirs, so it passes.
fn check_settings(
    doc_id: &str,
    before: &mut AutoCommit,
    after: &mut AutoCommit,
    after_heads: &[automerge::ChangeHash],
) -> Result<(), String> {
    let refusal =
        "only an admin or a manager may change the workspace settings (anyone may add a tag)";
    let genesis = automerge::ActorId::from(ids::genesis_actor(doc_id));
    let before_heads = before.get_heads();
    let genesis_changes: Vec<automerge::Change> = after
        .get_changes(&before_heads)
        .into_iter()
        .filter(|change| change.actor_id() == &genesis)
        .collect();
    let mut base = before.fork();
    base.apply_changes(genesis_changes)
        .map_err(|e| format!("unreadable settings changes: {e}"))?;
    let base_heads = base.get_heads();
    let existing_tags: Vec<String> = base
        .get(ROOT, keys::SETTINGS_LISTS)
        .ok()
        .flatten()
        .and_then(|(_, lists)| base.get(&lists, keys::SETTINGS_TAGS).ok().flatten())
        .map(|(_, tags)| base.keys(&tags).collect())
        .unwrap_or_default();
    for patch in after.diff(&base_heads, after_heads) {
        let path: Vec<String> = patch
            .path
            .iter()
            .map(|(_, prop)| match prop {
                automerge::Prop::Map(key) => key.clone(),
                automerge::Prop::Seq(index) => index.to_string(),
            })
            .collect();
        let key = match &patch.action {
            automerge::PatchAction::PutMap { key, .. }
            | automerge::PatchAction::DeleteMap { key } => Some(key.clone()),
            _ => None,
        };
        let tag_key = match path.as_slice() {
            // Creating the tags list itself.
            [lists]
                if lists == keys::SETTINGS_LISTS && key.as_deref() == Some(keys::SETTINGS_TAGS) =>
            {
                continue
            }
            [lists, tags] if lists == keys::SETTINGS_LISTS && tags == keys::SETTINGS_TAGS => key,
            [lists, tags, tag, ..]
                if lists == keys::SETTINGS_LISTS && tags == keys::SETTINGS_TAGS =>
            {
                Some(tag.clone())
            }
            _ => return Err(refusal.into()),
        };
        // A new tag, and changes inside it; not a rename or removal of an existing one.
        if tag_key.is_none_or(|k| existing_tags.contains(&k)) {
            return Err(refusal.into());
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "documents_tests.rs"]
mod tests;
