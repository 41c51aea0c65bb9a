//! Rendering: pure functions from [`App`] to a frame. Nothing here changes state.

mod detail;
mod help;
mod notes;
mod outline;
pub(crate) use outline::change_mark;
mod programs;
mod search;
pub mod text;
mod versus;
mod widgets;

use super::app::{App, Mode};
use super::strings;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let areas = app.screen().areas;
    let buf = frame.buffer_mut();
    if areas.too_small {
        text::fill(buf, area, app.theme().text());
        let msg = strings::too_small(area.width, area.height);
        // Wrapped by width so even a tiny terminal shows all of it that fits.
        let width = area.width.max(1) as usize;
        let chars: Vec<char> = msg.chars().collect();
        for (row, (s, e)) in crate::tui::wrap::wrap(&msg, width).into_iter().enumerate() {
            let y = area.y + row as u16;
            if y >= area.y + area.height {
                break;
            }
            text::put_str(
                buf,
                area.x,
                y,
                area.width,
                &chars[s..e].iter().collect::<String>(),
                app.theme().title(),
            );
        }
        return;
    }
    outline::draw(buf, app, &areas);
    divider(buf, app, areas.divider);
    match app.versus() {
        Some(v) => versus::draw(buf, app, &areas, v),
        None => detail::draw(buf, app, &areas),
    }
    status(buf, app, areas.status);
    match app.mode() {
        Mode::Search => search::draw(frame, app, &areas),
        Mode::Programs => programs::draw(frame, app, &areas),
        Mode::Help => help::draw(frame.buffer_mut(), app, &areas),
        Mode::HelpFilter => {
            help::draw(frame.buffer_mut(), app, &areas);
            prompt(
                frame,
                app,
                areas.status,
                strings::HELP_FILTER_PROMPT,
                app.help_filter(),
            );
        }
        Mode::Goto => prompt(
            frame,
            app,
            areas.status,
            strings::GOTO_PROMPT,
            app.goto().query(),
        ),
        Mode::Note => note_editor(frame, app, areas.status),
        Mode::Notes => notes::draw(frame, app, &areas),
        Mode::Normal | Mode::Visual => {}
    }
}

/// A status message too long for the status bar: wrapped to the screen's width, its last line
/// on the status bar and the others on the rows above it.
fn long_message(buf: &mut ratatui::buffer::Buffer, app: &App, r: Rect, msg: &str) {
    let theme = app.theme();
    let width = r.width.saturating_sub(2).max(1) as usize;
    let chars: Vec<char> = msg.chars().collect();
    let lines = crate::tui::wrap::wrap_chars(&chars, width);
    // At most half the screen; a message longer still loses its end.
    let keep = lines.len().min((r.y as usize / 2).max(1));
    let first_row = r.y + 1 - keep as u16;
    for (i, (s, e)) in lines[..keep].iter().enumerate() {
        let row = Rect {
            y: first_row + i as u16,
            height: 1,
            ..r
        };
        text::fill(buf, row, theme.status());
        text::put(
            buf,
            r.x + 1,
            row.y,
            r.width.saturating_sub(1),
            chars[*s..*e].iter().copied(),
            |_| theme.status(),
        );
    }
}

/// The `:` prompt over the status bar, with the terminal cursor at its caret.
/// A one-line prompt on the status bar (`:` for an id, `/` for the help's filter).
fn prompt(frame: &mut Frame, app: &App, r: Rect, prompt: &str, query: &str) {
    let theme = app.theme();
    let buf = frame.buffer_mut();
    text::fill(buf, r, theme.status());
    let mode = format!(" {} ", app.mode().name());
    let w = text::put_str(buf, r.x, r.y, r.width, &mode, theme.mode());
    let p = text::put_str(
        buf,
        r.x + w,
        r.y,
        r.width.saturating_sub(w),
        prompt,
        theme.status(),
    );
    let x = r.x + w + p;
    let used = text::put_str(
        buf,
        x,
        r.y,
        r.width.saturating_sub(w + p),
        query,
        theme.status(),
    );
    frame.set_cursor_position((x + used, r.y));
}

/// The note editor on the status bar: `NOTE note 1.4.2 plans 1: text`, scrolled to keep the
/// caret in view, with the terminal cursor at the caret (where an IME composes).
fn note_editor(frame: &mut Frame, app: &App, r: Rect) {
    let theme = app.theme();
    let notes = app.notes();
    let address = notes.editing().map_or(String::new(), crate::notes::address);
    let buf = frame.buffer_mut();
    text::fill(buf, r, theme.status());
    let mode = format!(" {} ", app.mode().name());
    let w = text::put_str(buf, r.x, r.y, r.width, &mode, theme.mode());
    let field = Rect {
        x: r.x + w + 1,
        width: r.width.saturating_sub(w + 1),
        ..r
    };
    widgets::input_line(
        frame,
        app,
        field,
        (
            &strings::note_prompt(&address),
            notes.editor().input(),
            false,
        ),
    );
}

/// A vertical divider of `│` (two columns: the glyph is East Asian Ambiguous).
pub(crate) fn divider(buf: &mut ratatui::buffer::Buffer, app: &App, r: Rect) {
    if r.width == 0 {
        return;
    }
    text::fill(buf, r, app.theme().text());
    for y in r.y..r.y + r.height {
        text::put_str(buf, r.x, y, r.width, "│", app.theme().dim());
    }
}

fn status(buf: &mut ratatui::buffer::Buffer, app: &App, r: Rect) {
    let theme = app.theme();
    text::fill(buf, r, theme.status());
    let mode = format!(" {} ", app.mode().name());
    let mut x = r.x;
    x += text::put_str(buf, x, r.y, r.width, &mode, theme.mode());
    // Changes the notes worker has not yet put on disk.
    let saving = if app.notes().pending() > 0 {
        format!(" {}", strings::SAVING)
    } else {
        String::new()
    };
    let pos = format!(" {}{saving} ", app.position());
    x += text::put_str(
        buf,
        x,
        r.y,
        r.width.saturating_sub(x - r.x),
        &pos,
        theme.status(),
    );
    let left = r.width.saturating_sub(x - r.x);
    let hints = strings::HINTS;
    let hints_w = crate::tui::wrap::str_cols(hints) as u16;
    let msg = match (app.message(), app.highlight()) {
        (Some(m), _) => m.to_string(),
        (None, Some(h)) => format!("/{}  ({} hits, n/N)", h.query, h.hits.len()),
        (None, None) => app.doc().title(),
    };
    // A message that does not fit beside the mode and position is shown whole: wrapped over
    // the rows above the status bar until the next key (as vim shows a long message).
    if let Some(m) = app.message()
        && crate::width::str_cols(m) + 1 > left as usize
    {
        long_message(buf, app, r, m);
        return;
    }
    // A message takes the hints' room.
    let hints_fit = app.message().is_none() && left > hints_w + 2;
    let room = if hints_fit { left - hints_w - 2 } else { left };
    let (m, _) = crate::tui::wrap::truncate(&msg, room.saturating_sub(1) as usize);
    text::put_str(buf, x + 1, r.y, room.saturating_sub(1), &m, theme.status());
    if hints_fit {
        text::put_str(
            buf,
            r.x + r.width - hints_w - 1,
            r.y,
            hints_w,
            hints,
            theme.status(),
        );
    }
}
