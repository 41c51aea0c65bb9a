//! The plan → result part: on a measure, the older edition's plans beside the newer edition's
//! results, each plan on the row of the result that carries it out, with what changed
//! between them marked. Its blocks are built when another measure is shown, and laid out for
//! the pane's width when the screen is planned; keys move a cursor over the rows.

use super::action::Action;
use super::wrap::{self, str_cols};
use crate::compare::{self, Change, Comparison, Row};
use crate::report::excerpt::{self, Format};
use crate::report::{Fy, Item, NodeId, Report};
use ratatui::layout::Rect;

/// Columns left of the text: the detail pane's gutter (the row cursor, then the mark and note
/// sign of the row's result).
pub use super::screen::GUTTER;

/// The address of result bullet `r` of the newer edition's measure `id`.
pub fn result_loc(id: NodeId, r: usize) -> crate::report::Loc {
    crate::report::Loc {
        node: id,
        at: crate::report::At::Item(crate::report::ItemAt {
            fy: Fy::Results,
            item: r,
            piece: crate::report::Piece::Text,
        }),
    }
}

/// Below this many columns of text the plans and results are stacked, not side by side.
pub const SIDE_BY_SIDE_MIN: usize = 60;

/// Columns between the two columns: a space, the divider (two columns: `│` is East Asian
/// Ambiguous), nothing after.
pub const DIVIDER: usize = 3;

/// Stacked, a result's lines are indented this far, past the `→` on its first.
pub const STACKED_INDENT: usize = 2;

/// Which part of the view a block is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Across the pane: path, title, what it was.
    Full,
    /// The older edition's plans.
    Left,
    /// The newer edition's results.
    Right,
}

/// How a block is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// The label path and ids.
    Path,
    /// The measure's title.
    Title,
    /// What it was called, or where it was, in the older edition.
    Was,
    /// A section heading: the older edition's plans (`false`) or the newer's results.
    Heading(bool),
    /// A bullet's text.
    Text,
    /// Where one side has nothing.
    Missing,
}

/// A piece of text in the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VBlock {
    /// Where it goes.
    pub side: Side,
    /// How it looks.
    pub look: Look,
    /// Printed before the text on its first line (`・`, `→`).
    pub marker: String,
    /// The text.
    pub text: String,
    /// Columns of indentation of every line.
    pub indent: usize,
    /// Char ranges of `text` that changed between the editions.
    pub changes: Vec<(usize, usize)>,
    /// The row it belongs to.
    pub row: Option<usize>,
}

/// One line of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seg {
    /// The block.
    pub block: usize,
    /// Its char range on this line.
    pub start: usize,
    /// End of the char range.
    pub end: usize,
    /// The block's first line (draws the marker).
    pub first: bool,
}

/// One screen line: a full-width line, or a line of each column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VLine {
    /// The full-width text (stacked, or the header), or the left column's.
    pub left: Option<Seg>,
    /// The right column's text.
    pub right: Option<Seg>,
    /// Laid out as two columns.
    pub split: bool,
    /// The row it belongs to.
    pub row: Option<usize>,
}

/// Where the view's parts are, for a pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    /// The pinned header: path, title, headings.
    pub head: Rect,
    /// The rows, scrolled.
    pub body: Rect,
    /// Columns of text of the left column (or of the whole width, stacked).
    pub left_w: usize,
    /// Columns of text of the right column (0: stacked).
    pub right_w: usize,
}

/// What a key in the view asks of the rest of the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing beyond the view.
    Nothing,
    /// ← : the outline takes the keys.
    FocusOutline,
}

/// The plan → result view's state.
#[derive(Debug, Clone, Default)]
pub struct Versus {
    /// The pair shown (an index into the comparison's pairs).
    pair: Option<usize>,
    /// The newer edition's measure of the pair, if it has one.
    new_id: Option<NodeId>,
    rows: Vec<Row>,
    blocks: Vec<VBlock>,
    cursor: usize,
    scroll: usize,
    /// Derived when the screen is planned: the header's lines, the rows' lines, the geometry.
    head: Vec<VLine>,
    lines: Vec<VLine>,
    geometry: Geometry,
}

