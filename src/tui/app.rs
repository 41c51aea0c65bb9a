//! The browser's state, made of parts (outline, detail, the search and index pickers, help),
//! and its one update function. Each part owns its update and reports what it needs of the
//! others; [`App::update`] wires them together and returns the [`Effect`]s for the event loop
//! to carry out (copying, searching), off the UI thread where they may block. Rendering reads
//! this state and the [`Screen`] planned from it, and nothing else.

use super::action::Action;
use super::detail::{self, Detail};
use super::layout::Arrangement;
use super::outline::{self, Outline};
use super::programs::{self, Programs};
use super::screen::{self, Screen};
use super::strings;
use super::theme::Theme;
use super::versus::{self, Versus};
use crate::compare::{Change, Comparison};
use crate::report::excerpt::{self, Format, Scope};
use crate::report::{Loc, Node, NodeId, Report};
use crate::search::{self, Hit, Index, Query, Results};
use ratatui::layout::Rect;
use std::sync::Arc;

/// The document the browser shows: the report, its search index, and what is derived from
/// them once (the measures in order). Shared read-only with the search worker.
#[derive(Debug)]
pub struct Doc {
    /// The report.
    pub report: Report,
    /// Its search index.
    pub index: Index,
    /// File name for the status bar.
    pub source: String,
    /// Every measure's id, in document order.
    measures: Vec<NodeId>,
    /// An earlier edition compared with this one, when two were opened.
    pub compare: Option<Comparison>,
    /// What the document is, whatever its path: its notes are kept under this.
    pub content_id: String,
}

impl Doc {
    /// Indexes a report.
    pub fn new(report: Report, source: String) -> Doc {
        Doc::compared(report, source, None)
    }

    /// Indexes a report and compares it with an earlier edition (its report and file name).
    pub fn compared(report: Report, source: String, old: Option<(Report, String)>) -> Doc {
        let compare = old.map(|(old, name)| Comparison::new(old, name, &report));
        let index = Index::build(&report);
        let measures = report.measures().map(|(id, _)| id).collect();
        Doc {
            report,
            index,
            source,
            measures,
            compare,
            content_id: String::new(),
        }
    }

    /// Names the document's content (see [`crate::report::Loaded::content_id`]).
    pub fn with_content_id(mut self, id: String) -> Doc {
        self.content_id = id;
        self
    }

    /// The names of the two editions compared, for the plan → result view.
    fn sources(&self) -> versus::Sources<'_> {
        versus::Sources {
            old: self.compare.as_ref().map_or("", |c| c.old_source.as_str()),
            new: &self.source,
        }
    }

    /// What the status bar names: the file, or the two editions compared.
    pub fn title(&self) -> String {
        match &self.compare {
            Some(c) => {
                let count = |ch: Change| c.pairs.iter().filter(|p| p.change == ch).count();
                let changes: Vec<String> = [
                    Change::Renamed,
                    Change::Moved,
                    Change::Added,
                    Change::Removed,
                ]
                .into_iter()
                .filter(|&ch| count(ch) > 0)
                .map(|ch| format!("{}{}", super::ui::change_mark(ch), count(ch)))
                .collect();
                strings::editions(&c.old_source, &self.source, &changes.join(" "))
            }
            None => self.source.clone(),
        }
    }

    /// The outline's marks for the comparison.
    fn marks(&self) -> outline::Marks {
        let Some(c) = &self.compare else {
            return outline::Marks::default();
        };
        let changes = c
            .pairs
            .iter()
            .filter(|p| p.change != Change::Same)
            .filter_map(|p| Some((p.new?, p.change)))
            .collect();
        let ghosts = c
            .removed
            .iter()
            .map(|&(anchor, i)| {
                let text = c.pairs[i]
                    .old
                    .and_then(|id| c.old.get(id))
                    .map_or(String::new(), |n| {
                        crate::report::export::heading(n.label(), n.title())
                    });
                (anchor, text)
            })
            .collect();
        outline::Marks { changes, ghosts }
    }

    /// Runs a query within a scope, capped at [`SEARCH_LIMIT`] hits.
    pub fn search(&self, query: &str, scope: SearchScope) -> Results {
        let q = Query::parse(query);
        if scope == SearchScope::All {
            return self.index.search(&self.report, &q, SEARCH_LIMIT);
        }
        // Ranked over everything, then narrowed: the scope changes which hits show, not
        // their order.
        let mut all = self.index.search(&self.report, &q, 0);
        all.hits.retain(|h| scope.admits(self.index.units[h.unit]));
        all.total = all.hits.len();
        all.hits.truncate(SEARCH_LIMIT);
        all
    }
}

/// Where the search popup looks: Tab in the popup cycles through these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchScope {
    /// The whole report.
    All,
    /// Items of the results sections (Ⅰ).
    Results,
    /// Items of the plans sections (Ⅱ).
    Plans,
    /// The texts of one measure (or part or chapter).
    Node(NodeId),
}

impl SearchScope {
    /// Does a hit at this place count?
    fn admits(self, loc: Loc) -> bool {
        match self {
            SearchScope::All => true,
            SearchScope::Results => loc.field() == crate::report::Field::Results,
            SearchScope::Plans => loc.field() == crate::report::Field::Plans,
            SearchScope::Node(id) => {
                loc.node == id
                    || (id.measure.is_none()
                        && loc.node.part == id.part
                        && (id.chapter.is_none() || loc.node.chapter == id.chapter))
            }
        }
    }

    /// The next scope; `here` is the node shown.
    fn next(self, here: NodeId) -> SearchScope {
        match self {
            SearchScope::All => SearchScope::Results,
            SearchScope::Results => SearchScope::Plans,
            SearchScope::Plans => SearchScope::Node(here),
            SearchScope::Node(_) => SearchScope::All,
        }
    }
}

