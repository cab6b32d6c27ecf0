//! Privacy for the public build: masking people and numbers in the model
//! ([`Masker`]), and checking the finished output for anything that still
//! leaks ([`guard`]).

mod guard;
mod masker;

pub use guard::{Guard, Leak, guard};
pub use masker::{IdMask, Masker, NameMask};
