//! The UI's words in Vietnamese and English (glossary of ../shared/ui-guide.md), chosen at run
//! time; Vietnamese unless the system locale says otherwise.

/// The two languages of the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    /// The language of the system locale: English for `en*`, Vietnamese otherwise.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Vi
        }
    }

    /// The browser's (the webview's) locale.
    pub fn from_system() -> Lang {
        web_sys::window()
            .and_then(|w| w.navigator().language())
            .map(|l| Lang::from_locale(&l))
            .unwrap_or(Lang::Vi)
    }
}

/// Every text the UI shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Sales,
    Orders,
    Operations,
    Customers,
    Home,
    HomeHint,
    Create,
    Save,
    Discard,
    Individual,
    Company,
    CustomerName,
    Email,
    Phone,
    Kind,
    NewCustomer,
    Loading,
    NoCustomers,
    CouldNotLoad,
    CouldNotSave,
    Language,
    LocalOnly,
    SyncOffline,
    Syncing,
    SyncedAt,
    SyncError,
    ErrRequired,
    ErrEmail,
    ErrPhone,
    ErrTooLong,
    Search,
    SearchPlaceholder,
    Kanban,
    List,
    PreviousPage,
    NextPage,
    Pager,
    NoMatch,
    City,
    Country,
    Salesperson,
    Tags,
    ActivityOverdue,
    ActivityToday,
    ActivityPlanned,
    ActivityNone,
    Favourite,
    NotFavourite,
}

