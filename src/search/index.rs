//! The search index: every searchable unit of the report, folded into one corpus string so
//! that exact matching is a single fast substring scan, plus per-unit maps back to the
//! original characters and a character bitmask that rejects most units before fuzzy matching.

use super::normalize::{self, normalize_into};
use crate::report::{Fy, Item, NodeId, Report};
use serde::Serialize;

/// Which part of the report a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Part,
    Chapter,
    Title,
    Purpose,
    Fy2017,
    Fy2018,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Part => "part",
            Field::Chapter => "chapter",
            Field::Title => "title",
            Field::Purpose => "purpose",
            Field::Fy2017 => "fy2017",
            Field::Fy2018 => "fy2018",
        }
    }

    pub fn fy(self) -> Option<Fy> {
        match self {
            Field::Fy2017 => Some(Fy::Results),
            Field::Fy2018 => Some(Fy::Plans),
            _ => None,
        }
    }
}

/// Where in a measure's FY section an item unit sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ItemLoc {
    /// Index of the bullet in its section.
    pub item: usize,
    /// Index of the sub-item under the bullet, if the unit is a sub-item.
    pub sub: Option<usize>,
    /// The unit is the bullet's closing tail.
    pub tail: bool,
}

/// One searchable piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub id: NodeId,
    pub field: Field,
    pub loc: ItemLoc,
}

impl Unit {
    /// The unit's original text in the report.
    pub fn text<'r>(&self, report: &'r Report) -> &'r str {
        use crate::report::Node;
        match (report.get(self.id), self.field) {
            (Some(Node::Part(p)), _) => &p.title,
            (Some(Node::Chapter(_, c)), _) => &c.title,
            (Some(Node::Measure(_, _, m)), Field::Title) => &m.title,
            (Some(Node::Measure(_, _, m)), Field::Purpose) => &m.purpose,
            (Some(Node::Measure(_, _, m)), f) => {
                let Some(fy) = f.fy() else { return "" };
                let Some(item) = m.section(fy).items.get(self.loc.item) else {
                    return "";
                };
                match (self.loc.sub, self.loc.tail) {
                    (_, true) => &item.tail,
                    (Some(s), _) => item.items.get(s).map_or("", |i| i.text.as_str()),
                    (None, _) => &item.text,
                }
            }
            (None, _) => "",
        }
    }
}

/// The folded corpus and what is needed to map matches back.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub units: Vec<Unit>,
    /// All units' folded text, each followed by a NUL separator.
    pub(crate) corpus: String,
    /// Byte offset in `corpus` where each unit starts; one extra entry at the end.
    pub(crate) starts: Vec<u32>,
    /// Original char index for each folded char, all units concatenated.
    pub(crate) map: Vec<u32>,
    /// Offset in `map` where each unit starts; one extra entry at the end.
    pub(crate) map_starts: Vec<u32>,
    /// Bitmask of the folded chars of each unit (see [`char_bit`]).
    pub(crate) masks: Vec<u64>,
}

pub(crate) fn mask_of(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | normalize::char_bit(c))
}

/// Bytes of text and number of units in a report, to size the index.
fn text_size(report: &Report, parts: std::ops::Range<usize>) -> (usize, usize) {
    fn item(i: &Item) -> (usize, usize) {
        let subs: usize = i.items.iter().map(|s| s.text.len()).sum();
        (i.text.len() + subs + i.tail.len(), 2 + i.items.len())
    }
    let mut t = (0, 0);
    for p in report.parts.get(parts).unwrap_or_default() {
        t.0 += p.title.len();
        for c in &p.chapters {
            t.0 += c.title.len();
            for m in &c.measures {
                t.0 += m.title.len() + m.purpose.len();
                t.1 += 4;
                for i in m.fy2017.items.iter().chain(&m.fy2018.items) {
                    let (b, u) = item(i);
                    t = (t.0 + b, t.1 + u);
                }
            }
        }
    }
    t
}

impl Index {
    /// Builds the index; a large report is folded on two threads, one per half of its parts.
    pub fn build(report: &Report) -> Index {
        let n = report.parts.len();
        let (bytes, _) = text_size(report, 0..n);
        if bytes < 1 << 20 || n < 2 {
            return Index::build_parts(report, 0..n);
        }
        // Split the parts where half the text lies before.
        let mut acc = 0;
        let mut mid = n / 2;
        for p in 0..n {
            acc += text_size(report, p..p + 1).0;
            if acc * 2 >= bytes {
                mid = (p + 1).clamp(1, n - 1);
                break;
            }
        }
        let (a, b) = std::thread::scope(|s| {
            let second = s.spawn(|| Index::build_parts(report, mid..n));
            let first = Index::build_parts(report, 0..mid);
            (first, second.join())
        });
        match b {
            Ok(b) => a.append(b),
            // A thread cannot panic here short of a bug; fold the rest on this one.
            Err(_) => a.append(Index::build_parts(report, mid..n)),
        }
    }

