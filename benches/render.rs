//! A full frame at 200×60, and a search keystroke through to the redrawn frame.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use senryaku::report::{self, Origin, SEED};
use senryaku::tui::action::Action;
use senryaku::tui::app::App;
use senryaku::tui::theme::Theme;
use senryaku::tui::ui;
use tui_input::InputRequest;

fn app(w: u16, h: u16) -> Option<App> {
    let r = report::from_bytes(SEED, Origin::Embedded).ok()?.report;
    Some(App::new(
        r,
        "seed".into(),
        Theme { colour: true },
        Rect::new(0, 0, w, h),
    ))
}

fn bench(c: &mut Criterion) {
    let Some(mut a) = app(200, 60) else { return };
    let Ok(mut term) = Terminal::new(TestBackend::new(200, 60));
    // A measure with sub-items, side by side.
    for _ in 0..25 {
        a.update(Action::NextMeasure);
    }
    c.bench_function("render full frame 200x60", |b| {
        b.iter(|| term.draw(|f| ui::draw(f, &a)).map(|_| ()))
    });

    let Some(mut a) = app(120, 40) else { return };
    let Ok(mut term) = Terminal::new(TestBackend::new(120, 40));
    a.update(Action::OpenSearch);
    for ch in "ゲノム".chars() {
        a.update(Action::SearchInput(InputRequest::InsertChar(ch)));
    }
    let mut typed = false;
    c.bench_function("search keystroke to frame 120x40", |b| {
        b.iter(|| {
            let req = if typed {
                InputRequest::DeletePrevChar
            } else {
                InputRequest::InsertChar('医')
            };
            typed = !typed;
            a.update(Action::SearchInput(req));
            term.draw(|f| ui::draw(f, &a)).map(|_| ())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
