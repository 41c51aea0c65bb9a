//! Folding of text and queries alike, keeping a map back to the original characters.
//!
//! Folds: compatibility forms (NFKC: full-width ＡＢＣ and １２３, half-width ｶﾞ → ガ, ｢｣ → 「」),
//! case, katakana → hiragana, and drops what the PDF or typist varies freely: white space
//! (`iPS 細胞` vs `iPS細胞`), dashes and hyphens (`MID-NET` vs `midnet`), and middle dots.
//!
//! Hand-written rather than a whole-string `nfkc()` because search needs, for every folded
//! character, the index of the original character it came from; unicode-normalization's
//! iterators do not keep that. Per character it still uses unicode-normalization's
//! compatibility decomposition and canonical composition.

use unicode_normalization::char::{compose, decompose_compatible, is_combining_mark};

/// Folded text and, for each folded character, the index of the original character it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    pub map: Vec<u32>,
}

/// Characters the fold drops entirely.
pub fn is_dropped(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '‐'
                | '‑'
                | '‒'
                | '–'
                | '—'
                | '―'
                | '−'
                | '－'
                | '﹣'
                | '⁃'
                | '・'
                | '･'
                | '·'
                | '‧'
                | '\u{200b}'
        )
}

/// Where [`normalize_into`] puts, for every folded char, the index of the original char.
pub trait MapSink {
    /// Records the original index of the next folded char.
    fn push(&mut self, orig: u32);
}

impl MapSink for Vec<u32> {
    #[inline]
    fn push(&mut self, orig: u32) {
        Vec::push(self, orig)
    }
}

/// Keeps only how many chars were folded: the index needs the map of the few units a search
/// hits, which it folds again then, not of all of them.
#[derive(Debug, Default)]
pub struct CountOnly(pub u32);

impl MapSink for CountOnly {
    #[inline]
    fn push(&mut self, _: u32) {
        self.0 += 1;
    }
}

/// Appends the fold of `src` to `out`, pushing to `map` the original char index
/// (offset by `base`) for every char appended. Returns the bitmask of the folded chars
/// (see [`char_bit`]).
pub fn normalize_into(src: &str, base: u32, out: &mut String, map: &mut impl MapSink) -> u64 {
    let mut last: Option<char> = None;
    let mut mask = 0u64;
    // Characters every fold leaves alone (most of a Japanese text) are copied a run at a
    // time; `run` is where the pending run starts.
    let mut run = 0usize;
    for (i, (at, c)) in src.char_indices().enumerate() {
        let orig = base + i as u32;
        let same = matches!(c,
            'a'..='z'
            | '0'..='9'
            | '\u{21}'..='\u{2c}'
            | '.'
            | '/'
            | ':'..='@'
            | '['..='`'
            | '{'..='~'
            | 'ぁ'..='ゖ'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{3400}'..='\u{4dbf}'
            | '\u{3001}'..='\u{3035}');
        if same {
            map.push(orig);
            mask |= char_bit(c);
            last = Some(c);
            continue;
        }
        out.push_str(&src[run..at]);
        run = at + c.len_utf8();
        // Fast path: characters the fold maps one to one.
        let fast = match c {
            'A'..='Z' => Some(c.to_ascii_lowercase()),
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60),
            _ => None,
        };
        if let Some(d) = fast {
            out.push(d);
            map.push(orig);
            mask |= char_bit(d);
            last = Some(d);
            continue;
        }
        fold_char(c, &mut |d: char| {
            // The long vowel mark reads as the vowel it lengthens: スポーツ ≡ すぽおつ,
            // so romaji typed either way (supo-tsu, supootsu) finds it.
            let d = match (d, last) {
                ('ー', Some(prev)) => kana_vowel(prev).unwrap_or(d),
                _ => d,
            };
            // A voiced sound mark (half-width ﾞ → U+3099) or an accent joins the char before it.
            if is_combining_mark(d)
                && let Some(prev) = last
                && let Some(composed) = compose(prev, d)
            {
                out.pop();
                out.push(composed);
                mask |= char_bit(composed);
                last = Some(composed);
                return;
            }
            out.push(d);
            map.push(orig);
            mask |= char_bit(d);
            last = Some(d);
        });
    }
    out.push_str(&src[run..]);
    mask
}

/// One of 64 bits for a char; a unit lacking a bit of the query cannot match it.
#[inline]
pub fn char_bit(c: char) -> u64 {
    1u64 << ((c as u32).wrapping_mul(2_654_435_761) >> 26)
}

/// Folds `src` on its own.
pub fn normalize(src: &str) -> Normalized {
    let mut n = Normalized {
        text: String::with_capacity(src.len()),
        map: Vec::with_capacity(src.len() / 2),
    };
    normalize_into(src, 0, &mut n.text, &mut n.map);
    n
}

/// Folds a query string (no map needed).
pub fn fold(src: &str) -> String {
    normalize(src).text
}

