//! The report as a tree: Report → Part → Chapter → Measure → items.
//!
//! Every node keeps its label as printed (（１）, １）, ②, ・) and gets a stable
//! positional id (`P.C.M`, 1-based) from its place in the document, never from
//! the printed numbering, which is read but not trusted.

use std::fmt;
use std::str::FromStr;

/// The whole document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The report's title, read from the preface where it names itself.
    pub title: String,
    /// The preface (はじめに) text, paragraphs separated by `\n`.
    pub preface: String,
    /// The parts （１）…, in order.
    pub parts: Vec<Part>,
}

/// A part: （１）….
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Part {
    /// Label as printed: （１）.
    pub label: String,
    /// Title.
    pub title: String,
    /// Its chapters.
    pub chapters: Vec<Chapter>,
}

/// A chapter: １）….
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chapter {
    /// Label as printed: １）.
    pub label: String,
    /// Title.
    pub title: String,
    /// Its measures.
    pub measures: Vec<Measure>,
}

/// A measure: ①… with its purpose and two sections.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Measure {
    /// Label as printed: ①, ・.
    pub label: String,
    /// Title.
    pub title: String,
    /// The purpose paragraph(s), separated by `\n`.
    pub purpose: String,
    /// Ⅰ: what was done in the past fiscal year (…年度の主な実行状況・成果).
    pub results: Section,
    /// Ⅱ: what is planned for the next one (…年度の主な取組方針).
    pub plans: Section,
}

/// One of the two FY sections of a measure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The heading as printed, e.g. `Ⅰ 平成 29 年度の主な実行状況・成果`; empty when absent.
    pub heading: String,
    /// The bullets.
    pub items: Vec<Item>,
}

/// A `・` bullet, or a numbered sub-item (①…) under one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// The text as the report reads it, without the `・` bullet mark.
    /// Sub-items keep their printed number (①…) since the report's own prose refers to them.
    pub text: String,
    /// Numbered sub-items (①…) under the bullet.
    pub items: Vec<Item>,
    /// Text that closes the bullet's sentence after its sub-items
    /// (「…のため、①… ②… について検討した。」).
    pub tail: String,
}

/// Which FY section of a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fy {
    /// Ⅰ: results (平成29年度の主な実行状況・成果).
    Results,
    /// Ⅱ: plans (平成30年度の主な取組方針).
    Plans,
}

impl Fy {
    /// The key used in JSON and on the command line: `results` or `plans`.
    pub fn key(self) -> &'static str {
        match self {
            Fy::Results => "results",
            Fy::Plans => "plans",
        }
    }
}

/// The fiscal year a heading names, in any era: 平成29年度 → 2017, 平成30年度 → 2018,
/// 令和元年度 → 2019, 令和２年度 → 2020, or a Western year (2019年度); full-width or
/// half-width digits, with or without spaces.
pub fn fiscal_year(heading: &str) -> Option<u32> {
    // Digits made half-width, spaces dropped.
    let text: String = heading
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    let end = text.find("年度")?;
    let head = &text[..end];
    let digits: String = head
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let before = &head[..head.len() - digits.len()];
    let (era, n) = if digits.is_empty() {
        (before.strip_suffix('元')?, 1)
    } else {
        (before, digits.parse::<u32>().ok()?)
    };
    let year = if era.ends_with("令和") {
        2018 + n
    } else if era.ends_with("平成") {
        1988 + n
    } else if era.ends_with("昭和") {
        1925 + n
    } else if (1900..2200).contains(&n) && !digits.is_empty() {
        n
    } else {
        return None;
    };
    Some(year)
}

/// A positional id: part, chapter within part, measure within chapter, all 1-based. Part 0
/// is the preface (はじめに), which comes before the first part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId {
    /// Part, 1-based.
    pub part: usize,
    /// Chapter within the part, 1-based.
    pub chapter: Option<usize>,
    /// Measure within the chapter, 1-based.
    pub measure: Option<usize>,
}

impl NodeId {
    /// The preface's id, `0`.
    pub const PREFACE: NodeId = NodeId {
        part: 0,
        chapter: None,
        measure: None,
    };

    /// Is this the preface?
    pub fn is_preface(self) -> bool {
        self == NodeId::PREFACE
    }

    /// The id of a part.
    pub fn part(p: usize) -> Self {
        NodeId {
            part: p,
            chapter: None,
            measure: None,
        }
    }
    /// The id of a chapter.
    pub fn chapter(p: usize, c: usize) -> Self {
        NodeId {
            part: p,
            chapter: Some(c),
            measure: None,
        }
    }
    /// The id of a measure.
    pub fn measure(p: usize, c: usize, m: usize) -> Self {
        NodeId {
            part: p,
            chapter: Some(c),
            measure: Some(m),
        }
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.part)?;
        if let Some(c) = self.chapter {
            write!(f, ".{c}")?;
        }
        if let Some(m) = self.measure {
            write!(f, ".{m}")?;
        }
        Ok(())
    }
}

/// Why a string is not an id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an id like 1, 1.4 or 1.4.2 (0 is the preface): {0:?}")]
pub struct BadId(pub String);

impl FromStr for NodeId {
    type Err = BadId;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadId(s.to_string());
        if s.trim() == "0" {
            return Ok(NodeId::PREFACE);
        }
        let nums: Vec<usize> = s
            .trim()
            .split('.')
            .map(|p| p.parse::<usize>().ok().filter(|n| *n > 0))
            .collect::<Option<_>>()
            .ok_or_else(bad)?;
        match nums[..] {
            [p] => Ok(NodeId::part(p)),
            [p, c] => Ok(NodeId::chapter(p, c)),
            [p, c, m] => Ok(NodeId::measure(p, c, m)),
            _ => Err(bad()),
        }
    }
}

