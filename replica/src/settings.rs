//! The workspace-settings document: reference lists the form picks from (tags, salespeople,
//! payment terms, pricelists, activity types), with sensible defaults on a new database.

use clientele_model::commands::ReferenceItem;

/// The one settings document of a workspace.
pub use clientele_schema::ids::SETTINGS_ID;

/// A default entry as `(id, name, colour)`.
type DefaultEntry = (&'static str, &'static str, u8);

/// The lists a new workspace starts with, each with its entries in the order the menus show
/// them (their position counts from 1).
const DEFAULT_LISTS: &[(&str, &[DefaultEntry])] = &[
    (
        "activity_types",
        &[
            ("call", "Gọi điện", 0),
            ("email", "Email", 0),
            ("meeting", "Gặp mặt", 0),
            ("todo", "Việc cần làm", 0),
        ],
    ),
    (
        "payment_terms",
        &[
            ("immediate", "Thanh toán ngay", 0),
            ("15_days", "15 ngày", 0),
            ("30_days", "30 ngày", 0),
            ("end_of_next_month", "Cuối tháng sau", 0),
        ],
    ),
    (
        "pricelists",
        &[
            ("retail", "Bảng giá bán lẻ (VND)", 0),
            ("wholesale", "Bảng giá bán sỉ (VND)", 0),
        ],
    ),
    (
        "tags",
        &[
            ("retail", "khách lẻ", 1),
            ("wholesale", "bán sỉ", 2),
            ("consumer", "tiêu dùng", 3),
            ("vip", "VIP", 4),
        ],
    ),
    (
        "languages",
        &[
            ("vi_VN", "Tiếng Việt", 0),
            ("en_US", "English (US)", 0),
            ("fr_FR", "Français", 0),
            ("zh_CN", "中文 (简体)", 0),
            ("ja_JP", "日本語", 0),
            ("ko_KR", "한국어", 0),
        ],
    ),
];

/// The lists a new workspace starts with, entry by entry.
pub fn default_settings() -> Vec<(&'static str, ReferenceItem)> {
    DEFAULT_LISTS
        .iter()
        .flat_map(|&(list, entries)| {
            entries
                .iter()
                .zip(1..)
                .map(move |(&(id, name, color), position)| {
                    let entry = ReferenceItem {
                        id: id.to_owned(),
                        name: name.to_owned(),
                        color,
                        position,
                        archived: false,
                    };
                    (list, entry)
                })
        })
        .collect()
}
