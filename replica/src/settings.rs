//! The workspace-settings document: reference lists the form picks from (tags, salespeople,
//! payment terms, pricelists, activity types), with sensible defaults on a new database.

use crate::document::ReferenceEntry;

/// The one settings document of a workspace.
pub use clientele_schema::ids::SETTINGS_ID;

/// The lists a new workspace starts with.
pub fn default_settings() -> Vec<(&'static str, ReferenceEntry)> {
    let entry = |id: &str, name: &str, color: u8, position: i64| ReferenceEntry {
        id: id.to_owned(),
        name: name.to_owned(),
        color,
        position,
    };
    vec![
        ("activity_types", entry("call", "Gọi điện", 0, 1)),
        ("activity_types", entry("email", "Email", 0, 2)),
        ("activity_types", entry("meeting", "Gặp mặt", 0, 3)),
        ("activity_types", entry("todo", "Việc cần làm", 0, 4)),
        ("payment_terms", entry("immediate", "Thanh toán ngay", 0, 1)),
        ("payment_terms", entry("15_days", "15 ngày", 0, 2)),
        ("payment_terms", entry("30_days", "30 ngày", 0, 3)),
        (
            "payment_terms",
            entry("end_of_next_month", "Cuối tháng sau", 0, 4),
        ),
        ("pricelists", entry("retail", "Bảng giá bán lẻ (VND)", 0, 1)),
        (
            "pricelists",
            entry("wholesale", "Bảng giá bán sỉ (VND)", 0, 2),
        ),
        ("tags", entry("retail", "khách lẻ", 1, 1)),
        ("tags", entry("wholesale", "bán sỉ", 2, 2)),
        ("tags", entry("consumer", "tiêu dùng", 3, 3)),
        ("tags", entry("vip", "VIP", 4, 4)),
        ("languages", entry("vi_VN", "Tiếng Việt", 0, 1)),
        ("languages", entry("en_US", "English (US)", 0, 2)),
        ("languages", entry("fr_FR", "Français", 0, 3)),
        ("languages", entry("zh_CN", "中文 (简体)", 0, 4)),
        ("languages", entry("ja_JP", "日本語", 0, 5)),
        ("languages", entry("ko_KR", "한국어", 0, 6)),
    ]
}
