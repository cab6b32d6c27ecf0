//! Synthetic ledgers of any size, for tests and benchmarks: deterministic,
//! valid content with the shape of a real plan (issues with 3–6 measures,
//! about ten tasks each with status histories and acceptance, indicators,
//! notes of about 400 characters, glossary terms and people to mask).

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// How large a ledger to generate.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    /// Issues.
    pub issues: usize,
    /// Villages.
    pub villages: usize,
    /// Notes.
    pub notes: usize,
    /// Offices beside the eight that lead issues (a county's
    /// departments): each issue gets one more task, owned by one of them
    /// in turn; 0 writes none.
    pub units: usize,
}

/// A small deterministic generator (xorshift64*), so output never varies.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const UNITS: &[(&str, &str)] = &[
    ("nongye", "农业办"),
    ("minzheng", "民政办"),
    ("weisheng", "卫生院"),
    ("jiaoyu", "中心学校"),
    ("shuili", "水利站"),
    ("caizheng", "财政所"),
    ("jiwei", "纪委"),
    ("zhenxing", "乡村振兴办"),
];
const SURNAMES: &[char] = &[
    '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙',
];
const GIVEN: &[char] = &[
    '建', '国', '华', '明', '丽', '军', '芳', '强', '秀', '英', '平', '东', '云', '海',
];
const TERMS: &[(&str, &str)] = &[
    ("回头看", "对已经做过的工作再检查一遍,发现遗漏及时补上。"),
    (
        "三色管理",
        "按风险高低给监测对象赋绿、黄、橙三种颜色,分别帮扶。",
    ),
    (
        "五步法",
        "风险消除要经过村提名、入户核实、民主评议、乡镇审核、县级审定五步。",
    ),
    ("小额信贷", "给脱贫户发展生产的低息贷款,只能用于生产经营。"),
    (
        "衔接资金",
        "上级下拨、专门用于巩固脱贫成果和乡村振兴的资金。",
    ),
];
const SENTENCE: &str = "各村(社区)对照问题清单逐项整改,落实“回头看”要求,完善台账资料,做到问题不查清不放过、整改不到位不放过。";

/// The village id `v0001`.
pub fn village_id(index: usize) -> String {
    format!("v{index:04}")
}

/// The id `d001` of an office beside the eight.
fn unit_id(index: usize) -> String {
    format!("d{index:03}")
}

/// site.yaml: the plan's document, `villages` villages, the eight units
/// that lead issues and `units` offices beside them, phases, milestones.
fn site_yaml(villages: usize, units: usize) -> String {
    let mut site = String::from(
        "document:\n  issuer: 示例县人民政府\n  number: 示政发〔2025〕9号\n  title: 关于印发《示例县问题整改方案》的通知\n  date: 2025-07-01\n  preamble: 为抓好问题整改,特制定本方案。\nas_of: 2025-10-20\nsample_data: true\ncontact: 县乡村振兴局\nbase_url: https://example.org/county/\nvillages:\n",
    );
    for v in 0..villages {
        let _ = writeln!(site, "  - {{ id: {}, name: 第{}村 }}", village_id(v), v + 1);
    }
    site.push_str("units:\n");
    for (id, name) in UNITS {
        let _ = writeln!(site, "  - {{ id: {id}, name: {name} }}");
    }
    for u in 0..units {
        let _ = writeln!(
            site,
            "  - {{ id: {}, name: 县直第{}单位 }}",
            unit_id(u),
            u + 1
        );
    }
    site.push_str("phases:\n  - { name: 集中整改阶段, start: 2025-07-01, end: 2025-09-30 }\n  - { name: 巩固提升阶段, start: 2025-10-01, end: 2025-12-31 }\nmilestones:\n  - { date: 2025-08-08, title: 报送中期进展 }\n");
    site
}

