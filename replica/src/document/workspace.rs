//! The workspace's own documents <-> their Automerge form: the settings document (reference
//! lists: tags, salespeople, payment terms...) and each user's preferences (favourites).

use automerge::{transaction::Transactable, AutoCommit, ReadDoc, ScalarValue, Value, ROOT};
use clientele_model::commands::ReferenceItem;
use clientele_schema::keys;

use super::{existing_map, failed, get_str, map_at, set_str, AmResult};
use crate::ReplicaError;

/// Adds or renames an entry of a settings list (`tags`, `salespeople`, ...).
pub fn put_reference(
    doc: &mut AutoCommit,
    list: &str,
    entry: &ReferenceItem,
) -> Result<(), ReplicaError> {
    (|| -> AmResult<()> {
        let lists = map_at(doc, &ROOT, keys::SETTINGS_LISTS)?;
        let items = map_at(doc, &lists, list)?;
        let item = map_at(doc, &items, &entry.id)?;
        set_str(doc, &item, "name", &entry.name)?;
        if !matches!(doc.get(&item, "color")?, Some((Value::Scalar(s), _)) if s.as_ref() == &ScalarValue::Uint(u64::from(entry.color))) {
            doc.put(&item, "color", ScalarValue::Uint(u64::from(entry.color)))?;
        }
        if !matches!(doc.get(&item, "position")?, Some((Value::Scalar(s), _)) if s.as_ref() == &ScalarValue::Int(entry.position)) {
            doc.put(&item, "position", ScalarValue::Int(entry.position))?;
        }
        Ok(())
    })()
    .map_err(failed("settings"))
}

/// Every list of the settings document with its entries.
pub fn read_settings(doc: &AutoCommit) -> Result<Vec<(String, ReferenceItem)>, ReplicaError> {
    (|| -> AmResult<Vec<(String, ReferenceItem)>> {
        let mut all = Vec::new();
        let Some(lists) = existing_map(doc, &ROOT, keys::SETTINGS_LISTS)? else {
            return Ok(all);
        };
        for list in doc.keys(&lists).collect::<Vec<_>>() {
            let Some(items) = existing_map(doc, &lists, &list)? else {
                continue;
            };
            for id in doc.keys(&items).collect::<Vec<_>>() {
                let Some(item) = existing_map(doc, &items, &id)? else {
                    continue;
                };
                let number = |key: &str| -> AmResult<i64> {
                    Ok(match doc.get(&item, key)? {
                        Some((Value::Scalar(s), _)) => match s.as_ref() {
                            ScalarValue::Uint(n) => i64::try_from(*n).unwrap_or(0),
                            ScalarValue::Int(n) => *n,
                            _ => 0,
                        },
                        _ => 0,
                    })
                };
                all.push((
                    list.clone(),
                    ReferenceItem {
                        name: get_str(doc, &item, "name")?,
                        color: u8::try_from(number("color")?).unwrap_or(0),
                        position: number("position")?,
                        archived: matches!(doc.get(&item, "archived")?,
                            Some((Value::Scalar(s), _)) if s.as_ref() == &ScalarValue::Boolean(true)),
                        id,
                    },
                ));
            }
        }
        Ok(all)
    })()
    .map_err(failed("settings"))
}

/// Marks or unmarks a customer as one of the user's favourites.
pub fn set_favourite(
    doc: &mut AutoCommit,
    id: &str,
    customer_id: &str,
    favourite: bool,
) -> Result<(), ReplicaError> {
    (|| -> AmResult<()> {
        let favourites = map_at(doc, &ROOT, "favourites")?;
        match (favourite, doc.get(&favourites, customer_id)?.is_some()) {
            (true, false) => doc.put(&favourites, customer_id, true),
            (false, true) => doc.delete(&favourites, customer_id),
            _ => Ok(()),
        }
    })()
    .map_err(failed(id))
}

/// The user of a preferences document and their favourite customers.
pub fn read_preferences(id: &str, doc: &AutoCommit) -> Result<(String, Vec<String>), ReplicaError> {
    (|| -> AmResult<(String, Vec<String>)> {
        let user = get_str(doc, &ROOT, "user_id")?;
        let favourites = match existing_map(doc, &ROOT, "favourites")? {
            Some(map) => doc.keys(&map).collect(),
            None => Vec::new(),
        };
        Ok((user, favourites))
    })()
    .map_err(failed(id))
}

/// Sets the user a new preferences document belongs to.
pub fn init_preferences(doc: &mut AutoCommit, id: &str, user_id: &str) -> Result<(), ReplicaError> {
    set_str(doc, &ROOT, "user_id", user_id).map_err(failed(id))
}
