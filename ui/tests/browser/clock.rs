//! The card's clock: its popover lists the customer's open activities coloured by state, marking
//! one done calls the shell and the card's clock takes its new colour, and scheduling sends the
//! typed activity.

use clientele_ui::format::add_days;
use clientele_ui::ipc::local_today;

use super::screen_support::*;
use super::*;

/// Đào's card: overdue until `window.__done` is set, then due today.
fn page() -> String {
    format!(
        "args => ({{rows: [Object.assign({}, {{activity_state: window.__done ? 'today' : 'overdue'}}), {}],
            total: 2}})",
        dao(),
        an()
    )
}

fn activities() -> String {
    let today = local_today();
    let yesterday = add_days(&today, -1).unwrap();
    let tomorrow = add_days(&today, 1).unwrap();
    format!(
        "customer_activities: args => ({{heads: ['cc33'], activities: [
            {{id: 'a3', activity_type: 'meeting', summary: 'Gặp ở kho', due_date: '{tomorrow}',
              assigned_user_id: 'u1', note: '', status: 'open'}},
            {{id: 'a1', activity_type: 'call', summary: 'Gọi lại', due_date: '{yesterday}',
              assigned_user_id: null, note: '', status: window.__done ? 'done' : 'open'}},
            {{id: 'a2', activity_type: 'call', summary: 'Báo giá', due_date: '{today}',
              assigned_user_id: null, note: '', status: 'open'}},
            {{id: 'a0', activity_type: 'call', summary: 'Đã gọi', due_date: '{yesterday}',
              assigned_user_id: null, note: '', status: 'done'}}]}}),
         set_activity_status: args => {{ window.__done = true; return null; }},
         schedule_activity: args => 'a9'"
    )
}

