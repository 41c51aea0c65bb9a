//! Clean text → [`Report`], undoing the PDF extraction.
//!
//! The extraction leaves: an empty line after every line, hard wraps mid-word, page numbers,
//! page-top indentation (a line starting with a space right after a page break), headings
//! wrapped over two lines, and numbered sub-lists (①…) inside a measure's text that look like
//! measure headings. The parser works in three passes:
//!
//! 1. **lines → paragraphs**: drop the interleaved empty lines and page numbers, strip
//!    indentation, and re-join hard-wrapped lines. In this report a paragraph's last line ends
//!    with a space and a wrapped line does not; when a document has no such signal the parser
//!    falls back to line width and outline markers.
//! 2. **paragraphs → kinds**: part （１）, chapter １）, circled ①, bullet ・, FY heading Ⅰ/Ⅱ,
//!    plain text.
//! 3. **kinds → tree**: a state machine. A circled number (or a `・ ` line) inside a measure's
//!    FY section starts a new measure only if what follows it reads like a measure (a purpose
//!    paragraph, then a Ⅰ heading); otherwise it is a sub-item of the bullet before it.
//!    Ids are positional, so numbering that restarts simply makes more parts.

use super::model::{Chapter, Fy, Item, Measure, Part, Report, circled_number};
use crate::width::str_cols;

/// Why a text is not a report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// No part heading （１） was found.
    #[error("no outline found (no part, chapter or measure headings such as （１）, １）, ①)")]
    NoOutline,
}

/// Parses clean text (see [`super::decode`]) into a report.
///
/// A large document (several reports concatenated) is parsed on two threads, split at a
/// part heading near its middle; the halves share one layout and give the same tree.
pub fn parse(text: &str) -> Result<Report, ParseError> {
    // Sized first: a growing vector of 150,000 lines is copied and re-faulted as it grows.
    let mut lines: Vec<&str> =
        Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    lines.extend(text.split('\n'));
    let layout = Layout::of(&lines);
    let split = if text.len() >= 1 << 20 {
        part_split(&lines, &layout)
    } else {
        None
    };
    let mut report = match split {
        Some(mid) => {
            let (a, b) = std::thread::scope(|s| {
                let second = s.spawn(|| build(&lines[mid..], &layout));
                (build(&lines[..mid], &layout), second.join())
            });
            let mut a = a?;
            // A thread cannot panic here short of a bug; then parse the half on this one.
            let b = b.unwrap_or_else(|_| build(&lines[mid..], &layout))?;
            push_para(&mut a.preface, &b.preface);
            a.parts.extend(b.parts);
            a
        }
        None => build(&lines, &layout)?,
    };
    report.title = find_title(&report.preface);
    Ok(report)
}

/// The tree of some lines.
fn build(lines: &[&str], layout: &Layout) -> Result<Report, ParseError> {
    let paragraphs = paragraphs_of(lines, layout);
    let kinds: Vec<Kind<'_>> = paragraphs.iter().map(|p| classify(p)).collect();
    // An outline in Japanese: a section heading (Ⅰ…年度), or a part or chapter heading with
    // Japanese in its title. A licence's "(1) …" list is not a report.
    let japanese = |t: &str| {
        t.chars()
            .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
    };
    if !kinds.iter().any(|k| match k {
        Kind::Fy { .. } => true,
        Kind::Part { title, .. } | Kind::Chapter { title, .. } => japanese(title),
        _ => false,
    }) {
        return Err(ParseError::NoOutline);
    }
    let mut b = Builder::default();
    for i in 0..kinds.len() {
        b.step(&kinds, i);
    }
    Ok(b.report)
}

/// A line index near the middle where a part heading starts a paragraph, if any.
fn part_split(lines: &[&str], layout: &Layout) -> Option<usize> {
    let starts_paragraph = |i: usize| {
        let prev = lines[..i].iter().rev().find(|l| !l.is_empty());
        match prev {
            None => true,
            Some(p) if p.trim().is_empty() => true,
            Some(p) => !layout.trailing_mode || p.ends_with(is_space),
        }
    };
    (lines.len() / 2..lines.len()).find(|&i| {
        let t = lines[i].trim();
        t.starts_with(['（', '(']) && split_part_label(t).is_some() && starts_paragraph(i)
    })
}

