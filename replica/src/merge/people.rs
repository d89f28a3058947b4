//! People (individual customers) who work for a company that is merged away: the merge moves
//! them to the survivor, so it lists them and the archived company none, and its undo moves
//! back those still at the survivor. Each is an ordinary field edit of the person's document.

use automerge::ActorId;
use rusqlite::Transaction;

use super::{load_in, store};
use crate::document;
use crate::ReplicaError;

/// Who writes, and when.
pub(super) type Writer<'a> = (&'a ActorId, &'a str, &'a str);

/// The people whose company is `company`, but for `except` (the customers being merged).
pub(super) fn people_of(
    tx: &Transaction,
    company: &str,
    except: &[&str],
) -> Result<Vec<String>, ReplicaError> {
    let mut statement = tx.prepare_cached("SELECT id FROM customers WHERE company_id = ?1")?;
    let rows = statement.query_map([company], |r| r.get::<_, String>(0))?;
    let mut people = Vec::new();
    for id in rows {
        let id = id?;
        if !except.contains(&id.as_str()) {
            people.push(id);
        }
    }
    Ok(people)
}

/// Moves each of `people` whose company is still `from` to `to`; answers those moved.
pub(super) fn relink(
    tx: &Transaction,
    (actor, author, stamp): Writer<'_>,
    people: &[String],
    from: &str,
    to: &str,
) -> Result<Vec<String>, ReplicaError> {
    let mut moved = Vec::new();
    for person in people {
        let mut doc = load_in(tx, person)?;
        let mut draft = document::read_customer(person, &doc)?.draft;
        if draft.company_id.as_deref() != Some(from) {
            continue;
        }
        draft.company_id = Some(to.to_owned());
        doc.set_actor(actor.clone());
        document::write_customer(&mut doc, person, &draft, stamp)?;
        store(tx, person, &mut doc, author)?;
        moved.push(person.clone());
    }
    Ok(moved)
}
