//! Text, JSON and Markdown renderings of the report, shared by the CLI and the clipboard.

use super::model::{Fy, Item, Measure, Node, NodeId, Report, Section};
use serde::Serialize;

// ---------------------------------------------------------------------------------------------
// JSON

/// An item is a plain string, or an object when it has sub-items or a closing tail.
#[derive(Serialize)]
#[serde(untagged)]
pub enum JsonItem<'a> {
    Text(&'a str),
    Nested {
        text: &'a str,
        items: Vec<JsonItem<'a>>,
        #[serde(skip_serializing_if = "str::is_empty")]
        tail: &'a str,
    },
}

impl<'a> From<&'a Item> for JsonItem<'a> {
    fn from(item: &'a Item) -> Self {
        if item.items.is_empty() && item.tail.is_empty() {
            JsonItem::Text(&item.text)
        } else {
            JsonItem::Nested {
                text: &item.text,
                items: item.items.iter().map(JsonItem::from).collect(),
                tail: &item.tail,
            }
        }
    }
}

#[derive(Serialize)]
pub struct JsonMeasure<'a> {
    pub id: String,
    pub label: &'a str,
    pub title: &'a str,
    pub purpose: &'a str,
    pub fy2017_heading: &'a str,
    pub fy2017: Vec<JsonItem<'a>>,
    pub fy2018_heading: &'a str,
    pub fy2018: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
pub struct JsonChapter<'a> {
    pub id: String,
    pub label: &'a str,
    pub title: &'a str,
    pub measures: Vec<JsonMeasure<'a>>,
}

#[derive(Serialize)]
pub struct JsonPart<'a> {
    pub id: String,
    pub label: &'a str,
    pub title: &'a str,
    pub chapters: Vec<JsonChapter<'a>>,
}

#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub title: &'a str,
    pub preface: &'a str,
    pub parts: Vec<JsonPart<'a>>,
}

fn items(section: &Section) -> Vec<JsonItem<'_>> {
    section.items.iter().map(JsonItem::from).collect()
}

pub fn json_measure(id: NodeId, m: &Measure) -> JsonMeasure<'_> {
    JsonMeasure {
        id: id.to_string(),
        label: &m.label,
        title: &m.title,
        purpose: &m.purpose,
        fy2017_heading: &m.fy2017.heading,
        fy2017: items(&m.fy2017),
        fy2018_heading: &m.fy2018.heading,
        fy2018: items(&m.fy2018),
    }
}

fn json_chapter(report: &Report, id: NodeId) -> Option<JsonChapter<'_>> {
    let Some(Node::Chapter(_, c)) = report.get(id) else {
        return None;
    };
    let (p, ci) = (id.part, id.chapter?);
    Some(JsonChapter {
        id: id.to_string(),
        label: &c.label,
        title: &c.title,
        measures: c
            .measures
            .iter()
            .enumerate()
            .map(|(mi, m)| json_measure(NodeId::measure(p, ci, mi + 1), m))
            .collect(),
    })
}

fn json_part(report: &Report, p: usize) -> Option<JsonPart<'_>> {
    let part = report.parts.get(p.checked_sub(1)?)?;
    Some(JsonPart {
        id: p.to_string(),
        label: &part.label,
        title: &part.title,
        chapters: (1..=part.chapters.len())
            .filter_map(|c| json_chapter(report, NodeId::chapter(p, c)))
            .collect(),
    })
}

pub fn json_report(report: &Report) -> JsonReport<'_> {
    JsonReport {
        title: &report.title,
        preface: &report.preface,
        parts: (1..=report.parts.len())
            .filter_map(|p| json_part(report, p))
            .collect(),
    }
}

/// One node (part, chapter or measure) as JSON.
pub fn json_node(report: &Report, id: NodeId) -> Option<serde_json::Value> {
    let value = match report.get(id)? {
        Node::Part(_) => serde_json::to_value(json_part(report, id.part)?),
        Node::Chapter(..) => serde_json::to_value(json_chapter(report, id)?),
        Node::Measure(_, _, m) => serde_json::to_value(json_measure(id, m)),
    };
    value.ok()
}

// ---------------------------------------------------------------------------------------------
// Plain text

/// The outline as indented text: an id column, then labels and titles indented by level.
pub fn toc(report: &Report) -> String {
    let mut out = String::new();
    for (pi, p) in report.parts.iter().enumerate() {
        let pid = NodeId::part(pi + 1);
        out.push_str(&format!("{:<8}{}{}\n", pid.to_string(), p.label, p.title));
        for (ci, c) in p.chapters.iter().enumerate() {
            let cid = NodeId::chapter(pi + 1, ci + 1);
            out.push_str(&format!("{:<8}  {}{}\n", cid.to_string(), c.label, c.title));
            for (mi, m) in c.measures.iter().enumerate() {
                let mid = NodeId::measure(pi + 1, ci + 1, mi + 1);
                out.push_str(&format!(
                    "{:<8}    {}\n",
                    mid.to_string(),
                    heading(&m.label, &m.title)
                ));
            }
        }
    }
    out
}

