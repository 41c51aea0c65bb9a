//! Kanji found by their reading: `kenkou keiei` and `けんこうけいえい` find 健康経営.
//!
//! Each unit of text is analyzed once into words with their readings in context (a lattice
//! over the embedded IPADIC, best path by MeCab's costs; see [`super::dict`] for why this is
//! hand-written). The readings are folded into *keys* and concatenated, one key stream per
//! unit, with a record of where each word's key starts and ends. A kana query (typed, or
//! converted from romaji) is folded the same way and looked for in the key streams; a match
//! counts only where it starts at the start of a word and ends at the end of a word, so
//! readings are never glued from parts of words (`saisei` does not find the 済成 inside
//! 経済成長, which reads けいざい|せいちょう). The match's range is the words' characters in
//! the original text, which is what the browser highlights.
//!
//! Keys forgive how romaji is typed: katakana and hiragana fold together, and a lengthening
//! vowel is dropped (こう, こお, こー → こ; しゅう → しゅ), so `kenkou`, `kenko` and `kenkoo`
//! all read as けんこ, as does 健康. Kunrei and wāpuro spellings become the same kana before
//! that (wana_kana).

use super::dict::{Dict, Entry, dict};

/// Queries shorter than this many kana (after folding) are not looked up by reading: `ka`
/// and `kai` would match hundreds of words.
pub const MIN_KANA: usize = 3;

/// Marks a word without a reading (digits, Latin, symbols) in a key stream, so that no match
/// runs across it.
const BREAK: char = '\u{1}';

/// The longest dictionary word looked up, in characters (IPADIC's longest is shorter).
const MAX_WORD: usize = 24;

/// The longest run of one character class taken as one unknown word.
const MAX_RUN: usize = 64;

/// One word of a unit: its characters in the original text and its key in the key stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word {
    char_start: u32,
    char_end: u32,
    key_start: u32,
    key_end: u32,
}

/// The readings of every unit of an index, built once on first use.
#[derive(Debug, Clone, Default)]
pub(crate) struct Readings {
    /// Every unit's key stream, each followed by a [`BREAK`].
    keys: String,
    /// Byte offset in `keys` where each unit starts; one extra entry at the end.
    key_starts: Vec<u32>,
    /// Every unit's words with readings, in order.
    words: Vec<Word>,
    /// Offset in `words` where each unit starts; one extra entry at the end.
    word_starts: Vec<u32>,
}

/// A unit of text analyzed on its own: the key stream and words of one string.
#[derive(Debug, Clone, Default)]
pub(crate) struct Analyzed {
    readings: Readings,
}

impl Analyzed {
    /// Analyzes one string (a program's name, say).
    pub(crate) fn new(text: &str) -> Analyzed {
        let mut r = Readings::default();
        let mut lattice = Lattice::default();
        r.push(text, &mut lattice);
        r.finish();
        Analyzed { readings: r }
    }

    /// The character ranges where `key` (see [`key`]) matches whole words.
    pub(crate) fn find(&self, key: &str) -> Vec<(usize, usize)> {
        self.readings
            .find(key)
            .into_iter()
            .map(|(_, r)| r)
            .collect()
    }
}

/// The embedded report's readings, analyzed when the program was built (see
/// `the_embedded_readings_are_current` below): reading search on it costs nothing at start.
static SEED_READINGS: &[u8] = include_bytes!("../../assets/seed-readings.bin");

/// Changes whenever the analyzer would read a text differently, so stored readings of an
/// older analyzer are not used.
const ANALYZER_VERSION: u64 = 2;

const STORED_MAGIC: &[u8; 8] = b"SRKRD01\0";

