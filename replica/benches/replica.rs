//! `cargo xtask bench replica`: the replica at 100,000 generated Vietnamese customers (~3
//! contacts each, tags, activities). Prints one line per figure and writes
//! target/bench/replica.json. Medians of repeated runs; no assertion on time.

use clientele_model::query::{CustomerQuery, GroupBy};
use clientele_model::{
    ActivityDraft, Address, ContactDraft, ContactType, CustomerDraft, CustomerKind,
};
use clientele_replica::{CustomerSeed, ReferenceEntry, Replica, DATABASE_FILE};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// How many customers the benchmark generates (BENCH_CUSTOMERS overrides, for profiling).
fn customers() -> usize {
    std::env::var("BENCH_CUSTOMERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
const MIDDLE: &[&str] = &[
    "Thị", "Văn", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Gia", "Thu",
];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Đào", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương",
    "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Quang", "Sơn",
    "Tâm", "Thảo", "Trang", "Trung", "Tuấn", "Vy", "Yến",
];
const BUSINESS: &[&str] = &[
    "Đông Á",
    "Sài Gòn",
    "Hà Thành",
    "Phương Nam",
    "Minh Phát",
    "Thành Công",
    "Hưng Thịnh",
    "Việt Tiến",
    "An Khang",
    "Bảo Long",
    "Kim Ngân",
    "Tân Phú",
];
const CITIES: &[&str] = &[
    "Hồ Chí Minh",
    "Hà Nội",
    "Đà Nẵng",
    "Hải Phòng",
    "Cần Thơ",
    "Huế",
    "Nha Trang",
    "Biên Hòa",
    "Vũng Tàu",
    "Quy Nhơn",
];
const STREETS: &[&str] = &[
    "Lê Lợi",
    "Nguyễn Huệ",
    "Trần Hưng Đạo",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Điện Biên Phủ",
    "Cách Mạng Tháng Tám",
];
const MOBILE_PREFIXES: &[&str] = &[
    "090", "091", "093", "094", "096", "097", "098", "086", "088", "070", "079", "081", "083",
    "085",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + (self.next() % 10) as u8))
            .collect()
    }
}

/// A Vietnamese enterprise tax ID with a valid check digit (weights 31..3, see model::rules).
fn tax_id(rng: &mut Rng) -> String {
    loop {
        let body = format!("0{}", rng.digits(8));
        let weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
        let sum: u32 = body
            .bytes()
            .zip(weights)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum();
        let remainder = sum % 11;
        if remainder != 0 {
            return format!("{body}{}", (10 - remainder) % 10);
        }
    }
}

fn seed(rng: &mut Rng, n: usize) -> CustomerSeed {
    let company = n.is_multiple_of(4);
    let city = rng.pick(CITIES);
    let name = if company {
        format!("Công ty TNHH {} {}", rng.pick(BUSINESS), n)
    } else {
        format!(
            "{} {} {}",
            rng.pick(FAMILY),
            rng.pick(MIDDLE),
            rng.pick(GIVEN)
        )
    };
    let address = |rng: &mut Rng| Address {
        street: format!("{} {}", 1 + rng.next() % 300, rng.pick(STREETS)),
        city: city.to_owned(),
        country: "VN".into(),
        ..Address::default()
    };
    let mobile = |rng: &mut Rng| {
        format!(
            "{} {} {}",
            rng.pick(MOBILE_PREFIXES),
            rng.digits(3),
            rng.digits(4)
        )
    };
    let draft = CustomerDraft {
        kind: if company {
            CustomerKind::Company
        } else {
            CustomerKind::Individual
        },
        name,
        address: address(rng),
        tax_id: if company { tax_id(rng) } else { String::new() },
        email: format!("kh{n}@{}.vn", if company { "congty" } else { "gmail" }),
        mobile: mobile(rng),
        language: "vi_VN".into(),
        tag_ids: match n % 5 {
            0 => vec!["wholesale".into()],
            1 => vec!["retail".into(), "consumer".into()],
            2 => vec!["vip".into()],
            _ => Vec::new(),
        },
        salesperson_id: Some(format!("rep{}", n % 10)),
        notes: "Khách hàng tạo bởi bộ sinh dữ liệu.".into(),
        ..CustomerDraft::default()
    };
    let contacts = vec![
        ContactDraft {
            contact_type: ContactType::Invoice,
            name: "Kế toán".into(),
            address: address(rng),
            ..ContactDraft::default()
        },
        ContactDraft {
            contact_type: ContactType::Delivery,
            name: "Kho hàng".into(),
            address: address(rng),
            ..ContactDraft::default()
        },
        ContactDraft {
            contact_type: ContactType::Contact,
            name: format!("{} {}", rng.pick(FAMILY), rng.pick(GIVEN)),
            mobile: mobile(rng),
            ..ContactDraft::default()
        },
    ];
    let activities = if n.is_multiple_of(3) {
        vec![ActivityDraft {
            activity_type: "call".into(),
            summary: "Gọi lại báo giá".into(),
            due_date: format!("2026-{:02}-{:02}", 10 + rng.next() % 3, 1 + rng.next() % 28),
            ..ActivityDraft::default()
        }]
    } else {
        Vec::new()
    };
    CustomerSeed {
        draft,
        contacts,
        activities,
    }
}

