//! The guard's findings over whole files: where a leak is reported, how
//! markup is read, and what is remembered between files.

use super::*;

pub(super) fn register(names: &[&str]) -> Register {
    Register {
        people: names
            .iter()
            .map(|n| ((*n).to_string(), n.chars().take(1).collect()))
            .collect(),
        ..Register::default()
    }
}

/// What a leak's English message says was found, and where.
pub(super) fn what(leak: &Leak) -> String {
    let message = leak.problem().message(crate::diagnostics::Lang::En);
    message
        .trim_start_matches("the public site would publish ")
        .to_string()
}

pub(super) fn file(path: &str, text: &str) -> OutputFile {
    OutputFile {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    }
}

#[test]
fn finds_names_and_numbers_with_their_place() {
    let files = [file(
        "issues/02/index.html",
        "<p>ok</p>\n<p>八景村兰东风户 13812345678</p>",
    )];
    let leaks = guard(&files, &register(&["兰东风"]));
    assert_eq!(leaks.len(), 2);
    assert_eq!((leaks[0].line, leaks[0].col), (2, 7));
    assert!(what(&leaks[1]).starts_with("a mobile number"));
    assert!(guard(&files[..0], &register(&["兰东风"])).is_empty());
}

#[test]
fn reads_markup_as_a_browser_shows_it() {
    let r = register(&["兰东风"]);
    for page in [
        "<p>兰<b>东</b>风</p>",
        "<P>兰<SPAN Class=x>东</Span>风</P>",
        "<p>兰东\n风</p>",
        "<p>&#x5170;&#19996;风</p>",
        "<a href=\"/s?q=%E5%85%B0%E4%B8%9C%E9%A3%8E\">查</a>",
        "<img alt=\"兰东风\">",
        "<svg><text>兰东风</text></svg>",
        "<p>138-1234-5678</p>",
        "<p>电话:１３８１２３４５６７８</p>",
        // Escaped markup is shown as written, attributes and all.
        "<p>&lt;span class=\"兰东风\"&gt;x&lt;/span&gt;</p>",
        "<p><code>&lt;b class=兰东风&gt;</code></p>",
        "<p>&lt;x&gt; 兰<b>东</b>风</p>",
    ] {
        assert_eq!(guard(&[file("a.html", page)], &r).len(), 1, "{page}");
    }
    let feed = "<feed><content type=\"html\">&lt;p&gt;兰&lt;em&gt;东风&lt;/em&gt;&lt;/p&gt;</content></feed>";
    assert_eq!(guard(&[file("feed.xml", feed)], &r).len(), 1);
    // Two table cells are two things, and path data is not a number.
    let apart = "<td>兰</td><td>东风</td><path d=\"M 4111 1111 1111 1111\"/>";
    assert!(guard(&[file("a.html", apart)], &r).is_empty());
    // However a page spells its tags and attributes.
    let shouted = "<TD>兰</TD><Td>东风</tD><SVG ViewBox=\"0 0 13812345678 1\"></SVG>";
    assert!(guard(&[file("a.html", shouted)], &r).is_empty());
}

#[test]
fn big_plain_files_are_read_in_pieces_with_the_same_findings() {
    let r = register(&["兰东风"]);
    let filler = "a".repeat(PIECE);
    let text = format!("{filler}\"兰东风\",\"1,13812345678\"\n{filler}:兰东\u{200B}风;13812345678");
    assert!(pieces(&text, b"\":;").count() >= 3);
    let leaks = guard(&[file("data/site.json", &text)], &r);
    let found: Vec<(usize, usize, bool)> = leaks
        .iter()
        .map(|l| (l.line, l.col, what(l).starts_with("a registered name")))
        .collect();
    assert_eq!(
        found,
        [
            (1, PIECE + 2, true),
            (2, PIECE + 2, true),
            (2, PIECE + 7, false)
        ],
        "{leaks:#?}"
    );
}

