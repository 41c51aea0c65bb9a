//! The outline tree as the rows currently visible.

use crate::report::{NodeId, Report, export};
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: NodeId,
    pub depth: usize,
    /// Label and title as printed: `（１）世界…`, `１）国が…`, `① ゲノム…`.
    pub text: String,
    pub expandable: bool,
    pub expanded: bool,
}

/// The visible rows: parts, the chapters of expanded parts, the measures of expanded chapters.
pub fn rows(report: &Report, expanded: &HashSet<NodeId>) -> Vec<Row> {
    let mut out = Vec::new();
    for (pi, p) in report.parts.iter().enumerate() {
        let pid = NodeId::part(pi + 1);
        let open = expanded.contains(&pid);
        out.push(Row {
            id: pid,
            depth: 0,
            text: export::heading(&p.label, &p.title),
            expandable: !p.chapters.is_empty(),
            expanded: open,
        });
        if !open {
            continue;
        }
        for (ci, c) in p.chapters.iter().enumerate() {
            let cid = NodeId::chapter(pi + 1, ci + 1);
            let open = expanded.contains(&cid);
            out.push(Row {
                id: cid,
                depth: 1,
                text: export::heading(&c.label, &c.title),
                expandable: !c.measures.is_empty(),
                expanded: open,
            });
            if !open {
                continue;
            }
            for (mi, m) in c.measures.iter().enumerate() {
                out.push(Row {
                    id: NodeId::measure(pi + 1, ci + 1, mi + 1),
                    depth: 2,
                    text: export::heading(&m.label, &m.title),
                    expandable: false,
                    expanded: false,
                });
            }
        }
    }
    out
}

/// Every part and chapter id: the fully expanded tree.
pub fn all_branches(report: &Report) -> HashSet<NodeId> {
    let mut set = HashSet::new();
    for (pi, p) in report.parts.iter().enumerate() {
        set.insert(NodeId::part(pi + 1));
        for ci in 0..p.chapters.len() {
            set.insert(NodeId::chapter(pi + 1, ci + 1));
        }
    }
    set
}

/// The parent of a node in the outline.
pub fn parent(id: NodeId) -> Option<NodeId> {
    match (id.chapter, id.measure) {
        (Some(c), Some(_)) => Some(NodeId::chapter(id.part, c)),
        (Some(_), None) => Some(NodeId::part(id.part)),
        _ => None,
    }
}