/// The vowel a hiragana ends in, as a hiragana vowel.
fn kana_vowel(c: char) -> Option<char> {
    const ROWS: [(&str, char); 5] = [
        ("ぁあかがさざただなはばぱまゃやらゎわ", 'あ'),
        ("ぃいきぎしじちぢにひびぴみり", 'い'),
        ("ぅうくぐすずっつづぬふぶぷむゅゆるゔ", 'う'),
        ("ぇえけげせぜてでねへべぺめれ", 'え'),
        ("ぉおこごそぞとどのほぼぽもょよろを", 'お'),
    ];
    ROWS.iter()
        .find(|(row, _)| row.contains(c))
        .map(|&(_, v)| v)
}

#[inline]
fn fold_char(c: char, emit: &mut impl FnMut(char)) {
    match c {
        'A'..='Z' => emit(c.to_ascii_lowercase()),
        '\u{21}'..='\u{2c}' | '.'..='@' | '['..='~' => emit(c),
        // Hiragana and ideographs: unchanged by every fold.
        'ぁ'..='ゖ' | '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' => emit(c),
        // Katakana → hiragana.
        'ァ'..='ヶ' => emit(char::from_u32(c as u32 - 0x60).unwrap_or(c)),
        'ヽ' => emit('ゝ'),
        'ヾ' => emit('ゞ'),
        _ if is_dropped(c) => {}
        _ => {
            let mut decomposed = false;
            decompose_compatible(c, |d| {
                decomposed = true;
                fold_simple(d, emit)
            });
            if !decomposed {
                fold_simple(c, emit);
            }
        }
    }
}

/// The fold of one char that is already compatibility-decomposed.
fn fold_simple(d: char, emit: &mut impl FnMut(char)) {
    if is_dropped(d) {
        return;
    }
    match d {
        'ァ'..='ヶ' => emit(char::from_u32(d as u32 - 0x60).unwrap_or(d)),
        _ if d.is_ascii() => emit(d.to_ascii_lowercase()),
        _ => {
            for l in d.to_lowercase() {
                emit(l)
            }
        }
    }
}

/// Converts a normalized-char range `[start, end)` of a text to a range of original chars,
/// not counting dropped characters at its end.
pub fn original_range(map: &[u32], orig: &[char], start: usize, end: usize) -> (usize, usize) {
    let s = map.get(start).copied().unwrap_or(0) as usize;
    let last = map.get(end.saturating_sub(1)).copied().unwrap_or(0) as usize;
    let mut e = map
        .get(end)
        .map_or(orig.len(), |&n| n as usize)
        .max(last + 1);
    while e > last + 1 && orig.get(e - 1).is_some_and(|c| is_dropped(*c)) {
        e -= 1;
    }
    (s, e.min(orig.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_case_kana_folds() {
        assert_eq!(fold("ＣｉＣＬＥ"), "cicle");
        assert_eq!(fold("ｍｉｄ－ｎｅｔ"), "midnet");
        assert_eq!(fold("MID-NET"), "midnet");
        assert_eq!(fold("ﾊﾞｲｵﾃﾞｻﾞｲﾝ"), "ばいおでざいん");
        assert_eq!(fold("バイオデザイン"), "ばいおでざいん");
        assert_eq!(fold("ばいおでざいん"), "ばいおでざいん");
        assert_eq!(fold("｢臨床｣･治験"), "「臨床」治験");
        assert_eq!(fold("平成 30 年度"), fold("平成30年度"));
        assert_eq!(fold("iPS 細胞"), "ips細胞");
        assert_eq!(fold("ＵＨＣ"), "uhc");
        assert_eq!(fold("２０１８"), "2018");
        assert_eq!(fold("ÉCOLE"), "école");
        assert_eq!(fold("スポーツ"), "すぽおつ");
        assert_eq!(fold("データベース"), "でえたべえす");
        assert_eq!(fold("ｽﾎﾟｰﾂ"), "すぽおつ");
        assert_eq!(fold("ー"), "ー");
    }

    #[test]
    fn map_points_back_across_length_changes() {
        // ｶﾞ (two chars) → が (one char) maps to the ｶ; ① → 1.
        let n = normalize("aｶﾞb①c");
        assert_eq!(n.text, "aがb1c");
        assert_eq!(n.map, vec![0, 1, 3, 4, 5]);
        let orig: Vec<char> = "aｶﾞb①c".chars().collect();
        // The が covers both ｶ and ﾞ.
        assert_eq!(original_range(&n.map, &orig, 1, 2), (1, 3));
        // ㈱ expands to three chars, all from one original.
        let n = normalize("x㈱y");
        assert_eq!(n.text, "x(株)y");
        let orig: Vec<char> = "x㈱y".chars().collect();
        assert_eq!(original_range(&n.map, &orig, 2, 3), (1, 2));
    }

    #[test]
    fn ranges_skip_trailing_dropped_chars() {
        let src = "iPS 細胞";
        let n = normalize(src);
        let orig: Vec<char> = src.chars().collect();
        assert_eq!(original_range(&n.map, &orig, 0, 3), (0, 3));
        assert_eq!(original_range(&n.map, &orig, 0, 5), (0, 6));
        let src = "MID-NET";
        let n = normalize(src);
        let orig: Vec<char> = src.chars().collect();
        assert_eq!(original_range(&n.map, &orig, 0, 6), (0, 7));
    }
}
