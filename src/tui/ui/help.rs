//! The help overlay, generated from the keymap.

use super::text;
use crate::tui::app::App;
use crate::tui::keymap::{self, HelpLine};
use crate::tui::layout::Areas;
use crate::tui::strings;
use crate::tui::wrap;
use ratatui::buffer::Buffer;

pub fn draw(buf: &mut Buffer, app: &App, areas: &Areas) {
    let r = areas.popup;
    if r.width < 4 || r.height < 4 {
        return;
    }
    let theme = app.theme();
    // The inner width is the popup's less its two borders of two columns.
    let filter = app.help_filter();
    let lines = keymap::help_lines(r.width.saturating_sub(4), filter);
    let body_h = r.height.saturating_sub(2) as usize;
    let scroll = app.help_scroll().min(lines.len().saturating_sub(body_h));
    // Where the view is, so that more below (or above) is never a surprise.
    let mut position = if lines.len() > body_h {
        let last = (scroll + body_h).min(lines.len());
        let more = if last < lines.len() { " more ↓" } else { "" };
        format!("{}-{last}/{}{more}", scroll + 1, lines.len())
    } else {
        String::new()
    };
    if !filter.is_empty() {
        let shown = crate::report::decode::strip_controls(filter);
        position = format!("/{shown} {position}").trim_end().to_string();
    }
    let inner = text::popup(
        buf,
        r,
        strings::HELP_TITLE,
        &position,
        strings::HELP_FOOTER,
        &theme,
    );
    if lines.is_empty() {
        text::put_str(
            buf,
            inner.x + 1,
            inner.y,
            inner.width.saturating_sub(1),
            strings::HELP_NO_MATCH,
            theme.text(),
        );
    }
    let key_w = keymap::help_key_width(inner.width);
    for (i, line) in lines.iter().skip(scroll).take(body_h).enumerate() {
        let y = inner.y + i as u16;
        let fit = |s: &str, w: u16| wrap::truncate(s, w as usize).0;
        match line {
            HelpLine::Blank => {}
            HelpLine::Title(t) => {
                text::put_str(buf, inner.x, y, inner.width, t, theme.title());
            }
            HelpLine::Row(k, h) => {
                text::put_str(buf, inner.x + 1, y, key_w, &fit(k, key_w), theme.key());
                let hw = inner.width.saturating_sub(2 + key_w);
                text::put_str(buf, inner.x + 2 + key_w, y, hw, &fit(h, hw), theme.text());
            }
            HelpLine::Keys(k) => {
                let w = inner.width.saturating_sub(1);
                text::put_str(buf, inner.x + 1, y, w, &fit(k, w), theme.key());
            }
            HelpLine::Help(h) => {
                let w = inner.width.saturating_sub(3);
                text::put_str(buf, inner.x + 3, y, w, &fit(h, w), theme.text());
            }
        }
    }
}
