//! The browser on a `TestBackend`: frames as a user sees them (insta snapshots), and what keys,
//! mouse and resizes do.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use senryaku::report::{self, Origin, SEED};
use senryaku::tui::action::Action;
use senryaku::tui::app::{App, Focus};
use senryaku::tui::keymap::Mode;
use senryaku::tui::theme::Theme;
use senryaku::tui::{event_action, ui};

fn app(w: u16, h: u16) -> App {
    let r = report::from_bytes(SEED, Origin::Embedded).unwrap().report;
    App::new(
        r,
        "seed".into(),
        Theme { colour: true },
        Rect::new(0, 0, w, h),
    )
}

/// Renders the app and returns the terminal (for cell checks) and the screen as text.
fn render(app: &App) -> (Terminal<TestBackend>, String) {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| ui::draw(f, app)).unwrap();
    let text = screen(&t);
    (t, text)
}

/// The screen as lines of text; the cell after a wide glyph is skipped, as a terminal shows it.
fn screen(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        let mut line = String::new();
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn key(app: &mut App, code: KeyCode) {
    key_mod(app, code, KeyModifiers::NONE)
}

fn key_mod(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    if let Some(a) = event_action(app, Event::Key(KeyEvent::new(code, mods))) {
        app.update(a);
    }
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
        assert_eq!(a.selected.to_string(), "2.3.4");
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
    assert_eq!(a.mode, Mode::Search);
    typed(&mut a, "MID-NET");
    let (t, s) = render(&a);
    assert!(s.contains("2 hits"));
    assert!(s.contains("（１）４）②  レギュラトリーサイエンスの推進"));
    // The matched characters in the list are highlighted.
    let hit = Theme { colour: true }.hit();
    assert!(highlighted_text(&t, hit).contains("MID-NET"));
    // The caret sits after the typed text, at a display column.
    let pos = t.backend().cursor_position();
    let row = s.lines().nth(pos.y as usize).unwrap();
    assert!(row.contains("/ MID-NET"));
    insta::assert_snapshot!(s);

    key(&mut a, KeyCode::Enter);
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.selected.to_string(), "1.4.2");
    assert_eq!(a.focus, Focus::Detail);
    let (t, s) = render(&a);
    assert!(s.contains("Ⅰ  平成 29 年度の主な実行状況・成果"));
    assert!(s.contains("Ⅱ  平成 30 年度の主な取組方針"));
    assert_eq!(highlighted_text(&t, hit), "MID-NETMID-NET");
    // n and N step through the hits.
    key(&mut a, KeyCode::Char('n'));
    assert!(a.message.as_deref().unwrap_or("").starts_with("Hit "));
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
    assert!(a.search.total > 0);
    let first = a.search.hits[0].clone();
    key(&mut a, KeyCode::Down);
    assert_eq!(a.search.selected, 1);
    key_mod(&mut a, KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert_eq!(a.search.selected, 0);
    key_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(a.search.input.value(), "");
    a.update(Action::Paste("ﾊﾞｲｵﾃﾞｻﾞｲﾝ\u{1b}[31m".into()));
    // Half-width katakana arrive full-width (as from an IME); control characters never arrive.
    assert_eq!(a.search.input.value(), "バイオデザイン[31m");
    key_mod(&mut a, KeyCode::Char('w'), KeyModifiers::CONTROL);
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Backspace);
    assert!(
        a.search
            .hits
            .iter()
            .any(|h| a.index.units[h.unit].id.to_string() == "3.2.2")
    );
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Normal);
    assert_ne!(first.unit, usize::MAX);
}

