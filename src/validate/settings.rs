//! Site settings: `base_url` must be an absolute `http(s)://` address (it
//! is written into every page, feed and QR code), and a site without one
//! (in site.yaml or on the command line) is warned that QR codes and feed
//! links cannot leave paper.

use crate::content::Content;
use crate::diagnostics::{Diagnostics, Problem, SourceMap};

pub(super) fn base_url(
    content: &Content,
    settings: &crate::settings::Settings,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) {
    let Some(site) = &content.site else { return };
    match &site.base_url {
        Some(url) if is_site_address(&url.value) => {}
        Some(url) => diagnostics.push(
            Problem::BadBaseUrl {
                text: url.value.clone(),
            },
            url.span,
        ),
        None if settings.base_url_given => {}
        None => diagnostics.push(
            Problem::RelativeBaseUrl,
            sources.first_content_line(site.file),
        ),
    }
}

/// Whether `url` can be a site's address: `http://` or `https://`, a host,
/// and nothing that could end an attribute or start markup (quotes, angle
/// brackets, backslashes, spaces, control characters).
pub fn is_site_address(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && !url
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || "\"'<>\\`{}|^".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_addresses_with_a_host_are_site_addresses() {
        assert!(is_site_address("https://example.org/sanjiang/"));
        assert!(is_site_address("http://10.0.0.5:8080/"));
        for bad in [
            "javascript:alert(1)",
            "\"><script>alert(1)</script>",
            "https://\"><script>",
            "https:///path",
            "/sanjiang/",
            "ftp://example.org/",
            "https://a b/",
        ] {
            assert!(!is_site_address(bad), "{bad}");
        }
    }
}