#[test]
fn big_markup_is_read_in_pieces_with_the_same_findings() {
    let r = register(&["兰东风"]);
    let filler = "<p>村</p>\n".repeat(PIECE / 4);
    let text = format!(
        "{filler}<p>兰<b>东</b>风 13812345678</p>\n{filler}<td>兰</td><td>东风</td>\n<p>兰东风</p>"
    );
    let mut pieces = 0;
    View::markup_in_pieces(&text, PIECE, &Searched::default(), &mut |_| pieces += 1);
    assert!(pieces >= 3, "{pieces} pieces");
    let leaks = guard(&[file("print/index.html", &text)], &r);
    let found: Vec<(usize, usize, bool)> = leaks
        .iter()
        .map(|l| (l.line, l.col, what(l).starts_with("a registered name")))
        .collect();
    let lines = PIECE / 4;
    assert_eq!(
        found,
        [
            (lines + 1, 4, true),
            (lines + 1, 15, false),
            (2 * lines + 3, 4, true)
        ],
        "{leaks:#?}"
    );
}

#[test]
fn markup_is_cut_only_where_a_separator_comes() {
    let text = "<p>ok</p><p>兰<b>东</b>风</p><td>13812345678</td>";
    let mut pieces = Vec::new();
    View::markup_in_pieces(text, 1, &Searched::default(), &mut |view| {
        let name = view.text.find("兰东风").map(|at| view.file_offset(at));
        pieces.push((view.text.clone(), name));
    });
    assert!(pieces.len() >= 3, "{pieces:?}");
    assert!(
        pieces.iter().all(|(t, _)| t.starts_with('\u{1F}')),
        "{pieces:?}"
    );
    let names: Vec<usize> = pieces.iter().filter_map(|(_, at)| *at).collect();
    assert_eq!(names, [12]);
}

/// One separator between two values, however many tags stand between
/// them: more would keep nothing further apart.
#[test]
fn values_are_kept_apart_by_one_separator() {
    let sheet = "<row><c r=\"A1\"><v>1</v></c><c><is><t>兰</t></is></c></row>";
    let mut texts = Vec::new();
    View::markup_in_pieces(sheet, PIECE, &Searched::default(), &mut |view| {
        texts.push(view.text.clone());
    });
    assert_eq!(texts, ["\u{1F}1\u{1F}兰\u{1F}"]);
}

#[test]
fn text_found_clean_is_not_searched_again_and_leaks_still_show() {
    let guard = Guard::new(&register(&["兰东风"]));
    let clean = "这是一段足够长的说明文字,用来看它是否被记住";
    let page = |body: &str| file("a.html", &format!("<p>{clean}</p>\n{body}"));
    assert!(guard.find(&[page("<p>好</p>")]).is_empty());
    assert!(guard.searched.holds(clean));
    let leaks = guard.find(&[page("<p>兰东风</p>")]);
    let found: Vec<(usize, usize)> = leaks.iter().map(|l| (l.line, l.col)).collect();
    assert_eq!(found, [(2, 4)]);
    // A run in a view where something was found is not remembered.
    let leaking = "<p>兰东风住在这里,这一段也足够长了</p><p>又一段足够长的文字写在这里面</p>";
    for _ in 0..2 {
        assert_eq!(guard.find(&[file("b.html", leaking)]).len(), 1);
    }
    assert!(!guard.searched.holds("又一段足够长的文字写在这里面"));
}

#[test]
fn a_guard_remembering_files_reads_a_file_again_only_once_it_changed() {
    let guard = Guard::new(&register(&["兰东风"])).remembering_files();
    let clean = file("a.html", "<p>好</p>");
    assert!(guard.find(std::slice::from_ref(&clean)).is_empty());
    let clean_files = guard.clean_files.as_ref().expect("remembering");
    assert!(clean_files.holds("a.html", &CleanFiles::print(&clean.bytes)));
    // The same bytes under another name are read: the name may leak.
    assert_eq!(guard.find(&[file("兰东风.html", "<p>好</p>")]).len(), 1);
    // Other bytes at the same path are read, every time they leak.
    for _ in 0..2 {
        assert_eq!(guard.find(&[file("a.html", "<p>兰东风</p>")]).len(), 1);
    }
    assert!(clean_files.holds("a.html", &CleanFiles::print(&clean.bytes)));
    assert!(guard.find(&[clean]).is_empty());
    // A guard for one build remembers nothing.
    let once = Guard::new(&register(&["兰东风"]));
    assert!(once.find(&[file("a.html", "<p>好</p>")]).is_empty());
    assert!(once.clean_files.is_none());
}

