//! What each problem says, in Chinese and in English: one line of message,
//! the words the editor would use for it.

use super::Lang;
use super::problem::Problem;

impl Problem {
    /// The one-line message.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.message_zh(),
            Lang::En => self.message_en(),
        }
    }

    /// What a leak is, its first characters and where it is, for E090.
    fn leaked(&self, lang: Lang) -> String {
        let Problem::Leak {
            found,
            start,
            place,
        } = self
        else {
            return String::new();
        };
        match lang {
            Lang::Zh => format!("{}({start}…){}", found.name(lang), place.words(lang)),
            Lang::En => format!("{} ({start}…){}", found.name(lang), place.words(lang)),
        }
    }

    fn message_zh(&self) -> String {
        match self {
            Problem::CannotRead { reason } => format!("无法读取文件:{reason}"),
            Problem::NotUtf8 => "文件不是 UTF-8 编码".into(),
            Problem::EmptyFile => "文件是空的".into(),
            Problem::NotAFile => "这里应是文件,却是一个文件夹".into(),
            Problem::LinkOutsideRoot { target } => {
                format!("符号链接指向站点目录之外({target}),已忽略")
            }
            Problem::WalkFailed { reason } => format!("无法遍历内容目录:{reason}"),
            Problem::MissingFile { path } => format!("缺少必需的文件 {path}"),
            Problem::MissingFrontMatter => "缺少文件开头的 --- 元数据块".into(),
            Problem::UnclosedFrontMatter => "元数据块以 --- 开始,但没有结束的 ---".into(),
            Problem::YamlSyntax { detail } => format!("YAML 语法错误:{detail}"),
            Problem::UnknownKey { key, .. } => format!("未知的键“{key}”"),
            Problem::DuplicateKey { key } => format!("键“{key}”在同一层写了两次"),
            Problem::WrongType { expected, found } => {
                format!(
                    "这里应是{},实际是{}",
                    expected.name(Lang::Zh),
                    found.name(Lang::Zh)
                )
            }
            Problem::MissingKey { key } => format!("缺少必填的键“{key}”"),
            Problem::BadDate { text } => format!("“{text}”不是有效日期"),
            Problem::BadChoice { text, .. } => format!("“{text}”不是可用的取值"),
            Problem::EmptyText { key } => format!("“{key}”不能为空"),
            Problem::BadId { text } => format!("标识“{text}”不合规"),
            Problem::OutOfRange { value, min, max } => {
                format!("{value} 超出范围({min}–{max})")
            }
            Problem::DuplicateNumber { number, first } => {
                format!("问题编号 {number} 重复,已在 {first} 使用")
            }
            Problem::DuplicateId { what, id, first } => {
                format!("{}“{id}”重复,已在 {first} 定义", what_zh(what))
            }
            Problem::UnknownVillage { name, .. } => format!("未知的村(社区)“{name}”"),
            Problem::UnknownUnit { name, .. } => format!("未知的责任单位“{name}”"),
            Problem::UnknownIssue { number } => format!("没有编号为 {number} 的问题"),
            Problem::UnknownMeasure { number, count } => {
                format!("本问题只有 {count} 条整改措施,没有第 {number} 条")
            }
            Problem::TaskWithoutOwner => "任务既没有指定村(社区),也没有指定责任单位".into(),
            Problem::ClosedWithoutAcceptance { missing } => {
                let parts: Vec<&str> = missing.iter().map(|part| part.name(Lang::Zh)).collect();
                format!("任务已销号,但缺少{}", parts.join("、"))
            }
            Problem::StatusDisagreesWithHistory { status, last } => {
                format!("状态为 {status},但进展记录的最后一条是 {last}")
            }
            Problem::DateAfterAsOf { date, as_of } => {
                format!("日期 {date} 晚于统计截止日 {as_of}")
            }
            Problem::DatesOutOfOrder { date, previous } => {
                format!("日期 {date} 早于上一条的 {previous},记录顺序颠倒")
            }
            Problem::DeadlineBeforePlan { deadline, plan } => {
                format!("整改时限 {deadline} 早于方案印发日期 {plan}")
            }
            Problem::BadDeadline { text, .. } => format!("整改时限“{text}”无法识别"),
            Problem::BadDocumentDate { text, .. } => format!("成文日期“{text}”无法识别"),
            Problem::UnknownProgressWord { word, .. } => {
                format!("整改进展“{word}”不在进展用语表中")
            }
            Problem::MoreListedThanDeclared {
                what,
                declared,
                listed,
            } => {
                format!("报告称共有 {declared} 个{what},但列出了 {listed} 个")
            }
            Problem::PhaseEndsBeforeStart { start, end } => {
                format!("阶段结束日期 {end} 早于开始日期 {start}")
            }
            Problem::BreakdownWidth { expected, found } => {
                format!("应有 {expected} 个数值(与 columns 一致),实际 {found} 个")
            }
            Problem::BreakdownTotal { column, sum, total } => {
                format!("“{column}”合计写为 {total},但各行相加为 {sum}")
            }
            Problem::PersonNotMentioned { name } => {
                format!("人员名册中的“{name}”在内容中没有出现")
            }
            Problem::Overdue {
                task,
                deadline,
                days,
            } => {
                format!("任务“{task}”已逾期 {days} 天(时限 {deadline})")
            }
            Problem::Leak { .. } => format!("公开版会泄露个人信息:{}", self.leaked(Lang::Zh)),
            Problem::BrokenLink { target } => format!("链接“{target}”指向的页面或锚点不存在"),
            Problem::Stale { task, last, days } => {
                format!("任务“{task}”已 {days} 天没有进展记录(最后一条 {last})")
            }
            Problem::NoAsOf => "未设定统计截止日,跳过逾期和日期检查".into(),
            Problem::RelativeBaseUrl => "未设置网站的完整地址(base_url)".into(),
            Problem::MissingRegister { missing: true } => {
                "缺少人员名册 content/people.yaml,公开版无法隐去群众姓名".into()
            }
            Problem::MissingRegister { missing: false } => {
                "人员名册 people.yaml 没有登记任何人,公开版不会隐去任何姓名".into()
            }
            Problem::BadBaseUrl { text } => {
                format!("base_url“{text}”不是以 http:// 或 https:// 开头的完整网址")
            }
            Problem::UnregisteredName { name } => {
                format!("“{name}”像是群众姓名,但不在人员名册中,公开版不会隐去")
            }
            Problem::AmbiguousName { name, word } => {
                format!("名册中的“{name}”也是站内名称“{word}”的一部分,那里不会被隐去")
            }
            Problem::SpecialFile => "这不是普通文件(管道、套接字或设备),已跳过".into(),
        }
    }

    fn message_en(&self) -> String {
        match self {
            Problem::CannotRead { reason } => format!("cannot read the file: {reason}"),
            Problem::NotUtf8 => "the file is not UTF-8 text".into(),
            Problem::EmptyFile => "the file is empty".into(),
            Problem::NotAFile => "a folder stands where a file is expected".into(),
            Problem::LinkOutsideRoot { target } => {
                format!("symbolic link points outside the site root ({target}); not followed")
            }
            Problem::WalkFailed { reason } => format!("cannot walk the content folder: {reason}"),
            Problem::MissingFile { path } => format!("the required file {path} is missing"),
            Problem::MissingFrontMatter => {
                "the file does not start with a --- front matter block".into()
            }
            Problem::UnclosedFrontMatter => {
                "the front matter opens with --- but never closes".into()
            }
            Problem::YamlSyntax { detail } => format!("YAML syntax error: {detail}"),
            Problem::UnknownKey { key, .. } => format!("unknown key `{key}`"),
            Problem::DuplicateKey { key } => {
                format!("the key `{key}` is written twice at this level")
            }
            Problem::WrongType { expected, found } => {
                format!(
                    "expected {}, found {}",
                    expected.name(Lang::En),
                    found.name(Lang::En)
                )
            }
            Problem::MissingKey { key } => format!("the required key `{key}` is missing"),
            Problem::BadDate { text } => format!("`{text}` is not a valid date"),
            Problem::BadChoice { text, .. } => format!("`{text}` is not an allowed value"),
            Problem::EmptyText { key } => format!("`{key}` must not be empty"),
            Problem::BadId { text } => format!("the id `{text}` is not a valid slug"),
            Problem::OutOfRange { value, min, max } => {
                format!("{value} is out of range ({min}–{max})")
            }
            Problem::DuplicateNumber { number, first } => {
                format!("issue number {number} is used twice; first at {first}")
            }
            Problem::DuplicateId { what, id, first } => {
                format!("{what} `{id}` is defined twice; first at {first}")
            }
            Problem::UnknownVillage { name, .. } => format!("unknown village `{name}`"),
            Problem::UnknownUnit { name, .. } => format!("unknown unit `{name}`"),
            Problem::UnknownIssue { number } => format!("there is no issue number {number}"),
            Problem::UnknownMeasure { number, count } => {
                format!("this issue has {count} measures; there is no measure {number}")
            }
            Problem::TaskWithoutOwner => "the task names neither a village nor a unit".into(),
            Problem::ClosedWithoutAcceptance { missing } => {
                let parts: Vec<&str> = missing.iter().map(|part| part.name(Lang::En)).collect();
                format!("the task is closed out but lacks {}", parts.join(", "))
            }
            Problem::StatusDisagreesWithHistory { status, last } => {
                format!("status is {status} but the history ends with {last}")
            }
            Problem::DateAfterAsOf { date, as_of } => {
                format!("the date {date} is after the as-of date {as_of}")
            }
            Problem::DatesOutOfOrder { date, previous } => {
                format!("the date {date} comes before the previous entry's {previous}")
            }
            Problem::DeadlineBeforePlan { deadline, plan } => {
                format!("the deadline {deadline} is before the plan's date {plan}")
            }
            Problem::BadDeadline { text, .. } => format!("the deadline `{text}` is not a form taizhang reads"),
            Problem::BadDocumentDate { text, .. } => format!("the document date `{text}` is not a form taizhang reads"),
            Problem::UnknownProgressWord { word, .. } => format!("the progress word `{word}` is not in the table"),
            Problem::MoreListedThanDeclared { what, declared, listed } => {
                format!("the report states {declared} for {what}, but {listed} are listed")
            }
            Problem::PhaseEndsBeforeStart { start, end } => {
                format!("the phase ends ({end}) before it starts ({start})")
            }
            Problem::BreakdownWidth { expected, found } => {
                format!("expected {expected} values (one per column), found {found}")
            }
            Problem::BreakdownTotal { column, sum, total } => {
                format!("the total for `{column}` is {total} but the rows add up to {sum}")
            }
            Problem::PersonNotMentioned { name } => {
                format!("`{name}` is in the person register but named nowhere in the content")
            }
            Problem::Overdue {
                task,
                deadline,
                days,
            } => {
                format!("the task “{task}” is {days} days overdue (deadline {deadline})")
            }
            Problem::Leak { .. } => {
                format!("the public site would publish {}", self.leaked(Lang::En))
            }
            Problem::BrokenLink { target } => {
                format!("the link `{target}` leads to no page or anchor of the site")
            }
            Problem::Stale { task, last, days } => {
                format!("the task “{task}” has had no update for {days} days (last {last})")
            }
            Problem::NoAsOf => "no as-of date: overdue and date checks were skipped".into(),
            Problem::RelativeBaseUrl => "no absolute site address (base_url)".into(),
            Problem::MissingRegister { missing: true } => {
                "there is no person register (content/people.yaml): the public site could not mask residents' names".into()
            }
            Problem::MissingRegister { missing: false } => {
                "the person register (people.yaml) lists nobody: the public site would mask no name".into()
            }
            Problem::BadBaseUrl { text } => {
                format!("base_url `{text}` is not an absolute http:// or https:// address")
            }
            Problem::UnregisteredName { name } => format!(
                "`{name}` reads like a resident's name but is not in the register: the public site would show it"
            ),
            Problem::AmbiguousName { name, word } => format!(
                "the registered name `{name}` is also part of the site's own name `{word}`, where it is not masked"
            ),
            Problem::SpecialFile => "not a regular file (a pipe, socket or device); skipped".into(),
        }
    }
}

/// The Chinese name of a kind of thing with an id.
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
