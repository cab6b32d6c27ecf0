//! A Word document's text as its reader sees it: each paragraph with the
//! number Word draws before it (automatic numbering, from `numbering.xml`
//! and the paragraph's style in `styles.xml`, so a heading numbered 一、 by
//! Word reads `一、指导思想` though the text holds only 指导思想), and
//! each table as rows of cells, a cell merged down a column read on every
//! row it spans. Deleted text under tracked changes is not read.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use roxmltree::{Document, Node};

use super::document::Block;
use super::plan_words::cn;

/// The blocks of a `.docx` file: paragraphs and table rows, in order.
pub(super) fn docx_blocks(bytes: &[u8], name: &str) -> Result<Vec<Block>, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| {
        format!("{name}: not a Word .docx file (a password-protected document is stored encrypted: save it again without a password)")
    })?;
    let mut part = |path: &str| -> Option<String> {
        let mut xml = String::new();
        archive.by_name(path).ok()?.read_to_string(&mut xml).ok()?;
        Some(xml)
    };
    let xml = part("word/document.xml").ok_or_else(|| {
        format!("{name}: a zip file, but not a Word document (no word/document.xml)")
    })?;
    let numbering_xml = part("word/numbering.xml").unwrap_or_default();
    let styles_xml = part("word/styles.xml").unwrap_or_default();
    let document =
        Document::parse(&xml).map_err(|e| format!("{name}: damaged document XML ({e})"))?;
    let mut numbering = Numbering::read(&numbering_xml, &styles_xml);
    let body = document
        .descendants()
        .find(|n| n.tag_name().name() == "body")
        .ok_or_else(|| format!("{name}: the document has no body"))?;
    let mut blocks = Vec::new();
    read_children(body, &mut numbering, &mut blocks);
    Ok(blocks)
}

/// Paragraphs and tables directly in `parent` (or in content controls).
fn read_children(parent: Node, numbering: &mut Numbering, blocks: &mut Vec<Block>) {
    for node in parent.children().filter(Node::is_element) {
        match node.tag_name().name() {
            "p" => blocks.push(Block::Text(paragraph_text(node, numbering))),
            "tbl" => read_table(node, numbering, blocks),
            "sdt" | "sdtContent" | "customXml" => read_children(node, numbering, blocks),
            _ => {}
        }
    }
}

