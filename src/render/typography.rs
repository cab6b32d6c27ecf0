//! Chinese typography as a render step: plans and notes are typed with
//! ASCII punctuation between Chinese characters (`各村(社区),驻村工作队:`)
//! and Markdown keeps a line break inside a Chinese sentence as a space.
//! A page's text — never its markup, code or addresses — gets full-width
//! `,` `:` `;` `!` `?` and `(…)` where they stand beside Chinese, and
//! loses the line breaks between two Chinese characters. Numbers, Latin
//! text and URLs are left as typed.

use crate::reading::is_han;

/// Elements whose text is shown as typed.
const VERBATIM: &[&str] = &["code", "pre", "kbd", "samp", "script", "style", "textarea"];

/// `html` with its text set in Chinese typography.
pub(crate) fn polish(html: &str) -> String {
    polish_piece(html, true).0
}

/// `html` polished as [`polish`] does, and whether pieces so polished may
/// be joined: polishing changes only text between two tags, and knows
/// nothing of a piece but which verbatim element it is in. So pieces
/// polished apart and joined read as the whole polished at once when, at
/// every join, the text on both sides is blank and no tag or verbatim
/// element is left open ([`Edges::join`]). With `change` false the text
/// is copied as it is, for its edges alone.
pub(crate) fn polish_piece(html: &str, change: bool) -> (String, Edges) {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    let mut verbatim: Option<&str> = None;
    let mut edges = Edges {
        first_blank: html[..memchr::memchr(b'<', html.as_bytes()).unwrap_or(html.len())]
            .trim()
            .is_empty(),
        last_blank: true,
        closed: true,
    };
    // One buffer for the characters of every run polished, not one each.
    let mut chars: Vec<char> = Vec::new();
    while !rest.is_empty() {
        let Some(open) = memchr::memchr(b'<', rest.as_bytes()) else {
            push_text(&mut out, rest, verbatim.is_some() || !change, &mut chars);
            edges.last_blank = rest.trim().is_empty();
            break;
        };
        push_text(
            &mut out,
            &rest[..open],
            verbatim.is_some() || !change,
            &mut chars,
        );
        edges.last_blank = true;
        let close =
            memchr::memchr(b'>', &rest.as_bytes()[open..]).map_or(rest.len(), |at| open + at + 1);
        let tag = &rest[open..close];
        out.push_str(tag);
        edges.closed = tag.ends_with('>');
        let name = tag.trim_start_matches(['<', '/']);
        let name = &name[..name
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(name.len())];
        match verbatim {
            Some(inside) if tag.starts_with("</") && name.eq_ignore_ascii_case(inside) => {
                verbatim = None;
            }
            None if !tag.starts_with("</") && !tag.ends_with("/>") => {
                verbatim = VERBATIM
                    .iter()
                    .find(|v| v.eq_ignore_ascii_case(name))
                    .copied();
            }
            _ => {}
        }
        rest = &rest[close..];
    }
    edges.closed &= verbatim.is_none();
    (out, edges)
}

/// How a piece of HTML begins and ends, as [`polish_piece`] sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Edges {
    /// The text before its first tag is blank (or there is none).
    first_blank: bool,
    /// The text after its last tag is blank (or there is none).
    last_blank: bool,
    /// It ends outside any tag and any verbatim element.
    closed: bool,
}

impl Edges {
    /// Whether a piece with these edges, followed by one with `next`,
    /// polished apart read as polished together.
    pub(crate) fn join(self, next: Edges) -> bool {
        self.closed && self.last_blank && next.first_blank
    }
}

/// `text` (one run between two tags) onto `out`, polished unless
/// `verbatim`; `chars` is a buffer to work in.
fn push_text(out: &mut String, text: &str, verbatim: bool, chars: &mut Vec<char>) {
    // Only these characters are ever changed; most runs between two tags
    // have none of them and are copied as they are.
    let bytes = text.as_bytes();
    let untouched = memchr::memchr3(b',', b':', b';', bytes).is_none()
        && memchr::memchr3(b'!', b'?', b'(', bytes).is_none()
        && memchr::memchr3(b')', b'\n', b'\r', bytes).is_none();
    if verbatim || untouched {
        out.push_str(text);
    } else {
        chars.clear();
        chars.extend(text.chars());
        push_polished(out, chars);
    }
}