/// A node looked up by id.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    /// The preface (はじめに): its paragraphs, separated by `\n`.
    Preface(&'a str),
    /// A part.
    Part(&'a Part),
    /// A chapter, with its part.
    Chapter(&'a Part, &'a Chapter),
    /// A measure, with its part and chapter.
    Measure(&'a Part, &'a Chapter, &'a Measure),
}

impl Section {
    /// Neither heading nor items.
    pub fn is_empty(&self) -> bool {
        self.heading.is_empty() && self.items.is_empty()
    }

    /// The fiscal year its heading names (see [`fiscal_year`]).
    pub fn fiscal_year(&self) -> Option<u32> {
        fiscal_year(&self.heading)
    }
}

impl Report {
    /// The fiscal years the document's sections name: (results, plans), each the year most
    /// of its measures give (editions are one year each).
    pub fn fiscal_years(&self) -> (Option<u32>, Option<u32>) {
        let most = |fy: Fy| {
            let mut counts: std::collections::BTreeMap<u32, usize> = Default::default();
            for (_, m) in self.measures() {
                if let Some(y) = m.section(fy).fiscal_year() {
                    *counts.entry(y).or_default() += 1;
                }
            }
            counts
                .into_iter()
                .max_by_key(|&(y, n)| (n, y))
                .map(|(y, _)| y)
        };
        (most(Fy::Results), most(Fy::Plans))
    }
}

impl Measure {
    /// One of the two sections.
    pub fn section(&self, fy: Fy) -> &Section {
        match fy {
            Fy::Results => &self.results,
            Fy::Plans => &self.plans,
        }
    }
    /// One of the two sections, to change.
    pub fn section_mut(&mut self, fy: Fy) -> &mut Section {
        match fy {
            Fy::Results => &mut self.results,
            Fy::Plans => &mut self.plans,
        }
    }
}

impl Report {
    /// The node with an id.
    pub fn get(&self, id: NodeId) -> Option<Node<'_>> {
        if id.is_preface() {
            return (!self.preface.trim().is_empty()).then_some(Node::Preface(&self.preface));
        }
        let part = self.parts.get(id.part.checked_sub(1)?)?;
        let Some(c) = id.chapter else {
            return Some(Node::Part(part));
        };
        let chapter = part.chapters.get(c.checked_sub(1)?)?;
        let Some(m) = id.measure else {
            return Some(Node::Chapter(part, chapter));
        };
        let measure = chapter.measures.get(m.checked_sub(1)?)?;
        Some(Node::Measure(part, chapter, measure))
    }

    /// The measure with an id.
    pub fn measure(&self, id: NodeId) -> Option<&Measure> {
        match self.get(id)? {
            Node::Measure(_, _, m) => Some(m),
            _ => None,
        }
    }

    /// Every measure with its id, in document order.
    pub fn measures(&self) -> impl Iterator<Item = (NodeId, &Measure)> + '_ {
        self.nodes().filter_map(|(id, n)| match n {
            Node::Measure(_, _, m) => Some((id, m)),
            _ => None,
        })
    }

    /// How many measures the report has.
    pub fn measure_count(&self) -> usize {
        self.measures().count()
    }

    /// The printed path of a node, e.g. `（１）４）②`.
    pub fn label_path(&self, id: NodeId) -> String {
        match self.get(id) {
            Some(Node::Preface(_)) => String::new(),
            Some(Node::Part(p)) => p.label.clone(),
            Some(Node::Chapter(p, c)) => format!("{}{}", p.label, c.label),
            Some(Node::Measure(p, c, m)) => format!("{}{}{}", p.label, c.label, m.label),
            None => String::new(),
        }
    }
}

/// The number of a circled numeral: ①–⑳ are 1–20, ㉑–㉟ 21–35, ㊱–㊿ 36–50.
pub fn circled_number(c: char) -> Option<u32> {
    let n = c as u32;
    match c {
        '①'..='⑳' => Some(n - '①' as u32 + 1),
        '㉑'..='㉟' => Some(n - '㉑' as u32 + 21),
        '㊱'..='㊿' => Some(n - '㊱' as u32 + 36),
        _ => None,
    }
}

impl Item {
    /// An item without sub-items.
    pub fn leaf(text: impl Into<String>) -> Self {
        Item {
            text: text.into(),
            ..Item::default()
        }
    }
}

#[cfg(test)]
mod era_tests {
    use super::fiscal_year;

    #[test]
    fn years_in_every_era_width_and_spacing() {
        for (heading, year) in [
            ("Ⅰ 平成29年度の主な実行状況・成果", 2017),
            ("Ⅱ 平成 30 年度の主な取組方針", 2018),
            ("Ⅱ 平成３０年度の主な取組方針", 2018),
            ("Ⅰ　平成　３０　年度の主な実行状況・成果", 2018),
            ("Ⅱ 令和元年度の主な取組方針", 2019),
            ("Ⅱ 令和 元 年度の主な取組方針", 2019),
            ("Ⅰ 令和２年度の主な実行状況・成果", 2020),
            ("Ⅱ 令和 6 年度の主な取組方針", 2024),
            ("Ⅰ 2019年度の主な実行状況・成果", 2019),
            ("Ⅰ ２０２１年度の実績", 2021),
        ] {
            assert_eq!(fiscal_year(heading), Some(year), "{heading}");
        }
        for heading in ["", "Ⅰ 主な実行状況・成果", "年度", "Ⅱ 第3年度"] {
            assert_eq!(fiscal_year(heading), None, "{heading}");
        }
    }
}
