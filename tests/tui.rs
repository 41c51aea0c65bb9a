//! The browser on a `TestBackend`: frames as a user sees them (insta snapshots), and what keys,
//! mouse and resizes do.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly, as it should.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind,
};
use senryaku::report::{self, Origin, SEED};
use senryaku::tui::action::Action;
use senryaku::tui::{Focus, Harness, Mode};

type App = Harness;

fn app(w: u16, h: u16) -> App {
    let r = report::from_bytes(SEED, Origin::Embedded).unwrap().report;
    Harness::new(r, w, h, true)
}

/// Renders the app and returns the terminal (for cell checks) and the screen as text.
fn render(app: &App) -> (Terminal<TestBackend>, String) {
    let t = app.render();
    let text = screen(&t);
    (t, text)
}

use common::screen;

fn key(app: &mut App, code: KeyCode) {
    key_mod(app, code, KeyModifiers::NONE)
}

fn key_mod(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.event(Event::Key(KeyEvent::new(code, mods)));
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn start_120x40() {
    let a = app(120, 40);
    let (_, s) = render(&a);
    assert!(s.contains("（１）世界最高水準の医療の提供に"));
    assert!(s.contains("ゲノム医療の実現の推進"));
    assert!(s.contains("Ⅰ  平成 29 年度の主な実行状況・成果"));
    insta::assert_snapshot!(s);
}

#[test]
fn start_80x24() {
    let (_, s) = render(&app(80, 24));
    insta::assert_snapshot!(s);
}

#[test]
fn side_by_side_when_wide() {
    let mut a = app(160, 40);
    key(&mut a, KeyCode::Char(']'));
    key(&mut a, KeyCode::Char(']'));
    let (_, s) = render(&a);
    assert!(s.contains("Ⅰ  results | Ⅱ  plans"), "{s}");
    // Both headings on one row.
    let row = s
        .lines()
        .find(|l| l.contains("平成 29 年度の主な実行状況・成果"))
        .unwrap();
    assert!(row.contains("平成 30 年度の主な取組方針"), "{row}");
    insta::assert_snapshot!(s);
    // `s` cycles to stacked.
    key(&mut a, KeyCode::Char('s'));
    key(&mut a, KeyCode::Char('s'));
    let (_, s) = render(&a);
    let row = s
        .lines()
        .find(|l| l.contains("平成 29 年度の主な実行状況・成果"))
        .unwrap();
    assert!(!row.contains("平成 30 年度"));
}

#[test]
fn measure_selected_stacked_at_odd_widths() {
    for (w, h) in [(41, 20), (51, 16), (79, 24)] {
        let mut a = app(w, h);
        // Go to アジア健康構想の推進 (2.3.4) and into the detail pane.
        for _ in 0..25 {
            key(&mut a, KeyCode::Char(']'));
        }
        assert_eq!(a.selected(), "2.3.4");
        key(&mut a, KeyCode::Tab);
        for _ in 0..4 {
            key(&mut a, KeyCode::Char('j'));
        }
        let (t, s) = render(&a);
        assert_no_overflow(&t);
        insta::assert_snapshot!(format!("measure_{w}x{h}"), s);
    }
}

/// No row holds more glyph columns than the screen has.
fn assert_no_overflow(t: &Terminal<TestBackend>) {
    let buf = t.backend().buffer();
    for line in screen(t).lines() {
        let w = unicode_width::UnicodeWidthStr::width(line);
        assert!(w <= buf.area.width as usize, "{w}: {line}");
    }
}

#[test]
fn search_popup_with_results_and_highlights() {
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char('/'));
    assert_eq!(a.mode(), Mode::Search);
    typed(&mut a, "MID-NET");
    let (t, s) = render(&a);
    assert!(s.contains("2 hits"));
    assert!(s.contains("（１）４）②  レギュラトリーサイエンスの推進"));
    // The matched characters in the list are highlighted.
    let hit = a.hit_style();
    assert!(highlighted_text(&t, hit).contains("MID-NET"));
    // The caret sits after the typed text, at a display column.
    let pos = t.backend().cursor_position();
    let row = s.lines().nth(pos.y as usize).unwrap();
    assert!(row.contains("/ MID-NET"));
    insta::assert_snapshot!(s);

    key(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(a.selected(), "1.4.2");
    assert_eq!(a.focus(), Focus::Detail);
    let (t, s) = render(&a);
    assert!(s.contains("Ⅰ  平成 29 年度の主な実行状況・成果"));
    assert!(s.contains("Ⅱ  平成 30 年度の主な取組方針"));
    // Both mentions highlighted; the one jumped to in the style of the current occurrence.
    assert_eq!(highlighted_text(&t, hit), "MID-NET");
    assert_eq!(highlighted_text(&t, a.current_hit_style()), "MID-NET");
    // n and N step through the hits.
    key(&mut a, KeyCode::Char('n'));
    assert!(a.message().unwrap_or_default().starts_with("Hit "));
}

/// The text of every cell drawn in a style.
fn highlighted_text(t: &Terminal<TestBackend>, style: ratatui::style::Style) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            if c.fg == style.fg.unwrap() && c.bg == style.bg.unwrap() && c.symbol() != " " {
                out.push_str(c.symbol());
            }
        }
    }
    out
}