/// Whether `c` is Chinese text or its own punctuation: a neighbour that
/// makes ASCII punctuation read as Chinese punctuation.
fn chinese(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        is_han(c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF01}'..='\u{FF5E}').contains(&c)
            || "“”‘’…—".contains(c)
    })
}

/// Whether `c` keeps ASCII punctuation ASCII: a letter or digit of Latin
/// text, a number, an address.
fn latin(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// One run of text (no markup inside; entities stay as typed), given as
/// its characters, polished onto `out`.
fn push_polished(out: &mut String, chars: &[char]) {
    let pairs = bracket_pairs(chars);
    // What was pushed last: a neighbour, once set full-width or not.
    let mut before: Option<char> = None;
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        // An entity (`&amp;`, `&#12290;`) is markup: its `;` stays.
        if c == '&' {
            let end = chars[k + 1..]
                .iter()
                .take(10)
                .position(|c| *c == ';')
                .filter(|&n| {
                    n > 0
                        && chars[k + 1..k + 1 + n]
                            .iter()
                            .all(|c| c.is_ascii_alphanumeric() || *c == '#')
                });
            if let Some(n) = end {
                out.extend(&chars[k..k + n + 2]);
                before = Some(';');
                k += n + 2;
                continue;
            }
        }
        let after = chars.get(k + 1).copied();
        let set = match c {
            ',' | ':' | ';' | '!' | '?' => {
                let beside = chinese(before) || chinese(after);
                let kept = latin(before) && latin(after);
                // `:` after a Latin word and before `//` is an address.
                let address = c == ':' && chars.get(k + 1..k + 3) == Some(&['/', '/']);
                if beside && !kept && !address {
                    full_width(c)
                } else {
                    c
                }
            }
            '(' | ')' if pairs.contains(&k) => full_width(c),
            '\n' | '\r' if chinese(before) => {
                // A line break inside a Chinese sentence, and the spaces of
                // the next line's indent, are no space on the page.
                let mut next = k + 1;
                while next < chars.len() && chars[next].is_whitespace() {
                    next += 1;
                }
                if chinese(chars.get(next).copied()) {
                    k = next;
                    continue;
                }
                c
            }
            _ => c,
        };
        out.push(set);
        before = Some(set);
        k += 1;
    }
}

/// The positions of brackets `(…)` to set full-width: a pair with no
/// bracket inside whose content or either neighbour outside is Chinese.
fn bracket_pairs(chars: &[char]) -> Vec<usize> {
    let mut positions = Vec::new();
    let mut open: Option<usize> = None;
    for (k, &c) in chars.iter().enumerate() {
        match c {
            '(' => open = Some(k),
            ')' => {
                if let Some(start) = open.take() {
                    let inside = chars[start + 1..k].iter().any(|c| chinese(Some(*c)));
                    let outside = (start > 0 && chinese(Some(chars[start - 1])))
                        || chinese(chars.get(k + 1).copied());
                    if inside || outside {
                        positions.extend([start, k]);
                    }
                }
            }
            _ => {}
        }
    }
    positions
}

