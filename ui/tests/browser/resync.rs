//! The window when this device's key cannot read its local database: the re-sync offer instead
//! of the screens, its button asks the shell to re-sync, and a refusal is shown in words.

use super::screen_support::{find, screen_shell, texts, wait_until};
use super::*;

const UNREADABLE: &str = "the local database /data/clientele.sqlite3 cannot be read with this \
    device's key";

fn unreadable_shell(resync: &str) {
    screen_shell(
        "args => ({rows: [], total: 0})",
        &format!(
            "{{
            app_info: () => ({{locale: 'vi-VN', sync_server: 'https://sync.example.vn',
                replica_unreadable: \"{UNREADABLE}\"}}),
            resync_replica: {resync},
        }}"
        ),
    );
}

#[wasm_bindgen_test]
async fn an_unreadable_replica_offers_the_resync_instead_of_the_screens() {
    unreadable_shell("() => new Promise(() => {})");
    let root = mount(Screen::Customers);
    let offer = wait_for(&root, ".resync").await;
    assert_eq!(texts(&offer, "h1"), ["Không đọc được dữ liệu trên máy này"]);
    assert_eq!(texts(&offer, ".resync-detail"), [UNREADABLE]);
    assert!(root
        .query_selector(".customer-card, .top-bar")
        .unwrap()
        .is_none());
    let button = find(&offer, "button");
    assert_eq!(button.text_content().unwrap(), "Tải lại từ máy chủ");
    button.click();
    wait_until("the shell is asked to re-sync", || {
        js_sys::eval("window.__calls.some(c => c[0] === 'resync_replica')")
            .unwrap()
            .as_bool()
            .unwrap_or(false)
    })
    .await;
    wait_until("the button waits", || {
        find(&offer, "button").has_attribute("disabled")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_refused_resync_is_shown_and_can_be_tried_again() {
    unreadable_shell("() => Promise.reject({code: 'storage', message: 'cannot move the file'})");
    let root = mount(Screen::Customers);
    let offer = wait_for(&root, ".resync").await;
    find(&offer, "button").click();
    let error = wait_for(&offer, ".load-error").await;
    assert_eq!(error.text_content().unwrap(), "cannot move the file");
    assert!(!find(&offer, "button").has_attribute("disabled"));
}
