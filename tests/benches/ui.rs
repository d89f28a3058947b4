//! `cargo xtask bench ui`: the Customers screen measured in the real window (the Tauri app under
//! Xvfb, driven through tauri-driver) on 100,000 generated Vietnamese customers. Prints one line
//! per figure and writes target/bench/ui.json. Medians of repeated runs; no assertion on time.
//!
//! Needs what the desktop tests need (`DISPLAY`, `tauri-driver` on PATH, `CLIENTELE_APP` naming
//! the app binary, ideally a release build); `cargo xtask bench ui` provides all of it. The data
//! folder is generated once and kept under target/bench/ui-data/, keyed by `DATA_VERSION` and the
//! customer count (`BENCH_CUSTOMERS` overrides the 100,000).
//!
//! What is timed, in the page with `performance.now()`:
//! - `screen_first_cards_ms`: from the click on the menu's Customers item (coming from the Home
//!   screen) to the first animation frame after the first `.customer-card` is in the DOM.
//! - `search_repaint_ms`: from a real key press in the search box (WebDriver key events, so the
//!   webview's own keyboard handling is included; the clock starts at `keydown`) to the first
//!   animation frame after the cards shown (or the pager) changed. Typing one letter into an
//!   empty box and deleting it again, alternately, so every keystroke changes the results. Any
//!   debounce the UI has is part of the figure.
//! - `wasm_gzip_kb`: ui/dist/clientele-ui_bg.wasm (what the app embeds) gzipped at level 9.

use clientele_model::{
    ActivityDraft, Address, ContactDraft, ContactType, CustomerDraft, CustomerKind,
};
use clientele_replica::{CustomerSeed, ReferenceEntry, Replica};
use clientele_tests::desktop::{wait_for, Desktop};
use fantoccini::key::Key;
use fantoccini::Locator;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Bump when the generated data changes, so cached folders are regenerated.
const DATA_VERSION: u32 = 1;

/// Navigations Home → Customers timed for `screen_first_cards_ms`.
const SCREEN_RUNS: usize = 9;

/// Letters typed into the empty search box (each typed, then deleted: two timed keystrokes).
/// Each changes the first page ("v" would not: every email ends in ".vn").
const SEARCH_LETTERS: &[&str] = &["h", "t", "l", "d", "m", "p", "n", "q"];

/// How many customers the benchmark generates (BENCH_CUSTOMERS overrides).
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
];
const STREETS: &[&str] = &["Lê Lợi", "Nguyễn Huệ", "Trần Hưng Đạo", "Hai Bà Trưng"];
const MOBILE_PREFIXES: &[&str] = &[
    "090", "091", "093", "094", "096", "097", "098", "086", "088", "070", "079", "081", "083",
    "085",
];
const TAGS: &[(&str, &str)] = &[
    ("wholesale", "bán sỉ"),
    ("retail", "khách lẻ"),
    ("consumer", "tiêu dùng"),
    ("vip", "VIP"),
];

/// A small deterministic generator (xorshift), so every machine benches the same data.
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

