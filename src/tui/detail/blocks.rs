//! The detail pane's content as blocks (path, title, purpose, headings, bullets, sub-items),
//! and its layout into wrapped lines for a width. Pure functions of the report: both the
//! update step (to keep the cursor in view) and the renderer use them.

use crate::report::{At, Fy, Loc, Node, NodeId, Piece, Report, export};
use crate::tui::wrap::{self, str_cols};

/// What a block shows; the copyable ones carry where they are in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Path,
    /// A text of the report: the node's title, a purpose, a bullet, sub-item or tail.
    Text(Loc),
    Heading(Fy),
    /// A child of a part or chapter, in their overview.
    Child(NodeId),
    Blank,
}

impl BlockKind {
    /// Can the item cursor stop here?
    pub fn is_item(self) -> bool {
        match self {
            BlockKind::Text(loc) => loc.at != At::Title,
            BlockKind::Child(_) => true,
            _ => false,
        }
    }

    /// The report text this block shows, if it shows one.
    pub fn loc(self) -> Option<Loc> {
        match self {
            BlockKind::Text(loc) => Some(loc),
            _ => None,
        }
    }
}

/// Where a block goes when FY sections are side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    Header,
    Left,
    Right,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Printed before the text on the first line (`・`, or nothing).
    pub marker: String,
    pub text: String,
    /// Columns of indentation of every line.
    pub indent: usize,
    /// Where the report's text starts in `text`, in chars: positive when the block adds a
    /// label before it (`② ` in a title), negative when the marker took a char from it (①).
    pub offset: isize,
}

impl Block {
    fn new(kind: BlockKind, marker: &str, text: &str, indent: usize) -> Block {
        Block {
            kind,
            marker: marker.to_string(),
            text: text.to_string(),
            indent,
            offset: 0,
        }
    }

    /// A title shown as `label title`: the report's title starts after the label.
    fn titled(id: NodeId, label: &str, title: &str) -> Block {
        let text = export::heading(label, title);
        let offset = (text.chars().count() - title.chars().count()) as isize;
        Block {
            offset,
            ..Block::new(BlockKind::Text(Loc::title(id)), "", &text, 0)
        }
    }

    /// A sub-item: its printed number (①) becomes the marker, so its lines hang under it.
    fn sub_item(kind: BlockKind, text: &str) -> Block {
        match text.chars().next() {
            Some(c) if crate::report::model::circled_number(c).is_some() => Block {
                offset: -1,
                ..Block::new(kind, &c.to_string(), &text[c.len_utf8()..], 4)
            },
            _ => Block::new(kind, "", text, 4),
        }
    }

    /// Maps char ranges of the report's text to ranges of `text`.
    pub fn map_ranges(&self, ranges: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let n = self.text.chars().count() as isize;
        ranges
            .iter()
            .map(|&(s, e)| {
                let s = (s as isize + self.offset).clamp(0, n) as usize;
                let e = (e as isize + self.offset).clamp(0, n) as usize;
                (s, e)
            })
            .filter(|(s, e)| s < e)
            .collect()
    }

    pub fn region(&self) -> Region {
        let fy = match self.kind {
            BlockKind::Heading(fy) => Some(fy),
            BlockKind::Text(loc) => loc.fy(),
            _ => None,
        };
        match fy {
            Some(Fy::Results) => Region::Left,
            Some(Fy::Plans) => Region::Right,
            None => Region::Header,
        }
    }
}

