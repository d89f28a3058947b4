//! The Settings screen in the browser, with the fake shell: a manager renames and recolours a
//! tag in place and sees it; a bad name shows under its field; a rep sees the lists read-only,
//! with no control to change them; with a sync server the team is the server's, read-only;
//! what IT's managed configuration locked is listed read-only, marked as managed.

use super::screen_support::*;
use super::*;

/// The fake shell's answers to the Settings screen: `edit` says whether the user may edit the
/// settings, `server` is the sync server's address (JS, `null` for none).
fn settings_shell(edit: bool, server: &str) {
    settings_shell_with_info(edit, &format!("{{locale: 'vi-VN', sync_server: {server}}}"));
}

/// `settings_shell` with `app_info`'s whole answer (JS).
fn settings_shell_with_info(edit: bool, info: &str) {
    screen_shell(
        "args => ({rows: [], total: 0})",
        &format!(
            "{{
            screen_context: () => ({{user_id: 'lan', salespeople: [], tags: [], activity_types: [],
                permissions: {{edit_settings: {edit}, archive_any_customer: {edit}, private_addresses: true}},
                team: [{{user: 'lan', display_name: 'Nguyễn Thị Lan', role: 'manager', active: true}},
                       {{user: 'minh', display_name: 'Lê Minh', role: 'rep', active: false}}]}}),
            app_info: () => ({info}),
            settings_lists: () => ({{
                tags: [{{id: 't1', name: 'khách lẻ', color: 3, position: 1}},
                       {{id: 't2', name: 'bán sỉ', color: 4, position: 2, archived: true}}],
                payment_terms: [{{id: 'immediate', name: 'Thanh toán ngay', position: 1}}],
                pricelists: [{{id: 'retail', name: 'Bảng giá bán lẻ (VND)', position: 1}}],
                activity_types: [{{id: 'call', name: 'Gọi điện', position: 1}},
                                 {{id: 'meeting', name: 'Gặp mặt', position: 2}}],
                salespeople: [{{id: 'lan', name: 'Nguyễn Thị Lan', position: 1}}]}}),
            update_settings_entry: args => args.name.trim() === ''
                ? Promise.reject({{code: 'validation', message: 'a name is required', field: 'name',
                    field_errors: [{{field: 'name', problem: 'required', message: 'a name is required'}}]}})
                : ({{id: args.id, name: args.name.trim(), color: args.color, position: 1}}),
        }}"
        ),
    );
}