/// Opens Đào's clock popover.
async fn open_clock(root: &Element) -> Element {
    let card = wait_for_text(root, ".customer-card", "Nguyễn Thị Đào").await;
    let clock = find(&card, "button.activity-clock");
    assert_eq!(
        clock.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    clock.click();
    wait_for(&card, ".clock-popover").await
}

/// `dd/MM/yyyy` of a `YYYY-MM-DD` date.
fn vi(iso: &str) -> String {
    format!("{}/{}/{}", &iso[8..10], &iso[5..7], &iso[..4])
}

#[wasm_bindgen_test]
async fn the_clock_lists_open_activities_by_state_and_mark_done_updates_the_card() {
    js_sys::eval("window.__done = false;").unwrap();
    screen_shell(&page(), &format!("{{{CONTEXT}, {}}}", activities()));
    let root = mount(Screen::Customers);
    let popover = open_clock(&root).await;
    assert_eq!(
        popover.get_attribute("aria-label").as_deref(),
        Some("Hoạt động: Nguyễn Thị Đào")
    );
    wait_until("three open activities", || {
        popover
            .query_selector_all(".activity-item")
            .unwrap()
            .length()
            == 3
    })
    .await;
    let items = popover.query_selector_all(".activity-item").unwrap();
    let item = |i| items.item(i).unwrap().unchecked_into::<Element>();
    let classes: Vec<String> = (0..3)
        .map(|i| item(i).get_attribute("class").unwrap())
        .collect();
    assert!(classes[0].contains("overdue"), "{classes:?}");
    assert!(classes[1].contains("today"), "{classes:?}");
    assert!(classes[2].contains("planned"), "{classes:?}");
    let today = local_today();
    let first = item(0).text_content().unwrap();
    for shown in [
        "Quá hạn",
        "Gọi điện",
        "Gọi lại",
        &vi(&add_days(&today, -1).unwrap()),
    ] {
        assert!(first.contains(shown), "{shown} in {first}");
    }
    let last = item(2).text_content().unwrap();
    for shown in ["Đã lên kế hoạch", "Gặp mặt", "Gặp ở kho", "rep1"] {
        assert!(last.contains(shown), "{shown} in {last}");
    }
    assert!(
        !popover.text_content().unwrap().contains("Đã gọi"),
        "done ones are not listed"
    );
    let pages_before = page_queries().len();
    labelled(&popover, "Xong: Gọi lại").click();
    wait_until("the status change", || {
        !sent("set_activity_status").is_empty()
    })
    .await;
    assert_eq!(
        sent("set_activity_status")[0],
        r#"{"customerId":"c1","activityId":"a1","status":"done","heads":["cc33"]}"#,
        "marked done at the version the popover shows"
    );
    wait_until("the list to drop it", || {
        popover
            .query_selector_all(".activity-item")
            .unwrap()
            .length()
            == 2
    })
    .await;
    wait_until("the card to reload", || page_queries().len() > pages_before).await;
    wait_for(
        &root,
        ".customer-card[data-customer=c1] .activity-clock.today",
    )
    .await;
}

#[wasm_bindgen_test]
async fn scheduling_sends_the_typed_activity() {
    js_sys::eval("window.__done = false;").unwrap();
    screen_shell(&page(), &format!("{{{CONTEXT}, {}}}", activities()));
    let root = mount(Screen::Customers);
    let popover = open_clock(&root).await;
    wait_for(&popover, ".activity-item").await;
    let due = find(&popover, "#activity-due-c1")
        .unchecked_into::<HtmlInputElement>()
        .value();
    assert_eq!(due, local_today(), "due today unless changed");
    choose(&popover, "#activity-type-c1", "meeting");
    type_in(&popover, "#activity-summary-c1", "Giao mẫu");
    type_in(&popover, "#activity-due-c1", "2031-12-01");
    choose(&popover, "#activity-assignee-c1", "u1");
    type_in(&popover, "#activity-note-c1", "mang catalogue");
    next_tick().await;
    button_in(&popover, "Lên lịch").click();
    wait_until("the schedule call", || {
        !sent("schedule_activity").is_empty()
    })
    .await;
    assert_eq!(
        sent("schedule_activity")[0],
        r#"{"customerId":"c1","activity":{"activity_type":"meeting","summary":"Giao mẫu","due_date":"2031-12-01","assigned_user_id":"u1","note":"mang catalogue","status":"open"},"heads":["cc33"]}"#
    );
    wait_until("the list to reload", || {
        sent("customer_activities").len() >= 2
    })
    .await;
    let summary = find(&popover, "#activity-summary-c1")
        .unchecked_into::<HtmlInputElement>()
        .value();
    assert_eq!(summary, "", "the form is ready for the next one");
    labelled(&popover, "Đóng").click();
    wait_until("the popover to close", || {
        root.query_selector(".clock-popover").unwrap().is_none()
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_clock_opens_its_popover_and_the_card_opens_the_customer() {
    js_sys::eval("window.__done = false;").unwrap();
    screen_shell(&page(), &format!("{{{CONTEXT}, {}}}", activities()));
    let root = mount(Screen::Customers);
    let popover = open_clock(&root).await;
    wait_for(&popover, ".activity-item").await;
    find(&popover, "#activity-summary-c1").click();
    next_tick().await;
    assert!(
        sent("customer").is_empty(),
        "the clock and its popover do not open the customer"
    );
    assert!(root
        .query_selector(".customer-form-view")
        .unwrap()
        .is_none());
    mouse_down_on(&root, ".clock-popover .activity-item");
    next_tick().await;
    assert!(
        root.query_selector(".clock-popover").unwrap().is_some(),
        "a press inside keeps it"
    );
    mouse_down_on(&root, "h1");
    wait_until("a press outside to close the popover", || {
        root.query_selector(".clock-popover").unwrap().is_none()
    })
    .await;
    find(&root, ".customer-card[data-customer=c2]").click();
    wait_until("the customer to be asked", || !sent("customer").is_empty()).await;
    assert_eq!(sent("customer")[0], r#"{"id":"c2"}"#);
    // The form's view (it says it cannot load: this fake shell knows no customer record).
    wait_for(&root, ".customer-form-view").await;
    assert!(root.query_selector(".customer-card").unwrap().is_none());
}
