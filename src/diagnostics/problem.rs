//! The catalogue of problems: each mistake with the facts its message
//! needs, its stable code and its severity. What each says is in
//! [`super::message`], what to do about it in [`super::hint`].

use super::Severity;
use super::named::{AcceptancePart, Kind, LeakPlace, Leaked};

/// One kind of mistake, with the facts its message needs.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The file exists but could not be read.
    CannotRead {
        /// The operating system's reason.
        reason: String,
    },
    /// The file is not valid UTF-8 (often GBK from an old editor).
    NotUtf8,
    /// The file is empty.
    EmptyFile,
    /// A directory stands where a content file is expected.
    NotAFile,
    /// A symbolic link leads outside the site root, so it is not followed.
    LinkOutsideRoot {
        /// Where the link points.
        target: String,
    },
    /// Walking the content folder failed (for example a symlink loop).
    WalkFailed {
        /// The reason reported by the walk.
        reason: String,
    },
    /// A file or folder every site needs is missing.
    MissingFile {
        /// Its path relative to the root.
        path: &'static str,
    },
    /// A Markdown note or page lacks the `---` front matter.
    MissingFrontMatter,
    /// The front matter opens with `---` but never closes.
    UnclosedFrontMatter,
    /// The YAML parser rejected the text.
    YamlSyntax {
        /// The parser's own description.
        detail: String,
    },
    /// A key this place does not take.
    UnknownKey {
        /// The key as written.
        key: String,
        /// Every key allowed here.
        allowed: &'static [&'static str],
    },
    /// A key written twice in one mapping.
    DuplicateKey {
        /// The key.
        key: String,
    },
    /// A value of the wrong kind.
    WrongType {
        /// What this place takes.
        expected: Kind,
        /// What was written.
        found: Kind,
    },
    /// A required key is absent.
    MissingKey {
        /// The key.
        key: &'static str,
    },
    /// A date that is not a real `YYYY-MM-DD` date.
    BadDate {
        /// The text as written.
        text: String,
    },
    /// A value outside a fixed list (a status, a kind).
    BadChoice {
        /// The text as written.
        text: String,
        /// The accepted spellings.
        allowed: Vec<&'static str>,
    },
    /// A text that must not be empty is empty.
    EmptyText {
        /// The key.
        key: &'static str,
    },
    /// An id that is not a lower-case ASCII slug.
    BadId {
        /// The id as written.
        text: String,
    },
    /// A number outside its allowed range.
    OutOfRange {
        /// The value as written.
        value: String,
        /// The smallest allowed.
        min: i64,
        /// The largest allowed.
        max: i64,
    },
    /// Two issues share a number.
    DuplicateNumber {
        /// The number.
        number: u32,
        /// Where it was first used, as `path:line`.
        first: String,
    },
    /// Two things of one kind share an id or name.
    DuplicateId {
        /// What kind of thing (village, unit, indicator …).
        what: &'static str,
        /// The shared id.
        id: String,
        /// Where it was first used, as `path:line`.
        first: String,
    },
    /// A reference to a village that `site.yaml` does not list.
    UnknownVillage {
        /// The reference as written.
        name: String,
        /// The closest known village, if any is close.
        suggestion: Option<String>,
    },
    /// A reference to a unit that `site.yaml` does not list.
    UnknownUnit {
        /// The reference as written.
        name: String,
        /// The closest known unit, if any is close.
        suggestion: Option<String>,
    },
    /// A reference to an issue number no issue file has.
    UnknownIssue {
        /// The number.
        number: u32,
    },
    /// A task names a measure number its issue does not have.
    UnknownMeasure {
        /// The number as written.
        number: u32,
        /// How many measures the issue has.
        count: usize,
    },
    /// A task names neither a village nor a unit.
    TaskWithoutOwner,
    /// A task is closed out without full acceptance.
    ClosedWithoutAcceptance {
        /// What is missing: date, accepting unit, evidence.
        missing: Vec<AcceptancePart>,
    },
    /// A task's status is not the status its history ends with.
    StatusDisagreesWithHistory {
        /// The `status` field.
        status: String,
        /// The last history entry's status.
        last: String,
    },
    /// A dated record lies after the as-of date.
    DateAfterAsOf {
        /// The date written.
        date: String,
        /// The as-of date.
        as_of: String,
    },
    /// Dated records go backwards.
    DatesOutOfOrder {
        /// The date written.
        date: String,
        /// The date before it.
        previous: String,
    },
    /// A deadline before the plan was even issued.
    DeadlineBeforePlan {
        /// The deadline.
        deadline: String,
        /// The plan's date.
        plan: String,
    },
    /// A deadline in words none of the known forms.
    BadDeadline {
        /// The text as written.
        text: String,
        /// The forms read, for the hint.
        forms: &'static [&'static str],
    },
    /// A document date in none of the forms read.
    BadDocumentDate {
        /// The text as written.
        text: String,
        /// The forms read, for the hint.
        forms: &'static [&'static str],
    },
    /// A progress word (已完成, 正在整改 …) that is not in the table.
    UnknownProgressWord {
        /// The word as written.
        word: String,
        /// The words read, for the hint.
        known: &'static [&'static str],
    },
    /// More problems (or more of one status) are listed than the report
    /// says it has.
    MoreListedThanDeclared {
        /// What is counted: 问题, 方面, or 正在整改的问题.
        what: String,
        /// As the report states it.
        declared: u32,
        /// As listed.
        listed: u32,
    },
    /// A phase ends before it starts.
    PhaseEndsBeforeStart {
        /// Start date.
        start: String,
        /// End date.
        end: String,
    },
    /// A breakdown row has the wrong number of values.
    BreakdownWidth {
        /// Columns declared.
        expected: usize,
        /// Values given.
        found: usize,
    },
    /// A breakdown's stated total is not the sum of its rows.
    BreakdownTotal {
        /// The column name.
        column: String,
        /// Sum of the rows.
        sum: String,
        /// The total written.
        total: String,
    },
    /// A person in the register is named nowhere in the content.
    PersonNotMentioned {
        /// The name.
        name: String,
    },
    /// The site has content but no person register, and does not declare
    /// that its plan names no private persons.
    MissingRegister {
        /// `people.yaml` is missing (true) or lists nobody (false).
        missing: bool,
    },
    /// `base_url` is not an absolute `http(s)://` address.
    BadBaseUrl {
        /// The value as written.
        text: String,
    },
    /// A link in content to a page or anchor the build does not produce.
    BrokenLink {
        /// The target as written.
        target: String,
    },
    /// The public site would publish a registered name or a number in
    /// clear: found by the leak guard in an output file, not in content.
    Leak {
        /// What was found.
        found: Leaked,
        /// Its first characters (one of a name, three of a number): enough
        /// to find it, masked for the message.
        start: String,
        /// Where in the file.
        place: LeakPlace,
    },
    /// Warning: a task is past its deadline and not yet handed in.
    Overdue {
        /// Which task: its owner and what it is.
        task: String,
        /// The deadline.
        deadline: String,
        /// Days late at the as-of date.
        days: i64,
    },
    /// Warning: a task has had no dated update for a long time.
    Stale {
        /// Which task: its owner and what it is.
        task: String,
        /// The last dated entry.
        last: String,
        /// Days since then at the as-of date.
        days: i64,
    },
    /// Warning: no as-of date, so date checks were skipped.
    NoAsOf,
    /// Warning: `base_url` is missing.
    RelativeBaseUrl,
    /// Warning: what reads like a resident's name is not in the register.
    UnregisteredName {
        /// The likely name.
        name: String,
    },
    /// Warning: a registered name also stands inside one of the site's own
    /// names, where it is not masked.
    AmbiguousName {
        /// The registered name.
        name: String,
        /// The site's word it stands in.
        word: String,
    },
    /// Warning: a FIFO, socket or device in the content folder, not read.
    SpecialFile,
}

