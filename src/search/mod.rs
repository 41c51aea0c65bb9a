//! Search that finds a program however it is typed: width, case, kana, romaji, spacing.
//!
//! A query is split on white space into terms that must all match (as in fzf). Each term is
//! folded like the text (see `normalize`) and, when it is plain ASCII letters, also tried as
//! kana (`robotto` → ろぼっと). Matching is tiered so that ranking reads like a person's:
//!
//! 1. **phrase**: the whole query, spaces removed, occurs contiguously in the unit;
//! 2. **terms**: every term occurs contiguously, in any order;
//! 3. **fuzzy**: terms of three or more characters may match as a compact subsequence,
//!    scored by fuzzy-matcher.
//!
//! Within a tier a title outranks a chapter or part heading, which outranks a purpose
//! paragraph, which outranks a bullet; then shorter texts and earlier matches win.

pub(crate) mod dict;
pub(crate) mod index;
pub(crate) mod normalize;
pub(crate) mod reading;
pub(crate) mod snippet;

pub use index::Index;

use crate::report::{Field, Loc, Report};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use index::mask_of;
use memchr::memmem;
use serde::Serialize;
use wana_kana::ConvertJapanese;

type Ranges = Vec<(usize, usize)>;

/// The most terms a query may have (they are tracked as bits of a word).
pub const MAX_TERMS: usize = 32;

/// How a hit matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// Every term matched as a compact subsequence (a typo).
    Fuzzy,
    /// The terms fall in different parts of one measure (its title and its items, say).
    Measure,
    /// Some term matched only by reading: `kenkou` or `けんこう` finding 健康.
    Reading,
    /// Reached through a term the report defines: the query is the term and the hit mentions
    /// its long name, or the other way round.
    Alias,
    /// Every term occurs, apart.
    Terms,
    /// The whole query occurs as typed (spaces aside).
    Phrase,
}

/// One matching unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Index::units`].
    pub unit: usize,
    /// Higher is better.
    pub score: i64,
    /// How it matched.
    pub kind: MatchKind,
    /// Matched character ranges `[start, end)` in the unit's original text, sorted, disjoint.
    pub ranges: Vec<(usize, usize)>,
    /// For an alias hit, the defined term it was reached through (`MID-NET`).
    pub via: Option<String>,
}

/// Hits, best first, and how many there were before the limit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    /// The hits, best first, at most the limit.
    pub hits: Vec<Hit>,
    /// How many hits there were in all.
    pub total: usize,
}

#[derive(Debug, Clone)]
struct Variant {
    folded: String,
    chars: Vec<char>,
    mask: u64,
    /// The term as typed (folded), rather than its romaji read as kana.
    literal: bool,
}

impl Variant {
    fn new(folded: String) -> Self {
        Variant {
            chars: folded.chars().collect(),
            mask: mask_of(&folded),
            folded,
            literal: true,
        }
    }

    fn kana(folded: String) -> Self {
        Variant {
            literal: false,
            ..Variant::new(folded)
        }
    }
}

/// fzf's operators on a term: `'exact`, `^prefix`, `suffix$` (and `!not`, kept apart).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Ops {
    /// Only as typed (folded like the text): no romaji, reading or typo matches.
    exact: bool,
    /// At the start of a text.
    start: bool,
    /// At the end of a text.
    end: bool,
}

impl Ops {
    fn plain(self) -> bool {
        self == Ops::default()
    }
}

/// One space-separated token of a query, its operators taken off.
struct Token<'a> {
    text: &'a str,
    ops: Ops,
    not: bool,
}

