//! A window of a hit's text around its first match, fitted to a display width, with the
//! match ranges shifted to the window. Widths are display columns (unicode-width).

use crate::width::cols;

/// A snippet: its text (newlines shown as spaces) and match ranges in its chars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub ranges: Vec<(usize, usize)>,
}

/// Cuts `text` to at most `width` columns around the first range, marking cuts with `…`.
pub fn snippet(text: &str, ranges: &[(usize, usize)], width: usize) -> Snippet {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    let widths: Vec<usize> = chars.iter().map(|&c| cols(c)).collect();
    let total: usize = widths.iter().sum();
    if total <= width {
        return Snippet {
            text: chars.into_iter().collect(),
            ranges: ranges.to_vec(),
        };
    }
    let ell = cols('…');
    let budget = width.saturating_sub(2 * ell).max(1);
    let first = ranges.first().map_or(0, |r| r.0.min(chars.len()));
    // Start up to a quarter of the budget before the match.
    let mut start = first;
    let mut before = 0;
    while start > 0 && before + widths[start - 1] <= budget / 4 {
        start -= 1;
        before += widths[start];
    }
    let mut end = start;
    let mut used = 0;
    while end < chars.len() && used + widths[end] <= budget {
        used += widths[end];
        end += 1;
    }
    // Use leftover room for more context before.
    while start > 0 && used + widths[start - 1] <= budget {
        start -= 1;
        used += widths[start];
    }
    let mut out = String::new();
    let lead = start > 0;
    if lead {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    let shift = usize::from(lead);
    let ranges = ranges
        .iter()
        .filter(|(s, e)| *e > start && *s < end)
        .map(|&(s, e)| (s.max(start) - start + shift, e.min(end) - start + shift))
        .collect();
    Snippet { text: out, ranges }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn fits_width_and_keeps_match() {
        let text = "あいうえおかきくけこさしすせそたちつてとなにぬねの";
        let s = snippet(text, &[(15, 17)], 20);
        assert!(s.text.width() <= 20, "{}", s.text);
        let chars: Vec<char> = s.text.chars().collect();
        let (a, b) = s.ranges[0];
        assert_eq!(chars[a..b].iter().collect::<String>(), "たち");
    }

    #[test]
    fn short_text_unchanged() {
        let s = snippet("MID-NET\nの運用", &[(0, 7)], 40);
        assert_eq!(s.text, "MID-NET の運用");
        assert_eq!(s.ranges, vec![(0, 7)]);
    }
}
