//! The notes part: the reviewer's notes and marks on the document, the note being written,
//! the list of all notes and the outline's filter; and the worker that keeps them.
//!
//! Changes show at once and are saved by the worker, off the UI thread: the status bar says
//! "saving…" until the worker answers that the change is on disk. A note made here has a
//! local (negative) number until its save answers with its number in the store; the worker
//! knows both, so that a later change to it, sent before the answer came, reaches it.

use super::picker::Picker;
use crate::notes::{self, Anchor, DocRef, Mark, NewNote, Note, NotesError, Placed, Saved, Store};
use crate::report::{Loc, NodeId, Report};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

/// What the worker is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// Read the document's notes.
    Load,
    /// Write a new note; `local` is its number until the store gives it one.
    Add {
        /// Its local number.
        local: i64,
        /// Its item.
        loc: Loc,
        /// The quote that anchors it.
        quote: String,
        /// The mark.
        mark: Option<Mark>,
        /// The text.
        text: String,
    },
    /// Change a note, as it was when seen.
    Update {
        /// The note as the browser had it (its number may be local).
        seen: Note,
        /// The new text.
        text: String,
        /// The new mark.
        mark: Option<Mark>,
    },
    /// Remove a note.
    Remove {
        /// Its number (may be local).
        id: i64,
    },
}

/// What the worker did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// The document's notes, placed, or why they could not be read.
    Loaded(Result<Vec<Placed>, String>),
    /// A note was written: its local number and the note as stored.
    Added(i64, Result<Note, String>),
    /// A note was changed (or kept as a new one, when another writer changed it meanwhile).
    Updated(i64, Result<Saved, String>),
    /// A note was removed.
    Removed(i64, Result<(), String>),
}

/// Keeps the notes in the store for one document. Runs on its own thread in the browser, in
/// place in tests.
pub struct Worker {
    path: Option<PathBuf>,
    store: Option<Store>,
    report: std::sync::Arc<super::app::Doc>,
    /// Local numbers → the store's.
    ids: HashMap<i64, i64>,
    /// The `updated` of each note this worker last wrote, so that its next change to it is
    /// not taken for another writer's.
    updated: HashMap<i64, i64>,
}

impl Worker {
    /// A worker for the store at `path` (`None`: notes are off).
    pub fn new(path: Option<PathBuf>, doc: std::sync::Arc<super::app::Doc>) -> Worker {
        Worker {
            path,
            store: None,
            report: doc,
            ids: HashMap::new(),
            updated: HashMap::new(),
        }
    }

    fn store(&mut self) -> Result<&Store, String> {
        if self.store.is_none() {
            let path = self
                .path
                .clone()
                .ok_or_else(|| NotesError::NoDataDir.to_string())?;
            self.store = Some(Store::open(&path).map_err(|e| e.to_string())?);
        }
        self.store.as_ref().ok_or_else(String::new)
    }

    fn real(&self, id: i64) -> Result<i64, String> {
        if id >= 0 {
            return Ok(id);
        }
        self.ids
            .get(&id)
            .copied()
            .ok_or_else(|| "its first save failed".to_string())
    }

    /// Does a job.
    pub fn run(&mut self, job: Job) -> Done {
        let doc = std::sync::Arc::clone(&self.report);
        let dref = DocRef {
            id: &doc.content_id,
            title: &doc.report.title,
            path: &doc.source,
        };
        match job {
            Job::Load => {
                // No store yet: no notes, and none is made until the first is written.
                let absent =
                    self.store.is_none() && self.path.as_ref().is_some_and(|p| !p.exists());
                if absent {
                    return Done::Loaded(Ok(Vec::new()));
                }
                let loaded = self
                    .store()
                    .and_then(|s| s.list(dref.id).map_err(|e| e.to_string()));
                if let Some(s) = &self.store {
                    // A backup beside the store, at most hourly: the way back from damage.
                    let _ = s.back_up(Duration::from_secs(3600));
                }
                Done::Loaded(loaded.map(|v| notes::place(&doc.report, v)))
            }
            Job::Add {
                local,
                loc,
                quote,
                mark,
                text,
            } => {
                let n = NewNote {
                    loc,
                    quote: &quote,
                    mark,
                    text: &text,
                };
                let r = self
                    .store()
                    .and_then(|s| s.add(dref, &n).map_err(|e| e.to_string()));
                if let Ok(note) = &r {
                    self.ids.insert(local, note.id);
                    self.updated.insert(note.id, note.updated);
                }
                Done::Added(local, r)
            }
            Job::Update { seen, text, mark } => {
                let local = seen.id;
                let r = self.real(seen.id).and_then(|id| {
                    let updated = self.updated.get(&id).copied().unwrap_or(seen.updated);
                    let old = Note {
                        id,
                        updated,
                        ..seen
                    };
                    self.store()?
                        .update(dref, &old, &text, mark)
                        .map_err(|e| e.to_string())
                });
                if let Ok(Saved::Updated(n) | Saved::Conflict(n)) = &r {
                    self.updated.insert(n.id, n.updated);
                }
                Done::Updated(local, r)
            }
            Job::Remove { id } => {
                let r = self
                    .real(id)
                    .and_then(|real| match self.store()?.remove(dref.id, real) {
                        Ok(()) | Err(NotesError::NoSuchNote(_)) => Ok(()),
                        Err(e) => Err(e.to_string()),
                    });
                Done::Removed(id, r)
            }
        }
    }
}