impl<'a> Token<'a> {
    fn of(raw: &'a str) -> Token<'a> {
        let mut t = raw;
        let mut ops = Ops::default();
        let not = t.len() > 1 && t.starts_with('!');
        if not {
            t = &t[1..];
        }
        if t.len() > 1 && t.starts_with('\'') {
            ops.exact = true;
            t = &t[1..];
        }
        if t.len() > 1 && t.starts_with('^') {
            ops.start = true;
            t = &t[1..];
        }
        if t.len() > 1 && t.ends_with('$') {
            ops.end = true;
            t = &t[..t.len() - 1];
        }
        Token { text: t, ops, not }
    }
}

/// A parsed query: terms that must all match, each with its variants (literal, kana, and
/// the alternatives of `a | b`), and fzf's operators.
#[derive(Debug, Clone, Default)]
pub struct Query {
    terms: Vec<Vec<Variant>>,
    /// Each term's operators.
    ops: Vec<Ops>,
    /// Terms that must not occur (`!not`), as typed, folded.
    not: Vec<String>,
    phrase: Vec<Variant>,
    /// Each term's reading keys (see `reading::key`; more than one where romaji is
    /// ambiguous), none unless it reads as enough kana.
    readings: Vec<Vec<Vec<u8>>>,
    /// The whole query's reading keys, spaces removed.
    phrase_reading: Vec<Vec<u8>>,
    /// The query's kana, as shown on a reading hit (`reading: けんこうけいえい`).
    kana: String,
}

/// The kana a term reads as: itself if it is kana (either script), else its romaji as kana,
/// the likelier reading first. Romaji `ny` reads both ways: `shinyaku` is しんやく (新薬) as
/// well as しにゃく.
fn kana_of(raw: &str) -> Vec<String> {
    let folded = normalize::fold(raw);
    let is_kana =
        |s: &str| !s.is_empty() && s.chars().all(|c| ('ぁ'..='ゖ').contains(&c) || c == 'ー');
    if is_kana(&folded) {
        return vec![folded];
    }
    let lower = raw.to_lowercase();
    let lower = lower.trim();
    let mut out: Vec<String> = romaji_variant(lower).into_iter().collect();
    if !out.is_empty() && lower.contains("ny") {
        // wana_kana reads n' as ん; `nny` is ん + や as an input method types it.
        let split = lower
            .replace("nny", "n\0y")
            .replace("ny", "n'y")
            .replace("n\0y", "n'y")
            .to_hiragana();
        let split = normalize::fold(&split);
        if is_kana(&split) && !out.contains(&split) {
            out.push(split);
            // A single `ny` more often spells ん + や (新薬) than にゃ.
            if !lower.contains("nny") {
                out.reverse();
            }
        }
    }
    out
}

/// A term's reading keys, if it is long enough to be looked up by reading.
fn reading_keys(raw: &str) -> Vec<Vec<u8>> {
    let mut keys: Vec<Vec<u8>> = Vec::new();
    for kana in kana_of(raw) {
        let key = reading::key(&kana);
        if reading::long_enough(&kana) && !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// The kana reading of an ASCII-letter term, if it reads as kana throughout.
fn romaji_variant(term: &str) -> Option<String> {
    if term.len() < 2
        || !term
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\'')
    {
        return None;
    }
    let kana = term.to_hiragana();
    let all_kana = kana
        .chars()
        .all(|c| ('ぁ'..='ゖ').contains(&c) || c == 'ー');
    all_kana.then(|| normalize::fold(&kana))
}

fn variants(raw: &str) -> Vec<Variant> {
    let folded = normalize::fold(raw);
    if folded.is_empty() {
        return Vec::new();
    }
    let ascii_lower = raw.to_lowercase();
    let mut out = vec![Variant::new(folded.clone())];
    if let Some(kana) = romaji_variant(ascii_lower.trim())
        && kana != folded
    {
        out.push(Variant::kana(kana));
    }
    out
}

impl Query {
    /// Parses a query: terms separated by spaces, with fzf's syntax: `'exact`, `!not`,
    /// `^prefix`, `suffix$`, and `a | b` for either.
    pub fn parse(query: &str) -> Query {
        // Full-width spaces separate terms too.
        let spaced: String = query
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        let raw: Vec<&str> = spaced
            .split(' ')
            .filter(|t| !normalize::fold(t).is_empty() || *t == "|")
            .collect();
        // Terms, each a group of alternatives joined by `|`.
        let mut groups: Vec<Vec<Token<'_>>> = Vec::new();
        let mut not: Vec<String> = Vec::new();
        let mut either = false;
        for r in &raw {
            if *r == "|" {
                either = !groups.is_empty();
                continue;
            }
            let t = Token::of(r);
            if normalize::fold(t.text).is_empty() {
                continue;
            }
            if t.not {
                not.push(normalize::fold(t.text));
            } else if either && let Some(g) = groups.last_mut() {
                g.push(t);
            } else {
                groups.push(vec![t]);
            }
            either = false;
        }
        let mut terms: Vec<Vec<Variant>> = Vec::new();
        let mut ops: Vec<Ops> = Vec::new();
        let mut readings: Vec<Vec<Vec<u8>>> = Vec::new();
        for g in &groups {
            let mut vars: Vec<Variant> = Vec::new();
            let mut keys: Vec<Vec<u8>> = Vec::new();
            for t in g {
                if t.ops.exact {
                    vars.push(Variant::new(normalize::fold(t.text)));
                } else {
                    vars.extend(variants(t.text));
                }
                if t.ops.plain() {
                    keys.extend(reading_keys(t.text));
                }
            }
            // One group's operators: the first alternative's (fzf applies them per token).
            ops.push(g.first().map(|t| t.ops).unwrap_or_default());
            terms.push(vars);
            readings.push(keys);
        }
        // The whole query as one phrase, when it is plain words.
        let plain = groups.iter().all(|g| g.len() == 1 && g[0].ops.plain())
            && not.is_empty()
            && !raw.contains(&"|");
        let words: Vec<&str> = groups
            .iter()
            .filter_map(|g| g.first().map(|t| t.text))
            .collect();
        let joined: String = words.concat();
        let phrase = if !plain {
            Vec::new()
        } else if terms.len() > 1 {
            variants(&joined)
        } else {
            terms.first().cloned().unwrap_or_default()
        };
        let kana: Vec<String> = words
            .iter()
            .filter_map(|t| kana_of(t).into_iter().next())
            .collect();
        Query {
            terms,
            ops,
            not,
            phrase,
            readings,
            phrase_reading: if plain && words.len() > 1 {
                reading_keys(&joined)
            } else {
                Vec::new()
            },
            kana: kana.concat(),
        }
    }

    /// Does some term of the query reach kanji by reading?
    pub fn has_readings(&self) -> bool {
        self.readings.iter().any(|k| !k.is_empty())
    }

    /// Will searching for this query look words up by reading?
    pub fn needs_readings(&self) -> bool {
        self.has_readings() || !self.phrase_reading.is_empty()
    }

    /// Does a text, already folded and analyzed, match every term, literally or by reading?
    /// For filtering lists (the program index).
    pub(crate) fn matches_text(&self, folded: &str, analyzed: &reading::Analyzed) -> bool {
        if !self.allows(folded) {
            return false;
        }
        let literal = |t: usize| self.term_in(t, folded);
        let any = |keys: &[Vec<u8>]| keys.iter().any(|k| !analyzed.find(k).is_empty());
        let by_reading = |t: usize| self.readings.get(t).is_some_and(|k| any(k));
        let phrase = any(&self.phrase_reading);
        phrase || (0..self.terms.len()).all(|t| literal(t) || by_reading(t))
    }

    /// How many terms the query has.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// Has the query no terms (nor `!not` terms)?
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.not.is_empty()
    }

    /// Does already-folded text contain every term (in one of its forms)? For filtering lists.
    pub fn matches_folded(&self, folded: &str) -> bool {
        self.allows(folded) && (0..self.terms.len()).all(|t| self.term_in(t, folded))
    }

    /// Does `folded` (texts joined by NULs) hold none of the `!not` terms?
    fn allows(&self, folded: &str) -> bool {
        self.not.iter().all(|n| !folded.contains(n.as_str()))
    }

    /// Does term `t` occur in one of the NUL-separated texts of `folded`, where its
    /// operators allow?
    fn term_in(&self, t: usize, folded: &str) -> bool {
        let ops = self.ops.get(t).copied().unwrap_or_default();
        folded.split('\0').any(|text| {
            self.terms[t].iter().any(|v| {
                let v = v.folded.as_str();
                match (ops.start, ops.end) {
                    (true, true) => text == v,
                    (true, false) => text.starts_with(v),
                    (false, true) => text.ends_with(v),
                    (false, false) => text.contains(v),
                }
            })
        })
    }
}

fn field_weight(f: Field) -> i64 {
    match f {
        Field::Preface => 100,
        Field::Title => 300,
        Field::Chapter => 250,
        Field::Part => 200,
        Field::Purpose => 100,
        Field::Results | Field::Plans => 50,
    }
}

fn tier_weight(k: MatchKind) -> i64 {
    match k {
        MatchKind::Phrase => 3000,
        MatchKind::Terms | MatchKind::Reading => 2000,
        MatchKind::Measure => 1800,
        MatchKind::Alias => 1500,
        MatchKind::Fuzzy => 1000,
    }
}

/// How a unit's terms were reached, best first: what was typed comes before its kana, which
/// comes before readings. The primary key of the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Literal,
    Kana,
    Reading,
}

