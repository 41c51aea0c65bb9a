//! The search index: every searchable unit of the report, folded into one corpus string so
//! that exact matching is a single fast substring scan, plus per-unit maps back to the
//! original characters and a character bitmask that rejects most units before fuzzy matching.

use super::normalize::{self, normalize_into};
use super::reading::Readings;
use crate::report::{Loc, NodeId, Report};

/// The folded corpus and what is needed to map matches back.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// The address of each unit, in reading order.
    pub units: Vec<Loc>,
    /// All units' folded text, each followed by a NUL separator.
    pub(crate) corpus: String,
    /// Byte offset in `corpus` where each unit starts; one extra entry at the end.
    pub(crate) starts: Vec<u32>,
    /// How many folded chars each unit has. (The map from folded to original chars is made
    /// again for the units a search hits: keeping it for all would double the index.)
    pub(crate) lens: Vec<u32>,
    /// Bitmask of the folded chars of each unit (see [`normalize::char_bit`]).
    pub(crate) masks: Vec<u64>,
    /// The terms the report defines, folded: built once with the index.
    pub(crate) glossary: Vec<Gloss>,
    /// The same definitions as read, for the program index.
    pub(crate) definitions: Vec<crate::report::terms::Definition>,
    /// The readings of every unit, analyzed on first use.
    pub(crate) readings: std::sync::OnceLock<Readings>,
}

/// A defined term and its long name, folded like the corpus, with the term as printed.
#[derive(Debug, Clone)]
pub(crate) struct Gloss {
    pub(crate) term: String,
    pub(crate) long: String,
    pub(crate) display: String,
}

pub(crate) fn mask_of(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | normalize::char_bit(c))
}

/// Bytes of text and number of units in parts `range` of a report, to size the index.
fn text_size(report: &Report, parts: std::ops::Range<usize>) -> (usize, usize) {
    report
        .nodes_in(parts)
        .flat_map(|(_, n)| n.texts())
        .fold((0, 0), |(b, u), (_, t)| (b + t.len(), u + 1))
}

impl Index {
    /// Builds the index; a large report is folded on two threads, one per half of its parts.
    pub fn build(report: &Report) -> Index {
        let glossary = || crate::report::terms::glossary(report.texts().map(|(_, t)| t));
        let sizes: Vec<(usize, usize)> = (0..report.parts.len())
            .map(|p| text_size(report, p..p + 1))
            .collect();
        if sizes.iter().map(|s| s.0).sum::<usize>() < 1 << 20 {
            let mut ix = Index::build_corpus(report, &sizes);
            ix.definitions = glossary();
            return ix.with_glossary();
        }
        // The glossary is read on a thread of its own while the corpus is folded.
        let (mut ix, definitions) = std::thread::scope(|s| {
            let defs = s.spawn(glossary);
            let ix = Index::build_corpus(report, &sizes);
            (ix, defs.join())
        });
        // A thread cannot panic here short of a bug; then read it on this one.
        ix.definitions = definitions.unwrap_or_else(|_| glossary());
        ix.with_glossary()
    }

    /// The definitions folded for search.
    fn with_glossary(mut self) -> Index {
        self.glossary = self
            .definitions
            .iter()
            .map(|d| Gloss {
                term: normalize::fold(&d.term),
                long: normalize::fold(&d.long),
                display: d.term.clone(),
            })
            .collect();
        self
    }

    /// Builds the index and, at the same time on another thread, its readings: for a query
    /// that will need them (see [`super::Query::needs_readings`]).
    pub fn build_with_readings(report: &Report) -> Index {
        std::thread::scope(|s| {
            let readings = s.spawn(|| {
                let texts: Vec<&str> = report.texts().map(|(_, t)| t).collect();
                Readings::build(&texts)
            });
            let ix = Index::build(report);
            // A thread cannot panic here short of a bug; then they are read on first use.
            if let Ok(r) = readings.join() {
                let _ = ix.readings.set(r);
            }
            ix
        })
    }

    /// The readings of every unit, analyzed on first use (see [`super::reading`]).
    pub(crate) fn readings(&self, report: &Report) -> &Readings {
        self.readings.get_or_init(|| {
            let texts: Vec<&str> = self
                .units
                .iter()
                .map(|&loc| report.text(loc).unwrap_or(""))
                .collect();
            Readings::build(&texts)
        })
    }

    /// Analyzes the readings now, if not yet done: for a thread that prepares them before
    /// the first query that needs them.
    pub fn prepare_readings(&self, report: &Report) {
        self.readings(report);
    }

    /// The definitions the report makes, in the order it first makes them.
    pub fn definitions(&self) -> &[crate::report::terms::Definition] {
        &self.definitions
    }

