//! The index of programs and acronyms: a filterable list; Enter lists an entry's measures.

use super::text;
use crate::search::snippet;
use crate::tui::app::App;
use crate::tui::layout::Areas;
use crate::tui::strings;
use crate::tui::wrap::{self, cols, str_cols};
use ratatui::Frame;
use ratatui::layout::Rect;

pub fn draw(frame: &mut Frame, app: &App, areas: &Areas) {
    let r = areas.popup;
    let Some(p) = &app.programs else { return };
    if r.width < 8 || r.height < 5 {
        return;
    }
    let theme = app.theme;
    match p.open {
        None => {
            let count = strings::entry_count(p.filtered.len(), p.entries.len());
            let buf = frame.buffer_mut();
            let inner = text::popup(
                buf,
                r,
                strings::PROGRAMS_TITLE,
                &count,
                strings::PROGRAMS_KEYS,
                &theme,
            );
            // The filter input, caret at its display column.
            let prompt_w = text::put_str(
                buf,
                inner.x,
                inner.y,
                inner.width,
                strings::SEARCH_PROMPT,
                theme.key(),
            );
            let field_x = inner.x + prompt_w;
            let field_w = inner.width.saturating_sub(prompt_w).max(1) as usize;
            let value: Vec<char> = p.input.value().chars().collect();
            let caret = p.input.cursor().min(value.len());
            let mut first = 0;
            let mut before: usize = value[..caret].iter().map(|&c| cols(c)).sum();
            while before >= field_w && first < caret {
                before -= cols(value[first]);
                first += 1;
            }
            text::put(
                buf,
                field_x,
                inner.y,
                field_w as u16,
                value[first..].iter().copied(),
                |_| theme.text(),
            );
            frame.set_cursor_position((field_x + before as u16, inner.y));
            let buf = frame.buffer_mut();
            let list = Rect {
                y: inner.y + 2,
                height: inner.height.saturating_sub(2),
                ..inner
            };
            if p.filtered.is_empty() {
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
            let first = (p.selected / per_page) * per_page;
            for (row, &i) in p.filtered.iter().enumerate().skip(first).take(per_page) {
                let y = list.y + (row - first) as u16;
                let e = &p.entries[i];
                let selected = row == p.selected;
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
        Some(i) => {
            let e = &p.entries[i];
            let title = match &e.long_name {
                Some(l) => format!("{} — {}", e.term, l),
                None => e.term.clone(),
            };
            let count = strings::measure_count(p.rows.len());
            let buf = frame.buffer_mut();
            let list = text::popup(buf, r, &title, &count, strings::PROGRAMS_OPEN_KEYS, &theme);
            let per_page = (list.height / 2).max(1) as usize;
            let first = (p.row / per_page) * per_page;
            for (row, &k) in p.rows.iter().enumerate().skip(first).take(per_page) {
                let y = list.y + ((row - first) * 2) as u16;
                let hit = &p.mentions[k];
                let selected = row == p.row;
                let (hs, ts) = if selected {
                    (theme.selected(), theme.selected())
                } else {
                    (theme.label(), theme.text())
                };
                let band = Rect {
                    y,
                    height: 2.min(list.y + list.height - y),
                    ..list
                };
                if selected {
                    text::fill(buf, band, hs);
                }
                let (head, _) = app.hit_heading(hit);
                let (h, _) = wrap::truncate(&head, list.width as usize);
                text::put_str(buf, list.x, y, list.width, &h, hs);
                if band.height < 2 {
                    continue;
                }
                let unit = app.index.units[hit.unit];
                let snip = snippet::snippet(
                    unit.text(&app.report),
                    &hit.ranges,
                    list.width.saturating_sub(2) as usize,
                );
                let chars: Vec<char> = snip.text.chars().collect();
                text::put_highlighted(
                    buf,
                    list.x + 2,
                    y + 1,
                    list.width - 2,
                    &chars,
                    &snip.ranges,
                    ts,
                    theme.hit(),
                );
            }
        }
    }
}
