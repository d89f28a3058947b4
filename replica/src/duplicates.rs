//! Likely duplicates of a customer about to be created (same tax ID, phone or mobile, email,
//! or a close folded name in the same city), and the stable key an import matches its rows to
//! existing customers by. Every lookup walks an index of the projection (migration 5), never
//! the documents: at 100,000 customers a check reads a handful of rows, and the name check one
//! city's names from a covering index.

use clientele_model::commands::{
    DuplicateCandidate, DuplicateReason, MAX_DUPLICATES, NAME_SIMILARITY_THRESHOLD,
};
use clientele_model::rules::fold_for_search;
use clientele_model::CustomerDraft;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;

use crate::store::Replica;
use crate::ReplicaError;

/// Legal forms left out of a name before comparing (folded, as token runs): "Công ty TNHH An
/// Phát" and "An Phát" are the same name, and every "Công ty TNHH ..." is not alike.
const LEGAL_FORMS: &[&[&str]] = &[
    &["cong", "ty"],
    &["tnhh"],
    &["co", "phan"],
    &["cp"],
    &["mtv"],
    &["mot", "thanh", "vien"],
    &["dntn"],
    &["doanh", "nghiep", "tu", "nhan"],
    &["tap", "doan"],
    &["jsc"],
    &["ltd"],
    &["co", "ltd"],
    &["company"],
    &["limited"],
];

/// A name as duplicate checks compare it: folded for search, punctuation as spaces, legal forms
/// left out (unless nothing else remains).
pub(crate) fn comparable_name(name: &str) -> String {
    let folded: String = fold_for_search(name)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let tokens: Vec<&str> = folded.split_whitespace().collect();
    let mut kept = Vec::with_capacity(tokens.len());
    let mut i = 0;
    'tokens: while i < tokens.len() {
        for form in LEGAL_FORMS {
            if tokens[i..].starts_with(form) {
                i += form.len();
                continue 'tokens;
            }
        }
        kept.push(tokens[i]);
        i += 1;
    }
    if kept.is_empty() {
        tokens.join(" ")
    } else {
        kept.join(" ")
    }
}

/// How alike two comparable names are (0..=1), or `None` when they cannot reach the threshold
/// (told apart by length alone, before the edit distance is computed).
pub(crate) fn name_similarity(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let longest = la.max(lb);
    if longest == 0 {
        return None;
    }
    if (la.abs_diff(lb) as f64) > (1.0 - NAME_SIMILARITY_THRESHOLD) * longest as f64 {
        return None;
    }
    let similarity = strsim::normalized_levenshtein(a, b);
    (similarity >= NAME_SIMILARITY_THRESHOLD).then_some(similarity)
}

/// The draft as it would be stored (phones formatted, tax ID normalised); as typed when it is
/// not valid yet (creating it will say why).
fn stored_form(draft: &CustomerDraft) -> CustomerDraft {
    draft.validated().unwrap_or_else(|_| draft.clone())
}

/// Customers sharing the draft's tax ID, a phone number or the email, by id.
pub(crate) fn key_matches(
    conn: &Connection,
    draft: &CustomerDraft,
    found: &mut BTreeMap<String, Vec<DuplicateReason>>,
) -> Result<(), ReplicaError> {
    // `+archived`: the lookup must seek its own index; a plain `archived = 0` let SQLite walk
    // every active row of an index led by `archived` instead (15 ms at 100,000 customers).
    let mut add = |sql: &str, value: &str, reason: DuplicateReason| -> Result<(), ReplicaError> {
        let mut statement = conn.prepare_cached(sql)?;
        let ids = statement.query_map([value], |r| r.get::<_, String>(0))?;
        for id in ids {
            let reasons = found.entry(id?).or_default();
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        }
        Ok(())
    };
    let tax_id = draft.tax_id.trim();
    if !tax_id.is_empty() {
        add(
            "SELECT id FROM customers WHERE tax_id = ?1 AND tax_id != '' AND +archived = 0 LIMIT 50",
            tax_id,
            DuplicateReason::TaxId,
        )?;
    }
    let email = draft.email.trim().to_ascii_lowercase();
    if !email.is_empty() {
        add(
            "SELECT id FROM customers WHERE lower(email) = ?1 AND email != '' AND +archived = 0 LIMIT 50",
            &email,
            DuplicateReason::Email,
        )?;
    }
    for phone in [draft.phone.trim(), draft.mobile.trim()] {
        if phone.is_empty() {
            continue;
        }
        add(
            "SELECT id FROM customers WHERE archived = 0 AND phone = ?1 LIMIT 50",
            phone,
            DuplicateReason::Phone,
        )?;
        add(
            "SELECT id FROM customers WHERE mobile = ?1 AND mobile != '' AND +archived = 0 LIMIT 50",
            phone,
            DuplicateReason::Phone,
        )?;
    }
    Ok(())
}