/// Which set of key bindings is active.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Browsing.
    Normal,
    /// Selecting a range of items in the detail pane.
    Visual,
    /// The search popup.
    Search,
    /// The index of programs and acronyms.
    Programs,
    /// The help overlay.
    Help,
    /// Typing an id after `:`.
    Goto,
    /// Typing a filter for the help overlay, after `/` in it.
    HelpFilter,
    /// Writing a note, after `a`.
    Note,
    /// The list of every note, after `A`.
    Notes,
}

impl Mode {
    /// The name the status bar shows.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "NORMAL",
            Mode::Visual => "VISUAL",
            Mode::Search => "SEARCH",
            Mode::Programs => "INDEX",
            Mode::Help => "HELP",
            Mode::Goto => "GO TO",
            Mode::HelpFilter => "HELP",
            Mode::Note => "NOTE",
            Mode::Notes => "NOTES",
        }
    }
}

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The outline.
    Outline,
    /// The detail pane.
    Detail,
}

/// What the event loop must do for an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard; the loop answers with [`Action::CopyDone`].
    Copy(String),
    /// Run query number `generation`; the loop answers with [`Action::SearchDone`].
    Search {
        /// Answers to older queries are dropped.
        generation: u64,
        /// The query as typed.
        query: String,
        /// Where to look.
        scope: SearchScope,
    },
    /// Capture the mouse (`true`) or release it to the terminal.
    Mouse(bool),
    /// Keep the search history, oldest first.
    SaveHistory(Vec<String>),
    /// Keep the outline's width for the next run.
    SaveOutlineWidth(u16),
    /// Give the notes worker a job; it answers with [`Action::NotesDone`].
    Notes(super::annotations::Job),
    /// Leave the browser.
    Quit,
}

/// The last accepted search: highlights in the detail pane, and `n`/`N`.
#[derive(Debug, Clone, Default)]
pub struct Highlight {
    /// The query, or the index entry, it came from.
    pub query: String,
    /// Hits in document order.
    pub hits: Vec<Hit>,
    /// The hit last jumped to.
    pub current: Option<usize>,
    /// Which of its occurrences (its ranges) `n` / `N` stopped at.
    pub occurrence: usize,
    /// Drawn in the detail pane (Esc hides them; `n`/`N` still step, as in less).
    pub shown: bool,
}

/// A place jumped from: the node shown and the text under the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pos {
    node: NodeId,
    at: Option<Loc>,
}

/// Where search, index and `:` jumps came from, as in vim and helix: `Ctrl-o` goes back,
/// `Alt-i` forward again.
#[derive(Debug, Clone, Default)]
struct Jumps {
    list: Vec<Pos>,
    /// The entry being looked at; `list.len()` when at the newest place.
    at: usize,
}

/// Most places the jump list keeps.
const JUMPS_KEPT: usize = 100;

/// Char ranges to highlight in each block of the detail pane, and the current occurrence as
/// `(block, range)`.
pub type Highlights = (Vec<Vec<(usize, usize)>>, Option<(usize, (usize, usize))>);

/// Most hits the popup lists.
pub const SEARCH_LIMIT: usize = 500;

/// The browser's state.
pub struct App {
    doc: Arc<Doc>,
    theme: Theme,
    size: Rect,
    mode: Mode,
    focus: Focus,
    arrangement: Arrangement,
    /// The outline's width set with `<` and `>` (0: automatic).
    outline_width: u16,
    outline: Outline,
    detail: Detail,
    /// The plan → result view of the measure shown, when two editions are compared.
    versus: Versus,
    /// The plan → result view is asked for (`d` toggles it).
    versus_on: bool,
    /// The reviewer's notes and marks.
    notes: super::annotations::Annotations,
    search: super::picker::Picker<Hit>,
    /// The number of the last query sent to the search worker.
    search_generation: u64,
    /// Where the search popup looks.
    search_scope: SearchScope,
    programs: Option<Programs>,
    highlight: Option<Highlight>,
    help_scroll: usize,
    message: Option<String>,
    copy_format: Format,
    /// The id typed after `:`.
    goto: super::picker::Picker<()>,
    /// The help overlay's filter (`/` in help).
    help_filter: super::picker::Picker<()>,
    jumps: Jumps,
    /// The browser has the mouse (clicks and wheel); released, the terminal selects text.
    mouse: bool,
    /// After this update, scroll the current occurrence into view.
    reveal_occurrence: bool,
    history: super::history::History,
    /// Derived: the layout for the current state, planned once per update.
    screen: Screen,
}

impl App {
    /// A browser over a document, for a terminal of `size`.
    pub fn new(doc: Arc<Doc>, theme: Theme, size: Rect) -> App {
        // Open on the first measure, so the first frame shows one.
        let first = doc.measures.first().copied().unwrap_or(NodeId::part(1));
        let mut outline = Outline::new(&doc.report, first);
        if doc.compare.is_some() {
            outline.set_marks(&doc.report, doc.marks());
        }
        let detail = Detail::new(&doc.report, first);
        let versus_on = doc.compare.is_some();
        let mut app = App {
            doc,
            theme,
            size,
            mode: Mode::Normal,
            focus: Focus::Outline,
            arrangement: Arrangement::Auto,
            outline_width: 0,
            outline,
            detail,
            versus: Versus::default(),
            versus_on,
            notes: Default::default(),
            search: Default::default(),
            search_generation: 0,
            search_scope: SearchScope::All,
            programs: None,
            highlight: None,
            help_scroll: 0,
            message: None,
            copy_format: Format::Plain,
            goto: Default::default(),
            help_filter: Default::default(),
            jumps: Jumps::default(),
            mouse: true,
            reveal_occurrence: false,
            history: Default::default(),
            screen: Screen::default(),
        };
        app.sync_versus();
        app.settle(true);
        app
    }

