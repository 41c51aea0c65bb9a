//! The index of programs and acronyms as a popup part: a [`Picker`] over the entries, filtered
//! as search folds (width, case, kana, romaji); Enter lists an entry's measures with a snippet
//! of each mention, and Enter again jumps there.

use super::action::Action;
use super::picker::{ListNav, Picked, Picker};
use crate::programs::{self, Entry};
use crate::report::Report;
use crate::search::reading::Analyzed;
use crate::search::{self, Hit, Index, Query};

/// The measures an entry is mentioned in.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The entry.
    pub entry: usize,
    /// Its mentions in document order.
    pub mentions: Vec<Hit>,
    /// The first mention in each measure: the rows of the list.
    pub rows: Vec<usize>,
    /// The selected row.
    pub nav: ListNav,
}

/// What a key in the index asks of the rest of the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing beyond the popup.
    Nothing,
    /// Esc on the list: close the popup.
    Close,
    /// Jump to a mention, and keep all of them for highlights and `n`/`N`.
    Jump {
        /// The entry's term, for the status bar.
        term: String,
        /// Every mention, in document order.
        hits: Vec<Hit>,
        /// The one to go to.
        current: usize,
    },
}

/// The popup's state.
#[derive(Debug, Clone)]
pub struct Programs {
    entries: Vec<Entry>,
    /// Folded term, long name and English name of each entry, for filtering.
    folded: Vec<String>,
    /// The term and long name of each entry, analyzed for readings: `jisedai` keeps
    /// 次世代医療基盤法.
    readings: Vec<Analyzed>,
    picker: Picker<usize>,
    open: Option<Opened>,
}

impl Programs {
    /// The index of a report (built the first time the popup opens).
    pub fn new(report: &Report, index: &Index) -> Programs {
        let entries = programs::extract(report, index);
        let folded = entries
            .iter()
            .map(|e| {
                let mut s = search::normalize::fold(&e.term);
                for extra in [&e.long_name, &e.english].into_iter().flatten() {
                    s.push('\0');
                    s.push_str(&search::normalize::fold(extra));
                }
                s
            })
            .collect();
        let readings = entries
            .iter()
            .map(|e| {
                // A NUL between the names: no reading runs from one into the other.
                let names = [Some(&e.term), e.long_name.as_ref()];
                let joined: Vec<&str> = names.into_iter().flatten().map(String::as_str).collect();
                Analyzed::new(&joined.join("\0"))
            })
            .collect();
        let mut p = Programs {
            entries,
            folded,
            readings,
            picker: Picker::default(),
            open: None,
        };
        p.refilter();
        p
    }

    /// The entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The filter and the entries it keeps.
    pub fn picker(&self) -> &Picker<usize> {
        &self.picker
    }

    /// The entry whose measures are listed, if one is.
    pub fn opened(&self) -> Option<&Opened> {
        self.open.as_ref()
    }

    /// Applies the filter.
    fn refilter(&mut self) {
        let q = Query::parse(self.picker.query());
        let kept: Vec<usize> = (0..self.entries.len())
            .filter(|&i| q.is_empty() || q.matches_text(&self.folded[i], &self.readings[i]))
            .collect();
        let n = kept.len();
        self.picker.set_items(kept, n);
    }

    /// Handles a key; `page` is how many rows the list shows.
    pub fn update(&mut self, report: &Report, index: &Index, a: Action, page: usize) -> Outcome {
        if let Some(open) = &mut self.open {
            if open.nav.update(&a, page) {
                return Outcome::Nothing;
            }
            return match a {
                Action::Close | Action::Quit => {
                    self.open = None;
                    Outcome::Nothing
                }
                Action::Pick => {
                    let Some(&k) = open.rows.get(open.nav.selected()) else {
                        return Outcome::Nothing;
                    };
                    let term = self.entries[open.entry].term.clone();
                    let hits = std::mem::take(&mut open.mentions);
                    // Opening the index again shows the list, filter kept.
                    self.open = None;
                    Outcome::Jump {
                        term,
                        hits,
                        current: k,
                    }
                }
                _ => Outcome::Nothing,
            };
        }
        match self.picker.update(a, page) {
            Picked::Nothing => Outcome::Nothing,
            Picked::Close => Outcome::Close,
            Picked::QueryChanged => {
                self.refilter();
                Outcome::Nothing
            }
            Picked::Accept => {
                if let Some(&i) = self.picker.current() {
                    self.open = Some(self.open_entry(report, index, i));
                }
                Outcome::Nothing
            }
        }
    }

    fn open_entry(&self, report: &Report, index: &Index, i: usize) -> Opened {
        let e = &self.entries[i];
        let mut texts = vec![e.term.as_str()];
        texts.extend(e.long_name.as_deref());
        let mentions: Vec<Hit> = index
            .mention_hits(report, &texts)
            .into_iter()
            .filter(|h| index.units[h.unit].node.measure.is_some())
            .collect();
        let mut rows = Vec::new();
        let mut last = None;
        for (k, h) in mentions.iter().enumerate() {
            let id = index.units[h.unit].node;
            if last != Some(id) {
                rows.push(k);
                last = Some(id);
            }
        }
        let mut nav = ListNav::default();
        nav.reset(rows.len());
        Opened {
            entry: i,
            mentions,
            rows,
            nav,
        }
    }
}
