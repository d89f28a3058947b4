//! The sales windows' groups (`group_sales`): the records a list query matches, grouped by
//! customer, state, month or salesperson in one GROUP BY over the projection, each group with
//! its count and the sum of its amounts. A group unfolds as the list query narrowed to it
//! (`SalesListQuery::group`, see lists.rs), which keys records exactly as the groups do.

use clientele_model::commands::SalesListQuery;
use clientele_model::sales::{SalesClass, SalesGroup, SalesGroupBy, Vnd};
use rusqlite::params_from_iter;

use super::lists::{group_key_sql, Filter};
use crate::{Replica, ReplicaError};

/// Amounts are summed in two parts, `x >> SPLIT` and `x & (2^SPLIT - 1)` (SQLite shifts
/// arithmetically, so the parts add back up exactly for negative amounts too), because
/// SQLite's `sum` fails on overflow and `total` rounds: a group of many records near the
/// largest amount still sums exactly (saturated at the largest `Vnd`).
const SPLIT: u32 = 20;

impl Replica {
    /// The records of `class` matching `query` (its page aside) grouped `by`: newest month
    /// first when by month, else largest group first. An empty key gathers the records
    /// without one (no salesperson).
    pub fn group_sales(
        &self,
        class: SalesClass,
        query: &SalesListQuery,
        by: SalesGroupBy,
    ) -> Result<Vec<SalesGroup>, ReplicaError> {
        query.check(class)?;
        class.check_group_by(by)?;
        let filter = Filter::of(class, query);
        let key = group_key_sql(class, by);
        let amount = match class {
            SalesClass::Payments => "t.amount",
            _ => "t.total",
        };
        let label = match by {
            SalesGroupBy::Customer => "coalesce((SELECT name FROM customers WHERE id = g.key), '')",
            SalesGroupBy::Salesperson => {
                "coalesce((SELECT name FROM salespeople WHERE id = g.key), '')"
            }
            SalesGroupBy::State | SalesGroupBy::Month => "g.key",
        };
        let order = match by {
            SalesGroupBy::Month => "g.key DESC",
            _ => "g.count DESC, g.key",
        };
        let mask = (1i64 << SPLIT) - 1;
        let sql = format!(
            "SELECT g.key, {label}, g.count, g.high, g.low FROM
               (SELECT coalesce({key}, '') AS key, count(*) AS count,
                       sum({amount} >> {SPLIT}) AS high, sum({amount} & {mask}) AS low
                  {} GROUP BY 1) g
             ORDER BY {order}",
            filter.from_where
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(params_from_iter(&filter.values), |r| {
            let count: i64 = r.get(2)?;
            Ok(SalesGroup {
                key: r.get(0)?,
                label: r.get(1)?,
                count: count.max(0) as u64,
                total: add_parts(r.get(3)?, r.get(4)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// `high · 2^SPLIT + low`, saturated at the bounds of [`Vnd`].
fn add_parts(high: i64, low: i64) -> Vnd {
    let sum = (i128::from(high) << SPLIT) + i128::from(low);
    Vnd::try_from(sum).unwrap_or(if sum < 0 { Vnd::MIN } else { Vnd::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_parts_add_back_up_to_the_sum_and_saturate_beyond() {
        let mask = (1i64 << SPLIT) - 1;
        let parts = |xs: &[i64]| {
            let high: i64 = xs.iter().map(|x| x >> SPLIT).sum();
            let low: i64 = xs.iter().map(|x| x & mask).sum();
            add_parts(high, low)
        };
        let amounts = [1_250_000, -330_000, 1_000_000_000_000_000_000, 7, -1];
        assert_eq!(parts(&amounts), amounts.iter().sum::<i64>());
        let huge = [i64::MAX / 2 + 1; 3];
        assert_eq!(parts(&huge), i64::MAX, "saturates instead of failing");
        let negative = [i64::MIN / 2; 3];
        assert_eq!(parts(&negative), i64::MIN);
    }

    #[test]
    fn sqlite_splits_amounts_as_rust_does_negative_ones_too() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let mask = (1i64 << SPLIT) - 1;
        for x in [0, 1_250_000, -330_000, -1, i64::MAX, i64::MIN] {
            let (high, low): (i64, i64) = conn
                .query_row(&format!("SELECT ?1 >> {SPLIT}, ?1 & {mask}"), [x], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .unwrap();
            assert_eq!((high, low), (x >> SPLIT, x & mask), "{x}");
            assert_eq!(add_parts(high, low), x);
        }
    }
}