    /// Turns notes on: they are read from the store, and the job to read them is returned
    /// for the event loop to give the worker.
    pub fn enable_notes(&mut self) -> Vec<Effect> {
        self.notes = super::annotations::Annotations::loading();
        vec![Effect::Notes(super::annotations::Job::Load)]
    }

    /// Starts with the mouse captured or released.
    pub fn set_mouse(&mut self, on: bool) {
        self.mouse = on;
    }

    /// The outline's width kept from an earlier run (0: automatic).
    pub fn set_outline_width(&mut self, w: u16) {
        self.outline_width = w;
        self.settle(true);
    }

    /// The search history kept from earlier runs, oldest first.
    pub fn set_history(&mut self, entries: Vec<String>) {
        self.history = super::history::History::new(entries);
    }

    /// A message for the status bar (a warning at start).
    pub fn set_message(&mut self, m: String) {
        self.message = Some(m);
    }

    /// Sets how copies are written.
    pub fn set_copy_format(&mut self, f: Format) {
        self.copy_format = f;
    }

    // ----- what the renderer reads ----------------------------------------------------------

    /// The document.
    pub fn doc(&self) -> &Doc {
        &self.doc
    }
    /// The document, shared (for a worker).
    pub(crate) fn shared_doc(&self) -> Arc<Doc> {
        Arc::clone(&self.doc)
    }
    /// Colours or not.
    pub fn theme(&self) -> Theme {
        self.theme
    }
    /// The terminal's size.
    pub fn size(&self) -> Rect {
        self.size
    }
    /// The active bindings.
    pub fn mode(&self) -> Mode {
        self.mode
    }
    /// The pane with the keyboard.
    pub fn focus(&self) -> Focus {
        self.focus
    }
    /// The layout planned for this state.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }
    /// The outline.
    pub fn outline(&self) -> &Outline {
        &self.outline
    }
    /// The detail pane.
    pub fn detail(&self) -> &Detail {
        &self.detail
    }
    /// The notes and marks.
    pub fn notes(&self) -> &super::annotations::Annotations {
        &self.notes
    }
    /// The plan → result view, when it is what the detail pane shows.
    pub fn versus(&self) -> Option<&Versus> {
        self.versus_shown().then_some(&self.versus)
    }

    /// Does the detail pane show the plan → result view? When it is asked for and the node
    /// shown is a measure of the comparison, and always for a removed measure.
    fn versus_shown(&self) -> bool {
        self.versus.pair().is_some() && (self.versus_on || self.outline.selected_ghost().is_some())
    }