/// The SQL `customer_page` runs for the first page by name (see replica/src/query.rs).
const RAW_FIRST_PAGE: &str =
    "SELECT c.id, c.kind, c.name, c.company_name, c.email, c.phone, c.mobile, c.city, c.country,
     coalesce(sp.name, ''), CASE WHEN c.next_activity_due IS NULL THEN 'none'
     WHEN c.next_activity_due < ?1 THEN 'overdue' WHEN c.next_activity_due = ?1 THEN 'today'
     ELSE 'planned' END, c.open_activities,
     EXISTS (SELECT 1 FROM favourites f WHERE f.customer_id = c.id AND f.user_id = ?2),
     c.sales_count, c.purchase_count, c.archived, c.name_key,
     (SELECT group_concat(t.id || char(31) || t.name || char(31) || t.color, char(30))
        FROM customer_tags ct JOIN reference_items t ON t.list = 'tags' AND t.id = ct.tag_id
       WHERE ct.customer_id = c.id)
 FROM customers c
 LEFT JOIN reference_items sp ON sp.list = 'salespeople' AND sp.id = c.salesperson_id
 WHERE c.archived = 0
 ORDER BY c.name_key ASC, c.id ASC LIMIT 80";

fn median_ms(runs: usize, mut work: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn add_team(replica: &mut Replica) {
    for (i, family) in FAMILY.iter().take(10).enumerate() {
        replica
            .put_reference(
                "salespeople",
                &ReferenceEntry {
                    id: format!("rep{i}"),
                    name: format!("Nhân viên {family}"),
                    color: 0,
                    position: i as i64,
                },
            )
            .unwrap();
    }
}

/// The import child: imports FILE into a fresh DIR and prints seconds and peak memory.
fn import_child(file: &str, dir: &str) {
    let mut replica = Replica::open(Path::new(dir)).unwrap();
    add_team(&mut replica);
    let started = Instant::now();
    let input = std::io::BufReader::new(std::fs::File::open(file).unwrap());
    let report = replica
        .import_csv(input, &Default::default(), &mut |_| {})
        .unwrap();
    assert!(
        report.errors.is_empty(),
        "{:?}",
        &report.errors[..report.errors.len().min(3)]
    );
    println!(
        "IMPORT {} {} {}",
        started.elapsed().as_secs_f64(),
        peak_rss_mb(),
        report.imported
    );
}

fn main() {
    if let (Ok(file), Ok(dir)) = (
        std::env::var("BENCH_IMPORT_FILE"),
        std::env::var("BENCH_IMPORT_DIR"),
    ) {
        return import_child(&file, &dir);
    }
    let out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&out_dir).unwrap();
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let mut figures: BTreeMap<&str, f64> = BTreeMap::new();
    let mut report = |key: &'static str, value: f64, unit: &str, target: &str| {
        println!("{key:<22} {value:>12.3} {unit:<4} (target {target})");
        figures.insert(key, value);
    };

    let mut rng = Rng(0x00c1_1e47_e1e5);
    let started = Instant::now();
    {
        let mut replica = Replica::open(&data).unwrap();
        add_team(&mut replica);
        let mut n = 0;
        while n < customers() {
            let batch: Vec<CustomerSeed> = (n..(n + 5_000).min(customers()))
                .map(|i| seed(&mut rng, i))
                .collect();
            replica.create_customers_bulk(&batch).unwrap();
            n += batch.len();
        }
        replica.checkpoint();
    }
    println!(
        "seeded {} customers with ~3 contacts each in {:.1} s",
        customers(),
        started.elapsed().as_secs_f64()
    );

    report(
        "open_ms",
        median_ms(7, || drop(Replica::open(&data).unwrap())),
        "ms",
        "<= 100",
    );
    let mut replica = Replica::open(&data).unwrap();
    let first_page = CustomerQuery {
        today: "2026-11-27".into(),
        user_id: Some("rep1".into()),
        ..CustomerQuery::default()
    };
    report(
        "first_page_ms",
        median_ms(31, || {
            assert_eq!(replica.customer_page(&first_page).unwrap().rows.len(), 80)
        }),
        "ms",
        "<= 2, within 2x raw",
    );
    let raw = rusqlite::Connection::open(data.join(DATABASE_FILE)).unwrap();
    report(
        "first_page_raw_ms",
        median_ms(31, || {
            // The replica's page query and total, run straight on rusqlite.
            let mut statement = raw.prepare_cached(RAW_FIRST_PAGE).unwrap();
            let rows: Vec<(String, String)> = statement
                .query_map(["2026-11-27", "rep1"], |r| Ok((r.get(0)?, r.get(2)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let total: i64 = raw
                .prepare_cached("SELECT count FROM customer_totals WHERE archived = 0")
                .unwrap()
                .query_row([], |r| r.get(0))
                .unwrap();
            assert_eq!((rows.len(), total as usize), (80, customers()));
        }),
        "ms",
        "the same SQL straight on rusqlite",
    );
    let terms = [
        "nguyen thi",
        "dao",
        "cong ty dong",
        "090",
        "ha noi",
        "tran van hung",
    ];
    let mut i = 0;
    report(
        "search_ms",
        median_ms(31, || {
            let query = CustomerQuery {
                search: terms[i % terms.len()].into(),
                ..first_page.clone()
            };
            i += 1;
            assert!(replica.customer_page(&query).unwrap().total > 0);
        }),
        "ms",
        "<= 10",
    );
    report(
        "group_by_ms",
        median_ms(15, || {
            assert_eq!(
                replica
                    .group_counts(&first_page, GroupBy::Salesperson)
                    .unwrap()
                    .len(),
                10
            )
        }),
        "ms",
        "<= 10",
    );
    let ids: Vec<String> = replica
        .customer_page(&CustomerQuery {
            limit: 200,
            ..first_page.clone()
        })
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.id)
        .collect();
    let mut k = 0;
    report(
        "edit_ms",
        median_ms(101, || {
            let id = &ids[k % ids.len()];
            k += 1;
            let mut draft = replica.customer(id).unwrap().draft;
            draft.notes.push_str(" Đã gọi.");
            replica.update_customer(id, &draft).unwrap();
        }),
        "ms",
        "<= 2 (load, change, projection, index, durable commit)",
    );
    let size: u64 = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(data.join(format!("{DATABASE_FILE}{s}"))).ok())
        .map(|m| m.len())
        .sum();
    report(
        "bytes_per_customer",
        size as f64 / customers() as f64,
        "B",
        "reported",
    );

    let csv = work.path().join("customers.csv");
    replica
        .export_csv(std::io::BufWriter::new(
            std::fs::File::create(&csv).unwrap(),
        ))
        .unwrap();
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .env("BENCH_IMPORT_FILE", &csv)
        .env("BENCH_IMPORT_DIR", work.path().join("imported"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("IMPORT "))
        .unwrap_or_else(|| {
            panic!(
                "import child failed: {}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    let parts: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(parts[2] as usize, customers());
    report("import_100k_s", parts[0], "s", "<= 20");
    report("import_peak_rss_mb", parts[1], "MB", "<= 300");

    let json = serde_json::to_string_pretty(&figures).unwrap();
    std::fs::write(out_dir.join("replica.json"), json).unwrap();
    println!("wrote {}", out_dir.join("replica.json").display());
}
