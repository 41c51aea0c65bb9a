//! Two editions in the browser: the outline marks what changed, and the plan → result view
//! puts last edition's plans beside this edition's results (on a `TestBackend`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly, as it should.

mod common;

#[path = "common/editions.rs"]
mod editions;

use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use senryaku::tui::{Focus, Harness};

/// The browser on the changed next edition, compared with the seed.
fn compared(w: u16, h: u16) -> Harness {
    let seed = editions::seed();
    Harness::compared(editions::changed(&seed), seed, w, h, true)
}

use common::screen;

/// The screen as a terminal that draws Ambiguous glyphs narrow would read: the browser keeps
/// the second column of ①, Ⅰ, → and — blank, which the text shows as a space.
fn squeeze(s: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for c in s.chars() {
        if skip && c == ' ' {
            skip = false;
            continue;
        }
        skip = ('①'..='⑳').contains(&c) || matches!(c, 'Ⅰ' | 'Ⅱ' | '→' | '—');
        out.push(c);
    }
    out
}

fn goto(a: &mut Harness, id: &str) {
    a.key(KeyCode::Char(':'));
    a.typed(id);
    a.key(KeyCode::Enter);
}

#[test]
fn the_outline_marks_what_changed_and_shows_removed_measures_where_they_were() {
    let a = compared(120, 40);
    let rows = a.outline_marks();
    let at = |start: &str| {
        rows.iter()
            .position(|r| r.starts_with(start))
            .unwrap_or_else(|| panic!("no row {start:?} in {rows:#?}"))
    };
    // 1.1.5 was dropped: shown after 1.1.4, before chapter 1.2.
    let removed = at("- ⑤ 日本医療研究開発大賞の創設・実施");
    assert!(rows[removed - 1].contains("④ その他の先端的研究開発の推進"));
    assert!(rows[removed + 1].contains("２）国が行う医療分野の研究開発の環境の整備"));
    at("~ ① 臨床研究法の着実な施行");
    at("~ ② 健康投資の評価の推進及び普及");
    at("+ ⑤ 医療情報の利活用に向けた新たな基盤の構築");
    at("> ① 高齢化の進展や健康志向の高まりに対応した食の研究開発・評価");
    at("> ④ アジア健康構想の推進");
    // The same measures carry no mark.
    at("  ① ゲノム医療の実現の推進");
    // The status bar names both editions.
    let s = squeeze(&screen(&a.render()));
    // With how many measures changed: 2 renamed, 7 moved, 1 added, 1 removed.
    assert!(s.contains("old.txt → new.txt  (~2 >7 +1 -1)"), "{s}");
}

#[test]
fn each_plan_stands_beside_the_result_that_carries_it_out() {
    let mut a = compared(120, 40);
    goto(&mut a, "1.4.2");
    // The next edition reports the two plans in the other order.
    assert_eq!(
        a.versus_rows().unwrap(),
        vec![(Some(1), Some(2)), (Some(2), Some(1))]
    );
    let s = squeeze(&screen(&a.render()));
    assert!(s.contains("2 of 2 plans carried out"), "{s}");
    let row = s
        .lines()
        .find(|l| l.contains("Ⅱ 平成 30 年度の主な取組方針"))
        .unwrap();
    assert!(row.contains("Ⅰ 平成 30 年度の主な実行状況・成果"), "{row}");
}

#[test]
fn changed_words_are_marked_on_each_side() {
    let mut a = compared(120, 40);
    goto(&mut a, "1.1.1");
    let t = a.render();
    let buf = t.backend().buffer();
    // Find 引き続き (dropped in the result) and check its colour, and the plain text after.
    let mut found = false;
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if buf[(x, y)].symbol() == "引" && buf[(x + 2, y)].symbol() == "き" {
                assert_eq!(buf[(x, y)].fg, Color::LightRed);
                found = true;
            }
        }
    }
    assert!(found, "{}", screen(&t));
    // The result's new ending: 推進した, whose した is marked as added.
    let s = screen(&t);
    let y = s.lines().position(|l| l.contains("を推進した。")).unwrap() as u16;
    let line: Vec<(String, Color)> = (0..buf.area.width)
        .map(|x| (buf[(x, y)].symbol().to_string(), buf[(x, y)].fg))
        .collect();
    let shi = line.iter().rposition(|(s, _)| s == "し").unwrap();
    assert_eq!(line[shi].1, Color::LightGreen, "{line:?}");
    let shin = line.iter().rposition(|(s, _)| s == "推").unwrap();
    assert_ne!(line[shin].1, Color::LightGreen);
}

