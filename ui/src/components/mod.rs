//! The UI's components, one per file.

pub mod app;
pub mod card_page;
// connect: "Connect to your team" (enrolment).
pub mod connect_screen;
pub mod customer_card;
pub mod customer_form;
pub mod customer_list;
pub mod customers_screen;
pub mod home;
pub mod top_bar;
// screen: search, filters, grouping, saved searches and the card clock.
pub mod clock_popover;
pub mod dropdown;
pub mod facets;
pub mod filter_builder;
pub mod filter_menu;
pub mod group_by_menu;
pub mod group_page;
pub mod grouped_view;
pub mod kanban_group;
pub mod list_group;
pub mod outside_click;
pub mod progressive;
pub mod saved_searches;
pub mod search_bar;
pub mod sort_menu;
// form: the customer form, its tabs, the contact dialog, tags and the unsaved-changes guard.
pub mod contact_dialog;
pub mod duplicate_warning;
pub mod form_changed_banner;
pub mod form_contacts;
pub mod form_fields;
pub mod form_guard;
pub mod form_main;
pub mod form_mentions;
pub mod form_notes;
pub mod form_sales;
pub mod form_state;
pub mod merge_dialog;
pub mod merge_notices;
pub mod tag_input;
// settings: the Settings screen (reference lists and the team).
// encryption: the re-sync offered when this device's key cannot read its replica.
pub mod resync_screen;
pub mod settings_add;
pub mod settings_colours;
pub mod settings_entry;
pub mod settings_managed;
pub mod settings_screen;
pub mod settings_section;
pub mod settings_state;
pub mod settings_team;
// unsent: the unsent-changes panel, the mentions badge and the shared workspace.
pub mod mention_input;
pub mod mention_list;
pub mod mentions_badge;
pub mod unsent_button;
pub mod unsent_panel;
pub mod unsent_state;
pub mod workspace;
// history: the History tab, the conflict mark and its review.
pub mod conflict_mark;
pub mod conflict_review;
pub mod field_names;
pub mod form_history;
pub mod text_input;
pub mod update_banner;
// sales: the sales windows (issue 13): lists, the order and invoice forms, payments, statement.
pub mod customer_account_buttons;
pub mod customer_picker;
pub mod customer_statement;
pub mod invoice_form;
pub mod order_form;
pub mod order_lines;
pub mod order_state;
pub mod payment_dialog;
// product and purchase forms
pub mod product_form;
pub mod purchase_form;
pub mod sales_list;
pub mod sales_nav;
pub mod sales_rows;
pub mod sales_screen;
// sales windows' grouping and paging
pub mod sales_groups;
pub mod sales_table;