/// Writes a site of `size` under `root` (which must not hold content yet).
pub fn write_site(root: &Path, size: Size) -> io::Result<()> {
    let content = root.join("content");
    fs::create_dir_all(content.join("issues"))?;
    fs::create_dir_all(content.join("notes"))?;
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let villages = size.villages.max(1);

    fs::write(content.join("site.yaml"), site_yaml(villages, size.units))?;

    let mut people = String::from("people:\n");
    let mut glossary = String::from("terms:\n");
    for (i, (term, explanation)) in TERMS.iter().enumerate() {
        let _ = writeln!(
            glossary,
            "  - {{ term: {term}, id: t{i}, explanation: \"{explanation}\" }}"
        );
    }
    fs::write(content.join("glossary.yaml"), glossary)?;

    let width = size.issues.to_string().len().max(2);
    for n in 1..=size.issues {
        let person = format!(
            "{}{}{}",
            SURNAMES[n % SURNAMES.len()],
            GIVEN[(n / SURNAMES.len()) % GIVEN.len()],
            GIVEN[(n * 7 + n / 97) % GIVEN.len()]
        );
        let _ = writeln!(people, "  - {{ name: {person}{n} }}");
        let measures = 3 + random.below(4);
        let mut issue = format!(
            "number: {n}\ntitle: 第{n}项问题:帮扶措施落实不到位\nfinding: |\n  第{}村{person}{n}户帮扶措施不精准。{SENTENCE}\nmeasures:\n",
            random.below(villages) + 1
        );
        for m in 1..=measures {
            let _ = writeln!(
                issue,
                "  - 第{m}条措施:建立工作台账,开展“回头看”,逐户核实整改。"
            );
        }
        let _ = writeln!(
            issue,
            "target: 问题全部整改到位。\ndeadline: 2025-09-30\nongoing: true\nunits: [{}]\nindicators:\n  - id: i{n}\n    name: 核实准确率\n    unit: \"%\"\n    baseline: {{ date: 2025-06-30, value: {} }}\n    target: 100\n    readings:\n      - {{ date: 2025-09-30, value: {} }}\ntasks:",
            UNITS[n % UNITS.len()].0,
            40 + random.below(40),
            80 + random.below(20)
        );
        let tasks = if size.units > 0 { 11 } else { 10 };
        for t in 0..tasks {
            let owner = if t == 10 {
                format!("unit: {}", unit_id(n % size.units))
            } else {
                format!("village: {}", village_id((n * 10 + t) % villages))
            };
            let roll = random.below(100);
            let start = 2 + random.below(27);
            let status = match roll {
                0..=54 => "closed",
                55..=74 => "awaiting_acceptance",
                75..=94 => "in_progress",
                _ => "not_started",
            };
            let _ = write!(
                issue,
                "\n  - {owner}\n    measure: {}\n    what: 落实第{}条措施\n    status: {status}\n",
                1 + t % measures,
                1 + t % measures
            );
            if status != "not_started" {
                let _ = write!(
                    issue,
                    "    history:\n      - {{ date: 2025-07-{start:02}, status: in_progress }}\n"
                );
            }
            if status == "awaiting_acceptance" || status == "closed" {
                let _ = writeln!(
                    issue,
                    "      - {{ date: 2025-09-{:02}, status: awaiting_acceptance }}",
                    1 + random.below(25)
                );
            }
            if status == "closed" {
                let day = 1 + random.below(18);
                let _ = write!(
                    issue,
                    "      - {{ date: 2025-10-{day:02}, status: closed }}\n    acceptance:\n      date: 2025-10-{day:02}\n      by: zhenxing\n      evidence:\n        - {{ title: 整改台账, kind: ledger }}\n"
                );
            }
            if status == "in_progress" {
                let _ = writeln!(
                    issue,
                    "      - {{ date: 2025-10-{:02}, status: in_progress }}",
                    1 + random.below(18)
                );
            }
        }
        fs::write(content.join(format!("issues/{n:0width$}.yaml")), issue)?;
    }
    fs::write(content.join("people.yaml"), people)?;

    for k in 0..size.notes {
        let number = 1 + k % size.issues.max(1);
        let body: String = std::iter::repeat_n(SENTENCE, 7)
            .collect::<Vec<_>>()
            .join("\n\n");
        let note = format!(
            "---\ntitle: 第{number}项问题整改进展({k})\ndate: 2025-{:02}-{:02}\nkind: progress\nissues: [{number}]\nvillages: [{}]\n---\n## 进展\n\n{body}\n",
            8 + k % 3,
            1 + k % 28,
            village_id(k % villages)
        );
        fs::write(content.join(format!("notes/note-{k:05}.md")), note)?;
    }
    Ok(())
}