#[test]
fn search_keys_and_paste() {
    let mut a = app(80, 24);
    key(&mut a, KeyCode::Char('/'));
    // Full-width, katakana via romaji, pasted text: all find things.
    typed(&mut a, "robotto");
    assert!(a.search_total() > 0);
    key(&mut a, KeyCode::Down);
    assert_eq!(a.search_selected(), 1);
    key_mod(&mut a, KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert_eq!(a.search_selected(), 0);
    key_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(a.search_query(), "");
    a.act(Action::Paste("ﾊﾞｲｵﾃﾞｻﾞｲﾝ\u{1b}[31m".into()));
    // Half-width katakana arrive full-width (as from an IME); control characters never arrive.
    assert_eq!(a.search_query(), "バイオデザイン[31m");
    key_mod(&mut a, KeyCode::Char('w'), KeyModifiers::CONTROL);
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Backspace);
    assert!(a.search_hits().iter().any(|id| id == "3.2.2"));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Normal);
}

#[test]
fn half_width_kana_typed_one_by_one_compose() {
    let mut a = app(80, 24);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "ﾊﾞｲｵﾃﾞｻﾞｲﾝ");
    assert_eq!(a.search_query(), "バイオデザイン");
    assert!(a.search_hits().iter().any(|id| id == "3.2.2"));
    let (t, s) = render(&a);
    assert!(s.contains("/ バイオデザイン"));
    assert_no_overflow(&t);
}

#[test]
fn help_overlay_lists_the_keymap() {
    let mut a = app(80, 24);
    key(&mut a, KeyCode::Char('?'));
    let (_, s) = render(&a);
    assert!(s.contains("Keys"));
    assert!(s.contains("j Down"));
    insta::assert_snapshot!(s);
    // It scrolls to show the rest.
    for _ in 0..200 {
        key(&mut a, KeyCode::Char('j'));
    }
    let (_, s) = render(&a);
    assert!(s.contains("close help") && s.contains("scroll down"));
    // And back up without pressing k forty times.
    for _ in 0..200 {
        key(&mut a, KeyCode::Char('k'));
    }
    let (_, s) = render(&a);
    assert!(s.contains("j Down"));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Normal);
    // On a narrow screen keys and descriptions take a line each, nothing cut.
    let mut a = app(41, 16);
    key(&mut a, KeyCode::Char('?'));
    let (_, s) = render(&a);
    assert!(s.contains("next row / next item"));
    insta::assert_snapshot!("help_41x16", s);
}

#[test]
fn too_small_says_so_and_resizing_recovers() {
    let mut a = app(120, 40);
    a.act(Action::Resize {
        width: 30,
        height: 10,
    });
    let (_, s) = render(&a);
    assert!(s.contains("Terminal too small: 30x10"));
    for (w, h) in [(1, 1), (39, 12), (40, 11), (2, 40)] {
        a.act(Action::Resize {
            width: w,
            height: h,
        });
        let _ = render(&a);
    }
    a.act(Action::Resize {
        width: 40,
        height: 12,
    });
    let (t, s) = render(&a);
    assert!(!s.contains("too small"));
    assert_no_overflow(&t);
}

