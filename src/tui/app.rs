//! The browser's state and its one update function. Rendering reads this state and nothing
//! else; every change goes through [`App::update`].

use super::action::Action;
use super::detail::{self, Block, BlockKind, Line, Region};
use super::keymap::Mode;
use super::layout::{self, Areas, Arrangement};
use super::outline::{self, Row};
use super::strings;
use super::theme::Theme;
use crate::programs::{self, Entry};
use crate::report::excerpt::{self, Format, Piece, Scope};
use crate::report::{Fy, NodeId, Report};
use crate::search::{self, Hit, Index, Query};
use ratatui::layout::Rect;
use std::collections::HashSet;
use tui_input::{Input, InputRequest};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Outline,
    Detail,
}

/// The search popup.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub input: Input,
    pub hits: Vec<Hit>,
    pub total: usize,
    pub selected: usize,
}

/// The last accepted search: highlights in the detail pane, and `n`/`N`.
#[derive(Debug, Clone, Default)]
pub struct Highlight {
    pub query: String,
    /// Hits in document order.
    pub hits: Vec<Hit>,
    pub current: Option<usize>,
}

/// The index of programs and acronyms (built the first time it is opened).
#[derive(Debug, Clone, Default)]
pub struct ProgramsState {
    pub entries: Vec<Entry>,
    /// Folded term, long name and English name of each entry, for filtering.
    folded: Vec<String>,
    pub input: Input,
    /// Entries matching the filter.
    pub filtered: Vec<usize>,
    pub selected: usize,
    /// The entry whose measures are listed, if one is open.
    pub open: Option<usize>,
    /// Its mentions in document order, and the first mention in each measure.
    pub mentions: Vec<Hit>,
    pub rows: Vec<usize>,
    pub row: usize,
}

impl ProgramsState {
    fn new(entries: Vec<Entry>) -> ProgramsState {
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
        let mut p = ProgramsState {
            entries,
            folded,
            ..ProgramsState::default()
        };
        p.refilter();
        p
    }

    /// Applies the filter: width, case, kana and romaji folded as in search.
    fn refilter(&mut self) {
        let q = Query::parse(self.input.value());
        self.filtered = (0..self.entries.len())
            .filter(|&i| q.is_empty() || q.matches_folded(&self.folded[i]))
            .collect();
        self.selected = 0;
    }
}

/// Types a char into an input. Half-width katakana become full-width, and a half-width voiced
/// mark joins the kana before it (ﾊﾞ → バ): what an IME would have produced, and what every
/// terminal draws alike. Search folds width anyway, so the query means the same.
fn type_char(input: &mut Input, c: char) -> bool {
    use unicode_normalization::UnicodeNormalization;
    match c {
        '\u{ff9e}' | '\u{ff9f}' => {
            let mark = if c == '\u{ff9e}' {
                '\u{3099}'
            } else {
                '\u{309a}'
            };
            let prev = input.value().chars().nth(input.cursor().wrapping_sub(1));
            if let Some(composed) = prev.and_then(|p| unicode_normalization::char::compose(p, mark))
            {
                input.handle(InputRequest::DeletePrevChar);
                input.handle(InputRequest::InsertChar(composed));
            } else {
                input.handle(InputRequest::InsertChar(if c == '\u{ff9e}' {
                    '゛'
                } else {
                    '゜'
                }));
            }
            true
        }
        c if c.is_control() => false,
        '\u{ff61}'..='\u{ff9d}' => {
            for d in c.to_string().nfkc() {
                input.handle(InputRequest::InsertChar(d));
            }
            true
        }
        c => input.handle(InputRequest::InsertChar(c)).is_some(),
    }
}

/// Handles an input request: typed chars through [`type_char`]. Did the value change?
fn edit(input: &mut Input, req: InputRequest) -> bool {
    match req {
        InputRequest::InsertChar(c) => type_char(input, c),
        req => input.handle(req).is_some_and(|c| c.value),
    }
}

/// One scrollable view of the detail pane and its laid-out lines.
#[derive(Debug, Clone)]
pub struct View {
    pub region: Option<Region>,
    pub rect: Rect,
    pub lines: Vec<Line>,
}