/// Names of the two editions, for headings and citations.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// The older edition's file name.
    pub old: &'a str,
    /// The newer edition's.
    pub new: &'a str,
}

/// Splits char ranges over a text made of pieces joined by `\n` into ranges of each piece.
fn per_piece(pieces: &[&str], ranges: &[(usize, usize)]) -> Vec<Vec<(usize, usize)>> {
    let mut out = Vec::with_capacity(pieces.len());
    let mut at = 0usize;
    for p in pieces {
        let n = p.chars().count();
        out.push(
            ranges
                .iter()
                .filter(|&&(s, e)| e > at && s < at + n)
                .map(|&(s, e)| (s.max(at) - at, e.min(at + n) - at))
                .collect(),
        );
        at += n + 1;
    }
    out
}

impl Versus {
    /// Shows a pair of the comparison, from its top.
    pub fn show(&mut self, cmp: &Comparison, new: &Report, pair: usize, src: Sources) {
        if self.pair == Some(pair) {
            return;
        }
        let rows = cmp.rows(pair, new);
        *self = Versus {
            pair: Some(pair),
            new_id: cmp.pairs.get(pair).and_then(|p| p.new),
            blocks: blocks(cmp, new, pair, &rows, src),
            rows,
            ..Versus::default()
        };
    }

    /// The pair shown.
    pub fn pair(&self) -> Option<usize> {
        self.pair
    }
    /// The newer edition's measure shown, if it has one.
    pub fn new_measure(&self) -> Option<NodeId> {
        self.new_id
    }
    /// The rows.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }
    /// The blocks.
    pub fn blocks(&self) -> &[VBlock] {
        &self.blocks
    }
    /// The row under the cursor.
    pub fn cursor(&self) -> usize {
        self.cursor
    }
    /// The first line of the rows shown.
    pub fn scroll(&self) -> usize {
        self.scroll
    }
    /// The header's lines.
    pub fn head(&self) -> &[VLine] {
        &self.head
    }
    /// The rows' lines.
    pub fn lines(&self) -> &[VLine] {
        &self.lines
    }
    /// Where the parts are.
    pub fn geometry(&self) -> Geometry {
        self.geometry
    }

    /// Lays the view out for the pane's body `r` (after the cursor gutter of `gutter`
    /// columns), keeping the cursor's row in view when `reveal`.
    pub fn plan(&mut self, r: Rect, gutter: u16, reveal: bool) {
        let text_w = r.width.saturating_sub(gutter) as usize;
        let split = text_w >= SIDE_BY_SIDE_MIN;
        let (left_w, right_w) = if split {
            let l = (text_w - DIVIDER) / 2;
            (l, text_w - DIVIDER - l)
        } else {
            (text_w.max(1), 0)
        };
        let (head, lines) = layout(
            &self.blocks,
            text_w.max(1),
            split.then_some((left_w, right_w)),
        );
        // The header is pinned, but never takes more than two fifths of the pane.
        let head_h = (head.len() as u16)
            .min((r.height * 2 / 5).max(1))
            .min(r.height);
        self.geometry = Geometry {
            head: Rect {
                height: head_h,
                ..r
            },
            body: Rect {
                y: r.y + head_h,
                height: r.height - head_h,
                ..r
            },
            left_w,
            right_w,
        };
        self.head = head;
        self.lines = lines;
        if reveal {
            self.reveal();
        }
        let h = self.geometry.body.height as usize;
        self.scroll = self.scroll.min(self.lines.len().saturating_sub(h.max(1)));
    }

    /// The first and last line of a row.
    fn span(&self, row: usize) -> Option<(usize, usize)> {
        let first = self.lines.iter().position(|l| l.row == Some(row))?;
        let last = self.lines.iter().rposition(|l| l.row == Some(row))?;
        Some((first, last))
    }

