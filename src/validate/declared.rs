//! A report's stated totals against what it lists: a report may list fewer
//! problems than it counts (only some are published), never more.

use crate::content::Content;
use crate::diagnostics::{Diagnostics, Problem};

pub(super) fn check(content: &Content, diagnostics: &mut Diagnostics) {
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
        let mut outermost: Vec<&str> = content
            .issues
            .iter()
            .filter_map(|i| i.category.first().map(|c| c.value.as_str()))
            .collect();
        outermost.sort_unstable();
        outermost.dedup();
        if outermost.len() > stated.value as usize {
            diagnostics.push(
                Problem::MoreListedThanDeclared {
                    what: "方面".into(),
                    declared: stated.value,
                    listed: outermost.len() as u32,
                },
                stated.span,
            );
        }
    }
    for status in &declared.statuses {
        let listed = content
            .issues
            .iter()
            .filter_map(|i| i.progress.as_ref()?.status.as_ref())
            .filter(|word| word.value.0 == status.word.value)
            .count();
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
