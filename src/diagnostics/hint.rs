//! What to do about each problem, when there is something useful to say:
//! the likely intended name, the allowed keys, how to write a value.

use super::Lang;
use super::named::Kind;
use super::problem::Problem;

impl Problem {
    /// What to do about it, when there is something useful to say.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        match lang {
            Lang::Zh => self.hint_zh(),
            Lang::En => self.hint_en(),
        }
    }

    fn hint_zh(&self) -> Option<String> {
        let hint = match self {
            Problem::NotUtf8 => "请用“另存为 → UTF-8”保存;WPS/记事本默认的 GBK(ANSI)编码无法读取".into(),
            Problem::EmptyFile => "不需要的文件请删除;新文件可用 taizhang new 生成".into(),
            Problem::NotAFile => "把文件夹改名或移走".into(),
            Problem::MissingFile { .. } => "用 taizhang init 生成一个示例站点作参考".into(),
            Problem::MissingFrontMatter | Problem::UnclosedFrontMatter => {
                "文件应以 --- 开头,写 title、date 等,再以 --- 单独一行结束".into()
            }
            Problem::YamlSyntax { .. } => {
                "检查缩进(只能用空格,同级对齐)、冒号后的空格、引号和括号是否成对;文字里含有“: ”时请给整段加引号".into()
            }
            Problem::DuplicateKey { .. } => "删除或合并其中一个".into(),
            Problem::MissingKey { key } => format!("在这一层添加一行“{key}: …”"),
            Problem::UnknownKey { key, .. } if !key.is_ascii() => {
                "这看起来是一段被英文逗号截断的文字:在 { } 或 [ ] 里,英文逗号“,”会分隔条目。请给整段文字加引号,或改用中文逗号“,”".into()
            }
            Problem::UnknownKey { key, allowed } => {
                let close = closest(key, allowed.iter().copied());
                let list = allowed.join(", ");
                match close {
                    Some(close) => format!("是否指“{close}”?可用的键:{list}"),
                    None => format!("可用的键:{list}"),
                }
            }
            Problem::WrongType {
                expected: Kind::Text,
                found: Kind::Map,
            } => "文本中含有“: ”时请给整段加引号,或改用 | 多行写法".into(),
            Problem::WrongType { expected: Kind::List, .. } => {
                "列表的每一项以“- ”开头,或写成 [甲, 乙]".into()
            }
            Problem::BadDate { .. } => "日期写作 YYYY-MM-DD,例如 2025-09-30".into(),
            Problem::BadChoice { text, allowed } => {
                let close = closest(text, allowed.iter().copied());
                let list = allowed.join(", ");
                match close {
                    Some(close) => format!("是否指“{close}”?可用的取值:{list}"),
                    None => format!("可用的取值:{list}"),
                }
            }
            Problem::BadId { .. } => "标识只能用小写字母、数字和连字符,例如 bajing".into(),
            Problem::DuplicateNumber { .. } => "每个问题文件的 number 必须唯一".into(),
            Problem::UnknownVillage { suggestion, .. } | Problem::UnknownUnit { suggestion, .. } => {
                let village = matches!(self, Problem::UnknownVillage { .. });
                match suggestion {
                    Some(s) => format!("是否指“{s}”?"),
                    None if village => "请先在 content/site.yaml 的 villages 中登记".into(),
                    None => "请先在 content/site.yaml 的 units 中登记".into(),
                }
            }
            Problem::TaskWithoutOwner => "写上 village(村)或 unit(单位),或两者都写".into(),
            Problem::ClosedWithoutAcceptance { .. } => {
                "方案要求严禁“数字整改、纸面整改”:销号须有验收日期、验收单位和至少一份佐证材料;未验收请改为 awaiting_acceptance(待验收)".into()
            }
            Problem::StatusDisagreesWithHistory { .. } => {
                "在 history 末尾补一条记录,或改正 status".into()
            }
            Problem::DateAfterAsOf { .. } => {
                "检查年份或月份是否写错;或更新 site.yaml 的 as_of,或用 --as-of 指定".into()
            }
            Problem::DatesOutOfOrder { .. } => "按时间先后排列记录".into(),
            Problem::BadDeadline { forms, .. } => {
                format!("按方案原文写,可用的写法如:{}", forms.join("、"))
            }
            Problem::BadDocumentDate { forms, .. } => {
                format!("按文件落款写,可用的写法如:{}", forms.join("、"))
            }
            Problem::UnknownProgressWord { known, .. } => {
                format!("可用的进展用语:{}", known.join("、"))
            }
            Problem::MoreListedThanDeclared { .. } => {
                "核对 site.yaml 中 document.declared 的数字与所列问题".into()
            }
            Problem::DeadlineBeforePlan { .. } => "检查年份是否写错".into(),
            Problem::BreakdownTotal { .. } => "核对各行数字与合计".into(),
            Problem::PersonNotMentioned { .. } => {
                "从 people.yaml 删除此人,或检查内容中的姓名是否写错".into()
            }
            Problem::Leak { .. } => {
                "这是生成的页面,不是内容文件:检查自定义模板或静态文件中是否直接写了姓名、电话或身份证号".into()
            }
            Problem::BrokenLink { .. } => {
                "站内链接写作 /issues/07/、/villages/bajing/、/policy/glossary/#术语 等;检查编号、标识和 # 后的锚点".into()
            }
            Problem::Stale { .. } => "在任务的 history 中补充最新进展".into(),
            Problem::NoAsOf => "在 site.yaml 写 as_of: YYYY-MM-DD,或运行时加 --as-of".into(),
            Problem::RelativeBaseUrl => {
                "在 site.yaml 写 base_url: https://…/(网站发布地址),或构建时加 --base-url;否则村务公开栏公示不印二维码,订阅和站点地图的链接也不完整".into()
            }
            Problem::MissingRegister { .. } => {
                "在 content/people.yaml 中登记方案点名的每位群众(people: - { name: 兰东风 });如方案确实不涉及任何群众个人,在 site.yaml 写 privacy: { no_private_persons: true }".into()
            }
            Problem::BadBaseUrl { .. } => {
                "写成网站的发布地址,例如 base_url: https://www.example.gov.cn/zhenggai/".into()
            }
            Problem::UnregisteredName { name } => format!(
                "如是群众,在 people.yaml 的 people 中登记“- {{ name: {name} }}”;如不是人名,把它加入 people.yaml 的 allow 列表"
            ),
            Problem::AmbiguousName { .. } => {
                "核对站内名称中的这几个字是否确指此人;如是,请改写内容以免误解".into()
            }
            Problem::SpecialFile => "把它移出 content 文件夹".into(),
            _ => return None,
        };
        Some(hint)
    }

    fn hint_en(&self) -> Option<String> {
        let hint = match self {
            Problem::NotUtf8 => "save it as UTF-8; GBK/ANSI text from older editors cannot be read".into(),
            Problem::EmptyFile => "delete the file if it is not needed, or fill it in".into(),
            Problem::NotAFile => "rename or move the folder".into(),
            Problem::MissingFile { .. } => "run `taizhang init` to see a complete example site".into(),
            Problem::MissingFrontMatter | Problem::UnclosedFrontMatter => {
                "start the file with ---, then title, date …, then --- on a line of its own".into()
            }
            Problem::YamlSyntax { .. } => {
                "check indentation (spaces only, siblings aligned), the space after each colon, and paired quotes and brackets; quote text that contains `: `".into()
            }
            Problem::DuplicateKey { .. } => "delete or merge one of them".into(),
            Problem::MissingKey { key } => format!("add a line `{key}: …` at this level"),
            Problem::UnknownKey { key, .. } if !key.is_ascii() => {
                "this looks like text cut at a comma: inside { } or [ ], a `,` separates entries. Quote the whole text, or use the full-width comma “,”".into()
            }
            Problem::UnknownKey { key, allowed } => {
                let close = closest(key, allowed.iter().copied());
                let list = allowed.join(", ");
                match close {
                    Some(close) => format!("did you mean `{close}`? allowed keys: {list}"),
                    None => format!("allowed keys: {list}"),
                }
            }
            Problem::WrongType {
                expected: Kind::Text,
                found: Kind::Map,
            } => "quote text that contains `: `, or use a `|` block".into(),
            Problem::WrongType { expected: Kind::List, .. } => {
                "start each item with `- `, or write [a, b]".into()
            }
            Problem::BadDate { .. } => "write dates as YYYY-MM-DD, e.g. 2025-09-30".into(),
            Problem::BadChoice { text, allowed } => {
                let close = closest(text, allowed.iter().copied());
                let list = allowed.join(", ");
                match close {
                    Some(close) => format!("did you mean `{close}`? allowed: {list}"),
                    None => format!("allowed: {list}"),
                }
            }
            Problem::BadId { .. } => "ids use lower-case letters, digits and hyphens, e.g. bajing".into(),
            Problem::DuplicateNumber { .. } => "give every issue file its own number".into(),
            Problem::UnknownVillage { suggestion, .. } | Problem::UnknownUnit { suggestion, .. } => {
                let village = matches!(self, Problem::UnknownVillage { .. });
                match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if village => "list it under `villages` in content/site.yaml first".into(),
                    None => "list it under `units` in content/site.yaml first".into(),
                }
            }
            Problem::TaskWithoutOwner => "add `village`, `unit`, or both".into(),
            Problem::ClosedWithoutAcceptance { .. } => {
                "closing out needs an acceptance date, the accepting unit and at least one piece of evidence; until then use awaiting_acceptance".into()
            }
            Problem::StatusDisagreesWithHistory { .. } => {
                "add a history entry for the change, or correct the status".into()
            }
            Problem::DateAfterAsOf { .. } => {
                "check the year and month, or move the as-of date (site.yaml `as_of` or --as-of)".into()
            }
            Problem::DatesOutOfOrder { .. } => "list the entries oldest first".into(),
            Problem::BadDeadline { forms, .. } => {
                format!("write it as the plan does; forms read: {}", forms.join(", "))
            }
            Problem::BadDocumentDate { forms, .. } => {
                format!("write it as the document does; forms read: {}", forms.join(", "))
            }
            Problem::UnknownProgressWord { known, .. } => {
                format!("progress words read: {}", known.join(", "))
            }
            Problem::MoreListedThanDeclared { .. } => {
                "check the figures under document.declared in site.yaml against the problems listed".into()
            }
            Problem::DeadlineBeforePlan { .. } => "check the year".into(),
            Problem::BreakdownTotal { .. } => "check the rows against the total".into(),
            Problem::PersonNotMentioned { .. } => {
                "remove the entry from people.yaml, or check the spelling in the content".into()
            }
            Problem::Leak { .. } => {
                "this is a generated file, not content: check site templates and static files for names, phone or ID numbers written in directly".into()
            }
            Problem::BrokenLink { .. } => {
                "internal links look like /issues/07/, /villages/bajing/, /policy/glossary/#term; check the number, id and anchor".into()
            }
            Problem::Stale { .. } => "add the latest progress to the task's history".into(),
            Problem::NoAsOf => "set `as_of: YYYY-MM-DD` in site.yaml or pass --as-of".into(),
            Problem::RelativeBaseUrl => {
                "set `base_url: https://…/` in site.yaml or pass --base-url; until then notices print no QR code and feed links are incomplete".into()
            }
            Problem::MissingRegister { .. } => {
                "list every resident the plan names in content/people.yaml (people: - { name: … }); if the plan truly names no private person, write `privacy: { no_private_persons: true }` in site.yaml".into()
            }
            Problem::BadBaseUrl { .. } => {
                "write the address the site is published at, e.g. base_url: https://www.example.gov.cn/ledger/".into()
            }
            Problem::UnregisteredName { name } => format!(
                "if this is a resident, add `- {{ name: {name} }}` under `people` in people.yaml; if it is not a name, add it to the `allow` list there"
            ),
            Problem::AmbiguousName { .. } => {
                "check that the site's name does not refer to this person; if it does, reword the content".into()
            }
            Problem::SpecialFile => "move it out of the content folder".into(),
            _ => return None,
        };
        Some(hint)
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
