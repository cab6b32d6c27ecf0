//! A report's stated totals against what it lists: a report may list fewer
//! problems than it counts (only some are published), never more.

use crate::content::Content;
use crate::diagnostics::{Diagnostics, Problem};

pub(super) fn over_declared(content: &Content, diagnostics: &mut Diagnostics) {
    let Some(site) = &content.site else { return };
    let declared = &site.document.declared;
    if let Some(stated) = &declared.issues {
        let listed = content.issues.len();
        if listed > stated.value as usize {
            diagnostics.push(
                Problem::MoreListedThanDeclared {
                    what: "问题".into(),
                    declared: stated.value,
                    listed: listed as u32,
                },
                stated.span,
            );
        }
    }
    if let Some(stated) = &declared.categories {
        let listed = content.listed_categories();
        if listed > stated.value as usize {
            diagnostics.push(
                Problem::MoreListedThanDeclared {
                    what: "方面".into(),
                    declared: stated.value,
                    listed: listed as u32,
                },
                stated.span,
            );
        }
    }
    for status in &declared.statuses {
        let listed = content.listed_with_word(&status.word.value);
        if listed > status.count.value as usize {
            diagnostics.push(
                Problem::MoreListedThanDeclared {
                    what: format!("{}的问题", status.word.value),
                    declared: status.count.value,
                    listed: listed as u32,
                },
                status.count.span,
            );
        }
    }
}
