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
const BREAK: u8 = 0;

/// The longest dictionary word looked up, in characters (IPADIC's longest is shorter).
const MAX_WORD: usize = 24;

/// The longest run of one character class taken as one unknown word.
const MAX_RUN: usize = 64;

/// One word of a unit, packed: how many characters (white space, middle dots) were skipped
/// before it, how many characters it has, and how many bytes its key has. Four bytes a word
/// keeps the readings of the report ×100 in 6 MB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word {
    gap: u16,
    chars: u8,
    key: u8,
}

/// A word with its place: original chars `[chars.0, chars.1)` of its unit, key bytes
/// `[key.0, key.1)` of the key stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Placed {
    chars: (usize, usize),
    key: (usize, usize),
}

/// Readings as analysis makes them, before they are laid out as [`Readings`].
#[derive(Debug, Clone, Default)]
struct Built {
    /// Every unit's key stream (see [`key`]), each followed by a [`BREAK`].
    keys: Vec<u8>,
    /// Offset in `keys` where each unit starts; one extra entry at the end.
    key_starts: Vec<u32>,
    /// Every unit's words, in order.
    words: Vec<Word>,
    /// Offset in `words` where each unit starts; one extra entry at the end.
    word_starts: Vec<u32>,
}

/// The readings of every unit of an index, built once on first use: read in place from
/// the stored layout (see [`Built::into_bytes`]), whether embedded, read from the cache or
/// just analyzed, so that loading them is one read and no copy.
#[derive(Debug, Clone, Default)]
pub(crate) struct Readings {
    data: std::borrow::Cow<'static, [u8]>,
    units: usize,
    /// Where the key streams lie in `data`.
    keys: (usize, usize),
    /// Where the unit → key offset table, the words and the unit → word table start.
    key_starts: usize,
    words: usize,
    word_starts: usize,
}

/// A little-endian u32 at byte `at` (the offsets were checked when the data was taken).
fn u32_at(data: &[u8], at: usize) -> usize {
    match data.get(at..at + 4) {
        Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize,
        None => 0,
    }
}

/// A unit of text analyzed on its own: the key stream and words of one string.
#[derive(Debug, Clone, Default)]
pub(crate) struct Analyzed {
    readings: Readings,
}

impl Analyzed {
    /// Analyzes one string (a program's name, say).
    pub(crate) fn new(text: &str) -> Analyzed {
        let mut r = Built::default();
        let mut lattice = Lattice::default();
        r.push(text, &mut lattice);
        r.finish();
        let readings = Readings::stored(r.into_bytes(1, text.len(), 0).into(), 1, text.len(), 0)
            .unwrap_or_default();
        Analyzed { readings }
    }

    /// The character ranges where `key` (see [`key`]) matches whole words.
    pub(crate) fn find(&self, key: &[u8]) -> Vec<(usize, usize)> {
        self.readings
            .find(key)
            .into_iter()
            .map(|(_, r)| r)
            .collect()
    }
}

/// `text` cut into words, as char ranges that cover it whole: the analyzer's words, and each
/// character between them (white space, middle dots) on its own. What a diff of Japanese
/// compares, so that it reads as changed words rather than scattered characters.
pub(crate) fn words(text: &str) -> Vec<(usize, usize)> {
    let mut built = Built::default();
    let mut lattice = Lattice::default();
    built.push(text, &mut lattice);
    let n = text.chars().count();
    let mut out = Vec::with_capacity(built.words.len() * 2);
    let mut at = 0usize;
    for w in &built.words {
        for c in at..(at + w.gap as usize).min(n) {
            out.push((c, c + 1));
        }
        at = (at + w.gap as usize).min(n);
        let end = (at + w.chars as usize).min(n);
        if end > at {
            out.push((at, end));
        }
        at = end;
    }
    out.extend((at..n).map(|c| (c, c + 1)));
    out
}

/// The embedded report's readings, analyzed when the program was built (see
/// `the_embedded_readings_are_current` below): reading search on it costs nothing at start.
static SEED_READINGS: &[u8] = include_bytes!("../../assets/seed-readings.bin");

/// Changes whenever the analyzer would read a text differently, so stored readings of an
/// older analyzer are not used.
const ANALYZER_VERSION: u64 = 4;

const STORED_MAGIC: &[u8; 8] = b"SRKRD02\0";

