//! The UI's components, one per file.

pub mod app;
pub mod customer_card;
pub mod customer_form;
pub mod customer_list;
pub mod customers_screen;
pub mod home;
pub mod top_bar;
