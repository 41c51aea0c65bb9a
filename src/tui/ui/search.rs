//! The search popup: an input over a live list of hits.

use super::text;
use crate::search::snippet;
use crate::tui::app::App;
use crate::tui::layout::Areas;
use crate::tui::strings;
use crate::tui::wrap::{self, cols};
use ratatui::Frame;
use ratatui::layout::Rect;

pub fn draw(frame: &mut Frame, app: &App, areas: &Areas) {
    let r = areas.popup;
    if r.width < 4 || r.height < 4 {
        return;
    }
    let theme = app.theme;
    let buf = frame.buffer_mut();
    let s = &app.search;
    let count = if s.input.value().is_empty() {
        String::new()
    } else {
        strings::hit_count(s.hits.len(), s.total)
    };
    let inner = text::popup(
        buf,
        r,
        strings::SEARCH_TITLE,
        &count,
        strings::SEARCH_KEYS,
        &theme,
    );
    // The input, scrolled so the caret stays visible; widths in display columns.
    let iy = inner.y;
    let prompt_w = text::put_str(
        buf,
        inner.x,
        iy,
        inner.width,
        strings::SEARCH_PROMPT,
        theme.key(),
    );
    let field_x = inner.x + prompt_w;
    let field_w = inner.width.saturating_sub(prompt_w).max(1) as usize;
    let value: Vec<char> = s.input.value().chars().collect();
    let caret = s.input.cursor().min(value.len());
    let caret_col: usize = value[..caret].iter().map(|&c| cols(c)).sum();
    let mut first = 0;
    let mut before = caret_col;
    while before >= field_w && first < caret {
        before -= cols(value[first]);
        first += 1;
    }
    text::put(
        buf,
        field_x,
        iy,
        field_w as u16,
        value[first..].iter().copied(),
        |_| theme.text(),
    );
    frame.set_cursor_position((field_x + before as u16, iy));
    let buf = frame.buffer_mut();
    // The list: two rows a hit.
    let list = Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(2),
        ..inner
    };
    if s.input.value().is_empty() {
        let msg: Vec<char> = strings::SEARCH_EMPTY.chars().collect();
        for (i, (a, b)) in wrap::wrap_chars(&msg, list.width as usize)
            .into_iter()
            .enumerate()
            .take(list.height as usize)
        {
            text::put(
                buf,
                list.x,
                list.y + i as u16,
                list.width,
                msg[a..b].iter().copied(),
                |_| theme.dim(),
            );
        }
        return;
    }
    if s.hits.is_empty() {
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
    let per_page = (list.height / 2).max(1) as usize;
    let first = (s.selected / per_page) * per_page;
    for (i, hit) in s.hits.iter().enumerate().skip(first).take(per_page) {
        let y = list.y + ((i - first) * 2) as u16;
        let selected = i == s.selected;
        let row = Rect {
            y,
            height: 2.min(list.y + list.height - y),
            ..list
        };
        let (head, field) = app.hit_heading(hit);
        let (hs, ts) = if selected {
            (theme.selected(), theme.selected())
        } else {
            (theme.label(), theme.text())
        };
        if selected {
            text::fill(buf, row, hs);
        }
        let fw = wrap::str_cols(&field) as u16 + 2;
        let head_w = list.width.saturating_sub(fw);
        let (h, _) = wrap::truncate(&head, head_w as usize);
        text::put_str(buf, list.x, y, head_w, &h, hs);
        text::put_str(
            buf,
            list.x + list.width - fw + 1,
            y,
            fw,
            &field,
            if selected { hs } else { theme.dim() },
        );
        if row.height < 2 {
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