#[test]
fn half_width_kana_typed_one_by_one_compose() {
    let mut a = app(80, 24);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "ﾊﾞｲｵﾃﾞｻﾞｲﾝ");
    assert_eq!(a.search.input.value(), "バイオデザイン");
    assert!(
        a.search
            .hits
            .iter()
            .any(|h| a.index.units[h.unit].id.to_string() == "3.2.2")
    );
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
    for _ in 0..100 {
        key(&mut a, KeyCode::Char('j'));
    }
    let (_, s) = render(&a);
    assert!(s.contains("close help") && s.contains("scroll down"));
    // And back up without pressing k forty times.
    for _ in 0..100 {
        key(&mut a, KeyCode::Char('k'));
    }
    let (_, s) = render(&a);
    assert!(s.contains("j Down"));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Normal);
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
    a.update(Action::Resize {
        width: 30,
        height: 10,
    });
    let (_, s) = render(&a);
    assert!(s.contains("Terminal too small: 30x10"));
    for (w, h) in [(1, 1), (39, 12), (40, 11), (2, 40)] {
        a.update(Action::Resize {
            width: w,
            height: h,
        });
        let _ = render(&a);
    }
    a.update(Action::Resize {
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
    assert_eq!(a.selected.to_string(), "1.1.1");
    key(&mut a, KeyCode::Char('j'));
    assert_eq!(a.selected.to_string(), "1.1.2");
    key(&mut a, KeyCode::Char('h')); // to the chapter
    assert_eq!(a.selected.to_string(), "1.1");
    key(&mut a, KeyCode::Char('h')); // collapse it
    let shown = |a: &App| a.rows().iter().any(|r| r.id.to_string() == "1.1.2");
    assert!(!shown(&a));
    key(&mut a, KeyCode::Enter); // open again
    assert!(shown(&a));
    key(&mut a, KeyCode::Char('G'));
    assert_eq!(a.selected.to_string(), "4.4.1");
    key(&mut a, KeyCode::Char('g'));
    assert_eq!(a.selected.to_string(), "1");
    key(&mut a, KeyCode::Char('-'));
    assert_eq!(a.rows().len(), 4);
    key(&mut a, KeyCode::Char('+'));
    assert_eq!(a.rows().len(), 4 + 16 + 42);
    key_mod(&mut a, KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert!(a.selected != senryaku::report::NodeId::part(1));
    key(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
}

#[test]
fn detail_cursor_scrolls_and_columns() {
    let mut a = app(160, 24);
    for _ in 0..25 {
        key(&mut a, KeyCode::Char(']'));
    }
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Focus::Detail);
    let start = a.cursor;
    key(&mut a, KeyCode::Char('j'));
    assert!(a.cursor > start);
    // Right goes to the FY2018 column, left back, and left again to the outline.
    key(&mut a, KeyCode::Char('l'));
    let right = a.cursor;
    assert!(matches!(
        a.blocks[right].kind,
        senryaku::tui::detail::BlockKind::Item(senryaku::report::Fy::Plans, _)
    ));
    key(&mut a, KeyCode::Char('h'));
    assert!(matches!(
        a.blocks[a.cursor].kind,
        senryaku::tui::detail::BlockKind::Item(senryaku::report::Fy::Results, _)
    ));
    key(&mut a, KeyCode::Char('h'));
    assert_eq!(a.focus, Focus::Outline);
    // Stacked at 80 columns: G goes to the last item and scrolls to it.
    let mut a = app(80, 16);
    for _ in 0..25 {
        key(&mut a, KeyCode::Char(']'));
    }
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Char('G'));
    assert!(a.scroll_stacked > 0);
    let (_, s) = render(&a);
    assert!(s.contains("を改定する。"), "{s}");
    key_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    key(&mut a, KeyCode::Char('g'));
    assert_eq!(a.scroll_stacked, 0);
}

#[test]
fn mouse_click_and_wheel() {
    let mut a = app(120, 40);
    // Click the third outline row (y = 1 header, rows from y = 1 + 1).
    a.update(Action::Click { x: 10, y: 4 });
    assert_eq!(a.selected.to_string(), "1.1.2");
    // Wheel over the detail pane scrolls it.
    let ev = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 80,
        row: 10,
        modifiers: KeyModifiers::NONE,
    });
    let act = event_action(&a, ev).unwrap();
    a.update(act);
    a.update(Action::Resize {
        width: 120,
        height: 14,
    });
    for _ in 0..5 {
        a.update(Action::ScrollDown { x: 80, y: 8 });
    }
    assert!(a.scroll_stacked > 0);
    // Wheel over the outline scrolls it.
    for _ in 0..5 {
        a.update(Action::ScrollDown { x: 5, y: 8 });
    }
    assert!(a.outline_scroll > 0);
}

