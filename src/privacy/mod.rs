//! Privacy for the public build: masking people and numbers in the model
//! ([`Masker`]), and checking the finished output for anything that still
//! leaks ([`guard`]). Both read text the way a reader sees it
//! ([`reading`]) and find numbers however they are typed ([`numbers`]).

mod guard;
mod masker;
pub mod numbers;
pub mod reading;

pub use guard::{Guard, Leak, guard};
pub use masker::{IdMask, Masker, NameMask, Register};