#[test]
fn outline_keys_fold_and_move() {
    let mut a = app(100, 30);
    assert_eq!(a.selected(), "1.1.1");
    key(&mut a, KeyCode::Char('j'));
    assert_eq!(a.selected(), "1.1.2");
    key(&mut a, KeyCode::Char('h')); // to the chapter
    assert_eq!(a.selected(), "1.1");
    key(&mut a, KeyCode::Char('h')); // collapse it
    let shown = |a: &App| a.outline_rows().iter().any(|r| r == "1.1.2");
    assert!(!shown(&a));
    key(&mut a, KeyCode::Enter); // open again
    assert!(shown(&a));
    key(&mut a, KeyCode::Char('G'));
    assert_eq!(a.selected(), "4.4.1");
    key(&mut a, KeyCode::Char('g'));
    // The preface (はじめに) is the first row, id 0.
    assert_eq!(a.selected(), "0");
    key(&mut a, KeyCode::Char('-'));
    assert_eq!(a.outline_rows().len(), 1 + 4);
    key(&mut a, KeyCode::Char('+'));
    assert_eq!(a.outline_rows().len(), 1 + 4 + 16 + 42);
    key_mod(&mut a, KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert!(a.selected() != "1");
    key(&mut a, KeyCode::Char('q'));
    assert!(a.quit());
}

#[test]
fn detail_cursor_scrolls_and_columns() {
    let mut a = app(160, 24);
    for _ in 0..25 {
        key(&mut a, KeyCode::Char(']'));
    }
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus(), Focus::Detail);
    let start = a.cursor_place();
    key(&mut a, KeyCode::Char('j'));
    assert_ne!(a.cursor_place(), start);
    // Right goes to the plans column, left back, and left again to the outline.
    key(&mut a, KeyCode::Char('l'));
    assert!(a.cursor_place().unwrap().contains(" plans "));
    key(&mut a, KeyCode::Char('h'));
    assert!(a.cursor_place().unwrap().contains(" results "));
    key(&mut a, KeyCode::Char('h'));
    assert_eq!(a.focus(), Focus::Outline);
    // Stacked at 80 columns: G goes to the last item and scrolls to it.
    let mut a = app(80, 16);
    for _ in 0..25 {
        key(&mut a, KeyCode::Char(']'));
    }
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Char('G'));
    assert!(a.detail_scroll() > 0);
    let (_, s) = render(&a);
    assert!(s.contains("を改定する。"), "{s}");
    key_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    key(&mut a, KeyCode::Char('g'));
    assert_eq!(a.detail_scroll(), 0);
}

#[test]
fn mouse_click_and_wheel() {
    let mut a = app(120, 40);
    // Click the fourth outline row (y = 1 header, rows from y = 1 + 1; はじめに first).
    a.act(Action::Click { x: 10, y: 5 });
    assert_eq!(a.selected(), "1.1.2");
    // Wheel over the detail pane scrolls it.
    let ev = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 80,
        row: 10,
        modifiers: KeyModifiers::NONE,
    });
    a.event(ev);
    a.act(Action::Resize {
        width: 120,
        height: 14,
    });
    for _ in 0..5 {
        a.act(Action::ScrollDown { x: 80, y: 8 });
    }
    assert!(a.detail_scroll() > 0);
    // Wheel over the outline scrolls it.
    for _ in 0..5 {
        a.act(Action::ScrollDown { x: 5, y: 8 });
    }
    assert!(a.outline_scroll() > 0);
}

#[test]
fn no_colour_uses_modifiers_only() {
    let r = report::from_bytes(SEED, Origin::Embedded).unwrap().report;
    let a = Harness::new(r, 100, 30, false);
    let (t, _) = render(&a);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
}

#[test]
fn readme_lists_every_key_binding() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for b in senryaku::tui::keymap::BINDINGS {
        for k in b.keys {
            let label = senryaku::tui::keymap::key_label(k);
            assert!(
                readme.contains(&format!("`{label}`")),
                "README lacks key {label}"
            );
        }
    }
}

fn excerpt_of(
    app: &App,
    scope: senryaku::report::excerpt::Scope,
    format: senryaku::report::excerpt::Format,
) -> String {
    let r = report::from_bytes(SEED, Origin::Embedded).unwrap().report;
    let id = app.selected().parse().unwrap();
    senryaku::report::excerpt::excerpt(&r, id, &scope, format).unwrap()
}

