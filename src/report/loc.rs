//! One address for any text of the report, and the walks over the tree.
//!
//! A [`Loc`] names a node (part, chapter or measure, by its positional [`NodeId`]) and a place
//! in it: its title, a measure's purpose, or an item of one of its two sections (a bullet, one
//! of its sub-items, or the text that closes it after them). The search index, the program
//! index, the detail pane, excerpts, exports and notes all speak of places this way, and
//! [`Report::texts`] is the one walk that visits every text in reading order.

use super::model::{Fy, Item, Measure, Node, NodeId, Report};
use serde::Serialize;
use std::fmt;

/// Which piece of an item: the bullet's own text, one of its sub-items, or its closing tail.
/// The order is the reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Piece {
    /// The bullet's own text (quoted, it brings its sub-items and tail along).
    Text,
    /// The sub-item at this index (0-based).
    Sub(usize),
    /// The text that closes the bullet after its sub-items.
    Tail,
}

/// An item of a measure's section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemAt {
    /// Results (Ⅰ) or plans (Ⅱ).
    pub fy: Fy,
    /// The bullet's index in its section (0-based).
    pub item: usize,
    /// Which piece of the bullet.
    pub piece: Piece,
}

impl ItemAt {
    /// The bullet this piece belongs to, as a whole.
    pub fn bullet(self) -> ItemAt {
        ItemAt {
            piece: Piece::Text,
            ..self
        }
    }

    /// `N` or `N.M`, 1-based, as `--item` takes it.
    pub fn number(self) -> String {
        match self.piece {
            Piece::Sub(s) => format!("{}.{}", self.item + 1, s + 1),
            _ => (self.item + 1).to_string(),
        }
    }
}

/// A place within a node. The order is the reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum At {
    /// The node's title (a part's, a chapter's or a measure's).
    Title,
    /// A measure's purpose paragraph(s).
    Purpose,
    /// An item of a measure's section.
    Item(ItemAt),
}

/// The address of one text of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    /// The part, chapter or measure.
    pub node: NodeId,
    /// Where in it.
    pub at: At,
}

/// What kind of text a [`Loc`] addresses, as search results and JSON name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The preface (はじめに).
    Preface,
    /// A part's title.
    Part,
    /// A chapter's title.
    Chapter,
    /// A measure's title.
    Title,
    /// A measure's purpose.
    Purpose,
    /// An item of the results section (Ⅰ).
    #[serde(rename = "results")]
    Results,
    /// An item of the plans section (Ⅱ).
    #[serde(rename = "plans")]
    Plans,
}

impl Field {
    /// The name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Field::Preface => "preface",
            Field::Part => "part",
            Field::Chapter => "chapter",
            Field::Title => "title",
            Field::Purpose => "purpose",
            Field::Results => "results",
            Field::Plans => "plans",
        }
    }
}

impl Loc {
    /// The title of a node.
    pub fn title(node: NodeId) -> Loc {
        Loc {
            node,
            at: At::Title,
        }
    }

    /// The section an item lies in, if the place is an item.
    pub fn fy(self) -> Option<Fy> {
        match self.at {
            At::Item(i) => Some(i.fy),
            _ => None,
        }
    }

    /// What kind of text this is.
    pub fn field(self) -> Field {
        if self.node.is_preface() {
            return Field::Preface;
        }
        match (self.at, self.node.measure, self.node.chapter) {
            (At::Item(i), ..) => match i.fy {
                Fy::Results => Field::Results,
                Fy::Plans => Field::Plans,
            },
            (At::Purpose, ..) => Field::Purpose,
            (At::Title, Some(_), _) => Field::Title,
            (At::Title, None, Some(_)) => Field::Chapter,
            (At::Title, None, None) => Field::Part,
        }
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.node)?;
        match self.at {
            At::Title => write!(f, " title"),
            At::Purpose => write!(f, " purpose"),
            At::Item(i) => write!(f, " {} {}", self.field().name(), i.number()),
        }
    }
}

/// The texts of one item, in reading order: bullet, sub-items, tail (the empty ones skipped).
fn item_texts(fy: Fy, index: usize, item: &Item) -> impl Iterator<Item = (At, &str)> {
    let at = move |piece| {
        At::Item(ItemAt {
            fy,
            item: index,
            piece,
        })
    };
    std::iter::once((at(Piece::Text), item.text.as_str()))
        .chain(
            item.items
                .iter()
                .enumerate()
                .map(move |(s, sub)| (at(Piece::Sub(s)), sub.text.as_str())),
        )
        .chain(std::iter::once((at(Piece::Tail), item.tail.as_str())))
        .filter(|(_, t)| !t.is_empty())
}

impl Measure {
    /// The measure's own texts in reading order (title, purpose, items), the empty ones skipped.
    pub fn texts(&self) -> impl Iterator<Item = (At, &str)> {
        let head = [
            (At::Title, self.title.as_str()),
            (At::Purpose, self.purpose.as_str()),
        ];
        let sections = [Fy::Results, Fy::Plans].into_iter().flat_map(move |fy| {
            self.section(fy)
                .items
                .iter()
                .enumerate()
                .flat_map(move |(i, item)| item_texts(fy, i, item))
        });
        head.into_iter()
            .filter(|(_, t)| !t.is_empty())
            .chain(sections)
    }

