//! What may leave the Markdown renderer: link and image addresses with a
//! safe scheme (or none), raw HTML shown as text without its comments, and
//! ammonia's clean-up over the whole, as defence in depth.

/// Defence in depth: whatever the renderer let through, only known-safe
/// elements, attributes and URL schemes leave here (ammonia).
pub(super) fn sanitise(html: &str) -> String {
    use std::sync::OnceLock;
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut builder = ammonia::Builder::default();
            builder
                .link_rel(None)
                .add_generic_attributes(["id", "class"])
                .add_tag_attributes("td", ["style"])
                .add_tag_attributes("th", ["style"])
                .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
                .filter_style_properties(["text-align"].into_iter().collect());
            builder
        })
        .clean(html)
        .to_string()
}

/// The address a link keeps, or `None` for a scheme that could run script
/// or leave the site unexpectedly (`javascript:`, `data:` …).
pub(super) fn kept_link(dest: &str) -> Option<String> {
    internal_or_safe(dest)
}

/// The address an image keeps: only images shipped with the site, so that
/// no request leaves it.
pub(super) fn kept_image(dest: &str) -> Option<String> {
    internal_or_safe(dest).filter(|d| !d.contains("://"))
}

/// `dest` as written (internal `/…` addresses as `@/…`) when it is
/// internal, relative, or has a scheme that only goes somewhere
/// (`http`, `https`, `mailto`, `tel`); `None` otherwise.
fn internal_or_safe(dest: &str) -> Option<String> {
    let dest = dest.trim();
    let lower: String = dest
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(rest) = dest.strip_prefix("@/") {
        return Some(format!("@/{rest}"));
    }
    if dest.starts_with('/') && !dest.starts_with("//") {
        return Some(format!("@{dest}"));
    }
    if dest.starts_with('#') {
        return Some(dest.to_string());
    }
    match lower.split_once(':') {
        Some((scheme, _))
            if !scheme.contains('/') && !scheme.contains('?') && !scheme.contains('#') =>
        {
            matches!(scheme, "http" | "https" | "mailto" | "tel").then(|| dest.to_string())
        }
        _ => Some(dest.to_string()),
    }
}

/// `raw` HTML without its comments; `in_comment` carries an open comment
/// from one piece of raw HTML to the next.
pub(super) fn without_comments(raw: &str, in_comment: &mut bool) -> String {
    let mut shown = String::new();
    let mut rest = raw;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    *in_comment = false;
                }
                None => return shown,
            }
        }
        match rest.find("<!--") {
            Some(start) => {
                shown.push_str(&rest[..start]);
                rest = &rest[start + 4..];
                *in_comment = true;
            }
            None => {
                shown.push_str(rest);
                return shown;
            }
        }
    }
}