#[test]
fn d_toggles_back_to_the_normal_view_and_a_single_edition_says_why_not() {
    let mut a = compared(120, 40);
    goto(&mut a, "1.3.1");
    assert!(a.versus_rows().is_some());
    a.key(KeyCode::Char('d'));
    assert!(a.versus_rows().is_none());
    let s = screen(&a.render());
    assert!(s.contains("Ⅰ  平成 30 年度の主な実行状況・成果"), "{s}");
    a.key(KeyCode::Char('d'));
    assert!(a.versus_rows().is_some());
    let mut one = Harness::new(editions::seed(), 120, 40, true);
    one.key(KeyCode::Char('d'));
    assert!(one.message().unwrap().contains("senryaku OLD NEW"));
}

#[test]
fn a_removed_measure_opens_in_the_comparison_from_the_outline() {
    let mut a = compared(120, 40);
    a.key(KeyCode::Char('d'));
    // From 1.1.4, one down is the removed 1.1.5.
    goto(&mut a, "1.1.4");
    a.key(KeyCode::Tab);
    a.key(KeyCode::Char('j'));
    let rows = a
        .versus_rows()
        .expect("the comparison of the removed measure");
    assert!(rows.iter().all(|r| r.1.is_none()), "{rows:?}");
    let s = squeeze(&screen(&a.render()));
    assert!(s.contains("1.1.5 removed"), "{s}");
    assert!(s.contains("— not in new.txt"), "{s}");
}

#[test]
fn copying_a_row_cites_both_editions() {
    let mut a = compared(120, 40);
    goto(&mut a, "1.4.2");
    assert_eq!(a.focus(), Focus::Detail);
    a.key(KeyCode::Char('j'));
    assert_eq!(a.versus_cursor(), Some(1));
    a.key(KeyCode::Char('y'));
    let text = a.take_copy().unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].ends_with("— Ⅱ 平成 30 年度の主な取組方針 [old.txt]"),
        "{text}"
    );
    assert!(lines[0].contains("（１）４）② レギュラトリーサイエンスの推進"));
    let second = lines.iter().position(|l| l.ends_with("[new.txt]")).unwrap();
    assert!(lines[second].contains("Ⅰ 平成 30 年度の主な実行状況・成果"));
    // Plan 2 and the result 1 that carries it out.
    let plan = &editions::seed().parts[0].chapters[3].measures[1]
        .plans
        .items[1]
        .text;
    assert_eq!(lines[1], format!("・{plan}"));
    assert_eq!(
        lines[second + 1],
        format!("・{}", editions::carried_out(plan))
    );
    // Y: every row.
    a.key(KeyCode::Char('Y'));
    let all = a.take_copy().unwrap();
    assert_eq!(all.matches("[old.txt]").count(), 2);
    assert_eq!(all.matches("[new.txt]").count(), 2);
}

#[test]
fn plans_beside_results_120x40() {
    let mut a = compared(120, 40);
    goto(&mut a, "1.3.1");
    let s = screen(&a.render());
    assert!(
        squeeze(&s).contains("was （１）３）① 臨床研究法の円滑な施行 [old.txt]"),
        "{s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn plans_over_results_80x24() {
    let mut a = compared(80, 24);
    goto(&mut a, "1.1.1");
    let s = screen(&a.render());
    // Stacked: the result under its plan, after a →.
    assert!(s.lines().any(|l| l.contains("→ ・")), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn a_result_is_marked_from_the_comparison_and_the_mark_shows_there() {
    let mut a = compared(120, 40);
    let store = std::env::temp_dir().join(format!("senryaku-versus-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&store);
    a.enable_notes(&store.join("notes.db"));
    goto(&mut a, "1.4.2");
    // The second row: plan 2, carried out by result 1.
    a.key(KeyCode::Char('j'));
    a.key(KeyCode::Char('m'));
    assert_eq!(
        a.notes(),
        vec![(
            "1.4.2 results 1".to_string(),
            Some(senryaku::notes::Mark::Checked),
            String::new()
        )]
    );
    let s = screen(&a.render());
    let row = s.lines().find(|l| l.contains("✓")).expect(&s);
    assert!(row.contains("▌ ✓ ・"), "{row}");
    // From the outline, the mark is the measure's.
    a.key(KeyCode::Tab);
    a.key(KeyCode::Char('m'));
    assert_eq!(a.notes()[0].0, "1.4.2 title");
}
