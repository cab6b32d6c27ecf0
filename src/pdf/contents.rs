//! Page numbers for the briefing pack's contents. Chromium prints no
//! `target-counter()`, so the pack is printed twice: the first print says
//! on which page each heading landed (its named destinations), the numbers
//! are written into the contents, and the second print is the pack. The
//! contents keep a fixed-width slot for the numbers, so filling them in
//! moves nothing.

use std::collections::HashMap;
use std::path::Path;

/// The page (from 1) on which each named destination of `pdf` lies: the
/// ids of the elements that the pack's links point at.
pub(super) fn destination_pages(pdf: &Path) -> Result<HashMap<String, u32>, String> {
    let document =
        lopdf::Document::load(pdf).map_err(|e| format!("cannot read {}: {e}", pdf.display()))?;
    let page_of: HashMap<lopdf::ObjectId, u32> = document
        .get_pages()
        .into_iter()
        .map(|(number, id)| (id, number))
        .collect();
    let destinations = document
        .catalog()
        .and_then(|catalog| catalog.get_deref(b"Dests", &document))
        .and_then(lopdf::Object::as_dict)
        .map_err(|e| format!("{} has no named destinations: {e}", pdf.display()))?;
    let mut pages = HashMap::new();
    for (name, target) in destinations.iter() {
        let page = document
            .dereference(target)
            .ok()
            .and_then(|(_, target)| target.as_array().ok())
            .and_then(|array| array.first())
            .and_then(|first| first.as_reference().ok())
            .and_then(|id| page_of.get(&id));
        if let Some(&page) = page {
            pages.insert(String::from_utf8_lossy(name).into_owned(), page);
        }
    }
    Ok(pages)
}

/// `html` with each contents slot `data-page-of="ID"></span>` filled with
/// the page of `ID`; slots whose heading has no page stay empty.
pub(super) fn fill_page_numbers(html: &str, pages: &HashMap<String, u32>) -> String {
    const SLOT: &str = "data-page-of=\"";
    let mut out = String::with_capacity(html.len() + pages.len() * 3);
    let mut rest = html;
    while let Some(at) = rest.find(SLOT) {
        let (head, tail) = rest.split_at(at + SLOT.len());
        out.push_str(head);
        let Some(end) = tail.find("\">") else {
            rest = tail;
            break;
        };
        let id = &tail[..end];
        out.push_str(id);
        out.push_str("\">");
        rest = &tail[end + 2..];
        if let (Some(page), true) = (pages.get(id), rest.starts_with("</span>")) {
            out.push_str(&page.to_string());
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_each_slot_with_its_heading_page() {
        let html = "<li><a href=\"#plan\">原文<span class=\"toc-page\" data-page-of=\"plan\"></span></a></li>\
                    <li><span class=\"toc-page\" data-page-of=\"issue-01\"></span></li>\
                    <li><span class=\"toc-page\" data-page-of=\"lost\"></span></li>";
        let pages = HashMap::from([("plan".to_string(), 3), ("issue-01".to_string(), 12)]);
        let filled = fill_page_numbers(html, &pages);
        assert!(
            filled.contains("data-page-of=\"plan\">3</span>"),
            "{filled}"
        );
        assert!(
            filled.contains("data-page-of=\"issue-01\">12</span>"),
            "{filled}"
        );
        assert!(filled.contains("data-page-of=\"lost\"></span>"), "{filled}");
    }

    #[test]
    fn a_file_that_is_no_pdf_is_an_error_not_a_panic() {
        let dir = std::env::temp_dir().join(format!("taizhang-contents-{}", std::process::id()));
        std::fs::write(&dir, "not a PDF").expect("writes");
        let read = destination_pages(&dir);
        let _ = std::fs::remove_file(&dir);
        assert!(read.is_err());
    }

    #[test]
    fn a_slot_already_filled_is_left_alone() {
        let pages = HashMap::from([("plan".to_string(), 3)]);
        let html = "<span data-page-of=\"plan\">7</span>";
        assert_eq!(fill_page_numbers(html, &pages), html);
    }
}