/// Which texts stored readings belong to: a multiply-rotate hash over 8 bytes at a time
/// (about 1 ms for the report ×100), with the analyzer's version. Hand-written: std's hasher
/// is not promised to stay the same across Rust releases, and a collision costs no more than
/// wrong highlights (the length and unit count are checked too).
fn fingerprint(texts: &[&str]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = ANALYZER_VERSION.wrapping_mul(K);
    let mut mix = |v: u64| h = (h ^ v).wrapping_mul(K).rotate_left(29);
    for t in texts {
        let chunks = t.as_bytes().chunks_exact(8);
        let tail = chunks.remainder();
        for c in chunks {
            mix(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let mut last = [0u8; 8];
        last[..tail.len()].copy_from_slice(tail);
        mix(u64::from_le_bytes(last));
        mix(t.len() as u64);
    }
    h
}

/// Little-endian reading of stored readings.
struct Cursor<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let b = self.data.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(b)
    }

    fn u64(&mut self) -> Option<u64> {
        self.take(8)?.try_into().ok().map(u64::from_le_bytes)
    }
}

impl Readings {
    /// Analyzes `texts`, on two threads when there is much of it. The embedded report's
    /// readings come ready-made, and other texts' from the cache when they were read before.
    pub(crate) fn build(texts: &[&str]) -> Readings {
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        let print = fingerprint(texts);
        if let Some(r) = Readings::stored(SEED_READINGS.into(), texts.len(), bytes, print) {
            return r;
        }
        let cache = cache::path(print);
        if let Some(r) = cache
            .as_deref()
            .and_then(cache::read)
            .and_then(|data| Readings::stored(data.into(), texts.len(), bytes, print))
        {
            return r;
        }
        let data = Built::analyze(texts).into_bytes(texts.len(), bytes, print);
        if let Some(path) = cache
            && data.len() <= cache::MAX_BYTES
        {
            cache::write(&path, &data);
        }
        Readings::stored(data.into(), texts.len(), bytes, print).unwrap_or_default()
    }

    /// Stored readings, if they are of `units` texts of `bytes` bytes with fingerprint
    /// `print`, and whole.
    fn stored(
        data: std::borrow::Cow<'static, [u8]>,
        units: usize,
        bytes: usize,
        print: u64,
    ) -> Option<Readings> {
        let mut c = Cursor { data: &data, at: 0 };
        if c.take(8)? != STORED_MAGIC {
            return None;
        }
        if (c.u64()?, c.u64()?, c.u64()?) != (bytes as u64, units as u64, print) {
            return None;
        }
        let keys_len = usize::try_from(c.u64()?).ok()?;
        let keys = (c.at, c.at + keys_len);
        c.take(keys_len)?;
        let key_starts = c.at;
        c.take((units + 1).checked_mul(4)?)?;
        let nwords = usize::try_from(c.u64()?).ok()?;
        let words = c.at;
        c.take(nwords.checked_mul(4)?)?;
        let word_starts = c.at;
        c.take((units + 1).checked_mul(4)?)?;
        if c.at != data.len() {
            return None;
        }
        // Offsets that lie outside what was read would index out of bounds later.
        let fits = |at: usize, len: usize| {
            let v: Vec<usize> = (0..=units).map(|u| u32_at(&data, at + 4 * u)).collect();
            v.windows(2).all(|w| w[0] <= w[1]) && v.last().is_some_and(|&e| e == len)
        };
        if !fits(key_starts, keys_len) || !fits(word_starts, nwords) {
            return None;
        }
        Some(Readings {
            data,
            units,
            keys,
            key_starts,
            words,
            word_starts,
        })
    }

    /// Every unit's key streams.
    fn keys(&self) -> &[u8] {
        &self.data[self.keys.0..self.keys.1]
    }

    /// Where unit `u`'s keys start in [`Readings::keys`] (`u` may be the unit count).
    fn key_start(&self, u: usize) -> usize {
        u32_at(&self.data, self.key_starts + 4 * u)
    }

