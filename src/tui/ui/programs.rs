//! The index of programs and acronyms: a filterable list; Enter lists an entry's measures.

use super::{text, widgets};
use crate::tui::app::App;
use crate::tui::layout::Areas;
use crate::tui::strings;
use crate::tui::wrap::{self, str_cols};
use ratatui::Frame;
use ratatui::layout::Rect;

pub fn draw(frame: &mut Frame, app: &App, areas: &Areas) {
    let r = areas.popup;
    let Some(p) = app.programs() else { return };
    if r.width < 8 || r.height < 5 {
        return;
    }
    let theme = app.theme();
    let picker = p.picker();
    match p.opened() {
        None => {
            let count =
                strings::entry_count(picker.selected(), picker.items().len(), p.entries().len());
            let labels = (
                strings::PROGRAMS_TITLE,
                count.as_str(),
                strings::PROGRAMS_KEYS,
            );
            let list =
                widgets::picker_frame(frame, app, r, labels, (strings::SEARCH_PROMPT, picker));
            let buf = frame.buffer_mut();
            if picker.items().is_empty() {
                text::put_str(
                    buf,
                    list.x,
                    list.y,
                    list.width,
                    strings::SEARCH_NONE,
                    theme.dim(),
                );
                return;
            }
            let per_page = list.height.max(1) as usize;
            let first = (picker.selected() / per_page) * per_page;
            for (row, &i) in picker.items().iter().enumerate().skip(first).take(per_page) {
                let y = list.y + (row - first) as u16;
                let e = &p.entries()[i];
                let selected = row == picker.selected();
                let (ts, ls) = if selected {
                    (theme.selected(), theme.selected())
                } else {
                    (theme.title(), theme.dim())
                };
                if selected {
                    text::fill(
                        buf,
                        Rect {
                            y,
                            height: 1,
                            ..list
                        },
                        ts,
                    );
                }
                let n = format!("{}", e.measures.len());
                let nw = str_cols(&n) as u16 + 1;
                let room = list.width.saturating_sub(nw);
                let (term, _) = wrap::truncate(&e.term, room as usize);
                let used = text::put_str(buf, list.x, y, room, &term, ts);
                if let Some(long) = &e.long_name {
                    let x = list.x + used + 2;
                    let w = room.saturating_sub(used + 2);
                    let (l, _) = wrap::truncate(long, w as usize);
                    text::put_str(buf, x, y, w, &l, ls);
                }
                text::put_str(buf, list.x + list.width - nw, y, nw, &n, ls);
            }
        }
        Some(open) => {
            let e = &p.entries()[open.entry];
            let title = match &e.long_name {
                Some(l) => format!("{} — {}", e.term, l),
                None => e.term.clone(),
            };
            let count = strings::measure_count(open.rows.len());
            let buf = frame.buffer_mut();
            let list = text::popup(buf, r, &title, &count, strings::PROGRAMS_OPEN_KEYS, &theme);
            let rows = open.rows.iter().map(|&k| &open.mentions[k]);
            widgets::hit_list(frame, app, list, rows, open.nav.selected(), false);
        }
    }
}
