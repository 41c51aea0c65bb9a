//! The help overlay, generated from the keymap.

use super::text;
use crate::tui::app::App;
use crate::tui::keymap::{self, HelpLine};
use crate::tui::layout::Areas;
use crate::tui::strings;
use crate::tui::wrap::{self, str_cols};
use ratatui::buffer::Buffer;

pub fn draw(buf: &mut Buffer, app: &App, areas: &Areas) {
    let r = areas.popup;
    if r.width < 4 || r.height < 4 {
        return;
    }
    let theme = app.theme();
    let inner = text::popup(
        buf,
        r,
        strings::HELP_TITLE,
        "",
        strings::HELP_FOOTER,
        &theme,
    );
    let lines = keymap::help_lines(inner.width);
    let key_w = lines
        .iter()
        .filter_map(|l| match l {
            HelpLine::Row(k, _) => Some(str_cols(k)),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .min(inner.width as usize / 2) as u16;
    let body_h = inner.height as usize;
    let scroll = app.help_scroll().min(lines.len().saturating_sub(body_h));
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