    /// Unit `u`'s words.
    fn unit_words(&self, u: usize) -> impl Iterator<Item = Word> + '_ {
        let (from, to) = (
            u32_at(&self.data, self.word_starts + 4 * u),
            u32_at(&self.data, self.word_starts + 4 * (u + 1)),
        );
        self.data[self.words + 4 * from..self.words + 4 * to]
            .chunks_exact(4)
            .map(|w| Word {
                gap: u16::from_le_bytes([w[0], w[1]]),
                chars: w[2],
                key: w[3],
            })
    }

    /// The words of unit `u`, placed.
    fn placed(&self, u: usize) -> impl Iterator<Item = Placed> + '_ {
        let mut chars = 0usize;
        let mut key = self.key_start(u);
        self.unit_words(u).map(move |w| {
            let start = chars + w.gap as usize;
            chars = start + w.chars as usize;
            let key_start = key;
            key += w.key as usize;
            Placed {
                chars: (start, chars),
                key: (key_start, key),
            }
        })
    }

    /// Every match of any of `keys`, as [`Readings::find`] gives them, in document order.
    pub(crate) fn find_any(&self, keys: &[Vec<u8>]) -> Vec<(usize, (usize, usize))> {
        let mut out: Vec<_> = keys.iter().flat_map(|k| self.find(k)).collect();
        if keys.len() > 1 {
            out.sort_unstable();
            out.dedup();
        }
        out
    }

    /// Every match of `key` that starts and ends on word boundaries: (unit, original char
    /// range), in document order.
    pub(crate) fn find(&self, key: &[u8]) -> Vec<(usize, (usize, usize))> {
        let mut out = Vec::new();
        if key.is_empty() {
            return out;
        }
        let mut unit = 0usize;
        for b in memchr::memmem::find_iter(self.keys(), key) {
            while unit + 1 < self.units && self.key_start(unit + 1) <= b {
                unit += 1;
            }
            let e = b + key.len();
            let mut start = None;
            for w in self.placed(unit) {
                if w.key.0 == w.key.1 {
                    continue;
                }
                if start.is_none() {
                    if w.key.0 == b {
                        start = Some(w.chars.0);
                    } else if w.key.0 > b {
                        break;
                    }
                }
                if let Some(s) = start {
                    if w.key.1 == e {
                        out.push((unit, (s, w.chars.1)));
                    }
                    if w.key.1 >= e {
                        break;
                    }
                }
            }
        }
        out
    }
}

impl Built {
    fn analyze(texts: &[&str]) -> Built {
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        if bytes < 64 << 10 || texts.len() < 2 {
            return Built::build_serial(texts);
        }
        let mid = texts.len() / 2;
        let (a, b) = std::thread::scope(|s| {
            let second = s.spawn(|| Built::build_serial(&texts[mid..]));
            let first = Built::build_serial(&texts[..mid]);
            (first, second.join())
        });
        match b {
            Ok(b) => a.append(b),
            // A thread cannot panic here short of a bug; do the rest on this one.
            Err(_) => a.append(Built::build_serial(&texts[mid..])),
        }
    }

    /// The readings in the layout [`Readings`] reads in place: magic, text bytes, unit
    /// count, fingerprint, keys (length, bytes), unit → key offsets, words (count, four
    /// bytes each), unit → word offsets; little endian. Each table is freed as soon as it is
    /// written, so that the tables and their layout are not all held at once.
    fn into_bytes(self, units: usize, bytes: usize, print: u64) -> Vec<u8> {
        let Built {
            keys,
            key_starts,
            words,
            word_starts,
        } = self;
        let mut o = STORED_MAGIC.to_vec();
        o.reserve(keys.len() + words.len() * 4 + key_starts.len() * 8 + 64);
        for v in [bytes as u64, units as u64, print, keys.len() as u64] {
            o.extend_from_slice(&v.to_le_bytes());
        }
        o.extend_from_slice(&keys);
        drop(keys);
        for v in key_starts {
            o.extend_from_slice(&v.to_le_bytes());
        }
        o.extend_from_slice(&(words.len() as u64).to_le_bytes());
        for w in words {
            o.extend_from_slice(&w.gap.to_le_bytes());
            o.push(w.chars);
            o.push(w.key);
        }
        for v in word_starts {
            o.extend_from_slice(&v.to_le_bytes());
        }
        o
    }

    fn build_serial(texts: &[&str]) -> Built {
        let mut r = Built::default();
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        r.keys.reserve(bytes / 2);
        r.words.reserve(bytes / 5);
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

    fn append(mut self, other: Built) -> Built {
        let (Some(_), Some(_)) = (self.key_starts.pop(), self.word_starts.pop()) else {
            return other;
        };
        let key_off = self.keys.len() as u32;
        let word_off = self.words.len() as u32;
        self.keys.extend_from_slice(&other.keys);
        self.key_starts
            .extend(other.key_starts.iter().map(|s| s + key_off));
        self.words.extend_from_slice(&other.words);
        self.word_starts
            .extend(other.word_starts.iter().map(|s| s + word_off));
        self
    }
}

/// The reading cache: other files' readings, kept between runs in
/// `$XDG_CACHE_HOME/senryaku/readings` (or `~/.cache/…`), named by fingerprint. Reading them
/// back costs a few milliseconds where analysis costs half a second for the report ×100.
/// Writes go to a temporary file renamed into place, so a reader never sees half a file; the
/// oldest files go beyond [`cache::KEEP`]. `SENRYAKU_NO_CACHE` turns it off. Failures are
/// silent: the cache only saves time.
mod cache {
    use std::path::{Path, PathBuf};

