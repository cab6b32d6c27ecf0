//! Site settings that work but will disappoint: a base URL that is not an
//! absolute address (QR codes on notices and feed links cannot leave paper).

use crate::content::Content;
use crate::diagnostics::{Diagnostics, Problem, Span};

pub(super) fn check(content: &Content, diagnostics: &mut Diagnostics) {
    let Some(site) = &content.site else { return };
    match &site.base_url {
        Some(url) if url.value.starts_with("https://") || url.value.starts_with("http://") => {}
        Some(url) => diagnostics.push(Problem::RelativeBaseUrl, url.span),
        None => diagnostics.push(Problem::RelativeBaseUrl, Span::file_start(site.file)),
    }
}
