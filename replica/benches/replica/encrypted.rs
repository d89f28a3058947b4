//! The encrypted replica beside the plain one, in the same run on the same data: a copy of the
//! benchmark's replica encrypted as a plain replica is on its first keyed open (timed), then
//! the first page, the searches and an edit, plain and encrypted in turn. Issue 12's target:
//! encrypted within 15% of plain.

use clientele_model::query::CustomerQuery;
use clientele_replica::{Replica, ReplicaKey, DATABASE_FILE};
use clientele_test_support::Figures;
use std::path::Path;
use std::time::Instant;

use crate::measure::paired_median_ms;

/// The goal of every encrypted/plain ratio.
const GOAL: f64 = 1.15;

/// Measures `plain` (the benchmark's replica in `data`, checkpointed) against an encrypted copy
/// made in `work`, editing `ids` (customers of the first page) in both.
pub fn versus_plain(
    figures: &mut Figures,
    work: &Path,
    data: &Path,
    plain: &mut Replica,
    first_page: &CustomerQuery,
    searches: &[&str],
    ids: &[String],
) {
    plain.checkpoint();
    let copy = work.join("encrypted");
    std::fs::create_dir_all(&copy).unwrap();
    std::fs::copy(data.join(DATABASE_FILE), copy.join(DATABASE_FILE)).unwrap();
    let key = ReplicaKey::generate().unwrap();
    let started = Instant::now();
    let mut encrypted = Replica::open_with_key(&copy, Some(&key)).unwrap();
    figures.figure(
        "encrypt_existing_s",
        started.elapsed().as_secs_f64(),
        "s",
        "reported (a plain replica's first keyed open)",
    );

    let (plain_ms, encrypted_ms) = paired_median_ms(
        31,
        || assert_eq!(plain.customer_page(first_page).unwrap().rows.len(), 80),
        || assert_eq!(encrypted.customer_page(first_page).unwrap().rows.len(), 80),
    );
    report(figures, "first_page", plain_ms, encrypted_ms);

    let (mut plain_ms, mut encrypted_ms) = (0.0, 0.0);
    for search in searches {
        let query = CustomerQuery {
            search: (*search).into(),
            ..first_page.clone()
        };
        let (p, e) = paired_median_ms(
            9,
            || assert!(plain.customer_page(&query).unwrap().total > 0),
            || assert!(encrypted.customer_page(&query).unwrap().total > 0),
        );
        plain_ms += p / searches.len() as f64;
        encrypted_ms += e / searches.len() as f64;
    }
    report(figures, "search", plain_ms, encrypted_ms);

    // The same customers in both files (identical copies), each edited in turn.
    let edit = |replica: &mut Replica, k: &mut usize| {
        let id = &ids[*k % ids.len()];
        *k += 1;
        let mut draft = replica.customer(id).unwrap().draft;
        draft.notes.push_str(" Đã gửi báo giá.");
        replica.update_customer(id, &draft).unwrap();
    };
    let (mut p, mut e) = (0, 0);
    let (plain_ms, encrypted_ms) =
        paired_median_ms(101, || edit(plain, &mut p), || edit(&mut encrypted, &mut e));
    report(figures, "edit", plain_ms, encrypted_ms);
}

/// Writes `NAME_ms_encrypted` and `NAME_encrypted_ratio` (to the plain figure of this same
/// pairing, printed beside it) with the goal.
fn report(figures: &mut Figures, name: &str, plain_ms: f64, encrypted_ms: f64) {
    println!("  {name:<12} plain {plain_ms:>8.3} ms   encrypted {encrypted_ms:>8.3} ms");
    figures.figure(
        &format!("{name}_ms_encrypted"),
        encrypted_ms,
        "ms",
        "within 15% of plain",
    );
    figures.figure(
        &format!("{name}_ms_plain_paired"),
        plain_ms,
        "ms",
        "reported (plain, timed in turn with the encrypted)",
    );
    let ratio = encrypted_ms / plain_ms;
    figures.figure(
        &format!("{name}_encrypted_ratio"),
        ratio,
        "x",
        "encrypted / plain",
    );
    figures.absolute_goal(&format!("{name}_encrypted_ratio"), ratio, GOAL, "x");
}