/// FNV-1a over the texts: which texts stored readings belong to. Hand-written: five lines,
/// and std's hasher is not promised to stay the same across Rust releases.
fn fingerprint(texts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ ANALYZER_VERSION;
    for t in texts {
        for &b in t.as_bytes().iter().chain(&[0]) {
            h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

impl Readings {
    /// Analyzes `texts`, on two threads when there is much of it; the embedded report's
    /// readings come ready-made.
    pub(crate) fn build(texts: &[&str]) -> Readings {
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        if let Some(r) = Readings::stored(SEED_READINGS, texts, bytes) {
            return r;
        }
        if bytes < 64 << 10 || texts.len() < 2 {
            return Readings::build_serial(texts);
        }
        let mid = texts.len() / 2;
        let (a, b) = std::thread::scope(|s| {
            let second = s.spawn(|| Readings::build_serial(&texts[mid..]));
            let first = Readings::build_serial(&texts[..mid]);
            (first, second.join())
        });
        match b {
            Ok(b) => a.append(b),
            // A thread cannot panic here short of a bug; do the rest on this one.
            Err(_) => a.append(Readings::build_serial(&texts[mid..])),
        }
    }

    /// Stored readings, if they are of these texts: `bytes` is their total length.
    fn stored(data: &[u8], texts: &[&str], bytes: usize) -> Option<Readings> {
        let mut at = 0usize;
        let mut take = |n: usize| -> Option<&[u8]> {
            let b = data.get(at..at + n)?;
            at += n;
            Some(b)
        };
        if take(8)? != STORED_MAGIC {
            return None;
        }
        let u64_of = |b: &[u8]| b.try_into().ok().map(u64::from_le_bytes);
        let (stored_bytes, units, print) =
            (u64_of(take(8)?)?, u64_of(take(8)?)?, u64_of(take(8)?)?);
        if stored_bytes != bytes as u64
            || units != texts.len() as u64
            || print != fingerprint(texts)
        {
            return None;
        }
        let u32s = |b: &[u8]| -> Vec<u32> {
            b.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect()
        };
        let keys_len = u64_of(take(8)?)? as usize;
        let keys = String::from_utf8(take(keys_len)?.to_vec()).ok()?;
        let key_starts = u32s(take((texts.len() + 1) * 4)?);
        let nwords = u64_of(take(8)?)? as usize;
        let words = u32s(take(nwords * 16)?)
            .chunks_exact(4)
            .map(|w| Word {
                char_start: w[0],
                char_end: w[1],
                key_start: w[2],
                key_end: w[3],
            })
            .collect();
        let word_starts = u32s(take((texts.len() + 1) * 4)?);
        Some(Readings {
            keys,
            key_starts,
            words,
            word_starts,
        })
    }

    /// The readings in the form [`Readings::stored`] reads.
    #[cfg(test)]
    fn to_bytes(&self, texts: &[&str]) -> Vec<u8> {
        let mut o = STORED_MAGIC.to_vec();
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        for v in [
            bytes as u64,
            texts.len() as u64,
            fingerprint(texts),
            self.keys.len() as u64,
        ] {
            o.extend_from_slice(&v.to_le_bytes());
        }
        o.extend_from_slice(self.keys.as_bytes());
        self.key_starts
            .iter()
            .for_each(|v| o.extend_from_slice(&v.to_le_bytes()));
        o.extend_from_slice(&(self.words.len() as u64).to_le_bytes());
        for w in &self.words {
            for v in [w.char_start, w.char_end, w.key_start, w.key_end] {
                o.extend_from_slice(&v.to_le_bytes());
            }
        }
        self.word_starts
            .iter()
            .for_each(|v| o.extend_from_slice(&v.to_le_bytes()));
        o
    }

    fn build_serial(texts: &[&str]) -> Readings {
        let mut r = Readings::default();
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        r.keys.reserve(bytes);
        r.words.reserve(bytes / 4);
        r.key_starts.reserve(texts.len() + 1);
        r.word_starts.reserve(texts.len() + 1);
        let mut lattice = Lattice::default();
        for t in texts {
            r.push(t, &mut lattice);
        }
        r.finish();
        r
    }

    fn push(&mut self, text: &str, lattice: &mut Lattice) {
        self.key_starts.push(self.keys.len() as u32);
        self.word_starts.push(self.words.len() as u32);
        if let Some(d) = dict() {
            lattice.analyze(d, text, &mut self.keys, &mut self.words);
        }
        self.keys.push(BREAK);
    }

    fn finish(&mut self) {
        self.key_starts.push(self.keys.len() as u32);
        self.word_starts.push(self.words.len() as u32);
    }

    fn append(mut self, other: Readings) -> Readings {
        let (Some(_), Some(_)) = (self.key_starts.pop(), self.word_starts.pop()) else {
            return other;
        };
        let key_off = self.keys.len() as u32;
        let word_off = self.words.len() as u32;
        self.keys.push_str(&other.keys);
        self.key_starts
            .extend(other.key_starts.iter().map(|s| s + key_off));
        self.words.extend(other.words.iter().map(|w| Word {
            key_start: w.key_start + key_off,
            key_end: w.key_end + key_off,
            ..*w
        }));
        self.word_starts
            .extend(other.word_starts.iter().map(|s| s + word_off));
        self
    }

    /// Every match of any of `keys`, as [`Readings::find`] gives them, in document order.
    pub(crate) fn find_any(&self, keys: &[String]) -> Vec<(usize, (usize, usize))> {
        let mut out: Vec<_> = keys.iter().flat_map(|k| self.find(k)).collect();
        if keys.len() > 1 {
            out.sort_unstable();
            out.dedup();
        }
        out
    }

    /// Every match of `key` that starts and ends on word boundaries: (unit, original char
    /// range), in document order.
    pub(crate) fn find(&self, key: &str) -> Vec<(usize, (usize, usize))> {
        let mut out = Vec::new();
        if key.is_empty() {
            return out;
        }
        let mut unit = 0usize;
        for b in memchr::memmem::find_iter(self.keys.as_bytes(), key.as_bytes()) {
            while unit + 1 < self.key_starts.len() && self.key_starts[unit + 1] as usize <= b {
                unit += 1;
            }
            let words =
                &self.words[self.word_starts[unit] as usize..self.word_starts[unit + 1] as usize];
            let (b, e) = (b as u32, (b + key.len()) as u32);
            let first = words.partition_point(|w| w.key_start < b);
            let Some(start) = words.get(first).filter(|w| w.key_start == b) else {
                continue;
            };
            let last = words.partition_point(|w| w.key_end < e);
            let Some(end) = words.get(last).filter(|w| w.key_end == e) else {
                continue;
            };
            out.push((unit, (start.char_start as usize, end.char_end as usize)));
        }
        out
    }
}

/// The key of a kana string: hiragana, with lengthening vowels dropped. Anything but kana
/// passes through as it is.
pub(crate) fn key(kana: &str) -> String {
    let mut out = String::with_capacity(kana.len());
    let mut last = None;
    for c in kana.chars() {
        push_key(&mut out, &mut last, c);
    }
    unify_variants(&mut out, 0);
    out
}

/// Are there kana enough (as typed, before lengthening vowels are dropped) for a reading
/// lookup?
pub(crate) fn long_enough(kana: &str) -> bool {
    kana.chars().count() >= MIN_KANA
}

/// Appends kana `c` to a key, `last` being the vowel the key ends in.
fn push_key(out: &mut String, last: &mut Option<char>, c: char) {
    if is_joiner(c) {
        return;
    }
    let h = match c {
        'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    };
    let vowel = vowel_of(h);
    let long = matches!(
        (h, *last),
        ('ー', Some(_)) | ('う', Some('お' | 'う')) | ('お', Some('お'))
    );
    if long {
        // Only one lengthening vowel: いりょう|うんえい reads いりょ|うんえい.
        *last = None;
        return;
    }
    out.push(h);
    *last = vowel;
}

/// The vowel a hiragana ends in.
fn vowel_of(c: char) -> Option<char> {
    Some(match c {
        'ぁ' | 'あ' | 'か' | 'が' | 'さ' | 'ざ' | 'た' | 'だ' | 'な' | 'は' | 'ば' | 'ぱ'
        | 'ま' | 'ゃ' | 'や' | 'ら' | 'ゎ' | 'わ' => 'あ',
        'ぃ' | 'い' | 'き' | 'ぎ' | 'し' | 'じ' | 'ち' | 'ぢ' | 'に' | 'ひ' | 'び' | 'ぴ'
        | 'み' | 'り' => 'い',
        'ぅ' | 'う' | 'く' | 'ぐ' | 'す' | 'ず' | 'つ' | 'づ' | 'ぬ' | 'ふ' | 'ぶ' | 'ぷ'
        | 'む' | 'ゅ' | 'ゆ' | 'る' | 'ゔ' => 'う',
        'ぇ' | 'え' | 'け' | 'げ' | 'せ' | 'ぜ' | 'て' | 'で' | 'ね' | 'へ' | 'べ' | 'ぺ'
        | 'め' | 'れ' => 'え',
        'ぉ' | 'お' | 'こ' | 'ご' | 'そ' | 'ぞ' | 'と' | 'ど' | 'の' | 'ほ' | 'ぼ' | 'ぽ'
        | 'も' | 'ょ' | 'よ' | 'ろ' | 'を' => 'お',
        _ => return None,
    })
}

// Character classes, numbered as `tools/dictgen` numbers IPADIC's unknown-word classes.
const DEFAULT: u8 = 0;
const SPACE: u8 = 1;
const KANJI: u8 = 2;
const SYMBOL: u8 = 3;
const NUMERIC: u8 = 4;
const ALPHA: u8 = 5;
const HIRAGANA: u8 = 6;
const KATAKANA: u8 = 7;
const KANJINUMERIC: u8 = 8;
const GREEK: u8 = 9;
const CYRILLIC: u8 = 10;

/// A char's class, after IPADIC's `char.def`.
fn class(c: char) -> u8 {
    match c {
        ' ' | '\t' | '\n' | '\r' | '\u{3000}' => SPACE,
        '0'..='9' | '０'..='９' => NUMERIC,
        'a'..='z' | 'A'..='Z' | 'ａ'..='ｚ' | 'Ａ'..='Ｚ' => ALPHA,
        '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百'
        | '千' | '万' | '億' | '兆' => KANJINUMERIC,
        'ぁ'..='ゟ' => HIRAGANA,
        'ァ'..='ヿ' | 'ｦ'..='ﾟ' | 'ㇰ'..='ㇿ' => KATAKANA,
        '\u{4e00}'..='\u{9fff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2ffff}'
        | '々'
        | '〆'
        | '〻' => KANJI,
        'Α'..='ω' => GREEK,
        'Ѐ'..='ӿ' => CYRILLIC,
        _ if c.is_alphanumeric() => DEFAULT,
        _ => SYMBOL,
    }
}

/// MeCab's unknown-word rules per class: (always add unknown words, group a run, lengths).
fn rules(class: u8) -> (bool, bool, usize) {
    match class {
        KANJI => (false, false, 2),
        HIRAGANA => (false, true, 2),
        KATAKANA => (true, true, 2),
        DEFAULT | SPACE => (false, true, 0),
        _ => (true, true, 0),
    }
}

const NONE: u32 = u32::MAX;

/// A word in the lattice.
#[derive(Debug, Clone, Copy)]
struct Node {
    start: u32,
    end: u32,
    right: u16,
    /// The dictionary entry, or [`NONE`] for an unknown word.
    entry: u32,
    class: u8,
    total: i32,
    prev: u32,
    /// The next node ending where this one ends.
    next_same_end: u32,
}

/// Scratch space for analysis, reused from text to text.
#[derive(Default)]
struct Lattice {
    chars: Vec<char>,
    bytes: Vec<u32>,
    nodes: Vec<Node>,
    /// The last node added that ends at each position.
    ends: Vec<u32>,
    path: Vec<u32>,
}

impl Lattice {
    /// Adds word `e` (dictionary entry `entry`, or [`NONE`] for an unknown word of `class`)
    /// over chars `span`, linked to its best predecessor.
    fn add(&mut self, d: &Dict, span: (usize, usize), e: Entry, entry: u32, class: u8) {
        let (start, end) = span;
        let (left, right, cost) = (e.left, e.right, e.cost);
        let mut best = i32::MAX;
        let mut prev = NONE;
        let mut p = self.ends[start];
        while p != NONE {
            let n = &self.nodes[p as usize];
            let t = n.total.saturating_add(d.connection(n.right, left));
            if t < best {
                best = t;
                prev = p;
            }
            p = n.next_same_end;
        }
        if prev == NONE {
            return;
        }
        let id = self.nodes.len() as u32;
        self.nodes.push(Node {
            start: start as u32,
            end: end as u32,
            right,
            entry,
            class,
            total: best.saturating_add(cost as i32),
            prev,
            next_same_end: self.ends[end],
        });
        self.ends[end] = id;
    }

    /// Analyzes `text`, appending each word's key to `keys` and each word with a reading to
    /// `words`.
    fn analyze(&mut self, d: &Dict, text: &str, keys: &mut String, words: &mut Vec<Word>) {
        self.chars.clear();
        self.bytes.clear();
        for (b, c) in text.char_indices() {
            self.chars.push(c);
            self.bytes.push(b as u32);
        }
        let n = self.chars.len();
        self.nodes.clear();
        self.ends.clear();
        self.ends.resize(n + 1, NONE);
        // Beginning of sentence: context id 0.
        self.nodes.push(Node {
            start: 0,
            end: 0,
            right: 0,
            entry: NONE,
            class: SPACE,
            total: 0,
            prev: NONE,
            next_same_end: NONE,
        });
        self.ends[0] = 0;
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for i in 0..n {
            if self.ends[i] == NONE {
                continue;
            }
            found.clear();
            d.prefixes(
                &text[self.bytes[i] as usize..],
                MAX_WORD,
                |len, first, count| {
                    found.push((len, first, count));
                },
            );
            for &(len, first, count) in &found {
                for e in first..first + count {
                    if let Some(entry) = d.entry(e) {
                        self.add(d, (i, i + len), entry, e as u32, 0);
                    }
                }
            }
            let c = class(self.chars[i]);
            let (invoke, group, lengths) = rules(c);
            if invoke || found.is_empty() {
                let run = self.chars[i..]
                    .iter()
                    .take(MAX_RUN)
                    .take_while(|&&ch| class(ch) == c)
                    .count()
                    .max(1);
                let add_unknown = |lat: &mut Lattice, len: usize| {
                    for u in d.unknown(c) {
                        lat.add(d, (i, i + len), u, NONE, c);
                    }
                };
                if group {
                    add_unknown(self, run);
                }
                for len in 1..=lengths.min(run) {
                    if !(group && len == run) {
                        add_unknown(self, len);
                    }
                }
            }
        }
        // End of sentence.
        let mut best = i32::MAX;
        let mut last = NONE;
        let mut p = self.ends[n];
        while p != NONE {
            let node = &self.nodes[p as usize];
            let t = node.total.saturating_add(d.connection(node.right, 0));
            if t < best {
                best = t;
                last = p;
            }
            p = node.next_same_end;
        }
        self.path.clear();
        while last != NONE && last != 0 {
            self.path.push(last);
            last = self.nodes[last as usize].prev;
        }
        for &id in self.path.iter().rev() {
            let node = self.nodes[id as usize];
            let (s, e) = (node.start as usize, node.end as usize);
            if self.chars[s..e].iter().all(|&c| is_joiner(c)) {
                // White space and middle dots join words: `健康・医療` reads on.
                continue;
            }
            let key_start = keys.len();
            let mut last = None;
            let reading = match d.entry(node.entry as usize) {
                Some(entry) if node.entry != NONE => entry.reading,
                _ => (0, 0),
            };
            if reading.1 > 0 {
                for c in d.reading(reading) {
                    push_key(keys, &mut last, c);
                }
            } else if node.entry == NONE && (node.class == HIRAGANA || node.class == KATAKANA) {
                for &c in &self.chars[s..e] {
                    // Half-width katakana (ｹﾞﾉﾑ) folds to hiragana like the rest.
                    if ('ｦ'..='ﾟ').contains(&c) {
                        for h in super::normalize::fold(c.encode_utf8(&mut [0; 4])).chars() {
                            push_key(keys, &mut last, h);
                        }
                    } else {
                        push_key(keys, &mut last, c);
                    }
                }
            } else {
                // Digits, Latin, symbols: no reading, and no match runs across them.
                keys.push(BREAK);
            }
            unify_variants(keys, key_start);
            words.push(Word {
                char_start: s as u32,
                char_end: e as u32,
                key_start: key_start as u32,
                key_end: keys.len() as u32,
            });
        }
    }
}

/// White space and middle dots: they join words rather than part them.
fn is_joiner(c: char) -> bool {
    c.is_whitespace() || matches!(c, '・' | '･' | '·')
}

/// Readings that name one word two ways read the same: 日本 is にほん or にっぽん, and IPADIC
/// gives only one of them in a given context.
const VARIANTS: [(&str, &str); 1] = [("にっぽん", "にほん")];

/// Folds the [`VARIANTS`] in `key[from..]`.
fn unify_variants(key: &mut String, from: usize) {
    for (variant, canonical) in VARIANTS {
        if key[from..].contains(variant) {
            let tail = key[from..].replace(variant, canonical);
            key.truncate(from);
            key.push_str(&tail);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, String)> {
        let a = Analyzed::new(text);
        let chars: Vec<char> = text.chars().collect();
        a.readings
            .words
            .iter()
            .map(|w| {
                (
                    chars[w.char_start as usize..w.char_end as usize]
                        .iter()
                        .collect(),
                    a.readings.keys[w.key_start as usize..w.key_end as usize].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn words_are_read_in_context() {
        let w = words("経済成長と健康経営を推進する");
        let surfaces: Vec<&str> = w.iter().map(|(s, _)| s.as_str()).collect();
        assert!(surfaces.contains(&"経済"), "{w:?}");
        assert!(surfaces.contains(&"成長"), "{w:?}");
        let keiei = w.iter().find(|(s, _)| s == "経営").expect("経営");
        assert_eq!(keiei.1, "けいえい");
        let kenko = w.iter().find(|(s, _)| s == "健康").expect("健康");
        assert_eq!(kenko.1, "けんこ");
    }

    /// The stored readings of the embedded report are what the analyzer makes of it now.
    /// After changing the analyzer, the dictionary or the seed, rebuild them with
    /// `SENRYAKU_BLESS=1 cargo test --lib embedded_readings`.
    #[test]
    fn the_embedded_readings_are_current() {
        let loaded =
            crate::report::from_bytes(crate::report::SEED, crate::report::Origin::Embedded)
                .expect("seed");
        let texts: Vec<&str> = loaded.report.texts().map(|(_, t)| t).collect();
        let fresh = Readings::build_serial(&texts);
        let bytes = fresh.to_bytes(&texts);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/seed-readings.bin");
        if std::env::var_os("SENRYAKU_BLESS").is_some() {
            std::fs::write(path, &bytes).expect("write");
            return;
        }
        assert!(
            bytes == SEED_READINGS,
            "assets/seed-readings.bin is stale: SENRYAKU_BLESS=1 cargo test --lib embedded_readings"
        );
        let total: usize = texts.iter().map(|t| t.len()).sum();
        let stored = Readings::stored(SEED_READINGS, &texts, total).expect("stored readings load");
        assert_eq!(stored.words, fresh.words);
        assert_eq!(stored.keys, fresh.keys);
        // Other texts do not take them.
        assert!(Readings::stored(SEED_READINGS, &texts[1..], total).is_none());
    }

    #[test]
    fn keys_drop_lengthening_vowels() {
        assert_eq!(key("けんこう"), "けんこ");
        assert_eq!(key("ケンコウ"), "けんこ");
        assert_eq!(key("じょうほう"), "じょほ");
        assert_eq!(key("ちゅうかく"), "ちゅかく");
        assert_eq!(key("けいえい"), "けいえい");
        assert_eq!(key("データ"), "でた");
    }

    #[test]
    fn matches_start_and_end_on_words() {
        let a = Analyzed::new("経済成長を目指す。再生医療を進める");
        assert!(
            a.find(&key("さいせい")).iter().all(|&(s, _)| s != 1),
            "済成 is not a word"
        );
        assert_eq!(a.find(&key("さいせいいりょう")), vec![(9, 13)]);
    }
}