/// Marks and notes of one measure, for the outline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// ✓ marks.
    pub checked: usize,
    /// ? marks.
    pub question: usize,
    /// ! marks.
    pub concern: usize,
    /// Notes with words.
    pub notes: usize,
}

impl Counts {
    /// As the outline shows them: `✓2 ?1 *3`.
    pub fn label(&self) -> String {
        let mut parts = Vec::new();
        for (n, glyph) in [
            (self.checked, Mark::Checked.glyph()),
            (self.question, Mark::Question.glyph()),
            (self.concern, Mark::Concern.glyph()),
            (self.notes, NOTE_SIGN),
        ] {
            if n > 0 {
                parts.push(format!("{glyph}{n}"));
            }
        }
        parts.join(" ")
    }
}

/// The sign of an item with a note, in the gutter and the outline.
pub const NOTE_SIGN: &str = "*";

/// Where the notes stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// No store (tests without one, or no data directory).
    Off,
    /// Being read.
    Loading,
    /// Read.
    Ready,
    /// The store could not be read: why.
    Failed(String),
}

/// The notes part's state.
#[derive(Debug, Clone)]
pub struct Annotations {
    state: State,
    notes: Vec<Placed>,
    next_local: i64,
    /// Notes by item, oldest first; the newest is the one `a` and `m` change.
    by_loc: HashMap<Loc, Vec<usize>>,
    counts: HashMap<NodeId, Counts>,
    /// Changes sent and not yet answered.
    pending: usize,
    /// The note being written, and its item.
    editor: Picker<()>,
    editing: Option<Loc>,
    /// The list of every note (indices into `notes`).
    list: Picker<usize>,
    /// Each note's text to filter on, folded, and the notes in the report's order: made when
    /// the list opens, not per key.
    hay: Vec<String>,
    order: Vec<usize>,
    /// The outline shows only the measures with notes or marks.
    filter: bool,
}

impl Default for Annotations {
    fn default() -> Self {
        Annotations {
            state: State::Off,
            notes: Vec::new(),
            next_local: -1,
            by_loc: HashMap::new(),
            counts: HashMap::new(),
            pending: 0,
            editor: Picker::default(),
            editing: None,
            list: Picker::default(),
            hay: Vec::new(),
            order: Vec::new(),
            filter: false,
        }
    }
}

/// What a change asks the browser to say in the status bar, and the job to send.
pub type Change = (Option<Job>, String);

impl Annotations {
    /// Notes that will be read from a store.
    pub fn loading() -> Annotations {
        Annotations {
            state: State::Loading,
            ..Annotations::default()
        }
    }

    /// Every note, placed.
    pub fn notes(&self) -> &[Placed] {
        &self.notes
    }
    /// Changes not yet on disk.
    pub fn pending(&self) -> usize {
        self.pending
    }
    /// The newest note on an item.
    pub fn at(&self, loc: Loc) -> Option<&Placed> {
        self.by_loc
            .get(&loc)
            .and_then(|v| v.last())
            .map(|&i| &self.notes[i])
    }
    /// The marks and notes of a measure (or of every measure under a chapter or part).
    pub fn counts(&self, id: NodeId) -> Option<Counts> {
        self.counts.get(&id).copied()
    }
    /// The note being written.
    pub fn editor(&self) -> &Picker<()> {
        &self.editor
    }
    /// The item the note being written is on.
    pub fn editing(&self) -> Option<Loc> {
        self.editing
    }
    /// The list of every note.
    pub fn list(&self) -> &Picker<usize> {
        &self.list
    }
    /// Is the outline filtered to annotated measures?
    pub fn filter(&self) -> bool {
        self.filter
    }
    /// The measures (and preface) with notes or marks, and their chapters and parts.
    pub fn noted_nodes(&self) -> std::collections::HashSet<NodeId> {
        self.counts.keys().copied().collect()
    }