    /// The text at a place of this measure.
    pub fn text(&self, at: At) -> Option<&str> {
        match at {
            At::Title => Some(&self.title),
            At::Purpose => Some(&self.purpose),
            At::Item(i) => {
                let item = self.section(i.fy).items.get(i.item)?;
                match i.piece {
                    Piece::Text => Some(&item.text),
                    Piece::Sub(s) => item.items.get(s).map(|s| s.text.as_str()),
                    Piece::Tail => Some(&item.tail),
                }
            }
        }
    }
}

/// The preface's heading, as the report prints it.
pub const PREFACE_TITLE: &str = "はじめに";

impl<'a> Node<'a> {
    /// The node's own texts (not its children's), in reading order.
    pub fn texts(self) -> Box<dyn Iterator<Item = (At, &'a str)> + 'a> {
        match self {
            // The preface's paragraphs as one text, like a purpose.
            Node::Preface(p) => Box::new(std::iter::once((At::Purpose, p))),
            Node::Part(p) => Box::new(
                std::iter::once((At::Title, p.title.as_str())).filter(|(_, t)| !t.is_empty()),
            ),
            Node::Chapter(_, c) => Box::new(
                std::iter::once((At::Title, c.title.as_str())).filter(|(_, t)| !t.is_empty()),
            ),
            Node::Measure(_, _, m) => Box::new(m.texts()),
        }
    }

    /// The label as printed: （１）, １）, ②.
    pub fn label(self) -> &'a str {
        match self {
            Node::Preface(_) => "",
            Node::Part(p) => &p.label,
            Node::Chapter(_, c) => &c.label,
            Node::Measure(_, _, m) => &m.label,
        }
    }

    /// The title as printed.
    pub fn title(self) -> &'a str {
        match self {
            Node::Preface(_) => PREFACE_TITLE,
            Node::Part(p) => &p.title,
            Node::Chapter(_, c) => &c.title,
            Node::Measure(_, _, m) => &m.title,
        }
    }
}

impl Report {
    /// Every node in reading order: a part, then each of its chapters followed by its measures.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, Node<'_>)> + '_ {
        self.nodes_in(0..self.parts.len())
    }

    /// The nodes of parts `range` (0-based indices), in reading order, with ids numbered in
    /// the whole report.
    pub fn nodes_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (NodeId, Node<'_>)> + '_ {
        let start = range.start;
        let preface = (start == 0)
            .then(|| self.get(NodeId::PREFACE).map(|n| (NodeId::PREFACE, n)))
            .flatten();
        preface.into_iter().chain(
            self.parts
                .get(range)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .flat_map(move |(k, p)| {
                    let pi = start + k + 1;
                    std::iter::once((NodeId::part(pi), Node::Part(p))).chain(
                        p.chapters.iter().enumerate().flat_map(move |(ci, c)| {
                            std::iter::once((NodeId::chapter(pi, ci + 1), Node::Chapter(p, c)))
                                .chain(c.measures.iter().enumerate().map(move |(mi, m)| {
                                    (NodeId::measure(pi, ci + 1, mi + 1), Node::Measure(p, c, m))
                                }))
                        }),
                    )
                }),
        )
    }

    /// Every text of the report in reading order, with its address (empty texts skipped).
    pub fn texts(&self) -> impl Iterator<Item = (Loc, &str)> + '_ {
        self.nodes().flat_map(|(id, node)| {
            node.texts()
                .map(move |(at, text)| (Loc { node: id, at }, text))
        })
    }

    /// The text at an address.
    pub fn text(&self, loc: Loc) -> Option<&str> {
        match (self.get(loc.node)?, loc.at) {
            (Node::Measure(_, _, m), at) => m.text(at),
            (Node::Preface(p), At::Purpose) => Some(p),
            (node, At::Title) => Some(node.title()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Origin, SEED, from_bytes};

    #[test]
    fn texts_walk_every_text_once_in_order_and_resolve() {
        let r = from_bytes(SEED, Origin::Embedded).unwrap().report;
        let all: Vec<(Loc, &str)> = r.texts().collect();
        assert!(all.windows(2).all(|w| w[0].0 < w[1].0), "reading order");
        for (loc, text) in &all {
            assert_eq!(r.text(*loc), Some(*text), "{loc}");
        }
        let id: NodeId = "2.3.4".parse().unwrap();
        let subs = all
            .iter()
            .filter(|(l, _)| {
                l.node == id
                    && matches!(
                        l.at,
                        At::Item(ItemAt {
                            piece: Piece::Sub(_),
                            ..
                        })
                    )
            })
            .count();
        assert_eq!(subs, 2 + 5);
        assert_eq!(r.nodes().filter(|(id, _)| id.measure.is_some()).count(), 42);
        assert_eq!(Loc::title(id).field(), Field::Title);
        assert_eq!(Loc::title(NodeId::chapter(2, 3)).field(), Field::Chapter);
    }
}
