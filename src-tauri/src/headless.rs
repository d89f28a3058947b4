//! The headless subcommands: each opens the replica, does one job, prints the result for a
//! person (or JSON for a script) and returns the process exit code.

use anyhow::{bail, Context};
use clientele_model::query::{
    Condition, ConditionField, CustomerFilter, CustomerQuery, GroupBy, Operator, SortKey,
};
use clientele_model::{ActivityState, CustomerKind};
use clientele_replica::Replica;
use std::collections::HashMap;
use std::io::Write;

use crate::cli::{Command, ExportFormat};

/// Exit codes scripts can test.
pub const EXIT_IMPORT_REFUSED_ROWS: i32 = 3;
pub const EXIT_CHECK_PROBLEMS: i32 = 4;

/// Runs one subcommand on `replica` as `user`; returns the exit code.
pub fn run(replica: &mut Replica, command: Command, user: Option<&str>) -> anyhow::Result<i32> {
    match command {
        Command::Import { file, map } => {
            let mapping = map
                .iter()
                .map(|pair| {
                    pair.split_once('=')
                        .map(|(header, column)| {
                            (header.trim().to_owned(), column.trim().to_owned())
                        })
                        .with_context(|| {
                            format!(
                                "--map \"{pair}\" needs HEADER=COLUMN, e.g. --map \"Họ tên=name\""
                            )
                        })
                })
                .collect::<anyhow::Result<HashMap<_, _>>>()?;
            let input = std::fs::File::open(&file)
                .with_context(|| format!("cannot open {}", file.display()))?;
            let started = std::time::Instant::now();
            let report =
                replica.import_csv(std::io::BufReader::new(input), &mapping, &mut |p| {
                    eprint!(
                        "\rimporting: {} rows read, {} imported",
                        p.rows_read, p.imported
                    );
                })?;
            eprintln!();
            for column in &report.unmapped_columns {
                eprintln!("ignored column \"{column}\" (map it with --map \"{column}=COLUMN\")");
            }
            for error in &report.errors {
                eprintln!("line {}: {}", error.line, error.message);
            }
            for possible in &report.possible_duplicates {
                eprintln!(
                    "line {}: {} was created but shares a tax ID, phone or email with {} other customer(s): {}",
                    possible.line,
                    possible.name,
                    possible.existing.len(),
                    possible.existing.join(", ")
                );
            }
            println!(
                "imported {} customers ({} created, {} updated, {} unchanged; {} companies and {} tags created) in {:.1} s; {} rows refused",
                report.imported,
                report.created,
                report.updated,
                report.skipped,
                report.companies_created,
                report.tags_created,
                started.elapsed().as_secs_f64(),
                report.errors.len()
            );
            Ok(if report.errors.is_empty() {
                0
            } else {
                EXIT_IMPORT_REFUSED_ROWS
            })
        }
        Command::Export { format, output } => {
            let mut sink: Box<dyn Write> = match &output {
                Some(path) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(path)
                        .with_context(|| format!("cannot create {}", path.display()))?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            let count = match format {
                ExportFormat::Csv => replica.export_csv(&mut sink)?,
                ExportFormat::Vcard => replica.export_vcard(&mut sink)?,
            };
            sink.flush()?;
            eprintln!("exported {count} customers");
            Ok(0)
        }
        Command::Search { text, json, limit } => {
            let query = CustomerQuery {
                search: text,
                limit,
                user_id: user.map(str::to_owned),
                ..CustomerQuery::default()
            };
            print_page(replica, &query, json)
        }
        Command::List {
            filters,
            group_by,
            sort,
            limit,
            json,
        } => {
            let (sort, descending) = match sort.strip_prefix('-') {
                Some(key) => (key, true),
                None => (sort.as_str(), false),
            };
            let sort = SortKey::parse(sort).with_context(|| format!("cannot sort by \"{sort}\": use name, email, phone, city, country, salesperson, company or updated_at"))?;
            let query = CustomerQuery {
                filter: parse_filters(replica, &filters, user)?,
                sort,
                descending,
                limit,
                user_id: user.map(str::to_owned),
                ..CustomerQuery::default()
            };
            match group_by {
                Some(field) => {
                    let group = GroupBy::parse(&field).with_context(|| format!("cannot group by \"{field}\": use salesperson, company, country, tag, kind, language or activity_state"))?;
                    let groups = replica.group_counts(&query, group)?;
                    if json {
                        println!("{}", serde_json::to_string_pretty(&groups)?);
                    } else {
                        for g in groups {
                            println!(
                                "{:>8}  {}",
                                g.count,
                                if g.label.is_empty() {
                                    "(none)"
                                } else {
                                    &g.label
                                }
                            );
                        }
                    }
                    Ok(0)
                }
                None => print_page(replica, &query, json),
            }
        }
        Command::RebuildProjection => {
            let count = replica.rebuild_projection()?;
            println!("projection rebuilt from {count} documents");
            Ok(0)
        }
        Command::Check => {
            let report = replica.check()?;
            for problem in &report.problems {
                println!("{problem}");
            }
            println!(
                "{} documents, {} customers: {}",
                report.documents,
                report.customers,
                if report.problems.is_empty() {
                    "documents and projection agree".to_owned()
                } else {
                    format!("{} problems", report.problems.len())
                }
            );
            Ok(if report.problems.is_empty() {
                0
            } else {
                EXIT_CHECK_PROBLEMS
            })
        }
        Command::Enrol { .. } => bail!("enrol is handled before the replica opens"),
        Command::Resync => {
            // Opening already set an unreadable file aside (and said so); a readable one stays.
            println!(
                "the local database {} opens with this device's key; start Clientele to sync it",
                replica.path().display()
            );
            Ok(0)
        }
    }
}

fn print_page(replica: &Replica, query: &CustomerQuery, json: bool) -> anyhow::Result<i32> {
    let page = replica.customer_page(query)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&page)?);
    } else {
        for row in &page.rows {
            println!(
                "{}",
                [
                    row.name.as_str(),
                    &row.company,
                    &row.email,
                    &row.phone,
                    &row.mobile,
                    &row.city,
                    &row.country
                ]
                .join("\t")
            );
        }
        eprintln!("{} of {} customers", page.rows.len(), page.total);
    }
    Ok(0)
}

