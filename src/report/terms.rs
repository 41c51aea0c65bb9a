//! Terms the report defines or names: the patterns, read from its text alone.
//!
//! - `長い名称（ACRONYM）`, `長い名称（ACRONYM：English Name）`, `長い名称（ACR 略称）`
//! - `長い名称（以下、X と言う。）`
//! - `長い名称（略称）` where the short name's characters occur in order in the long one
//! - Latin acronyms (two capitals or more) standing alone, not inside an English phrase
//! - 「…」 names

use serde::Serialize;

/// What kind of term an index entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A Latin acronym: CiCLE, MID-NET, PMDA.
    Acronym,
    /// A Japanese short name: 中小機構.
    Abbreviation,
    /// A 「…」 name that reads as a program, body or plan: …事業, …プロジェクト, …協議会.
    Program,
    /// Any other 「…」 name: a guideline, a concept, a label.
    Name,
    /// The subject a measure's title begins with: 次世代医療基盤法, 官民ファンド.
    Topic,
}

impl Kind {
    /// The kind's name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Acronym => "acronym",
            Kind::Abbreviation => "abbreviation",
            Kind::Program => "program",
            Kind::Name => "name",
            Kind::Topic => "topic",
        }
    }
}

pub const MAX_NAME: usize = 40;

/// The subject a measure's title begins with: its leading run of kanji, katakana and Latin,
/// without a trailing 等 (`次世代医療基盤法の円滑な施行` → 次世代医療基盤法). At least three
/// characters, or none.
pub fn title_subject(title: &str) -> Option<String> {
    let run: String = title
        .trim()
        .chars()
        .take_while(|&c| is_name_char(c))
        .collect();
    let subject = run.trim_end_matches(['等', '・']);
    let n = subject.chars().count();
    (3..=MAX_NAME).contains(&n).then(|| subject.to_string())
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '々')
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30a1}'..='\u{30fa}' | 'ー')
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '&')
}

/// Characters a name is made of: kanji, katakana, `・`, Latin letters and digits.
fn is_name_char(c: char) -> bool {
    is_kanji(c) || is_katakana(c) || c == '・' || c.is_ascii_alphanumeric() || c == '-'
}

/// The name that ends right before `end`: a run of name characters, spaces allowed inside a
/// Latin phrase (一般社団法人 Medical Excellence JAPAN).
fn name_before(chars: &[char], end: usize) -> String {
    let mut j = end;
    while j > 0 {
        let c = chars[j - 1];
        if is_name_char(c) || (c == ' ' && j < end && chars[j].is_ascii_alphanumeric()) {
            j -= 1;
        } else {
            break;
        }
    }
    let s: String = chars[j..end].iter().collect();
    s.trim_matches(|c: char| c == '・' || c == ' ').to_string()
}

/// CiCLE, MID-NET, J-GRID, IoT, BSL-4: ASCII, at least two capitals, starting with a letter.
pub fn is_acronym(s: &str) -> bool {
    let n = s.chars().count();
    (2..=12).contains(&n)
        && s.chars().all(is_latin)
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
}

/// Are `short`'s characters found in order in `long`?
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|d| d == c))
}

/// A definition found in the text.
#[derive(Debug, Clone)]
pub struct Definition {
    pub term: String,
    pub long: String,
    pub english: Option<String>,
    pub kind: Kind,
}