/// Entities are read decoded, but a leak after one is reported where it
/// stands in the file, not as many characters early as they were longer.
#[test]
fn a_leak_after_entities_is_reported_where_it_stands() {
    let r = register(&["兰东风"]);
    let cases = [
        ("<p>a&amp;b&#x2F;c 兰东风</p>", 1, 19),
        ("<p>&#x5170;&#19996;风</p>", 1, 4),
        ("<p>&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt; 兰东风</p>", 1, 37),
        ("<img alt=\"&quot;&quot; 兰东风\">", 1, 24),
        (
            "<p>&quot;a&quot;</p><p title=\"x&amp;y\">&nbsp;&nbsp;兰东风</p>",
            1,
            52,
        ),
        ("<p>x&amp;y 13812345678</p>", 1, 12),
        // Line ends are read as `\n`, whatever the file holds.
        ("<p>&amp;\r\n\r\nx&amp;兰东风</p>", 3, 7),
    ];
    for (page, line, col) in cases {
        let leaks = guard(&[file("a.html", page)], &r);
        let found: Vec<(usize, usize)> = leaks.iter().map(|l| (l.line, l.col)).collect();
        assert_eq!(found, [(line, col)], "{page}");
        let in_line = page.split('\n').nth(line - 1).unwrap_or_default();
        let at: String = in_line.chars().skip(col - 1).take(2).collect();
        assert!(matches!(at.as_str(), "兰东" | "&#" | "13"), "{page}: {at}");
    }
}

/// A feed's escaped HTML is read as written and again as markup; a name
/// that reads whole both ways is one leak, reported where it stands.
#[test]
fn escaped_markup_reports_each_leak_once_where_it_stands() {
    let r = register(&["兰东风"]);
    let feed = "<feed>\n<content type=\"html\">&lt;p&gt;村民兰东风&lt;/p&gt;</content>\n<content type=\"html\">&lt;p&gt;兰&lt;em&gt;东风&lt;/em&gt;&lt;/p&gt;</content></feed>";
    let leaks = guard(&[file("feed.xml", feed)], &r);
    let found: Vec<(usize, usize)> = leaks.iter().map(|l| (l.line, l.col)).collect();
    assert_eq!(found, [(2, 33), (3, 31)], "{leaks:#?}");
}

/// An official reading Chinese diagnostics is told what leaked, and
/// where, in Chinese: the kind of thing, its first characters, the place.
#[test]
fn a_leak_is_told_in_the_language_of_the_diagnostics() {
    use crate::diagnostics::Lang;
    let r = register(&["兰东风"]);
    let files = [
        file("a.html", "<p>兰东风 13812345678</p>"),
        file("兰东风.txt", "好"),
    ];
    let leaks = guard(&files, &r);
    let zh: Vec<String> = leaks
        .iter()
        .map(|l| l.problem().message(Lang::Zh))
        .collect();
    assert_eq!(
        zh,
        [
            "公开版会泄露个人信息:登记人员的姓名(兰…)",
            "公开版会泄露个人信息:手机号码(138…)",
            "公开版会泄露个人信息:登记人员的姓名(兰…),在文件名中",
        ]
    );
    let en: Vec<String> = leaks.iter().map(what).collect();
    assert_eq!(
        en,
        [
            "a registered name (兰…)",
            "a mobile number (138…)",
            "a registered name (兰…) in the file name",
        ]
    );
}