/// Customers of the draft's city whose name is close to the draft's (with no city: the same
/// folded name), by id.
fn name_matches(
    conn: &Connection,
    draft: &CustomerDraft,
    found: &mut BTreeMap<String, Vec<DuplicateReason>>,
) -> Result<(), ReplicaError> {
    let wanted = comparable_name(&draft.name);
    if wanted.is_empty() {
        return Ok(());
    }
    let city = draft.address.city.trim();
    let mut close: Vec<(i64, u8)> = Vec::new();
    if city.is_empty() {
        let mut statement = conn.prepare_cached(
            "SELECT rowid FROM customers WHERE archived = 0 AND name_key = ?1 LIMIT 50",
        )?;
        let rows = statement.query_map([fold_for_search(&draft.name)], |r| r.get::<_, i64>(0))?;
        for rowid in rows {
            close.push((rowid?, 100));
        }
    } else {
        // The covering index (city, name_key, archived): one city's names, no table reads.
        let mut statement = conn.prepare_cached(
            "SELECT rowid, name_key, archived FROM customers
             WHERE city = ?1 COLLATE NOCASE",
        )?;
        let mut rows = statement.query([city])?;
        while let Some(row) = rows.next()? {
            if row.get::<_, bool>(2)? {
                continue;
            }
            let name_key: String = row.get(1)?;
            if let Some(similarity) = name_similarity(&wanted, &comparable_name(&name_key)) {
                close.push((row.get(0)?, (similarity * 100.0).floor() as u8));
            }
        }
    }
    close.sort_by_key(|c| std::cmp::Reverse(c.1));
    close.truncate(MAX_DUPLICATES);
    let mut id_of = conn.prepare_cached("SELECT id FROM customers WHERE rowid = ?1")?;
    for (rowid, percent) in close {
        let id: String = id_of.query_row([rowid], |r| r.get(0))?;
        found
            .entry(id)
            .or_default()
            .push(DuplicateReason::SimilarName { percent });
    }
    Ok(())
}

/// For an imported row: active customers of its city with the same folded name. The form's check
/// also finds close names, but that reads the city's names for every row; an import seeks the
/// city-and-name index once per row instead.
pub(crate) fn same_name_in_city(
    conn: &Connection,
    draft: &CustomerDraft,
    found: &mut BTreeMap<String, Vec<DuplicateReason>>,
) -> Result<(), ReplicaError> {
    let city = draft.address.city.trim();
    let name_key = fold_for_search(&draft.name);
    if city.is_empty() || name_key.is_empty() {
        return Ok(());
    }
    let mut statement = conn.prepare_cached(
        "SELECT id FROM customers WHERE city = ?1 COLLATE NOCASE AND name_key = ?2 AND +archived = 0
         LIMIT 5",
    )?;
    let ids = statement.query_map([city, name_key.as_str()], |r| r.get::<_, String>(0))?;
    for id in ids {
        let reasons = found.entry(id?).or_default();
        if !reasons
            .iter()
            .any(|r| matches!(r, DuplicateReason::SimilarName { .. }))
        {
            reasons.push(DuplicateReason::SimilarName { percent: 100 });
        }
    }
    Ok(())
}

/// Orders candidates: a shared tax ID first, then by how many reasons, then the closest name.
fn rank(reasons: &[DuplicateReason]) -> (bool, usize, u8) {
    let percent = reasons
        .iter()
        .find_map(|r| match r {
            DuplicateReason::SimilarName { percent } => Some(*percent),
            _ => None,
        })
        .unwrap_or(0);
    (
        reasons.contains(&DuplicateReason::TaxId),
        reasons.len(),
        percent,
    )
}