    /// How many documents' readings are kept.
    pub(super) const KEEP: usize = 16;

    /// The largest readings kept (the report ×100 makes 8 MB): 16 of them fill 512 MB at most.
    pub(super) const MAX_BYTES: usize = 32 << 20;

    fn dir() -> Option<PathBuf> {
        if std::env::var_os("SENRYAKU_NO_CACHE").is_some() {
            return None;
        }
        let base = match std::env::var_os("XDG_CACHE_HOME") {
            Some(d) if !d.is_empty() => PathBuf::from(d),
            _ => PathBuf::from(std::env::var_os("HOME")?).join(".cache"),
        };
        Some(base.join("senryaku").join("readings"))
    }

    pub(super) fn path(print: u64) -> Option<PathBuf> {
        Some(dir()?.join(format!("{print:016x}.bin")))
    }

    pub(super) fn read(path: &Path) -> Option<Vec<u8>> {
        std::fs::read(path).ok()
    }

    pub(super) fn write(path: &Path, data: &[u8]) {
        let Some(dir) = path.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let tmp = dir.join(format!(".{}.tmp", std::process::id()));
        if std::fs::write(&tmp, data).is_err() || std::fs::rename(&tmp, path).is_err() {
            let _ = std::fs::remove_file(&tmp);
            return;
        }
        prune(dir);
    }