/// A table's rows; a cell continuing a vertical merge takes the text of
/// the cell above it, one spanning columns stands in its first column.
fn read_table(table: Node, numbering: &mut Numbering, blocks: &mut Vec<Block>) {
    let mut above: Vec<String> = Vec::new();
    for row in children(table, "tr") {
        let mut cells: Vec<String> = Vec::new();
        for cell in children(row, "tc") {
            let properties = child(cell, "tcPr");
            let span = properties
                .and_then(|p| child(p, "gridSpan"))
                .and_then(|s| attribute(s, "val"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1);
            let continues = properties
                .and_then(|p| child(p, "vMerge"))
                .is_some_and(|m| attribute(m, "val").is_none_or(|v| v == "continue"));
            let text = if continues {
                above.get(cells.len()).cloned().unwrap_or_default()
            } else {
                let paragraphs: Vec<String> = cell
                    .descendants()
                    .filter(|n| n.tag_name().name() == "p")
                    .map(|p| paragraph_text(p, numbering))
                    .filter(|t| !t.trim().is_empty())
                    .collect();
                paragraphs.join("\n")
            };
            cells.push(text);
            cells.extend(std::iter::repeat_n(String::new(), span - 1));
        }
        above.clone_from(&cells);
        blocks.push(Block::Row(cells));
    }
}

/// The paragraph's number as Word draws it, then its text runs (tabs and
/// line breaks kept; deleted runs, field codes and text boxes left out).
fn paragraph_text(paragraph: Node, numbering: &mut Numbering) -> String {
    let mut text = numbering.label(paragraph);
    let mut stack: Vec<Node> = paragraph.children().collect();
    stack.reverse();
    while let Some(node) = stack.pop() {
        match node.tag_name().name() {
            "t" => text.push_str(node.text().unwrap_or_default()),
            "tab" => text.push('\t'),
            "br" | "cr" => text.push('\n'),
            "del" | "moveFrom" | "txbxContent" | "instrText" | "pPr" | "rPr" => {}
            _ => stack.extend(node.children().rev()),
        }
    }
    text
}

/// One level of a list: where it starts, how its number is drawn.
#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// Word's lists: each `w:num` points at an abstract list whose levels say
/// how numbers look; lists sharing an abstract list share its counters
/// unless a `w:num` restarts a level.
#[derive(Debug, Default)]
struct Numbering {
    /// Abstract list id → its levels, by level.
    levels: HashMap<String, Vec<Level>>,
    /// `w:numId` → (abstract list id, level → restart value).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    /// Paragraph style id → (numId, level), from `styles.xml`.
    styles: HashMap<String, (String, usize)>,
    /// Abstract list id → the current count at each level.
    counters: HashMap<String, [u32; 9]>,
    /// Nums whose restarts have been applied.
    started: HashSet<String>,
}

impl Numbering {
    fn read(numbering_xml: &str, styles_xml: &str) -> Numbering {
        let mut numbering = Numbering::default();
        if let Ok(document) = Document::parse(numbering_xml) {
            for node in document.descendants() {
                match node.tag_name().name() {
                    "abstractNum" => {
                        let id = attribute(node, "abstractNumId").unwrap_or_default();
                        let mut levels = vec![Level::default(); 9];
                        for level in children(node, "lvl") {
                            let index: usize = attribute(level, "ilvl")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(0);
                            let value =
                                |tag: &str| child(level, tag).and_then(|n| attribute(n, "val"));
                            if let Some(slot) = levels.get_mut(index) {
                                *slot = Level {
                                    start: value("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                                    format: value("numFmt").unwrap_or_default(),
                                    text: value("lvlText").unwrap_or_default(),
                                };
                            }
                        }
                        numbering.levels.insert(id, levels);
                    }
                    "num" => {
                        let id = attribute(node, "numId").unwrap_or_default();
                        let abstract_id = child(node, "abstractNumId")
                            .and_then(|n| attribute(n, "val"))
                            .unwrap_or_default();
                        let restarts = children(node, "lvlOverride")
                            .filter_map(|o| {
                                let level = attribute(o, "ilvl")?.parse().ok()?;
                                let start = attribute(child(o, "startOverride")?, "val")?;
                                Some((level, start.parse().ok()?))
                            })
                            .collect();
                        numbering.nums.insert(id, (abstract_id, restarts));
                    }
                    _ => {}
                }
            }
        }
        if let Ok(document) = Document::parse(styles_xml) {
            for style in document
                .descendants()
                .filter(|n| n.tag_name().name() == "style")
            {
                let found = child(style, "pPr").and_then(|p| child(p, "numPr"));
                if let (Some(id), Some(num)) = (attribute(style, "styleId"), found) {
                    numbering.styles.insert(id, num_pr(num));
                }
            }
        }
        numbering
    }

    /// The number Word draws before `paragraph`, counting it; empty when
    /// the paragraph is not in a list.
    fn label(&mut self, paragraph: Node) -> String {
        let properties = child(paragraph, "pPr");
        let direct = properties.and_then(|p| child(p, "numPr")).map(num_pr);
        let styled = properties
            .and_then(|p| child(p, "pStyle"))
            .and_then(|s| attribute(s, "val"))
            .and_then(|id| self.styles.get(&id).cloned());
        let (num_id, level) = match (direct, styled) {
            (Some((id, level)), Some((styled_id, _))) if id.is_empty() => (styled_id, level),
            (Some(direct), _) => direct,
            (None, Some(styled)) => styled,
            (None, None) => return String::new(),
        };
        let Some((abstract_id, restarts)) = self.nums.get(&num_id).cloned() else {
            return String::new();
        };
        let Some(levels) = self.levels.get(&abstract_id).cloned() else {
            return String::new();
        };
        let counters = self.counters.entry(abstract_id).or_insert([0; 9]);
        if self.started.insert(num_id) {
            for (&at, &start) in &restarts {
                if let Some(count) = counters.get_mut(at) {
                    *count = start.saturating_sub(1);
                }
            }
        }
        let level = level.min(8);
        counters[level] = if counters[level] == 0 {
            levels[level].start.max(1)
        } else {
            counters[level] + 1
        };
        for deeper in &mut counters[level + 1..] {
            *deeper = 0;
        }
        let mut label = levels[level].text.clone();
        for (at, drawn) in levels.iter().enumerate().take(level + 1) {
            let count = counters[at].max(drawn.start);
            label = label.replace(&format!("%{}", at + 1), &drawn_number(count, &drawn.format));
        }
        if levels[level].format == "bullet" {
            String::new()
        } else {
            label
        }
    }
}

/// `n` as a list draws it: 3, 三, ③, c, iii.
fn drawn_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographTraditional"
        | "taiwaneseCounting" => cn(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or(n.to_string(), String::from)
        }
        "lowerLetter" | "upperLetter" if (1..=26).contains(&n) => {
            let letter = char::from(b'a' + (n - 1) as u8);
            if format == "upperLetter" {
                letter.to_ascii_uppercase().to_string()
            } else {
                letter.to_string()
            }
        }
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// `(numId, level)` of a `w:numPr`.
fn num_pr(node: Node) -> (String, usize) {
    let value = |tag: &str| child(node, tag).and_then(|n| attribute(n, "val"));
    (
        value("numId").unwrap_or_default(),
        value("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
    )
}

fn children<'a>(node: Node<'a, 'a>, name: &'static str) -> impl Iterator<Item = Node<'a, 'a>> {
    node.children().filter(move |n| n.tag_name().name() == name)
}

fn child<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children().find(|n| n.tag_name().name() == name)
}

/// A `w:` attribute by its local name.
fn attribute(node: Node, name: &str) -> Option<String> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_drawn_as_word_draws_them() {
        assert_eq!(drawn_number(3, "chineseCounting"), "三");
        assert_eq!(drawn_number(12, "chineseCountingThousand"), "十二");
        assert_eq!(drawn_number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(drawn_number(3, "lowerLetter"), "c");
        assert_eq!(drawn_number(7, "decimal"), "7");
    }
}
