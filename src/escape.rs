//! Escaping for HTML attributes and `%XX` decoding: the small text
//! transforms several stages share, kept in one place so that they agree.

/// Escapes text for a double-quoted attribute.
pub fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            other => out.push(other),
        }
    }
    out
}

/// Undoes [`escape_attribute`] (and `&lt;`, `&gt;`): an id as a browser
/// reads it from the page.
pub(crate) fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Decodes `%E5%9B%9E` sequences, as a browser does before matching an id.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match escaped_run(&bytes[i..]) {
            Some(raw) => {
                i += 3 * raw.len();
                out.extend(raw);
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The bytes a run of `%XX` escapes at the start of `bytes` stands for.
pub(crate) fn escaped_run(bytes: &[u8]) -> Option<Vec<u8>> {
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut raw = Vec::new();
    let mut rest = bytes;
    while let [b'%', high, low, tail @ ..] = rest {
        let (Some(high), Some(low)) = (hex(*high), hex(*low)) else {
            break;
        };
        raw.push((high * 16 + low) as u8);
        rest = tail;
    }
    (!raw.is_empty()).then_some(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_unescaping_agree() {
        let text = "a&b \"c\" <d> 兰东风";
        assert_eq!(
            escape_attribute(text),
            "a&amp;b &quot;c&quot; &lt;d&gt; 兰东风"
        );
        assert_eq!(unescape(&escape_attribute(text)), text);
    }

    #[test]
    fn percent_runs_decode_to_their_bytes() {
        assert_eq!(percent_decode("q=%E5%85%B0&x=%2"), "q=兰&x=%2");
        assert_eq!(
            escaped_run(b"%E5%85%B0rest"),
            Some("兰".as_bytes().to_vec())
        );
        assert_eq!(escaped_run(b"no"), None);
    }
}
