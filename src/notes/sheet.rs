//! The review sheet: every note of a document with where it is (the report, the measure, the
//! section, the item's text), as Markdown grouped by part and measure, CSV for a spreadsheet,
//! or JSON.

use super::{Anchor, Placed};
use crate::report::decode::strip_controls;
use crate::report::export::md;
use crate::report::{At, Loc, Node, NodeId, Report};
use serde::Serialize;

/// One line of the sheet.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The note's number (`senryaku note rm` takes it).
    pub number: i64,
    /// The report's title.
    pub report: String,
    /// The file it was read from.
    pub file: String,
    /// The measure's (or chapter's, part's) id (`1.4.2`), if the item was found.
    pub measure: Option<String>,
    /// Its label path: `（１）＞４）＞②`.
    pub path: String,
    /// The measure's (or chapter's, part's) title.
    pub title: String,
    /// The section's heading, for an item of one.
    pub section: Option<String>,
    /// What the note is on: `plans 1`, `results 2.1`, `purpose`, `title`.
    pub item: String,
    /// The mark: checked, question, concern.
    pub mark: Option<super::Mark>,
    /// What the reviewer wrote.
    pub note: String,
    /// The item's text now (its quote, if the item was not found).
    pub text: String,
    /// How the note found its item.
    pub anchor: Anchor,
    /// When it was written (RFC 3339, UTC).
    pub created: String,
    /// When it was last changed.
    pub updated: String,
    #[serde(skip)]
    loc: Option<Loc>,
}

/// The sheet's rows, in the order of the report (notes whose item is lost come last).
pub fn rows(report: &Report, file: &str, placed: &[Placed]) -> Vec<Row> {
    let clean = |s: &str| strip_controls(s).into_owned();
    let mut out: Vec<Row> = placed
        .iter()
        .map(|p| {
            let loc = p.loc;
            let node = loc.and_then(|l| report.get(l.node));
            let section = match loc.map(|l| l.at) {
                Some(At::Item(i)) => loc
                    .and_then(|l| report.measure(l.node))
                    .map(|m| m.section(i.fy).heading.clone()),
                _ => None,
            };
            let item = match loc {
                Some(l) => l
                    .to_string()
                    .split_once(' ')
                    .map_or(String::new(), |x| x.1.to_string()),
                None => p.note.address.clone(),
            };
            Row {
                number: p.note.id,
                report: clean(&report.title),
                file: clean(file),
                measure: loc.map(|l| l.node.to_string()),
                path: loc.map_or(String::new(), |l| report.label_path(l.node)),
                title: node.map_or(String::new(), |n| clean(n.title())),
                section,
                item,
                mark: p.note.mark,
                note: clean(&p.note.text),
                text: loc
                    .and_then(|l| report.text(l))
                    .map_or_else(|| clean(&p.note.quote), clean),
                anchor: p.anchor,
                created: super::time(p.note.created),
                updated: super::time(p.note.updated),
                loc,
            }
        })
        .collect();
    out.sort_by_key(|r| (r.loc.is_none(), r.loc, r.number));
    out
}

/// The sheet as Markdown: a heading per part and per measure, a bullet per note with its
/// mark, the note and the item's text quoted.
pub fn markdown(report: &Report, rows: &[Row]) -> String {
    let mut out = String::new();
    let title = if report.title.is_empty() {
        "Review".to_string()
    } else {
        format!("Review: 「{}」", md(&strip_controls(&report.title)))
    };
    out.push_str(&format!("# {title}\n"));
    if let Some(r) = rows.first() {
        let n = match rows.len() {
            1 => "1 note".to_string(),
            n => format!("{n} notes"),
        };
        out.push_str(&format!("\n{n} on `{}`.\n", r.file.replace('`', "'")));
    }
    let mut part: Option<Option<usize>> = None;
    let mut node: Option<Option<NodeId>> = None;
    for r in rows {
        let id = r.loc.map(|l| l.node);
        let this_part = id.map(|i| i.part);
        if part != Some(this_part) {
            part = Some(this_part);
            let heading = match id.and_then(|i| report.get(NodeId::part(i.part))) {
                Some(n) if !id.is_some_and(NodeId::is_preface) => {
                    crate::report::export::heading(n.label(), n.title())
                }
                Some(_) => crate::report::loc::PREFACE_TITLE.to_string(),
                None => "Notes whose item was not found".to_string(),
            };
            out.push_str(&format!("\n## {}\n", md(&strip_controls(&heading))));
        }
        if node != Some(id) {
            node = Some(id);
            if let Some(i) = id.filter(|i| !i.is_preface() && i.chapter.is_some()) {
                let heading = match report.get(i) {
                    Some(Node::Measure(..)) | Some(Node::Chapter(..)) => {
                        format!("{} {} [{i}]", r.path, r.title)
                    }
                    _ => format!("[{i}]"),
                };
                out.push_str(&format!("\n### {}\n\n", md(&heading)));
            } else {
                out.push('\n');
            }
        }
        let mark = r.mark.map_or(String::new(), |m| format!("{} ", m.glyph()));
        let place = match &r.section {
            Some(s) => format!("{s} · {}", r.item),
            None => r.item.clone(),
        };
        let note = if r.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", md(&r.note))
        };
        out.push_str(&format!(
            "- {mark}**{}**{note} (note {}, {})\n",
            md(&place),
            r.number,
            r.updated
        ));
        if !r.text.is_empty() {
            out.push_str(&format!("  > {}\n", md(&r.text)));
        }
    }
    out
}

/// The sheet as CSV for a spreadsheet: UTF-8 with a byte-order mark (so that Excel reads
/// the Japanese right), RFC 4180 quoting, CRLF line ends.
pub fn csv(rows: &[Row]) -> Result<String, String> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let e = |e: ::csv::Error| e.to_string();
    w.write_record([
        "number", "report", "file", "measure", "path", "title", "section", "item", "mark", "note",
        "text", "anchor", "created", "updated",
    ])
    .map_err(e)?;
    for r in rows {
        let anchor = match r.anchor {
            Anchor::Exact => "exact",
            Anchor::Moved => "moved",
            Anchor::Changed => "changed",
            Anchor::Lost => "lost",
        };
        w.write_record([
            r.number.to_string().as_str(),
            &r.report,
            &r.file,
            r.measure.as_deref().unwrap_or(""),
            &r.path,
            &r.title,
            r.section.as_deref().unwrap_or(""),
            &r.item,
            r.mark.map_or("", super::Mark::name),
            &r.note,
            &r.text,
            anchor,
            &r.created,
            &r.updated,
        ])
        .map_err(e)?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    let mut out = String::from("\u{feff}");
    out.push_str(&String::from_utf8_lossy(&bytes));
    Ok(out)
}
