//! Generated Vietnamese customers for benchmarks and tests: names with diacritics, companies
//! with valid tax IDs, mobiles, addresses in Vietnamese cities, tags, salespeople, contacts and
//! activities. Deterministic (a seeded xorshift), so every machine measures the same data.

use clientele_model::commands::ReferenceItem;
use clientele_model::{
    ActivityDraft, Address, ContactDraft, ContactType, CustomerDraft, CustomerKind,
};
use clientele_replica::{CustomerSeed, Replica, ReplicaError};

/// The seed every benchmark starts its generator from.
pub const SEED: u64 = 0x00c1_1e47_e1e5;

/// How many customers a benchmark generates: `BENCH_CUSTOMERS`, or `default`.
pub fn customer_count(default: usize) -> usize {
    std::env::var("BENCH_CUSTOMERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// Family names (the salespeople are named after the first ten).
pub const FAMILY: &[&str] = &[
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

/// A small deterministic generator (xorshift).
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next_u64() % from.len() as u64) as usize]
    }
    pub fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + (self.next_u64() % 10) as u8))
            .collect()
    }
}

/// A Vietnamese enterprise tax ID with a valid check digit (weights 31..3, see model::rules).
pub fn tax_id(rng: &mut Rng) -> String {
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

/// Customer number `n`: a quarter companies (with a valid tax ID), the rest people; tags, one of
/// ten salespeople (`rep0`..`rep9`), invoice and delivery addresses and a contact person, and an
/// activity (overdue or planned) on every third.
pub fn customer(rng: &mut Rng, n: usize) -> CustomerSeed {
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
        street: format!("{} {}", 1 + rng.next_u64() % 300, rng.pick(STREETS)),
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
            due_date: format!(
                "2026-{:02}-{:02}",
                10 + rng.next_u64() % 3,
                1 + rng.next_u64() % 28
            ),
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

/// The ten salespeople `rep0`..`rep9` the generated customers are assigned to.
pub fn add_salespeople(replica: &mut Replica) -> Result<(), ReplicaError> {
    for (i, family) in FAMILY.iter().take(10).enumerate() {
        replica.put_reference(
            "salespeople",
            &ReferenceItem {
                id: format!("rep{i}"),
                name: format!("Nhân viên {family}"),
                color: 0,
                position: i as i64,
                archived: false,
            },
        )?;
    }
    Ok(())
}

/// Creates `count` generated customers in `replica`, in batches of 5,000.
pub fn fill(replica: &mut Replica, count: usize) -> Result<(), ReplicaError> {
    let mut rng = Rng(SEED);
    let mut n = 0;
    while n < count {
        let batch: Vec<CustomerSeed> = (n..(n + 5_000).min(count))
            .map(|i| customer(&mut rng, i))
            .collect();
        replica.create_customers_bulk(&batch)?;
        n += batch.len();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_customers_pass_the_models_validation() {
        let mut rng = Rng(SEED);
        for n in 0..200 {
            let seed = customer(&mut rng, n);
            assert!(
                seed.draft.validated().is_ok(),
                "customer {n}: {:?}",
                seed.draft
            );
        }
    }

    #[test]
    fn the_same_seed_makes_the_same_customers() {
        let names = |seed| {
            let mut rng = Rng(seed);
            (0..20)
                .map(|n| customer(&mut rng, n).draft.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(names(SEED), names(SEED));
        assert_ne!(names(SEED), names(SEED + 1));
    }
}
