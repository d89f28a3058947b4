//! The Customers screen against the fake shell: cards, search (latest answer wins), the list
//! view, the pager and sorting by a column header.

use super::*;

#[wasm_bindgen_test]
async fn a_card_shows_company_place_tags_activity_and_favourite() {
    fake_shell(
        &format!("[{}, {}]", dao(), an()),
        "args => Promise.reject('unused')",
    );
    let root = mount(Screen::Customers);
    let card = wait_for_text(&root, ".customer-card", "Nguyễn Thị Đào").await;
    let text = card.text_content().unwrap();
    for shown in [
        "NĐ",
        "Công ty Đông Á",
        "dao@donga.vn",
        "+84 903 123 456",
        "Hồ Chí Minh, VN",
        "khách lẻ",
        "★",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    let clock = card.query_selector(".activity-clock").unwrap().unwrap();
    assert!(clock.get_attribute("class").unwrap().contains("overdue"));
    assert_eq!(
        clock.get_attribute("aria-label").as_deref(),
        Some("Hoạt động: quá hạn")
    );
    let chip = card.query_selector(".tag-chip").unwrap().unwrap();
    assert!(chip.get_attribute("class").unwrap().contains("tag-color-3"));
    let other = wait_for_text(&root, ".customer-card", "Trần Văn An").await;
    let text = other.text_content().unwrap();
    assert!(
        text.contains("0912 000 111"),
        "the mobile when no phone: {text}"
    );
    assert!(text.contains("☆"));
    assert!(other
        .query_selector(".activity-clock.none")
        .unwrap()
        .is_some());
    let today = page_queries()[0].clone();
    assert!(
        today.contains(&format!(
            r#""today":"{}""#,
            clientele_ui::ipc::local_today()
        )),
        "{today}"
    );
}

/// The fake shell: a search for "nguyen thi" answers Đào, any other page An.
fn shell_finding_dao_for_nguyen_thi() {
    fake_shell_with(
        &format!(
            "args => args.query.search === 'nguyen thi' ? {{rows: [{}], total: 1}} : {{rows: [{}], total: 1}}",
            dao(),
            an()
        ),
        "args => Promise.reject('unused')",
    );
}

#[wasm_bindgen_test]
async fn typing_in_search_asks_the_replica_and_shows_its_answer() {
    shell_finding_dao_for_nguyen_thi();
    let root = mount(Screen::Customers);
    wait_for_text(&root, ".customer-card", "Trần Văn An").await;
    search_for(&root, "nguyen thi");
    wait_for_text(&root, ".customer-card", "Nguyễn Thị Đào").await;
    assert_eq!(
        root.query_selector_all(".customer-card").unwrap().length(),
        1
    );
    let queries = page_queries();
    assert!(
        queries.last().unwrap().contains(r#""search":"nguyen thi""#),
        "{queries:?}"
    );
    let search = labelled(&root, "Tìm kiếm");
    assert_eq!(
        search.get_attribute("placeholder").as_deref(),
        Some("tìm… (nguyen, 0903…)")
    );
}

#[wasm_bindgen_test]
async fn a_keystroke_asks_its_page_as_the_key_is_handled_and_only_once() {
    shell_finding_dao_for_nguyen_thi();
    let root = mount(Screen::Customers);
    wait_for_text(&root, ".customer-card", "Trần Văn An").await;
    let before = page_queries().len();
    search_for(&root, "nguyen thi");
    // Before anything renders the keystroke (no await since the input event), it is asked.
    let asked = page_queries();
    assert_eq!(asked.len(), before + 1, "{asked:?}");
    assert!(
        asked[before].contains(r#""search":"nguyen thi""#),
        "{asked:?}"
    );
    assert!(asked[before].contains(r#""offset":0"#), "{asked:?}");
    // The render that shows the answer came after the keystroke's own render, whose query
    // was asked already: nothing more was sent for it.
    wait_for_text(&root, ".customer-card", "Nguyễn Thị Đào").await;
    assert_eq!(page_queries(), asked);
}

#[wasm_bindgen_test]
async fn only_the_answer_to_the_latest_search_is_shown() {
    // The answer to "ng" arrives after the answer to "nguyen": it must not replace it.
    fake_shell_with(
        &format!(
            "args => args.query.search === 'ng'
                ? new Promise(r => setTimeout(() => r({{rows: [{}], total: 1}}), 200))
                : {{rows: [{}], total: 1}}",
            an(),
            dao()
        ),
        "args => Promise.reject('unused')",
    );
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    search_for(&root, "ng");
    next_tick().await;
    search_for(&root, "nguyen");
    wait_for_text(&root, ".customer-card", "Nguyễn Thị Đào").await;
    let deadline = js_sys::Date::now() + 400.0;
    while js_sys::Date::now() < deadline {
        next_tick().await;
    }
    let cards = root.query_selector_all(".customer-card").unwrap();
    assert_eq!(cards.length(), 1);
    assert!(cards
        .item(0)
        .unwrap()
        .text_content()
        .unwrap()
        .contains("Nguyễn Thị Đào"));
}

#[wasm_bindgen_test]
async fn the_list_view_shows_the_same_customers_in_a_table_and_keeps_the_search() {
    fake_shell_with(
        &format!(
            "args => args.query.search === 'dao' ? {{rows: [{}], total: 1}} : {{rows: [{}, {}], total: 2}}",
            dao(),
            dao(),
            an()
        ),
        "args => Promise.reject('unused')",
    );
    let root = mount(Screen::Customers);
    wait_for_text(&root, ".customer-card", "Trần Văn An").await;
    search_for(&root, "dao");
    // The search goes out after the typing pause (debounce): wait for its answer.
    let deadline = js_sys::Date::now() + 5_000.0;
    while root.query_selector_all(".customer-card").unwrap().length() != 1 {
        assert!(
            js_sys::Date::now() < deadline,
            "timed out waiting for the search"
        );
        next_tick().await;
    }
    labelled(&root, "Danh sách").click();
    let table = wait_for(&root, "table").await;
    assert!(root.query_selector(".customer-card").unwrap().is_none());
    let rows = table.query_selector_all("tbody tr").unwrap();
    assert_eq!(rows.length(), 1);
    let text = rows.item(0).unwrap().text_content().unwrap();
    for shown in [
        "Nguyễn Thị Đào",
        "Công ty Đông Á",
        "dao@donga.vn",
        "+84 903 123 456",
        "Hồ Chí Minh",
        "VN",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    let search: HtmlInputElement = labelled(&root, "Tìm kiếm").unchecked_into();
    assert_eq!(search.value(), "dao");
    labelled(&root, "Kanban").click();
    wait_for_text(&root, ".customer-card", "Nguyễn Thị Đào").await;
    assert!(root.query_selector("table").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_pager_shows_the_range_and_next_asks_the_following_page() {
    fake_shell_with(
        "args => ({rows: Array.from({length: 80}, (_, i) => Object.assign({}, ROW, {id: 'r' + (args.query.offset + i), name: 'Khách ' + (args.query.offset + i)})), total: 100000})"
            .replace("ROW", &an())
            .as_str(),
        "args => Promise.reject('unused')",
    );
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    let pager = wait_for_text(&root, ".pager-value", "1-80 / 100.000").await;
    assert_eq!(pager.text_content().unwrap(), "1-80 / 100.000");
    assert_eq!(
        root.query_selector_all(".customer-card").unwrap().length(),
        80
    );
    labelled(&root, "Trang sau").click();
    wait_for_text(&root, ".pager-value", "81-160 / 100.000").await;
    wait_for_text(&root, ".customer-card", "Khách 80").await;
    let queries = page_queries();
    let last = queries.last().unwrap();
    assert!(last.contains(r#""offset":80"#), "{last}");
    assert!(last.contains(r#""limit":80"#), "{last}");
    labelled(&root, "Trang trước").click();
    wait_for_text(&root, ".pager-value", "1-80 / 100.000").await;
}

#[wasm_bindgen_test]
async fn clicking_a_column_header_sorts_by_it_and_again_reverses() {
    fake_shell(
        &format!("[{}, {}]", dao(), an()),
        "args => Promise.reject('unused')",
    );
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    labelled(&root, "Danh sách").click();
    wait_for(&root, "table").await;
    button(&root, "Email").click();
    next_tick().await;
    let last = page_queries().last().unwrap().clone();
    assert!(
        last.contains(r#""sort":"email""#) && last.contains(r#""descending":false"#),
        "{last}"
    );
    wait_for(&root, "th[aria-sort=ascending][data-sort=email]").await;
    button(&root, "Email ▲").click();
    next_tick().await;
    let last = page_queries().last().unwrap().clone();
    assert!(
        last.contains(r#""sort":"email""#) && last.contains(r#""descending":true"#),
        "{last}"
    );
    wait_for(&root, "th[aria-sort=descending][data-sort=email]").await;
    button(&root, "Thành phố").click();
    next_tick().await;
    let last = page_queries().last().unwrap().clone();
    assert!(last.contains(r#""sort":"city""#), "{last}");
}

#[wasm_bindgen_test]
async fn group_counts_sends_the_query_dated_today_and_the_grouping_as_tauri_names_it() {
    fake_shell("[]", "args => Promise.reject('unused')");
    let args = clientele_model::commands::GroupCountsArgs {
        query: clientele_ui::ipc::dated(clientele_model::query::CustomerQuery::default()),
        group_by: clientele_model::query::GroupBy::Salesperson,
    };
    let counts = clientele_ui::ipc::call::<clientele_model::commands::GetGroupCounts>(&args)
        .await
        .unwrap();
    assert_eq!(counts.len(), 1);
    assert_eq!((counts[0].label.as_str(), counts[0].count), ("rep1", 3));
    let sent = calls();
    assert!(sent.contains(r#""groupBy":"salesperson""#), "{sent}");
    let today = format!(r#""today":"{}""#, clientele_ui::ipc::local_today());
    assert!(sent.contains(&today), "{sent}");
}

#[wasm_bindgen_test]
async fn the_cards_star_marks_a_favourite_without_opening_the_customer() {
    use super::screen_support::{screen_shell, sent, wait_until, CONTEXT};
    screen_shell(
        &format!("args => ({{rows: [{}, {}], total: 2}})", dao(), an()),
        &format!(
            "{{{CONTEXT}, set_favourite: args => args.id === 'c1'
                ? Promise.reject({{code: 'storage', message: 'không lưu được', field: null}})
                : null}}"
        ),
    );
    let root = mount(Screen::Customers);
    let an_card = wait_for_text(&root, ".customer-card", "Trần Văn An").await;
    let star: HtmlElement = an_card
        .query_selector("button.favourite")
        .unwrap()
        .expect("the star is a button")
        .unchecked_into();
    assert_eq!(star.get_attribute("aria-pressed").as_deref(), Some("false"));
    star.click();
    wait_until("set_favourite sent", || !sent("set_favourite").is_empty()).await;
    assert_eq!(sent("set_favourite"), [r#"{"id":"c2","favourite":true}"#]);
    wait_until("the star on", || {
        star.get_attribute("aria-pressed").as_deref() == Some("true")
    })
    .await;
    assert_eq!(star.text_content().as_deref(), Some("★"));
    assert!(
        root.query_selector(".customer-form").unwrap().is_none(),
        "the star's click does not open the customer"
    );
    // A refusal puts the star back and says why.
    let dao_card = wait_for_text(&root, ".customer-card", "Nguyễn Thị Đào").await;
    let dao_star: HtmlElement = dao_card
        .query_selector("button.favourite")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        dao_star.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    dao_star.click();
    wait_until("the refusal shown", || {
        dao_star.get_attribute("title").as_deref() == Some("không lưu được")
    })
    .await;
    assert_eq!(
        dao_star.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(dao_star.text_content().as_deref(), Some("★"));
}

#[wasm_bindgen_test]
fn the_pages_folding_matches_the_models() {
    for name in [
        "Nguyễn Thị Đào",
        "CÔNG TY ĐÔNG Á",
        "  Khách   lẻ ",
        "Ðoàn Văn Hậu",
        "Trà ô long",
        "Mỹ Phẩm Hoa Mai",
        "Phở Hùng — Quận 1",
        "Café ß",
    ] {
        assert_eq!(
            clientele_ui::fold::fold_for_search(name),
            clientele_model::rules::fold_for_search(name),
            "{name}"
        );
    }
}
