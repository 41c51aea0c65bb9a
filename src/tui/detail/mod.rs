//! The detail part: the node shown, its blocks, the item cursor, the range being selected and
//! the scroll of each view. Keys move the cursor and scroll within the [`Screen`] planned for
//! the current state; the part never lays text out itself.

pub mod blocks;

use super::action::Action;
use super::screen::{Screen, View};
use crate::report::{At, Fy, Loc, NodeId, Report};
use blocks::{Block, BlockKind, Region};

/// What a key in the detail pane asks of the rest of the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing beyond the pane; with `reveal`, scroll the cursor into view.
    Moved {
        /// Scroll so the cursor's block shows.
        reveal: bool,
    },
    /// ← from the left column: the outline takes the keys.
    FocusOutline,
    /// Enter on a child of a part or chapter: open it.
    Open(NodeId),
}

/// The detail pane's state.
#[derive(Debug, Clone)]
pub struct Detail {
    node: NodeId,
    blocks: Vec<Block>,
    cursor: usize,
    /// Scroll offsets: stacked, the side-by-side header, and the two columns, which scroll
    /// together so that Ⅰ's lines stand beside Ⅱ's.
    scroll: [usize; 3],
    /// The other end of the range being selected (visual mode).
    anchor: Option<usize>,
}

fn slot(region: Option<Region>) -> usize {
    match region {
        None => 0,
        Some(Region::Header) => 1,
        Some(Region::Left | Region::Right) => 2,
    }
}

/// How far the views sharing `region`'s scroll can scroll: the longer column's overflow.
fn max_scroll(screen: &Screen, region: Option<Region>) -> usize {
    screen
        .views
        .iter()
        .filter(|v| slot(v.region) == slot(region))
        .map(|v| v.lines.len().saturating_sub(v.rect.height as usize))
        .max()
        .unwrap_or(0)
}

impl Detail {
    /// The detail of a node.
    pub fn new(report: &Report, node: NodeId) -> Detail {
        let blocks = blocks::blocks(report, node);
        let mut d = Detail {
            node,
            blocks,
            cursor: 0,
            scroll: [0; 3],
            anchor: None,
        };
        d.cursor = d.first_item().unwrap_or(0);
        d
    }

    /// Shows another node from its top.
    pub fn show(&mut self, report: &Report, node: NodeId) {
        if node != self.node {
            *self = Detail::new(report, node);
        }
    }

    /// The node shown.
    pub fn node(&self) -> NodeId {
        self.node
    }

    /// Its blocks.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The block under the cursor.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Is a range being selected?
    pub fn selecting(&self) -> bool {
        self.anchor.is_some()
    }

    /// Starts or ends selecting a range from the cursor.
    pub fn set_selecting(&mut self, on: bool) {
        self.anchor = on.then_some(self.cursor);
    }

    /// The blocks selected: the range from the anchor to the cursor, or the cursor alone.
    pub fn selection(&self) -> (usize, usize) {
        let a = self.anchor.unwrap_or(self.cursor);
        (a.min(self.cursor), a.max(self.cursor))
    }

    /// The places of the report the selection covers, in reading order.
    pub fn selected_places(&self) -> Vec<At> {
        let (from, to) = self.selection();
        (from..=to)
            .filter_map(|b| self.blocks.get(b)?.kind.loc())
            .map(|l| l.at)
            .filter(|at| *at != At::Title)
            .collect()
    }

    /// The section the cursor is in.
    pub fn cursor_section(&self) -> Option<Fy> {
        self.blocks.get(self.cursor)?.kind.loc()?.fy()
    }

