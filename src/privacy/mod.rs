//! Privacy for the public build: masking people and numbers in the model
//! ([`Masker`]). The output stage's leak guard ([`crate::output::guard`])
//! uses the same name finder and number patterns; both read text the way a
//! reader sees it ([`crate::reading`]) and find numbers however they are
//! typed ([`numbers`]).

mod masker;
pub mod numbers;

pub use crate::content::Register;
pub use masker::Masker;
pub(crate) use masker::NameFinder;
