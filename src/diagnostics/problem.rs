//! The catalogue of problems: stable codes, and the message and hint of each
//! in Chinese (the default, for content editors) and English.

use super::Severity;
use super::render::Lang;

/// What kind of YAML value was expected or found, for type errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A mapping of keys to values.
    Map,
    /// A sequence.
    List,
    /// A string.
    Text,
    /// A number, integer or decimal.
    Number,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Bool,
    /// A `YYYY-MM-DD` date.
    Date,
    /// Nothing (`~`, `null` or an empty value).
    Null,
}

impl Kind {
    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Map, Lang::Zh) => "键值映射",
            (Kind::List, Lang::Zh) => "列表",
            (Kind::Text, Lang::Zh) => "文本",
            (Kind::Number, Lang::Zh) => "数字",
            (Kind::Integer, Lang::Zh) => "整数",
            (Kind::Bool, Lang::Zh) => "true/false",
            (Kind::Date, Lang::Zh) => "日期(YYYY-MM-DD)",
            (Kind::Null, Lang::Zh) => "空值",
            (Kind::Map, Lang::En) => "a mapping",
            (Kind::List, Lang::En) => "a list",
            (Kind::Text, Lang::En) => "text",
            (Kind::Number, Lang::En) => "a number",
            (Kind::Integer, Lang::En) => "a whole number",
            (Kind::Bool, Lang::En) => "true/false",
            (Kind::Date, Lang::En) => "a date (YYYY-MM-DD)",
            (Kind::Null, Lang::En) => "nothing",
        }
    }
}

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

/// A part of the acceptance record a closed task must carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptancePart {
    /// `acceptance.date`.
    Date,
    /// `acceptance.by`.
    AcceptingUnit,
    /// `acceptance.evidence`, at least one item.
    Evidence,
}