/// The blocks for a node, in reading order.
pub fn blocks(report: &Report, id: NodeId) -> Vec<Block> {
    let mut out = Vec::new();
    let path = match report.get(id) {
        Some(Node::Preface(_)) => crate::report::loc::PREFACE_TITLE.to_string(),
        Some(Node::Part(p)) => p.label.clone(),
        Some(Node::Chapter(p, c)) => format!("{}＞{}", p.label, c.label),
        Some(Node::Measure(p, c, m)) => format!("{}＞{}＞{}", p.label, c.label, m.label),
        None => return out,
    };
    out.push(Block::new(
        BlockKind::Path,
        "",
        &format!("{path}  [{id}]"),
        0,
    ));
    let Some(node) = report.get(id) else {
        return out;
    };
    out.push(Block::titled(id, node.label(), node.title()));
    match node {
        Node::Preface(text) => {
            // One block, paragraphs and all: search ranges count in the whole text.
            let kind = BlockKind::Text(Loc {
                node: id,
                at: At::Purpose,
            });
            out.push(Block::new(kind, "", text, 0));
        }
        Node::Measure(_, _, m) => {
            if !m.purpose.is_empty() {
                let kind = BlockKind::Text(Loc {
                    node: id,
                    at: At::Purpose,
                });
                out.push(Block::new(kind, "", &m.purpose, 0));
            }
            for fy in [Fy::Results, Fy::Plans] {
                let section = m.section(fy);
                if section.is_empty() {
                    continue;
                }
                out.push(Block::new(BlockKind::Heading(fy), "", &section.heading, 0));
                for (at, text) in m.texts() {
                    let At::Item(i) = at else { continue };
                    if i.fy != fy {
                        continue;
                    }
                    let kind = BlockKind::Text(Loc { node: id, at });
                    out.push(match i.piece {
                        Piece::Text => Block::new(kind, "・", text, 0),
                        Piece::Sub(_) => Block::sub_item(kind, text),
                        Piece::Tail => Block::new(kind, "", text, 2),
                    });
                }
            }
        }
        Node::Chapter(..) | Node::Part(_) => {
            out.push(Block::new(BlockKind::Blank, "", "", 0));
            // The children: a part's chapters, a chapter's measures.
            let depth = |n: NodeId| n.chapter.is_some() as u8 + n.measure.is_some() as u8;
            let children = report.nodes_in(id.part - 1..id.part).filter(|(c, _)| {
                depth(*c) == depth(id) + 1 && (id.chapter.is_none() || c.chapter == id.chapter)
            });
            for (cid, child) in children {
                let label = export::heading(child.label(), child.title());
                out.push(Block::new(BlockKind::Child(cid), "", &label, 0));
            }
        }
    }
    out
}

/// The block that shows a text of the selected node: a part's or chapter's title is shown by
/// the node's own title block.
pub fn block_of(blocks: &[Block], loc: Loc) -> Option<usize> {
    blocks.iter().position(|b| b.kind == BlockKind::Text(loc))
}

/// One wrapped line of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub block: usize,
    /// Char range of the block's text on this line.
    pub start: usize,
    pub end: usize,
    /// First line of its block (draws the marker).
    pub first: bool,
    /// Columns of indentation before the text.
    pub indent: usize,
}

/// Lays out the blocks of one region at `width` columns. A blank line separates sections
/// and follows the purpose; bullets hang (continuation lines indent past the `・`).
pub fn layout(blocks: &[Block], region: Option<Region>, width: usize) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut prev: Option<BlockKind> = None;
    for (bi, b) in blocks.iter().enumerate() {
        if region.is_some_and(|r| r != b.region()) {
            continue;
        }
        // Air before section headings and after the purpose.
        let gap = matches!(b.kind, BlockKind::Heading(_)) && prev.is_some()
            || prev
                .and_then(BlockKind::loc)
                .is_some_and(|l| l.at == At::Purpose);
        if gap {
            lines.push(Line {
                block: usize::MAX,
                start: 0,
                end: 0,
                first: false,
                indent: 0,
            });
        }
        let marker = str_cols(&b.marker);
        let indent = b.indent + marker;
        let avail = width.saturating_sub(indent).max(1);
        for (i, (s, e)) in wrap::wrap(&b.text, avail).into_iter().enumerate() {
            lines.push(Line {
                block: bi,
                start: s,
                end: e,
                first: i == 0,
                indent,
            });
        }
        prev = Some(b.kind);
    }
    lines
}

/// First and last line index of a block in a layout.
pub fn block_span(lines: &[Line], block: usize) -> Option<(usize, usize)> {
    let first = lines.iter().position(|l| l.block == block)?;
    let last = lines.iter().rposition(|l| l.block == block)?;
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Origin, SEED, from_bytes};

    #[test]
    fn measure_blocks_in_reading_order() {
        let r = from_bytes(SEED, Origin::Embedded).unwrap().report;
        let b = blocks(&r, "2.3.4".parse().unwrap());
        assert_eq!(b[0].text, "（２）＞３）＞④  [2.3.4]");
        assert_eq!(b[1].text, "④ アジア健康構想の推進");
        assert_eq!(b[2].kind.loc().map(|l| l.at), Some(At::Purpose));
        let subs = b.iter().filter(|x| x.indent == 4).count();
        assert_eq!(subs, 2 + 5);
        let lines = layout(&b, None, 40);
        for l in &lines {
            if l.block != usize::MAX {
                let chars: Vec<char> = b[l.block].text.chars().collect();
                let w: usize = chars[l.start..l.end].iter().map(|c| wrap::cols(*c)).sum();
                assert!(w + l.indent <= 40);
            }
        }
    }
}
