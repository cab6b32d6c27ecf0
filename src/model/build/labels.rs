//! How figures and labels are written on pages: 一是, 83, 42.68%, 照片.

use crate::content::{self, EvidenceKind};
use crate::model::{Indicator, Reading};

/// An indicator with its readings written out (`42.68%`).
pub(super) fn indicator(source: &content::Indicator) -> Indicator {
    let unit = source
        .unit
        .as_ref()
        .map_or_else(String::new, |u| u.value.clone());
    let reading = |r: &content::Reading, baseline: bool| Reading {
        date: r.date.value,
        value: r.value.value,
        text: format!("{}{unit}", number_text(r.value.value)),
        note: r.note.as_ref().map(|n| n.value.clone()),
        baseline,
    };
    let readings: Vec<Reading> = std::iter::once(reading(&source.baseline, true))
        .chain(source.readings.iter().map(|r| reading(r, false)))
        .collect();
    Indicator {
        id: source.id.value.clone(),
        name: source.name.value.clone(),
        source: source.source.as_ref().map(|s| s.value.clone()),
        target: source.target.value,
        target_text: format!("{}{unit}", number_text(source.target.value)),
        latest_text: readings.last().map(|r| r.text.clone()).unwrap_or_default(),
        readings,
        unit,
    }
}

/// 一是, 二是 … 十是, 十一是.
pub(crate) fn measure_label(number: u32) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let n = number as usize;
    let text = match n {
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    };
    format!("{text}是")
}

/// A figure as the plan writes it: `83`, `42.68`, `0.43`.
pub fn number_text(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The Chinese name of a kind of evidence.
pub(super) fn evidence_label(kind: EvidenceKind) -> &'static str {
    match kind {
        EvidenceKind::Minutes => "会议记录",
        EvidenceKind::Photo => "照片",
        EvidenceKind::SignIn => "签到表",
        EvidenceKind::Ledger => "台账",
        EvidenceKind::Document => "文件",
        EvidenceKind::Other => "其他",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Status;

    #[test]
    fn labels_measures_as_the_plan_does() {
        let labels: Vec<String> = [1, 2, 10, 11, 23].into_iter().map(measure_label).collect();
        assert_eq!(labels, ["一是", "二是", "十是", "十一是", "二十三是"]);
    }

    #[test]
    fn writes_figures_without_noise() {
        assert_eq!(number_text(83.0), "83");
        assert_eq!(number_text(42.68), "42.68");
        assert_eq!(number_text(0.43), "0.43");
    }

    #[test]
    fn statuses_stay_in_order() {
        assert!(Status::Closed > Status::AwaitingAcceptance);
    }
}
