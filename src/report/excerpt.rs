//! Excerpts for quoting: a citation line (report title, path （１）４）②, measure title, and the
//! section when the excerpt lies in one), then the text as the report reads it, one bullet or
//! sub-item a line. The browser copies exactly what `senryaku show ID [--fy] [--item]` prints.

use super::decode::strip_controls;
use super::export::md;
use super::loc::{At, ItemAt, Piece};
use super::model::{Fy, Item, Measure, NodeId, Report};

/// How an excerpt is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text: the citation, then `・` bullets.
    #[default]
    Plain,
    /// The citation in bold, the text as a Markdown block quote with `-` bullets.
    Markdown,
}

impl Format {
    /// The format's name for the status bar.
    pub fn name(self) -> &'static str {
        match self {
            Format::Plain => "plain text",
            Format::Markdown => "Markdown",
        }
    }
    /// The other format.
    pub fn toggle(self) -> Format {
        match self {
            Format::Plain => Format::Markdown,
            Format::Markdown => Format::Plain,
        }
    }
}

/// What to quote from a measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The whole measure.
    Measure,
    /// One section.
    Section(Fy),
    /// Places in the measure (a cursor item, or a range of them); a bullet brings its
    /// sub-items and tail along, and a tail brings its bullet.
    Pieces(Vec<At>),
}

/// Why an excerpt cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExcerptError {
    /// No such measure.
    #[error("no measure {0}")]
    NoMeasure(NodeId),
    /// The measure lacks that section.
    #[error("measure {0} has no {1} section")]
    NoSection(NodeId, &'static str),
    /// The section lacks that item.
    #[error("measure {id} has no item {item} in {fy}")]
    NoItem {
        /// The measure.
        id: NodeId,
        /// The section.
        fy: &'static str,
        /// The item, as `N` or `N.M`.
        item: String,
    },
}

/// A line of a body (an excerpt's, or a measure's in an export).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyLine {
    Heading(String),
    Para(String),
    Bullet(String),
    Sub(String),
    Tail(String),
    Blank,
}

fn bullet_lines(item: &Item, out: &mut Vec<BodyLine>) {
    out.push(BodyLine::Bullet(item.text.clone()));
    for s in &item.items {
        out.push(BodyLine::Sub(s.text.clone()));
    }
    if !item.tail.is_empty() {
        out.push(BodyLine::Tail(item.tail.clone()));
    }
}

fn section_lines(m: &Measure, fy: Fy, out: &mut Vec<BodyLine>, heading: bool) {
    let s = m.section(fy);
    if heading && !s.heading.is_empty() {
        out.push(BodyLine::Heading(s.heading.clone()));
    }
    for item in &s.items {
        bullet_lines(item, out);
    }
}

/// A measure's body: purpose, then each section with its heading, a blank line between.
pub(crate) fn measure_lines(m: &Measure) -> Vec<BodyLine> {
    let mut body = Vec::new();
    if !m.purpose.is_empty() {
        body.push(BodyLine::Para(m.purpose.clone()));
    }
    for fy in [Fy::Results, Fy::Plans] {
        if !m.section(fy).is_empty() {
            if !body.is_empty() {
                body.push(BodyLine::Blank);
            }
            section_lines(m, fy, &mut body, true);
        }
    }
    body
}

/// The citation: 「title」（１）４）② measure title — Ⅰ heading.
pub fn citation(report: &Report, id: NodeId, section: Option<Fy>) -> String {
    let Some(m) = report.measure(id) else {
        return String::new();
    };
    let mut s = String::new();
    if !report.title.is_empty() {
        s.push_str(&format!("「{}」", report.title));
    }
    s.push_str(&report.label_path(id));
    if !m.title.is_empty() {
        s.push(' ');
        s.push_str(&m.title);
    }
    if let Some(fy) = section {
        let h = &m.section(fy).heading;
        if !h.is_empty() {
            s.push_str(" — ");
            s.push_str(h);
        }
    }
    s
}

