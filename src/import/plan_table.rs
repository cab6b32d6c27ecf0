//! A plan that lists its problems in a table — 序号, 问题类别, 存在问题,
//! 整改措施, 责任单位, 整改时限 — read as a ledger is: by its header row
//! ([`super::columns`]), each row a problem. A measures cell holding
//! 一是…二是… or numbered paragraphs gives one measure each.

use super::ledger::{DraftIssue, read_ledger};
use super::plan_fields::measures;
use super::sheet::Value;

/// The problems of a table's `rows` (`(line, cells)`), and the rows it
/// could not read when it has no header naming a problem column.
pub(super) fn read_rows(
    rows: &[(usize, Vec<String>)],
    next: u32,
) -> (Vec<DraftIssue>, Vec<(usize, String)>) {
    let Some((first_line, _)) = rows.first() else {
        return (Vec::new(), Vec::new());
    };
    let grid: Vec<Vec<Value>> = rows
        .iter()
        .map(|(_, cells)| {
            cells
                .iter()
                .map(|c| match c.trim() {
                    "" => Value::Empty,
                    text => Value::Text(text.to_string()),
                })
                .collect()
        })
        .collect();
    let name = format!("表格(第{first_line}段起)");
    let Ok(draft) = read_ledger(&[(name, grid)]) else {
        let unread = rows
            .iter()
            .map(|(line, cells)| (*line, cells.join(" | ")))
            .collect();
        return (Vec::new(), unread);
    };
    let mut issues = draft.issues;
    for (k, issue) in issues.iter_mut().enumerate() {
        if issue.number < next {
            issue.number = next + k as u32;
        }
        if let [one] = issue.measures.as_slice()
            && one.label.is_empty()
        {
            issue.measures = measures(&one.text);
        }
        // 存在问题 written `title。what was found`: the title is not repeated.
        if let Some(rest) = issue.finding.strip_prefix(&format!("{}。", issue.title))
            && !rest.trim().is_empty()
        {
            issue.finding = rest.trim().to_string();
        }
    }
    (issues, Vec::new())
}