/// Parses `--filter` values into the screen's filter.
fn parse_filters(
    replica: &Replica,
    filters: &[String],
    user: Option<&str>,
) -> anyhow::Result<CustomerFilter> {
    let mut filter = CustomerFilter::default();
    let me = || {
        user.map(str::to_owned).context("this filter needs to know who you are: set user = \"...\" in the config or CLIENTELE_USER")
    };
    let find = |list: &str, name: &str| -> anyhow::Result<String> {
        let folded = clientele_model::rules::fold_for_search(name);
        replica
            .reference_list(list)?
            .into_iter()
            .find(|e| e.id == name || clientele_model::rules::fold_for_search(&e.name) == folded)
            .map(|e| e.id)
            .with_context(|| format!("no {list} entry named \"{name}\""))
    };
    for text in filters {
        let (key, value) = text.split_once('=').unwrap_or((text.as_str(), ""));
        match key {
            "kind" => filter.kind = Some(CustomerKind::parse(value).with_context(|| format!("kind must be company or individual, not \"{value}\""))?),
            "archived" => filter.archived = Some(true),
            "mine" => filter.salesperson_id = Some(me()?),
            "favourites" => filter.favourites_of = Some(me()?),
            "tag" => filter.tag_id = Some(find("tags", value)?),
            "salesperson" => filter.salesperson_id = Some(find("salespeople", value)?),
            "country" => filter.country = Some(value.to_ascii_uppercase()),
            "activity" => filter.activity_state = Some(ActivityState::parse(value).with_context(|| format!("activity must be overdue, today, planned or none, not \"{value}\""))?),
            "where" => {
                let mut parts = value.splitn(3, ':');
                let (Some(field), Some(operator)) = (parts.next(), parts.next()) else {
                    bail!("where=FIELD:OPERATOR:VALUE, e.g. where=city:contains:ha noi");
                };
                filter.conditions.push(Condition {
                    field: ConditionField::parse(field).with_context(|| format!("unknown field \"{field}\""))?,
                    operator: Operator::parse(operator).with_context(|| format!("unknown operator \"{operator}\": contains, not_contains, equals, not_equals, starts_with, is_set, is_not_set"))?,
                    value: parts.next().unwrap_or("").to_owned(),
                });
            }
            other => bail!("unknown filter \"{other}\": use kind, archived, mine, favourites, tag, salesperson, country, activity or where"),
        }
    }
    Ok(filter)
}