/// Builds an excerpt of a measure.
pub fn excerpt(
    report: &Report,
    id: NodeId,
    scope: &Scope,
    format: Format,
) -> Result<String, ExcerptError> {
    let m = report.measure(id).ok_or(ExcerptError::NoMeasure(id))?;
    let mut body = Vec::new();
    let section = match scope {
        Scope::Measure => {
            body = measure_lines(m);
            None
        }
        Scope::Section(fy) => {
            if m.section(*fy).items.is_empty() {
                return Err(ExcerptError::NoSection(id, fy.key()));
            }
            section_lines(m, *fy, &mut body, false);
            Some(*fy)
        }
        Scope::Pieces(pieces) => pieces_lines(m, id, pieces, &mut body)?,
    };
    let cite = citation(report, id, section);
    let text = render(&cite, &body, format);
    Ok(strip_controls(&text).into_owned())
}

/// Lines for a list of places; returns the one section they all lie in, if any.
fn pieces_lines(
    m: &Measure,
    id: NodeId,
    pieces: &[At],
    body: &mut Vec<BodyLine>,
) -> Result<Option<Fy>, ExcerptError> {
    // A tail is quoted with its bullet.
    let mut sorted: Vec<At> = pieces
        .iter()
        .map(|p| match p {
            At::Item(i) if i.piece == Piece::Tail => At::Item(i.bullet()),
            p => *p,
        })
        .filter(|p| *p != At::Title)
        .collect();
    sorted.sort();
    sorted.dedup();
    let sections: Vec<Option<Fy>> = sorted
        .iter()
        .map(|p| match p {
            At::Item(i) => Some(i.fy),
            _ => None,
        })
        .collect();
    let single = match sections.first() {
        Some(Some(fy)) if sections.iter().all(|s| *s == Some(*fy)) => Some(*fy),
        _ => None,
    };
    let mut current: Option<Fy> = None;
    let mut whole_bullet: Option<ItemAt> = None;
    for p in &sorted {
        let i = match *p {
            At::Item(i) => i,
            _ => {
                body.push(BodyLine::Para(m.purpose.clone()));
                continue;
            }
        };
        let missing = || ExcerptError::NoItem {
            id,
            fy: i.fy.key(),
            item: i.number(),
        };
        let fy = i.fy;
        let it = m.section(fy).items.get(i.item).ok_or_else(missing)?;
        if single.is_none() && current != Some(fy) {
            if !body.is_empty() {
                body.push(BodyLine::Blank);
            }
            body.push(BodyLine::Heading(m.section(fy).heading.clone()));
            current = Some(fy);
        }
        match i.piece {
            Piece::Sub(s) => {
                // A sub-item whose bullet is already quoted whole is not repeated.
                if whole_bullet != Some(i.bullet()) {
                    let text = &it.items.get(s).ok_or_else(missing)?.text;
                    body.push(BodyLine::Sub(text.clone()));
                }
            }
            _ => {
                bullet_lines(it, body);
                whole_bullet = Some(i.bullet());
            }
        }
    }
    Ok(single)
}

