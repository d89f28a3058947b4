//! Clientele's shared domain: what a customer is, what makes one valid, and the contract of the
//! commands the UI sends to the desktop shell. No IO here, so it compiles for wasm32 and native.

pub mod commands;
pub mod countries;
pub mod customer;
pub mod customer_fields;
mod examples;
pub mod query;
pub mod rules;
pub mod sales;
pub mod sync;
pub mod team;
pub mod validation;

pub use commands::{Command, CommandError, ErrorCode, Event};
pub use customer::{
    ActivityDraft, ActivityState, ActivityStatus, Address, ContactDraft, ContactType, Customer,
    CustomerDraft, CustomerId, CustomerKind,
};
pub use validation::{CustomerField, FieldError, ValidationErrors};
