//! What a problem names beside the user's own words: the kind of YAML
//! value expected or found, the part of an acceptance record missing —
//! each with its name in Chinese and English.

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
    pub(super) fn name(self, lang: Lang) -> &'static str {
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
    pub(super) fn name(self, lang: Lang) -> &'static str {
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