#[test]
fn copy_keys_give_the_excerpts_show_prints() {
    use senryaku::report::Fy;
    use senryaku::report::excerpt::{Format, Scope, parse_item};
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "MID-NET");
    key(&mut a, KeyCode::Enter);
    // Y: the whole measure.
    key(&mut a, KeyCode::Char('Y'));
    let y = a.take_copy().unwrap();
    assert_eq!(y, excerpt_of(&a, Scope::Measure, Format::Plain));
    assert!(y.starts_with("「健康・医療戦略の実行状況及び今後の取組方針 2018」（１）４）② レギュラトリーサイエンスの推進\n"));
    // y: the item under the cursor (the hit, FY2018's first bullet).
    key(&mut a, KeyCode::Char('y'));
    let item = parse_item(Fy::Plans, "1").unwrap();
    assert_eq!(
        a.take_copy().unwrap(),
        excerpt_of(&a, Scope::Pieces(vec![item]), Format::Plain)
    );
    // c: the section.
    key(&mut a, KeyCode::Char('c'));
    assert_eq!(
        a.take_copy().unwrap(),
        excerpt_of(&a, Scope::Section(Fy::Plans), Format::Plain)
    );
    // v k y: a range from FY2017's last bullet to FY2018's first.
    key(&mut a, KeyCode::Char('v'));
    assert_eq!(a.mode(), Mode::Visual);
    key(&mut a, KeyCode::Char('k'));
    let (_, s) = render(&a);
    assert!(s.contains("VISUAL"));
    key(&mut a, KeyCode::Char('y'));
    assert_eq!(a.mode(), Mode::Normal);
    let range = a.take_copy().unwrap();
    assert!(range.contains("\nⅠ 平成 29 年度の主な実行状況・成果\n・臨床試験成績"));
    assert!(range.contains("\n\nⅡ 平成 30 年度の主な取組方針\n・MID-NET"));
    // M: Markdown from now on; the status bar says so.
    key(&mut a, KeyCode::Char('M'));
    assert!(a.message().unwrap().contains("Markdown"));
    key(&mut a, KeyCode::Char('Y'));
    assert_eq!(
        a.take_copy().unwrap(),
        excerpt_of(&a, Scope::Measure, Format::Markdown)
    );
    // What the clipboard reports shows in the status bar.
    a.act(Action::CopyDone("Copied 10 characters to OSC 52".into()));
    let (_, s) = render(&a);
    assert!(s.contains("Copied 10 characters to OSC 52"));
    // Esc leaves a range without copying.
    key(&mut a, KeyCode::Char('v'));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Normal);
    assert!(a.take_copy().is_none());
}

#[test]
fn programs_index_filters_opens_and_jumps() {
    let mut a = app(80, 24);
    key(&mut a, KeyCode::Char('p'));
    assert_eq!(a.mode(), Mode::Programs);
    let (_, s) = render(&a);
    assert!(s.contains("Programs and acronyms"));
    assert!(s.contains("CiCLE  医療研究開発革新基盤創成事業"));
    // Filtering folds width, case and kana; romaji finds katakana names.
    typed(&mut a, "ｍｉｄ－ｎｅｔ");
    let (_, s) = render(&a);
    assert!(s.contains("MID-NET  医療情報データベースシステム"));
    insta::assert_snapshot!("programs_filtered", s);
    key_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut a, "bure-kuzuru");
    // The filter answers on every key (ブレークスルー is not an entry of this report).
    assert!(!a.program_terms().iter().any(|t| t.contains("CiCLE")));
    key_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut a, "purattofo-mu");
    let names = a.program_terms();
    assert!(
        names
            .iter()
            .any(|n| n == "栄養改善事業推進プラットフォーム"),
        "{names:?}"
    );
    // Enter lists the measures that mention it, with snippets; Enter again jumps there.
    key_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut a, "pmda");
    key(&mut a, KeyCode::Enter);
    let (_, s) = render(&a);
    assert!(s.contains("PMDA —"));
    assert!(s.contains("3 measures"));
    insta::assert_snapshot!("programs_open", s);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(a.selected(), "1.4.2");
    // The mentions are highlighted and n steps through them.
    assert!(a.highlighted_hits() >= 3);
    key(&mut a, KeyCode::Char('n'));
    assert_eq!(a.selected(), "2.2.2");
    // Esc backs out one level at a time.
    key(&mut a, KeyCode::Char('p'));
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Programs);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Normal);
}