/// One customer: a quarter companies, the rest people; tags, a salesperson, an invoice address,
/// and an activity (overdue or planned) on every third.
fn seed(rng: &mut Rng, n: usize) -> CustomerSeed {
    let company = n.is_multiple_of(4);
    let city = rng.pick(CITIES);
    let name = if company {
        format!("Công ty TNHH {} {n}", rng.pick(BUSINESS))
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
    let draft = CustomerDraft {
        kind: if company {
            CustomerKind::Company
        } else {
            CustomerKind::Individual
        },
        name,
        address: address(rng),
        email: format!("kh{n}@{}.vn", if company { "congty" } else { "gmail" }),
        mobile: format!(
            "{} {} {}",
            rng.pick(MOBILE_PREFIXES),
            rng.digits(3),
            rng.digits(4)
        ),
        language: "vi_VN".into(),
        tag_ids: match n % 5 {
            0 => vec!["wholesale".into()],
            1 => vec!["retail".into(), "consumer".into()],
            2 => vec!["vip".into()],
            _ => Vec::new(),
        },
        salesperson_id: Some(format!("rep{}", n % 10)),
        ..CustomerDraft::default()
    };
    let contacts = vec![ContactDraft {
        contact_type: ContactType::Invoice,
        name: "Kế toán".into(),
        address: address(rng),
        ..ContactDraft::default()
    }];
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

/// The data folder with `customers()` customers, generated on the first run and kept.
fn data_folder(bench_dir: &Path) -> PathBuf {
    let count = customers();
    let root = bench_dir.join("ui-data");
    let folder = root.join(format!("v{DATA_VERSION}-{count}"));
    let ready = folder.join("generated");
    if ready.exists() {
        println!("reusing {} ({count} customers)", folder.display());
        return folder;
    }
    // Generate beside it, then rename: an interrupted run leaves no half folder behind.
    std::fs::create_dir_all(&root).unwrap();
    let partial = root.join(format!("v{DATA_VERSION}-{count}.partial"));
    if partial.exists() {
        std::fs::remove_dir_all(&partial).unwrap();
    }
    if folder.exists() {
        std::fs::remove_dir_all(&folder).unwrap();
    }
    let started = Instant::now();
    {
        let mut replica = Replica::open(&partial).unwrap();
        for (i, family) in FAMILY.iter().take(10).enumerate() {
            let entry = ReferenceEntry {
                id: format!("rep{i}"),
                name: format!("Nhân viên {family}"),
                color: 0,
                position: i as i64,
            };
            replica.put_reference("salespeople", &entry).unwrap();
        }
        for (i, (id, name)) in TAGS.iter().enumerate() {
            let entry = ReferenceEntry {
                id: (*id).into(),
                name: (*name).into(),
                color: (i * 3 + 1) as u8,
                position: i as i64,
            };
            replica.put_reference("tags", &entry).unwrap();
        }
        let mut rng = Rng(0x00c1_1e47_e1e5);
        let mut n = 0;
        while n < count {
            let batch: Vec<CustomerSeed> = (n..(n + 5_000).min(count))
                .map(|i| seed(&mut rng, i))
                .collect();
            replica.create_customers_bulk(&batch).unwrap();
            n += batch.len();
        }
        replica.checkpoint();
    }
    std::fs::write(partial.join("generated"), format!("{count}\n")).unwrap();
    std::fs::rename(&partial, &folder).unwrap();
    println!(
        "generated {count} customers in {} in {:.1} s",
        folder.display(),
        started.elapsed().as_secs_f64()
    );
    folder
}

/// Times one navigation Home → Customers: resolves with [ms to the frame after the first card,
/// ms to the card entering the DOM]. The menu is open; its Customers item is clicked in-page.
const NAVIGATE_SCRIPT: &str = r#"
const done = arguments[arguments.length - 1];
const item = Array.from(document.querySelectorAll('[role=menuitem]'))
    .find(b => b.textContent.trim() === arguments[0]);
if (!item) { done({error: 'no menu item ' + arguments[0]}); return; }
let finished = false;
const finish = (observer, t0) => {
    if (finished || !document.querySelector('.customer-card')) return;
    finished = true;
    if (observer) observer.disconnect();
    const dom = performance.now() - t0;
    requestAnimationFrame(() => done({frame: performance.now() - t0, dom}));
};
const observer = new MutationObserver(() => finish(observer, t0));
observer.observe(document.body, {childList: true, subtree: true});
setTimeout(() => { if (!finished) { finished = true; observer.disconnect(); done({error: 'no card within 20 s'}); } }, 20000);
const t0 = performance.now();
item.click();
finish(observer, t0);
"#;

/// Arms a watcher for the next keystroke in the page: `window.__uiBench` resolves with
/// {frame, dom} (ms from keydown to the frame after the results changed, and to the change in
/// the DOM), or {error} if nothing changed within 10 s.
const ARM_SCRIPT: &str = r#"
const signature = () => {
    const names = Array.from(document.querySelectorAll('.customer-card .card-name'))
        .map(e => e.textContent).join('\n');
    const pager = document.querySelector('.pager-value');
    const empty = document.querySelector('.empty');
    return names + '|' + (pager ? pager.textContent : '') + '|' + (empty ? empty.textContent : '');
};
const before = signature();
window.__uiBench = new Promise(resolve => {
    let t0 = null;
    let finished = false;
    const start = () => { if (t0 === null) t0 = performance.now(); };
    window.addEventListener('keydown', start, {capture: true, once: true});
    window.addEventListener('input', start, {capture: true, once: true});
    const observer = new MutationObserver(() => {
        if (finished || t0 === null || signature() === before) return;
        finished = true;
        observer.disconnect();
        const dom = performance.now() - t0;
        requestAnimationFrame(() => resolve({frame: performance.now() - t0, dom}));
    });
    observer.observe(document.body, {childList: true, subtree: true, characterData: true});
    setTimeout(() => {
        if (!finished) {
            finished = true;
            observer.disconnect();
            const box = document.querySelector('input.search');
            resolve({error: 'the results did not change within 10 s', keyed: t0 !== null,
                     box: box ? box.value : null, before: before.slice(-120),
                     after: signature().slice(-120)});
        }
    }, 10000);
});
"#;

const AWAIT_SCRIPT: &str = r#"
const done = arguments[arguments.length - 1];
window.__uiBench.then(done);
"#;

/// The `frame` and `dom` times of a script's answer; panics with the page's error otherwise.
fn timings(answer: &serde_json::Value) -> (f64, f64) {
    match (answer["frame"].as_f64(), answer["dom"].as_f64()) {
        (Some(frame), Some(dom)) => (frame, dom),
        _ => panic!("the page could not time it: {answer}"),
    }
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

/// Opens the Customers screen from the Home screen `SCREEN_RUNS` times.
async fn time_screen(app: &Desktop) -> (Vec<f64>, Vec<f64>) {
    let (mut frames, mut doms) = (Vec::new(), Vec::new());
    for _ in 0..SCREEN_RUNS {
        app.find_css(".brand", "the brand (Home) button")
            .await
            .click()
            .await
            .unwrap();
        wait_for("the Home screen (no customer card)", || async {
            app.client
                .find_all(Locator::Css(".customer-card"))
                .await
                .ok()
                .filter(|cards| cards.is_empty())
        })
        .await;
        app.find_css(".menu-button", "the Sales menu")
            .await
            .click()
            .await
            .unwrap();
        app.find_css("[role=menuitem]", "the menu's items").await;
        let answer = app
            .client
            .execute_async(NAVIGATE_SCRIPT, vec![serde_json::json!("Khách hàng")])
            .await
            .unwrap();
        let (frame, dom) = timings(&answer);
        frames.push(frame);
        doms.push(dom);
    }
    (frames, doms)
}

/// Types a letter into the empty search box and deletes it, for each of `SEARCH_LETTERS`.
async fn time_search(app: &Desktop) -> (Vec<f64>, Vec<f64>) {
    let (mut frames, mut doms) = (Vec::new(), Vec::new());
    let search = app.labelled("Tìm kiếm").await;
    search.click().await.unwrap();
    let backspace = String::from(char::from(Key::Backspace));
    for letter in SEARCH_LETTERS {
        for keys in [*letter, backspace.as_str()] {
            app.client.execute(ARM_SCRIPT, vec![]).await.unwrap();
            search.send_keys(keys).await.unwrap();
            let answer = app
                .client
                .execute_async(AWAIT_SCRIPT, vec![])
                .await
                .unwrap();
            let (frame, dom) = timings(&answer);
            frames.push(frame);
            doms.push(dom);
        }
    }
    (frames, doms)
}

/// The gzipped size (level 9) of the wasm the app embeds, in KB, and its raw size in KB.
fn wasm_sizes(root: &Path) -> (f64, f64) {
    let wasm = root.join("ui/dist/clientele-ui_bg.wasm");
    let bytes = std::fs::read(&wasm).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: build the UI first (cargo xtask build): {e}",
            wasm.display()
        )
    });
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&bytes).unwrap();
    let gzipped = encoder.finish().unwrap();
    (gzipped.len() as f64 / 1024.0, bytes.len() as f64 / 1024.0)
}

