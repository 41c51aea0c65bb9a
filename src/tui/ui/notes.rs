//! The list of every note: a filter over rows of two lines (mark, place and title; then the
//! note and the item's first words).

use super::{text, widgets};
use crate::tui::app::App;
use crate::tui::layout::Areas;
use crate::tui::strings;
use crate::tui::wrap;
use ratatui::Frame;
use ratatui::layout::Rect;

pub fn draw(frame: &mut Frame, app: &App, areas: &Areas) {
    let r = areas.popup;
    if r.width < 4 || r.height < 4 {
        return;
    }
    let theme = app.theme();
    let notes = app.notes();
    let list = notes.list();
    let count = strings::note_count(list.selected(), list.items().len(), notes.notes().len());
    let labels = (strings::NOTES_TITLE, count.as_str(), strings::NOTES_KEYS);
    let area = widgets::picker_frame(frame, app, r, labels, ("/ ", list));
    let buf = frame.buffer_mut();
    if notes.notes().is_empty() {
        text::put_str(
            buf,
            area.x,
            area.y,
            area.width,
            strings::NOTES_NONE,
            theme.dim(),
        );
        return;
    }
    let report = &app.doc().report;
    let per_page = (area.height / 2).max(1) as usize;
    let first = (list.selected() / per_page) * per_page;
    for (row, &i) in list.items().iter().enumerate().skip(first).take(per_page) {
        let Some(p) = notes.notes().get(i) else {
            continue;
        };
        let y = area.y + ((row - first) * 2) as u16;
        let selected = row == list.selected();
        let (head, body) = if selected {
            (theme.selected(), theme.selected())
        } else {
            (theme.label(), theme.text())
        };
        if selected {
            let band = Rect {
                y,
                height: 2.min(area.y + area.height - y),
                ..area
            };
            text::fill(buf, band, head);
        }
        let mark = p.note.mark.map_or(" ", crate::notes::Mark::glyph);
        let title = p
            .loc
            .and_then(|l| report.get(l.node))
            .map_or("", |n| n.title());
        let place = match p.loc {
            Some(l) => crate::notes::address(l),
            None => p.note.address.clone(),
        };
        let line = format!("{mark} {place}  {title}");
        let (line, _) = wrap::truncate(&line, area.width as usize);
        text::put_str(buf, area.x, y, area.width, &line, head);
        if y + 1 >= area.y + area.height {
            continue;
        }
        let item = p.loc.and_then(|l| report.text(l)).unwrap_or(&p.note.quote);
        let second = if p.note.text.is_empty() {
            item.to_string()
        } else {
            format!("{} — {item}", p.note.text)
        };
        let w = area.width.saturating_sub(2);
        let (second, _) = wrap::truncate(&second, w as usize);
        text::put_str(buf, area.x + 2, y + 1, w, &second, body);
    }
}