/// Reads the parenthesis opening at `open`: a definition of a term, if it is one.
pub fn definition_at(chars: &[char], open: usize) -> Option<Definition> {
    let close = open
        + 1
        + chars[open + 1..]
            .iter()
            .take(MAX_NAME + 2)
            .position(|&c| c == '）' || c == '（')?;
    if chars[close] != '）' {
        return None;
    }
    let inner: String = chars[open + 1..close].iter().collect();
    let inner = inner.trim();
    let long = name_before(chars, open);
    if long.chars().count() < 2 {
        return None;
    }
    // （以下、X と言う。）
    if let Some(rest) = inner.strip_prefix("以下、") {
        let term = rest
            .trim_end_matches('。')
            .trim_end_matches("と言う")
            .trim_end_matches("という")
            .trim();
        if term.is_empty() || term.chars().count() > 20 {
            return None;
        }
        let kind = if is_acronym(term.split(' ').next().unwrap_or("")) {
            Kind::Acronym
        } else {
            Kind::Abbreviation
        };
        return Some(Definition {
            term: term.to_string(),
            long,
            english: None,
            kind,
        });
    }
    // （ACR：English Name）
    let (head, english) = match inner.split_once('：') {
        Some((h, e))
            if e.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-') =>
        {
            (h.trim(), Some(e.trim().to_string()))
        }
        Some(_) => return None,
        None => (inner, None),
    };
    if is_acronym(head) {
        return Some(Definition {
            term: head.to_string(),
            long,
            english,
            kind: Kind::Acronym,
        });
    }
    // （RS 戦略相談）: an acronym and the end of the long name.
    if let Some((acr, tail)) = head.split_once(' ')
        && is_acronym(acr)
        && !tail.is_empty()
        && long.ends_with(tail)
    {
        return Some(Definition {
            term: head.to_string(),
            long,
            english,
            kind: Kind::Acronym,
        });
    }
    // （中小機構）: a Japanese short name drawn from the long one.
    let n = head.chars().count();
    if (2..=12).contains(&n)
        && head
            .chars()
            .all(|c| is_kanji(c) || is_katakana(c) || c == '・')
        && n < long.chars().count()
        && is_subsequence(head, &long)
    {
        return Some(Definition {
            term: head.to_string(),
            long,
            english: None,
            kind: Kind::Abbreviation,
        });
    }
    None
}

/// Endings that make a 「…」 name a program, body or plan.
const PROGRAM_ENDINGS: &[&str] = &[
    "事業",
    "プログラム",
    "プロジェクト",
    "PROJECT",
    "プラン",
    "プラットフォーム",
    "ネットワーク",
    "協議会",
    "会議",
    "本部",
    "研究会",
    "懇談会",
    "検討会",
    "委員会",
    "ワーキンググループ",
    "ボード",
    "サミット",
    "サイト",
    "制度",
    "相談",
    "計画",
    "構想",
    "方針",
    "指針",
];

/// Removes definition parentheticals from a quoted name: （以下、…と言う。） and a trailing
/// （ACRONYM）, which the definitions already cover.
pub fn clean_quoted(name: &str) -> String {
    let mut s = name.to_string();
    if let Some(i) = s.find("（以下、")
        && let Some(j) = s[i..].find('）')
    {
        s.replace_range(i..i + j + '）'.len_utf8(), "");
    }
    if s.ends_with('）')
        && let Some(i) = s.rfind('（')
    {
        let inner = &s[i + '（'.len_utf8()..s.len() - '）'.len_utf8()];
        if is_acronym(inner) || inner.split_once(' ').is_some_and(|(a, _)| is_acronym(a)) {
            s.truncate(i);
        }
    }
    s.trim().to_string()
}

/// 「…」 names, outermost and inner ones alike.
pub fn quoted_names(chars: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '「' => stack.push(i),
            '」' => {
                if let Some(open) = stack.pop() {
                    out.push(chars[open + 1..i].iter().collect());
                }
            }
            _ => {}
        }
    }
    out
}

