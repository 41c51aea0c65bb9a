//! The outline part: the foldable tree of parts, chapters and measures, its selection and its
//! scroll. The visible rows are built when the tree or its folds change, never per key or per
//! frame, so moving through a 60,000-row outline costs the same as through a 60-row one.

use super::action::Action;
use crate::compare::Change;
use crate::report::{Node, NodeId, Report, export};
use std::collections::{HashMap, HashSet};

/// One visible row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The node it shows.
    pub id: NodeId,
    /// 0 part, 1 chapter, 2 measure.
    pub depth: usize,
    /// Label and title as printed: `（１）世界…`, `１）国が…`, `① ゲノム…`.
    pub text: String,
    /// Has children.
    pub expandable: bool,
    /// Its children are shown.
    pub expanded: bool,
    /// How the measure changed since the earlier edition, when two are compared.
    pub mark: Option<Change>,
    /// A measure the newer edition removed, shown where it was: its index among the
    /// comparison's removed measures (`id` is then the node it follows).
    pub ghost: Option<usize>,
}

/// What a comparison adds to the outline: each measure's change, and the removed measures
/// with the node each follows and its text, in that order.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// Changes of the newer edition's measures (same ones left out).
    pub changes: HashMap<NodeId, Change>,
    /// Removed measures: the node each is shown after, and its label and title.
    pub ghosts: Vec<(NodeId, String)>,
}

/// What a key in the outline asks of the rest of the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing beyond the outline.
    Nothing,
    /// Another node is selected: show it.
    Selected(NodeId),
    /// Enter or → on a measure: read it.
    FocusDetail,
}

/// The outline's state.
#[derive(Debug, Clone)]
pub struct Outline {
    expanded: HashSet<NodeId>,
    rows: Vec<Row>,
    cursor: usize,
    scroll: usize,
    /// Every branch (part or chapter) id: the fully expanded tree.
    branches: HashSet<NodeId>,
    marks: Marks,
    /// Only these nodes are shown (the annotated ones and their parents), when set.
    keep: Option<HashSet<NodeId>>,
}

/// The parent of a node in the outline.
pub fn parent(id: NodeId) -> Option<NodeId> {
    match (id.chapter, id.measure) {
        (Some(c), Some(_)) => Some(NodeId::chapter(id.part, c)),
        (Some(_), None) => Some(NodeId::part(id.part)),
        _ => None,
    }
}

impl Outline {
    /// The outline of a report, fully expanded, with `selected` selected.
    pub fn new(report: &Report, selected: NodeId) -> Outline {
        let branches: HashSet<NodeId> = report
            .nodes()
            .filter(|(id, _)| id.measure.is_none())
            .map(|(id, _)| id)
            .collect();
        let mut o = Outline {
            expanded: branches.clone(),
            rows: Vec::new(),
            cursor: 0,
            scroll: 0,
            branches,
            marks: Marks::default(),
            keep: None,
        };
        o.rebuild(report, selected);
        o
    }

    /// Shows only `keep`'s nodes (with their parts and chapters), or every node.
    pub fn set_filter(&mut self, report: &Report, keep: Option<HashSet<NodeId>>) {
        self.keep = keep;
        self.rebuild(report, self.selected());
    }

    /// Is the outline filtered?
    pub fn filtered(&self) -> bool {
        self.keep.is_some()
    }

    /// Marks changed measures and shows removed ones, from a comparison.
    pub fn set_marks(&mut self, report: &Report, marks: Marks) {
        self.marks = marks;
        self.rebuild(report, self.selected());
    }

    /// Rebuilds the rows after a fold changed, keeping `keep` selected (or its nearest shown
    /// ancestor).
    fn rebuild(&mut self, report: &Report, keep: NodeId) {
        let expanded = &self.expanded;
        let filter = &self.keep;
        let shown = |id: NodeId| {
            filter.as_ref().is_none_or(|k| k.contains(&id))
                && parent(id).is_none_or(|p| expanded.contains(&p))
                && parent(id)
                    .and_then(parent)
                    .is_none_or(|g| expanded.contains(&g))
        };
        let marks = &self.marks;
        let mut ghosts = marks.ghosts.iter().enumerate().peekable();
        let mut rows = Vec::new();
        for (id, node) in report.nodes() {
            if !shown(id) {
                // Removed measures after a hidden node are hidden with it.
                while ghosts.next_if(|g| g.1.0 <= id).is_some() {}
                continue;
            }
            let (depth, expandable) = match node {
                Node::Preface(_) => (0, false),
                Node::Part(p) => (0, !p.chapters.is_empty()),
                Node::Chapter(_, c) => (1, !c.measures.is_empty()),
                Node::Measure(..) => (2, false),
            };
            rows.push(Row {
                id,
                depth,
                text: export::heading(node.label(), node.title()),
                expandable,
                expanded: expanded.contains(&id),
                mark: marks.changes.get(&id).copied(),
                ghost: None,
            });
            // A removed measure shows where it was, if its chapter is open.
            let chapter = if id.measure.is_some() {
                parent(id)
            } else {
                Some(id)
            };
            let open = id.chapter.is_some() && chapter.is_some_and(|c| expanded.contains(&c));
            while let Some((k, (_, text))) = ghosts.next_if(|g| g.1.0 <= id) {
                if open {
                    rows.push(Row {
                        id,
                        depth: 2,
                        text: text.clone(),
                        expandable: false,
                        expanded: false,
                        mark: Some(Change::Removed),
                        ghost: Some(k),
                    });
                }
            }
        }
        self.rows = rows;
        self.cursor = self.row_of(keep);
    }

