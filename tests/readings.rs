//! Kanji found by their reading (issue #12): romaji in every common style, hiragana and
//! katakana reach 健康経営, 再生医療, 次世代医療基盤法… with exact highlights, precisely, and
//! ranked below what was typed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly, as it should.

mod common;

use common::fixture;
use proptest::prelude::*;
use senryaku::search::{Hit, MatchKind, Query};

fn hits(q: &str) -> Vec<Hit> {
    let (r, ix) = fixture();
    ix.search(r, &Query::parse(q), 0).hits
}

/// The measure and highlighted strings of a hit.
fn shown(h: &Hit) -> (String, Vec<String>) {
    let (r, ix) = fixture();
    let chars: Vec<char> = ix.text(r, h.unit).chars().collect();
    let ranges = h
        .ranges
        .iter()
        .map(|&(s, e)| chars[s..e].iter().collect())
        .collect();
    (ix.units[h.unit].node.to_string(), ranges)
}

/// The first hit's measure and the first string it highlights.
fn first(q: &str) -> (String, String) {
    let h = hits(q);
    let first = h.first().unwrap_or_else(|| panic!("no hit for {q}"));
    let (id, ranges) = shown(first);
    (id, ranges.first().cloned().unwrap_or_default())
}

#[test]
fn romaji_in_every_style_and_kana_find_kanji_by_reading() {
    let cases = [
        // wāpuro, with and without spaces
        ("kenkou keiei", "2.1.2", "健康経営"),
        ("kenkoukeiei", "2.1.2", "健康経営"),
        ("jisedai iryou kibanhou", "4.1.1", "次世代医療基盤法"),
        (
            "rinshou kenkyuu chuukaku byouin",
            "1.2.1",
            "臨床研究中核病院",
        ),
        // Hepburn without long vowels
        ("kenko keiei", "2.1.2", "健康経営"),
        ("saisei iryo", "1.1.2", "再生医療"),
        ("rinsho kenkyu chukaku byoin", "1.2.1", "臨床研究中核病院"),
        // kunrei
        (
            "rinsyou kenkyuu tyuukaku byouin",
            "1.2.1",
            "臨床研究中核病院",
        ),
        ("zisedai iryou kibanhou", "4.1.1", "次世代医療基盤法"),
        // hiragana and katakana, whole or spaced
        ("げのむいりょう", "1.1.1", "ゲノム医療"),
        ("けんこうけいえい", "2.1.2", "健康経営"),
        ("サイセイイリョウ", "1.1.2", "再生医療"),
        ("じせだい いりょう きばんほう", "4.1.1", "次世代医療基盤法"),
        // single words
        ("saisei", "1.1.2", "再生"),
        // `ny` as ん + や, as people type 新薬 without an input method
        ("shinyaku", "1.1.2", "新薬"),
        ("shin'yaku", "1.1.2", "新薬"),
        // 日本 reads にほん or にっぽん
        ("nihon", "1.1.5", "日本"),
        ("nippon", "1.1.5", "日本"),
        // words IPADIC lacks, from the supplement (tools/dictgen/user.csv): 健診 is けんしん
        ("tokutei kenshin", "4.1.2", "特定健診"),
        ("souyaku", "1.1.2", "創薬"),
        // middle dots join words: 健康・医療 reads on
        ("kenkou iryou", "2.1", "健康・医療"),
    ];
    for (q, id, text) in cases {
        assert_eq!(first(q), (id.to_string(), text.to_string()), "{q}");
        let h = &hits(q)[0];
        assert_eq!(h.kind, MatchKind::Reading, "{q}");
        assert!(
            h.via.as_deref().unwrap_or("").starts_with("reading: "),
            "{q}"
        );
    }
    assert_eq!(
        hits("kenkou keiei")[0].via.as_deref(),
        Some("reading: けんこうけいえい")
    );
}

#[test]
fn highlights_cover_exactly_the_words_read() {
    let (r, ix) = fixture();
    let h = &hits("jisedai iryou kibanhou")[0];
    let text: Vec<char> = ix.text(r, h.unit).chars().collect();
    // Character by character: the range is the seven chars of 次世代医療基盤法, nothing more.
    let (s, e) = h.ranges[0];
    assert_eq!(e - s, 8);
    for (i, c) in "次世代医療基盤法".chars().enumerate() {
        assert_eq!(text[s + i], c);
    }
    assert!(s == 0 || text[s - 1] != '次');
    assert_ne!(text.get(e).copied(), Some('法'));
}

