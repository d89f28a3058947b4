//! Example customers for tests in every crate: one shared draft, so the model's field table,
//! the replica's document mapping and its end-to-end field walk check the same customer.

use crate::customer::{Address, CustomerDraft, CustomerKind};

impl CustomerDraft {
    /// A person at the company `c-donga` with every field set to a distinct, non-default
    /// value that validation keeps as given. Its references are ids of a new workspace's
    /// default lists (tags `vip` and `wholesale`, payment terms `30_days`, pricelist
    /// `wholesale`) and the salesperson `lan`, which a test adds.
    #[doc(hidden)]
    pub fn example_full() -> Self {
        CustomerDraft {
            kind: CustomerKind::Individual,
            name: "Nguyễn Thị Đào".into(),
            company_id: Some("c-donga".into()),
            function: "Kế toán".into(),
            address: Address {
                street: "12 Lê Lợi".into(),
                street2: "Tầng 3".into(),
                city: "Huế".into(),
                state: "Thừa Thiên Huế".into(),
                zip: "530000".into(),
                country: "VN".into(),
            },
            tax_id: "0100109106".into(),
            email: "dao@donga.vn".into(),
            phone: "+84 28 3823 4567".into(),
            mobile: "+84 903 123 456".into(),
            website: "https://donga.vn/".into(),
            language: "vi_VN".into(),
            tag_ids: vec!["vip".into(), "wholesale".into()],
            salesperson_id: Some("lan".into()),
            payment_terms_id: Some("30_days".into()),
            pricelist_id: Some("wholesale".into()),
            purchase_payment_terms_id: Some("immediate".into()),
            receipt_reminder: true,
            notes: "Gọi trước khi giao hàng.\nKhách quen.".into(),
        }
    }
}