    /// The row showing `id`, or its nearest shown ancestor.
    fn row_of(&self, id: NodeId) -> usize {
        let mut at = Some(id);
        while let Some(a) = at {
            // Rows are in document order, which is NodeId order; a removed measure after
            // the node it follows.
            if let Ok(i) = self
                .rows
                .binary_search_by(|r| (r.id, r.ghost).cmp(&(a, None)))
            {
                return i;
            }
            at = parent(a);
        }
        0
    }

    /// The visible rows.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The selected row.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The first row shown.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The selected node (for a removed measure, the node it follows).
    pub fn selected(&self) -> NodeId {
        self.rows.get(self.cursor).map_or(NodeId::part(1), |r| r.id)
    }

    /// The removed measure selected, if one is: its index among the comparison's.
    pub fn selected_ghost(&self) -> Option<usize> {
        self.rows.get(self.cursor).and_then(|r| r.ghost)
    }

    /// Selects a node, opening its ancestors.
    pub fn select(&mut self, report: &Report, id: NodeId) {
        let mut opened = false;
        let mut p = parent(id);
        while let Some(a) = p {
            opened |= self.expanded.insert(a);
            p = parent(a);
        }
        if opened {
            self.rebuild(report, id);
        } else {
            self.cursor = self.row_of(id);
        }
    }

    /// Opens every branch.
    pub fn expand_all(&mut self, report: &Report) {
        self.expanded = self.branches.clone();
        self.rebuild(report, self.selected());
    }

    /// Folds the tree to its parts, selecting the current part.
    pub fn collapse_all(&mut self, report: &Report) -> Outcome {
        let part = NodeId::part(self.selected().part);
        self.expanded.clear();
        self.rebuild(report, part);
        Outcome::Selected(part)
    }

    /// Keeps the selection within `height` rows of the scroll.
    pub fn reveal(&mut self, height: usize) {
        let h = height.max(1);
        if self.cursor < self.scroll {
            self.scroll = self.cursor;
        } else if self.cursor >= self.scroll + h {
            self.scroll = self.cursor + 1 - h;
        }
        self.scroll = self.scroll.min(self.rows.len().saturating_sub(h));
    }

    /// Scrolls by `by` rows (the wheel); the selection stays on screen.
    pub fn scroll_by(&mut self, by: isize, height: usize) -> Outcome {
        let h = height.max(1);
        let max = self.rows.len().saturating_sub(h);
        self.scroll = self.scroll.saturating_add_signed(by).min(max);
        let clamped = self.cursor.clamp(self.scroll, self.scroll + h - 1);
        self.go(clamped)
    }

    /// A click on row `row` of the view.
    pub fn click(&mut self, report: &Report, row: usize) -> Outcome {
        let i = self.scroll + row;
        match self.rows.get(i) {
            Some(r) if i == self.cursor && r.expandable => {
                self.update(report, &Action::Activate, 1)
            }
            Some(_) => self.go(i),
            None => Outcome::Nothing,
        }
    }

    fn go(&mut self, i: usize) -> Outcome {
        let i = i.min(self.rows.len().saturating_sub(1));
        if i == self.cursor {
            return Outcome::Nothing;
        }
        self.cursor = i;
        Outcome::Selected(self.selected())
    }

    fn toggle(&mut self, report: &Report, id: NodeId, open: bool) {
        if open {
            self.expanded.insert(id);
        } else {
            self.expanded.remove(&id);
        }
        self.rebuild(report, id);
    }

    /// Handles a key; `page` is the number of rows shown.
    pub fn update(&mut self, report: &Report, a: &Action, page: usize) -> Outcome {
        let Some(row) = self.rows.get(self.cursor).cloned() else {
            return Outcome::Nothing;
        };
        let sel = self.cursor;
        let page = page.max(1);
        match a {
            Action::Down => self.go(sel + 1),
            Action::Up => self.go(sel.saturating_sub(1)),
            Action::Top => self.go(0),
            Action::Bottom => self.go(usize::MAX),
            Action::PageDown => self.go(sel + page),
            Action::PageUp => self.go(sel.saturating_sub(page)),
            Action::HalfPageDown => self.go(sel + page / 2),
            Action::HalfPageUp => self.go(sel.saturating_sub(page / 2)),
            Action::Left if row.expandable && row.expanded => {
                self.toggle(report, row.id, false);
                Outcome::Nothing
            }
            Action::Left => match parent(row.id) {
                Some(p) => self.go(self.row_of(p)),
                None => Outcome::Nothing,
            },
            Action::Right | Action::Activate if row.expandable && !row.expanded => {
                self.toggle(report, row.id, true);
                Outcome::Nothing
            }
            Action::Activate if row.expandable => {
                self.toggle(report, row.id, false);
                Outcome::Nothing
            }
            Action::Right if row.expandable => self.go(sel + 1),
            Action::Right | Action::Activate => Outcome::FocusDetail,
            _ => Outcome::Nothing,
        }
    }
}
