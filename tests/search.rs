//! Search against the real seed: folds, romaji, spacing, ranking, ranges.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly, as it should.

mod common;

use common::fixture;
use proptest::prelude::*;
use senryaku::report::Field;
use senryaku::search::{MatchKind, Query};

/// The measure ids of the hits, best first, without repeats.
fn measures(q: &str) -> Vec<String> {
    let (r, ix) = fixture();
    let mut out: Vec<String> = Vec::new();
    for h in ix.search(r, &Query::parse(q), 0).hits {
        let id = ix.units[h.unit].node.to_string();
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// The text each hit highlights, best first.
fn highlighted(q: &str) -> Vec<String> {
    let (r, ix) = fixture();
    ix.search(r, &Query::parse(q), 0)
        .hits
        .iter()
        .flat_map(|h| {
            let chars: Vec<char> = ix.text(r, h.unit).chars().collect();
            h.ranges
                .iter()
                .map(|&(s, e)| chars[s..e].iter().collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_issue_examples_hold() {
    let first_two: Vec<String> = measures("CiCLE").into_iter().take(2).collect();
    assert!(
        first_two.contains(&"1.1.3".to_string()) && first_two.contains(&"2.2.2".to_string()),
        "{first_two:?}"
    );
    assert_eq!(measures("MID-NET")[0], "1.4.2");
    assert_eq!(measures("ゲノム医療")[0], "1.1.1");
    assert_eq!(measures("ｃｉｃｌｅ"), measures("CiCLE"));
    assert_eq!(measures("cicle"), measures("CiCLE"));
    assert_eq!(measures("ﾊﾞｲｵﾃﾞｻﾞｲﾝ")[0], "3.2.2");
}

#[test]
fn width_case_and_kana_are_folded() {
    for (a, b) in [
        ("ＭＩＤ－ＮＥＴ", "MID-NET"),
        ("ｍｉｄ－ｎｅｔ", "MID-NET"),
        ("ばいおでざいん", "バイオデザイン"),
        ("ﾊﾞｲｵﾃﾞｻﾞｲﾝ", "バイオデザイン"),
        ("ＰＨＲ", "PHR"),
        ("uhc", "ＵＨＣ"),
        ("けんこうけいえいめいがら", "健康経営銘柄"),
    ] {
        let (ma, mb) = (measures(a), measures(b));
        assert!(!ma.is_empty(), "{a}");
        if b == "健康経営銘柄" {
            // Kanji are found by their reading.
            assert_eq!((ma[0].as_str(), mb[0].as_str()), ("2.1.2", "2.1.2"));
        } else {
            assert_eq!(ma, mb, "{a} vs {b}");
        }
    }
}

#[test]
fn romaji_is_tried_as_kana_and_literal_still_matches() {
    assert_eq!(measures("robotto")[0], "2.1.4");
    assert_eq!(measures("baiodezain")[0], "3.2.2");
    assert_eq!(measures("AMR")[0], "1.5.2");
    assert_eq!(measures("iPS")[0], "1.1.2");
    assert!(highlighted("robotto").iter().all(|h| h == "ロボット"));
}

#[test]
fn spacing_between_scripts_and_terms() {
    assert_eq!(measures("iPS細胞"), measures("iPS 細胞"));
    assert_eq!(measures("iPS細胞")[0], "1.1.2");
    assert!(measures("平成30年度").len() >= 5);
    // Spaced out, the words are also separate terms: the phrase hits come first.
    let phrase = measures("平成30年度");
    assert_eq!(measures("平成 30 年度")[..phrase.len()], phrase[..]);
    assert_eq!(measures("MID NET")[0], "1.4.2");
    assert_eq!(measures("midnet")[0], "1.4.2");
    // Terms must all match, in any order.
    assert_eq!(measures("推進 ゲノム")[0], "1.1.1");
    assert!(measures("ゲノム ロボット").is_empty());
    // The whole phrase is highlighted, not its pieces.
    assert!(highlighted("MID NET").iter().all(|h| h == "MID-NET"));
}

#[test]
fn titles_outrank_passing_mentions() {
    let (r, ix) = fixture();
    let hits = ix.search(r, &Query::parse("遠隔医療"), 0).hits;
    assert_eq!(ix.units[hits[0].unit].field(), Field::Title);
    assert_eq!(ix.units[hits[0].unit].node.to_string(), "4.3.2");
    assert_eq!(measures("健康経営")[0], "2.1.2");
    assert_eq!(measures("PHR")[0], "4.2.2");
    assert_eq!(measures("NDB")[..2], ["4.2.1", "4.1.2"]);
    assert_eq!(measures("レギュラトリーサイエンス")[0], "1.4.2");
    assert_eq!(measures("アジア健康構想")[0], "2.3.4");
    assert_eq!(measures("人工知能")[0], "4.3.1");
}

#[test]
fn exact_phrases_outrank_scattered_matches() {
    let (r, ix) = fixture();
    let hits = ix.search(r, &Query::parse("データベース"), 0).hits;
    let first_fuzzy = hits.iter().position(|h| h.kind == MatchKind::Fuzzy);
    let last_exact = hits.iter().rposition(|h| h.kind != MatchKind::Fuzzy);
    if let (Some(f), Some(l)) = (first_fuzzy, last_exact) {
        assert!(l < f, "an exact hit came after a fuzzy one");
    }
    // A typo still finds the word, as a fuzzy hit.
    let typo = ix.search(r, &Query::parse("データベス"), 0).hits;
    assert!(!typo.is_empty());
    assert!(typo.iter().all(|h| h.kind == MatchKind::Fuzzy));
    // Scattered matches across a long bullet are not hits at all.
    assert!(measures("ゲノムロボット").is_empty());
}

#[test]
fn ranges_point_at_what_the_user_sees() {
    for (q, want) in [
        ("cicle", "CiCLE"),
        ("ｶﾞｲﾄﾞﾗｲﾝ", "ガイドライン"),
        ("ゲノム", "ゲノム"),
        ("rs戦略相談", "RS 戦略相談"),
        ("jgrid", "J-GRID"),
    ] {
        let h = highlighted(q);
        assert!(!h.is_empty(), "{q}");
        assert!(h.iter().all(|s| s == want), "{q}: {h:?}");
    }
    let h = highlighted("平成30年度");
    assert!(h.contains(&"平成 30 年度".to_string()));
    assert!(
        h.iter().all(|s| s.replace(' ', "") == "平成30年度"),
        "{h:?}"
    );
    // A mid-word wrap in the PDF does not split a match.
    assert!(highlighted("ゲノム及び臨床情報").contains(&"ゲノム及び臨床情報".to_string()));
}

#[test]
fn held_out_style_queries_find_something_sensible() {
    for (q, m) in [
        ("ＡＭＥＤ", "1.1.3"),
        ("ﾚｾﾌﾟﾄ", "2.1.1"),
        ("ぷらっとふぉーむ", "2.3.3"),
        ("purattofo-mu", "2.3.3"),
        ("purattofoomu", "2.3.3"),
        ("deetabeesu", "1.4.2"),
        ("REVIC", "2.2.1"),
        ("j grid", "1.5.2"),
        ("BSL4", "1.2.5"),
        ("次世代医療基盤法", "4.1.1"),
        ("すぽーつ", "2.4.2"),
        ("supootsu", "2.4.2"),
        ("FUN+WALK", "2.4.2"),
    ] {
        let got = measures(q);
        assert!(got.contains(&m.to_string()), "{q}: {got:?}");
    }
    assert_eq!(measures("ｽﾎﾟｰﾂ")[0], "2.4.2");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn random_queries_never_panic_and_ranges_fit(q in "[a-zA-Zａ-ｚ０-９ｱ-ﾝﾞﾟぁ-んァ-ン医療研究 \\-・()（）①]{0,12}") {
        let (r, ix) = fixture();
        let res = ix.search(r, &Query::parse(&q), 50);
        prop_assert!(res.hits.len() <= 50);
        prop_assert!(res.total >= res.hits.len());
        for h in &res.hits {
            let n = ix.text(r, h.unit).chars().count();
            let mut prev = 0;
            for &(s, e) in &h.ranges {
                prop_assert!(s < e && e <= n && s >= prev, "{:?} in {}", h.ranges, n);
                prev = e;
            }
        }
        for w in res.hits.windows(2) {
            prop_assert!(w[0].score >= w[1].score);
        }
    }
}

/// The original texts of the hits, best first.
fn texts(q: &str) -> Vec<String> {
    let (r, ix) = fixture();
    ix.search(r, &Query::parse(q), 0)
        .hits
        .iter()
        .map(|h| ix.text(r, h.unit).to_string())
        .collect()
}

#[test]
fn fzf_query_syntax() {
    // 'exact: as typed, folded like the text, but no romaji, reading or typo matches.
    assert!(!texts("kenkou").is_empty());
    assert!(texts("'kenkou").is_empty());
    assert_eq!(measures("'ＣｉＣＬＥ"), measures("CiCLE"));
    assert!(texts("'データベス").is_empty(), "no typo matches");
    // !not: units holding the term are out.
    assert!(texts("ゲノム").iter().any(|t| t.contains("がん")));
    let without = texts("ゲノム !がん");
    assert!(!without.is_empty());
    assert!(
        without
            .iter()
            .all(|t| !t.contains("がん") && t.contains("ゲノム"))
    );
    // A query of !not terms alone keeps everything else, as in fzf.
    let no_no = texts("!の");
    assert!(!no_no.is_empty() && no_no.iter().all(|t| !t.contains('の')));
    // ^prefix and suffix$: at the text's start or end.
    let starts = texts("^ゲノム");
    assert!(!starts.is_empty() && starts.iter().all(|t| t.trim_start().starts_with("ゲノム")));
    assert!(texts("ゲノム").len() > starts.len());
    let ends = texts("推進$");
    assert!(!ends.is_empty() && ends.iter().all(|t| t.trim_end().ends_with("推進")));
    // a | b: either.
    let either = measures("CiCLE | MID-NET");
    for id in measures("CiCLE").iter().chain(&measures("MID-NET")) {
        assert!(either.contains(id), "{id} missing from {either:?}");
    }
    // Operators combine: a title that starts with ゲノム, not about がん.
    assert_eq!(measures("^ゲノム !がん")[0], "1.1.1");
}