// ---------------------------------------------------------------------------------------------
// Pass 1: lines → paragraphs

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// A line holding nothing but a page number: `5`, `- 5 -`, `－５－`, `5/30`.
fn is_page_number(t: &str) -> bool {
    let core =
        t.trim_matches(|c: char| is_space(c) || matches!(c, '-' | '－' | '‐' | '–' | '—' | '―'));
    let mut digits = 0;
    for c in core.chars() {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            digits += 1;
        } else if c != '/' && c != '／' {
            return false;
        }
    }
    (1..=7).contains(&digits)
}

fn is_ascii_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Does a line start with an outline marker (heading, bullet, circled number, FY heading)?
fn starts_with_marker(t: &str) -> bool {
    !matches!(classify(t), Kind::Plain(_))
}

/// How a document was laid out by its extraction, read from all of its lines.
struct Layout {
    /// An empty line after every line: then empty lines mean nothing.
    double_spaced: bool,
    /// Paragraphs end with a trailing space: the signal to trust.
    trailing_mode: bool,
    /// Otherwise, the typical full line's display width.
    full_width: usize,
}

impl Layout {
    fn of(lines: &[&str]) -> Layout {
        let empty = lines.iter().filter(|l| l.is_empty()).count();
        let content: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| !l.trim().is_empty())
            .collect();
        let trailing = content.iter().filter(|l| l.ends_with(is_space)).count();
        let trailing_mode = !content.is_empty() && trailing * 10 >= content.len();
        let full_width = if trailing_mode {
            0
        } else {
            let mut w: Vec<usize> = content.iter().map(|l| str_cols(l.trim())).collect();
            w.sort_unstable();
            w.get(w.len() * 9 / 10).copied().unwrap_or(0)
        };
        Layout {
            double_spaced: empty * 10 >= lines.len() * 4,
            trailing_mode,
            full_width,
        }
    }
}

/// Splits text into paragraphs, undoing hard wraps, page numbers and indentation.
#[cfg(test)]
fn paragraphs(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    paragraphs_of(&lines, &Layout::of(&lines))
}

/// The first `n` chars of `s`.
fn prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