#[wasm_bindgen_test]
async fn a_manager_renames_and_recolours_a_tag_and_sees_it() {
    settings_shell(true, "null");
    let root = mount(Screen::Settings);
    wait_for_text(&root, "h1", "Cài đặt").await;
    let row = wait_for(&root, "#settings-tags-t1").await;
    assert_eq!(texts(&row, ".tag-chip"), ["khách lẻ"]);
    labelled(&row, "Sửa khách lẻ").click();
    wait_for(&row, "#settings-tags-t1-name").await;

    // An empty name is refused under the field, in words.
    type_in(&row, "#settings-tags-t1-name", "  ");
    next_tick().await;
    find(&row, "button[type=submit]").click();
    let error = wait_for(&row, ".field-error").await;
    assert_eq!(error.text_content().unwrap(), "Hãy nhập tên.");
    assert_eq!(
        find(&row, "#settings-tags-t1-name")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );

    type_in(&row, "#settings-tags-t1-name", "khách quen");
    next_tick().await;
    labelled(&row, "Màu 8").click();
    next_tick().await;
    assert_eq!(
        labelled(&row, "Màu 8")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    find(&row, "button[type=submit]").click();
    wait_until("the edit form closes", || {
        row.query_selector("form").unwrap().is_none()
    })
    .await;
    let chip = find(&row, ".tag-chip");
    assert_eq!(chip.text_content().unwrap(), "khách quen");
    assert!(
        chip.class_name()
            .split_whitespace()
            .any(|c| c == "tag-color-7"),
        "{}",
        chip.class_name()
    );
    let sent = sent("update_settings_entry");
    let last = sent.last().unwrap();
    for part in [
        r#""list":"tags""#,
        r#""id":"t1""#,
        r#""name":"khách quen""#,
        r#""color":7"#,
    ] {
        assert!(last.contains(part), "{last}");
    }
    // The archived tag is marked, and may be restored; the local team list is editable.
    let archived = find(&root, "#settings-tags-t2");
    assert!(archived.text_content().unwrap().contains("Đã lưu trữ"));
    labelled(&archived, "Khôi phục bán sỉ");
    find(&root, "#settings-salespeople-new-login");
    find(&root, "#settings-salespeople-new-name");
}

#[wasm_bindgen_test]
async fn a_rep_sees_the_settings_read_only() {
    settings_shell(false, "null");
    let root = mount(Screen::Settings);
    wait_for(&root, "#settings-tags-t1").await;
    wait_for(&root, ".settings-note.read-only").await;
    let screen = find(&root, ".settings");
    assert!(screen.text_content().unwrap().contains("khách lẻ"));
    assert!(screen.text_content().unwrap().contains("Gọi điện"));
    assert!(
        screen
            .query_selector("input, form, .entry-controls, .settings-colours")
            .unwrap()
            .is_none(),
        "a rep has no edit control: {}",
        screen.inner_html()
    );
    assert_eq!(
        texts(&screen, ".settings-section button"),
        Vec::<String>::new()
    );
}

#[wasm_bindgen_test]
async fn with_a_sync_server_the_team_is_the_server_s_and_read_only() {
    settings_shell(true, "'https://sync.example.vn'");
    let root = mount(Screen::Settings);
    let team = wait_for(&root, ".settings-team").await;
    let rows = texts(&team, "tbody tr");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].contains("Nguyễn Thị Lan") && rows[0].contains("Quản lý"));
    assert!(rows[1].contains("Lê Minh") && rows[1].contains("Đã ngừng"));
    assert!(team.query_selector("input, button").unwrap().is_none());
    assert!(root
        .query_selector("#settings-salespeople-new-login")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn the_top_bar_leads_to_the_settings() {
    settings_shell(true, "null");
    let root = mount(Screen::Home);
    wait_for(&root, ".home").await;
    button(&root, "Cài đặt").click();
    wait_for(&root, "#settings-tags-t1").await;
}

#[wasm_bindgen_test]
async fn managed_settings_are_listed_read_only_and_marked_as_managed() {
    settings_shell_with_info(
        true,
        "{locale: 'vi-VN', sync_server: 'https://sync.example.vn',
          managed: ['cache_private_addresses', 'sync_server', 'update_channel', 'updates'],
          managed_settings: [
            {key: 'sync_server', value: 'https://sync.example.vn'},
            {key: 'update_channel', value: 'beta'},
            {key: 'updates', value: 'true'},
            {key: 'cache_private_addresses', value: 'false'}]}",
    );
    let root = mount(Screen::Settings);
    let section = wait_for(&root, ".settings-managed").await;
    assert_eq!(texts(&section, "h2"), ["Do tổ chức quản lý"]);
    let row = |key: &str| find(&section, &format!("#managed-{key}"));
    assert_eq!(texts(&row("sync_server"), "th"), ["Máy chủ đồng bộ"]);
    assert_eq!(
        texts(&row("sync_server"), ".managed-value"),
        ["https://sync.example.vn"]
    );
    assert_eq!(
        texts(&row("update_channel"), ".managed-value"),
        ["Thử nghiệm"]
    );
    assert_eq!(texts(&row("updates"), ".managed-value"), ["Bật"]);
    assert_eq!(
        texts(&row("cache_private_addresses"), ".managed-value"),
        ["Tắt"]
    );
    assert_eq!(
        texts(&section, ".managed-badge"),
        ["Do bộ phận IT quản lý"; 4]
    );
    // Read-only: nothing in it can be typed into or pressed.
    assert!(section
        .query_selector("input, button, select")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn without_managed_settings_there_is_no_managed_section() {
    settings_shell(true, "null");
    let root = mount(Screen::Settings);
    wait_for(&root, "#settings-tags-t1").await;
    assert!(root.query_selector(".settings-managed").unwrap().is_none());
}