impl AcceptancePart {
    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (AcceptancePart::Date, Lang::Zh) => "验收日期(acceptance.date)",
            (AcceptancePart::AcceptingUnit, Lang::Zh) => "验收单位(acceptance.by)",
            (AcceptancePart::Evidence, Lang::Zh) => "佐证材料(acceptance.evidence)",
            (AcceptancePart::Date, Lang::En) => "the acceptance date (acceptance.date)",
            (AcceptancePart::AcceptingUnit, Lang::En) => "the accepting unit (acceptance.by)",
            (AcceptancePart::Evidence, Lang::En) => "evidence (acceptance.evidence)",
        }
    }
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

    /// The one-line message.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Problem::CannotRead { reason } if zh => format!("无法读取文件:{reason}"),
            Problem::CannotRead { reason } => format!("cannot read the file: {reason}"),
            Problem::NotUtf8 if zh => "文件不是 UTF-8 编码".into(),
            Problem::NotUtf8 => "the file is not UTF-8 text".into(),
            Problem::EmptyFile if zh => "文件是空的".into(),
            Problem::EmptyFile => "the file is empty".into(),
            Problem::NotAFile if zh => "这里应是文件,却是一个文件夹".into(),
            Problem::NotAFile => "a folder stands where a file is expected".into(),
            Problem::LinkOutsideRoot { target } if zh => {
                format!("符号链接指向站点目录之外({target}),已忽略")
            }
            Problem::LinkOutsideRoot { target } => {
                format!("symbolic link points outside the site root ({target}); not followed")
            }
            Problem::WalkFailed { reason } if zh => format!("无法遍历内容目录:{reason}"),
            Problem::WalkFailed { reason } => format!("cannot walk the content folder: {reason}"),
            Problem::MissingFile { path } if zh => format!("缺少必需的文件 {path}"),
            Problem::MissingFile { path } => format!("the required file {path} is missing"),
            Problem::MissingFrontMatter if zh => "缺少文件开头的 --- 元数据块".into(),
            Problem::MissingFrontMatter => {
                "the file does not start with a --- front matter block".into()
            }
            Problem::UnclosedFrontMatter if zh => "元数据块以 --- 开始,但没有结束的 ---".into(),
            Problem::UnclosedFrontMatter => {
                "the front matter opens with --- but never closes".into()
            }
            Problem::YamlSyntax { detail } if zh => format!("YAML 语法错误:{detail}"),
            Problem::YamlSyntax { detail } => format!("YAML syntax error: {detail}"),
            Problem::UnknownKey { key, .. } if zh => format!("未知的键“{key}”"),
            Problem::UnknownKey { key, .. } => format!("unknown key `{key}`"),
            Problem::DuplicateKey { key } if zh => format!("键“{key}”在同一层写了两次"),
            Problem::DuplicateKey { key } => {
                format!("the key `{key}` is written twice at this level")
            }
            Problem::WrongType { expected, found } if zh => {
                format!("这里应是{},实际是{}", expected.name(lang), found.name(lang))
            }
            Problem::WrongType { expected, found } => {
                format!(
                    "expected {}, found {}",
                    expected.name(lang),
                    found.name(lang)
                )
            }
            Problem::MissingKey { key } if zh => format!("缺少必填的键“{key}”"),
            Problem::MissingKey { key } => format!("the required key `{key}` is missing"),
            Problem::BadDate { text } if zh => format!("“{text}”不是有效日期"),
            Problem::BadDate { text } => format!("`{text}` is not a valid date"),
            Problem::BadChoice { text, .. } if zh => format!("“{text}”不是可用的取值"),
            Problem::BadChoice { text, .. } => format!("`{text}` is not an allowed value"),
            Problem::EmptyText { key } if zh => format!("“{key}”不能为空"),
            Problem::EmptyText { key } => format!("`{key}` must not be empty"),
            Problem::BadId { text } if zh => format!("标识“{text}”不合规"),
            Problem::BadId { text } => format!("the id `{text}` is not a valid slug"),
            Problem::OutOfRange { value, min, max } if zh => {
                format!("{value} 超出范围({min}–{max})")
            }
            Problem::OutOfRange { value, min, max } => {
                format!("{value} is out of range ({min}–{max})")
            }
            Problem::DuplicateNumber { number, first } if zh => {
                format!("问题编号 {number} 重复,已在 {first} 使用")
            }
            Problem::DuplicateNumber { number, first } => {
                format!("issue number {number} is used twice; first at {first}")
            }
            Problem::DuplicateId { what, id, first } if zh => {
                format!("{}“{id}”重复,已在 {first} 定义", what_zh(what))
            }
            Problem::DuplicateId { what, id, first } => {
                format!("{what} `{id}` is defined twice; first at {first}")
            }
            Problem::UnknownVillage { name, .. } if zh => format!("未知的村(社区)“{name}”"),
            Problem::UnknownVillage { name, .. } => format!("unknown village `{name}`"),
            Problem::UnknownUnit { name, .. } if zh => format!("未知的责任单位“{name}”"),
            Problem::UnknownUnit { name, .. } => format!("unknown unit `{name}`"),
            Problem::UnknownIssue { number } if zh => format!("没有编号为 {number} 的问题"),
            Problem::UnknownIssue { number } => format!("there is no issue number {number}"),
            Problem::UnknownMeasure { number, count } if zh => {
                format!("本问题只有 {count} 条整改措施,没有第 {number} 条")
            }
            Problem::UnknownMeasure { number, count } => {
                format!("this issue has {count} measures; there is no measure {number}")
            }
            Problem::TaskWithoutOwner if zh => "任务既没有指定村(社区),也没有指定责任单位".into(),
            Problem::TaskWithoutOwner => "the task names neither a village nor a unit".into(),
            Problem::ClosedWithoutAcceptance { missing } => {
                let parts: Vec<&str> = missing.iter().map(|part| part.name(lang)).collect();
                if zh {
                    format!("任务已销号,但缺少{}", parts.join("、"))
                } else {
                    format!("the task is closed out but lacks {}", parts.join(", "))
                }
            }
            Problem::StatusDisagreesWithHistory { status, last } if zh => {
                format!("状态为 {status},但进展记录的最后一条是 {last}")
            }
            Problem::StatusDisagreesWithHistory { status, last } => {
                format!("status is {status} but the history ends with {last}")
            }
            Problem::DateAfterAsOf { date, as_of } if zh => {
                format!("日期 {date} 晚于统计截止日 {as_of}")
            }
            Problem::DateAfterAsOf { date, as_of } => {
                format!("the date {date} is after the as-of date {as_of}")
            }
            Problem::DatesOutOfOrder { date, previous } if zh => {
                format!("日期 {date} 早于上一条的 {previous},记录顺序颠倒")
            }
            Problem::DatesOutOfOrder { date, previous } => {
                format!("the date {date} comes before the previous entry's {previous}")
            }
            Problem::DeadlineBeforePlan { deadline, plan } if zh => {
                format!("整改时限 {deadline} 早于方案印发日期 {plan}")
            }
            Problem::DeadlineBeforePlan { deadline, plan } => {
                format!("the deadline {deadline} is before the plan's date {plan}")
            }
            Problem::BadDeadline { text, .. } if zh => format!("整改时限“{text}”无法识别"),
            Problem::BadDeadline { text, .. } => format!("the deadline `{text}` is not a form taizhang reads"),
            Problem::BadDocumentDate { text, .. } if zh => format!("成文日期“{text}”无法识别"),
            Problem::BadDocumentDate { text, .. } => format!("the document date `{text}` is not a form taizhang reads"),
            Problem::UnknownProgressWord { word, .. } if zh => format!("整改进展“{word}”不在进展用语表中"),
            Problem::UnknownProgressWord { word, .. } => format!("the progress word `{word}` is not in the table"),
            Problem::MoreListedThanDeclared { what, declared, listed } if zh => {
                format!("报告称共有 {declared} 个{what},但列出了 {listed} 个")
            }
            Problem::MoreListedThanDeclared { what, declared, listed } => {
                format!("the report states {declared} for {what}, but {listed} are listed")
            }
            Problem::PhaseEndsBeforeStart { start, end } if zh => {
                format!("阶段结束日期 {end} 早于开始日期 {start}")
            }
            Problem::PhaseEndsBeforeStart { start, end } => {
                format!("the phase ends ({end}) before it starts ({start})")
            }
            Problem::BreakdownWidth { expected, found } if zh => {
                format!("应有 {expected} 个数值(与 columns 一致),实际 {found} 个")
            }
            Problem::BreakdownWidth { expected, found } => {
                format!("expected {expected} values (one per column), found {found}")
            }
            Problem::BreakdownTotal { column, sum, total } if zh => {
                format!("“{column}”合计写为 {total},但各行相加为 {sum}")
            }
            Problem::BreakdownTotal { column, sum, total } => {
                format!("the total for `{column}` is {total} but the rows add up to {sum}")
            }
            Problem::PersonNotMentioned { name } if zh => {
                format!("人员名册中的“{name}”在内容中没有出现")
            }
            Problem::PersonNotMentioned { name } => {
                format!("`{name}` is in the person register but named nowhere in the content")
            }
            Problem::Overdue {
                task,
                deadline,
                days,
            } if zh => {
                format!("任务“{task}”已逾期 {days} 天(时限 {deadline})")
            }
            Problem::Overdue {
                task,
                deadline,
                days,
            } => {
                format!("the task “{task}” is {days} days overdue (deadline {deadline})")
            }
            Problem::BrokenLink { target } if zh => format!("链接“{target}”指向的页面或锚点不存在"),
            Problem::BrokenLink { target } => {
                format!("the link `{target}` leads to no page or anchor of the site")
            }
            Problem::Stale { task, last, days } if zh => {
                format!("任务“{task}”已 {days} 天没有进展记录(最后一条 {last})")
            }
            Problem::Stale { task, last, days } => {
                format!("the task “{task}” has had no update for {days} days (last {last})")
            }
            Problem::NoAsOf if zh => "未设定统计截止日,跳过逾期和日期检查".into(),
            Problem::NoAsOf => "no as-of date: overdue and date checks were skipped".into(),
            Problem::RelativeBaseUrl if zh => "未设置网站的完整地址(base_url)".into(),
            Problem::RelativeBaseUrl => "no absolute site address (base_url)".into(),
            Problem::MissingRegister { missing: true } if zh => {
                "缺少人员名册 content/people.yaml,公开版无法隐去群众姓名".into()
            }
            Problem::MissingRegister { missing: true } => {
                "there is no person register (content/people.yaml): the public site could not mask residents' names".into()
            }
            Problem::MissingRegister { missing: false } if zh => {
                "人员名册 people.yaml 没有登记任何人,公开版不会隐去任何姓名".into()
            }
            Problem::MissingRegister { missing: false } => {
                "the person register (people.yaml) lists nobody: the public site would mask no name".into()
            }
            Problem::BadBaseUrl { text } if zh => {
                format!("base_url“{text}”不是以 http:// 或 https:// 开头的完整网址")
            }
            Problem::BadBaseUrl { text } => {
                format!("base_url `{text}` is not an absolute http:// or https:// address")
            }
            Problem::UnregisteredName { name } if zh => {
                format!("“{name}”像是群众姓名,但不在人员名册中,公开版不会隐去")
            }
            Problem::UnregisteredName { name } => format!(
                "`{name}` reads like a resident's name but is not in the register: the public site would show it"
            ),
            Problem::AmbiguousName { name, word } if zh => format!(
                "名册中的“{name}”也是站内名称“{word}”的一部分,那里不会被隐去"
            ),
            Problem::AmbiguousName { name, word } => format!(
                "the registered name `{name}` is also part of the site's own name `{word}`, where it is not masked"
            ),
            Problem::SpecialFile if zh => "这不是普通文件(管道、套接字或设备),已跳过".into(),
            Problem::SpecialFile => "not a regular file (a pipe, socket or device); skipped".into(),
        }
    }

    /// What to do about it, when there is something useful to say.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        let zh = lang == Lang::Zh;
        let hint = match self {
            Problem::NotUtf8 if zh => "请用“另存为 → UTF-8”保存;WPS/记事本默认的 GBK(ANSI)编码无法读取".into(),
            Problem::NotUtf8 => "save it as UTF-8; GBK/ANSI text from older editors cannot be read".into(),
            Problem::EmptyFile if zh => "不需要的文件请删除;新文件可用 taizhang new 生成".into(),
            Problem::EmptyFile => "delete the file if it is not needed, or fill it in".into(),
            Problem::NotAFile if zh => "把文件夹改名或移走".into(),
            Problem::NotAFile => "rename or move the folder".into(),
            Problem::MissingFile { .. } if zh => "用 taizhang init 生成一个示例站点作参考".into(),
            Problem::MissingFile { .. } => "run `taizhang init` to see a complete example site".into(),
            Problem::MissingFrontMatter | Problem::UnclosedFrontMatter if zh => {
                "文件应以 --- 开头,写 title、date 等,再以 --- 单独一行结束".into()
            }
            Problem::MissingFrontMatter | Problem::UnclosedFrontMatter => {
                "start the file with ---, then title, date …, then --- on a line of its own".into()
            }
            Problem::YamlSyntax { .. } if zh => {
                "检查缩进(只能用空格,同级对齐)、冒号后的空格、引号和括号是否成对;文字里含有“: ”时请给整段加引号".into()
            }
            Problem::YamlSyntax { .. } => {
                "check indentation (spaces only, siblings aligned), the space after each colon, and paired quotes and brackets; quote text that contains `: `".into()
            }
            Problem::DuplicateKey { .. } if zh => "删除或合并其中一个".into(),
            Problem::DuplicateKey { .. } => "delete or merge one of them".into(),
            Problem::MissingKey { key } if zh => format!("在这一层添加一行“{key}: …”"),
            Problem::MissingKey { key } => format!("add a line `{key}: …` at this level"),
            Problem::UnknownKey { key, .. } if !key.is_ascii() && zh => {
                "这看起来是一段被英文逗号截断的文字:在 { } 或 [ ] 里,英文逗号“,”会分隔条目。请给整段文字加引号,或改用中文逗号“,”".into()
            }
            Problem::UnknownKey { key, .. } if !key.is_ascii() => {
                "this looks like text cut at a comma: inside { } or [ ], a `,` separates entries. Quote the whole text, or use the full-width comma “,”".into()
            }
            Problem::UnknownKey { key, allowed } => {
                let close = closest(key, allowed.iter().copied());
                let list = allowed.join(", ");
                match (close, zh) {
                    (Some(close), true) => format!("是否指“{close}”?可用的键:{list}"),
                    (Some(close), false) => format!("did you mean `{close}`? allowed keys: {list}"),
                    (None, true) => format!("可用的键:{list}"),
                    (None, false) => format!("allowed keys: {list}"),
                }
            }
            Problem::WrongType {
                expected: Kind::Text,
                found: Kind::Map,
            } if zh => "文本中含有“: ”时请给整段加引号,或改用 | 多行写法".into(),
            Problem::WrongType {
                expected: Kind::Text,
                found: Kind::Map,
            } => "quote text that contains `: `, or use a `|` block".into(),
            Problem::WrongType { expected: Kind::List, .. } if zh => {
                "列表的每一项以“- ”开头,或写成 [甲, 乙]".into()
            }
            Problem::WrongType { expected: Kind::List, .. } => {
                "start each item with `- `, or write [a, b]".into()
            }
            Problem::BadDate { .. } if zh => "日期写作 YYYY-MM-DD,例如 2025-09-30".into(),
            Problem::BadDate { .. } => "write dates as YYYY-MM-DD, e.g. 2025-09-30".into(),
            Problem::BadChoice { text, allowed } => {
                let close = closest(text, allowed.iter().copied());
                let list = allowed.join(", ");
                match (close, zh) {
                    (Some(close), true) => format!("是否指“{close}”?可用的取值:{list}"),
                    (Some(close), false) => format!("did you mean `{close}`? allowed: {list}"),
                    (None, true) => format!("可用的取值:{list}"),
                    (None, false) => format!("allowed: {list}"),
                }
            }
            Problem::BadId { .. } if zh => "标识只能用小写字母、数字和连字符,例如 bajing".into(),
            Problem::BadId { .. } => "ids use lower-case letters, digits and hyphens, e.g. bajing".into(),
            Problem::DuplicateNumber { .. } if zh => "每个问题文件的 number 必须唯一".into(),
            Problem::DuplicateNumber { .. } => "give every issue file its own number".into(),
            Problem::UnknownVillage { suggestion, .. } | Problem::UnknownUnit { suggestion, .. } => {
                let village = matches!(self, Problem::UnknownVillage { .. });
                match (suggestion, zh) {
                    (Some(s), true) => format!("是否指“{s}”?"),
                    (Some(s), false) => format!("did you mean `{s}`?"),
                    (None, true) if village => "请先在 content/site.yaml 的 villages 中登记".into(),
                    (None, true) => "请先在 content/site.yaml 的 units 中登记".into(),
                    (None, false) if village => "list it under `villages` in content/site.yaml first".into(),
                    (None, false) => "list it under `units` in content/site.yaml first".into(),
                }
            }
            Problem::TaskWithoutOwner if zh => "写上 village(村)或 unit(单位),或两者都写".into(),
            Problem::TaskWithoutOwner => "add `village`, `unit`, or both".into(),
            Problem::ClosedWithoutAcceptance { .. } if zh => {
                "方案要求严禁“数字整改、纸面整改”:销号须有验收日期、验收单位和至少一份佐证材料;未验收请改为 awaiting_acceptance(待验收)".into()
            }
            Problem::ClosedWithoutAcceptance { .. } => {
                "closing out needs an acceptance date, the accepting unit and at least one piece of evidence; until then use awaiting_acceptance".into()
            }
            Problem::StatusDisagreesWithHistory { .. } if zh => {
                "在 history 末尾补一条记录,或改正 status".into()
            }
            Problem::StatusDisagreesWithHistory { .. } => {
                "add a history entry for the change, or correct the status".into()
            }
            Problem::DateAfterAsOf { .. } if zh => {
                "检查年份或月份是否写错;或更新 site.yaml 的 as_of,或用 --as-of 指定".into()
            }
            Problem::DateAfterAsOf { .. } => {
                "check the year and month, or move the as-of date (site.yaml `as_of` or --as-of)".into()
            }
            Problem::DatesOutOfOrder { .. } if zh => "按时间先后排列记录".into(),
            Problem::DatesOutOfOrder { .. } => "list the entries oldest first".into(),
            Problem::BadDeadline { forms, .. } if zh => {
                format!("按方案原文写,可用的写法如:{}", forms.join("、"))
            }
            Problem::BadDeadline { forms, .. } => {
                format!("write it as the plan does; forms read: {}", forms.join(", "))
            }
            Problem::BadDocumentDate { forms, .. } if zh => {
                format!("按文件落款写,可用的写法如:{}", forms.join("、"))
            }
            Problem::BadDocumentDate { forms, .. } => {
                format!("write it as the document does; forms read: {}", forms.join(", "))
            }
            Problem::UnknownProgressWord { known, .. } if zh => {
                format!("可用的进展用语:{}", known.join("、"))
            }
            Problem::UnknownProgressWord { known, .. } => {
                format!("progress words read: {}", known.join(", "))
            }
            Problem::MoreListedThanDeclared { .. } if zh => {
                "核对 site.yaml 中 document.declared 的数字与所列问题".into()
            }
            Problem::MoreListedThanDeclared { .. } => {
                "check the figures under document.declared in site.yaml against the problems listed".into()
            }
            Problem::DeadlineBeforePlan { .. } if zh => "检查年份是否写错".into(),
            Problem::DeadlineBeforePlan { .. } => "check the year".into(),
            Problem::BreakdownTotal { .. } if zh => "核对各行数字与合计".into(),
            Problem::BreakdownTotal { .. } => "check the rows against the total".into(),
            Problem::PersonNotMentioned { .. } if zh => {
                "从 people.yaml 删除此人,或检查内容中的姓名是否写错".into()
            }
            Problem::PersonNotMentioned { .. } => {
                "remove the entry from people.yaml, or check the spelling in the content".into()
            }
            Problem::BrokenLink { .. } if zh => {
                "站内链接写作 /issues/07/、/villages/bajing/、/policy/glossary/#术语 等;检查编号、标识和 # 后的锚点".into()
            }
            Problem::BrokenLink { .. } => {
                "internal links look like /issues/07/, /villages/bajing/, /policy/glossary/#term; check the number, id and anchor".into()
            }
            Problem::Stale { .. } if zh => "在任务的 history 中补充最新进展".into(),
            Problem::Stale { .. } => "add the latest progress to the task's history".into(),
            Problem::NoAsOf if zh => "在 site.yaml 写 as_of: YYYY-MM-DD,或运行时加 --as-of".into(),
            Problem::NoAsOf => "set `as_of: YYYY-MM-DD` in site.yaml or pass --as-of".into(),
            Problem::RelativeBaseUrl if zh => {
                "在 site.yaml 写 base_url: https://…/(网站发布地址),或构建时加 --base-url;否则村务公开栏公示不印二维码,订阅和站点地图的链接也不完整".into()
            }
            Problem::RelativeBaseUrl => {
                "set `base_url: https://…/` in site.yaml or pass --base-url; until then notices print no QR code and feed links are incomplete".into()
            }
            Problem::MissingRegister { .. } if zh => {
                "在 content/people.yaml 中登记方案点名的每位群众(people: - { name: 兰东风 });如方案确实不涉及任何群众个人,在 site.yaml 写 privacy: { no_private_persons: true }".into()
            }
            Problem::MissingRegister { .. } => {
                "list every resident the plan names in content/people.yaml (people: - { name: … }); if the plan truly names no private person, write `privacy: { no_private_persons: true }` in site.yaml".into()
            }
            Problem::BadBaseUrl { .. } if zh => {
                "写成网站的发布地址,例如 base_url: https://www.example.gov.cn/zhenggai/".into()
            }
            Problem::BadBaseUrl { .. } => {
                "write the address the site is published at, e.g. base_url: https://www.example.gov.cn/ledger/".into()
            }
            Problem::UnregisteredName { name } if zh => format!(
                "如是群众,在 people.yaml 的 people 中登记“- {{ name: {name} }}”;如不是人名,把它加入 people.yaml 的 allow 列表"
            ),
            Problem::UnregisteredName { name } => format!(
                "if this is a resident, add `- {{ name: {name} }}` under `people` in people.yaml; if it is not a name, add it to the `allow` list there"
            ),
            Problem::AmbiguousName { .. } if zh => {
                "核对站内名称中的这几个字是否确指此人;如是,请改写内容以免误解".into()
            }
            Problem::AmbiguousName { .. } => {
                "check that the site's name does not refer to this person; if it does, reword the content".into()
            }
            Problem::SpecialFile if zh => "把它移出 content 文件夹".into(),
            Problem::SpecialFile => "move it out of the content folder".into(),
            _ => return None,
        };
        Some(hint)
    }
}

fn what_zh(what: &str) -> &str {
    match what {
        "village" => "村(社区)",
        "unit" => "单位",
        "indicator" => "指标",
        "term" => "术语",
        "note" => "工作动态",
        "policy page" => "政策解读页",
        "person" => "人员",
        "task" => "任务",
        other => other,
    }
}

/// The candidate closest to `text`, if it is close enough to be a likely typo.
pub fn closest<'a>(text: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|candidate| (strsim::normalized_levenshtein(text, candidate), candidate))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
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

    #[test]
    fn suggests_close_names_only() {
        let villages = ["八景村", "望峰村", "洪源洞村"];
        assert_eq!(closest("八井村", villages.iter().copied()), Some("八景村"));
        assert_eq!(closest("花桥社区", villages.iter().copied()), None);
        assert_eq!(
            closest("deadlin", ["deadline", "title"].into_iter()),
            Some("deadline")
        );
    }
}