    /// The scroll of a view.
    pub fn scroll_of(&self, region: Option<Region>) -> usize {
        self.scroll[slot(region)]
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

    fn is_item(&self, b: usize) -> bool {
        self.blocks.get(b).is_some_and(|b| b.kind.is_item())
    }

    /// Puts the cursor on the block showing `loc` (a title: the first item).
    pub fn go_to(&mut self, loc: Loc) {
        if let Some(b) = blocks::block_of(&self.blocks, loc) {
            self.cursor = if self.is_item(b) {
                b
            } else {
                self.first_item().unwrap_or(b)
            };
        }
    }

    /// Scrolls the cursor's block into view: a block taller than the view shows from its start.
    pub fn reveal(&mut self, screen: &Screen) {
        let Some(v) = screen.view_of(self.cursor) else {
            return;
        };
        let h = v.rect.height.max(1) as usize;
        if let Some((first, last)) = blocks::block_span(&v.lines, self.cursor) {
            let s = self.scroll[slot(v.region)];
            let new = if first < s {
                first
            } else if last >= s + h {
                first.min(last + 1 - h)
            } else {
                s
            };
            self.scroll[slot(v.region)] = new;
        }
    }

    /// Scrolls so that char `at` of block `block` is in view (an occurrence inside a block
    /// taller than the view).
    pub fn reveal_char(&mut self, screen: &Screen, block: usize, at: usize) {
        let Some(v) = screen.view_of(block) else {
            return;
        };
        let h = v.rect.height.max(1) as usize;
        let Some(line) = v
            .lines
            .iter()
            .position(|l| l.block == block && l.start <= at && at < l.end.max(l.start + 1))
        else {
            return;
        };
        let s = &mut self.scroll[slot(v.region)];
        if line < *s {
            *s = line;
        } else if line >= *s + h {
            *s = line + 1 - h;
        }
    }

    /// Keeps every scroll within its view's content.
    pub fn clamp(&mut self, screen: &Screen) {
        for v in &screen.views {
            let max = max_scroll(screen, v.region);
            let s = &mut self.scroll[slot(v.region)];
            *s = (*s).min(max);
        }
    }

    /// Scrolls a view by `by` lines; a cursor left outside moves to the first block in view.
    pub fn scroll_view(&mut self, screen: &Screen, view: &View, by: isize) {
        let h = view.rect.height as usize;
        let max = max_scroll(screen, view.region);
        let s = self.scroll[slot(view.region)];
        let new = s.saturating_add_signed(by).min(max);
        self.scroll[slot(view.region)] = new;
        let visible: Vec<usize> = view.lines[new.min(view.lines.len())..]
            .iter()
            .take(h)
            .map(|l| l.block)
            .filter(|&b| self.is_item(b))
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

    /// The wheel over the view at `(x, y)`.
    pub fn wheel(&mut self, screen: &Screen, x: u16, y: u16, by: isize) {
        if let Some(v) = screen
            .views
            .iter()
            .find(|v| super::layout::contains(v.rect, x, y))
        {
            self.scroll_view(screen, v, by);
        }
    }

    /// A click: the cursor goes to the item clicked. Was it in the pane?
    pub fn click(&mut self, screen: &Screen, x: u16, y: u16) -> bool {
        let Some(v) = screen
            .views
            .iter()
            .find(|v| super::layout::contains(v.rect, x, y))
        else {
            return false;
        };
        let line = self.scroll[slot(v.region)] + (y - v.rect.y) as usize;
        if let Some(l) = v.lines.get(line)
            && self.is_item(l.block)
        {
            self.cursor = l.block;
        }
        true
    }

    /// Moves the cursor to the first item visible in another side-by-side column.
    fn jump_to_region(&mut self, screen: &Screen, region: Region) {
        let Some(v) = screen.views.iter().find(|v| v.region == Some(region)) else {
            return;
        };
        let s = self.scroll[slot(v.region)];
        let items =
            |lines: &[blocks::Line]| lines.iter().map(|l| l.block).find(|&b| self.is_item(b));
        if let Some(b) = items(&v.lines[s.min(v.lines.len())..]).or_else(|| items(&v.lines)) {
            self.cursor = b;
        }
    }

    /// Handles a key against the current screen plan.
    pub fn update(&mut self, a: &Action, screen: &Screen) -> Outcome {
        let items: Vec<usize> = self.items().collect();
        let pos = items.iter().position(|&i| i == self.cursor);
        let Some(view) = screen.view_of(self.cursor).cloned() else {
            return Outcome::Moved { reveal: false };
        };
        let h = view.rect.height.max(1) as usize;
        let s = self.scroll[slot(view.region)];
        let span = blocks::block_span(&view.lines, self.cursor);
        match a {
            Action::Down => {
                // A block taller than the view scrolls before the cursor moves on.
                if span.is_some_and(|(_, last)| last >= s + h) {
                    self.scroll[slot(view.region)] = s + 1;
                    return Outcome::Moved { reveal: false };
                }
                if let Some(&next) = pos.and_then(|p| items.get(p + 1)) {
                    self.cursor = next;
                }
            }
            Action::Up => {
                if span.is_some_and(|(first, _)| first < s) {
                    self.scroll[slot(view.region)] = s - 1;
                    return Outcome::Moved { reveal: false };
                }
                match pos
                    .and_then(|p| p.checked_sub(1))
                    .and_then(|p| items.get(p))
                {
                    Some(&prev) => self.cursor = prev,
                    // On the first item: show what is above it (path, title).
                    None => {
                        self.scroll[slot(view.region)] = s.saturating_sub(1);
                        return Outcome::Moved { reveal: false };
                    }
                }
            }
            Action::Top => {
                if let Some(&first) = items.first() {
                    self.cursor = first;
                }
                self.scroll = [0; 3];
                return Outcome::Moved { reveal: false };
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
                let down = matches!(a, Action::PageDown | Action::HalfPageDown);
                self.scroll_view(screen, &view, if down { by } else { -by });
                return Outcome::Moved { reveal: false };
            }
            Action::Left => match view.region {
                Some(Region::Right) => self.jump_to_region(screen, Region::Left),
                _ => return Outcome::FocusOutline,
            },
            Action::Right => {
                if matches!(view.region, Some(Region::Left | Region::Header)) {
                    self.jump_to_region(screen, Region::Right);
                }
            }
            Action::Activate => {
                if let Some(BlockKind::Child(id)) = self.blocks.get(self.cursor).map(|b| b.kind) {
                    return Outcome::Open(id);
                }
            }
            _ => {}
        }
        Outcome::Moved { reveal: true }
    }
}
