//! Deadlines as plans write them (整改时限): a date (`2025-09-30`), or words —
//! `9月底前,并长期坚持`, `2018年12月底前`, `12月31日前`, `年底前`, `长期坚持`,
//! `立行立改`, `每季度`. The wording is kept as written; a date is derived
//! where the words name one, the year from the plan when they leave it out.

use std::sync::LazyLock;

use regex::Regex;

use crate::date::Date;

/// A deadline: what was written, and what it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// The wording as written, or the date as `YYYY-MM-DD`.
    pub written: String,
    /// By when, or which kind of deadline without a date.
    pub kind: DeadlineKind,
    /// 并长期坚持: the work goes on after the date.
    pub ongoing: bool,
}

/// What a deadline's words mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadlineKind {
    /// By a day. Without a year the plan's is meant (or the next one, when
    /// that day would fall before the plan was issued).
    By {
        /// The year, when written.
        year: Option<i32>,
        /// 1–12.
        month: u32,
        /// The day, or `None` for the end of the month (月底).
        day: Option<u32>,
    },
    /// 长期坚持, 持续推进: never due.
    Ongoing,
    /// 立行立改: at once; no date to be late against.
    Immediate,
    /// 每月, 每季度, 每半年, 每年: due again and again.
    Recurring,
}

impl Deadline {
    /// The deadline as pages show it: the plan's words, with 并长期坚持
    /// added to a plain date marked `ongoing: true`.
    pub fn shown(&self) -> String {
        if self.ongoing && !self.written.contains("长期坚持") {
            format!("{},并长期坚持", self.written)
        } else {
            self.written.clone()
        }
    }

    /// The day it falls on, for a plan issued on `plan` (for the year words
    /// leave out); `None` for the kinds without a date.
    pub fn date(&self, plan: Option<Date>) -> Option<Date> {
        let DeadlineKind::By { year, month, day } = self.kind else {
            return None;
        };
        let on = |year: i32| match day {
            Some(day) => Date::new(year, month, day),
            None => Date::new(year, month, 1).map(|first| first.plus_months(1).plus_days(-1)),
        };
        match (year, plan) {
            (Some(year), _) => on(year),
            (None, Some(plan)) => {
                let this_year = on(plan.year())?;
                if this_year < plan {
                    on(plan.year() + 1)
                } else {
                    Some(this_year)
                }
            }
            (None, None) => None,
        }
    }
}

/// The forms understood, for the message when a deadline is not one.
pub const FORMS: &[&str] = &[
    "2025-09-30",
    "9月底前",
    "2025年12月底前",
    "12月31日前",
    "9月中旬前",
    "年底前",
    "2026年6月底前,并长期坚持",
    "长期坚持",
    "立行立改",
    "每季度",
];

/// Reads a deadline, or `None` when the words are none of [`FORMS`].
pub(crate) fn parse(text: &str) -> Option<Deadline> {
    let written = text.trim().to_string();
    let folded: String = written
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            ',' | '\u{FF0C}' | ';' | '\u{FF1B}' | '\u{3001}' => ',',
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut parts = folded.split(',').filter(|p| !p.is_empty());
    let first = parts.next()?;
    let mut ongoing = false;
    for rest in parts {
        match rest.trim_start_matches('并').trim_start_matches('且') {
            "长期坚持" | "持续推进" | "常态化推进" | "久久为功" => ongoing = true,
            _ => return None,
        }
    }
    let kind = kind_of(first)?;
    if kind == DeadlineKind::Ongoing {
        ongoing = true;
    }
    Some(Deadline {
        written,
        kind,
        ongoing,
    })
}

