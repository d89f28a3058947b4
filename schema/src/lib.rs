//! The document schema that the replica (which writes documents) and the sync server (which
//! stores, checks and hands them out) share, so it is written once: the document classes, how
//! document ids are made, the keys the server reads inside documents for its role checks, and
//! who may see which class, from which both server stores derive their SQL, and how the server
//! numbers sales records.
//!
//! No dependencies and no IO: it is a set of names and one rule.

pub mod class;
pub mod ids;
pub mod keys;
pub mod numbering;
pub mod visibility;

pub use class::DocumentClass;
pub use visibility::Viewer;