/// Columns left of the detail text for the item cursor.
pub const GUTTER: u16 = 2;
/// Most hits the popup lists.
pub const SEARCH_LIMIT: usize = 500;

pub struct App {
    pub report: Report,
    pub index: Index,
    /// File name for the status bar.
    pub source: String,
    pub theme: Theme,
    pub size: Rect,
    pub mode: Mode,
    pub focus: Focus,
    pub arrangement: Arrangement,
    pub expanded: HashSet<NodeId>,
    pub selected: NodeId,
    pub outline_scroll: usize,
    /// The selected node's blocks (derived from `selected`, kept to avoid re-deriving per frame).
    pub blocks: Vec<Block>,
    pub cursor: usize,
    /// Scroll offsets: the stacked view, and the side-by-side header, left and right columns.
    pub scroll_stacked: usize,
    pub scroll_side: [usize; 3],
    pub search: SearchState,
    pub programs: Option<ProgramsState>,
    pub highlight: Option<Highlight>,
    pub help_scroll: usize,
    pub message: Option<String>,
    pub quit: bool,
    /// How copies are written.
    pub copy_format: Format,
    /// The other end of the item range being selected (visual mode).
    pub anchor: Option<usize>,
    /// Text to put on the clipboard: set by an update, delivered by the event loop, whose
    /// report comes back as [`Action::CopyDone`].
    pub pending_copy: Option<String>,
}

fn region_slot(r: Region) -> usize {
    match r {
        Region::Header => 0,
        Region::Left => 1,
        Region::Right => 2,
    }
}

impl App {
    pub fn new(report: Report, source: String, theme: Theme, size: Rect) -> App {
        let index = Index::build(&report);
        let expanded = outline::all_branches(&report);
        // Open on the first measure, so the first frame shows one.
        let selected = report
            .measures()
            .next()
            .map(|(id, _)| id)
            .unwrap_or(NodeId::part(1));
        let mut app = App {
            blocks: detail::blocks(&report, selected),
            report,
            index,
            source,
            theme,
            size,
            mode: Mode::Normal,
            focus: Focus::Outline,
            arrangement: Arrangement::Auto,
            expanded,
            selected,
            outline_scroll: 0,
            cursor: 0,
            scroll_stacked: 0,
            scroll_side: [0; 3],
            search: SearchState::default(),
            programs: None,
            highlight: None,
            help_scroll: 0,
            message: None,
            quit: false,
            copy_format: Format::Plain,
            anchor: None,
            pending_copy: None,
        };
        app.cursor = app.first_item().unwrap_or(0);
        app.sync(false);
        app
    }

    // ----- derived views -------------------------------------------------------------------

    pub fn areas(&self) -> Areas {
        layout::areas(self.size, self.arrangement, self.focus == Focus::Detail)
    }

    pub fn rows(&self) -> Vec<Row> {
        outline::rows(&self.report, &self.expanded)
    }

    fn selected_row(&self, rows: &[Row]) -> usize {
        rows.iter().position(|r| r.id == self.selected).unwrap_or(0)
    }

    /// The detail pane's views for the current layout.
    pub fn views(&self, areas: &Areas) -> Vec<View> {
        let body = areas.detail_body();
        if body.width <= GUTTER || body.height == 0 {
            return Vec::new();
        }
        let text_w = |r: Rect| (r.width.saturating_sub(GUTTER)) as usize;
        let stacked = || {
            vec![View {
                region: None,
                rect: body,
                lines: detail::layout(&self.blocks, None, text_w(body)),
            }]
        };
        // Side by side only for a measure's FY sections.
        let has_sections = self.blocks.iter().any(|b| b.region() != Region::Header);
        if !areas.side_by_side || !has_sections {
            return stacked();
        }
        let header_lines = detail::layout(&self.blocks, Some(Region::Header), text_w(body));
        // Chosen automatically, side by side gives way when the header would not fit whole.
        if self.arrangement == Arrangement::Auto
            && header_lines.len() + 1 > layout::max_header(body.height)
        {
            return stacked();
        }
        // One blank row between the header and the columns.
        let (header, left, _, right) = layout::side_regions(body, header_lines.len() + 1);
        vec![
            View {
                region: Some(Region::Header),
                rect: header,
                lines: header_lines,
            },
            View {
                region: Some(Region::Left),
                rect: left,
                lines: detail::layout(&self.blocks, Some(Region::Left), text_w(left)),
            },
            View {
                region: Some(Region::Right),
                rect: right,
                lines: detail::layout(&self.blocks, Some(Region::Right), text_w(right)),
            },
        ]
    }

