//! What a village notice must carry before it goes on a bulletin board,
//! checked when the notices are printed.

/// Something the printed papers need and do not have: mostly what a
/// village notice lacks. The PDFs are written anyway (a draft is worth
/// looking at), but the command says so loudly: a QR code that leads
/// nowhere cannot be fixed once posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintWarning {
    /// The QR codes point at a placeholder address (`example.org`).
    PlaceholderAddress(String),
    /// No absolute address: the notices carry no QR code.
    NoAddress,
    /// No `notice.phone`: the 监督电话 is a blank line to fill in by hand.
    NoPhone,
    /// No `notice.days`: the end of the 公示期 is a blank to fill in.
    NoPeriod,
    /// The pack's contents have no page numbers: the first print could not
    /// be read (a browser that writes no named destinations); the reason.
    NoPageNumbers(String),
}

/// What the notices built from `base_url` and `site` lack.
pub fn notice_warnings(base_url: &str, site: &crate::content::Site) -> Vec<PrintWarning> {
    let mut warnings = Vec::new();
    let host = base_url
        .split_once("://")
        .map(|(_, rest)| rest.split(['/', ':']).next().unwrap_or(""));
    match host {
        None => warnings.push(PrintWarning::NoAddress),
        Some(host) if is_placeholder_host(host) => {
            warnings.push(PrintWarning::PlaceholderAddress(base_url.to_string()));
        }
        Some(_) => {}
    }
    if site.notice.phone.is_none() {
        warnings.push(PrintWarning::NoPhone);
    }
    if site.notice.days.is_none() {
        warnings.push(PrintWarning::NoPeriod);
    }
    warnings
}

/// Hosts that stand for "not decided yet" (RFC 2606 names, this machine).
fn is_placeholder_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    [
        "example.org",
        "example.com",
        "example.net",
        "localhost",
        "127.0.0.1",
    ]
    .iter()
    .any(|p| host == *p || host.ends_with(&format!(".{p}")))
        || host.ends_with(".example")
        || host.ends_with(".test")
        || host.ends_with(".invalid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_hosts_are_the_reserved_names_and_this_machine() {
        for host in [
            "example.org",
            "EXAMPLE.COM",
            "www.example.net",
            "localhost",
            "127.0.0.1",
            "town.test",
            "site.example",
        ] {
            assert!(is_placeholder_host(host), "{host}");
        }
        for host in ["www.miluo.gov.cn", "example.org.cn", "myexample.org"] {
            assert!(!is_placeholder_host(host), "{host}");
        }
    }
}
