//! The index of programs and acronyms, and search through aliases.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly, as it should.

use senryaku::programs::{self, Entry};
use senryaku::report::Kind;
use senryaku::report::{self, Origin, Report, SEED};
use senryaku::search::{Index, MatchKind, Query};

fn load(bytes: &[u8]) -> (Report, Index, Vec<Entry>) {
    let r = report::from_bytes(bytes, Origin::Embedded).unwrap().report;
    let ix = Index::build(&r);
    let e = programs::extract(&r, &ix);
    (r, ix, e)
}

fn entry<'a>(entries: &'a [Entry], term: &str) -> &'a Entry {
    entries
        .iter()
        .find(|e| e.term == term)
        .unwrap_or_else(|| panic!("no entry {term}"))
}

fn ids(e: &Entry) -> Vec<String> {
    e.measures.iter().map(|i| i.to_string()).collect()
}

#[test]
fn the_seed_index_has_the_programs_reviewers_ask_for() {
    let (_, _, entries) = load(SEED);
    for (term, long, measures) in [
        (
            "CiCLE",
            Some("医療研究開発革新基盤創成事業"),
            vec!["1.1.3", "2.2.2"],
        ),
        (
            "MID-NET",
            Some("医療情報データベースシステム"),
            vec!["1.4.2"],
        ),
        (
            "PMDA",
            Some("独立行政法人医薬品医療機器総合機構"),
            vec!["1.4.1", "1.4.2", "2.2.2"],
        ),
        ("AMR", Some("薬剤耐性"), vec!["1.5.2"]),
        ("REVIC", Some("地域経済活性化支援機構"), vec!["2.2.1"]),
        ("PHR", Some("パーソナル・ヘルス・レコード"), vec!["4.2.2"]),
        (
            "NDB",
            Some("レセプト情報・特定健診等情報データベース"),
            vec!["4.1.2", "4.2.1"],
        ),
        (
            "J-GRID",
            Some("感染症研究国際展開戦略プログラム"),
            vec!["1.5.2"],
        ),
        (
            "JIH",
            Some("ジャパン・インターナショナル・ホスピタルズ"),
            vec!["2.3.2"],
        ),
        ("中小機構", Some("中小企業基盤整備機構"), vec!["2.2.1"]),
        (
            "RS 総合相談",
            Some("レギュラトリーサイエンス総合相談"),
            vec!["1.4.1", "2.2.2"],
        ),
        (
            "疾患克服に向けたゲノム医療実現プロジェクト",
            None,
            vec!["1.1.1"],
        ),
        ("栄養改善事業推進プラットフォーム", None, vec!["2.3.3"]),
        (
            "ICT",
            None,
            vec!["4.1.1", "4.1.2", "4.1.3", "4.3.1", "4.3.2"],
        ),
    ] {
        let e = entry(&entries, term);
        assert_eq!(e.long_name.as_deref(), long, "{term}");
        assert_eq!(ids(e), measures, "{term}");
    }
    assert_eq!(
        entry(&entries, "NDB").english.as_deref(),
        Some("National Data Base")
    );
    assert_eq!(entry(&entries, "CiCLE").kind, Kind::Acronym);
    assert_eq!(
        entry(&entries, "疾患克服に向けたゲノム医療実現プロジェクト").kind,
        Kind::Program
    );
    // About 75 quoted names; no duplicate of CiCLE's long name as a separate program.
    let quoted = entries
        .iter()
        .filter(|e| matches!(e.kind, Kind::Program | Kind::Name))
        .count();
    assert!((60..=90).contains(&quoted), "{quoted}");
    assert!(
        !entries
            .iter()
            .any(|e| e.term == "医療研究開発革新基盤創成事業")
    );
}

#[test]
fn no_fragments_or_junk() {
    let (_, _, entries) = load(SEED);
    let mut seen = std::collections::HashSet::new();
    for e in &entries {
        let n = e.term.chars().count();
        assert!((2..=40).contains(&n), "{:?}", e.term);
        assert!(
            !e.term.ends_with(['。', '、']) && !e.term.starts_with(['の', 'を', 'に', 'は']),
            "{:?}",
            e.term
        );
        assert!(!e.measures.is_empty());
        assert!(seen.insert(e.term.clone()), "duplicate {}", e.term);
        if let Some(l) = &e.long_name {
            assert!((2..=40).contains(&l.chars().count()), "{l:?}");
        }
    }
    for junk in [
        "保留",
        "歩く",
        "JAPAN",
        "PROJECT",
        "AI を活用した保健指導支援システム",
        "3 件",
    ] {
        assert!(!entries.iter().any(|e| e.term == junk), "{junk}");
    }
    // AI is a whole word: AIP センター does not count as a mention of AI.
    assert!(!ids(entry(&entries, "AI")).is_empty());
    assert_eq!(ids(entry(&entries, "AIP")), vec!["4.3.1"]);
}