    /// Appends another index built over later parts.
    fn append(mut self, other: Index) -> Index {
        let (Some(_), Some(_)) = (self.starts.pop(), self.map_starts.pop()) else {
            return other;
        };
        let corpus_off = self.corpus.len() as u32;
        let map_off = self.map.len() as u32;
        self.units.extend(other.units);
        self.corpus.push_str(&other.corpus);
        self.starts
            .extend(other.starts.iter().map(|s| s + corpus_off));
        self.map.extend(other.map);
        self.map_starts
            .extend(other.map_starts.iter().map(|s| s + map_off));
        self.masks.extend(other.masks);
        self
    }

    /// Builds the index of parts `range` (0-based), with ids numbered in the whole report.
    fn build_parts(report: &Report, range: std::ops::Range<usize>) -> Index {
        let mut ix = Index::default();
        // Reserve once: folding rarely grows text, and regrowing 10 MB buffers costs.
        let (bytes, units) = text_size(report, range.clone());
        ix.corpus.reserve(bytes + units);
        ix.map.reserve(bytes / 2);
        ix.units.reserve(units);
        ix.starts.reserve(units + 1);
        ix.map_starts.reserve(units + 1);
        ix.masks.reserve(units);
        for (pi, p) in report
            .parts
            .iter()
            .enumerate()
            .skip(range.start)
            .take(range.len())
        {
            ix.add(
                NodeId::part(pi + 1),
                Field::Part,
                ItemLoc::default(),
                &p.title,
            );
            for (ci, c) in p.chapters.iter().enumerate() {
                let cid = NodeId::chapter(pi + 1, ci + 1);
                ix.add(cid, Field::Chapter, ItemLoc::default(), &c.title);
                for (mi, m) in c.measures.iter().enumerate() {
                    let id = NodeId::measure(pi + 1, ci + 1, mi + 1);
                    ix.add(id, Field::Title, ItemLoc::default(), &m.title);
                    ix.add(id, Field::Purpose, ItemLoc::default(), &m.purpose);
                    for (field, fy) in [(Field::Fy2017, Fy::Results), (Field::Fy2018, Fy::Plans)] {
                        for (ii, item) in m.section(fy).items.iter().enumerate() {
                            ix.add_item(id, field, ii, item);
                        }
                    }
                }
            }
        }
        ix.starts.push(ix.corpus.len() as u32);
        ix.map_starts.push(ix.map.len() as u32);
        ix
    }

    fn add_item(&mut self, id: NodeId, field: Field, item: usize, it: &Item) {
        let loc = ItemLoc {
            item,
            ..ItemLoc::default()
        };
        self.add(id, field, loc, &it.text);
        for (si, sub) in it.items.iter().enumerate() {
            let loc = ItemLoc {
                sub: Some(si),
                ..loc
            };
            self.add(id, field, loc, &sub.text);
        }
        if !it.tail.is_empty() {
            self.add(id, field, ItemLoc { tail: true, ..loc }, &it.tail);
        }
    }

    fn add(&mut self, id: NodeId, field: Field, loc: ItemLoc, text: &str) {
        if text.is_empty() {
            return;
        }
        self.units.push(Unit { id, field, loc });
        let start = self.corpus.len();
        self.starts.push(start as u32);
        self.map_starts.push(self.map.len() as u32);
        let mask = normalize_into(text, 0, &mut self.corpus, &mut self.map);
        self.masks.push(mask);
        self.corpus.push('\0');
    }

    /// The folded text of unit `u`, without its separator.
    pub(crate) fn folded(&self, u: usize) -> &str {
        let s = self.starts[u] as usize;
        let e = self.starts[u + 1] as usize - 1;
        &self.corpus[s..e]
    }

    /// The folded-char → original-char map of unit `u`.
    pub(crate) fn unit_map(&self, u: usize) -> &[u32] {
        &self.map[self.map_starts[u] as usize..self.map_starts[u + 1] as usize]
    }

    /// The unit containing corpus byte offset `b`.
    pub(crate) fn unit_at(&self, b: usize) -> usize {
        self.starts.partition_point(|&s| s as usize <= b) - 1
    }

    /// Maps folded-char ranges of unit `u` to original-char ranges, merged and sorted.
    pub(crate) fn original_ranges(
        &self,
        u: usize,
        text: &str,
        ranges: &[(usize, usize)],
    ) -> Vec<(usize, usize)> {
        let orig: Vec<char> = text.chars().collect();
        let map = self.unit_map(u);
        let mut out: Vec<(usize, usize)> = ranges
            .iter()
            .filter(|(s, e)| s < e)
            .map(|&(s, e)| normalize::original_range(map, &orig, s, e))
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
            .map(|b| self.units[self.unit_at(b)].id)
            .filter(|id| id.measure.is_some())
            .collect();
        ids.dedup();
        ids
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}