/// Every mode renders at every width and many heights without a panic or an overflowing row.
#[test]
fn any_size_in_any_mode() {
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in 1..=130 {
        for h in [1, 5, 11, 12, 13, 24] {
            sizes.push((w, h));
        }
    }
    for h in 1..=45 {
        for w in [39, 40, 41, 59, 60, 99, 100, 161] {
            sizes.push((w, h));
        }
    }
    let mut modes: Vec<App> = Vec::new();
    let mut a = app(100, 30);
    for _ in 0..25 {
        key(&mut a, KeyCode::Char(']'));
    }
    key(&mut a, KeyCode::Tab);
    modes.push(app(100, 30));
    let mut v = app(100, 30);
    v.act(Action::Resize {
        width: 100,
        height: 30,
    });
    key(&mut v, KeyCode::Tab);
    key(&mut v, KeyCode::Char('v'));
    key(&mut v, KeyCode::Char('j'));
    modes.push(v);
    let mut s = app(100, 30);
    key(&mut s, KeyCode::Char('/'));
    typed(&mut s, "ゲノム");
    modes.push(s);
    let mut h = app(100, 30);
    key(&mut h, KeyCode::Char('?'));
    modes.push(h);
    let mut p = app(100, 30);
    key(&mut p, KeyCode::Char('p'));
    modes.push(p);
    let mut p2 = app(100, 30);
    key(&mut p2, KeyCode::Char('p'));
    key(&mut p2, KeyCode::Enter);
    modes.push(p2);
    modes.push(a);
    for m in &mut modes {
        for &(w, h) in &sizes {
            m.act(Action::Resize {
                width: w,
                height: h,
            });
            let (t, _) = render(m);
            assert_no_overflow(&t);
        }
    }
}

#[test]
fn side_by_side_gives_way_when_it_would_not_fit() {
    // A chapter has no FY sections: its overview is stacked even on a wide screen.
    let mut a = app(160, 40);
    key(&mut a, KeyCode::Char('k'));
    assert_eq!(a.selected(), "1.1");
    assert_eq!(a.detail_views(), 1);
    // Wide but short: the header would not fit whole, so auto stacks.
    let mut a = app(160, 14);
    for _ in 0..41 {
        key(&mut a, KeyCode::Char(']'));
    }
    assert_eq!(a.detail_views(), 1);
    // Asked for explicitly, side by side stays.
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(a.detail_views(), 3);
    let (t, _) = render(&a);
    assert_no_overflow(&t);
}

#[test]
fn a_chapter_or_part_copies_whole_from_the_outline() {
    let mut a = app(100, 30);
    key(&mut a, KeyCode::Char('k'));
    assert_eq!(a.selected(), "1.1");
    key(&mut a, KeyCode::Char('Y'));
    let copy = a.take_copy().unwrap();
    assert!(
        copy.starts_with("「健康・医療戦略の実行状況及び今後の取組方針 2018」（１）１）国が行う医療分野の研究開発の推進\n"),
        "{copy}"
    );
    // Every measure of the chapter, with its sections.
    for m in ["① ゲノム医療の実現の推進", "⑤ 日本医療研究開発大賞の創設"]
    {
        assert!(copy.contains(m), "{m}");
    }
    assert!(copy.matches("Ⅱ 平成 30 年度の主な取組方針").count() >= 5);
}

#[test]
fn popups_say_where_the_choice_is_and_no_colour_marks_the_focused_pane() {
    let mut a = app(100, 30);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "ゲノム");
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    let (_, s) = render(&a);
    assert!(s.contains(&format!("3/{} hits", a.search_total())), "{s}");
    let r = report::from_bytes(SEED, Origin::Embedded).unwrap().report;
    let mut plain = Harness::new(r, 100, 30, false);
    let (_, s) = render(&plain);
    assert!(
        s.lines()
            .next()
            .unwrap()
            .trim_start()
            .starts_with("> Outline")
    );
    key(&mut plain, KeyCode::Tab);
    let (_, s) = render(&plain);
    assert!(s.lines().next().unwrap().contains("> Detail"));
}