const SYNTHETIC: &str = "\
（１）新しい施策の柱
１）基盤の整備
① 次世代研究基盤の整備
 次世代型研究開発基盤（NGRB）を整備し、研究データ共有推進機構（以下、ZETA と言う。）と連携する。
Ⅰ 平成 29 年度の主な実行状況・成果
・「未来医療創出プログラム」を開始し、XYZ 方式を試行した。
Ⅱ 平成 30 年度の主な取組方針
・次世代型研究開発基盤の運用を開始する。
② 別の施策
 ZETA を通じて、データを共有する。
Ⅰ 平成 29 年度の主な実行状況・成果
・NGRB の利用者を募った。
Ⅱ 平成 30 年度の主な取組方針
・研究データ共有推進機構の体制を強化する。
";

#[test]
fn extraction_is_general() {
    let (_, _, entries) = load(SYNTHETIC.as_bytes());
    let ngrb = entry(&entries, "NGRB");
    assert_eq!(ngrb.long_name.as_deref(), Some("次世代型研究開発基盤"));
    assert_eq!(ids(ngrb), vec!["1.1.1", "1.1.2"]);
    let zeta = entry(&entries, "ZETA");
    assert_eq!(zeta.long_name.as_deref(), Some("研究データ共有推進機構"));
    assert_eq!(ids(zeta), vec!["1.1.1", "1.1.2"]);
    let prog = entry(&entries, "未来医療創出プログラム");
    assert_eq!(prog.kind, Kind::Program);
    let xyz = entry(&entries, "XYZ");
    assert_eq!(xyz.long_name, None);
}

fn hits(r: &Report, ix: &Index, q: &str) -> Vec<(String, MatchKind, Option<String>)> {
    ix.search(r, &Query::parse(q), 0)
        .hits
        .into_iter()
        .map(|h| {
            let u = ix.units[h.unit];
            (format!("{} {}", u.node, u.field().name()), h.kind, h.via)
        })
        .collect()
}

#[test]
fn search_follows_aliases_both_ways() {
    let (r, ix, _) = load(SYNTHETIC.as_bytes());
    // The acronym finds its long name's mentions, and says through what.
    let got = hits(&r, &ix, "ngrb");
    assert!(
        got.iter().any(|(w, k, v)| w == "1.1.1 plans"
            && *k == MatchKind::Alias
            && v.as_deref() == Some("NGRB")),
        "{got:?}"
    );
    // The long name (or a part of it) finds the acronym's mentions.
    let got = hits(&r, &ix, "研究データ共有");
    assert!(
        got.iter().any(|(w, k, v)| w == "1.1.2 purpose"
            && *k == MatchKind::Alias
            && v.as_deref() == Some("ZETA")),
        "{got:?}"
    );
    // Direct hits come before alias hits.
    let first_alias = got
        .iter()
        .position(|(_, k, _)| *k == MatchKind::Alias)
        .unwrap();
    assert!(
        got[..first_alias]
            .iter()
            .all(|(_, k, _)| *k != MatchKind::Alias)
    );
}

#[test]
fn seed_aliases() {
    let (r, ix, _) = load(SEED);
    let got = hits(&r, &ix, "医療情報データベース");
    assert_eq!(got[0].0, "1.4.2 results");
    assert!(
        got.iter().any(|(w, k, v)| w == "1.4.2 plans"
            && *k == MatchKind::Alias
            && v.as_deref() == Some("MID-NET")),
        "{got:?}"
    );
    let got = hits(&r, &ix, "CiCLE");
    assert!(
        got.iter()
            .all(|(w, _, _)| w.starts_with("1.1.3") || w.starts_with("2.2.2"))
    );
    let got = hits(&r, &ix, "医薬品医療機器総合機構");
    assert_eq!(got[0].0, "1.4.1 purpose");
    for w in ["1.4.2 plans", "2.2.2 results"] {
        assert!(
            got.iter()
                .any(|(x, k, v)| x == w && *k == MatchKind::Alias && v.as_deref() == Some("PMDA")),
            "{w}: {got:?}"
        );
    }
}

#[test]
fn variants_of_one_name_are_one_entry() {
    let (_, _, entries) = load(SEED);
    // 高度安全実験（BSL-4）施設 and 高度安全実験施設（BSL4 施設）: one facility, its whole name.
    let bsl: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.term.to_lowercase().starts_with("bsl"))
        .collect();
    assert_eq!(
        bsl.len(),
        1,
        "{:?}",
        bsl.iter().map(|e| &e.term).collect::<Vec<_>>()
    );
    assert_eq!(bsl[0].long_name.as_deref(), Some("高度安全実験施設"));
    assert_eq!(ids(bsl[0]), vec!["1.2.5"]);
    // Title subjects are entries too.
    assert_eq!(entry(&entries, "次世代医療基盤法").kind, Kind::Topic);
    assert_eq!(entry(&entries, "官民ファンド").kind, Kind::Topic);
}
