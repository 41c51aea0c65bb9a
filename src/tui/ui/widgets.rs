//! Pieces shared by the popups: a one-line input with its caret, and a list of hits drawn two
//! rows each (path and title, then a snippet with the matched characters highlighted).

use super::text;
use crate::search::{Hit, snippet};
use crate::tui::app::App;
use crate::tui::wrap::{self, cols, str_cols};
use ratatui::Frame;
use ratatui::layout::Rect;
use tui_input::Input;

/// Draws `/ query` on row `r.y`, scrolled so the caret stays visible, and puts the terminal
/// cursor at the caret's display column (where an IME draws its composition).
pub fn input_line(
    frame: &mut Frame,
    app: &App,
    r: Rect,
    (prompt, input, selected): (&str, &Input, bool),
) {
    let theme = app.theme();
    let style = if selected {
        theme.selected()
    } else {
        theme.text()
    };
    let buf = frame.buffer_mut();
    let prompt_w = text::put_str(buf, r.x, r.y, r.width, prompt, theme.key());
    let field_x = r.x + prompt_w;
    let field_w = r.width.saturating_sub(prompt_w).max(1) as usize;
    let value: Vec<char> = input.value().chars().collect();
    let caret = input.cursor().min(value.len());
    let mut first = 0;
    let mut before: usize = value[..caret].iter().map(|&c| cols(c)).sum();
    while before >= field_w && first < caret {
        before -= cols(value[first]);
        first += 1;
    }
    text::put(
        buf,
        field_x,
        r.y,
        field_w as u16,
        value[first..].iter().copied(),
        |_| style,
    );
    frame.set_cursor_position((field_x + before as u16, r.y));
}

/// The frame of a picker popup: the popup with its title, count and key hints, the query's
/// input line, and below a blank row the area for the list, which is returned.
pub fn picker_frame<T>(
    frame: &mut Frame,
    app: &App,
    r: Rect,
    (title, count, keys): (&str, &str, &str),
    (prompt, picker): (&str, &crate::tui::picker::Picker<T>),
) -> Rect {
    let inner = text::popup(frame.buffer_mut(), r, title, count, keys, &app.theme());
    input_line(
        frame,
        app,
        inner,
        (prompt, picker.input(), picker.query_selected()),
    );
    Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(2),
        ..inner
    }
}

/// Draws the page of `hits` holding `selected`, two rows a hit. `tag` gives the text shown at
/// the right of a hit's first row (its field, or nothing).
pub fn hit_list<'h>(
    frame: &mut Frame,
    app: &App,
    list: Rect,
    hits: impl ExactSizeIterator<Item = &'h Hit>,
    selected: usize,
    tags: bool,
) {
    let theme = app.theme();
    let buf = frame.buffer_mut();
    let per_page = (list.height / 2).max(1) as usize;
    let first = (selected / per_page) * per_page;
    for (i, hit) in hits.enumerate().skip(first).take(per_page) {
        let y = list.y + ((i - first) * 2) as u16;
        let is_selected = i == selected;
        let band = Rect {
            y,
            height: 2.min(list.y + list.height - y),
            ..list
        };
        let (hs, ts) = if is_selected {
            (theme.selected(), theme.selected())
        } else {
            (theme.label(), theme.text())
        };
        if is_selected {
            text::fill(buf, band, hs);
        }
        let (head, field) = app.hit_heading(hit);
        // The tag (`results via reading: …`) takes at most half the row, cut if need be.
        let (field, _) = wrap::truncate(&field, (list.width / 2).saturating_sub(2) as usize);
        let tag_w = if tags && !field.is_empty() {
            str_cols(&field) as u16 + 2
        } else {
            0
        };
        let head_w = list.width.saturating_sub(tag_w);
        let (h, _) = wrap::truncate(&head, head_w as usize);
        text::put_str(buf, list.x, y, head_w, &h, hs);
        if tag_w > 0 {
            let tag_style = if is_selected { hs } else { theme.dim() };
            text::put_str(buf, list.x + head_w + 1, y, tag_w - 1, &field, tag_style);
        }
        if band.height < 2 {
            continue;
        }
        let width = list.width.saturating_sub(2);
        let snip = snippet::snippet(app.hit_text(hit), &hit.ranges, width as usize);
        let chars: Vec<char> = snip.text.chars().collect();
        text::put_highlighted(
            buf,
            list.x + 2,
            y + 1,
            width,
            &chars,
            &snip.ranges,
            ts,
            theme.hit(),
        );
    }
}
