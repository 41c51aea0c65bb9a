//! The program and acronym index: the terms the report defines or names (see
//! `report::terms`), each with its long name and every measure that mentions it.
//! Extracted from the document itself, so any edition gets its own index.

use crate::report::terms::{self, Kind, MAX_NAME};
use crate::report::{NodeId, Report};
use crate::search::Index;
use crate::search::normalize::fold;
use serde::Serialize;
use std::collections::HashMap;

/// One entry of the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The term as the report prints it.
    pub term: String,
    /// The long name it stands for, if the report gives one.
    pub long_name: Option<String>,
    /// The English name the report gives, if any (`NDB：National Data Base`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub english: Option<String>,
    /// What kind of term it is.
    pub kind: Kind,
    /// Every measure that mentions the term or its long name.
    #[serde(serialize_with = "ids")]
    pub measures: Vec<NodeId>,
}

fn ids<S: serde::Serializer>(v: &[NodeId], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|id| id.to_string()))
}

/// Every measure text, with half-width brackets made full-width for the patterns.
fn measure_texts(report: &Report) -> Vec<Vec<char>> {
    report
        .texts()
        .filter(|(loc, _)| loc.node.measure.is_some())
        .map(|(_, t)| terms::pattern_chars(t))
        .collect()
}

/// Builds the index of a report. `index` is the report's search index, used to find mentions.
pub fn extract(report: &Report, index: &Index) -> Vec<Entry> {
    let texts = measure_texts(report);
    let defs = index.definitions().to_vec();
    let mut seen: HashMap<String, usize> = defs
        .iter()
        .enumerate()
        .map(|(i, d)| (fold(&d.term), i))
        .collect();
    let mut entries: Vec<Entry> = defs
        .into_iter()
        .map(|d| Entry {
            term: d.term,
            long_name: Some(d.long),
            english: d.english,
            kind: d.kind,
            measures: Vec::new(),
        })
        .collect();
    let long_names: Vec<String> = entries
        .iter()
        .filter_map(|e| e.long_name.as_deref().map(fold))
        .collect();

    // Latin acronyms used without a definition, unless only ever part of a defined term.
    let defined: Vec<String> = entries.iter().map(|e| fold(&e.term)).collect();
    let mut undefined: Vec<String> = Vec::new();
    for chars in &texts {
        for (word, at) in terms::latin_tokens(chars) {
            let key = fold(&word);
            if seen.contains_key(&key) || undefined.iter().any(|u| fold(u) == key) {
                continue;
            }
            let rest: String = chars[at..].iter().collect();
            let covered = defined
                .iter()
                .any(|d| d.len() > key.len() && fold(&rest).starts_with(d.as_str()));
            if !covered {
                undefined.push(word);
            }
        }
    }
    for word in undefined {
        seen.insert(fold(&word), entries.len());
        entries.push(Entry {
            term: word,
            long_name: None,
            english: None,
            kind: Kind::Acronym,
            measures: Vec::new(),
        });
    }

    // 「…」 names.
    for chars in &texts {
        for raw in terms::quoted_names(chars) {
            let name = terms::clean_quoted(&raw);
            let n = name.chars().count();
            if !(3..=MAX_NAME).contains(&n) {
                continue;
            }
            let key = fold(&name);
            if seen.contains_key(&key) || long_names.contains(&key) {
                continue;
            }
            seen.insert(key, entries.len());
            entries.push(Entry {
                kind: terms::program_kind(&name),
                term: name,
                long_name: None,
                english: None,
                measures: Vec::new(),
            });
        }
    }

    // The subjects measure titles begin with.
    for (_, m) in report.measures() {
        let Some(subject) = terms::title_subject(&m.title) else {
            continue;
        };
        let key = fold(&subject);
        if seen.contains_key(&key) || long_names.contains(&key) {
            continue;
        }
        seen.insert(key, entries.len());
        entries.push(Entry {
            term: subject,
            long_name: None,
            english: None,
            kind: Kind::Topic,
            measures: Vec::new(),
        });
    }

    merge_variants(&mut entries);

    for e in &mut entries {
        let mut ids = index.mentions(&e.term, is_acronym_like(&e.term));
        if let Some(long) = &e.long_name {
            ids.extend(index.mentions(long, false));
        }
        ids.sort();
        ids.dedup();
        e.measures = ids;
    }
    entries.retain(|e| !e.measures.is_empty());
    // Acronyms and short names A–Z first, then names in the order the report gives them.
    entries.sort_by_key(|e| match e.kind {
        Kind::Acronym | Kind::Abbreviation => (0, e.term.to_lowercase()),
        _ => (1, String::new()),
    });
    entries
}

/// Merges entries that name one thing twice: `高度安全実験（BSL-4）施設` gives BSL-4 for
/// 高度安全実験, cut out of the facility's name, and `高度安全実験施設（BSL4 施設）` gives the whole.
/// An entry whose term and long name are, folded, the starts of another's with the same rest
/// (施設 after both) is the same thing: the longer, whole name stays.
fn merge_variants(entries: &mut Vec<Entry>) {
    let folded: Vec<Option<(String, String)>> = entries
        .iter()
        .map(|e| Some((fold(&e.term), fold(e.long_name.as_deref()?))))
        .collect();
    let mut gone = vec![false; entries.len()];
    for (a, fa) in folded.iter().enumerate() {
        let Some((ta, la)) = fa else { continue };
        let whole = folded.iter().enumerate().find(|(b, fb)| {
            let Some((tb, lb)) = fb else { return false };
            *b != a
                && !gone[*b]
                && tb.len() > ta.len()
                && tb.starts_with(ta.as_str())
                && lb.starts_with(la.as_str())
                && tb[ta.len()..] == lb[la.len()..]
        });
        if whole.is_some() {
            gone[a] = true;
        }
    }
    let mut i = 0;
    entries.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
}

/// Latin terms must match as whole words (`AI` is not in `AIP`).
fn is_acronym_like(term: &str) -> bool {
    term.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}
