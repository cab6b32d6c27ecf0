//! The date a plan or report carries (成文日期), as precise as the document
//! gives it: a day (`2025-07-01`, `2023年1月17日`), a month (`2023年5月`,
//! `2023-05`) or a year (`2020年`). Many published plans name only a month.

use std::sync::LazyLock;

use regex::Regex;

use crate::date::Date;

/// A document's date, with the precision it was written in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentDate {
    /// As written, e.g. `2023年5月`.
    pub written: String,
    /// The year.
    pub year: i32,
    /// 1–12, when written.
    pub month: Option<u32>,
    /// The day, when written.
    pub day: Option<u32>,
}

/// The forms understood, for the hint when a date is none of them.
pub const FORMS: &[&str] = &[
    "2025-07-01",
    "2025年7月1日",
    "2025年7月",
    "2025-07",
    "2025年",
];

impl DocumentDate {
    /// Reads one of [`FORMS`]; `None` for anything else or a day that does
    /// not exist.
    pub fn parse(text: &str) -> Option<DocumentDate> {
        static WORDS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})[日号])?)?$").expect("a fixed pattern")
        });
        static NUMBERS: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^(\d{4})(?:-(\d{2}))?$").expect("a fixed pattern"));
        let written = text.trim().to_string();
        let folded: String = written
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                _ => c,
            })
            .collect();
        if let Some(date) = Date::parse(&folded) {
            return Some(DocumentDate {
                written,
                year: date.year(),
                month: Some(date.month()),
                day: Some(date.day()),
            });
        }
        let parts = WORDS
            .captures(&folded)
            .or_else(|| NUMBERS.captures(&folded))?;
        let number = |i: usize| parts.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let year = i32::try_from(number(1)?).ok()?;
        let (month, day) = (number(2), number(3));
        match (month, day) {
            (Some(month), Some(day)) => {
                Date::new(year, month, day)?;
            }
            (Some(month), None) if !(1..=12).contains(&month) => return None,
            _ => {}
        }
        Some(DocumentDate {
            written,
            year,
            month,
            day,
        })
    }

    /// The first day it can mean: the day itself, or the first of the month
    /// or year. Deadlines without a year take it from here.
    pub fn first_day(&self) -> Date {
        Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("parse accepts only dates that exist")
    }

    /// The form an HTML `datetime` attribute takes: `2025-07-01`, `2025-07`
    /// or `2025`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(month), Some(day)) => format!("{:04}-{month:02}-{day:02}", self.year),
            (Some(month), None) => format!("{:04}-{month:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(String, String)> {
        DocumentDate::parse(text).map(|d| (d.iso(), d.first_day().to_string()))
    }

    #[test]
    fn reads_a_day_a_month_or_a_year() {
        let day = Some(("2025-07-01".into(), "2025-07-01".into()));
        assert_eq!(read("2025-07-01"), day);
        assert_eq!(read("2025年7月1日"), day);
        assert_eq!(read("２０２５年７月１日"), day);
        assert_eq!(
            read("2023年5月"),
            Some(("2023-05".into(), "2023-05-01".into()))
        );
        assert_eq!(
            read("2023-05"),
            Some(("2023-05".into(), "2023-05-01".into()))
        );
        assert_eq!(read("2020年"), Some(("2020".into(), "2020-01-01".into())));
        assert_eq!(read("2020"), Some(("2020".into(), "2020-01-01".into())));
    }

    #[test]
    fn keeps_the_wording() {
        let date = DocumentDate::parse("2023年5月").expect("a month");
        assert_eq!(date.written, "2023年5月");
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for text in [
            "2025-02-30",
            "2025年2月30日",
            "2025年13月",
            "2025-7",
            "2025-07-1",
            "七月",
            "2025年7月1",
            "",
        ] {
            assert_eq!(DocumentDate::parse(text), None, "{text}");
        }
    }
}