impl Group {
    fn weight(self) -> i64 {
        match self {
            Group::Literal => 0,
            Group::Kana => -10_000,
            Group::Reading => -20_000,
        }
    }

    /// The group of a unit whose terms `all` matched: `lit` as typed, `kana` as kana.
    fn of(all: u32, lit: u32, kana: u32) -> Group {
        if lit & all == all {
            Group::Literal
        } else if (lit | kana) & all == all {
            Group::Kana
        } else {
            Group::Reading
        }
    }
}

/// Exact occurrences found by scanning the corpus: (unit, folded byte start, byte len).
struct Occurrence {
    unit: u32,
    start: u32,
    len: u32,
}

/// Reading matches: (unit, original char range), in document order.
type ReadingHits = Vec<(usize, (usize, usize))>;

/// The reading matches of a list that lie in unit `u`.
fn reading_in_unit(list: &ReadingHits, u: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let from = list.partition_point(|h| h.0 < u);
    let to = list.partition_point(|h| h.0 <= u);
    list[from..to].iter().map(|h| h.1)
}

/// See [`Index::char_cursor`].
struct CharCursor<'a> {
    ix: &'a Index,
    unit: u32,
    byte: usize,
    chars: usize,
}

impl CharCursor<'_> {
    fn range(&mut self, o: &Occurrence) -> (usize, usize) {
        let start = o.start as usize;
        if o.unit != self.unit || start < self.byte {
            self.unit = o.unit;
            self.byte = self.ix.starts[o.unit as usize] as usize;
            self.chars = 0;
        }
        let corpus = &self.ix.corpus;
        self.chars += corpus[self.byte..start].chars().count();
        self.byte = start;
        let len = corpus[start..start + o.len as usize].chars().count();
        (self.chars, self.chars + len)
    }
}