impl Problem {
    /// The stable code printed as `error[E030]`.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::CannotRead { .. } => "E001",
            Problem::NotUtf8 => "E002",
            Problem::EmptyFile => "E003",
            Problem::NotAFile => "E004",
            Problem::LinkOutsideRoot { .. } => "E005",
            Problem::WalkFailed { .. } => "E006",
            Problem::MissingFile { .. } => "E007",
            Problem::MissingFrontMatter => "E008",
            Problem::UnclosedFrontMatter => "E009",
            Problem::YamlSyntax { .. } => "E010",
            Problem::UnknownKey { .. } => "E011",
            Problem::DuplicateKey { .. } => "E019",
            Problem::WrongType { .. } => "E012",
            Problem::MissingKey { .. } => "E013",
            Problem::BadDate { .. } => "E014",
            Problem::BadChoice { .. } => "E015",
            Problem::EmptyText { .. } => "E016",
            Problem::BadId { .. } => "E017",
            Problem::OutOfRange { .. } => "E018",
            Problem::DuplicateNumber { .. } => "E020",
            Problem::DuplicateId { .. } => "E021",
            Problem::UnknownVillage { .. } => "E030",
            Problem::UnknownUnit { .. } => "E031",
            Problem::UnknownIssue { .. } => "E032",
            Problem::UnknownMeasure { .. } => "E033",
            Problem::TaskWithoutOwner => "E034",
            Problem::ClosedWithoutAcceptance { .. } => "E040",
            Problem::StatusDisagreesWithHistory { .. } => "E041",
            Problem::DateAfterAsOf { .. } => "E050",
            Problem::DatesOutOfOrder { .. } => "E051",
            Problem::DeadlineBeforePlan { .. } => "E052",
            Problem::PhaseEndsBeforeStart { .. } => "E053",
            Problem::BadDeadline { .. } => "E054",
            Problem::BadDocumentDate { .. } => "E055",
            Problem::UnknownProgressWord { .. } => "E056",
            Problem::BreakdownWidth { .. } => "E060",
            Problem::BreakdownTotal { .. } => "E061",
            Problem::MoreListedThanDeclared { .. } => "E062",
            Problem::PersonNotMentioned { .. } => "E070",
            Problem::MissingRegister { .. } => "E071",
            Problem::BadBaseUrl { .. } => "E072",
            Problem::BrokenLink { .. } => "E080",
            Problem::Leak { .. } => "E090",
            Problem::Overdue { .. } => "W101",
            Problem::Stale { .. } => "W102",
            Problem::NoAsOf => "W103",
            Problem::RelativeBaseUrl => "W104",
            Problem::UnregisteredName { .. } => "W105",
            Problem::AmbiguousName { .. } => "W106",
            Problem::SpecialFile => "W107",
        }
    }

    /// Errors stop the build; warnings are shown and let it go on.
    pub fn severity(&self) -> Severity {
        if self.code().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let problems = [
            Problem::NotUtf8,
            Problem::EmptyFile,
            Problem::NotAFile,
            Problem::MissingFrontMatter,
            Problem::UnclosedFrontMatter,
            Problem::TaskWithoutOwner,
            Problem::NoAsOf,
        ];
        let mut codes: Vec<_> = problems.iter().map(Problem::code).collect();
        codes.dedup();
        assert_eq!(codes.len(), problems.len());
    }
}
