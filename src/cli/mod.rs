//! The command line, apart from `main`: arguments, one function per
//! command, and what is printed.

pub(crate) mod args;
pub(crate) mod commands;
pub(crate) mod messages;
pub(crate) mod office;
