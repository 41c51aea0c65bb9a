//! Japanese line breaking by display width, with kinsoku.
//!
//! Hand-written: ratatui's `Paragraph` breaks only at spaces (Japanese has none) and the
//! textwrap-style crates implement UAX #14 without kinsoku's push-back or the column rules
//! below. Widths are display columns: East Asian Wide and Fullwidth glyphs take two, and so do
//! the Ambiguous ones (①, Ⅰ, ―) — terminals disagree on those, so the layout reserves two
//! columns and the renderer keeps the second one blank (see `ui::text`).

pub(crate) use crate::width::{cols, display_char, is_ambiguous, str_cols};

/// Characters that must not start a line (行頭禁則).
pub fn no_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | ','
            | '.'
            | '）'
            | ')'
            | ']'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '｣'
            | '・'
            | '･'
            | 'ー'
            | 'ｰ'
            | '々'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | '？'
            | '！'
            | '?'
            | '!'
            | '：'
            | '；'
            | ':'
            | ';'
            | '…'
            | '‥'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ゕ'
            | 'ゖ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | 'ㇰ'..='ㇿ'
    )
}

/// Characters that must not end a line (行末禁則).
pub fn no_end(c: char) -> bool {
    matches!(
        c,
        '（' | '(' | '[' | '「' | '『' | '【' | '〔' | '〈' | '《' | '｢'
    )
}

/// Part of a short ASCII word that should stay whole (MID-NET, CiCLE, BSL-4, FUN+WALK).
fn wordish(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '+' | '&' | '\'' | '@' | '%')
}

/// May a line break fall between `a` and `b`?
fn can_break(a: char, b: char) -> bool {
    if b == ' ' {
        return false; // break after the space instead
    }
    if a == ' ' {
        return true;
    }
    if no_start(b) || no_end(a) {
        return false;
    }
    !(wordish(a) && wordish(b))
}

/// Wraps `text` to `width` columns. Returns `[start, end)` char ranges, one per line, with
/// the spaces at a break left out. `\n` is a hard break. A glyph wider than `width` gets a
/// line of its own (the renderer clips it; it never splits it).
pub fn wrap(text: &str, width: usize) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    wrap_chars(&chars, width)
}

pub fn wrap_chars(chars: &[char], width: usize) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let width = width.max(1);
    let n = chars.len();
    let mut start = 0;
    while start < n {
        // Skip spaces at the start of a wrapped line, and start a new paragraph after `\n`.
        if chars[start] == '\n' {
            if lines.last().is_none_or(|&(_, e)| e != start) {
                lines.push((start, start));
            }
            start += 1;
            if start == n {
                lines.push((start, start));
            }
            continue;
        }
        let mut used = 0;
        let mut end = start;
        let mut last_break: Option<usize> = None;
        while end < n && chars[end] != '\n' {
            let w = cols(chars[end]);
            if used + w > width && end > start {
                break;
            }
            used += w;
            end += 1;
            if end < n && can_break(chars[end - 1], chars[end]) {
                last_break = Some(end);
            }
        }
        if end < n
            && chars[end] != '\n'
            && chars[end] != ' '
            && !can_break(chars[end - 1], chars[end])
        {
            // The line is full mid-word or before a kinsoku char: break at the last allowed
            // point, if there is one. (A space ends the line where it is: it is dropped.)
            if let Some(b) = last_break.filter(|&b| b > start) {
                end = b;
            }
        }
        let mut line_end = end;
        while line_end > start && chars[line_end - 1] == ' ' {
            line_end -= 1;
        }
        lines.push((start, line_end));
        start = end;
        while start < n && chars[start] == ' ' {
            start += 1;
        }
        if start < n && chars[start] == '\n' {
            start += 1;
            if start == n {
                lines.push((start, start));
            }
        }
    }
    if lines.is_empty() {
        lines.push((0, 0));
    }
    lines
}

