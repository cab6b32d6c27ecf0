//! Privacy for the public build: masking people and numbers in the model
//! ([`Masker`]), and checking the finished output for anything that still
//! leaks ([`guard`]). Both read text the way a reader sees it
//! ([`crate::reading`]) and find numbers however they are typed ([`numbers`]).

mod guard;
mod masker;
pub mod numbers;

pub use crate::content::Register;
pub use guard::{Guard, Leak, guard};
pub use masker::{IdMask, Masker, NameMask};