#[tokio::main]
async fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let bench_dir = root.join("target/bench");
    std::fs::create_dir_all(&bench_dir).unwrap();
    let mut figures: BTreeMap<&str, f64> = BTreeMap::new();
    let mut report = |key: &'static str, value: f64, unit: &str, target: &str| {
        println!("{key:<30} {value:>10.1} {unit:<3} (target {target})");
        figures.insert(key, value);
    };

    let data = data_folder(&bench_dir);
    let app = Desktop::launch(&data).await;
    // The app opens on the Customers screen: wait for its first page before timing anything.
    wait_for("the first cards after the app started", || async {
        Some(app.card_names().await).filter(|n| !n.is_empty())
    })
    .await;
    let pager = app.find_css(".pager-value", "the pager").await;
    println!(
        "app on {} customers, pager {:?}",
        customers(),
        pager.text().await.unwrap_or_default()
    );

    let (frames, doms) = time_screen(&app).await;
    println!("screen runs (ms to the frame): {frames:.1?}");
    report("screen_first_cards_ms", median(&frames), "ms", "<= 300");
    report(
        "screen_first_cards_dom_ms",
        median(&doms),
        "ms",
        "reported: to the cards in the DOM",
    );
    app.screenshot("bench-ui-customers").await;

    let (frames, doms) = time_search(&app).await;
    println!("keystroke runs (ms to the frame): {frames:.1?}");
    report("search_repaint_ms", median(&frames), "ms", "<= 100");
    report(
        "search_repaint_dom_ms",
        median(&doms),
        "ms",
        "reported: to the results in the DOM",
    );
    report(
        "search_repaint_max_ms",
        frames.iter().copied().fold(0.0, f64::max),
        "ms",
        "reported",
    );
    app.close().await;

    let (gzip_kb, raw_kb) = wasm_sizes(&root);
    report("wasm_gzip_kb", gzip_kb, "KB", "<= 500");
    report("wasm_kb", raw_kb, "KB", "reported: after wasm-opt -Oz");
    report("customers", customers() as f64, "", "100,000");

    let json = serde_json::to_string_pretty(&figures).unwrap();
    let out = bench_dir.join("ui.json");
    std::fs::write(&out, json).unwrap();
    println!("wrote {}", out.display());
}
