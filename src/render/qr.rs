//! QR codes for paper notices, as inline SVG: a phone camera takes the
//! reader from the village bulletin board to the village's live page.

use qrcode::QrCode;
use qrcode::render::svg;

use crate::escape::escape_attribute;

/// An inline SVG QR code for `url`, labelled for screen readers.
pub(crate) fn qr_svg(url: &str) -> String {
    let Ok(code) = QrCode::new(url.as_bytes()) else {
        // Only absurdly long addresses exceed a QR code's capacity.
        return String::new();
    };
    let svg = code
        .render::<svg::Color<'_>>()
        .min_dimensions(160, 160)
        .quiet_zone(true)
        .build();
    let svg = svg.split_once("?>").map_or(svg.as_str(), |(_, rest)| rest);
    svg.replacen(
        "<svg ",
        &format!(
            "<svg class=\"qr\" role=\"img\" aria-label=\"二维码:{}\" ",
            escape_attribute(url)
        ),
        1,
    )
    .replace(" version=\"1.1\"", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_an_inline_labelled_svg() {
        let svg = qr_svg("https://example.org/sanjiang/villages/bajing/");
        assert!(
            svg.starts_with("<svg class=\"qr\" role=\"img\""),
            "{}",
            &svg[..80]
        );
        assert!(!svg.contains("<?xml"));
        assert!(svg.contains("<path"));
    }
}