    fn reveal(&mut self) {
        let h = (self.geometry.body.height as usize).max(1);
        if let Some((first, last)) = self.span(self.cursor) {
            if first < self.scroll {
                self.scroll = first;
            } else if last >= self.scroll + h {
                self.scroll = (last + 1 - h).min(first);
            }
        }
    }

    /// The first row starting at or below line `at`.
    fn row_from(&self, at: usize) -> Option<usize> {
        self.lines[at.min(self.lines.len())..]
            .iter()
            .find_map(|l| l.row)
    }

    /// Handles a key. Returns what the browser must do, and whether to keep the cursor in view.
    pub fn update(&mut self, a: &Action) -> (Outcome, bool) {
        let n = self.rows.len();
        let h = (self.geometry.body.height as usize).max(1);
        let last = n.saturating_sub(1);
        let scroll_to = |v: &mut Versus, s: usize| {
            v.scroll = s.min(v.lines.len().saturating_sub(h));
            if let Some(r) = v.row_from(v.scroll) {
                v.cursor = r;
            }
        };
        match a {
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Top => {
                self.cursor = 0;
                self.scroll = 0;
            }
            Action::Bottom => self.cursor = last,
            Action::PageDown => {
                scroll_to(self, self.scroll + h);
                return (Outcome::Nothing, false);
            }
            Action::PageUp => {
                scroll_to(self, self.scroll.saturating_sub(h));
                return (Outcome::Nothing, false);
            }
            Action::HalfPageDown => {
                scroll_to(self, self.scroll + h / 2);
                return (Outcome::Nothing, false);
            }
            Action::HalfPageUp => {
                scroll_to(self, self.scroll.saturating_sub(h / 2));
                return (Outcome::Nothing, false);
            }
            Action::Left => return (Outcome::FocusOutline, true),
            _ => return (Outcome::Nothing, false),
        }
        (Outcome::Nothing, true)
    }

    /// The wheel: scrolls by `by` lines without moving the cursor.
    pub fn wheel(&mut self, by: isize) {
        let h = (self.geometry.body.height as usize).max(1);
        self.scroll = self
            .scroll
            .saturating_add_signed(by)
            .min(self.lines.len().saturating_sub(h));
    }

    /// A click at a row of the screen: the row under it takes the cursor.
    pub fn click(&mut self, y: u16) -> bool {
        let b = self.geometry.body;
        if y < b.y || y >= b.y + b.height {
            return false;
        }
        let at = self.scroll + (y - b.y) as usize;
        match self.lines.get(at).and_then(|l| l.row) {
            Some(r) => {
                self.cursor = r;
                true
            }
            None => false,
        }
    }

