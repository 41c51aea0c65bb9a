//! What changed between a plan and the result that carries it out, as ranges of characters
//! to highlight on each side.
//!
//! A character diff of Japanese reads badly: 推進する → 推進した shares 推, 進 and す with
//! anything nearby, and the changes come out as scattered single characters. So the texts are
//! cut into words first (the same analyzer that reads kanji for search), the word sequences
//! are diffed with `similar`, and then short runs left equal between two changes (a particle,
//! a comma) are counted as changed, so that a change reads as one phrase.

use crate::search::reading;
use similar::{Algorithm, DiffOp};

/// Char ranges that differ: in the older text (removed or replaced) and in the newer (added
/// or replacing), each sorted and merged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// Ranges of the older text not in the newer.
    pub old: Vec<(usize, usize)>,
    /// Ranges of the newer text not in the older.
    pub new: Vec<(usize, usize)>,
}

/// An equal run of at most this many characters between two changes is part of them.
const ISLAND: usize = 2;

/// One stretch of the diff, in chars of each side.
#[derive(Debug, Clone, Copy)]
struct Stretch {
    equal: bool,
    old: (usize, usize),
    new: (usize, usize),
}

/// The differences between two texts, word by word.
pub fn diff(old: &str, new: &str) -> Diff {
    let (wa, wb) = (reading::words(old), reading::words(new));
    let slices = |text: &str, words: &[(usize, usize)]| -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        words
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect())
            .collect()
    };
    let (ta, tb) = (slices(old, &wa), slices(new, &wb));
    let ops = similar::capture_diff_slices(Algorithm::Myers, &ta, &tb);
    // Word index ranges → char ranges.
    let span = |words: &[(usize, usize)], from: usize, len: usize| -> (usize, usize) {
        if len == 0 {
            let at = words
                .get(from)
                .map(|w| w.0)
                .or(words.last().map(|w| w.1))
                .unwrap_or(0);
            return (at, at);
        }
        (words[from].0, words[from + len - 1].1)
    };
    let mut stretches: Vec<Stretch> = ops
        .iter()
        .map(|op| {
            let (equal, (oi, ol), (ni, nl)) = match *op {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => (true, (old_index, len), (new_index, len)),
                DiffOp::Delete {
                    old_index,
                    old_len,
                    new_index,
                } => (false, (old_index, old_len), (new_index, 0)),
                DiffOp::Insert {
                    old_index,
                    new_index,
                    new_len,
                } => (false, (old_index, 0), (new_index, new_len)),
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => (false, (old_index, old_len), (new_index, new_len)),
            };
            Stretch {
                equal,
                old: span(&wa, oi, ol),
                new: span(&wb, ni, nl),
            }
        })
        .collect();
    // Short islands of sameness between two changes join them.
    for i in 1..stretches.len().saturating_sub(1) {
        let s = stretches[i];
        if s.equal
            && s.old.1 - s.old.0 <= ISLAND
            && !stretches[i - 1].equal
            && !stretches[i + 1].equal
        {
            stretches[i].equal = false;
        }
    }
    let mut out = Diff::default();
    for s in stretches.iter().filter(|s| !s.equal) {
        push_merged(&mut out.old, s.old);
        push_merged(&mut out.new, s.new);
    }
    out
}

/// Appends a range, joining it to the last when they touch; empty ranges are dropped.
fn push_merged(v: &mut Vec<(usize, usize)>, r: (usize, usize)) {
    if r.0 >= r.1 {
        return;
    }
    match v.last_mut() {
        Some(last) if last.1 >= r.0 => last.1 = last.1.max(r.1),
        _ => v.push(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str, ranges: &[(usize, usize)]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        ranges
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect())
            .collect()
    }

    #[test]
    fn a_reworded_word_is_one_change_on_each_side() {
        let (a, b) = (
            "次世代医療基盤法の円滑な施行",
            "次世代医療基盤法の着実な施行",
        );
        let d = diff(a, b);
        assert_eq!(cut(a, &d.old), ["円滑"]);
        assert_eq!(cut(b, &d.new), ["着実"]);
    }

    #[test]
    fn identical_texts_have_no_changes() {
        let a = "引き続き、ゲノム医療の実現に向けた取組を推進する。";
        assert_eq!(diff(a, a), Diff::default());
    }

    #[test]
    fn changes_are_whole_words_and_a_particle_between_joins_them() {
        let a = "臨床研究の推進を図る。";
        let b = "臨床研究の推進を図った。";
        let d = diff(a, b);
        // Not 図 kept and る → った: the verb changed as a word.
        assert_eq!(cut(b, &d.new), ["図った"]);
        assert_eq!(cut(a, &d.old), ["図る"]);
        let a = "データベースを構築する";
        let b = "ネットワークを整備した";
        let d = diff(a, b);
        // The one-char を between two changes does not split them.
        assert_eq!(cut(b, &d.new), ["ネットワークを整備した"]);
    }

    /// The characters outside the marked ranges, in order.
    fn kept(text: &str, ranges: &[(usize, usize)]) -> String {
        text.chars()
            .enumerate()
            .filter(|(i, _)| !ranges.iter().any(|&(s, e)| *i >= s && *i < e))
            .map(|(_, c)| c)
            .collect()
    }

    proptest::proptest! {
        /// What is not marked reads the same on both sides, and the marks are sorted, apart
        /// and within the text, whatever the texts (kanji, kana, Latin, spaces, controls).
        #[test]
        fn what_is_not_marked_is_the_same_on_both_sides(
            a in "[ゲノム医療の推進をするた。、 aZ9\t・①]{0,40}",
            b in "[ゲノム医療の推進をするた。、 aZ9\t・①]{0,40}",
        ) {
            let d = diff(&a, &b);
            proptest::prop_assert_eq!(kept(&a, &d.old), kept(&b, &d.new));
            for (ranges, text) in [(&d.old, &a), (&d.new, &b)] {
                let n = text.chars().count();
                for w in ranges.windows(2) {
                    proptest::prop_assert!(w[0].1 < w[1].0);
                }
                for &(s, e) in ranges.iter() {
                    proptest::prop_assert!(s < e && e <= n);
                }
            }
            if a == b {
                proptest::prop_assert_eq!(d, Diff::default());
            }
        }
    }

    #[test]
    fn additions_and_removals_have_ranges_on_one_side() {
        let a = "ゲノム医療を推進する。";
        let b = "引き続き、ゲノム医療を推進する。";
        let d = diff(a, b);
        assert!(d.old.is_empty(), "{:?}", d.old);
        assert_eq!(cut(b, &d.new), ["引き続き、"]);
        assert_eq!(diff("", "").new, vec![]);
        assert_eq!(cut("新規", &diff("", "新規").new), ["新規"]);
    }
}
