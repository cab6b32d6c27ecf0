//! Where the guard cuts a big file into pieces it reads one at a time, so
//! that a county's print pack or `site.json` is never held three times
//! over (its text, its view, its reading form), and where a cut may fall
//! in plain text without hiding a name or a number that reaches across it.

/// Text longer than this is read in pieces of about this size.
pub(super) const PIECE: usize = 1 << 20;

/// Where plain text may be cut into pieces: right after one of these, the
/// reading form starts afresh (no space pending, no Han character before),
/// and no number can reach across (numbers are digits, spaces, dashes,
/// plus signs and brackets, and look at a `.` or `,` before them). Each is
/// used only when no registered name holds it.
const CUTS: &[u8] = b"\"{}[]<>:;";

/// The bytes of [`CUTS`] that none of `names`, in their reading form,
/// holds: a cut there could split a name in two.
pub(super) fn cuts_outside(names: &[String]) -> Vec<u8> {
    CUTS.iter()
        .copied()
        .filter(|cut| !names.iter().any(|n| n.as_bytes().contains(cut)))
        .collect()
}

/// `text` in pieces, each with its offset: cut after a byte of `cuts`
/// found past every [`PIECE`] bytes, or whole when there is none.
pub(super) fn pieces<'t>(
    text: &'t str,
    cuts: &'t [u8],
) -> impl Iterator<Item = (usize, &'t str)> + 't {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let from = start;
        let end = text
            .as_bytes()
            .get(from + PIECE..)
            .and_then(|rest| rest.iter().position(|b| cuts.contains(b)))
            .map_or(text.len(), |at| from + PIECE + at + 1);
        start = end;
        Some((from, &text[from..end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_right_after_a_cut_past_each_piece() {
        let filler = "a".repeat(PIECE);
        let text = format!("{filler}bb;cc{filler}:d");
        let found: Vec<(usize, usize)> = pieces(&text, CUTS)
            .map(|(at, piece)| (at, piece.len()))
            .collect();
        assert_eq!(
            found,
            [(0, PIECE + 3), (PIECE + 3, PIECE + 3), (2 * PIECE + 6, 1)]
        );
        // No cut past the piece's size: the text is one piece.
        let whole = format!("{filler}bbcc");
        assert_eq!(pieces(&whole, CUTS).count(), 1);
        assert_eq!(pieces("", CUTS).count(), 0);
    }

    #[test]
    fn a_cut_a_name_holds_is_not_used() {
        let names = ["兰:东风".to_string(), "x\"y".to_string()];
        assert_eq!(cuts_outside(&names), b"{}[]<>;");
        let filler = "a".repeat(PIECE);
        let text = format!("{filler}兰:东风;");
        let cuts = cuts_outside(&names);
        let found: Vec<&str> = pieces(&text, &cuts).map(|(_, p)| &p[PIECE..]).collect();
        assert_eq!(found, ["兰:东风;"]);
    }
}
