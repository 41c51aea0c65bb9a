//! The search popup: an input over a live list of hits.

use super::{text, widgets};
use crate::tui::app::App;
use crate::tui::layout::Areas;
use crate::tui::strings;
use crate::tui::wrap;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, app: &App, areas: &Areas) {
    let r = areas.popup;
    if r.width < 4 || r.height < 4 {
        return;
    }
    let theme = app.theme();
    let s = app.search();
    let count = if s.query().is_empty() {
        String::new()
    } else {
        strings::hit_count(s.selected(), s.items().len(), s.total())
    };
    let labels = (strings::SEARCH_TITLE, count.as_str(), strings::SEARCH_KEYS);
    // The list: two rows a hit.
    let prompt = strings::search_prompt(app.search_scope());
    let list = widgets::picker_frame(frame, app, r, labels, (&prompt, s));
    let buf = frame.buffer_mut();
    if s.query().is_empty() {
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
    if s.items().is_empty() {
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
    widgets::hit_list(frame, app, list, s.items().iter(), s.selected(), true);
}