    pub fn scroll_of(&self, region: Option<Region>) -> usize {
        match region {
            None => self.scroll_stacked,
            Some(r) => self.scroll_side[region_slot(r)],
        }
    }

    fn scroll_mut(&mut self, region: Option<Region>) -> &mut usize {
        match region {
            None => &mut self.scroll_stacked,
            Some(r) => &mut self.scroll_side[region_slot(r)],
        }
    }

    /// The view holding the cursor's block.
    fn cursor_view<'v>(&self, views: &'v [View]) -> Option<&'v View> {
        views
            .iter()
            .find(|v| v.lines.iter().any(|l| l.block == self.cursor))
            .or(views.first())
    }

    fn items(&self) -> impl Iterator<Item = usize> + '_ {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind.is_item())
            .map(|(i, _)| i)
    }

    fn first_item(&self) -> Option<usize> {
        self.items().next()
    }

    // ----- keeping state consistent --------------------------------------------------------

    /// Clamps scroll offsets to the content and, with `reveal`, scrolls the cursor into view.
    fn sync(&mut self, reveal: bool) {
        let areas = self.areas();
        // Outline: keep the selection visible.
        let rows = self.rows();
        let h = areas.outline_body().height.max(1) as usize;
        let sel = self.selected_row(&rows);
        if sel < self.outline_scroll {
            self.outline_scroll = sel;
        } else if sel >= self.outline_scroll + h {
            self.outline_scroll = sel + 1 - h;
        }
        self.outline_scroll = self.outline_scroll.min(rows.len().saturating_sub(h));
        // Help: no scrolling past its end.
        let help_h = areas.popup.height.saturating_sub(2) as usize;
        let help_w = areas.popup.width.saturating_sub(4);
        self.help_scroll = self.help_scroll.min(
            super::keymap::help_lines(help_w)
                .len()
                .saturating_sub(help_h),
        );
        // Detail.
        let views = self.views(&areas);
        if reveal && let Some(v) = self.cursor_view(&views) {
            let h = v.rect.height as usize;
            if let Some((first, last)) = detail::block_span(&v.lines, self.cursor) {
                let s = self.scroll_of(v.region);
                let new = if first < s {
                    first
                } else if last >= s + h {
                    first.max((last + 1).saturating_sub(h))
                } else {
                    s
                };
                let region = v.region;
                *self.scroll_mut(region) = new;
            }
        }
        for v in &views {
            let max = v.lines.len().saturating_sub(v.rect.height as usize);
            let s = self.scroll_mut(v.region);
            *s = (*s).min(max);
        }
    }

    /// Shows a node in the detail pane from its top.
    fn show(&mut self, id: NodeId) {
        if id == self.selected {
            return;
        }
        self.selected = id;
        self.blocks = detail::blocks(&self.report, id);
        self.cursor = self.first_item().unwrap_or(0);
        self.scroll_stacked = 0;
        self.scroll_side = [0; 3];
    }

    /// Selects a node, opening its ancestors in the outline.
    fn reveal_in_outline(&mut self, id: NodeId) {
        let mut p = outline::parent(id);
        while let Some(a) = p {
            self.expanded.insert(a);
            p = outline::parent(a);
        }
        self.show(id);
    }

    // ----- update --------------------------------------------------------------------------

    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize { .. }) {
            self.message = None;
        }
        let mut reveal = true;
        match (self.mode, action) {
            (_, Action::Quit) => self.quit = true,
            (_, Action::Resize { width, height }) => {
                self.size = Rect::new(0, 0, width, height);
            }
            (Mode::Help, Action::Close | Action::ToggleHelp) => self.mode = Mode::Normal,
            (Mode::Help, Action::Down) => self.help_scroll += 1,
            (Mode::Help, Action::Up) => self.help_scroll = self.help_scroll.saturating_sub(1),
            (Mode::Help, _) => {}
            (Mode::Search, a) => self.update_search(a),
            (Mode::Programs, a) => self.update_programs(a),
            (Mode::Normal, Action::OpenPrograms) => {
                if self.programs.is_none() {
                    let entries = programs::extract(&self.report, &self.index);
                    self.programs = Some(ProgramsState::new(entries));
                }
                self.mode = Mode::Programs;
            }
            (_, Action::CopyDone(msg)) => self.message = Some(msg),
            (Mode::Visual, Action::Close) => {
                self.mode = Mode::Normal;
                self.anchor = None;
            }
            (Mode::Visual, Action::CopyItem) => {
                self.copy_range();
                self.mode = Mode::Normal;
                self.anchor = None;
            }
            (Mode::Visual, a @ (Action::Up | Action::Down | Action::Top | Action::Bottom)) => {
                reveal = self.update_detail(a);
            }
            (Mode::Visual, _) => {}
            (Mode::Normal, Action::CopyItem) => match self.focus {
                Focus::Detail => self.copy_range(),
                Focus::Outline => self.copy(Scope::Measure),
            },
            (Mode::Normal, Action::CopyMeasure) => self.copy(Scope::Measure),
            (Mode::Normal, Action::CopySection) => match self.cursor_section() {
                Some(fy) => self.copy(Scope::Section(fy)),
                None => self.message = Some(strings::NO_SECTION.to_string()),
            },
            (Mode::Normal, Action::VisualStart) => {
                if self.report.measure(self.selected).is_some() {
                    self.focus = Focus::Detail;
                    self.anchor = Some(self.cursor);
                    self.mode = Mode::Visual;
                } else {
                    self.message = Some(strings::NOT_A_MEASURE.to_string());
                }
            }
            (Mode::Normal, Action::ToggleCopyFormat) => {
                self.copy_format = self.copy_format.toggle();
                self.message = Some(strings::copy_format(self.copy_format));
            }
            (Mode::Normal, Action::ToggleHelp) => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            (Mode::Normal, Action::OpenSearch) => {
                self.mode = Mode::Search;
                self.run_search();
            }
            (Mode::Normal, Action::SwitchPane) => {
                self.focus = match self.focus {
                    Focus::Outline => Focus::Detail,
                    Focus::Detail => Focus::Outline,
                };
            }
            (Mode::Normal, Action::ToggleLayout) => {
                self.arrangement = self.arrangement.next();
                self.message = Some(strings::arrangement(self.arrangement));
            }
            (Mode::Normal, Action::ExpandAll) => {
                self.expanded = outline::all_branches(&self.report);
            }
            (Mode::Normal, Action::CollapseAll) => {
                self.expanded.clear();
                self.show(NodeId::part(self.selected.part));
            }
            (Mode::Normal, Action::NextMeasure) => self.step_measure(1),
            (Mode::Normal, Action::PrevMeasure) => self.step_measure(-1),
            (Mode::Normal, Action::NextHit) => self.step_hit(true),
            (Mode::Normal, Action::PrevHit) => self.step_hit(false),
            (Mode::Normal, Action::ClearHighlight) => self.highlight = None,
            (Mode::Normal, Action::Paste(text)) => {
                // Pasting while browsing starts a search for the pasted text.
                self.mode = Mode::Search;
                self.search.input = Input::default();
                self.update_search(Action::Paste(text));
            }
            (Mode::Normal, Action::Click { x, y }) => self.click(x, y),
            (Mode::Normal, Action::ScrollUp { x, y }) => {
                self.wheel(x, y, -3);
                reveal = false;
            }
            (Mode::Normal, Action::ScrollDown { x, y }) => {
                self.wheel(x, y, 3);
                reveal = false;
            }
            (Mode::Normal, a) => match self.focus {
                Focus::Outline => self.update_outline(a),
                Focus::Detail => reveal = self.update_detail(a),
            },
        }
        self.sync(reveal);
    }

    fn update_outline(&mut self, a: Action) {
        let rows = self.rows();
        if rows.is_empty() {
            return;
        }
        let sel = self.selected_row(&rows);
        let page = self.areas().outline_body().height.max(1) as usize;
        let row = &rows[sel];
        let go = |i: usize| rows[i.min(rows.len() - 1)].id;
        let target = match a {
            Action::Down => Some(go(sel + 1)),
            Action::Up => Some(go(sel.saturating_sub(1))),
            Action::Top => Some(go(0)),
            Action::Bottom => Some(go(rows.len() - 1)),
            Action::PageDown => Some(go(sel + page)),
            Action::PageUp => Some(go(sel.saturating_sub(page))),
            Action::HalfPageDown => Some(go(sel + page / 2)),
            Action::HalfPageUp => Some(go(sel.saturating_sub(page / 2))),
            Action::Left => {
                if row.expandable && row.expanded {
                    self.expanded.remove(&row.id);
                    None
                } else {
                    outline::parent(row.id)
                }
            }
            Action::Right | Action::Activate => {
                if row.expandable && !row.expanded {
                    self.expanded.insert(row.id);
                    None
                } else if row.expandable && a == Action::Activate {
                    self.expanded.remove(&row.id);
                    None
                } else if row.expandable {
                    rows.get(sel + 1).map(|r| r.id)
                } else {
                    self.focus = Focus::Detail;
                    None
                }
            }
            _ => None,
        };
        if let Some(id) = target {
            self.show(id);
        }
    }

    /// Returns whether to scroll the cursor into view.
    fn update_detail(&mut self, a: Action) -> bool {
        let areas = self.areas();
        let views = self.views(&areas);
        let items: Vec<usize> = self.items().collect();
        let pos = items.iter().position(|&i| i == self.cursor);
        let Some(view) = self.cursor_view(&views).cloned() else {
            return true;
        };
        let h = view.rect.height.max(1) as usize;
        match a {
            Action::Down => {
                // A block taller than the view scrolls before the cursor moves on.
                let s = self.scroll_of(view.region);
                if let Some((_, last)) = detail::block_span(&view.lines, self.cursor)
                    && last >= s + h
                {
                    *self.scroll_mut(view.region) = s + 1;
                    return false;
                }
                if let Some(&next) = pos.and_then(|p| items.get(p + 1)) {
                    self.cursor = next;
                }
            }
            Action::Up => {
                let s = self.scroll_of(view.region);
                if let Some((first, _)) = detail::block_span(&view.lines, self.cursor)
                    && first < s
                {
                    *self.scroll_mut(view.region) = s - 1;
                    return false;
                }
                if let Some(&prev) = pos
                    .and_then(|p| p.checked_sub(1))
                    .and_then(|p| items.get(p))
                {
                    self.cursor = prev;
                }
            }
            Action::Top => {
                if let Some(&first) = items.first() {
                    self.cursor = first;
                }
                self.scroll_stacked = 0;
                self.scroll_side = [0; 3];
            }
            Action::Bottom => {
                if let Some(&last) = items.last() {
                    self.cursor = last;
                }
            }
            Action::PageDown | Action::PageUp | Action::HalfPageDown | Action::HalfPageUp => {
                let by = match a {
                    Action::PageDown | Action::PageUp => h.saturating_sub(1).max(1),
                    _ => (h / 2).max(1),
                } as isize;
                let dir = if matches!(a, Action::PageDown | Action::HalfPageDown) {
                    by
                } else {
                    -by
                };
                self.scroll_view(&view, dir);
                return false;
            }
            Action::Left => match view.region {
                Some(Region::Right) => self.jump_to_region(&views, Region::Left),
                _ => self.focus = Focus::Outline,
            },
            Action::Right => {
                if matches!(view.region, Some(Region::Left | Region::Header)) {
                    self.jump_to_region(&views, Region::Right);
                }
            }
            Action::Activate => {
                if let Some(BlockKind::Child(id)) = self.blocks.get(self.cursor).map(|b| b.kind) {
                    self.reveal_in_outline(id);
                }
            }
            _ => {}
        }
        true
    }

    /// Scrolls a view by `by` lines; a cursor left outside moves to the first block in view.
    fn scroll_view(&mut self, view: &View, by: isize) {
        let h = view.rect.height as usize;
        let max = view.lines.len().saturating_sub(h);
        let s = self.scroll_of(view.region);
        let new = s.saturating_add_signed(by).min(max);
        *self.scroll_mut(view.region) = new;
        let visible: Vec<usize> = view.lines[new.min(view.lines.len())..]
            .iter()
            .take(h)
            .map(|l| l.block)
            .filter(|&b| self.blocks.get(b).is_some_and(|b| b.kind.is_item()))
            .collect();
        if !visible.contains(&self.cursor)
            && let Some(&b) = if by > 0 {
                visible.first()
            } else {
                visible.last()
            }
        {
            self.cursor = b;
        }
    }

    /// Moves the cursor to the first item visible in another side-by-side column.
    fn jump_to_region(&mut self, views: &[View], region: Region) {
        let Some(v) = views.iter().find(|v| v.region == Some(region)) else {
            return;
        };
        let s = self.scroll_of(v.region);
        let target = v.lines[s.min(v.lines.len())..]
            .iter()
            .map(|l| l.block)
            .find(|&b| self.blocks.get(b).is_some_and(|b| b.kind.is_item()))
            .or_else(|| {
                v.lines
                    .iter()
                    .map(|l| l.block)
                    .find(|&b| self.blocks.get(b).is_some_and(|b| b.kind.is_item()))
            });
        if let Some(b) = target {
            self.cursor = b;
        }
    }

    fn step_measure(&mut self, dir: isize) {
        let ids: Vec<NodeId> = self.report.measures().map(|(id, _)| id).collect();
        let cur = ids.iter().position(|&i| i == self.selected);
        let next = match cur {
            Some(i) => i.checked_add_signed(dir).filter(|&n| n < ids.len()),
            // From a part or chapter: its first measure, or the one before it.
            None => ids
                .iter()
                .position(|&i| i > self.selected)
                .and_then(|p| if dir > 0 { Some(p) } else { p.checked_sub(1) }),
        };
        match next.and_then(|n| ids.get(n)) {
            Some(&id) => self.reveal_in_outline(id),
            None => self.message = Some(strings::NO_MORE_MEASURES.to_string()),
        }
    }

    fn wheel(&mut self, x: u16, y: u16, by: isize) {
        let areas = self.areas();
        if layout::contains(areas.outline, x, y) {
            let rows = self.rows();
            let h = areas.outline_body().height.max(1) as usize;
            let max = rows.len().saturating_sub(h);
            self.outline_scroll = self.outline_scroll.saturating_add_signed(by).min(max);
            // Keep the selection on screen.
            let sel = self.selected_row(&rows);
            let clamped = sel.clamp(self.outline_scroll, self.outline_scroll + h - 1);
            if clamped != sel
                && let Some(r) = rows.get(clamped)
            {
                self.show(r.id);
            }
            return;
        }
        let views = self.views(&areas);
        if let Some(v) = views
            .iter()
            .find(|v| layout::contains(v.rect, x, y))
            .cloned()
        {
            self.scroll_view(&v, by);
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let areas = self.areas();
        let body = areas.outline_body();
        if layout::contains(body, x, y) {
            self.focus = Focus::Outline;
            let rows = self.rows();
            let i = self.outline_scroll + (y - body.y) as usize;
            if let Some(r) = rows.get(i) {
                if r.id == self.selected && r.expandable {
                    self.update_outline(Action::Activate);
                } else {
                    self.show(r.id);
                }
            }
            return;
        }
        let views = self.views(&areas);
        if let Some(v) = views.iter().find(|v| layout::contains(v.rect, x, y)) {
            self.focus = Focus::Detail;
            let line = self.scroll_of(v.region) + (y - v.rect.y) as usize;
            if let Some(l) = v.lines.get(line)
                && self.blocks.get(l.block).is_some_and(|b| b.kind.is_item())
            {
                self.cursor = l.block;
            }
        }
    }

    // ----- copying -------------------------------------------------------------------------

    /// The excerpt piece a block shows (a bullet's tail copies the whole bullet).
    fn piece(&self, b: usize) -> Option<Piece> {
        match self.blocks.get(b)?.kind {
            BlockKind::Purpose => Some(Piece::Purpose),
            BlockKind::Item(fy, loc) => Some(Piece::Item {
                fy,
                item: loc.item,
                sub: if loc.tail { None } else { loc.sub },
            }),
            _ => None,
        }
    }

    /// The blocks selected: the range from the anchor to the cursor, or the cursor alone.
    pub fn selection(&self) -> (usize, usize) {
        let a = self.anchor.unwrap_or(self.cursor);
        (a.min(self.cursor), a.max(self.cursor))
    }

    fn cursor_section(&self) -> Option<Fy> {
        match self.blocks.get(self.cursor)?.kind {
            BlockKind::Item(fy, _) => Some(fy),
            _ => None,
        }
    }

    fn copy_range(&mut self) {
        let (from, to) = self.selection();
        let pieces: Vec<Piece> = (from..=to).filter_map(|b| self.piece(b)).collect();
        if pieces.is_empty() {
            self.copy(Scope::Measure);
        } else {
            self.copy(Scope::Pieces(pieces));
        }
    }

    fn copy(&mut self, scope: Scope) {
        match excerpt::excerpt(&self.report, self.selected, &scope, self.copy_format) {
            Ok(text) => self.pending_copy = Some(text),
            Err(_) => self.message = Some(strings::NOT_A_MEASURE.to_string()),
        }
    }

    /// Hands the pending copy to the event loop.
    pub fn take_copy(&mut self) -> Option<String> {
        self.pending_copy.take()
    }

    // ----- the index of programs ------------------------------------------------------------

    fn update_programs(&mut self, a: Action) {
        let Some(p) = self.programs.as_mut() else {
            self.mode = Mode::Normal;
            return;
        };
        match (a, p.open) {
            (Action::Close, Some(_)) => p.open = None,
            (Action::Close, None) => self.mode = Mode::Normal,
            (Action::SearchInput(req), None) => {
                let changed = edit(&mut p.input, req);
                if changed {
                    p.refilter();
                }
            }
            (Action::Paste(text), None) => {
                for c in text.chars() {
                    type_char(&mut p.input, c);
                }
                p.refilter();
            }
            (Action::SearchDown | Action::ScrollDown { .. }, None) => {
                p.selected = (p.selected + 1).min(p.filtered.len().saturating_sub(1));
            }
            (Action::SearchUp | Action::ScrollUp { .. }, None) => {
                p.selected = p.selected.saturating_sub(1)
            }
            (Action::SearchDown | Action::ScrollDown { .. }, Some(_)) => {
                p.row = (p.row + 1).min(p.rows.len().saturating_sub(1));
            }
            (Action::SearchUp | Action::ScrollUp { .. }, Some(_)) => {
                p.row = p.row.saturating_sub(1)
            }
            (Action::SearchAccept, None) => {
                let Some(&i) = p.filtered.get(p.selected) else {
                    return;
                };
                let e = &p.entries[i];
                let mut texts = vec![e.term.as_str()];
                texts.extend(e.long_name.as_deref());
                let mentions: Vec<Hit> = self
                    .index
                    .mention_hits(&self.report, &texts)
                    .into_iter()
                    .filter(|h| self.index.units[h.unit].id.measure.is_some())
                    .collect();
                let mut rows = Vec::new();
                let mut last = None;
                for (k, h) in mentions.iter().enumerate() {
                    let id = self.index.units[h.unit].id;
                    if last != Some(id) {
                        rows.push(k);
                        last = Some(id);
                    }
                }
                p.mentions = mentions;
                p.rows = rows;
                p.row = 0;
                p.open = Some(i);
            }
            (Action::SearchAccept, Some(i)) => {
                let Some(&k) = p.rows.get(p.row) else {
                    return;
                };
                let hit = p.mentions[k].clone();
                self.highlight = Some(Highlight {
                    query: p.entries[i].term.clone(),
                    hits: std::mem::take(&mut p.mentions),
                    current: Some(k),
                });
                // Opening the index again shows the list, filter kept.
                p.open = None;
                self.mode = Mode::Normal;
                self.go_to_hit(&hit);
            }
            _ => {}
        }
    }

    // ----- search --------------------------------------------------------------------------

    fn run_search(&mut self) {
        let q = Query::parse(self.search.input.value());
        let res = self.index.search(&self.report, &q, SEARCH_LIMIT);
        self.search.hits = res.hits;
        self.search.total = res.total;
        self.search.selected = 0;
    }

    fn update_search(&mut self, a: Action) {
        match a {
            Action::Close => self.mode = Mode::Normal,
            Action::SearchInput(req) => {
                let changed = edit(&mut self.search.input, req);
                if changed {
                    self.run_search();
                }
            }
            Action::Paste(text) => {
                // One line of text; control characters never reach the input.
                for c in text.chars() {
                    type_char(&mut self.search.input, c);
                }
                self.run_search();
            }
            Action::SearchDown => {
                self.search.selected =
                    (self.search.selected + 1).min(self.search.hits.len().saturating_sub(1));
            }
            Action::SearchUp => self.search.selected = self.search.selected.saturating_sub(1),
            Action::SearchAccept => self.accept_search(),
            Action::ScrollDown { .. } => {
                self.update_search(Action::SearchDown);
            }
            Action::ScrollUp { .. } => self.update_search(Action::SearchUp),
            _ => {}
        }
    }

    /// Jumps to the chosen hit and keeps the query for highlights and `n`/`N`.
    fn accept_search(&mut self) {
        let Some(hit) = self.search.hits.get(self.search.selected).cloned() else {
            self.mode = Mode::Normal;
            return;
        };
        let mut hits = self.search.hits.clone();
        hits.sort_by_key(|h| h.unit);
        let current = hits.iter().position(|h| h.unit == hit.unit);
        self.highlight = Some(Highlight {
            query: self.search.input.value().to_string(),
            hits,
            current,
        });
        self.mode = Mode::Normal;
        self.go_to_hit(&hit);
    }

    fn go_to_hit(&mut self, hit: &Hit) {
        let unit = self.index.units[hit.unit];
        self.reveal_in_outline(unit.id);
        if let Some(b) = detail::block_of(&self.blocks, unit.field, unit.loc) {
            self.cursor = if self.blocks[b].kind.is_item() {
                b
            } else {
                self.first_item().unwrap_or(b)
            };
        }
        self.focus = Focus::Detail;
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
        let next = match (h.current, forward) {
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        let wrapped = h
            .current
            .is_some_and(|c| (forward && next < c) || (!forward && next > c));
        h.current = Some(next);
        let hit = h.hits[next].clone();
        self.go_to_hit(&hit);
        self.message = Some(strings::hit_position(next + 1, n, wrapped));
    }

    /// Highlight ranges for every block of the detail pane, from the accepted search: one
    /// pass over the hits, for a frame to use.
    pub fn highlights(&self) -> Vec<Vec<(usize, usize)>> {
        let mut out = vec![Vec::new(); self.blocks.len()];
        let Some(h) = &self.highlight else {
            return out;
        };
        for hit in &h.hits {
            let unit = self.index.units[hit.unit];
            if unit.id != self.selected {
                continue;
            }
            if let Some(b) = detail::block_of(&self.blocks, unit.field, unit.loc)
                && !matches!(self.blocks[b].kind, BlockKind::Path)
            {
                out[b].extend(self.blocks[b].map_ranges(&hit.ranges));
            }
        }
        for r in &mut out {
            r.sort_unstable();
        }
        out
    }

    /// Position text for the status bar: `1.4.2  12/42`.
    pub fn position(&self) -> String {
        let ids: Vec<NodeId> = self.report.measures().map(|(id, _)| id).collect();
        match ids.iter().position(|&i| i == self.selected) {
            Some(i) => format!("{}  {}/{}", self.selected, i + 1, ids.len()),
            None => format!("{}", self.selected),
        }
    }

    /// The label path of a search hit and its measure's title, for the popup.
    pub fn hit_heading(&self, hit: &Hit) -> (String, String) {
        let (id, path, field) = search::describe(&self.report, &self.index, hit);
        let title = match self.report.get(id) {
            Some(crate::report::Node::Measure(_, _, m)) => m.title.clone(),
            Some(crate::report::Node::Chapter(_, c)) => c.title.clone(),
            Some(crate::report::Node::Part(p)) => p.title.clone(),
            None => String::new(),
        };
        let tag = match &hit.via {
            Some(v) => format!("{} via {v}", strings::field(field)),
            None => strings::field(field).to_string(),
        };
        (format!("{path} {title}"), tag)
    }
}