/// Truncates `s` to `width` columns, ending with `…` when cut. Returns the text and the number
/// of chars of `s` kept (so highlight ranges can be clipped).
pub fn truncate(s: &str, width: usize) -> (String, usize) {
    if str_cols(s) <= width {
        return (s.to_string(), s.chars().count());
    }
    let budget = width.saturating_sub(cols('…'));
    let mut out = String::new();
    let mut used = 0;
    let mut kept = 0;
    for c in s.chars() {
        let w = cols(c);
        if used + w > budget {
            break;
        }
        out.push(c);
        used += w;
        kept += 1;
    }
    if width >= cols('…') {
        out.push('…');
    }
    (out, kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        wrap(text, width)
            .into_iter()
            .map(|(s, e)| chars[s..e].iter().collect())
            .collect()
    }

    #[test]
    fn wraps_by_columns_not_chars() {
        assert_eq!(
            lines("あいうえおかきくけこ", 10),
            vec!["あいうえお", "かきくけこ"]
        );
        assert_eq!(
            lines("あいうえおかきくけこ", 9),
            vec!["あいうえ", "おかきく", "けこ"]
        );
        for l in lines(
            "医療分野の研究開発の成果の実用化に際し、その品質、有効性",
            13,
        ) {
            assert!(str_cols(&l) <= 13, "{l}");
        }
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        // At 8 columns "あいう、" would put 、 at the start of line 2; it is pushed back.
        let got = lines("あいうえ、おかきくけ。", 8);
        for l in &got[1..] {
            let first = l.chars().next().unwrap();
            assert!(!no_start(first), "{got:?}");
        }
        let got = lines("研究開発（ＡＭＥＤ）」。", 8);
        for l in &got {
            assert!(!l.starts_with(['）', '」', '。']), "{got:?}");
        }
        // Small kana and the long vowel mark stay with what precedes them.
        let got = lines("ロボットロボット", 8);
        assert!(got.iter().all(|l| !l.starts_with(['ッ', 'ー'])), "{got:?}");
    }

    #[test]
    fn no_line_ends_with_opening_bracket() {
        let got = lines("あいう「えおか」きく", 8);
        assert!(got.iter().all(|l| !l.ends_with('「')), "{got:?}");
        let got = lines("あいうえ（かきく）", 10);
        assert!(got.iter().all(|l| !l.ends_with('（')), "{got:?}");
    }

    #[test]
    fn keeps_short_ascii_words_whole() {
        let got = lines("以下、MID-NET と言う。", 12);
        assert!(got.iter().any(|l| l.contains("MID-NET")), "{got:?}");
        let got = lines("医療研究開発CiCLE事業", 14);
        assert!(got.iter().any(|l| l.contains("CiCLE")), "{got:?}");
        // A word longer than the line is broken rather than overflowing.
        let got = lines("ABCDEFGHIJKLMNOP", 5);
        assert!(got.iter().all(|l| l.len() <= 5), "{got:?}");
    }

    #[test]
    fn ambiguous_glyphs_take_two_columns() {
        assert_eq!(cols('①'), 2);
        assert_eq!(cols('―'), 2);
        assert_eq!(cols('Ⅰ'), 2);
        assert!(is_ambiguous('①') && !is_ambiguous('あ') && !is_ambiguous('a'));
        assert_eq!(lines("①②③④", 4), vec!["①②", "③④"]);
        // Half-width voiced marks are laid out as their full-width forms.
        assert_eq!(cols('ﾞ'), 2);
        assert_eq!(display_char('ﾟ'), '゜');
    }

    #[test]
    fn never_splits_a_wide_glyph_and_survives_tiny_widths() {
        assert_eq!(lines("あい", 1), vec!["あ", "い"]);
        assert_eq!(lines("", 10), vec![""]);
        assert_eq!(lines("a\n\nb", 10), vec!["a", "", "b"]);
        for w in 0..6 {
            let _ = lines("「」、。（）ーッ①―", w);
        }
    }

    #[test]
    fn spaces_at_breaks_are_dropped() {
        assert_eq!(lines("abc def ghi", 7), vec!["abc def", "ghi"]);
        assert_eq!(
            lines("平成 29 年度の主な", 8),
            vec!["平成 29", "年度の主", "な"]
        );
    }

    #[test]
    fn truncation_by_width() {
        // `…` is East Asian Ambiguous: two columns here.
        assert_eq!(truncate("ゲノム医療の実現", 9), ("ゲノム…".to_string(), 3));
        assert_eq!(truncate("abc", 3), ("abc".to_string(), 3));
        assert_eq!(truncate("①②③", 5), ("①…".to_string(), 1));
        assert_eq!(truncate("①②", 1), ("".to_string(), 0));
    }
}