    fn rebuild(&mut self) {
        self.by_loc.clear();
        self.counts.clear();
        for (i, p) in self.notes.iter().enumerate() {
            let Some(loc) = p.loc else { continue };
            self.by_loc.entry(loc).or_default().push(i);
            let mut id = Some(loc.node);
            // A measure's counts, and its chapter's and part's (for the filter).
            while let Some(n) = id {
                let c = self.counts.entry(n).or_default();
                match p.note.mark {
                    Some(Mark::Checked) => c.checked += 1,
                    Some(Mark::Question) => c.question += 1,
                    Some(Mark::Concern) => c.concern += 1,
                    None => {}
                }
                if !p.note.text.is_empty() {
                    c.notes += 1;
                }
                id = super::outline::parent(n);
            }
        }
    }

    fn ready(&self) -> Result<(), String> {
        match &self.state {
            State::Ready => Ok(()),
            State::Loading => Err(super::strings::NOTES_LOADING.to_string()),
            State::Off => Err(super::strings::NOTES_OFF.to_string()),
            State::Failed(e) => Err(super::strings::notes_failed(e)),
        }
    }

    fn add_local(&mut self, report: &Report, loc: Loc, mark: Option<Mark>, text: &str) -> Job {
        let local = self.next_local;
        self.next_local -= 1;
        let quote = notes::quote(report, loc);
        self.notes.push(Placed {
            note: Note {
                id: local,
                address: notes::address(loc),
                quote: quote.clone(),
                mark,
                text: text.to_string(),
                created: 0,
                updated: 0,
            },
            loc: Some(loc),
            anchor: Anchor::Exact,
        });
        self.pending += 1;
        self.rebuild();
        Job::Add {
            local,
            loc,
            quote,
            mark,
            text: text.to_string(),
        }
    }

    /// Sets a note's text and mark: changed in place, or removed when nothing is left.
    fn change(&mut self, i: usize, text: &str, mark: Option<Mark>) -> Job {
        let seen = self.notes[i].note.clone();
        self.pending += 1;
        if text.is_empty() && mark.is_none() {
            self.notes.remove(i);
            self.rebuild();
            return Job::Remove { id: seen.id };
        }
        let n = &mut self.notes[i].note;
        n.text = text.to_string();
        n.mark = mark;
        self.rebuild();
        Job::Update {
            seen,
            text: text.to_string(),
            mark,
        }
    }

    /// `m` on an item: its mark goes ✓, ?, !, none.
    pub fn cycle_mark(&mut self, report: &Report, loc: Loc) -> Change {
        if let Err(e) = self.ready() {
            return (None, e);
        }
        let loc = notes::anchor_loc(loc);
        let (job, mark) = match self.by_loc.get(&loc).and_then(|v| v.last()).copied() {
            Some(i) => {
                let n = &self.notes[i].note;
                let mark = Mark::cycle(n.mark);
                let text = n.text.clone();
                (self.change(i, &text, mark), mark)
            }
            None => (
                self.add_local(report, loc, Some(Mark::Checked), ""),
                Some(Mark::Checked),
            ),
        };
        (Some(job), super::strings::marked(mark))
    }

    /// `a` on an item: the editor opens with its note.
    pub fn begin_edit(&mut self, loc: Loc) -> Result<(), String> {
        self.ready()?;
        let loc = notes::anchor_loc(loc);
        let text = self.at(loc).map_or(String::new(), |p| p.note.text.clone());
        self.editor.set_query(&text);
        self.editing = Some(loc);
        Ok(())
    }

    /// A key in the editor. `Some` when it closed: the change to save, if any.
    pub fn edit(&mut self, report: &Report, a: super::action::Action) -> Option<Change> {
        match self.editor.update(a, 1) {
            super::picker::Picked::Close => {
                self.editing = None;
                Some((None, super::strings::NOTE_CANCELLED.to_string()))
            }
            super::picker::Picked::Accept => {
                let loc = self.editing.take()?;
                let text = self.editor.query().trim().to_string();
                let i = self.by_loc.get(&loc).and_then(|v| v.last()).copied();
                let job = match i {
                    Some(i) if self.notes[i].note.text == text => None,
                    Some(i) => {
                        let mark = self.notes[i].note.mark;
                        Some(self.change(i, &text, mark))
                    }
                    None if text.is_empty() => None,
                    None => Some(self.add_local(report, loc, None, &text)),
                };
                let msg = match &job {
                    None => super::strings::NOTE_UNCHANGED.to_string(),
                    Some(_) => super::strings::SAVING.to_string(),
                };
                Some((job, msg))
            }
            _ => None,
        }
    }

    /// Opens the list of every note, filtered by `query`.
    pub fn open_list(&mut self, report: &Report) -> Result<(), String> {
        self.ready()?;
        self.list.set_query("");
        self.index_list(report);
        self.refilter();
        Ok(())
    }

