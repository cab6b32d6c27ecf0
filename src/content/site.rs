//! `content/site.yaml`: the plan document, villages, units, phases,
//! milestones and site settings.

use crate::date::Date;
use crate::diagnostics::{FileId, Located};

use super::decode::{Choice, Decoder};
use super::document::{Document, decode_document};
use super::places::Places;
use super::yaml::Node;

/// Everything in `site.yaml`.
#[derive(Clone, Debug)]
pub struct Site {
    /// The file it came from.
    pub file: FileId,
    /// The plan document's header and text.
    pub document: Document,
    /// Its villages and units by id and by name.
    pub places: Places,
    /// The date overdue status is computed against.
    pub as_of: Option<Located<Date>>,
    /// Whether progress in the content is sample data (shown as a banner).
    pub sample_data: bool,
    /// Whether pages show punctuation and line breaks exactly as typed,
    /// instead of in Chinese typography.
    pub keep_punctuation: bool,
    /// How residents reach the office (printed on notices).
    pub contact: Option<Located<String>>,
    /// What a village notice posted on the bulletin board says besides its
    /// list: how long it stays up, and where to complain.
    pub notice: NoticeSettings,
    /// Where the site is published, e.g. `https://example.gov.cn/ledger/`.
    pub base_url: Option<Located<String>>,
    /// Page language, `zh-CN` by default.
    pub language: Option<Located<String>>,
    /// Villages and communities, in the plan's order.
    pub villages: Vec<Village>,
    /// Responsible units.
    pub units: Vec<Unit>,
    /// Phases of the rectification.
    pub phases: Vec<Phase>,
    /// Dated milestones (reports due, spot checks).
    pub milestones: Vec<Milestone>,
    /// How the public build masks names and ID numbers.
    pub privacy: Privacy,
}

/// The `notice:` block: a village notice's 公示 details.
#[derive(Clone, Debug, Default)]
pub struct NoticeSettings {
    /// 公示期 in days; the notice leaves the dates blank without it.
    pub days: Option<Located<u32>>,
    /// The day it is posted; the as-of date without it.
    pub posted: Option<Located<Date>>,
    /// 监督电话; the notice leaves a line to write it by hand without it.
    pub phone: Option<Located<String>>,
}

/// How the public build masks what it must not show.
#[derive(Clone, Copy, Debug, Default)]
pub struct Privacy {
    /// 兰某某 (default), 兰某 or 兰**.
    pub name_mask: NameMask,
    /// ID numbers: first six and last four kept (default), or all hidden.
    pub id_mask: IdMask,
    /// The site declares that its plan names no private person, so it
    /// needs no `people.yaml`.
    pub no_private_persons: bool,
}

/// How a masked name is written after the surname.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NameMask {
    /// 兰东风 → 兰某某 (the default).
    #[default]
    Mou2,
    /// 兰东风 → 兰某.
    Mou,
    /// 兰东风 → 兰**.
    Stars,
}

/// How much of an ID number is kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IdMask {
    /// First six and last four characters (the default).
    #[default]
    Partial,
    /// Nothing: every character becomes `*`.
    Full,
}

impl Choice for NameMask {
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("某某", NameMask::Mou2),
        ("某", NameMask::Mou),
        ("*", NameMask::Stars),
    ];
}

impl Choice for IdMask {
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("partial", IdMask::Partial),
        ("full", IdMask::Full),
        ("部分", IdMask::Partial),
        ("全部", IdMask::Full),
    ];
}

/// What kind of place a village is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VillageKind {
    /// 村.
    Village,
    /// 社区.
    Community,
    /// 安置区 (a resettlement area).
    Resettlement,
}

impl Choice for VillageKind {
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("村", VillageKind::Village),
        ("社区", VillageKind::Community),
        ("安置区", VillageKind::Resettlement),
        ("village", VillageKind::Village),
        ("community", VillageKind::Community),
        ("resettlement", VillageKind::Resettlement),
    ];
}

/// A village, community or resettlement area.
#[derive(Clone, Debug)]
pub struct Village {
    /// Slug used in addresses, e.g. `bajing`.
    pub id: Located<String>,
    /// Name, e.g. 八景村.
    pub name: Located<String>,
    /// 村, 社区 or 安置区.
    pub kind: VillageKind,
    /// The village or community it belongs to (for 安置区).
    pub part_of: Option<Located<String>>,
}

/// A responsible unit.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Slug used in addresses.
    pub id: Located<String>,
    /// Name, e.g. 农业大面组.
    pub name: Located<String>,
    /// True for the collective 各村(社区): it stands for every village.
    pub all_villages: bool,
}

/// A phase of the rectification.
#[derive(Clone, Debug)]
pub struct Phase {
    /// Name, e.g. 集中整改阶段.
    pub name: Located<String>,
    /// First day.
    pub start: Located<Date>,
    /// Last day.
    pub end: Located<Date>,
    /// What happens in it, Markdown.
    pub description: Option<Located<String>>,
}

