//! Where the work is done and who does it: villages with their figures,
//! responsible units, and what a village notice says about its posting.

use serde::Serialize;

#[cfg(doc)]
use super::Model;
use super::{Ref, Tally};
use crate::date::Date;

/// A village, community or resettlement area, with its ledger.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Village {
    /// Slug.
    pub id: String,
    /// Name.
    pub name: String,
    /// 村 / 社区 / 安置区.
    pub kind: &'static str,
    /// The village it belongs to.
    pub part_of: Option<Ref>,
    /// Its tasks' figures.
    pub tally: Tally,
    /// Its tasks (indices into [`Model::tasks`]).
    pub tasks: Vec<usize>,
    /// Numbers of issues that name it or assign it a task.
    pub issues: Vec<u32>,
    /// Its notes (indices into [`Model::notes`]).
    pub notes: Vec<usize>,
    /// Figures the plan gives for it.
    pub figures: Vec<VillageFigure>,
}

/// One village's row of a breakdown.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct VillageFigure {
    /// Issue number.
    pub issue: u32,
    /// Issue address part.
    pub issue_slug: String,
    /// What is counted.
    pub title: String,
    /// "25户 72人".
    pub values: Vec<String>,
}

/// A responsible unit and what it owns.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Unit {
    /// Slug.
    pub id: String,
    /// Name.
    pub name: String,
    /// Stands for every village (各村(社区)).
    pub all_villages: bool,
    /// Its tasks' figures.
    pub tally: Tally,
    /// Its tasks.
    pub tasks: Vec<usize>,
    /// Issues it is responsible for (or leads).
    pub issues: Vec<u32>,
    /// Issues it leads.
    pub leads: Vec<u32>,
}

/// What a village notice says about its posting (公示).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Notice {
    /// The day it is posted.
    pub posted: Date,
    /// The last day of the 公示期, when its length is known.
    pub until: Option<Date>,
    /// The 公示期 in days, when known.
    pub days: Option<u32>,
    /// 监督电话, when given.
    pub phone: Option<String>,
}
