//! The help overlay, generated from the keymap.

use super::text;
use crate::tui::app::App;
use crate::tui::keymap;
use crate::tui::layout::Areas;
use crate::tui::strings;
use crate::tui::wrap::{self, str_cols};
use ratatui::buffer::Buffer;

pub fn draw(buf: &mut Buffer, app: &App, areas: &Areas) {
    let r = areas.popup;
    if r.width < 4 || r.height < 4 {
        return;
    }
    let theme = app.theme;
    let inner = text::popup(
        buf,
        r,
        strings::HELP_TITLE,
        "",
        strings::HELP_FOOTER,
        &theme,
    );
    let sections = keymap::help_sections();
    let key_w = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| str_cols(k)))
        .max()
        .unwrap_or(0)
        .min(inner.width as usize / 2) as u16;
    // Every line of the overlay, then the visible window of them.
    let mut lines: Vec<(String, &str, bool)> = Vec::new();
    for (title, rows) in &sections {
        if !lines.is_empty() {
            lines.push((String::new(), "", false));
        }
        lines.push((title.to_string(), "", true));
        for (k, h) in rows {
            lines.push((k.clone(), h, false));
        }
    }
    let body_h = inner.height as usize;
    let scroll = app.help_scroll.min(lines.len().saturating_sub(body_h));
    for (i, (k, h, is_title)) in lines.iter().skip(scroll).take(body_h).enumerate() {
        let y = inner.y + i as u16;
        if *is_title {
            text::put_str(buf, inner.x, y, inner.width, k, theme.title());
            continue;
        }
        let (kt, _) = wrap::truncate(k, key_w as usize);
        text::put_str(buf, inner.x + 1, y, key_w, &kt, theme.key());
        let hx = inner.x + 2 + key_w;
        let hw = inner.width.saturating_sub(2 + key_w);
        let (ht, _) = wrap::truncate(h, hw as usize);
        text::put_str(buf, hx, y, hw, &ht, theme.text());
    }
}