#[test]
fn colon_goes_to_an_id_and_ctrl_o_comes_back() {
    let mut a = app(100, 30);
    key(&mut a, KeyCode::Char(':'));
    assert_eq!(a.mode(), Mode::Goto);
    typed(&mut a, "2.3.4");
    let (t, s) = render(&a);
    assert!(s.contains(":2.3.4"), "{s}");
    // The caret sits after the typed id.
    let row = s
        .lines()
        .nth(t.backend().cursor_position().y as usize)
        .unwrap();
    assert!(row.contains(":2.3.4"));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.selected(), "2.3.4");
    assert_eq!(a.focus(), Focus::Detail);
    // A search jump, then back twice and forward again.
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "MID-NET");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.selected(), "1.4.2");
    key_mod(&mut a, KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert_eq!(a.selected(), "2.3.4");
    key_mod(&mut a, KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert_eq!(a.selected(), "1.1.1");
    key_mod(&mut a, KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert!(a.message().unwrap().starts_with("No older jump"));
    key_mod(&mut a, KeyCode::Char('i'), KeyModifiers::ALT);
    assert_eq!(a.selected(), "2.3.4");
    key_mod(&mut a, KeyCode::Char('i'), KeyModifiers::ALT);
    assert_eq!(a.selected(), "1.4.2");
    key_mod(&mut a, KeyCode::Char('i'), KeyModifiers::ALT);
    assert_eq!(a.message().unwrap(), "No newer jump");
    // An id that names nothing says so and goes nowhere.
    key(&mut a, KeyCode::Char(':'));
    typed(&mut a, "9.9");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.selected(), "1.4.2");
    assert!(a.message().unwrap().contains("\"9.9\""));
    // Esc cancels.
    key(&mut a, KeyCode::Char(':'));
    typed(&mut a, "1");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(a.selected(), "1.4.2");
}

/// At 40×12 a measure opens at its top, `g` goes back there, `k` never scrolls down, and a
/// block taller than the view shows from its start.
#[test]
fn measures_open_at_their_top_and_k_never_scrolls_down() {
    let mut a = app(40, 12);
    for k in ['G', 'k', 'k'] {
        key(&mut a, KeyCode::Char(k));
    }
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('['));
    assert_eq!(a.detail_scroll(), 0);
    let (_, s) = render(&a);
    assert!(
        s.contains(&format!("[{}]", a.selected())),
        "path shown:\n{s}"
    );
    if a.focus() != Focus::Detail {
        key(&mut a, KeyCode::Tab);
    }
    for _ in 0..6 {
        key(&mut a, KeyCode::Char('j'));
    }
    assert!(a.detail_scroll() > 0);
    key(&mut a, KeyCode::Char('g'));
    assert_eq!(a.detail_scroll(), 0);
    let (_, s) = render(&a);
    assert!(s.contains(&format!("[{}]", a.selected())));
    // k: the scroll never goes down.
    for _ in 0..6 {
        key(&mut a, KeyCode::Char('j'));
    }
    let mut last = a.detail_scroll();
    for _ in 0..12 {
        key(&mut a, KeyCode::Char('k'));
        assert!(a.detail_scroll() <= last, "k scrolled down");
        last = a.detail_scroll();
    }
    assert_eq!(last, 0);
    // ] opens the next measure at its top too.
    key(&mut a, KeyCode::Char('G'));
    key(&mut a, KeyCode::Char(']'));
    assert_eq!(a.detail_scroll(), 0);
}

