//! A full frame at 200×60, and a search keystroke through to the redrawn frame.

use criterion::{Criterion, criterion_group, criterion_main};
use senryaku::report::{self, Origin, SEED};
use senryaku::tui::Harness;
use senryaku::tui::action::Action;
use tui_input::InputRequest;

fn harness(w: u16, h: u16) -> Option<Harness> {
    let r = report::from_bytes(SEED, Origin::Embedded).ok()?.report;
    Some(Harness::new(r, w, h, true))
}

fn bench(c: &mut Criterion) {
    let Some(mut a) = harness(200, 60) else {
        return;
    };
    // A measure with sub-items, side by side.
    for _ in 0..25 {
        a.act(Action::NextMeasure);
    }
    c.bench_function("render full frame 200x60", |b| b.iter(|| a.render()));

    let Some(mut a) = harness(120, 40) else {
        return;
    };
    a.act(Action::OpenSearch);
    for ch in "ゲノム".chars() {
        a.act(Action::Edit(InputRequest::InsertChar(ch)));
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
            a.act(Action::Edit(req));
            a.render()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