/// A dated milestone.
#[derive(Clone, Debug)]
pub struct Milestone {
    /// The date (the first, for a monthly milestone).
    pub date: Located<Date>,
    /// What is due.
    pub title: Located<String>,
    /// For a milestone repeated monthly, the last date it repeats by.
    pub monthly_until: Option<Located<Date>>,
}

const SITE_KEYS: &[&str] = &[
    "document",
    "as_of",
    "sample_data",
    "keep_punctuation",
    "contact",
    "notice",
    "base_url",
    "language",
    "villages",
    "units",
    "phases",
    "milestones",
    "privacy",
];

/// Decodes `site.yaml`; `None` when it is too broken to use.
pub(super) fn decode(root: &Node, file: FileId, decoder: &mut Decoder<'_>) -> Option<Site> {
    let fields = decoder.fields(root, SITE_KEYS)?;
    let document = match fields.get("document") {
        Some(node) => decode_document(node, decoder),
        None => {
            decoder.report(
                crate::diagnostics::Problem::MissingKey { key: "document" },
                fields.span(),
            );
            None
        }
    };
    let villages: Vec<Village> = decoder
        .list(&fields, "villages")
        .iter()
        .filter_map(|node| {
            let f = decoder.fields(node, &["id", "name", "kind", "part_of"])?;
            let id = decoder.id(&f, "id");
            let name = decoder.text(&f, "name");
            let kind = decoder
                .opt_choice(&f, "kind")
                .map_or(VillageKind::Village, |k| k.value);
            let part_of = decoder.opt_text(&f, "part_of");
            Some(Village {
                id: id?,
                name: name?,
                kind,
                part_of,
            })
        })
        .collect();
    let units: Vec<Unit> = decoder
        .list(&fields, "units")
        .iter()
        .filter_map(|node| {
            let f = decoder.fields(node, &["id", "name", "all_villages"])?;
            let id = decoder.id(&f, "id");
            let name = decoder.text(&f, "name");
            let all_villages = decoder.flag(&f, "all_villages");
            Some(Unit {
                id: id?,
                name: name?,
                all_villages,
            })
        })
        .collect();
    let phases = decoder
        .list(&fields, "phases")
        .iter()
        .filter_map(|node| {
            let f = decoder.fields(node, &["name", "start", "end", "description"])?;
            let name = decoder.text(&f, "name");
            let start = decoder.date(&f, "start");
            let end = decoder.date(&f, "end");
            let description = decoder.opt_text(&f, "description");
            Some(Phase {
                name: name?,
                start: start?,
                end: end?,
                description,
            })
        })
        .collect();
    let milestones = decoder
        .list(&fields, "milestones")
        .iter()
        .filter_map(|node| {
            let f = decoder.fields(node, &["date", "title", "monthly_until"])?;
            let date = decoder.date(&f, "date");
            let title = decoder.text(&f, "title");
            let monthly_until = decoder.opt_date(&f, "monthly_until");
            Some(Milestone {
                date: date?,
                title: title?,
                monthly_until,
            })
        })
        .collect();
    let privacy = decoder
        .opt_fields(
            &fields,
            "privacy",
            &["name_mask", "id_mask", "no_private_persons"],
        )
        .map(|p| Privacy {
            no_private_persons: decoder.flag(&p, "no_private_persons"),
            name_mask: decoder
                .opt_choice(&p, "name_mask")
                .map(|c| c.value)
                .unwrap_or_default(),
            id_mask: decoder
                .opt_choice(&p, "id_mask")
                .map(|c| c.value)
                .unwrap_or_default(),
        })
        .unwrap_or_default();
    let notice = decode_notice(&fields, decoder);
    Some(Site {
        places: Places::new(&villages, &units),
        notice,
        file,
        privacy,
        as_of: decoder.opt_date(&fields, "as_of"),
        sample_data: decoder.flag(&fields, "sample_data"),
        keep_punctuation: decoder.flag(&fields, "keep_punctuation"),
        contact: decoder.opt_text(&fields, "contact"),
        base_url: decoder.opt_text(&fields, "base_url"),
        language: decoder.opt_text(&fields, "language"),
        document: document?,
        villages,
        units,
        phases,
        milestones,
    })
}

/// The `notice:` block, all of it optional.
fn decode_notice(fields: &super::decode::Fields<'_>, decoder: &mut Decoder<'_>) -> NoticeSettings {
    decoder
        .opt_fields(fields, "notice", &["days", "posted", "phone"])
        .map(|n| NoticeSettings {
            days: decoder.opt_int(&n, "days", 1, 366),
            posted: decoder.opt_date(&n, "posted"),
            phone: decoder.opt_text(&n, "phone"),
        })
        .unwrap_or_default()
}
