//! Calendar dates (`YYYY-MM-DD`) as the plan writes them, with day arithmetic.

use std::fmt;

/// A proleptic Gregorian calendar date. Ordered by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// 1970-01-01, a stand-in where a date could not be read.
    pub const EPOCH: Date = Date {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// Builds a date, or `None` when the day does not exist (2025-02-30).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Parses the strict ISO form `YYYY-MM-DD` (what YAML editors and
    /// spreadsheets export); anything else is `None`.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = &text[range];
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())
                .flatten()
        };
        Date::new(number(0..4)? as i32, number(5..7)?, number(8..10)?)
    }

    /// The date as Chinese prose and notices write it: `2025年10月20日`,
    /// or `10月20日` when `year_known` (the reader knows which year).
    pub fn chinese(self, year_known: bool) -> String {
        if year_known {
            format!("{}月{}日", self.month, self.day)
        } else {
            format!("{}年{}月{}日", self.year, self.month, self.day)
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1970-01-01 (negative before), for differences between dates.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil: exact for every Gregorian date.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The same day `months` months later, clamped to the month's last day
    /// (08-31 plus one month is 09-30).
    pub fn plus_months(self, months: u32) -> Date {
        let index = self.year as i64 * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = index.div_euclid(12) as i32;
        let month = index.rem_euclid(12) as u32 + 1;
        let day = self.day().min(days_in_month(year, month));
        Date::new(year, month, day).expect("a clamped day exists in its month")
    }

    /// The date `days` days later (earlier when negative).
    pub fn plus_days(self, days: i64) -> Date {
        // Howard Hinnant's civil_from_days, the inverse of days_since_epoch.
        let z = self.days_since_epoch() + days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date::new(year, month, day).expect("civil_from_days yields a real date")
    }

    /// Today, from the system clock (UTC). Only for `taizhang new`: builds
    /// never read the clock, so their output is reproducible.
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::EPOCH.plus_days((seconds / 86_400) as i64)
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// `YYYY-MM-DD` written without the formatting machinery, for the
    /// years 0–9999 (every date a plan writes; `None` for others): a
    /// county's pages serialise some two million dates, and `write!` with
    /// padding took a tenth of a task's serialising.
    fn iso(self) -> Option<Iso> {
        let year = u32::try_from(self.year).ok().filter(|y| *y <= 9999)?;
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let (month, day) = (u32::from(self.month), u32::from(self.day));
        Some(Iso([
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            digit(day / 10),
            digit(day),
        ]))
    }
}

/// The ten ASCII bytes of a date's `YYYY-MM-DD`.
struct Iso([u8; 10]);

impl Iso {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("digits and dashes are ASCII")
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.iso() {
            Some(iso) => f.write_str(iso.as_str()),
            None => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.iso() {
            Some(iso) => serializer.serialize_str(iso.as_str()),
            None => serializer.collect_str(self),
        }
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar day, YYYY-MM-DD."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn parses_iso_dates_only() {
        assert_eq!(Date::parse("2025-07-18").unwrap().to_string(), "2025-07-18");
        assert!(Date::parse("2025-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2025/07/18").is_none());
        assert!(Date::parse("2025-7-18").is_none());
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("+025-01-01").is_none());
        assert!(Date::parse("２０２５-01-01").is_none());
    }

    #[test]
    fn writes_every_year_as_padded_formatting_does() {
        let padded = |d: Date| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
        for year in [-12, 0, 7, 99, 999, 1000, 2025, 9999, 10_000, 123_456] {
            for (month, day) in [(1, 1), (2, 28), (9, 30), (10, 5), (12, 31)] {
                let date = Date::new(year, month, day).unwrap();
                assert_eq!(date.to_string(), padded(date));
                let json = serde_json::to_string(&date).unwrap();
                assert_eq!(json, format!("\"{}\"", padded(date)));
            }
        }
    }

    #[test]
    fn counts_days() {
        let a = Date::parse("1970-01-01").unwrap();
        assert_eq!(a.days_since_epoch(), 0);
        let plan = Date::parse("2025-07-18").unwrap();
        let deadline = Date::parse("2025-09-30").unwrap();
        assert_eq!(plan.days_until(deadline), 74);
        assert_eq!(
            Date::parse("2000-03-01").unwrap().days_since_epoch(),
            11_017
        );
    }
}
