//! Text, JSON and Markdown renderings of the report, shared by the CLI and the clipboard.

use super::excerpt::{body_text, measure_lines};
use super::model::{Item, Measure, Node, NodeId, Report, Section};
use serde::Serialize;

// ---------------------------------------------------------------------------------------------
// JSON

/// An item is a plain string, or an object when it has sub-items or a closing tail.
#[derive(Serialize)]
#[serde(untagged)]
pub enum JsonItem<'a> {
    /// An item without sub-items or tail.
    Text(&'a str),
    /// An item with sub-items or a tail.
    Nested {
        /// The bullet's text.
        text: &'a str,
        /// Its sub-items.
        items: Vec<JsonItem<'a>>,
        /// The text that closes it after the sub-items.
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

/// A measure in JSON.
#[derive(Serialize)]
pub struct JsonMeasure<'a> {
    /// Positional id `P.C.M`.
    pub id: String,
    /// Label as printed (②).
    pub label: &'a str,
    /// Title.
    pub title: &'a str,
    /// Purpose paragraph(s).
    pub purpose: &'a str,
    /// Section Ⅰ: what was done.
    pub results: JsonSection<'a>,
    /// Section Ⅱ: what is planned.
    pub plans: JsonSection<'a>,
}

/// A section of a measure in JSON.
#[derive(Serialize)]
pub struct JsonSection<'a> {
    /// The heading as printed (`Ⅰ 平成 29 年度の主な実行状況・成果`); empty when absent.
    pub heading: &'a str,
    /// The fiscal year the heading names, whatever the era (2017), or null.
    pub fiscal_year: Option<u32>,
    /// The bullets.
    pub items: Vec<JsonItem<'a>>,
}

impl<'a> From<&'a Section> for JsonSection<'a> {
    fn from(s: &'a Section) -> Self {
        JsonSection {
            heading: &s.heading,
            fiscal_year: s.fiscal_year(),
            items: items(s),
        }
    }
}

/// The version of the JSON shapes, stated in the README.
pub const SCHEMA_VERSION: u32 = 2;

/// A document's fiscal years in JSON.
#[derive(Serialize)]
pub struct JsonYears {
    /// Of the results (Ⅰ).
    pub results: Option<u32>,
    /// Of the plans (Ⅱ).
    pub plans: Option<u32>,
}

/// A chapter in JSON.
#[derive(Serialize)]
pub struct JsonChapter<'a> {
    /// Positional id `P.C`.
    pub id: String,
    /// Label as printed (４）).
    pub label: &'a str,
    /// Title.
    pub title: &'a str,
    /// Its measures.
    pub measures: Vec<JsonMeasure<'a>>,
}

/// A part in JSON.
#[derive(Serialize)]
pub struct JsonPart<'a> {
    /// Positional id `P`.
    pub id: String,
    /// Label as printed (（１）).
    pub label: &'a str,
    /// Title.
    pub title: &'a str,
    /// Its chapters.
    pub chapters: Vec<JsonChapter<'a>>,
}

/// The whole report in JSON.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    /// The version of these shapes: 2.
    pub schema: u32,
    /// Title.
    pub title: &'a str,
    /// The fiscal years of the results and the plans (null where the headings name none).
    pub fiscal_years: JsonYears,
    /// The preface (はじめに).
    pub preface: &'a str,
    /// Its parts.
    pub parts: Vec<JsonPart<'a>>,
}

fn items(section: &Section) -> Vec<JsonItem<'_>> {
    section.items.iter().map(JsonItem::from).collect()
}

/// A measure as JSON.
pub fn json_measure(id: NodeId, m: &Measure) -> JsonMeasure<'_> {
    JsonMeasure {
        id: id.to_string(),
        label: &m.label,
        title: &m.title,
        purpose: &m.purpose,
        results: JsonSection::from(&m.results),
        plans: JsonSection::from(&m.plans),
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

/// The whole report as JSON.
pub fn json_report(report: &Report) -> JsonReport<'_> {
    let (results, plans) = report.fiscal_years();
    JsonReport {
        schema: SCHEMA_VERSION,
        title: &report.title,
        fiscal_years: JsonYears { results, plans },
        preface: &report.preface,
        parts: (1..=report.parts.len())
            .filter_map(|p| json_part(report, p))
            .collect(),
    }
}

/// One node (the preface, a part, chapter or measure) as JSON.
pub fn json_node(report: &Report, id: NodeId) -> Option<serde_json::Value> {
    let value = match report.get(id)? {
        Node::Preface(text) => Ok(serde_json::json!({
            "id": "0",
            "title": crate::report::loc::PREFACE_TITLE,
            "preface": text,
        })),
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
    for (id, node) in report.nodes() {
        let indent = match node {
            Node::Preface(_) | Node::Part(_) => "",
            Node::Chapter(..) => "  ",
            Node::Measure(..) => "    ",
        };
        let text = match node {
            Node::Measure(_, _, m) => heading(&m.label, &m.title),
            n => format!("{}{}", n.label(), n.title()),
        };
        out.push_str(&format!("{:<8}{indent}{text}\n", id.to_string()));
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

/// A measure's body as plain text: purpose, then both sections.
pub fn measure_body(m: &Measure) -> String {
    body_text(&measure_lines(m), false).trim_end().to_string()
}

/// The path of a node as indented heading lines, with the id.
fn path_lines(report: &Report, id: NodeId) -> Vec<String> {
    let mut lines = Vec::new();
    match report.get(id) {
        Some(Node::Preface(_)) => lines.push(crate::report::loc::PREFACE_TITLE.to_string()),
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
        Node::Preface(text) => {
            out.push_str("\n\n");
            out.push_str(&text.lines().collect::<Vec<_>>().join("\n\n"));
        }
        Node::Measure(_, _, m) => {
            out.push_str("\n\n");
            out.push_str(&measure_body(m));
        }
        Node::Chapter(..) | Node::Part(_) => {
            for (child, _) in children(report, id) {
                out.push_str("\n\n");
                out.push_str(&node_text(report, child)?);
            }
        }
    }
    out.push('\n');
    Some(out)
}

/// The direct children of a node: a part's chapters, a chapter's measures.
pub fn children(report: &Report, id: NodeId) -> impl Iterator<Item = (NodeId, Node<'_>)> + '_ {
    let depth = |n: NodeId| n.chapter.is_some() as u8 + n.measure.is_some() as u8;
    report
        .nodes_in(id.part.saturating_sub(1)..id.part)
        .filter(move |(c, _)| {
            depth(*c) == depth(id) + 1 && (id.chapter.is_none() || c.chapter == id.chapter)
        })
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
    for (_, node) in report.nodes() {
        let level = match node {
            // Written above, before the parts.
            Node::Preface(_) => continue,
            Node::Part(_) => "##",
            Node::Chapter(..) => "###",
            Node::Measure(..) => "####",
        };
        let title = md(&heading(node.label(), node.title()));
        out.push_str(&format!("{level} {title}\n\n"));
        if let Node::Measure(_, _, m) = node {
            out.push_str(&body_text(&measure_lines(m), true));
            out.push('\n');
        }
    }
    out
}
