//! What Clientele's tests and benchmarks share, so each exists once: the checkout they run in
//! (found at run time, never baked in at compile time), benchmark figures printed beside a raw
//! baseline from the same run, and the generator of Vietnamese customers.

pub mod checkout;
pub mod figures;
pub mod memory_server;
pub mod vietnamese;
pub mod wait;

pub use checkout::Checkout;
pub use figures::Figures;