fn paragraphs_of(lines: &[&str], layout: &Layout) -> Vec<String> {
    let &Layout {
        double_spaced,
        trailing_mode,
        full_width,
    } = layout;
    let mut out = Vec::with_capacity(lines.len() / 4);
    let mut cur = String::with_capacity(1024);
    // `cur` keeps its capacity; each paragraph is copied out once at its exact size.
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(cur.as_str().to_owned());
            cur.clear();
        }
    };
    for &line in lines {
        let t = line.trim();
        if t.is_empty() {
            if !(line.is_empty() && double_spaced) {
                flush(&mut cur, &mut out);
            }
            continue;
        }
        if is_page_number(t) {
            continue;
        }
        if !trailing_mode && starts_with_marker(t) {
            flush(&mut cur, &mut out);
        }
        if is_ascii_word_char(cur.chars().next_back()) && is_ascii_word_char(t.chars().next()) {
            // A wrap between two Latin words stood for a space.
            cur.push(' ');
        }
        cur.push_str(t);
        let ends = if trailing_mode {
            line.ends_with(is_space)
        } else {
            // Without the signal, guess from what the paragraph is. Headings are set in
            // a larger font, so their width says nothing: a heading ends unless its line
            // stops on a particle. Bullets run until the next marker. Sub-items and plain
            // text end on a short line.
            let short = str_cols(t) + 6 <= full_width;
            // What kind of paragraph this is shows in its first characters (a marker, a
            // label, a heading of at most 60): a bounded prefix keeps this linear.
            match classify(prefix(&cur, 64)) {
                Kind::Plain(_) => short && t.ends_with(['。', '）', '」', ')']),
                Kind::PrefaceHeading => true,
                Kind::Bullet { spaced: false, .. } => false,
                Kind::Circled { .. } => short,
                _ => !t.ends_with([
                    'に', 'の', 'を', 'は', 'が', 'と', 'へ', 'で', 'や', '、', '・',
                ]),
            }
        };
        if ends {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Pass 2: paragraphs → kinds

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind<'a> {
    PrefaceHeading,
    Part {
        label: &'a str,
        title: &'a str,
    },
    Chapter {
        label: &'a str,
        title: &'a str,
    },
    /// ①…⑳ at the start of a paragraph: a measure heading or a sub-item.
    Circled {
        label: &'a str,
        num: u32,
        rest: &'a str,
        whole: &'a str,
    },
    /// `・` or `･`; `spaced` when a space follows the mark, as in the `・ ` measure headings.
    Bullet {
        text: &'a str,
        spaced: bool,
        whole: &'a str,
    },
    Fy {
        fy: Fy,
        heading: &'a str,
    },
    Plain(&'a str),
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// `（１）title` → (`（１）`, `title`).
fn split_part_label(p: &str) -> Option<(&str, &str)> {
    let rest = p.strip_prefix('（').or_else(|| p.strip_prefix('('))?;
    let digits = rest.find(|c: char| !is_digit(c))?;
    if digits == 0 || digits > 6 {
        return None;
    }
    let after = &rest[digits..];
    let close = after.chars().next().filter(|c| *c == '）' || *c == ')')?;
    let label_len = p.len() - after.len() + close.len_utf8();
    let title = p[label_len..].trim();
    (!title.is_empty()).then_some((&p[..label_len], title))
}

/// `１）title` → (`１）`, `title`).
fn split_chapter_label(p: &str) -> Option<(&str, &str)> {
    let digits = p.find(|c: char| !is_digit(c))?;
    if digits == 0 || digits > 6 {
        return None;
    }
    let close = p[digits..]
        .chars()
        .next()
        .filter(|c| *c == '）' || *c == ')')?;
    let label_len = digits + close.len_utf8();
    let title = p[label_len..].trim();
    (!title.is_empty()).then_some((&p[..label_len], title))
}

fn fy_kind(p: &str) -> Option<Fy> {
    let first = p.chars().next()?;
    let roman = match first {
        'Ⅰ' => Fy::Results,
        'Ⅱ' => Fy::Plans,
        _ => return None,
    };
    if p.chars().count() > 60 {
        return None;
    }
    if p.contains("実行状況") || p.contains("成果") {
        Some(Fy::Results)
    } else if p.contains("取組方針") || p.contains("方針") {
        Some(Fy::Plans)
    } else if p.contains("年度") {
        Some(roman)
    } else {
        None
    }
}

fn classify(p: &str) -> Kind<'_> {
    let Some(first) = p.chars().next() else {
        return Kind::Plain(p);
    };
    if p == "はじめに" {
        return Kind::PrefaceHeading;
    }
    if let Some((label, title)) = split_part_label(p) {
        return Kind::Part { label, title };
    }
    if let Some((label, title)) = split_chapter_label(p) {
        return Kind::Chapter { label, title };
    }
    if let Some(fy) = fy_kind(p) {
        return Kind::Fy { fy, heading: p };
    }
    if let Some(num) = circled_number(first) {
        let n = first.len_utf8();
        return Kind::Circled {
            label: &p[..n],
            num,
            rest: p[n..].trim(),
            whole: p,
        };
    }
    if first == '・' || first == '･' {
        let rest = &p[first.len_utf8()..];
        return Kind::Bullet {
            text: rest.trim_start(),
            spaced: rest.starts_with(is_space),
            whole: p,
        };
    }
    Kind::Plain(p)
}

// ---------------------------------------------------------------------------------------------
// Pass 3: kinds → tree

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Ctx {
    #[default]
    Preface,
    AfterPart,
    AfterChapter,
    Purpose,
    InFy(Fy),
}

#[derive(Default)]
struct Builder {
    report: Report,
    ctx: Ctx,
    /// The last number of a numbered list (①…) in the current measure's purpose.
    purpose_list: Option<u32>,
}

fn push_para(s: &mut String, p: &str) {
    if !s.is_empty() {
        s.push('\n');
    }
    s.push_str(p);
}

impl Builder {
    fn part(&mut self) -> &mut Part {
        if self.report.parts.is_empty() {
            self.report.parts.push(Part::default());
        }
        let n = self.report.parts.len();
        &mut self.report.parts[n - 1]
    }

    fn chapter(&mut self) -> &mut Chapter {
        let part = self.part();
        if part.chapters.is_empty() {
            part.chapters.push(Chapter::default());
        }
        let n = part.chapters.len();
        &mut part.chapters[n - 1]
    }

    /// The current measure, created (without label or title) when text comes before any.
    fn measure(&mut self) -> &mut Measure {
        let chapter = self.chapter();
        if chapter.measures.is_empty() {
            chapter.measures.push(Measure::default());
        }
        let n = chapter.measures.len();
        &mut chapter.measures[n - 1]
    }

    fn current_measure(&self) -> Option<&Measure> {
        self.report.parts.last()?.chapters.last()?.measures.last()
    }

    fn new_measure(&mut self, label: &str, title: &str) {
        self.chapter().measures.push(Measure {
            label: label.to_string(),
            title: title.to_string(),
            ..Measure::default()
        });
        self.ctx = Ctx::Purpose;
        self.purpose_list = None;
    }

    /// Does the paragraph at `i` open a new measure? Looks at what follows: a measure is
    /// followed by its purpose and then a Ⅰ heading (or Ⅱ, when the current measure already
    /// has its Ⅱ). `None` when the document ends or a heading comes first.
    fn measure_ahead(&self, kinds: &[Kind<'_>], i: usize, need_purpose: bool) -> Option<bool> {
        let mut plain = 0;
        for k in &kinds[i + 1..] {
            match k {
                Kind::Plain(_) => {
                    plain += 1;
                    if plain > 3 {
                        return Some(false);
                    }
                }
                Kind::Fy { fy, .. } => {
                    if need_purpose && plain == 0 {
                        return Some(false);
                    }
                    return Some(match fy {
                        Fy::Results => true,
                        Fy::Plans => self
                            .current_measure()
                            .is_some_and(|m| !m.plans.heading.is_empty()),
                    });
                }
                Kind::Circled { .. } | Kind::Bullet { .. } => return Some(false),
                Kind::PrefaceHeading | Kind::Part { .. } | Kind::Chapter { .. } => return None,
            }
        }
        None
    }

    fn last_item(&mut self, fy: Fy) -> Option<&mut Item> {
        self.measure().section_mut(fy).items.last_mut()
    }

    /// The number of the last sub-item of the section's last bullet, if it has sub-items.
    fn open_sublist(&self, fy: Fy) -> Option<u32> {
        let item = self.current_measure()?.section(fy).items.last()?;
        let last = item.items.last()?;
        circled_number(last.text.chars().next()?)
    }

    /// The number of the current measure's circled label (②: 2), if it has one.
    fn measure_number(&self) -> Option<u32> {
        circled_number(self.current_measure()?.label.chars().next()?)
    }

    /// Is `num` the next number of the measure sequence, and not the next item of a numbered
    /// list in the purpose? Then it opens a measure even when no section follows it.
    fn continues_measures(&self, num: u32) -> bool {
        self.purpose_list.is_none() && self.measure_number() == num.checked_sub(1)
    }

    fn push_item(&mut self, fy: Fy, text: &str) {
        self.measure().section_mut(fy).items.push(Item::leaf(text));
    }

    fn push_sub_item(&mut self, fy: Fy, text: &str) {
        match self.last_item(fy) {
            Some(item) => item.items.push(Item::leaf(text)),
            None => self.push_item(fy, text),
        }
    }

    fn step(&mut self, kinds: &[Kind<'_>], i: usize) {
        match kinds[i] {
            Kind::PrefaceHeading => self.ctx = Ctx::Preface,
            Kind::Part { label, title } => {
                self.report.parts.push(Part {
                    label: label.to_string(),
                    title: title.to_string(),
                    chapters: Vec::new(),
                });
                self.ctx = Ctx::AfterPart;
            }
            Kind::Chapter { label, title } => {
                self.part().chapters.push(Chapter {
                    label: label.to_string(),
                    title: title.to_string(),
                    measures: Vec::new(),
                });
                self.ctx = Ctx::AfterChapter;
            }
            Kind::Circled {
                label,
                num,
                rest,
                whole,
            } => match self.ctx {
                Ctx::Preface if self.report.parts.is_empty() => {
                    push_para(&mut self.report.preface, whole)
                }
                Ctx::Preface | Ctx::AfterPart | Ctx::AfterChapter => self.new_measure(label, rest),
                Ctx::Purpose => {
                    // The next item of a list in the purpose, unless a purpose of its own
                    // and a section follow it.
                    let in_list = self.purpose_list == num.checked_sub(1)
                        && self.measure_ahead(kinds, i, true) != Some(true);
                    match self.measure_ahead(kinds, i, false) {
                        Some(false) if !self.continues_measures(num) => {}
                        _ if !in_list => return self.new_measure(label, rest),
                        _ => {}
                    }
                    push_para(&mut self.measure().purpose, whole);
                    self.purpose_list = Some(num);
                }
                Ctx::InFy(fy) => {
                    let ahead = self.measure_ahead(kinds, i, false);
                    let continues_list = self.open_sublist(fy).is_some_and(|n| n + 1 == num);
                    match ahead {
                        Some(true) => self.new_measure(label, rest),
                        None if !continues_list => self.new_measure(label, rest),
                        _ if !continues_list && self.continues_measures(num) => {
                            self.new_measure(label, rest)
                        }
                        _ => self.push_sub_item(fy, whole),
                    }
                }
            },
            Kind::Bullet {
                text,
                spaced,
                whole,
            } => match self.ctx {
                Ctx::Preface if self.report.parts.is_empty() => {
                    push_para(&mut self.report.preface, whole)
                }
                Ctx::Preface | Ctx::AfterPart | Ctx::AfterChapter => {
                    self.new_measure(first_char(whole), text)
                }
                Ctx::Purpose => {
                    if spaced && self.measure_ahead(kinds, i, true) == Some(true) {
                        self.new_measure(first_char(whole), text);
                    } else {
                        push_para(&mut self.measure().purpose, whole);
                    }
                }
                Ctx::InFy(fy) => {
                    if spaced && self.measure_ahead(kinds, i, true) == Some(true) {
                        self.new_measure(first_char(whole), text);
                    } else {
                        self.push_item(fy, text);
                    }
                }
            },
            Kind::Fy { fy, heading } => {
                let section = self.measure().section_mut(fy);
                if section.heading.is_empty() {
                    section.heading = heading.to_string();
                }
                self.ctx = Ctx::InFy(fy);
            }
            Kind::Plain(p) => match self.ctx {
                Ctx::Preface => push_para(&mut self.report.preface, p),
                Ctx::AfterPart | Ctx::AfterChapter | Ctx::Purpose => {
                    push_para(&mut self.measure().purpose, p);
                    self.ctx = Ctx::Purpose;
                }
                Ctx::InFy(fy) => match self.last_item(fy) {
                    Some(item) if !item.items.is_empty() => push_para(&mut item.tail, p),
                    _ => self.push_item(fy, p),
                },
            },
        }
    }
}

fn first_char(s: &str) -> &str {
    s.chars().next().map_or("", |c| &s[..c.len_utf8()])
}

/// The report names itself in its preface: 「…実行状況及び今後の取組方針 2018」として.
fn find_title(preface: &str) -> String {
    let mut best: Option<&str> = None;
    let mut rest = preface;
    while let Some(open) = rest.find('「') {
        let after = &rest[open + '「'.len_utf8()..];
        let Some(close) = after.find('」') else {
            break;
        };
        let quoted = &after[..close];
        let tail = &after[close + '」'.len_utf8()..];
        if tail.starts_with("として") || quoted.contains("取組方針") {
            best = Some(quoted);
            if tail.starts_with("として") {
                break;
            }
        }
        rest = tail;
    }
    best.unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_hard_wraps_and_drops_page_artifacts() {
        let text = "・ゲノム医療の実現に向けた課題について、ゲ\n\nノム配列を 平成 29 \n\n\n5 \n\n ・次の項目。 \n";
        assert_eq!(
            paragraphs(text),
            vec![
                "・ゲノム医療の実現に向けた課題について、ゲノム配列を 平成 29",
                "・次の項目。"
            ]
        );
    }

    #[test]
    fn page_numbers() {
        for p in ["5", "- 5 -", "－１２－", "3/40"] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["2020 年", "①", "（１）", ""] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn labels_split() {
        assert_eq!(
            split_part_label("（３）健康・医療"),
            Some(("（３）", "健康・医療"))
        );
        assert_eq!(split_chapter_label("１２）研究"), Some(("１２）", "研究")));
        assert_eq!(split_chapter_label("2020 年"), None);
        assert_eq!(split_part_label("（継続：5 件）"), None);
    }

    /// A part, a chapter, then measures `labels`, each with a purpose and, with `sections`,
    /// a Ⅰ and a Ⅱ section of one bullet.
    fn synthetic(labels: &[char], sections: bool) -> String {
        let mut t = String::from("（１）部の題 \n\n１）章の題 \n\n");
        for (i, l) in labels.iter().enumerate() {
            t.push_str(&format!("{l} 施策{i}の題 \n\n施策{i}の目的を述べる。 \n\n"));
            if sections {
                t.push_str(&format!(
                    "Ⅰ 平成 29 年度の主な実行状況・成果 \n\n・施策{i}の成果。 \n\n\
                     Ⅱ 平成 30 年度の主な取組方針 \n\n・施策{i}の方針。 \n\n"
                ));
            }
        }
        t
    }

    #[test]
    fn measures_past_twenty() {
        let labels: Vec<char> = (1..=50)
            .filter_map(|n| {
                ['①', '㉑', '㊱']
                    .into_iter()
                    .zip([1u32, 21, 36])
                    .rfind(|(_, base)| n >= *base)
                    .and_then(|(c, base)| char::from_u32(c as u32 + n - base))
            })
            .collect();
        assert_eq!(labels[20], '㉑');
        assert_eq!(labels[49], '㊿');
        let r = parse(&synthetic(&labels, true)).unwrap();
        let ms = &r.parts[0].chapters[0].measures;
        assert_eq!(ms.len(), 50);
        assert_eq!(ms[20].label, "㉑");
        assert_eq!(ms[20].title, "施策20の題");
        assert_eq!(ms[49].results.items[0].text, "施策49の成果。");
        assert_eq!(circled_number('㉟'), Some(35));
        assert_eq!(circled_number('㊱'), Some(36));
    }

    #[test]
    fn measures_without_sections_are_measures() {
        let r = parse(&synthetic(&['①', '②', '③', '④', '⑤'], false)).unwrap();
        let ms = &r.parts[0].chapters[0].measures;
        let titles: Vec<&str> = ms.iter().map(|m| m.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "施策0の題",
                "施策1の題",
                "施策2の題",
                "施策3の題",
                "施策4の題"
            ]
        );
        assert_eq!(ms[2].purpose, "施策2の目的を述べる。");
        // A numbered list in a purpose stays in the purpose.
        let t = "（１）部 \n\n１）章 \n\n① 題 \n\n目的は次のとおり。 \n\n①一つ目 \n\n②二つ目 \n\n\
                 Ⅰ 平成 29 年度の主な実行状況・成果 \n\n・成果。 \n\n";
        let r = parse(t).unwrap();
        let ms = &r.parts[0].chapters[0].measures;
        assert_eq!(ms.len(), 1, "{ms:?}");
        assert!(ms[0].purpose.ends_with("②二つ目"));
    }

    #[test]
    fn title_from_preface() {
        assert_eq!(
            find_title("今般、「健康・医療戦略の実行状況及び今後の取組方針 2018」として、健康"),
            "健康・医療戦略の実行状況及び今後の取組方針 2018"
        );
    }
}