#[test]
fn no_colour_uses_modifiers_only() {
    let r = report::from_bytes(SEED, Origin::Embedded).unwrap().report;
    let a = App::new(
        r,
        "seed".into(),
        Theme { colour: false },
        Rect::new(0, 0, 100, 30),
    );
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
    senryaku::report::excerpt::excerpt(&app.report, app.selected, &scope, format).unwrap()
}

#[test]
fn copy_keys_give_the_excerpts_show_prints() {
    use senryaku::report::Fy;
    use senryaku::report::excerpt::{Format, Piece, Scope};
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
    let item = Piece::Item {
        fy: Fy::Plans,
        item: 0,
        sub: None,
    };
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
    assert_eq!(a.mode, Mode::Visual);
    key(&mut a, KeyCode::Char('k'));
    let (_, s) = render(&a);
    assert!(s.contains("VISUAL"));
    key(&mut a, KeyCode::Char('y'));
    assert_eq!(a.mode, Mode::Normal);
    let range = a.take_copy().unwrap();
    assert!(range.contains("\nⅠ 平成 29 年度の主な実行状況・成果\n・臨床試験成績"));
    assert!(range.contains("\n\nⅡ 平成 30 年度の主な取組方針\n・MID-NET"));
    // M: Markdown from now on; the status bar says so.
    key(&mut a, KeyCode::Char('M'));
    assert!(a.message.as_deref().unwrap().contains("Markdown"));
    key(&mut a, KeyCode::Char('Y'));
    assert_eq!(
        a.take_copy().unwrap(),
        excerpt_of(&a, Scope::Measure, Format::Markdown)
    );
    // What the clipboard reports shows in the status bar.
    a.update(Action::CopyDone("Copied 10 characters to OSC 52".into()));
    let (_, s) = render(&a);
    assert!(s.contains("Copied 10 characters to OSC 52"));
    // Esc leaves a range without copying.
    key(&mut a, KeyCode::Char('v'));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Normal);
    assert!(a.take_copy().is_none());
}

#[test]
fn programs_index_filters_opens_and_jumps() {
    let mut a = app(80, 24);
    key(&mut a, KeyCode::Char('p'));
    assert_eq!(a.mode, Mode::Programs);
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
    let p = a.programs.as_ref().unwrap();
    assert!(p.filtered.is_empty() || !p.filtered.is_empty());
    key_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut a, "purattofo-mu");
    let p = a.programs.as_ref().unwrap();
    let names: Vec<&str> = p
        .filtered
        .iter()
        .map(|&i| p.entries[i].term.as_str())
        .collect();
    assert!(
        names.contains(&"栄養改善事業推進プラットフォーム"),
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
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.selected.to_string(), "1.4.2");
    // The mentions are highlighted and n steps through them.
    assert!(a.highlight.as_ref().unwrap().hits.len() >= 3);
    key(&mut a, KeyCode::Char('n'));
    assert_eq!(a.selected.to_string(), "2.2.2");
    // Esc backs out one level at a time.
    key(&mut a, KeyCode::Char('p'));
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Programs);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Normal);
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
    v.update(Action::Resize {
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
            m.update(Action::Resize {
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
    assert_eq!(a.selected.to_string(), "1.1");
    let views = a.views(&a.areas());
    assert_eq!(views.len(), 1);
    // Wide but short: the header would not fit whole, so auto stacks.
    let mut a = app(160, 14);
    for _ in 0..41 {
        key(&mut a, KeyCode::Char(']'));
    }
    assert_eq!(a.views(&a.areas()).len(), 1);
    // Asked for explicitly, side by side stays.
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(a.views(&a.areas()).len(), 3);
    let (t, _) = render(&a);
    assert_no_overflow(&t);
}