#[test]
fn search_history_is_walked_with_ctrl_r_and_at_the_ends_of_the_list() {
    let mut a = app(100, 30);
    for q in ["CiCLE", "MID-NET"] {
        key(&mut a, KeyCode::Char('/'));
        typed(&mut a, q);
        key(&mut a, KeyCode::Enter);
    }
    // Reopened: the last query, selected, so typing replaces it.
    key(&mut a, KeyCode::Char('/'));
    assert_eq!(a.search_query(), "MID-NET");
    typed(&mut a, "ゲノム");
    assert_eq!(a.search_query(), "ゲノム");
    key_mod(&mut a, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(a.search_query(), "MID-NET");
    key_mod(&mut a, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(a.search_query(), "CiCLE");
    assert!(a.search_total() > 0, "the recalled query is searched");
    // Down at the last hit walks forward again, then back to an empty query.
    for _ in 0..a.search_total() {
        key(&mut a, KeyCode::Down);
    }
    assert_eq!(a.search_query(), "MID-NET");
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    // Up on the first hit goes back in the history.
    key_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut a, "robotto");
    key(&mut a, KeyCode::Up);
    assert_eq!(a.search_query(), "MID-NET");
}

/// `n` stops at every occurrence, as less does, and the one it stopped at stands out.
#[test]
fn n_steps_through_every_occurrence() {
    let r = report::from_bytes(SEED, Origin::Embedded).unwrap().report;
    let occurrences: usize = r.texts().map(|(_, t)| t.matches("健康経営").count()).sum();
    assert!(occurrences >= 8, "{occurrences}");
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "健康経営");
    key(&mut a, KeyCode::Enter);
    let mut seen = std::collections::HashSet::new();
    for _ in 0..occurrences {
        key(&mut a, KeyCode::Char('n'));
        let msg = a.message().unwrap();
        assert!(msg.starts_with("Hit "), "{msg}");
        assert!(msg.contains(&format!("/{occurrences}")), "{msg}");
        seen.insert(msg.split_whitespace().nth(1).unwrap().to_string());
        let (t, _) = render(&a);
        assert_eq!(highlighted_text(&t, a.current_hit_style()), "健康経営");
    }
    assert_eq!(seen.len(), occurrences, "every occurrence is a stop");
}

/// A status message longer than the status bar is shown whole, over the rows above it.
#[test]
fn long_status_messages_are_not_cut() {
    let mut a = app(41, 16);
    let msg = "Copied 714 characters to tmux, OSC 52; xclip failed (exit status: 1): Error: Can't open display";
    a.act(Action::CopyDone(msg.into()));
    let (t, s) = render(&a);
    assert_no_overflow(&t);
    let bottom: String = s
        .lines()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    for word in msg.split(' ') {
        assert!(bottom.contains(word), "{word:?} missing from:\n{s}");
    }
    // The next key clears it and the panes come back.
    key(&mut a, KeyCode::Char('j'));
    let (_, s) = render(&a);
    assert!(!s.contains("Can't open display"));
}

/// The help says where it is and that there is more; on a narrow screen its descriptions wrap
/// instead of being cut.
#[test]
fn help_shows_more_and_wraps_on_narrow_screens() {
    let mut a = app(41, 16);
    key(&mut a, KeyCode::Char('?'));
    let (_, s) = render(&a);
    assert!(s.contains("more ↓"), "{s}");
    // Every word of a long description is on screen somewhere in the help.
    let mut seen = String::new();
    for _ in 0..40 {
        let (_, s) = render(&a);
        seen.push_str(&s);
        key(&mut a, KeyCode::PageDown);
    }
    for word in ["copy", "the", "item", "under", "cursor", "citation"] {
        assert!(seen.contains(word), "{word}");
    }
    key(&mut a, KeyCode::Char('G'));
    let (_, s) = render(&a);
    assert!(!s.contains("more ↓"), "{s}");
    assert!(s.contains("clear the filter"));
}

/// `/` in the help filters its rows, live; Enter keeps the filter, Esc clears it.
#[test]
fn help_filters_its_keys() {
    let mut a = app(100, 30);
    key(&mut a, KeyCode::Char('?'));
    key(&mut a, KeyCode::Char('/'));
    assert_eq!(a.mode(), Mode::HelpFilter);
    typed(&mut a, "copy");
    let (_, s) = render(&a);
    assert!(s.contains("/copy"), "{s}");
    // Only rows about copying are left, with their section titles.
    assert!(s.contains("copy the item under the cursor"), "{s}");
    assert!(!s.contains("go to an id"), "{s}");
    // Enter goes back to scrolling, the filter kept; j does not type.
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Help);
    key(&mut a, KeyCode::Char('j'));
    let (_, s) = render(&a);
    assert!(s.contains("/copy") && !s.contains("go to an id"));
    // A filter nothing matches says so; Esc clears it.
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "zzz");
    let (_, s) = render(&a);
    assert!(s.contains("No key does that"), "{s}");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Help);
    let (_, s) = render(&a);
    assert!(s.contains("next row / next item"), "{s}");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Normal);
}