/// The occurrences of a list (sorted by position) that lie in unit `u`.
fn in_unit(list: &[Occurrence], u: usize) -> &[Occurrence] {
    let from = list.partition_point(|o| (o.unit as usize) < u);
    let to = list.partition_point(|o| (o.unit as usize) <= u);
    &list[from..to]
}

impl Index {
    fn scan(&self, v: &Variant, out: &mut Vec<Occurrence>) {
        let finder = memmem::Finder::new(v.folded.as_bytes());
        // Matches come in corpus order: the unit only ever moves forward.
        let mut unit = 0usize;
        for b in finder.find_iter(self.corpus.as_bytes()) {
            while self.starts[unit + 1] as usize <= b {
                unit += 1;
            }
            out.push(Occurrence {
                unit: unit as u32,
                start: b as u32,
                len: v.folded.len() as u32,
            });
        }
    }

    /// A cursor that turns occurrences, taken in corpus order, into folded-char ranges within
    /// their units, counting each char once: linear in the text however many matches it has.
    fn char_cursor(&self) -> CharCursor<'_> {
        CharCursor {
            ix: self,
            unit: u32::MAX,
            byte: 0,
            chars: 0,
        }
    }

    /// Searches the index; `limit` caps the hits returned (`total` counts them all).
    pub fn search(&self, report: &Report, query: &Query, limit: usize) -> Results {
        let nterms = query.terms.len();
        if nterms > MAX_TERMS || self.is_empty() {
            return Results::default();
        }
        // Units that hold a `!not` term are out, whatever else they match.
        let mut excluded = vec![false; self.units.len()];
        for n in &query.not {
            for b in self.find(n, false) {
                excluded[self.unit_at(b)] = true;
            }
        }
        if nterms == 0 {
            return self.all_but(&excluded, limit, query.not.is_empty());
        }
        let all: u32 = if nterms == 32 {
            u32::MAX
        } else {
            (1 << nterms) - 1
        };
        let n = self.units.len();
        // The readings, when the query needs them and they are not ready yet, load on a
        // thread of their own while the literal scans run here.
        let wants_readings = query.needs_readings();
        let (lit, kana, occ, mut phrase) = std::thread::scope(|scope| {
            if wants_readings && self.readings.get().is_none() {
                scope.spawn(|| {
                    self.readings(report);
                });
            }
            // Exact occurrences per term, as typed (`lit`) or as kana (`kana`).
            let mut lit = vec![0u32; n];
            let mut kana = vec![0u32; n];
            let mut occ: Vec<Vec<Occurrence>> = Vec::with_capacity(nterms + 1);
            for (t, vars) in query.terms.iter().enumerate() {
                let mut found = Vec::new();
                let ops = query.ops.get(t).copied().unwrap_or_default();
                for v in vars {
                    let from = found.len();
                    self.scan(v, &mut found);
                    if ops.start || ops.end {
                        // `^prefix`, `suffix$`: only at the text's start or end.
                        let mut kept = from;
                        for i in from..found.len() {
                            let o = &found[i];
                            let u = o.unit as usize;
                            let at_start = o.start == self.starts[u];
                            let at_end = o.start + o.len == self.starts[u + 1] - 1;
                            if (!ops.start || at_start) && (!ops.end || at_end) {
                                found.swap(kept, i);
                                kept += 1;
                            }
                        }
                        found.truncate(kept);
                    }
                    let marks = if v.literal { &mut lit } else { &mut kana };
                    for o in &found[from..] {
                        marks[o.unit as usize] |= 1 << t;
                    }
                }
                // Each variant's run is in corpus order; the lists are searched by unit.
                found.sort_unstable_by_key(|o| o.start);
                occ.push(found);
            }
            let mut phrase = vec![false; n];
            if nterms > 1 {
                let mut found = Vec::new();
                for v in &query.phrase {
                    self.scan(v, &mut found);
                }
                found.sort_unstable_by_key(|o| o.start);
                for o in &found {
                    phrase[o.unit as usize] = true;
                }
                // Highlight the phrase whole (MID-NET, not MID and NET).
                occ.push(found);
            } else {
                for o in &occ[0] {
                    phrase[o.unit as usize] = true;
                }
            }
            (lit, kana, occ, phrase)
        });
        // Readings: kanji whose reading the kana or romaji of a term (or of the whole query)
        // is, word for word.
        let mut read = vec![0u32; n];
        let mut read_hits: Vec<ReadingHits> = Vec::new();
        if query.has_readings() || !query.phrase_reading.is_empty() {
            let r = self.readings(report);
            for (t, keys) in query.readings.iter().enumerate() {
                if keys.is_empty() {
                    continue;
                }
                let found = r.find_any(keys);
                for &(u, _) in &found {
                    read[u] |= 1 << t;
                    phrase[u] |= nterms == 1;
                }
                read_hits.push(found);
            }
            if nterms > 1 && !query.phrase_reading.is_empty() {
                let found = r.find_any(&query.phrase_reading);
                for &(u, _) in &found {
                    read[u] = all;
                    phrase[u] = true;
                }
                read_hits.push(found);
            }
        }
        let matched: Vec<u32> = (0..n)
            .map(|u| {
                if excluded[u] {
                    0
                } else {
                    lit[u] | kana[u] | read[u]
                }
            })
            .collect();
        let via_reading =
            |g: Group| (g == Group::Reading).then(|| format!("reading: {}", query.kana));

        let mut hits: Vec<Hit> = Vec::new();
        let mut folded_ranges: Vec<Ranges> = Vec::new();
        let mut orig_ranges: Vec<Ranges> = Vec::new();
        let exact_ranges = |u: usize| -> Ranges {
            // Each list's occurrences in this unit, found by binary search: a common term's
            // occurrences elsewhere cost nothing here.
            let mut ranges = Vec::new();
            for list in &occ {
                let mut cursor = self.char_cursor();
                ranges.extend(in_unit(list, u).iter().map(|o| cursor.range(o)));
            }
            ranges
        };
        let reading_ranges = |u: usize| -> Ranges {
            read_hits
                .iter()
                .flat_map(|list| reading_in_unit(list, u))
                .collect()
        };
        for u in (0..n).filter(|&u| matched[u] == all) {
            let group = Group::of(all, lit[u], kana[u]);
            let tier = if phrase[u] {
                MatchKind::Phrase
            } else {
                MatchKind::Terms
            };
            let ranges = exact_ranges(u);
            let extra = reading_ranges(u);
            let score = self.score(u, tier, &ranges, 0) + group.weight();
            hits.push(Hit {
                unit: u,
                score,
                kind: if group == Group::Reading {
                    MatchKind::Reading
                } else {
                    tier
                },
                ranges: Vec::new(),
                via: via_reading(group),
            });
            folded_ranges.push(ranges);
            orig_ranges.push(extra);
        }
        let mut hit_units: std::collections::HashSet<usize> = hits.iter().map(|h| h.unit).collect();

        // Terms spread over one measure: its title names PMDA, its items 総合相談.
        if nterms > 1 {
            let mut u = 0;
            while u < n {
                let node = self.units[u].node;
                let end = u + self.units[u..]
                    .iter()
                    .take_while(|l| l.node == node)
                    .count();
                let span = u..end;
                u = end;
                let or = |m: &[u32]| span.clone().fold(0, |acc, v| acc | m[v]);
                if node.measure.is_none()
                    || or(&matched) != all
                    || span.clone().any(|v| hit_units.contains(&v))
                {
                    continue;
                }
                let Some(rep) = span.clone().find(|&v| matched[v] != 0) else {
                    continue;
                };
                let group = Group::of(all, or(&lit), or(&kana));
                let ranges = exact_ranges(rep);
                hits.push(Hit {
                    unit: rep,
                    score: self.score(rep, MatchKind::Measure, &ranges, 0) + group.weight(),
                    kind: MatchKind::Measure,
                    ranges: Vec::new(),
                    via: via_reading(group),
                });
                folded_ranges.push(ranges);
                orig_ranges.push(reading_ranges(rep));
                hit_units.insert(rep);
            }
        }

        // Fuzzy: terms long enough, on units that lack some exact term.
        let fuzzy_terms: u32 = query
            .terms
            .iter()
            .enumerate()
            .filter(|(t, _)| query.ops.get(*t).is_none_or(|o| o.plain()))
            .filter(|(_, v)| v.iter().any(|v| v.chars.len() >= 3))
            .fold(0, |m, (t, _)| m | 1 << t);
        let matcher = SkimMatcherV2::default().ignore_case();
        if fuzzy_terms != 0 {
            for (u, &m) in matched.iter().enumerate() {
                let missing = all & !m;
                if missing == 0
                    || missing & !fuzzy_terms != 0
                    || hit_units.contains(&u)
                    || excluded[u]
                {
                    continue;
                }
                let Some((mut ranges, s)) = self.fuzzy_unit(u, query, missing, &matcher) else {
                    continue;
                };
                // Exact terms of a partly fuzzy unit are highlighted too.
                ranges.extend(exact_ranges(u));
                hits.push(Hit {
                    unit: u,
                    score: self.score(u, MatchKind::Fuzzy, &ranges, s),
                    kind: MatchKind::Fuzzy,
                    ranges: Vec::new(),
                    via: None,
                });
                folded_ranges.push(ranges);
                orig_ranges.push(reading_ranges(u));
                hit_units.insert(u);
            }
        }
        // Aliases: units that mention the other form of a term the query names.
        for (via, target) in self.aliases(query) {
            let word = target.starts_with(|c: char| c.is_ascii_alphanumeric());
            let mut per_unit: std::collections::BTreeMap<usize, Vec<(usize, usize)>> =
                Default::default();
            let mut cursor = self.char_cursor();
            for b in self.find(&target, word) {
                let u = self.unit_at(b);
                if hit_units.contains(&u) || excluded[u] {
                    continue;
                }
                let o = Occurrence {
                    unit: u as u32,
                    start: b as u32,
                    len: target.len() as u32,
                };
                per_unit.entry(u).or_default().push(cursor.range(&o));
            }
            for (u, ranges) in per_unit {
                if !hit_units.insert(u) {
                    continue;
                }
                hits.push(Hit {
                    unit: u,
                    score: self.score(u, MatchKind::Alias, &ranges, 0),
                    kind: MatchKind::Alias,
                    ranges: Vec::new(),
                    via: Some(via.clone()),
                });
                folded_ranges.push(ranges);
                orig_ranges.push(Vec::new());
            }
        }

        let total = hits.len();
        let mut order: Vec<usize> = (0..total).collect();
        let cmp = |a: &usize, b: &usize| {
            hits[*b]
                .score
                .cmp(&hits[*a].score)
                .then(hits[*a].unit.cmp(&hits[*b].unit))
        };
        let limit = if limit == 0 { total } else { limit.min(total) };
        if limit < total && limit > 0 {
            order.select_nth_unstable_by(limit - 1, cmp);
            order.truncate(limit);
        }
        order.sort_unstable_by(cmp);
        order.truncate(limit);
        let hits: Vec<Hit> = order
            .into_iter()
            .map(|i| {
                let mut h = hits[i].clone();
                let text = self.text(report, h.unit);
                h.ranges = Index::original_ranges(text, &folded_ranges[i], &orig_ranges[i]);
                h
            })
            .collect();
        Results { hits, total }
    }

    /// Every unit not `excluded`: a query of `!not` terms alone, as in fzf. Nothing if
    /// `none` (an empty query).
    fn all_but(&self, excluded: &[bool], limit: usize, none: bool) -> Results {
        if none {
            return Results::default();
        }
        let kept: Vec<usize> = (0..self.units.len()).filter(|&u| !excluded[u]).collect();
        let total = kept.len();
        let mut hits: Vec<Hit> = kept
            .into_iter()
            .map(|u| Hit {
                unit: u,
                score: self.score(u, MatchKind::Terms, &[], 0),
                kind: MatchKind::Terms,
                ranges: Vec::new(),
                via: None,
            })
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.unit.cmp(&b.unit)));
        if limit > 0 {
            hits.truncate(limit);
        }
        Results { hits, total }
    }

    /// Every unit that mentions one of `texts` (folded like the corpus), as phrase hits in
    /// document order, with the mentions as ranges.
    pub fn mention_hits(&self, report: &Report, texts: &[&str]) -> Vec<Hit> {
        let mut per_unit: std::collections::BTreeMap<usize, Vec<(usize, usize)>> =
            Default::default();
        for t in texts {
            let folded = normalize::fold(t);
            let word = folded.starts_with(|c: char| c.is_ascii_alphanumeric());
            let mut cursor = self.char_cursor();
            for b in self.find(&folded, word) {
                let u = self.unit_at(b);
                let o = Occurrence {
                    unit: u as u32,
                    start: b as u32,
                    len: folded.len() as u32,
                };
                per_unit.entry(u).or_default().push(cursor.range(&o));
            }
        }
        per_unit
            .into_iter()
            .map(|(u, ranges)| Hit {
                unit: u,
                score: self.score(u, MatchKind::Phrase, &ranges, 0),
                kind: MatchKind::Phrase,
                ranges: Index::original_ranges(self.text(report, u), &ranges, &[]),
                via: None,
            })
            .collect()
    }

    /// The terms the query names, from the glossary built at load: the query is a defined
    /// term (its long name is searched too) or, from four characters, part of a long name (the
    /// term is searched too). `(term, other form folded)` pairs.
    fn aliases(&self, query: &Query) -> Vec<(String, String)> {
        let Some(q) = query.phrase.first().map(|v| v.folded.as_str()) else {
            return Vec::new();
        };
        let n = q.chars().count();
        if n < 2 {
            return Vec::new();
        }
        let mut out: Vec<(String, String)> = Vec::new();
        for g in &self.glossary {
            let target = if g.term == q {
                &g.long
            } else if n >= 4 && g.long.contains(q) {
                &g.term
            } else {
                continue;
            };
            if !out.iter().any(|(_, t)| t == target) {
                out.push((g.display.clone(), target.clone()));
            }
        }
        out
    }

    /// Matches the `missing` terms of `query` fuzzily in unit `u`: each as a compact
    /// subsequence, scored by fuzzy-matcher. Folded-char ranges and the summed score.
    fn fuzzy_unit(
        &self,
        u: usize,
        query: &Query,
        missing: u32,
        matcher: &SkimMatcherV2,
    ) -> Option<(Ranges, i64)> {
        let mask = self.masks[u];
        let usable = |v: &&Variant| v.chars.len() >= 3 && v.mask & !mask == 0;
        let terms = || (0..query.terms.len()).filter(|t| missing & (1 << t) != 0);
        // Cheap rejection first: some variant of each missing term has all its chars here.
        if !terms().all(|t| query.terms[t].iter().any(|v| usable(&v))) {
            return None;
        }
        let hay = self.folded(u);
        let mut ranges = Vec::new();
        let mut score = 0i64;
        for t in terms() {
            // One algorithm gives the score and the positions; a match spread far wider than
            // the term is not what the user typed.
            let (s, pos) = query.terms[t]
                .iter()
                .filter(usable)
                .filter_map(|v| {
                    let (s, pos) = matcher.fuzzy_indices(hay, &v.folded)?;
                    let span = pos.last()? - pos.first()? + 1;
                    (span <= v.chars.len() * 2 + 2).then_some((s, pos))
                })
                .max_by_key(|(s, _)| *s)?;
            score += s;
            ranges.extend(pos.iter().map(|&p| (p, p + 1)));
        }
        Some((ranges, score))
    }

    /// The original text of unit `u`.
    pub fn text<'r>(&self, report: &'r Report, u: usize) -> &'r str {
        report.text(self.units[u]).unwrap_or("")
    }

    fn score(&self, u: usize, kind: MatchKind, ranges: &[(usize, usize)], fuzzy: i64) -> i64 {
        let len = self.folded_len(u).max(1) as i64;
        let covered: i64 = ranges
            .iter()
            .map(|(s, e)| (e - s) as i64)
            .sum::<i64>()
            .min(len);
        let first = ranges.iter().map(|r| r.0).min().unwrap_or(0) as i64;
        let coverage = 100 * covered / len;
        let early = 50 - 50 * first / len;
        let fuzzy = (fuzzy / 4).clamp(0, 100);
        tier_weight(kind) + field_weight(self.units[u].field()) + coverage + early + fuzzy
    }
}

/// The address, path label and field of a hit, for display.
pub fn describe(report: &Report, index: &Index, hit: &Hit) -> (Loc, String, Field) {
    let loc = index.units[hit.unit];
    (loc, report.label_path(loc.node), loc.field())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romaji() {
        assert_eq!(romaji_variant("robotto").as_deref(), Some("ろぼっと"));
        assert_eq!(
            romaji_variant("baiodezain").as_deref(),
            Some("ばいおでざいん")
        );
        assert_eq!(romaji_variant("amr"), None);
        assert_eq!(romaji_variant("ips"), None);
    }
}