    /// Keeps the plan → result view on the measure shown (or the removed measure selected).
    fn sync_versus(&mut self) {
        let Some(cmp) = &self.doc.compare else {
            return;
        };
        let pair = match self.outline.selected_ghost() {
            Some(k) => cmp.removed.get(k).map(|r| r.1),
            None => cmp.pair_of(self.detail.node()),
        };
        match pair {
            Some(p) => self
                .versus
                .show(cmp, &self.doc.report, p, self.doc.sources()),
            None => self.versus = Versus::default(),
        }
    }
    /// The search popup.
    pub fn search(&self) -> &super::picker::Picker<Hit> {
        &self.search
    }
    /// Where the search popup looks.
    pub fn search_scope(&self) -> SearchScope {
        self.search_scope
    }
    /// The index of programs, once opened.
    pub fn programs(&self) -> Option<&Programs> {
        self.programs.as_ref()
    }
    /// The accepted search.
    pub fn highlight(&self) -> Option<&Highlight> {
        self.highlight.as_ref()
    }
    /// The help overlay's scroll.
    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }
    /// The id being typed after `:`.
    pub fn goto(&self) -> &super::picker::Picker<()> {
        &self.goto
    }

    /// What the help overlay is filtered by (empty: nothing).
    pub fn help_filter(&self) -> &str {
        self.help_filter.query()
    }
    /// The status bar's message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    /// The node shown.
    pub fn selected(&self) -> NodeId {
        self.detail.node()
    }

    /// Position text for the status bar: `1.4.2  12/42`.
    pub fn position(&self) -> String {
        if let (Some(k), Some(c)) = (self.outline.selected_ghost(), &self.doc.compare)
            && let Some(old) = c.removed.get(k).and_then(|r| c.pairs[r.1].old)
        {
            return strings::removed_position(&old.to_string());
        }
        let id = self.selected();
        match self.doc.measures.binary_search(&id) {
            Ok(i) => format!("{id}  {}/{}", i + 1, self.doc.measures.len()),
            Err(_) => id.to_string(),
        }
    }

    /// How many measures the document has.
    pub fn measure_count(&self) -> usize {
        self.doc.measures.len()
    }

    /// The label path of a search hit and its node's title, and the tag shown beside it.
    pub fn hit_heading(&self, hit: &Hit) -> (String, String) {
        let (loc, path, field) = search::describe(&self.doc.report, &self.doc.index, hit);
        let title = self.doc.report.get(loc.node).map_or("", Node::title);
        let tag = match &hit.via {
            Some(v) => format!("{} via {v}", field.name()),
            None => field.name().to_string(),
        };
        (format!("{path} {title}"), tag)
    }

    /// The text of a search hit.
    pub fn hit_text(&self, hit: &Hit) -> &str {
        self.doc.index.text(&self.doc.report, hit.unit)
    }

    /// Highlight ranges for every block of the detail pane, from the accepted search, and
    /// the occurrence `n` / `N` stopped at as `(block, range)`.
    pub fn highlights(&self) -> Highlights {
        let blocks = self.detail.blocks();
        let mut out = vec![Vec::new(); blocks.len()];
        let Some(h) = self.highlight.as_ref().filter(|h| h.shown) else {
            return (out, None);
        };
        let mut current = None;
        for (i, hit) in h.hits.iter().enumerate() {
            let loc = self.doc.index.units[hit.unit];
            if loc.node != self.detail.node() {
                continue;
            }
            if let Some(b) = detail::blocks::block_of(blocks, loc) {
                let ranges = blocks[b].map_ranges(&hit.ranges);
                if h.current == Some(i) {
                    current = ranges.get(h.occurrence).map(|r| (b, *r));
                }
                out[b].extend(ranges);
            }
        }
        for r in &mut out {
            r.sort_unstable();
        }
        (out, current)
    }

    // ----- keeping derived state consistent -------------------------------------------------

    fn plan(&self) -> Screen {
        Screen::plan(
            screen::Inputs {
                size: self.size,
                arrangement: self.arrangement,
                detail_focused: self.focus == Focus::Detail,
                outline_width: self.outline_width,
            },
            self.detail.blocks(),
        )
    }

    /// Plans the screen for the new state, then keeps the selections in view.
    fn settle(&mut self, reveal: bool) {
        self.screen = self.plan();
        let areas = self.screen.areas;
        self.outline
            .reveal(areas.outline_body().height.max(1) as usize);
        if reveal {
            self.detail.reveal(&self.screen);
        }
        self.detail.clamp(&self.screen);
        if self.versus_shown() {
            self.versus
                .plan(areas.detail_body(), versus::GUTTER, reveal);
        }
        // The help's lines are laid out (wrapped) only while it is open.
        if matches!(self.mode, Mode::Help | Mode::HelpFilter) {
            let help_h = areas.popup.height.saturating_sub(2) as usize;
            let help_w = areas.popup.width.saturating_sub(4);
            let help_len = super::keymap::help_lines(help_w, self.help_filter.query()).len();
            self.help_scroll = self.help_scroll.min(help_len.saturating_sub(help_h));
        }
    }

    /// Shows a node in the detail pane and selects it in the outline.
    fn show(&mut self, id: NodeId) {
        self.outline.select(&self.doc.report, id);
        self.detail.show(&self.doc.report, id);
    }

    // ----- update ---------------------------------------------------------------------------

    /// Applies an action; returns what the event loop must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = Vec::new();
        // While the screen is too small to show anything, only resizing and quitting act
        // (and the answers of workers, which change nothing shown).
        if self.screen.areas.too_small
            && !matches!(
                action,
                Action::Resize { .. }
                    | Action::Quit
                    | Action::CopyDone(_)
                    | Action::SearchDone { .. }
                    | Action::NotesDone(_)
            )
        {
            return effects;
        }
        if !matches!(
            action,
            Action::Resize { .. }
                | Action::SearchDone { .. }
                | Action::CopyDone(_)
                | Action::NotesDone(_)
        ) {
            self.message = None;
        }
        let reveal = self.dispatch(action, &mut effects);
        self.sync_versus();
        self.settle(reveal);
        if std::mem::take(&mut self.reveal_occurrence)
            && let (_, Some((block, (start, _)))) = self.highlights()
        {
            self.detail.reveal_char(&self.screen, block, start);
        }
        effects
    }

    /// Routes an action to the part that owns it. Returns whether to scroll the detail
    /// cursor into view.
    fn dispatch(&mut self, action: Action, effects: &mut Vec<Effect>) -> bool {
        match (self.mode, action) {
            (_, Action::Resize { width, height }) => {
                self.size = Rect::new(0, 0, width, height);
            }
            (_, Action::CopyDone(msg)) => self.message = Some(msg),
            (_, Action::NotesDone(done)) => self.notes_done(*done, effects),
            (
                _,
                Action::SearchDone {
                    generation,
                    results,
                },
            ) => {
                if generation == self.search_generation {
                    self.search.set_items(results.hits, results.total);
                }
            }
            (Mode::Normal | Mode::Visual, Action::Quit) => effects.push(Effect::Quit),
            (Mode::Help, a) => self.update_help(a),
            (Mode::Search, a) => return self.update_search(a, effects),
            (Mode::Programs, a) => return self.update_programs(a),
            (Mode::Goto, a) => return self.update_goto(a),
            (Mode::HelpFilter, a) => self.update_help_filter(a),
            (Mode::Note, a) => self.update_note(a, effects),
            (Mode::Notes, a) => return self.update_notes_list(a, effects),
            (Mode::Visual, a) => return self.update_visual(a, effects),
            (Mode::Normal, a) => return self.update_normal(a, effects),
        }
        true
    }

    fn update_help(&mut self, a: Action) {
        let page = self.screen.areas.popup.height.saturating_sub(2).max(1) as usize;
        match a {
            Action::Close | Action::ToggleHelp | Action::Quit => self.mode = Mode::Normal,
            Action::Down | Action::ScrollDown { .. } => self.help_scroll += 1,
            Action::Up | Action::ScrollUp { .. } => {
                self.help_scroll = self.help_scroll.saturating_sub(1)
            }
            Action::PageDown => self.help_scroll += page,
            Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(page),
            Action::HalfPageDown => self.help_scroll += page / 2,
            Action::HalfPageUp => self.help_scroll = self.help_scroll.saturating_sub(page / 2),
            Action::Top => self.help_scroll = 0,
            Action::Bottom => self.help_scroll = usize::MAX,
            Action::OpenSearch => self.mode = Mode::HelpFilter,
            _ => {}
        }
    }

    /// Typing the help's filter: rows whose keys or words hold it stay, live.
    fn update_help_filter(&mut self, a: Action) {
        match self.help_filter.update(a, 1) {
            super::picker::Picked::Close => {
                self.help_filter.set_query("");
                self.mode = Mode::Help;
            }
            super::picker::Picked::Accept => self.mode = Mode::Help,
            _ => self.help_scroll = 0,
        }
    }

    fn update_visual(&mut self, a: Action, effects: &mut Vec<Effect>) -> bool {
        match a {
            Action::Close => {
                self.detail.set_selecting(false);
                self.mode = Mode::Normal;
            }
            Action::CopyItem => {
                self.copy_selection(effects);
                self.detail.set_selecting(false);
                self.mode = Mode::Normal;
            }
            a @ (Action::Up | Action::Down | Action::Top | Action::Bottom) => {
                return self.update_detail(&a);
            }
            _ => {}
        }
        true
    }

    fn update_normal(&mut self, a: Action, effects: &mut Vec<Effect>) -> bool {
        match a {
            Action::OpenPrograms => {
                if self.programs.is_none() {
                    self.programs = Some(Programs::new(&self.doc.report, &self.doc.index));
                }
                self.mode = Mode::Programs;
            }
            Action::ToggleCompare => self.toggle_versus(),
            Action::Annotate => match self.note_target() {
                Some(loc) => match self.notes.begin_edit(loc) {
                    Ok(()) => self.mode = Mode::Note,
                    Err(e) => self.message = Some(e),
                },
                None => self.message = Some(strings::NO_NOTE_TARGET.to_string()),
            },
            Action::CycleMark => match self.note_target() {
                Some(loc) => {
                    let (job, msg) = self.notes.cycle_mark(&self.doc.report, loc);
                    self.after_notes_change(job, msg, effects);
                }
                None => self.message = Some(strings::NO_NOTE_TARGET.to_string()),
            },
            Action::OpenNotes => match self.notes.open_list(&self.doc.report) {
                Ok(()) => self.mode = Mode::Notes,
                Err(e) => self.message = Some(e),
            },
            Action::FilterNoted => match self.notes.toggle_filter() {
                Ok(on) => {
                    self.refilter_outline();
                    self.message = Some(strings::filter(on).to_string());
                    self.detail.show(&self.doc.report, self.outline.selected());
                }
                Err(e) => self.message = Some(e),
            },
            Action::CopyItem if self.versus_shown() => match self.focus {
                Focus::Detail => self.copy_versus(Some(self.versus.cursor()), effects),
                Focus::Outline => self.copy_versus(None, effects),
            },
            Action::CopyMeasure | Action::CopySection if self.versus_shown() => {
                self.copy_versus(None, effects)
            }
            Action::VisualStart if self.versus_shown() => {
                self.message = Some(strings::VISUAL_IN_VERSUS.to_string());
            }
            Action::CopyItem => match self.focus {
                Focus::Detail => self.copy_selection(effects),
                Focus::Outline => self.copy(Scope::Measure, effects),
            },
            Action::CopyMeasure => self.copy(Scope::Measure, effects),
            Action::CopySection => match self.detail.cursor_section() {
                Some(fy) if self.focus == Focus::Detail => self.copy(Scope::Section(fy), effects),
                _ => self.message = Some(self.no_section_message()),
            },
            Action::VisualStart => {
                if self.doc.report.measure(self.selected()).is_some() {
                    self.focus = Focus::Detail;
                    self.detail.set_selecting(true);
                    self.mode = Mode::Visual;
                } else {
                    self.message = Some(strings::NOT_A_MEASURE.to_string());
                }
            }
            Action::ToggleCopyFormat => {
                self.copy_format = self.copy_format.toggle();
                self.message = Some(strings::copy_format(self.copy_format));
            }
            Action::ToggleHelp => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
                self.help_filter.set_query("");
            }
            Action::OpenSearch => self.open_search(effects),
            Action::OpenGoto => {
                self.goto.set_query("");
                self.mode = Mode::Goto;
            }
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                effects.push(Effect::Mouse(self.mouse));
                self.message = Some(strings::mouse(self.mouse).to_string());
            }
            Action::JumpBack => return self.jump_back(),
            Action::JumpForward => return self.jump_forward(),
            Action::SwitchPane => {
                self.focus = match self.focus {
                    Focus::Outline => Focus::Detail,
                    Focus::Detail => Focus::Outline,
                };
            }
            Action::ToggleLayout => {
                self.arrangement = self.arrangement.next();
                self.screen = self.plan();
                self.message = Some(strings::arrangement(
                    self.arrangement,
                    self.screen.stacked_because,
                ));
            }
            Action::WidenOutline | Action::NarrowOutline => {
                let now = self.screen.areas.outline.width;
                if now > 0 {
                    let by: i16 = if a == Action::WidenOutline { 4 } else { -4 };
                    self.outline_width = now.saturating_add_signed(by).max(1);
                    effects.push(Effect::SaveOutlineWidth(self.outline_width));
                }
            }
            Action::ExpandAll => self.outline.expand_all(&self.doc.report),
            Action::CollapseAll => {
                if let outline::Outcome::Selected(id) = self.outline.collapse_all(&self.doc.report)
                {
                    self.detail.show(&self.doc.report, id);
                }
            }
            Action::NextMeasure => return self.step_measure(1),
            Action::PrevMeasure => return self.step_measure(-1),
            Action::NextHit => self.step_hit(true),
            Action::PrevHit => self.step_hit(false),
            Action::ClearHighlight => {
                if let Some(h) = &mut self.highlight {
                    h.shown = false;
                }
            }
            Action::Paste(text) => {
                // Pasting while browsing starts a search for the pasted text.
                self.mode = Mode::Search;
                self.search.set_query("");
                return self.update_search(Action::Paste(text), effects);
            }
            Action::Click { x, y } => self.click(x, y),
            Action::ScrollUp { x, y } => {
                self.wheel(x, y, -3);
                return false;
            }
            Action::ScrollDown { x, y } => {
                self.wheel(x, y, 3);
                return false;
            }
            a => match self.focus {
                Focus::Detail if self.versus_shown() => {
                    let (outcome, reveal) = self.versus.update(&a);
                    if outcome == versus::Outcome::FocusOutline {
                        self.focus = Focus::Outline;
                    }
                    return reveal;
                }
                Focus::Outline => {
                    let page = self.screen.areas.outline_body().height as usize;
                    let outcome = self.outline.update(&self.doc.report, &a, page);
                    self.on_outline(outcome);
                }
                Focus::Detail => return self.update_detail(&a),
            },
        }
        true
    }

    fn on_outline(&mut self, outcome: outline::Outcome) {
        match outcome {
            outline::Outcome::Nothing => {}
            outline::Outcome::Selected(id) => self.detail.show(&self.doc.report, id),
            outline::Outcome::FocusDetail => self.focus = Focus::Detail,
        }
    }

    fn update_detail(&mut self, a: &Action) -> bool {
        match self.detail.update(a, &self.screen) {
            detail::Outcome::Moved { reveal } => reveal,
            detail::Outcome::FocusOutline => {
                self.focus = Focus::Outline;
                true
            }
            detail::Outcome::Open(id) => {
                self.show(id);
                false
            }
        }
    }

    /// What `c` says when there is no section to copy, for where the user is.
    fn no_section_message(&self) -> String {
        let on_measure = self.doc.report.measure(self.selected()).is_some();
        strings::no_section(self.focus == Focus::Outline, on_measure).to_string()
    }

    fn step_measure(&mut self, dir: isize) -> bool {
        let ids = &self.doc.measures;
        let cur = self.selected();
        let next = match ids.binary_search(&cur) {
            Ok(i) => i.checked_add_signed(dir).filter(|&n| n < ids.len()),
            // From a part or chapter: its first measure, or the one before it.
            Err(p) => {
                if dir > 0 {
                    Some(p)
                } else {
                    p.checked_sub(1)
                }
            }
        };
        match next.and_then(|n| ids.get(n)) {
            Some(&id) => self.show(id),
            None => self.message = Some(strings::NO_MORE_MEASURES.to_string()),
        }
        // A measure opens at its top: path and title in view.
        false
    }

    fn wheel(&mut self, x: u16, y: u16, by: isize) {
        let areas = self.screen.areas;
        if super::layout::contains(areas.outline, x, y) {
            let h = areas.outline_body().height as usize;
            let outcome = self.outline.scroll_by(by, h);
            self.on_outline(outcome);
        } else if self.versus_shown() {
            self.versus.wheel(by);
        } else {
            self.detail.wheel(&self.screen, x, y, by);
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let body = self.screen.areas.outline_body();
        if super::layout::contains(body, x, y) {
            self.focus = Focus::Outline;
            let outcome = self.outline.click(&self.doc.report, (y - body.y) as usize);
            self.on_outline(outcome);
        } else if self.versus_shown() {
            if super::layout::contains(self.screen.areas.detail, x, y) {
                self.focus = Focus::Detail;
                self.versus.click(y);
            }
        } else if self.detail.click(&self.screen, x, y) {
            self.focus = Focus::Detail;
        }
    }

    // ----- notes ----------------------------------------------------------------------------

    /// What `a` and `m` act on: the item under the detail cursor, else the node selected in
    /// the outline (in the plans → results view, the newer edition's measure).
    fn note_target(&self) -> Option<Loc> {
        if self.versus_shown() {
            let cmp = self.doc.compare.as_ref()?;
            let pair = cmp.pairs.get(self.versus.pair()?)?;
            let new = pair.new?;
            // In the detail pane: the result of the row under the cursor (the judgement of
            // whether it carried its plan out); else the measure.
            let result = self
                .versus
                .rows()
                .get(self.versus.cursor())
                .and_then(|r| r.result);
            return Some(match (self.focus, result) {
                (Focus::Detail, Some(r)) => versus::result_loc(new, r),
                _ => Loc::title(new),
            });
        }
        match self.focus {
            Focus::Detail => match self.detail.blocks().get(self.detail.cursor())?.kind {
                detail::blocks::BlockKind::Text(loc) => Some(loc),
                detail::blocks::BlockKind::Child(id) => Some(Loc::title(id)),
                _ => None,
            },
            Focus::Outline => {
                if self.outline.selected_ghost().is_some() {
                    return None;
                }
                Some(Loc::title(self.outline.selected()))
            }
        }
    }

    /// After a note changed here: the job to the worker, the message, the outline's filter.
    fn after_notes_change(
        &mut self,
        job: Option<super::annotations::Job>,
        msg: String,
        effects: &mut Vec<Effect>,
    ) {
        if let Some(job) = job {
            effects.push(Effect::Notes(job));
        }
        self.message = Some(msg);
        if self.notes.filter() {
            self.refilter_outline();
        }
    }

    /// The outline shows only annotated measures when the filter is on.
    fn refilter_outline(&mut self) {
        let keep = self.notes.filter().then(|| self.notes.noted_nodes());
        self.outline.set_filter(&self.doc.report, keep);
    }

    fn update_note(&mut self, a: Action, effects: &mut Vec<Effect>) {
        if let Some((job, msg)) = self.notes.edit(&self.doc.report, a) {
            self.mode = Mode::Normal;
            self.after_notes_change(job, msg, effects);
        }
    }

    fn update_notes_list(&mut self, a: Action, effects: &mut Vec<Effect>) -> bool {
        if a == Action::CopySheet {
            let report = &self.doc.report;
            let rows = crate::notes::sheet::rows(report, &self.doc.source, self.notes.notes());
            effects.push(Effect::Copy(crate::notes::sheet::markdown(report, &rows)));
            return true;
        }
        let page = (self.screen.areas.popup.height.saturating_sub(4) / 2).max(1) as usize;
        match self.notes.list_key(a, page) {
            super::annotations::ListOutcome::Nothing => {}
            super::annotations::ListOutcome::Close => self.mode = Mode::Normal,
            super::annotations::ListOutcome::Lost => {
                self.message = Some(strings::NOTE_LOST.to_string())
            }
            super::annotations::ListOutcome::Jump(loc) => {
                self.mode = Mode::Normal;
                self.versus_on = false;
                self.record_jump();
                self.show(loc.node);
                self.detail.go_to(loc);
                if loc.node.measure.is_some() || loc.node.is_preface() {
                    self.focus = Focus::Detail;
                }
            }
        }
        true
    }

    fn notes_done(&mut self, done: super::annotations::Done, effects: &mut Vec<Effect>) {
        let (msg, reload) = self.notes.done(done);
        if let Some(m) = msg {
            self.message = Some(m);
        }
        if reload {
            effects.push(Effect::Notes(super::annotations::Job::Load));
        }
        if self.notes.filter() {
            self.refilter_outline();
        }
        if self.mode == Mode::Notes {
            self.notes_refilter();
        }
    }

    fn notes_refilter(&mut self) {
        self.notes.index_list(&self.doc.report);
        self.notes.refilter();
    }

    // ----- copying --------------------------------------------------------------------------

    /// `d`: the plan → result view, or back to the normal one.
    fn toggle_versus(&mut self) {
        if self.doc.compare.is_none() {
            self.message = Some(strings::NO_COMPARISON.to_string());
            return;
        }
        if self.outline.selected_ghost().is_some() {
            self.message = Some(strings::GHOST_ONLY.to_string());
            return;
        }
        self.versus_on = !self.versus_on;
        self.message = Some(
            if self.versus_on {
                strings::VERSUS_ON
            } else {
                strings::VERSUS_OFF
            }
            .to_string(),
        );
    }

    /// Copies a row of the plan → result view, or all of them, citing both editions.
    fn copy_versus(&mut self, row: Option<usize>, effects: &mut Vec<Effect>) {
        let Some(cmp) = &self.doc.compare else {
            return;
        };
        let (report, src) = (&self.doc.report, self.doc.sources());
        let text = match row {
            Some(r) => self.versus.copy_row(cmp, report, r, src, self.copy_format),
            None => self.versus.copy_all(cmp, report, src, self.copy_format),
        };
        match text {
            Some(text) => effects.push(Effect::Copy(text)),
            None => self.message = Some(strings::NOT_A_MEASURE.to_string()),
        }
    }

    fn copy_selection(&mut self, effects: &mut Vec<Effect>) {
        let places = self.detail.selected_places();
        if places.is_empty() {
            self.copy(Scope::Measure, effects);
        } else {
            self.copy(Scope::Pieces(places), effects);
        }
    }

    fn copy(&mut self, scope: Scope, effects: &mut Vec<Effect>) {
        let report = &self.doc.report;
        let id = self.selected();
        let text = match (&scope, report.measure(id)) {
            // A part or chapter is copied whole, as `show` prints it.
            (Scope::Measure, None) => excerpt::node(report, id, self.copy_format),
            _ => excerpt::excerpt(report, id, &scope, self.copy_format).ok(),
        };
        match text {
            Some(text) => effects.push(Effect::Copy(text)),
            None => self.message = Some(strings::NOT_A_MEASURE.to_string()),
        }
    }

    // ----- the index of programs ------------------------------------------------------------

    fn update_programs(&mut self, a: Action) -> bool {
        let Some(p) = self.programs.as_mut() else {
            self.mode = Mode::Normal;
            return true;
        };
        let page = self.screen.areas.popup.height.saturating_sub(4).max(1) as usize;
        match p.update(&self.doc.report, &self.doc.index, a, page) {
            programs::Outcome::Nothing => {}
            programs::Outcome::Close => self.mode = Mode::Normal,
            programs::Outcome::Jump {
                term,
                hits,
                current,
            } => {
                self.mode = Mode::Normal;
                if let Some(hit) = hits.get(current).cloned() {
                    self.highlight = Some(Highlight {
                        query: term,
                        hits,
                        current: Some(current),
                        occurrence: 0,
                        shown: true,
                    });
                    self.go_to_hit(&hit);
                }
            }
        }
        true
    }

    // ----- search ---------------------------------------------------------------------------

    fn open_search(&mut self, effects: &mut Vec<Effect>) {
        self.mode = Mode::Search;
        // The previous query comes back selected: typing replaces it, editing keeps it.
        self.search.select_query();
        self.request_search(effects);
    }

    fn request_search(&mut self, effects: &mut Vec<Effect>) {
        self.search_generation += 1;
        if self.search.query().trim().is_empty() {
            self.search.set_items(Vec::new(), 0);
            return;
        }
        effects.push(Effect::Search {
            generation: self.search_generation,
            query: self.search.query().to_string(),
            scope: self.search_scope,
        });
    }

    fn update_search(&mut self, a: Action, effects: &mut Vec<Effect>) -> bool {
        let page = (self.screen.areas.popup.height.saturating_sub(4) / 2).max(1) as usize;
        // The history: Ctrl-r, Up on the first hit (or with none), Down on the last.
        let at_top = self.search.selected() == 0;
        let at_bottom = self.search.selected() + 1 >= self.search.items().len();
        let recalled = match a {
            Action::HistoryOlder => self.history.older(),
            Action::PickPrev if at_top => self.history.older(),
            Action::PickNext if at_bottom => self.history.newer(),
            _ => None,
        };
        if let Some(q) = recalled {
            let q = q.to_string();
            self.search.set_query(&q);
            self.request_search(effects);
            return true;
        }
        if a == Action::HistoryOlder {
            return true;
        }
        if a == Action::CycleScope {
            self.search_scope = self.search_scope.next(self.selected());
            self.request_search(effects);
            return true;
        }
        match self.search.update(a, page) {
            super::picker::Picked::Nothing => {}
            super::picker::Picked::Close => self.mode = Mode::Normal,
            super::picker::Picked::QueryChanged => {
                self.history.stop();
                self.request_search(effects);
            }
            super::picker::Picked::Accept => return self.accept_search(effects),
        }
        true
    }

    /// Jumps to the chosen hit and keeps the query for highlights and `n`/`N`, and in the
    /// history.
    fn accept_search(&mut self, effects: &mut Vec<Effect>) -> bool {
        self.mode = Mode::Normal;
        self.history.push(self.search.query());
        effects.push(Effect::SaveHistory(self.history.entries().to_vec()));
        let Some(hit) = self.search.current().cloned() else {
            return true;
        };
        let mut hits = self.search.items().to_vec();
        hits.sort_by_key(|h| h.unit);
        let current = hits.iter().position(|h| h.unit == hit.unit);
        self.highlight = Some(Highlight {
            query: self.search.query().to_string(),
            hits,
            current,
            occurrence: 0,
            shown: true,
        });
        self.go_to_hit(&hit);
        true
    }

    fn go_to_hit(&mut self, hit: &Hit) {
        let loc: Loc = self.doc.index.units[hit.unit];
        // A hit is shown where it is: in the normal view.
        self.versus_on = false;
        self.record_jump();
        self.show(loc.node);
        self.detail.go_to(loc);
        self.focus = Focus::Detail;
        self.reveal_occurrence = true;
    }

    // ----- jumps ----------------------------------------------------------------------------

    fn here(&self) -> Pos {
        let d = &self.detail;
        Pos {
            node: d.node(),
            at: d.blocks().get(d.cursor()).and_then(|b| b.kind.loc()),
        }
    }

    /// Remembers where the user is before a jump takes them elsewhere.
    fn record_jump(&mut self) {
        let here = self.here();
        self.jumps.list.truncate(self.jumps.at);
        if self.jumps.list.last() != Some(&here) {
            self.jumps.list.push(here);
        }
        if self.jumps.list.len() > JUMPS_KEPT {
            self.jumps.list.remove(0);
        }
        self.jumps.at = self.jumps.list.len();
    }

    fn go_to_pos(&mut self, pos: Pos) {
        self.show(pos.node);
        if let Some(loc) = pos.at {
            self.detail.go_to(loc);
        }
    }

    fn jump_back(&mut self) -> bool {
        if self.jumps.at == 0 {
            self.message = Some(strings::NO_OLDER_JUMP.to_string());
            return true;
        }
        if self.jumps.at == self.jumps.list.len() {
            // Remember where we are, so that Alt-i comes back here.
            let here = self.here();
            self.jumps.list.push(here);
        }
        self.jumps.at -= 1;
        let pos = self.jumps.list[self.jumps.at];
        self.go_to_pos(pos);
        true
    }

    fn jump_forward(&mut self) -> bool {
        if self.jumps.at + 1 >= self.jumps.list.len() {
            self.message = Some(strings::NO_NEWER_JUMP.to_string());
            return true;
        }
        self.jumps.at += 1;
        let pos = self.jumps.list[self.jumps.at];
        if self.jumps.at + 1 == self.jumps.list.len() {
            // Back at the newest place: it is the present again, not a jump target.
            self.jumps.list.pop();
            self.jumps.at = self.jumps.list.len();
        }
        self.go_to_pos(pos);
        true
    }

    fn update_goto(&mut self, a: Action) -> bool {
        match self.goto.update(a, 1) {
            super::picker::Picked::Close => self.mode = Mode::Normal,
            super::picker::Picked::Accept => {
                self.mode = Mode::Normal;
                let typed = self.goto.query().trim().trim_start_matches(':').to_string();
                match typed.parse::<NodeId>() {
                    Ok(id) if self.doc.report.get(id).is_some() => {
                        self.record_jump();
                        self.show(id);
                        if id.measure.is_some() {
                            self.focus = Focus::Detail;
                        }
                        return false;
                    }
                    _ => self.message = Some(strings::no_such_id(&typed)),
                }
            }
            _ => {}
        }
        true
    }

    fn step_hit(&mut self, forward: bool) {
        let Some(h) = self.highlight.as_mut() else {
            self.message = Some(strings::NO_SEARCH.to_string());
            return;
        };
        let n = h.hits.len();
        if n == 0 {
            return;
        }
        // Every occurrence is a stop, as in less: a hit with three matches takes three `n`.
        let stops = |hit: &Hit| hit.ranges.len().max(1);
        let (next, occurrence) = match (h.current, forward) {
            (Some(c), true) if h.occurrence + 1 < stops(&h.hits[c]) => (c, h.occurrence + 1),
            (Some(c), false) if h.occurrence > 0 => (c, h.occurrence - 1),
            (Some(c), true) => ((c + 1) % n, 0),
            (Some(c), false) => {
                let p = (c + n - 1) % n;
                (p, stops(&h.hits[p]) - 1)
            }
            (None, true) => (0, 0),
            (None, false) => (n - 1, stops(&h.hits[n - 1]) - 1),
        };
        let wrapped = h
            .current
            .is_some_and(|c| (forward && next < c) || (!forward && next > c));
        h.current = Some(next);
        h.occurrence = occurrence;
        h.shown = true;
        let total: usize = h.hits.iter().map(stops).sum();
        let at: usize = h.hits[..next].iter().map(stops).sum::<usize>() + occurrence + 1;
        let hit = h.hits[next].clone();
        self.go_to_hit(&hit);
        self.message = Some(strings::hit_position(at, total, wrapped));
    }
}