    /// The copy of a row: the older edition's plan and the newer edition's result, each quoted
    /// under its own citation, which names its edition.
    pub fn copy_row(
        &self,
        cmp: &Comparison,
        new: &Report,
        row: usize,
        src: Sources,
        format: Format,
    ) -> Option<String> {
        let pair = cmp.pairs.get(self.pair?)?;
        let r = self.rows.get(row)?;
        let side =
            |report: &Report, id: Option<NodeId>, fy: Fy, item: Option<usize>, name: &str| {
                let id = id?;
                let m = report.measure(id)?;
                let cite = format!("{} [{name}]", excerpt::citation(report, id, Some(fy)));
                let items: Vec<&Item> = item
                    .and_then(|i| m.section(fy).items.get(i))
                    .into_iter()
                    .collect();
                Some((excerpt::quoted(&cite, &items, format), items.is_empty()))
            };
        let old = side(&cmp.old, pair.old, Fy::Plans, r.plan, src.old);
        let newer = side(new, pair.new, Fy::Results, r.result, src.new);
        let mut out = String::new();
        for (part, missing) in [
            (old, super::strings::NO_PLAN),
            (newer, super::strings::NO_RESULT),
        ] {
            if let Some((text, empty)) = part {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&text);
                if empty {
                    out.push_str(missing);
                    out.push('\n');
                }
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// The copy of every row, one after another.
    pub fn copy_all(
        &self,
        cmp: &Comparison,
        new: &Report,
        src: Sources,
        format: Format,
    ) -> Option<String> {
        let parts: Vec<String> = (0..self.rows.len())
            .filter_map(|r| self.copy_row(cmp, new, r, src, format))
            .collect();
        (!parts.is_empty()).then(|| parts.join("\n"))
    }
}

/// A file's name without its directories: a heading has half the pane's width.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The blocks of a pair's view.
fn blocks(cmp: &Comparison, new: &Report, pair: usize, rows: &[Row], src: Sources) -> Vec<VBlock> {
    let mut out = Vec::new();
    let Some(p) = cmp.pairs.get(pair) else {
        return out;
    };
    let full = |look, text: String| VBlock {
        side: Side::Full,
        look,
        marker: String::new(),
        text,
        indent: 0,
        changes: Vec::new(),
        row: None,
    };
    let m_old = p.old.and_then(|id| cmp.old.measure(id));
    let m_new = p.new.and_then(|id| new.measure(id));
    let id = |v: Option<NodeId>| v.map_or("-".to_string(), |i| i.to_string());
    let (report, shown) = match p.new {
        Some(n) => (new, n),
        None => (&cmp.old, p.old.unwrap_or(NodeId::PREFACE)),
    };
    let change = match p.change {
        Change::Same | Change::Added | Change::Removed => p.change.name().to_string(),
        _ => format!("{} {:.2}", p.change.name(), p.similarity),
    };
    out.push(full(
        Look::Path,
        format!(
            "{}  [{} → {}]  {change}",
            report.label_path(shown),
            id(p.old),
            id(p.new)
        ),
    ));
    let title = |m: &crate::report::Measure| crate::report::export::heading(&m.label, &m.title);
    if let Some(m) = m_new.or(m_old) {
        out.push(full(Look::Title, title(m)));
    }
    if let (Some(a), Some(b), Some(o)) = (m_old, m_new, p.old)
        && (a.title != b.title || p.change == Change::Moved)
    {
        out.push(full(
            Look::Was,
            super::strings::was(&cmp.old.label_path(o), &a.title, file_name(src.old)),
        ));
    }
    // What a reviewer asks first: how many plans were carried out.
    if m_old.is_some() && m_new.is_some() {
        let carried = rows
            .iter()
            .filter(|r| r.plan.is_some() && r.result.is_some())
            .count();
        let plans = rows.iter().filter(|r| r.plan.is_some()).count();
        let unforeseen = rows.iter().filter(|r| r.plan.is_none()).count();
        out.push(full(
            Look::Was,
            super::strings::carried_summary(carried, plans, unforeseen),
        ));
    }
    let heading = |side, results: bool, m: Option<&crate::report::Measure>, name: &str| {
        let text = match m {
            Some(m) => {
                let s = if results { &m.results } else { &m.plans };
                format!("{}  [{}]", s.heading, file_name(name))
            }
            None => super::strings::not_in(name),
        };
        VBlock {
            side,
            look: if m.is_some() {
                Look::Heading(results)
            } else {
                Look::Missing
            },
            ..full(Look::Text, text)
        }
    };
    out.push(heading(Side::Left, false, m_old, src.old));
    out.push(heading(Side::Right, true, m_new, src.new));
    let empty: &[Item] = &[];
    let plans = m_old.map_or(empty, |m| &m.plans.items);
    let results = m_new.map_or(empty, |m| &m.results.items);
    for (ri, r) in rows.iter().enumerate() {
        for (side, item, ranges, missing) in [
            (
                Side::Left,
                r.plan.and_then(|i| plans.get(i)),
                &r.diff.old,
                super::strings::NO_PLAN,
            ),
            (
                Side::Right,
                r.result.and_then(|i| results.get(i)),
                &r.diff.new,
                super::strings::NO_RESULT,
            ),
        ] {
            let Some(item) = item else {
                out.push(VBlock {
                    side,
                    look: Look::Missing,
                    row: Some(ri),
                    ..full(Look::Missing, missing.to_string())
                });
                continue;
            };
            let pieces = compare::pieces(item);
            let changes = per_piece(&pieces, ranges);
            let subs = item.items.len();
            for (k, (text, changes)) in pieces.iter().zip(changes).enumerate() {
                let (marker, indent) = match k {
                    0 => ("・", 0),
                    k if k <= subs => ("", 2),
                    _ => ("", 1),
                };
                out.push(VBlock {
                    side,
                    look: Look::Text,
                    marker: marker.to_string(),
                    text: text.to_string(),
                    indent,
                    changes,
                    row: Some(ri),
                });
            }
        }
    }
    out
}

/// Wraps one block at `width` columns into its segments.
fn segs(blocks: &[VBlock], bi: usize, width: usize) -> Vec<(Seg, usize)> {
    let b = &blocks[bi];
    let indent = b.indent + str_cols(&b.marker);
    let avail = width.saturating_sub(indent).max(1);
    wrap::wrap(&b.text, avail)
        .into_iter()
        .enumerate()
        .map(|(i, (start, end))| {
            (
                Seg {
                    block: bi,
                    start,
                    end,
                    first: i == 0,
                },
                indent,
            )
        })
        .collect()
}

/// Lays the blocks out: the header's lines (full-width blocks, then the headings) and the
/// rows' lines. With `columns` (left and right widths), a row's plan and result stand side by
/// side, the taller setting the row's height; without, the result follows the plan.
pub fn layout(
    blocks: &[VBlock],
    width: usize,
    columns: Option<(usize, usize)>,
) -> (Vec<VLine>, Vec<VLine>) {
    let mut head = Vec::new();
    let mut lines = Vec::new();
    // The blocks of each side and row, grouped once (not searched for each row).
    let mut groups: std::collections::HashMap<(u8, Option<usize>), Vec<usize>> =
        std::collections::HashMap::new();
    let side_key = |side: Side| match side {
        Side::Full => 0u8,
        Side::Left => 1,
        Side::Right => 2,
    };
    for (i, b) in blocks.iter().enumerate() {
        groups.entry((side_key(b.side), b.row)).or_default().push(i);
    }
    let of = |side: Side, row: Option<usize>| -> Vec<usize> {
        groups
            .get(&(side_key(side), row))
            .cloned()
            .unwrap_or_default()
    };
    for bi in of(Side::Full, None) {
        for (s, _) in segs(blocks, bi, width) {
            head.push(VLine {
                left: Some(s),
                ..VLine::default()
            });
        }
    }
    head.push(VLine::default());
    let columns_of = |row: Option<usize>, w: (usize, usize)| -> Vec<VLine> {
        let l: Vec<Seg> = of(Side::Left, row)
            .into_iter()
            .flat_map(|b| segs(blocks, b, w.0))
            .map(|s| s.0)
            .collect();
        let r: Vec<Seg> = of(Side::Right, row)
            .into_iter()
            .flat_map(|b| segs(blocks, b, w.1))
            .map(|s| s.0)
            .collect();
        (0..l.len().max(r.len()))
            .map(|i| VLine {
                left: l.get(i).copied(),
                right: r.get(i).copied(),
                split: true,
                row,
            })
            .collect()
    };
    // Stacked, a result stands under its plan, indented past a `→`.
    let stacked = |row: Option<usize>| -> Vec<VLine> {
        let plan = of(Side::Left, row)
            .into_iter()
            .flat_map(|b| segs(blocks, b, width))
            .map(|(s, _)| VLine {
                left: Some(s),
                row,
                ..VLine::default()
            });
        let result = of(Side::Right, row)
            .into_iter()
            .flat_map(|b| segs(blocks, b, width.saturating_sub(STACKED_INDENT)))
            .map(|(s, _)| VLine {
                right: Some(s),
                row,
                ..VLine::default()
            });
        plan.chain(result).collect()
    };
    match columns {
        Some(w) => head.extend(columns_of(None, w)),
        None => head.extend(stacked(None)),
    }
    let rows = blocks
        .iter()
        .filter_map(|b| b.row)
        .max()
        .map_or(0, |m| m + 1);
    for r in 0..rows {
        if r > 0 {
            lines.push(VLine::default());
        }
        match columns {
            Some(w) => lines.extend(columns_of(Some(r), w)),
            None => lines.extend(stacked(Some(r))),
        }
    }
    (head, lines)
}

/// The columns of indentation a segment's line starts at.
pub fn indent_of(b: &VBlock, s: &Seg) -> usize {
    if s.first {
        b.indent
    } else {
        b.indent + str_cols(&b.marker)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Origin, SEED, from_bytes};

    /// At every width, each block's text is laid out whole, once, in order, and no line is
    /// wider than its column.
    #[test]
    fn every_character_is_laid_out_once_within_its_column() {
        let old = from_bytes(SEED, Origin::Embedded).unwrap().report;
        let mut new = old.clone();
        for ch in &mut new.parts[1].chapters {
            for m in &mut ch.measures {
                m.results.items = m.plans.items.clone();
                m.results.items.reverse();
            }
        }
        let cmp = Comparison::new(old, "old.txt".into(), &new);
        let src = Sources {
            old: "old.txt",
            new: "new.txt",
        };
        for pair in [cmp.pair_of("2.3.4".parse().unwrap()).unwrap(), 0, 5] {
            let mut v = Versus::default();
            v.show(&cmp, &new, pair, src);
            for w in (20..=200).step_by(9) {
                v.plan(Rect::new(0, 0, w, 30), GUTTER, false);
                let g = v.geometry();
                // A full-width line has both columns and the divider.
                let full = if g.right_w > 0 {
                    g.left_w + DIVIDER + g.right_w
                } else {
                    g.left_w
                };
                let mut seen: Vec<Vec<(usize, usize)>> = vec![Vec::new(); v.blocks().len()];
                for line in v.head().iter().chain(v.lines()) {
                    for (seg, room) in [
                        (line.left, if line.split { g.left_w } else { full }),
                        (
                            line.right,
                            if line.split {
                                g.right_w
                            } else {
                                g.left_w.saturating_sub(STACKED_INDENT)
                            },
                        ),
                    ] {
                        let Some(s) = seg else { continue };
                        let b = &v.blocks()[s.block];
                        let text: String =
                            b.text.chars().skip(s.start).take(s.end - s.start).collect();
                        let cols = crate::width::str_cols(&text)
                            + indent_of(b, &s)
                            + if s.first { str_cols(&b.marker) } else { 0 };
                        // Only a single glyph may be wider than a column too narrow for it.
                        let one = text.chars().count() == 1;
                        assert!(cols <= room || one, "w {w}: {cols} > {room}: {text}");
                        seen[s.block].push((s.start, s.end));
                    }
                }
                for (bi, spans) in seen.iter().enumerate() {
                    let chars: Vec<char> = v.blocks()[bi].text.chars().collect();
                    // Only the spaces a line breaks at may go unshown.
                    let blank = |a: usize, b: usize| chars[a..b].iter().all(|c| c.is_whitespace());
                    let mut at = 0;
                    for &(s, e) in spans {
                        assert!(
                            s >= at && blank(at, s),
                            "w {w}: block {bi} skips or repeats"
                        );
                        at = e;
                    }
                    assert!(blank(at, chars.len()), "w {w}: block {bi} cut short");
                }
            }
        }
    }
}