    /// Removes all but the [`KEEP`] newest files.
    fn prune(dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "bin"))
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        if files.len() <= KEEP {
            return;
        }
        files.sort();
        for (_, p) in &files[..files.len() - KEEP] {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// The key of a kana string: one byte per hiragana (code point − U+3040), katakana folded
/// to hiragana, lengthening vowels dropped, spelling variants unified. Anything but kana is a
/// [`BREAK`].
pub(crate) fn key(kana: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(kana.len() / 3 + 1);
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
fn push_key(out: &mut Vec<u8>, last: &mut Option<char>, c: char) {
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
    out.push(key_byte(h));
    *last = vowel;
}

/// A hiragana as a key byte; anything else is a [`BREAK`].
fn key_byte(h: char) -> u8 {
    match h as u32 {
        c @ 0x3041..=0x309F => (c - 0x3040) as u8,
        _ => BREAK,
    }
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
    /// The best predecessor found for each left id at position `cached_at`: the words that
    /// start at one position share a few left ids, so each is costed against the words
    /// before it once.
    best_by_left: Vec<(u16, i32, u32)>,
    cached_at: usize,
}

impl Lattice {
    /// Adds word `e` (dictionary entry `entry`, or [`NONE`] for an unknown word of `class`)
    /// over chars `span`, linked to its best predecessor.
    fn add(&mut self, d: &Dict, span: (usize, usize), e: Entry, entry: u32, class: u8) {
        let (start, end) = span;
        let (left, right, cost) = (e.left, e.right, e.cost);
        if self.cached_at != start {
            self.best_by_left.clear();
            self.cached_at = start;
        }
        let (best, prev) = match self.best_by_left.iter().find(|c| c.0 == left) {
            Some(&(_, best, prev)) => (best, prev),
            None => {
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
                self.best_by_left.push((left, best, prev));
                (best, prev)
            }
        };
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
    fn analyze(&mut self, d: &Dict, text: &str, keys: &mut Vec<u8>, words: &mut Vec<Word>) {
        self.chars.clear();
        self.bytes.clear();
        for (b, c) in text.char_indices() {
            self.chars.push(c);
            self.bytes.push(b as u32);
        }
        let n = self.chars.len();
        self.nodes.clear();
        self.cached_at = usize::MAX;
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
        let mut prev_end = 0usize;
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
            // Words are at most MAX_RUN chars, keys a byte a kana: both fit a byte. A gap
            // too long for its field is bridged with empty words.
            let mut gap = s - prev_end;
            while gap > u16::MAX as usize {
                words.push(Word {
                    gap: u16::MAX,
                    chars: 0,
                    key: 0,
                });
                gap -= u16::MAX as usize;
            }
            let key_len = (keys.len() - key_start).min(u8::MAX as usize);
            keys.truncate(key_start + key_len);
            words.push(Word {
                gap: gap as u16,
                chars: (e - s).min(u8::MAX as usize) as u8,
                key: key_len as u8,
            });
            prev_end = s + (e - s).min(u8::MAX as usize);
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
fn unify_variants(key: &mut Vec<u8>, from: usize) {
    for (variant, canonical) in VARIANTS {
        let (v, c): (Vec<u8>, Vec<u8>) = (
            variant.chars().map(key_byte).collect(),
            canonical.chars().map(key_byte).collect(),
        );
        while let Some(at) = memchr::memmem::find(&key[from..], &v) {
            let at = from + at;
            key.splice(at..at + v.len(), c.iter().copied());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key as hiragana, for reading test failures.
    fn kana(key: &[u8]) -> String {
        key.iter()
            .map(|&b| {
                if b == BREAK {
                    '|'
                } else {
                    char::from_u32(0x3040 + b as u32).unwrap_or('?')
                }
            })
            .collect()
    }

    fn words(text: &str) -> Vec<(String, String)> {
        let a = Analyzed::new(text);
        let chars: Vec<char> = text.chars().collect();
        a.readings
            .placed(0)
            .map(|w| {
                (
                    chars[w.chars.0..w.chars.1].iter().collect(),
                    kana(&a.readings.keys()[w.key.0..w.key.1]),
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
        // Spaces and middle dots are skipped, and the places after them still line up.
        let w = words("健康・医療 戦略");
        assert_eq!(
            w,
            vec![
                ("健康".to_string(), "けんこ".to_string()),
                ("医療".to_string(), "いりょ".to_string()),
                ("戦略".to_string(), "せんりゃく".to_string())
            ]
        );
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
        let fresh = Built::build_serial(&texts);
        let total: usize = texts.iter().map(|t| t.len()).sum();
        let print = fingerprint(&texts);
        let bytes = fresh.clone().into_bytes(texts.len(), total, print);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/seed-readings.bin");
        if std::env::var_os("SENRYAKU_BLESS").is_some() {
            std::fs::write(path, &bytes).expect("write");
            return;
        }
        assert!(
            bytes == SEED_READINGS,
            "assets/seed-readings.bin is stale: SENRYAKU_BLESS=1 cargo test --lib embedded_readings"
        );
        let stored = Readings::stored(SEED_READINGS.into(), texts.len(), total, print)
            .expect("stored readings load");
        assert_eq!(stored.keys(), &fresh.keys[..]);
        let words: Vec<Word> = (0..texts.len())
            .flat_map(|u| stored.unit_words(u))
            .collect();
        assert_eq!(words, fresh.words);
        // Other texts do not take them, nor does a cut or damaged copy.
        let other = fingerprint(&texts[1..]);
        assert!(Readings::stored(SEED_READINGS.into(), texts.len(), total, other).is_none());
        let cut = &SEED_READINGS[..SEED_READINGS.len() - 1];
        assert!(Readings::stored(cut.into(), texts.len(), total, print).is_none());
        let mut bad = SEED_READINGS.to_vec();
        let n = bad.len();
        bad[n - 2] = 0xff;
        assert!(Readings::stored(bad.into(), texts.len(), total, print).is_none());
    }

    #[test]
    fn the_cache_gives_back_what_was_analyzed() {
        let dir = std::env::temp_dir().join(format!("senryaku-cache-test-{}", std::process::id()));
        let texts = ["再生医療の推進", "健康経営を進める"];
        let r = Built::analyze(&texts);
        let print = fingerprint(&texts);
        let path = dir.join("x.bin");
        let data = r.into_bytes(2, 45, print);
        cache::write(&path, &data);
        let back = cache::read(&path).and_then(|d| Readings::stored(d.into(), 2, 45, print));
        let _ = std::fs::remove_dir_all(&dir);
        let back = back.expect("read back");
        assert_eq!(back.find(&key("けんこうけいえい")), vec![(1, (0, 4))]);
        assert_eq!(&back.data[..], &data[..]);
    }

    #[test]
    fn keys_drop_lengthening_vowels() {
        assert_eq!(kana(&key("けんこう")), "けんこ");
        assert_eq!(kana(&key("ケンコウ")), "けんこ");
        assert_eq!(kana(&key("じょうほう")), "じょほ");
        assert_eq!(kana(&key("ちゅうかく")), "ちゅかく");
        assert_eq!(kana(&key("けいえい")), "けいえい");
        assert_eq!(kana(&key("データ")), "でた");
        assert_eq!(kana(&key("にっぽんの")), "にほんの");
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