#[test]
fn readings_are_never_glued_from_parts_of_words() {
    // 経済成長 reads けいざい|せいちょう: `saisei` must not land on its 済成.
    for q in ["saisei", "さいせい", "サイセイ", "saisei iryou"] {
        for h in hits(q) {
            for s in shown(&h).1 {
                assert!(!s.contains("済成"), "{q} highlighted {s}");
                assert!(
                    s.contains("再生") || !s.contains('済'),
                    "{q} highlighted {s}"
                );
            }
        }
    }
    // The report does say 経済成長.
    assert!(!hits("経済成長").is_empty());
}

#[test]
fn short_syllables_do_not_expand_to_kanji() {
    for q in ["ka", "kai", "か", "かい", "カイ", "ko", "sei", "い"] {
        assert!(
            hits(q).iter().all(|h| h.kind != MatchKind::Reading),
            "{q} expanded"
        );
    }
    // Three kana do.
    assert!(hits("kaigi").iter().any(|h| h.kind == MatchKind::Reading));
}

#[test]
fn what_was_typed_ranks_above_its_reading() {
    // ロボット is in the text as typed (katakana found by romaji), 介護 only by reading.
    for q in ["robotto", "kaigo robotto"] {
        let h = hits(q);
        let first_reading = h.iter().position(|h| h.kind == MatchKind::Reading);
        let last_other = h.iter().rposition(|h| h.kind != MatchKind::Reading);
        if let (Some(r), Some(o)) = (first_reading, last_other) {
            assert!(o < r, "{q}: a reading hit above a literal one");
        }
    }
    // A literal hit of a kanji query is never marked as a reading.
    assert!(
        hits("健康経営")
            .iter()
            .all(|h| h.kind != MatchKind::Reading)
    );
    let k = hits("kaigo robotto");
    assert!(
        k.iter().any(|h| h.kind == MatchKind::Reading),
        "介護 by reading"
    );
}

#[test]
fn terms_across_one_measure_find_it_ranked_below_one_unit() {
    let h = hits("PMDA 総合相談");
    assert_eq!(shown(&h[0]).0, "1.4.1");
    assert_eq!(h[0].kind, MatchKind::Measure);
    // By reading too: PMDA in the title, そうごうそうだん in the items.
    let h = hits("PMDA sougou soudan");
    assert_eq!(shown(&h[0]).0, "1.4.1");
    // Where one unit holds every term, it ranks above a measure that spreads them.
    let h = hits("ゲノム 医療");
    let first_measure = h.iter().position(|h| h.kind == MatchKind::Measure);
    let last_unit = h
        .iter()
        .rposition(|h| matches!(h.kind, MatchKind::Phrase | MatchKind::Terms));
    if let (Some(m), Some(u)) = (first_measure, last_unit) {
        assert!(u < m);
    }
}

#[test]
fn the_cli_searches_by_reading_in_text_and_json() {
    let out = assert_cmd::Command::cargo_bin("senryaku")
        .unwrap()
        .args(["search", "kenkou keiei", "--json", "-n", "1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hit = &v[0];
    assert_eq!(hit["measure"], "2.1.2", "{v}");
    assert_eq!(hit["kind"], "reading");
    assert_eq!(hit["via"], "reading: けんこうけいえい");
    let out = assert_cmd::Command::cargo_bin("senryaku")
        .unwrap()
        .args(["search", "jisedai iryou kibanhou", "-n", "1"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("4.1.1"), "{text}");
    assert!(
        text.contains("via reading: じせだいいりょうきばんほう"),
        "{text}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Random romaji and kana never panic, and every range lies within its text.
    #[test]
    fn random_romaji_and_kana_stay_in_range(
        q in "[a-z ]{0,16}|[ぁ-ゖ ー]{0,10}|[ァ-ヶ・ー ]{0,10}|[a-zぁ-んー 　]{0,12}"
    ) {
        let (r, ix) = fixture();
        for h in ix.search(r, &Query::parse(&q), 0).hits {
            let len = ix.text(r, h.unit).chars().count();
            for &(s, e) in &h.ranges {
                prop_assert!(s < e && e <= len, "{q:?}: {s}..{e} of {len}");
            }
        }
    }
}