fn full_width(c: char) -> char {
    char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_punctuation_beside_chinese_becomes_full_width() {
        assert_eq!(
            polish("<p>各村(社区),驻村工作队:</p>"),
            "<p>各村\u{FF08}社区\u{FF09}\u{FF0C}驻村工作队\u{FF1A}</p>"
        );
        assert_eq!(
            polish("<p>数据吻合度仅为6%,可能存在风险;(7月中旬前)</p>"),
            "<p>数据吻合度仅为6%\u{FF0C}可能存在风险\u{FF1B}\u{FF08}7月中旬前\u{FF09}</p>"
        );
    }

    #[test]
    fn numbers_addresses_latin_text_and_code_are_left_as_typed() {
        for html in [
            "<p>见 https://a.b/c,d 和 3.5 万元,2025-07-18</p>",
            "<p>Plans, notes: all (typed) here; ok?</p>",
            "<p>共 3,000 户</p>",
            "<p>运行<code>f(x), y: z</code>即可</p>",
            "<pre>村(社区),工作队:\n下一行</pre>",
            "<a href=\"../list/?a=1,2\" title=\"村(社区),\">x</a>",
        ] {
            let polished = polish(html);
            for kept in [
                "https://a.b/c,d",
                "3.5",
                "2025-07-18",
                "3,000",
                "f(x), y: z",
                "(社区),工作队:\n下一行",
                "?a=1,2",
                "title=\"村(社区),\"",
            ] {
                if html.contains(kept) {
                    assert!(polished.contains(kept), "{kept} in {polished}");
                }
            }
        }
        assert_eq!(
            polish("<p>Plans, notes: all</p>"),
            "<p>Plans, notes: all</p>"
        );
        assert_eq!(
            polish("<p>东村&amp;西村&#12290;</p>"),
            "<p>东村&amp;西村&#12290;</p>"
        );
    }

    /// A run polished as it was before runs were written straight into
    /// the page: each character pushed to a list, the list then collected.
    fn polished_slowly(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out: Vec<char> = Vec::with_capacity(chars.len());
        let pairs = bracket_pairs(&chars);
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            if c == '&' {
                let end = chars[k + 1..]
                    .iter()
                    .take(10)
                    .position(|c| *c == ';')
                    .filter(|&n| {
                        n > 0
                            && chars[k + 1..k + 1 + n]
                                .iter()
                                .all(|c| c.is_ascii_alphanumeric() || *c == '#')
                    });
                if let Some(n) = end {
                    out.extend(&chars[k..k + n + 2]);
                    k += n + 2;
                    continue;
                }
            }
            let before = out.last().copied();
            let after = chars.get(k + 1).copied();
            match c {
                ',' | ':' | ';' | '!' | '?' => {
                    let beside = chinese(before) || chinese(after);
                    let kept = latin(before) && latin(after);
                    let address = c == ':' && chars.get(k + 1..k + 3) == Some(&['/', '/']);
                    out.push(if beside && !kept && !address {
                        full_width(c)
                    } else {
                        c
                    });
                }
                '(' | ')' if pairs.contains(&k) => out.push(full_width(c)),
                '\n' | '\r' if chinese(before) => {
                    let mut next = k + 1;
                    while next < chars.len() && chars[next].is_whitespace() {
                        next += 1;
                    }
                    if chinese(chars.get(next).copied()) {
                        k = next;
                        continue;
                    }
                    out.push(c);
                }
                _ => out.push(c),
            }
            k += 1;
        }
        out.into_iter().collect()
    }

    proptest::proptest! {
        #[test]
        fn runs_polish_as_they_did_one_character_at_a_time(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "村", "社区", "a", "7", ",", ":", ";", "!", "?", "(", ")", "\n", "\r", " ",
                "  ", "&amp;", "&#12290;", "&", "&x", "//", "https", "，", "“", "…", "é",
            ]), 0..40)
        ) {
            // Through `push_text`, so that the runs it copies as they are
            // (none of the characters it changes) are held to the slow
            // way too.
            let text: String = parts.concat();
            let mut out = String::from("<p>");
            push_text(&mut out, &text, false, &mut Vec::new());
            proptest::prop_assert_eq!(&out[3..], polished_slowly(&text));
        }
    }

    #[test]
    fn a_line_break_inside_a_chinese_sentence_is_no_space() {
        assert_eq!(
            polish("<p>建立工作台账,\n  开展回头看</p>"),
            "<p>建立工作台账\u{FF0C}开展回头看</p>"
        );
        assert_eq!(polish("<p>台账\nLedger</p>"), "<p>台账\nLedger</p>");
    }
}