fn render(cite: &str, body: &[BodyLine], format: Format) -> String {
    let mut out = String::new();
    match format {
        Format::Plain => {
            out.push_str(cite);
            out.push('\n');
            out.push_str(&body_text(body, false));
        }
        Format::Markdown => {
            out.push_str(&format!("**{}**\n\n", md(cite)));
            for line in body_text(body, true).lines() {
                out.push_str(if line.is_empty() { ">" } else { "> " });
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// The one renderer of bodies: plain text (`・` bullets, sub-items indented under them) or
/// Markdown (`-` lists, bold headings, escaped text), one line each, newline-terminated.
pub(crate) fn body_text(body: &[BodyLine], markdown: bool) -> String {
    let mut out = String::new();
    // A sub-item quoted without its bullet stands at the top level.
    let mut under_bullet = false;
    for l in body {
        let nested = under_bullet && matches!(l, BodyLine::Sub(_) | BodyLine::Tail(_));
        under_bullet = matches!(l, BodyLine::Bullet(_)) || nested;
        let line = match (markdown, l) {
            (_, BodyLine::Blank) => String::new(),
            (false, BodyLine::Heading(s) | BodyLine::Para(s)) => s.clone(),
            (false, BodyLine::Bullet(s)) => format!("・{s}"),
            (false, BodyLine::Sub(s) | BodyLine::Tail(s)) if nested => format!("  {s}"),
            (false, BodyLine::Sub(s) | BodyLine::Tail(s)) => s.clone(),
            (true, BodyLine::Heading(s)) => format!("**{}**", md(s)),
            (true, BodyLine::Para(s)) => md(s),
            (true, BodyLine::Bullet(s)) => format!("- {}", md(s)),
            (true, BodyLine::Sub(s)) if nested => format!("  - {}", md(s)),
            (true, BodyLine::Tail(s)) if nested => format!("  {}", md(s)),
            (true, BodyLine::Sub(s) | BodyLine::Tail(s)) => format!("- {}", md(s)),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Whole bullets quoted under a citation, as a copy writes them; what the plan → result view
/// copies of each edition.
pub fn quoted(cite: &str, items: &[&Item], format: Format) -> String {
    let mut body = Vec::new();
    for item in items {
        bullet_lines(item, &mut body);
    }
    strip_controls(&render(cite, &body, format)).into_owned()
}

/// A part or chapter quoted whole, as `show` prints it: the citation (report title, path and
/// title), then every measure under it.
pub fn node(report: &Report, id: NodeId, format: Format) -> Option<String> {
    let text = super::export::node_text(report, id)?;
    let node = report.get(id)?;
    let mut cite = String::new();
    if !report.title.is_empty() {
        cite.push_str(&format!("「{}」", report.title));
    }
    cite.push_str(&super::export::heading(
        &report.label_path(id),
        node.title(),
    ));
    let body: Vec<BodyLine> = text
        .lines()
        .skip(1)
        .map(|l| {
            if l.is_empty() {
                BodyLine::Blank
            } else {
                BodyLine::Para(l.to_string())
            }
        })
        .collect();
    Some(strip_controls(&render(&cite, &body, format)).into_owned())
}

/// Parses `--item N` or `--item N.M` (1-based) into a place in section `fy`.
pub fn parse_item(fy: Fy, s: &str) -> Option<At> {
    let mut it = s.trim().split('.');
    let item: usize = it.next()?.parse().ok().filter(|n| *n > 0)?;
    let piece = match it.next() {
        Some(x) => Piece::Sub(x.parse::<usize>().ok().filter(|n| *n > 0)? - 1),
        None => Piece::Text,
    };
    if it.next().is_some() {
        return None;
    }
    Some(At::Item(ItemAt {
        fy,
        item: item - 1,
        piece,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Origin, SEED, from_bytes};

    fn seed() -> Report {
        from_bytes(SEED, Origin::Embedded).unwrap().report
    }

    const TITLE: &str = "「健康・医療戦略の実行状況及び今後の取組方針 2018」";

    #[test]
    fn item_excerpt_plain() {
        let r = seed();
        let id: NodeId = "1.4.2".parse().unwrap();
        let piece = parse_item(Fy::Results, "1").unwrap();
        let got = excerpt(&r, id, &Scope::Pieces(vec![piece]), Format::Plain).unwrap();
        assert_eq!(
            got,
            format!(
                "{TITLE}（１）４）② レギュラトリーサイエンスの推進 — Ⅰ 平成 29 年度の主な実行状況・成果\n\
                 ・医療情報データベースシステム（以下、MID-NET と言う。）は、平成 30 年度の本格運用開始に向けた解析環境や運用体制を整備し、企業やアカデミアによる利活用に向けて、利活用ルールや利用料の設定を行った。\n"
            )
        );
    }

    #[test]
    fn bullet_with_sub_items_and_range_across_sections() {
        let r = seed();
        let id: NodeId = "2.3.4".parse().unwrap();
        let bullet = parse_item(Fy::Plans, "1").unwrap();
        let got = excerpt(&r, id, &Scope::Pieces(vec![bullet]), Format::Plain).unwrap();
        let lines: Vec<&str> = got.lines().collect();
        assert_eq!(
            lines[1],
            "・介護分野における技能実習生の円滑な受入れのため、"
        );
        assert_eq!(
            lines[2],
            "  ①アジア現地における優良な日本語学校等教育機関の充実"
        );
        assert_eq!(
            lines[6],
            "  ⑤技能実習生の帰国後の受け皿となる日本の介護事業者の海外展開"
        );
        assert_eq!(
            lines[7],
            "  について、「国際・アジア健康構想協議会」と連携して取り組む。"
        );
        // A range over the last results bullet and the first plans one carries both headings.
        let range = vec![parse_item(Fy::Results, "4").unwrap(), bullet];
        let got = excerpt(&r, id, &Scope::Pieces(range), Format::Plain).unwrap();
        assert!(got.starts_with(&format!("{TITLE}（２）３）④ アジア健康構想の推進\n")));
        assert!(got.contains("\nⅠ 平成 29 年度の主な実行状況・成果\n・APEC や ASEAN"));
        assert!(got.contains("\n\nⅡ 平成 30 年度の主な取組方針\n・介護分野"));
    }

    #[test]
    fn measure_and_section_and_markdown() {
        let r = seed();
        let id: NodeId = "1.4.2".parse().unwrap();
        let whole = excerpt(&r, id, &Scope::Measure, Format::Plain).unwrap();
        assert!(whole.starts_with(&format!(
            "{TITLE}（１）４）② レギュラトリーサイエンスの推進\n医療分野の研究開発の成果"
        )));
        assert!(whole.contains("を図る。\n\nⅠ 平成 29 年度の主な実行状況・成果\n・医療情報"));
        assert!(whole.contains("\n\nⅡ 平成 30 年度の主な取組方針\n・MID-NET の本格運用"));
        let sec = excerpt(&r, id, &Scope::Section(Fy::Plans), Format::Plain).unwrap();
        assert!(sec.starts_with(&format!("{TITLE}（１）４）② レギュラトリーサイエンスの推進 — Ⅱ 平成 30 年度の主な取組方針\n・MID-NET")));
        assert_eq!(sec.lines().count(), 3);
        let md = excerpt(&r, id, &Scope::Section(Fy::Plans), Format::Markdown).unwrap();
        assert!(md.starts_with(&format!("**{TITLE}（１）４）② レギュラトリーサイエンスの推進 — Ⅱ 平成 30 年度の主な取組方針**\n\n> - MID-NET")));
        assert!(md.lines().skip(2).all(|l| l.starts_with('>')));
    }

    #[test]
    fn items_parse_and_errors() {
        assert_eq!(
            parse_item(Fy::Plans, "1.5"),
            Some(At::Item(ItemAt {
                fy: Fy::Plans,
                item: 0,
                piece: Piece::Sub(4)
            }))
        );
        assert_eq!(parse_item(Fy::Plans, "0"), None);
        assert_eq!(parse_item(Fy::Plans, "x"), None);
        let r = seed();
        let id: NodeId = "1.4.2".parse().unwrap();
        let bad = parse_item(Fy::Plans, "9").unwrap();
        assert!(excerpt(&r, id, &Scope::Pieces(vec![bad]), Format::Plain).is_err());
        assert!(excerpt(&r, "1.4".parse().unwrap(), &Scope::Measure, Format::Plain).is_err());
    }
}