impl Replica {
    /// The active customers that look like the one `draft` describes (all but `except`), most
    /// likely first, at most `MAX_DUPLICATES`.
    pub fn find_duplicates(
        &self,
        draft: &CustomerDraft,
        except: Option<&str>,
    ) -> Result<Vec<DuplicateCandidate>, ReplicaError> {
        let draft = stored_form(draft);
        let mut found = BTreeMap::new();
        key_matches(&self.conn, &draft, &mut found)?;
        name_matches(&self.conn, &draft, &mut found)?;
        if let Some(except) = except {
            found.remove(except);
        }
        let mut ranked: Vec<(String, Vec<DuplicateReason>)> = found.into_iter().collect();
        ranked.sort_by(|a, b| rank(&b.1).cmp(&rank(&a.1)).then_with(|| a.0.cmp(&b.0)));
        ranked.truncate(MAX_DUPLICATES);
        ranked
            .into_iter()
            .map(|(id, reasons)| {
                Ok(DuplicateCandidate {
                    customer: self.customer_row(&id)?,
                    reasons,
                })
            })
            .collect()
    }
}

/// The existing customer an imported row is the same as, by its stable key, checked in this
/// order: the same tax ID; else the same folded name with the same email (ignoring case); else
/// the same folded name with a phone or mobile in common; else, for a row with none of those,
/// the same folded name, kind and city. Active customers are preferred to archived ones (a
/// merged-away customer is archived, so its survivor wins).
pub(crate) fn import_match(
    conn: &Connection,
    draft: &CustomerDraft,
) -> Result<Option<String>, ReplicaError> {
    let one =
        |sql: &str, values: &[&dyn rusqlite::ToSql]| -> Result<Option<String>, ReplicaError> {
            Ok(conn
                .prepare_cached(sql)?
                .query_row(values, |r| r.get::<_, String>(0))
                .optional()?)
        };
    let name_key = fold_for_search(&draft.name);
    if !draft.tax_id.is_empty() {
        if let Some(id) = one(
            "SELECT id FROM customers WHERE tax_id = ?1 AND tax_id != '' ORDER BY archived, id LIMIT 1",
            params![draft.tax_id],
        )? {
            return Ok(Some(id));
        }
    }
    if !draft.email.is_empty() {
        if let Some(id) = one(
            "SELECT id FROM customers WHERE lower(email) = ?1 AND email != '' AND name_key = ?2
             ORDER BY archived, id LIMIT 1",
            params![draft.email.to_ascii_lowercase(), name_key],
        )? {
            return Ok(Some(id));
        }
    }
    for phone in [&draft.phone, &draft.mobile] {
        if phone.is_empty() {
            continue;
        }
        if let Some(id) = one(
            "SELECT id FROM (
                 SELECT id, archived FROM customers WHERE archived IN (0, 1) AND phone = ?1 AND name_key = ?2
                 UNION ALL
                 SELECT id, archived FROM customers WHERE mobile = ?1 AND mobile != '' AND name_key = ?2
             ) ORDER BY archived, id LIMIT 1",
            params![phone, name_key],
        )? {
            return Ok(Some(id));
        }
    }
    let keyless = [&draft.tax_id, &draft.email, &draft.phone, &draft.mobile]
        .iter()
        .all(|v| v.is_empty());
    if keyless {
        return one(
            "SELECT id FROM customers
             WHERE city = ?1 COLLATE NOCASE AND name_key = ?2 AND kind = ?3
             ORDER BY archived, id LIMIT 1",
            params![draft.address.city, name_key, draft.kind.as_str()],
        );
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_do_not_make_names_alike() {
        assert_eq!(comparable_name("Công ty TNHH An Phát"), "an phat");
        assert_eq!(comparable_name("CÔNG TY CỔ PHẦN"), "cong ty co phan");
        assert_eq!(comparable_name("Trần Thanh Vân"), "tran thanh van");
        assert!(name_similarity("an phat", "an phuc").is_none());
        assert!(name_similarity("nguyen van anh", "nguyen van an").is_some());
        assert!(name_similarity("minh long", "minh luong").is_some());
        assert!(name_similarity("a", "bcdefgh").is_none());
    }
}
