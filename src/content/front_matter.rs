//! Splitting a Markdown file into its `---` YAML front matter and body.

use crate::diagnostics::Problem;

/// A Markdown file cut in two.
#[derive(Debug, PartialEq)]
pub(super) struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// Lines before the YAML (the opening fence), to offset its line numbers.
    pub yaml_line_offset: u32,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based line on which the body starts.
    pub body_line: u32,
}

/// Splits `text` (line ends already `\n`). The first line must be `---`;
/// the front matter ends at the next line that is `---` alone.
pub(super) fn split(text: &str) -> Result<Split<'_>, Problem> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text.trim_end() == "---").then_some(""))
    else {
        return Err(Problem::MissingFrontMatter);
    };
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                yaml,
                yaml_line_offset: 1,
                body,
                body_line: index as u32 + 3,
            });
        }
        offset += line.len();
    }
    Err(Problem::UnclosedFrontMatter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_from_body() {
        let parts = split("---\ntitle: 会议\ndate: 2025-08-08\n---\n正文\n").unwrap();
        assert_eq!(parts.yaml, "title: 会议\ndate: 2025-08-08\n");
        assert_eq!(parts.body, "正文\n");
        assert_eq!(parts.body_line, 5);
    }

    #[test]
    fn needs_both_fences() {
        assert_eq!(split("title: x\n"), Err(Problem::MissingFrontMatter));
        assert_eq!(split("---\ntitle: x\n"), Err(Problem::UnclosedFrontMatter));
    }
}