/// Latin acronyms standing alone in a text: not inside an English phrase.
pub fn latin_tokens(chars: &[char]) -> Vec<(String, usize)> {
    // Full-width Latin (ＵＨＣ) reads as ASCII.
    let chars: Vec<char> = chars
        .iter()
        .map(|&c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_latin(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_latin(chars[i]) {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        let word = word.trim_matches(|c| c == '-' || c == '+').to_string();
        let latin_word_at = |k: usize| chars.get(k).is_some_and(|c| c.is_ascii_alphabetic());
        let in_phrase = (start >= 2 && chars[start - 1] == ' ' && latin_word_at(start - 2))
            || (chars.get(i) == Some(&' ') && latin_word_at(i + 1));
        if is_acronym(&word) && !in_phrase {
            out.push((word, start));
        }
    }
    out
}

pub fn program_kind(name: &str) -> Kind {
    if PROGRAM_ENDINGS.iter().any(|e| name.ends_with(e)) {
        Kind::Program
    } else {
        Kind::Name
    }
}

/// Every definition in a text (with half-width brackets read as full-width).
pub fn definitions(text: &str) -> Vec<Definition> {
    let chars = pattern_chars(text);
    (0..chars.len())
        .filter(|&i| chars[i] == '（')
        .filter_map(|i| definition_at(&chars, i))
        .collect()
}

/// The terms a report defines, each once, in the order they are first defined: built once
/// at load, for search (a term finds its long name's mentions) and for the program index.
/// A later definition of the same term may add the English name.
pub fn glossary<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<Definition> {
    let mut defs: Vec<Definition> = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for text in texts.filter(|t| t.contains(['（', '('])) {
        for d in definitions(text) {
            let key = crate::search::normalize::fold(&d.term);
            match seen.get(&key) {
                Some(&k) => {
                    if defs[k].english.is_none() {
                        defs[k].english = d.english;
                    }
                }
                None => {
                    seen.insert(key, defs.len());
                    defs.push(d);
                }
            }
        }
    }
    defs
}

/// A text's chars with half-width brackets and colons made full-width, for the patterns.
pub fn pattern_chars(s: &str) -> Vec<char> {
    s.chars()
        .map(|c| match c {
            '｢' => '「',
            '｣' => '」',
            '(' => '（',
            ')' => '）',
            ':' => '：',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn definitions() {
        let t = chars("・地域経済活性化支援機構（REVIC）において");
        let d = definition_at(&t, t.iter().position(|&c| c == '（').unwrap()).unwrap();
        assert_eq!(
            (d.term.as_str(), d.long.as_str()),
            ("REVIC", "地域経済活性化支援機構")
        );
        let t = chars("として実施する産学連携医療イノベーション創出プログラム（ACT-M）等");
        let d = definition_at(&t, t.iter().position(|&c| c == '（').unwrap()).unwrap();
        assert_eq!(d.long, "産学連携医療イノベーション創出プログラム");
        let t = chars("一般社団法人 Medical Excellence JAPAN（MEJ）が");
        let d = definition_at(&t, t.iter().position(|&c| c == '（').unwrap()).unwrap();
        assert_eq!(d.long, "一般社団法人 Medical Excellence JAPAN");
        let t = chars("医療情報データベースシステム（以下、MID-NET と言う。）は");
        let d = definition_at(&t, t.iter().position(|&c| c == '（').unwrap()).unwrap();
        assert_eq!(
            (d.term.as_str(), d.long.as_str()),
            ("MID-NET", "医療情報データベースシステム")
        );
        let t = chars("データベース（NDB：National Data Base）、");
        let d = definition_at(&t, t.iter().position(|&c| c == '（').unwrap()).unwrap();
        assert_eq!(d.english.as_deref(), Some("National Data Base"));
        let t = chars("中小企業基盤整備機構（中小機構）において");
        let d = definition_at(&t, t.iter().position(|&c| c == '（').unwrap()).unwrap();
        assert_eq!((d.term.as_str(), d.kind), ("中小機構", Kind::Abbreviation));
        for no in [
            "減算（インセンティブ）",
            "支援（3 件）",
            "開発支援体制（医療機器開発支援ネットワーク）",
            "委員会（事務局：文部科学省）",
        ] {
            let t = chars(no);
            assert!(
                definition_at(&t, t.iter().position(|&c| c == '（').unwrap()).is_none(),
                "{no}"
            );
        }
    }

    #[test]
    fn latin_tokens_skip_english_phrases() {
        let got: Vec<String> = latin_tokens(&chars(
            "AMED が Medical Excellence JAPAN と FUN+WALK PROJECT を ＵＨＣ、iPS、IoT",
        ))
        .into_iter()
        .map(|(w, _)| w)
        .collect();
        assert_eq!(got, vec!["AMED", "UHC", "iPS", "IoT"]);
    }

    #[test]
    fn quoted_names_are_cleaned() {
        assert_eq!(
            clean_quoted("医療研究開発革新基盤創成事業（CiCLE）"),
            "医療研究開発革新基盤創成事業"
        );
        assert_eq!(
            clean_quoted("レギュラトリーサイエンス戦略相談（以下、RS 戦略相談と言う。）"),
            "レギュラトリーサイエンス戦略相談"
        );
        assert_eq!(
            clean_quoted("パーソナル・ヘルス・レコード（PHR）利活用研究事業"),
            "パーソナル・ヘルス・レコード（PHR）利活用研究事業"
        );
        assert_eq!(
            quoted_names(&chars("「アジアに紹介すべき「日本的介護」の整理」")),
            vec!["日本的介護", "アジアに紹介すべき「日本的介護」の整理"]
        );
    }
}