    /// Folds each note's citation, text and item once, and orders the notes as the report
    /// runs, for the list's filter.
    pub fn index_list(&mut self, report: &Report) {
        use crate::search::normalize::fold;
        self.hay = self
            .notes
            .iter()
            .map(|p| {
                let title = p
                    .loc
                    .and_then(|l| report.get(l.node))
                    .map_or("", |n| n.title());
                let item = p.loc.and_then(|l| report.text(l)).unwrap_or(&p.note.quote);
                fold(&format!(
                    "{} {} {title} {item}",
                    p.note.address, p.note.text
                ))
            })
            .collect();
        let notes = &self.notes;
        self.order = (0..notes.len()).collect();
        self.order
            .sort_by_key(|&i| (notes[i].loc.is_none(), notes[i].loc, notes[i].note.id));
    }

    /// The list for its query: notes whose citation, note or item text holds every word.
    pub fn refilter(&mut self) {
        use crate::search::normalize::fold;
        let words: Vec<String> = self.list.query().split_whitespace().map(fold).collect();
        let hay = &self.hay;
        let items: Vec<usize> = self
            .order
            .iter()
            .copied()
            .filter(|&i| {
                words.is_empty()
                    || hay
                        .get(i)
                        .is_some_and(|h| words.iter().all(|w| h.contains(w.as_str())))
            })
            .collect();
        let n = items.len();
        self.list.set_items(items, n);
    }

    /// A key in the list. `Some(loc)` when Enter chose a note to jump to; `Err` closes.
    pub fn list_key(&mut self, a: super::action::Action, page: usize) -> ListOutcome {
        match self.list.update(a, page) {
            super::picker::Picked::Close => ListOutcome::Close,
            super::picker::Picked::Accept => match self.list.current() {
                Some(&i) => match self.notes.get(i).and_then(|p| p.loc) {
                    Some(loc) => ListOutcome::Jump(loc),
                    None => ListOutcome::Lost,
                },
                None => ListOutcome::Nothing,
            },
            super::picker::Picked::QueryChanged => {
                self.refilter();
                ListOutcome::Nothing
            }
            super::picker::Picked::Nothing => ListOutcome::Nothing,
        }
    }

    /// `f`: the outline shows only annotated measures, or everything.
    pub fn toggle_filter(&mut self) -> Result<bool, String> {
        self.ready()?;
        self.filter = !self.filter;
        Ok(self.filter)
    }

    /// The worker's answer. Returns the status bar's message, and whether to read the notes
    /// again (another writer changed one).
    pub fn done(&mut self, d: Done) -> (Option<String>, bool) {
        let find = |notes: &[Placed], id: i64| notes.iter().position(|p| p.note.id == id);
        match d {
            Done::Loaded(Ok(v)) => {
                let lost = v.iter().filter(|p| p.anchor == Anchor::Lost).count();
                self.notes = v;
                self.state = State::Ready;
                self.rebuild();
                let msg = (lost > 0).then(|| super::strings::notes_lost(lost));
                (msg, false)
            }
            Done::Loaded(Err(e)) => {
                let msg = super::strings::notes_failed(&e);
                self.state = State::Failed(e);
                (Some(msg), false)
            }
            Done::Added(local, r) => {
                self.pending = self.pending.saturating_sub(1);
                match r {
                    Ok(n) => {
                        if let Some(i) = find(&self.notes, local) {
                            let p = &mut self.notes[i].note;
                            p.id = n.id;
                            p.created = n.created;
                            p.updated = n.updated;
                        }
                        (Some(self.saved()), false)
                    }
                    Err(e) => (Some(super::strings::not_saved(&e)), false),
                }
            }
            Done::Updated(id, r) => {
                self.pending = self.pending.saturating_sub(1);
                match r {
                    Ok(Saved::Updated(n)) => {
                        if let Some(i) = find(&self.notes, id).or(find(&self.notes, n.id)) {
                            self.notes[i].note.id = n.id;
                            self.notes[i].note.updated = n.updated;
                        }
                        (Some(self.saved()), false)
                    }
                    Ok(Saved::Conflict(n)) => (Some(super::strings::conflict(n.id)), true),
                    Err(e) => (Some(super::strings::not_saved(&e)), false),
                }
            }
            Done::Removed(_, r) => {
                self.pending = self.pending.saturating_sub(1);
                match r {
                    Ok(()) => (Some(self.saved()), false),
                    Err(e) => (Some(super::strings::not_saved(&e)), false),
                }
            }
        }
    }

    fn saved(&self) -> String {
        if self.pending > 0 {
            super::strings::SAVING.to_string()
        } else {
            super::strings::SAVED.to_string()
        }
    }
}

/// What a key in the list of notes asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOutcome {
    /// Nothing beyond the list.
    Nothing,
    /// Esc: close it.
    Close,
    /// Enter: go to the note's item.
    Jump(Loc),
    /// Enter on a note whose item is not in the document.
    Lost,
}