/// Tab in the search popup narrows where it looks: results, plans, the measure shown, all.
#[test]
fn tab_cycles_the_search_scope() {
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "MID-NET");
    let all = a.search_total();
    key(&mut a, KeyCode::Tab);
    let (_, s) = render(&a);
    assert!(s.contains("/[results] MID-NET"), "{s}");
    let results = a.search_total();
    key(&mut a, KeyCode::Tab);
    let (_, s) = render(&a);
    assert!(s.contains("/[plans] MID-NET"), "{s}");
    let plans = a.search_total();
    assert!(
        results >= 1 && plans >= 1 && results + plans <= all,
        "{results} {plans} {all}"
    );
    // This measure: 1.1.1 does not mention MID-NET.
    key(&mut a, KeyCode::Tab);
    let (_, s) = render(&a);
    assert!(s.contains("/[1.1.1] MID-NET"), "{s}");
    assert_eq!(a.search_total(), 0);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.search_total(), all);
}

#[test]
fn readings_in_the_popup_the_index_filter_and_n() {
    // The / popup finds kanji by romaji, live, and highlights the words read.
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "kenkou keiei");
    let (t, s) = render(&a);
    assert!(s.contains("via reading: けんこうけいえい"), "{s}");
    assert!(highlighted_text(&t, a.hit_style()).contains("健康経営"));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.selected(), "2.1.2");
    let (t, _) = render(&a);
    assert!(highlighted_text(&t, a.current_hit_style()).contains("健康経営"));
    // n steps on through the reading hits.
    key(&mut a, KeyCode::Char('n'));
    assert!(a.message().unwrap_or_default().starts_with("Hit 2/"));

    // The p index filters by reading: jisedai keeps 次世代医療基盤法, kanmin 官民ファンド.
    let mut a = app(100, 30);
    key(&mut a, KeyCode::Char('p'));
    typed(&mut a, "jisedai");
    let terms = a.program_terms();
    assert!(
        terms.iter().any(|t| t.contains("次世代医療基盤法")),
        "{terms:?}"
    );
    key_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut a, "kanmin");
    let terms = a.program_terms();
    assert!(
        terms.iter().any(|t| t.contains("官民ファンド")),
        "{terms:?}"
    );
    // Short syllables do not expand: `ka` keeps only what has か/カ or "ka" in it.
    key_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut a, "kan");
    assert!(!a.program_terms().iter().any(|t| t.contains("官民")));
}

/// Side by side, the two columns scroll together, and the bar says where each one is.
#[test]
fn side_by_side_columns_scroll_together() {
    let mut a = app(160, 24);
    // 1.1.1 has long sections on both sides.
    key(&mut a, KeyCode::Tab);
    let (_, s) = render(&a);
    assert!(s.contains("Ⅰ  results | Ⅱ  plans"), "{s}");
    let bar = |s: &str| s.lines().next().unwrap_or("").to_string();
    // The position of a column in the bar: `Ⅰ 1-17/20` (the numeral may be drawn wide).
    let start = |b: &str, label: &str| -> usize {
        let at = b.rfind(label).unwrap() + label.len();
        b[at..]
            .trim_start()
            .split('-')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert_eq!(
        (start(&bar(&s), "Ⅰ"), start(&bar(&s), "Ⅱ")),
        (1, 1),
        "{}",
        bar(&s)
    );
    // From the purpose into the results column, then a page down there.
    key(&mut a, KeyCode::Char('j'));
    key(&mut a, KeyCode::PageDown);
    let (_, s) = render(&a);
    let b = bar(&s);
    // Both columns moved by the same page: their first shown line is the same.
    let start = |label: &str| start(&b, label);
    assert!(start("Ⅰ") > 1, "{b}");
    assert_eq!(start("Ⅰ"), start("Ⅱ"), "{b}");
}

/// A long tag (`title via reading: じせだいいりょう`) is cut to fit its half of a narrow popup
/// row: it never runs over the row's heading or the popup's border.
#[test]
fn long_hit_tags_fit_narrow_popups() {
    let mut a = app(41, 16);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "jisedai iryou");
    let (_, s) = render(&a);
    let row = s
        .lines()
        .find(|l| l.contains("via"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(row.contains("│ （４）１）①"), "{row}");
    assert!(row.trim_end().ends_with('│'), "{row}");
}
