//! What the Markdown renderer must write: links, terms, headings, and what
//! it never lets through.

use super::*;

#[test]
fn a_text_with_links_is_known_to_hold_them() {
    let texts = [
        "[a](/issues/01/)",
        "![photo](img/a.jpg)",
        "see [the list][list]\n\n[list]: /list/",
        "[a]( /x/ )",
        "[a]\n\n[a]:\n  /x/",
        "<https://example.com>",
        "[not a link] (/x/)",
        "plain text",
    ];
    for text in texts {
        if !links(text).is_empty() {
            assert!(may_hold_links(text), "{text}");
        }
    }
    assert!(!may_hold_links("plain text"));
    assert!(
        links("[a]\n\n[a]:\n  /x/").len() == 1,
        "the test has a reference link"
    );
}

fn glossary() -> Glossary {
    Glossary::new([
        ("回头看", "huitoukan"),
        ("“回头看”", "huitoukan"),
        ("3+1保障", "san-jia-yi"),
    ])
}

fn html(text: &str) -> String {
    render(
        text,
        &glossary(),
        TextOptions {
            link_terms: true,
            ..TextOptions::default()
        },
    )
    .html
}

#[test]
fn plain_text_keeps_words_and_drops_markup() {
    assert_eq!(
        plain_text("**一是**核实[名单](@/villages/bajing/)。\n\n- 甲\n- 乙"),
        "一是核实名单。\n甲\n乙"
    );
}

#[test]
fn links_first_occurrence_per_block_only() {
    let out = html("开展“回头看”。再次回头看。\n\n第二段回头看。");
    assert_eq!(
        out.matches("href=\"@/policy/glossary/#huitoukan\"").count(),
        2,
        "{out}"
    );
    assert!(
        out.contains("<a class=\"term\" href=\"@/policy/glossary/#huitoukan\">“回头看”</a>"),
        "{out}"
    );
}

#[test]
fn never_links_in_headings_links_or_code() {
    let out = html("## 回头看\n\n[回头看](/notes/x/) `回头看`\n\n```\n回头看\n```\n");
    assert!(!out.contains("class=\"term\""), "{out}");
    assert!(out.contains("<h2 id=\"回头看\">"), "{out}");
    assert!(out.contains("href=\"@/notes/x/\""), "{out}");
}

#[test]
fn html_comments_are_never_published() {
    let block = html("开头。\n\n<!-- 内部:兰东风户\n电话13812345678 -->\n\n结尾。");
    assert!(
        !block.contains("内部") && !block.contains("<!--"),
        "{block}"
    );
    assert!(block.contains("开头") && block.contains("结尾"), "{block}");
    let inline = html("公开<!-- 内部:不公开 -->内容,`<!-- 代码 -->`");
    assert!(!inline.contains("不公开"), "{inline}");
    assert!(
        inline.contains("公开") && inline.contains("内容"),
        "{inline}"
    );
    assert!(inline.contains("&lt;!-- 代码 --&gt;"), "{inline}");
    let shown = html("<b>粗体</b>");
    assert!(shown.contains("&lt;b&gt;粗体"), "{shown}");
}

#[test]
fn raw_html_and_script_links_are_neutralised() {
    let out = html(
        "<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](JaVa\tScRiPt:alert(1)) ![z](https://evil.example/p.png)",
    );
    assert!(!out.contains("<script"), "{out}");
    assert!(!out.to_lowercase().contains("javascript:"), "{out}");
    assert!(!out.contains("evil.example"), "{out}");
}

#[test]
fn heading_attributes_cannot_carry_script() {
    let out = html("# 标题 {#safe .x onclick=alert(1) style=color:red}\n");
    assert!(out.contains("<h1 id=\"safe\">"), "{out}");
    assert!(!out.contains("onclick") && !out.contains("style"), "{out}");
}

#[test]
fn collects_internal_links_with_offsets() {
    let text = "见[问题7](/issues/07/#tasks)和[外部](https://example.org/)。";
    assert_eq!(links(text), [("@/issues/07/#tasks".to_string(), 3)]);
}

#[test]
fn headings_move_down_and_take_the_prefix_when_asked() {
    let options = TextOptions {
        id_prefix: "note-a-",
        heading_offset: 2,
        ..TextOptions::default()
    };
    let out = render("## 进展\n\n# 总 {#top}\n\n##### 细", &glossary(), options).html;
    assert!(out.contains("<h4 id=\"note-a-进展\">进展</h4>"), "{out}");
    assert!(out.contains("<h3 id=\"note-a-top\">总</h3>"), "{out}");
    assert!(out.contains("<h6 id=\"note-a-细\">细</h6>"), "{out}");
    let plain = render("## 进展", &glossary(), TextOptions::default()).html;
    assert!(plain.contains("<h2 id=\"进展\">进展</h2>"), "{plain}");
}

#[test]
fn slugs_keep_chinese() {
    assert_eq!(heading_slug("一、整体 要求!"), "一-整体-要求");
    assert_eq!(heading_slug("!!"), "section");
}

#[test]
fn a_prefixed_text_links_to_its_own_anchors() {
    let options = TextOptions {
        id_prefix: "note-a-",
        heading_offset: 2,
        ..TextOptions::default()
    };
    let text = "见[进展](#进展)与脚注[^1],[回到顶部](#)。\n\n## 进展\n\n[^1]: 来源。\n";
    let out = render(text, &glossary(), options).html;
    assert!(out.contains("<a href=\"#\">回到顶部</a>"), "{out}");
    assert!(out.contains("href=\"#note-a-%E8%BF%9B%E5%B1%95\""), "{out}");
    assert!(out.contains("href=\"#note-a-1\""), "{out}");
    assert!(out.contains("id=\"note-a-1\""), "{out}");
    let plain = render(text, &glossary(), TextOptions::default()).html;
    assert!(plain.contains("href=\"#%E8%BF%9B%E5%B1%95\""), "{plain}");
    assert!(
        plain.contains("href=\"#1\"") && plain.contains("id=\"1\""),
        "{plain}"
    );
}
