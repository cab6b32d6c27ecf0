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

/// What the leak guard found in an output file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaked {
    /// A name in the person register.
    Name,
    /// A mainland mobile number.
    Mobile,
    /// A landline number with its area code.
    Landline,
    /// A resident ID number.
    Id,
    /// A bank card number.
    BankCard,
}

impl Leaked {
    pub(super) fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Leaked::Name, Lang::Zh) => "登记人员的姓名",
            (Leaked::Mobile, Lang::Zh) => "手机号码",
            (Leaked::Landline, Lang::Zh) => "固定电话号码",
            (Leaked::Id, Lang::Zh) => "身份证号码",
            (Leaked::BankCard, Lang::Zh) => "银行卡号",
            (Leaked::Name, Lang::En) => "a registered name",
            (Leaked::Mobile, Lang::En) => "a mobile number",
            (Leaked::Landline, Lang::En) => "a landline number",
            (Leaked::Id, Lang::En) => "an ID number",
            (Leaked::BankCard, Lang::En) => "a bank card number",
        }
    }
}

/// Where in an output file the leak guard found something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LeakPlace {
    /// In its text, at the line and column reported.
    Text,
    /// In its name, or a folder's.
    FileName,
    /// In this entry of the zip archive it is (a workbook's sheet, say).
    Entry(String),
    /// In the text it holds compressed.
    Decompressed,
    /// In the bytes of a file that is not text (an image, say), the column
    /// counting bytes.
    Bytes,
}

impl LeakPlace {
    /// What is said after the finding: nothing for its text.
    pub(super) fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (LeakPlace::Text, _) => String::new(),
            (LeakPlace::FileName, Lang::Zh) => ",在文件名中".into(),
            (LeakPlace::Entry(entry), Lang::Zh) => format!(",在其中的 {entry} 里"),
            (LeakPlace::Decompressed, Lang::Zh) => ",在解压后的内容中".into(),
            (LeakPlace::Bytes, Lang::Zh) => ",在文件的字节中".into(),
            (LeakPlace::FileName, Lang::En) => " in the file name".into(),
            (LeakPlace::Entry(entry), Lang::En) => format!(" in {entry}"),
            (LeakPlace::Decompressed, Lang::En) => " in its decompressed text".into(),
            (LeakPlace::Bytes, Lang::En) => " in its bytes".into(),
        }
    }
}