/// The text `key` in `lang`.
pub fn t(lang: Lang, key: Text) -> &'static str {
    use Text::*;
    match (lang, key) {
        (Lang::Vi, Sales) => "Bán hàng",
        (Lang::En, Sales) => "Sales",
        (Lang::Vi, Orders) => "Đơn hàng",
        (Lang::En, Orders) => "Orders",
        (Lang::Vi, Operations) => "Các hoạt động",
        (Lang::En, Operations) => "Operations",
        (Lang::Vi, Customers) => "Khách hàng",
        (Lang::En, Customers) => "Customers",
        (Lang::Vi, Home) => "Trang chủ",
        (Lang::En, Home) => "Home",
        (Lang::Vi, HomeHint) => "Mở Bán hàng ▸ Đơn hàng ▸ Khách hàng để làm việc với khách hàng.",
        (Lang::En, HomeHint) => "Open Sales ▸ Orders ▸ Customers to work with your customers.",
        (Lang::Vi, Create) => "Tạo",
        (Lang::En, Create) => "Create",
        (Lang::Vi, Save) => "Lưu",
        (Lang::En, Save) => "Save",
        (Lang::Vi, Discard) => "Hủy bỏ",
        (Lang::En, Discard) => "Discard",
        (Lang::Vi, Individual) => "Cá nhân",
        (Lang::En, Individual) => "Individual",
        (Lang::Vi, Company) => "Công ty",
        (Lang::En, Company) => "Company",
        (Lang::Vi, CustomerName) => "Tên khách hàng",
        (Lang::En, CustomerName) => "Customer name",
        (_, Email) => "Email",
        (Lang::Vi, Phone) => "Điện thoại",
        (Lang::En, Phone) => "Phone",
        (Lang::Vi, Kind) => "Loại khách hàng",
        (Lang::En, Kind) => "Customer type",
        (Lang::Vi, NewCustomer) => "Mới",
        (Lang::En, NewCustomer) => "New",
        (Lang::Vi, Loading) => "Đang tải…",
        (Lang::En, Loading) => "Loading…",
        (Lang::Vi, NoCustomers) => "Chưa có khách hàng. Bấm Tạo để thêm khách hàng đầu tiên.",
        (Lang::En, NoCustomers) => "No customers yet. Press Create to add the first one.",
        (Lang::Vi, CouldNotLoad) => "Không tải được danh sách khách hàng",
        (Lang::En, CouldNotLoad) => "Could not load the customers",
        (Lang::Vi, CouldNotSave) => "Không lưu được khách hàng",
        (Lang::En, CouldNotSave) => "Could not save the customer",
        (Lang::Vi, Language) => "Ngôn ngữ",
        (Lang::En, Language) => "Language",
        (Lang::Vi, LocalOnly) => "Chỉ trên máy này",
        (Lang::En, LocalOnly) => "Local only",
        (Lang::Vi, SyncOffline) => "Ngoại tuyến: thay đổi được giữ lại",
        (Lang::En, SyncOffline) => "Offline: changes are kept",
        (Lang::Vi, Syncing) => "Đang đồng bộ…",
        (Lang::En, Syncing) => "Syncing…",
        (Lang::Vi, SyncedAt) => "Đã đồng bộ",
        (Lang::En, SyncedAt) => "Up to date",
        (Lang::Vi, SyncError) => "Lỗi đồng bộ",
        (Lang::En, SyncError) => "Sync error",
        (Lang::Vi, ErrRequired) => "Trường này bắt buộc: hãy nhập một giá trị.",
        (Lang::En, ErrRequired) => "This field is required: type a value.",
        (Lang::Vi, ErrEmail) => "Email chưa đúng dạng: hãy viết như ten@congty.vn.",
        (Lang::En, ErrEmail) => "Not an email address: write it as name@example.com.",
        (Lang::Vi, ErrPhone) => {
            "Số điện thoại chưa đúng: chỉ dùng chữ số, khoảng trắng và + ( ) - ."
        }
        (Lang::En, ErrPhone) => "Not a phone number: use digits, spaces and + ( ) - . only.",
        (Lang::Vi, ErrTooLong) => "Quá dài: tối đa 256 ký tự.",
        (Lang::En, ErrTooLong) => "Too long: at most 256 characters.",
        (Lang::Vi, Search) => "Tìm kiếm",
        (Lang::En, Search) => "Search",
        (Lang::Vi, SearchPlaceholder) => "tìm… (nguyen, 0903…)",
        (Lang::En, SearchPlaceholder) => "search… (nguyen, 0903…)",
        (_, Kanban) => "Kanban",
        (Lang::Vi, List) => "Danh sách",
        (Lang::En, List) => "List",
        (Lang::Vi, PreviousPage) => "Trang trước",
        (Lang::En, PreviousPage) => "Previous page",
        (Lang::Vi, NextPage) => "Trang sau",
        (Lang::En, NextPage) => "Next page",
        (Lang::Vi, Pager) => "Phân trang",
        (Lang::En, Pager) => "Pager",
        (Lang::Vi, NoMatch) => "Không có khách hàng nào khớp với tìm kiếm.",
        (Lang::En, NoMatch) => "No customer matches the search.",
        (Lang::Vi, City) => "Thành phố",
        (Lang::En, City) => "City",
        (Lang::Vi, Country) => "Quốc gia",
        (Lang::En, Country) => "Country",
        (Lang::Vi, Salesperson) => "Nhân viên kinh doanh",
        (Lang::En, Salesperson) => "Salesperson",
        (Lang::Vi, Tags) => "Từ khoá",
        (Lang::En, Tags) => "Tags",
        (Lang::Vi, ActivityOverdue) => "Hoạt động: quá hạn",
        (Lang::En, ActivityOverdue) => "Activities: overdue",
        (Lang::Vi, ActivityToday) => "Hoạt động: hôm nay",
        (Lang::En, ActivityToday) => "Activities: today",
        (Lang::Vi, ActivityPlanned) => "Hoạt động: đã lên kế hoạch",
        (Lang::En, ActivityPlanned) => "Activities: planned",
        (Lang::Vi, ActivityNone) => "Không có hoạt động",
        (Lang::En, ActivityNone) => "No activities",
        (Lang::Vi, Favourite) => "Yêu thích",
        (Lang::En, Favourite) => "Favourite",
        (Lang::Vi, NotFavourite) => "Không yêu thích",
        (Lang::En, NotFavourite) => "Not a favourite",
    }
}

/// A count with the language's thousands separator: "100.000" in Vietnamese, "100,000" in
/// English.
pub fn format_count(lang: Lang, n: u64) -> String {
    let separator = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_use_the_language_thousands_separator() {
        assert_eq!(format_count(Lang::Vi, 100_000), "100.000");
        assert_eq!(format_count(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(format_count(Lang::Vi, 80), "80");
        assert_eq!(format_count(Lang::Vi, 0), "0");
    }

    #[test]
    fn locale_picks_english_only_for_english() {
        assert_eq!(Lang::from_locale("en-US"), Lang::En);
        assert_eq!(Lang::from_locale("vi-VN"), Lang::Vi);
        assert_eq!(Lang::from_locale("fr"), Lang::Vi);
    }
}