    /// Folds the corpus; `sizes` are each part's (bytes, units), for where to split the work
    /// and what to reserve.
    fn build_corpus(report: &Report, sizes: &[(usize, usize)]) -> Index {
        let n = report.parts.len();
        let total = |r: std::ops::Range<usize>| {
            sizes[r]
                .iter()
                .fold((0, 0), |(b, u), &(pb, pu)| (b + pb, u + pu))
        };
        let bytes = total(0..n).0;
        if bytes < 1 << 20 || n < 2 {
            return Index::build_parts(report, 0..n, total(0..n));
        }
        // Split the parts where half the text lies before.
        let mut acc = 0;
        let mut mid = n / 2;
        for (p, &(b, _)) in sizes.iter().enumerate() {
            acc += b;
            if acc * 2 >= bytes {
                mid = (p + 1).clamp(1, n - 1);
                break;
            }
        }
        let (first_size, second_size) = (total(0..mid), total(mid..n));
        let (a, b) = std::thread::scope(|s| {
            let second = s.spawn(|| Index::build_parts(report, mid..n, second_size));
            // The first half is built with room for the second, which is copied in after.
            let both = (first_size.0 + second_size.0, first_size.1 + second_size.1);
            let first = Index::build_parts(report, 0..mid, both);
            (first, second.join())
        });
        match b {
            Ok(b) => a.append(b),
            // A thread cannot panic here short of a bug; fold the rest on this one.
            Err(_) => a.append(Index::build_parts(report, mid..n, second_size)),
        }
    }

    /// Appends another index built over later parts.
    fn append(mut self, other: Index) -> Index {
        let Some(_) = self.starts.pop() else {
            return other;
        };
        let corpus_off = self.corpus.len() as u32;
        self.units.extend(other.units);
        self.corpus.push_str(&other.corpus);
        self.starts
            .extend(other.starts.iter().map(|s| s + corpus_off));
        self.lens.extend(other.lens);
        self.masks.extend(other.masks);
        self
    }

    /// Builds the index of parts `range` (0-based), with ids numbered in the whole report,
    /// with room for `(bytes, units)` of text.
    fn build_parts(report: &Report, range: std::ops::Range<usize>, size: (usize, usize)) -> Index {
        let mut ix = Index::default();
        // Reserve once: folding rarely grows text, and regrowing 10 MB buffers costs.
        let (bytes, units) = size;
        ix.corpus.reserve(bytes + units);
        ix.units.reserve(units);
        ix.starts.reserve(units + 1);
        ix.lens.reserve(units);
        ix.masks.reserve(units);
        for (id, node) in report.nodes_in(range) {
            for (at, text) in node.texts() {
                ix.add(Loc { node: id, at }, text);
            }
        }
        ix.starts.push(ix.corpus.len() as u32);
        ix
    }

    fn add(&mut self, loc: Loc, text: &str) {
        self.units.push(loc);
        let start = self.corpus.len();
        self.starts.push(start as u32);
        let mut count = normalize::CountOnly::default();
        let mask = normalize_into(text, 0, &mut self.corpus, &mut count);
        self.lens.push(count.0);
        self.masks.push(mask);
        self.corpus.push('\0');
    }

    /// The folded text of unit `u`, without its separator.
    pub(crate) fn folded(&self, u: usize) -> &str {
        let s = self.starts[u] as usize;
        let e = self.starts[u + 1] as usize - 1;
        &self.corpus[s..e]
    }

    /// How many folded chars unit `u` has.
    pub(crate) fn folded_len(&self, u: usize) -> usize {
        self.lens[u] as usize
    }

    /// The unit containing corpus byte offset `b`.
    pub(crate) fn unit_at(&self, b: usize) -> usize {
        self.starts.partition_point(|&s| s as usize <= b) - 1
    }

    /// Maps folded-char ranges of a unit's `text` to original-char ranges and adds `orig`
    /// (ranges already in original chars), merged and sorted.
    pub(crate) fn original_ranges(
        text: &str,
        ranges: &[(usize, usize)],
        orig_ranges: &[(usize, usize)],
    ) -> Vec<(usize, usize)> {
        let orig: Vec<char> = text.chars().collect();
        let map = normalize::normalize(text).map;
        let map = map.as_slice();
        let mut out: Vec<(usize, usize)> = ranges
            .iter()
            .filter(|(s, e)| s < e)
            .map(|&(s, e)| normalize::original_range(map, &orig, s, e))
            .chain(
                orig_ranges
                    .iter()
                    .filter(|(s, e)| s < e && *e <= orig.len())
                    .copied(),
            )
            .collect();
        out.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
        for (s, e) in out {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        merged
    }

    /// Corpus byte offsets of `needle` (already folded); with `word`, only where it is not
    /// part of a longer Latin word (`ai` in `aip`).
    pub(crate) fn find(&self, needle: &str, word: bool) -> Vec<usize> {
        if needle.is_empty() {
            return Vec::new();
        }
        let bytes = self.corpus.as_bytes();
        memchr::memmem::find_iter(bytes, needle.as_bytes())
            .filter(|&b| {
                !word
                    || (!self.corpus[..b]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                        && !self.corpus[b + needle.len()..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_alphanumeric()))
            })
            .collect()
    }

    /// The measures whose text mentions `text` (folded like the corpus), in document order.
    pub fn mentions(&self, text: &str, word: bool) -> Vec<NodeId> {
        let folded = normalize::fold(text);
        let mut ids: Vec<NodeId> = self
            .find(&folded, word)
            .into_iter()
            .map(|b| self.units[self.unit_at(b)].node)
            .filter(|id| id.measure.is_some())
            .collect();
        ids.dedup();
        ids
    }

    /// Does the index hold no text at all?
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}