/// `② レギュラトリーサイエンスの推進`: a label and a title as the report prints them.
pub fn heading(label: &str, title: &str) -> String {
    match (label.is_empty(), title.is_empty()) {
        (true, _) => title.to_string(),
        (false, true) => label.to_string(),
        (false, false) if label.ends_with('）') || label.ends_with(')') => {
            format!("{label}{title}")
        }
        (false, false) => format!("{label} {title}"),
    }
}

/// Writes one item as plain lines: `・text`, sub-items indented under it, then the tail.
pub fn item_lines(item: &Item, out: &mut Vec<String>) {
    out.push(format!("・{}", item.text));
    for sub in &item.items {
        out.push(format!("  {}", sub.text));
    }
    if !item.tail.is_empty() {
        out.push(format!("  {}", item.tail));
    }
}

/// A section as plain text: heading, then its items.
pub fn section_text(section: &Section) -> String {
    let mut lines = Vec::new();
    if !section.heading.is_empty() {
        lines.push(section.heading.clone());
    }
    for item in &section.items {
        item_lines(item, &mut lines);
    }
    lines.join("\n")
}

/// A measure's body as plain text: purpose, then both FY sections.
pub fn measure_body(m: &Measure) -> String {
    let mut blocks = Vec::new();
    if !m.purpose.is_empty() {
        blocks.push(m.purpose.clone());
    }
    for fy in [Fy::Results, Fy::Plans] {
        let s = m.section(fy);
        if !s.is_empty() {
            blocks.push(section_text(s));
        }
    }
    blocks.join("\n\n")
}

/// The path of a node as indented heading lines, with the id.
fn path_lines(report: &Report, id: NodeId) -> Vec<String> {
    let mut lines = Vec::new();
    match report.get(id) {
        Some(Node::Part(p)) => lines.push(heading(&p.label, &p.title)),
        Some(Node::Chapter(p, c)) => {
            lines.push(heading(&p.label, &p.title));
            lines.push(format!("＞ {}", heading(&c.label, &c.title)));
        }
        Some(Node::Measure(p, c, m)) => {
            lines.push(heading(&p.label, &p.title));
            lines.push(format!("＞ {}", heading(&c.label, &c.title)));
            lines.push(format!("＞ {}", heading(&m.label, &m.title)));
        }
        None => {}
    }
    if let Some(first) = lines.first_mut() {
        *first = format!("[{id}] {first}");
    }
    lines
}

/// One node as readable text: its path, then for a measure its purpose and both FY sections,
/// for a chapter or part every measure under it.
pub fn node_text(report: &Report, id: NodeId) -> Option<String> {
    let mut out = path_lines(report, id).join("\n");
    match report.get(id)? {
        Node::Measure(_, _, m) => {
            out.push_str("\n\n");
            out.push_str(&measure_body(m));
        }
        Node::Chapter(_, c) => {
            for (mi, _) in c.measures.iter().enumerate() {
                let mid = NodeId::measure(id.part, id.chapter?, mi + 1);
                out.push_str("\n\n");
                out.push_str(&node_text(report, mid)?);
            }
        }
        Node::Part(p) => {
            for (ci, _) in p.chapters.iter().enumerate() {
                out.push_str("\n\n");
                out.push_str(&node_text(report, NodeId::chapter(id.part, ci + 1))?);
            }
        }
    }
    out.push('\n');
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// Markdown

/// Escapes characters that Markdown would read as markup at the start of a line or inline.
pub(crate) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Markdown lines for one section: a bold heading, then a bullet list with nested sub-items.
pub fn section_markdown(section: &Section, out: &mut String) {
    if !section.heading.is_empty() {
        out.push_str(&format!("**{}**\n\n", md(&section.heading)));
    }
    for item in &section.items {
        out.push_str(&format!("- {}\n", md(&item.text)));
        for sub in &item.items {
            out.push_str(&format!("  - {}\n", md(&sub.text)));
        }
        if !item.tail.is_empty() {
            out.push_str(&format!("\n  {}\n", md(&item.tail)));
        }
    }
    if !section.items.is_empty() {
        out.push('\n');
    }
}

/// The whole report as Markdown: `#` title, `##` parts, `###` chapters, `####` measures.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    if !report.title.is_empty() {
        out.push_str(&format!("# {}\n\n", md(&report.title)));
    }
    if !report.preface.is_empty() {
        out.push_str("## はじめに\n\n");
        for para in report.preface.lines() {
            out.push_str(&format!("{}\n\n", md(para)));
        }
    }
    for p in &report.parts {
        out.push_str(&format!("## {}\n\n", md(&heading(&p.label, &p.title))));
        for c in &p.chapters {
            out.push_str(&format!("### {}\n\n", md(&heading(&c.label, &c.title))));
            for m in &c.measures {
                out.push_str(&format!("#### {}\n\n", md(&heading(&m.label, &m.title))));
                for para in m.purpose.lines() {
                    out.push_str(&format!("{}\n\n", md(para)));
                }
                section_markdown(&m.fy2017, &mut out);
                section_markdown(&m.fy2018, &mut out);
            }
        }
    }
    out
}
