//! Notes and marks in the browser (on a `TestBackend`, with a store of the test's own): `m`
//! marks, `a` writes, the gutter and the outline show them, `A` lists them, `f` filters, and
//! they are there when the browser opens again.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly, as it should.

mod common;

use common::screen;
use ratatui::crossterm::event::KeyCode;
use senryaku::notes::Mark;
use senryaku::report::{self, Origin, SEED};
use senryaku::tui::{Harness, Mode};
use std::path::PathBuf;

fn store(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("senryaku-annotate-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d.join("notes.db")
}

fn open(store: &std::path::Path, w: u16, h: u16) -> Harness {
    let loaded = report::from_bytes(SEED, Origin::Embedded).unwrap();
    Harness::with_notes(loaded.report, w, h, store, &loaded.content_id)
}

fn goto(a: &mut Harness, id: &str) {
    a.key(KeyCode::Char(':'));
    a.typed(id);
    a.key(KeyCode::Enter);
}

#[test]
fn marks_cycle_and_notes_are_written_and_kept() {
    let path = store("cycle");
    let mut a = open(&path, 120, 40);
    goto(&mut a, "1.4.2");
    // The cursor is on the purpose; down to the first result.
    a.key(KeyCode::Char('j'));
    assert_eq!(a.cursor_place().unwrap(), "1.4.2 results 1");
    a.key(KeyCode::Char('m'));
    assert_eq!(a.message().unwrap(), "Saved");
    assert_eq!(
        a.notes(),
        vec![(
            "1.4.2 results 1".to_string(),
            Some(Mark::Checked),
            String::new()
        )]
    );
    a.key(KeyCode::Char('m'));
    a.key(KeyCode::Char('m'));
    assert_eq!(a.notes()[0].1, Some(Mark::Concern));
    // A note on the same item.
    a.key(KeyCode::Char('a'));
    assert_eq!(a.mode(), Mode::Note);
    a.typed("MID-NET の利活用は？");
    a.key(KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(
        a.notes(),
        vec![(
            "1.4.2 results 1".to_string(),
            Some(Mark::Concern),
            "MID-NET の利活用は？".to_string()
        )]
    );
    // Esc leaves it as it was.
    a.key(KeyCode::Char('a'));
    a.key_mod(
        KeyCode::Char('u'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    a.key(KeyCode::Esc);
    assert_eq!(a.notes()[0].2, "MID-NET の利活用は？");
    // The measure itself, from the outline.
    a.key(KeyCode::Tab);
    a.key(KeyCode::Char('m'));
    // Everything is in the store: a new browser shows it.
    let b = open(&path, 120, 40);
    assert_eq!(
        b.notes(),
        vec![
            (
                "1.4.2 title".to_string(),
                Some(Mark::Checked),
                String::new()
            ),
            (
                "1.4.2 results 1".to_string(),
                Some(Mark::Concern),
                "MID-NET の利活用は？".to_string()
            ),
        ]
    );
    // A mark cycled to none, on an item with no words, leaves nothing behind.
    let mut b = b;
    goto(&mut b, "1.4.2");
    b.key(KeyCode::Tab);
    for _ in 0..3 {
        b.key(KeyCode::Char('m'));
    }
    assert_eq!(b.notes().len(), 1);
    assert_eq!(open(&path, 120, 40).notes().len(), 1);
}

#[test]
fn the_gutter_and_the_outline_show_marks_and_counts() {
    let path = store("gutter");
    let mut a = open(&path, 100, 30);
    goto(&mut a, "1.1.1");
    a.key(KeyCode::Char('j'));
    a.key(KeyCode::Char('m')); // ✓ on results 1
    a.key(KeyCode::Char('j'));
    a.key(KeyCode::Char('m'));
    a.key(KeyCode::Char('m')); // ? on results 2
    a.key(KeyCode::Char('a'));
    a.typed("報告書は公開済み");
    a.key(KeyCode::Enter);
    let s = screen(&a.render());
    // The outline's row of 1.1.1, its title cut to make room for the counts.
    let row = s.lines().find(|l| l.contains("✓1 ?1 *1")).expect(&s);
    assert!(row.starts_with("      ①  ゲノム医"), "{row}");
    // The gutter: ✓ beside results 1, ? and the note sign beside results 2.
    let first = s
        .lines()
        .find(|l| l.contains("・「疾患克服に向けた"))
        .unwrap();
    assert!(first.contains("✓ ・「疾患克服"), "{first}");
    let second = s
        .lines()
        .find(|l| l.contains("・ゲノム医療の実現に向けた課題"))
        .unwrap();
    assert!(second.contains("?*・ゲノム医療"), "{second}");
    insta::assert_snapshot!(s);
}

#[test]
fn the_list_of_notes_jumps_and_f_filters_the_outline() {
    let path = store("list");
    let mut a = open(&path, 120, 40);
    for (id, words) in [("2.3.4", "アジア健康構想"), ("1.4.2", "MID-NET")] {
        goto(&mut a, id);
        a.key(KeyCode::Char('a'));
        a.typed(words);
        a.key(KeyCode::Enter);
    }
    a.key(KeyCode::Char('A'));
    assert_eq!(a.mode(), Mode::Notes);
    let s = screen(&a.render());
    assert!(s.contains("2/2 notes") || s.contains("1/2 notes"), "{s}");
    // In the report's order; typing filters.
    a.typed("asia");
    let s = screen(&a.render());
    assert!(!s.contains("— MID-NET"), "{s}");
    a.key_mod(
        KeyCode::Char('u'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    // Ctrl-y copies the review sheet, every note, whatever the filter.
    a.key_mod(
        KeyCode::Char('y'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    let sheet = a.take_copy().unwrap();
    assert!(sheet.starts_with("# Review: 「健康・医療戦略の実行状況及び今後の取組方針 2018」"));
    assert!(
        sheet.contains("— MID-NET") && sheet.contains("— アジア健康構想"),
        "{sheet}"
    );
    assert!(sheet.find("— MID-NET").unwrap() < sheet.find("— アジア健康構想").unwrap());
    a.typed("アジア");
    a.key(KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(a.selected(), "2.3.4");
    assert_eq!(a.cursor_place().unwrap(), "2.3.4 purpose");
    // f: only the two annotated measures, with their parts and chapters.
    a.key(KeyCode::Char('f'));
    let rows = a.outline_rows();
    assert_eq!(rows, ["1", "1.4", "1.4.2", "2", "2.3", "2.3.4"]);
    a.key(KeyCode::Char('f'));
    assert!(a.outline_rows().len() > 40);
}

#[test]
fn two_browsers_at_once_lose_nothing() {
    let path = store("two");
    let mut a = open(&path, 120, 40);
    let mut b = open(&path, 120, 40);
    goto(&mut a, "1.1.1");
    a.key(KeyCode::Char('a'));
    a.typed("from a");
    a.key(KeyCode::Enter);
    goto(&mut b, "2.3.4");
    b.key(KeyCode::Char('a'));
    b.typed("from b");
    b.key(KeyCode::Enter);
    // Both are in the store.
    let texts: Vec<String> = open(&path, 120, 40)
        .notes()
        .into_iter()
        .map(|n| n.2)
        .collect();
    assert_eq!(texts, ["from a", "from b"]);
    // Both edit the same note: the second edit does not overwrite the first.
    let (mut a, mut c) = (open(&path, 120, 40), open(&path, 120, 40));
    goto(&mut a, "2.3.4");
    goto(&mut c, "2.3.4");
    for (app, words) in [(&mut a, " (a)"), (&mut c, " (c)")] {
        app.key(KeyCode::Char('a'));
        app.key(KeyCode::End);
        app.typed(words);
        app.key(KeyCode::Enter);
    }
    assert!(
        c.message().unwrap().contains("kept as note"),
        "{:?}",
        c.message()
    );
    let texts: Vec<String> = open(&path, 120, 40)
        .notes()
        .into_iter()
        .map(|n| n.2)
        .collect();
    assert!(texts.contains(&"from b (a)".to_string()), "{texts:?}");
    assert!(texts.contains(&"from b (c)".to_string()), "{texts:?}");
    // The browser that met the other's change reads the notes again and shows both.
    let shown: Vec<String> = c.notes().into_iter().map(|n| n.2).collect();
    assert_eq!(shown.len(), 3, "{shown:?}");
}
