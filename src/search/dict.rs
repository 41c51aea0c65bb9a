//! The reading dictionary: MeCab's IPADIC 2.7.0, cut down to what reading search needs and
//! embedded in the binary (`assets/ipadic-readings.bin`, built by `tools/dictgen`).
//!
//! Why not a crate: lindera 0.28 (the last version whose crate embeds IPADIC) makes a 75 MB
//! binary, or with `ipadic-compress` takes 271 ms and 150 MB to load; vibrato and sudachi
//! ship no dictionary; ib-matcher expands queries from single-kanji readings, which glues
//! readings across words. This file keeps IPADIC's surfaces, context ids, costs and readings
//! (12 MB, no feature strings) in a layout read in place: an `fst` map from surface to
//! entries, fixed-size entries, one byte per kana, and the connection matrix. Nothing is
//! decoded or copied at start, so loading costs nothing and only the pages touched are
//! resident.
//!
//! Layout (little endian): `SRKDIC02`, lsize u32, rsize u32; unknown-word entries (count u32,
//! then class u8, pad u8, left u16, right u16, cost i16); entries (count u32, then left u16,
//! right u16, cost i16, reading length u16, reading offset u32); readings (length u32, then
//! one byte per kana, code point − U+30A0); matrix (count u32, then i16 by left id of the
//! word after × lsize + right id of the word before: one word's costs against all words
//! before it lie in one row, which stays in cache); fst (length u32, bytes), mapping a
//! surface to first entry << 8 | entry count.

use std::sync::OnceLock;

static BYTES: &[u8] = include_bytes!("../../assets/ipadic-readings.bin");

/// An entry of the dictionary: a word's context ids, cost and reading.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub(crate) left: u16,
    pub(crate) right: u16,
    pub(crate) cost: i16,
    /// Offset and length in [`Dict::reading`]'s table; length 0 if it has none.
    pub(crate) reading: (u32, u16),
}

/// The dictionary, read in place from the embedded bytes.
pub(crate) struct Dict {
    lsize: usize,
    unk: &'static [u8],
    entries: &'static [u8],
    readings: &'static [u8],
    matrix: &'static [u8],
    fst: fst::raw::Fst<&'static [u8]>,
}

/// A little-endian reader over the embedded bytes.
struct Reader {
    at: usize,
}

impl Reader {
    fn u32(&mut self) -> Option<usize> {
        let b = BYTES.get(self.at..self.at + 4)?;
        self.at += 4;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn take(&mut self, len: usize) -> Option<&'static [u8]> {
        let b = BYTES.get(self.at..self.at + len)?;
        self.at += len;
        Some(b)
    }
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

impl Dict {
    fn load() -> Option<Dict> {
        let mut r = Reader { at: 0 };
        if r.take(8)? != b"SRKDIC02" {
            return None;
        }
        let lsize = r.u32()?;
        let rsize = r.u32()?;
        let n = r.u32()?;
        let unk = r.take(n * 8)?;
        let n = r.u32()?;
        let entries = r.take(n * 12)?;
        let n = r.u32()?;
        let readings = r.take(n)?;
        let n = r.u32()?;
        if n != lsize * rsize {
            return None;
        }
        let matrix = r.take(n * 2)?;
        let n = r.u32()?;
        let fst = fst::raw::Fst::new(r.take(n)?).ok()?;
        Some(Dict {
            lsize,
            unk,
            entries,
            readings,
            matrix,
            fst,
        })
    }

    /// The cost of word `left_id` following a word whose right id is `right`.
    #[inline]
    pub(crate) fn connection(&self, right: u16, left: u16) -> i32 {
        let i = (left as usize * self.lsize + right as usize) * 2;
        match self.matrix.get(i..i + 2) {
            Some(b) => i16::from_le_bytes([b[0], b[1]]) as i32,
            None => 0,
        }
    }

    /// Entry `i`.
    #[inline]
    pub(crate) fn entry(&self, i: usize) -> Option<Entry> {
        let b = self.entries.get(i * 12..i * 12 + 12)?;
        Some(Entry {
            left: u16_at(b, 0),
            right: u16_at(b, 2),
            cost: u16_at(b, 4) as i16,
            reading: (u32::from_le_bytes([b[8], b[9], b[10], b[11]]), u16_at(b, 6)),
        })
    }

    /// A reading as katakana code points.
    pub(crate) fn reading(&self, (at, len): (u32, u16)) -> impl Iterator<Item = char> + '_ {
        let at = at as usize;
        self.readings
            .get(at..at + len as usize)
            .unwrap_or_default()
            .iter()
            .filter_map(|&b| char::from_u32(0x30A0 + b as u32))
    }

    /// The unknown-word entries of a character class.
    pub(crate) fn unknown(&self, class: u8) -> impl Iterator<Item = Entry> + '_ {
        self.unk
            .chunks_exact(8)
            .filter(move |b| b[0] == class)
            .map(|b| Entry {
                left: u16_at(b, 2),
                right: u16_at(b, 4),
                cost: u16_at(b, 6) as i16,
                reading: (0, 0),
            })
    }

    /// Calls `found(chars, first_entry, count)` for every word that `text` starts with,
    /// `chars` being its length in characters, shortest first; words are at most `max` chars.
    pub(crate) fn prefixes(
        &self,
        text: &str,
        max: usize,
        mut found: impl FnMut(usize, usize, usize),
    ) {
        let mut node = self.fst.root();
        let mut out = 0u64;
        let mut buf = [0u8; 4];
        for (n, c) in text.chars().take(max).enumerate() {
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                let Some(i) = node.find_input(b) else {
                    return;
                };
                let t = node.transition(i);
                out += t.out.value();
                node = self.fst.node(t.addr);
            }
            if node.is_final() {
                let v = out + node.final_output().value();
                found(n + 1, (v >> 8) as usize, (v & 0xff) as usize);
            }
        }
    }
}

/// The embedded dictionary; `None` only if the build embedded a damaged file.
pub(crate) fn dict() -> Option<&'static Dict> {
    static DICT: OnceLock<Option<Dict>> = OnceLock::new();
    DICT.get_or_init(Dict::load).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_dictionary_loads_and_finds_words_with_their_readings() {
        let d = dict().expect("dictionary");
        let mut found = Vec::new();
        d.prefixes("健康経営", 16, |n, first, count| {
            for i in first..first + count {
                let e = d.entry(i).expect("entry");
                found.push((n, d.reading(e.reading).collect::<String>()));
            }
        });
        assert!(found.contains(&(2, "ケンコウ".to_string())), "{found:?}");
        assert!(d.unknown(2).count() > 0, "KANJI unknown entries");
    }
}