fn kind_of(phrase: &str) -> Option<DeadlineKind> {
    static ISO: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{4}-\d{2}-\d{2}$").expect("a fixed pattern"));
    static WORDS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})[日号]|(?P<part>底|末|上旬|中旬|下旬))?|(?P<year_end>年底|年末|年内|底|上半年|下半年))(?:前|之前|以前|完成|内)?$",
        )
        .expect("a fixed pattern")
    });
    match phrase {
        "长期坚持" | "持续推进" | "长期" | "常态化推进" => {
            return Some(DeadlineKind::Ongoing);
        }
        "立行立改" | "立即整改" | "即知即改" => return Some(DeadlineKind::Immediate),
        "每月" | "每季度" | "每半年" | "每年" | "每周" => {
            return Some(DeadlineKind::Recurring);
        }
        _ => {}
    }
    if ISO.is_match(phrase) {
        let date = Date::parse(phrase)?;
        return Some(DeadlineKind::By {
            year: Some(date.year()),
            month: date.month(),
            day: Some(date.day()),
        });
    }
    let words = WORDS.captures(phrase)?;
    let year = words.name("year").and_then(|y| y.as_str().parse().ok());
    if let Some(end) = words.name("year_end") {
        // 年底前 names the plan's year; 底前 alone must follow a year.
        if end.as_str() == "底" && year.is_none() {
            return None;
        }
        let month = if end.as_str() == "上半年" { 6 } else { 12 };
        return Some(DeadlineKind::By {
            year,
            month,
            day: None,
        });
    }
    let month: u32 = words.name("month")?.as_str().parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let day = match (words.name("day"), words.name("part").map(|p| p.as_str())) {
        (Some(day), _) => {
            let day: u32 = day.as_str().parse().ok()?;
            // A day the month never has (9月31日) is a mistake, not a deadline.
            Date::new(2024, month, day)?;
            Some(day)
        }
        (None, Some("上旬")) => Some(10),
        (None, Some("中旬")) => Some(20),
        _ => None,
    };
    Some(DeadlineKind::By { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Option<Date> {
        Date::parse("2025-07-18")
    }

    fn on(text: &str) -> (Option<String>, bool) {
        let deadline = parse(text).unwrap_or_else(|| panic!("{text} is a deadline"));
        (
            deadline.date(plan()).map(|d| d.to_string()),
            deadline.ongoing,
        )
    }

    #[test]
    fn derives_dates_from_the_words_plans_use() {
        let date = |s: &str| Some(s.to_string());
        assert_eq!(on("2025-09-30"), (date("2025-09-30"), false));
        assert_eq!(on("9月底前,并长期坚持"), (date("2025-09-30"), true));
        assert_eq!(on("9月底前,并长期坚持"), (date("2025-09-30"), true));
        assert_eq!(on("2018年12月底前"), (date("2018-12-31"), false));
        assert_eq!(on("12月31日前"), (date("2025-12-31"), false));
        assert_eq!(on("2月底前"), (date("2026-02-28"), false));
        assert_eq!(on("9月中旬前"), (date("2025-09-20"), false));
        assert_eq!(on("10月上旬"), (date("2025-10-10"), false));
        assert_eq!(on("年底前"), (date("2025-12-31"), false));
        assert_eq!(on("2026年上半年"), (date("2026-06-30"), false));
        assert_eq!(on("2026年底前"), (date("2026-12-31"), false));
        assert_eq!(on("１２月３１日前"), (date("2025-12-31"), false));
    }

    #[test]
    fn some_deadlines_are_kinds_not_dates() {
        assert_eq!(on("长期坚持"), (None, true));
        assert_eq!(
            parse("立行立改").map(|d| d.kind),
            Some(DeadlineKind::Immediate)
        );
        assert_eq!(
            parse("每季度").map(|d| d.kind),
            Some(DeadlineKind::Recurring)
        );
        assert_eq!(on("立行立改"), (None, false));
    }

    #[test]
    fn keeps_the_wording_and_refuses_what_it_cannot_read() {
        assert_eq!(
            parse(" 9月底前,并长期坚持 ").map(|d| d.written),
            Some("9月底前,并长期坚持".to_string())
        );
        for bad in [
            "9月31日前",
            "尽快",
            "13月底前",
            "底前",
            "9月底前,看情况",
            "2025-02-30",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}

#[cfg(test)]
mod fuzz {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_is_read_or_refused_never_a_panic(text in "\\PC{0,24}") {
            if let Some(deadline) = super::parse(&text) {
                let _ = deadline.date(crate::date::Date::parse("2025-07-18"));
            }
        }
    }
}
