//! Derived figures: tasks counted by status, closed share and overdue, the
//! same arithmetic for the town, an issue, a village or a unit.

use serde::Serialize;

use crate::content::Status;

/// Tasks counted by status, with the figures derived from them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Tally {
    /// 未启动.
    pub not_started: usize,
    /// 整改中.
    pub in_progress: usize,
    /// 待验收.
    pub awaiting_acceptance: usize,
    /// 已销号.
    pub closed: usize,
    /// All tasks.
    pub total: usize,
    /// Tasks past their deadline and not handed in.
    pub overdue: usize,
    /// Closed share, whole per cent, rounded down (so 99.6% is not "100%").
    pub percent_closed: usize,
    /// Handed-in share (awaiting acceptance or closed), whole per cent, rounded down.
    pub percent_handed_in: usize,
}

impl Tally {
    /// Counts one task.
    pub fn add(&mut self, status: Status, overdue: bool) {
        self.add_unsettled(status, overdue);
        self.settle();
    }

    /// Counts one task, leaving the shares as they were: a ledger counts
    /// a county's hundred thousand tasks into several tallies each, and
    /// works the shares out once at the end ([`Tally::settle`]).
    pub(crate) fn add_unsettled(&mut self, status: Status, overdue: bool) {
        match status {
            Status::NotStarted => self.not_started += 1,
            Status::InProgress => self.in_progress += 1,
            Status::AwaitingAcceptance => self.awaiting_acceptance += 1,
            Status::Closed => self.closed += 1,
        }
        self.total += 1;
        self.overdue += usize::from(overdue);
    }

    /// Works the shares out from the counts.
    pub(crate) fn settle(&mut self) {
        self.percent_closed = (self.closed * 100).checked_div(self.total).unwrap_or(0);
        self.percent_handed_in = ((self.closed + self.awaiting_acceptance) * 100)
            .checked_div(self.total)
            .unwrap_or(0);
    }

    /// Adds another tally's counts to this one.
    pub fn merge(&mut self, other: &Tally) {
        self.not_started += other.not_started;
        self.in_progress += other.in_progress;
        self.awaiting_acceptance += other.awaiting_acceptance;
        self.closed += other.closed;
        self.total += other.total;
        self.overdue += other.overdue;
        self.settle();
    }

    /// The count for one status.
    pub fn count(&self, status: Status) -> usize {
        match status {
            Status::NotStarted => self.not_started,
            Status::InProgress => self.in_progress,
            Status::AwaitingAcceptance => self.awaiting_acceptance,
            Status::Closed => self.closed,
        }
    }

    /// The status that sums up these tasks: closed when all are, awaiting
    /// acceptance when all are handed in, in progress once any has started.
    pub fn overall(&self) -> Option<Status> {
        if self.total == 0 {
            None
        } else if self.closed == self.total {
            Some(Status::Closed)
        } else if self.closed + self.awaiting_acceptance == self.total {
            Some(Status::AwaitingAcceptance)
        } else if self.not_started == self.total {
            Some(Status::NotStarted)
        } else {
            Some(Status::InProgress)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_down() {
        let mut tally = Tally::default();
        for _ in 0..2 {
            tally.add(Status::Closed, false);
        }
        tally.add(Status::InProgress, true);
        assert_eq!(
            (tally.percent_closed, tally.overdue, tally.total),
            (66, 1, 3)
        );
        assert_eq!(tally.overall(), Some(Status::InProgress));
        assert_eq!(Tally::default().overall(), None);
    }
}
