//! What a ledger's columns are called. Offices name the same column many
//! ways (问题 / 存在问题 / 问题描述, 责任单位 / 责任部门, 整改时限 / 完成时限);
//! each header is matched, ignoring spaces, line breaks and brackets'
//! width, to the field it holds.

use super::sheet::Value;

/// A field of the ledger a column can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Field {
    /// 序号: the problem's number.
    Number,
    /// 问题编号: the number as the plan prints it, `(2)①`.
    Label,
    /// 方面 / 类别: the heading it stands under.
    Category,
    /// 问题: a short title (when a separate finding column exists).
    Title,
    /// 存在问题: what is wrong.
    Finding,
    /// 措施序号: 一是, 二是.
    MeasureLabel,
    /// 整改措施.
    Measure,
    /// 整改目标.
    Target,
    /// 牵头单位.
    LeadUnit,
    /// 责任单位.
    Units,
    /// 责任人 / 责任领导: officials, kept as a comment.
    Leader,
    /// 整改时限, as written.
    Deadline,
    /// 时限日期: the same as a date (our own export).
    DeadlineDay,
    /// 整改进展 / 完成情况.
    Progress,
    /// 状态.
    Status,
    /// 村(社区).
    Village,
    /// 任务: one task of the ledger (our own export).
    Task,
    /// 是否逾期: derived, not imported.
    Overdue,
    /// 销号时间 / 验收日期.
    ClosedOn,
    /// 验收单位.
    AcceptedBy,
    /// 佐证材料.
    Evidence,
}

/// Header words for each field, compared after [`normalise`].
const SYNONYMS: &[(Field, &[&str])] = &[
    (Field::Number, &["序号", "问题序号", "编号", "问题编号序号"]),
    (Field::Label, &["问题编号", "原文编号"]),
    (
        Field::Category,
        &["方面", "类别", "问题类别", "问题类型", "所属方面"],
    ),
    (Field::Title, &["问题", "问题名称", "问题标题"]),
    (
        Field::Finding,
        &[
            "存在问题",
            "问题描述",
            "主要问题",
            "问题表现",
            "具体问题",
            "问题清单",
            "存在的问题",
            "反馈问题",
        ],
    ),
    (Field::MeasureLabel, &["措施序号"]),
    (
        Field::Measure,
        &["整改措施", "措施", "整改举措", "具体措施"],
    ),
    (Field::Target, &["整改目标", "目标", "整改要求"]),
    (Field::LeadUnit, &["牵头单位", "牵头部门", "牵头领导单位"]),
    (
        Field::Units,
        &["责任单位", "责任部门", "配合单位", "责任主体", "承办单位"],
    ),
    (
        Field::Leader,
        &["责任人", "责任领导", "分管领导", "具体责任人"],
    ),
    (
        Field::Deadline,
        &["整改时限", "完成时限", "时限", "整改期限", "完成时间要求"],
    ),
    (Field::DeadlineDay, &["时限日期"]),
    (
        Field::Progress,
        &[
            "整改进展",
            "完成情况",
            "进展情况",
            "整改情况",
            "整改完成情况",
            "工作进展",
        ],
    ),
    (Field::Status, &["状态", "整改状态", "完成状态", "是否完成"]),
    (
        Field::Village,
        &["村(社区)", "村", "所在村", "村社区", "涉及村"],
    ),
    (Field::Task, &["任务", "整改任务"]),
    (Field::Overdue, &["是否逾期"]),
    (
        Field::ClosedOn,
        &["销号时间", "销号日期", "验收日期", "验收时间", "完成时间"],
    ),
    (Field::AcceptedBy, &["验收单位", "验收部门"]),
    (Field::Evidence, &["佐证材料", "佐证资料", "验收材料"]),
];

/// A header as compared: without spaces and line breaks, full-width
/// brackets made ASCII, so `村（社区）` and `村(社区)` are alike.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF08}' => '(',
            '\u{FF09}' => ')',
            other => other,
        })
        .collect()
}

/// The field a header names, if any.
pub(super) fn field(header: &str) -> Option<Field> {
    let header = normalise(header);
    SYNONYMS
        .iter()
        .find(|(_, words)| words.iter().any(|w| normalise(w) == header))
        .map(|(field, _)| *field)
}

/// The header row among the first rows of a sheet: the one naming the most
/// fields, at least a problem or a measure and two fields in all; with the
/// field of each of its columns.
pub(super) fn header(grid: &[Vec<Value>]) -> Option<(usize, Vec<Option<Field>>)> {
    grid.iter()
        .enumerate()
        .take(20)
        .map(|(index, row)| {
            let fields: Vec<Option<Field>> = row.iter().map(|v| field(&v.text())).collect();
            (index, fields)
        })
        .filter(|(_, fields)| {
            let named = fields.iter().flatten().count();
            let core = fields.iter().flatten().any(|f| {
                matches!(
                    f,
                    Field::Title | Field::Finding | Field::Measure | Field::Task
                )
            });
            named >= 2 && core
        })
        .max_by_key(|(index, fields)| (fields.iter().flatten().count(), usize::MAX - index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_matched_however_an_office_writes_them() {
        assert_eq!(field("存在问题"), Some(Field::Finding));
        assert_eq!(field(" 责任\n部门 "), Some(Field::Units));
        assert_eq!(field("村（社区）"), Some(Field::Village));
        assert_eq!(field("完成时限"), Some(Field::Deadline));
        assert_eq!(field("备注"), None);
    }
}
