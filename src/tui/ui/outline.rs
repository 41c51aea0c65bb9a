//! The outline pane: parts, chapters and measures as a foldable tree.

use super::text;
use crate::tui::app::{App, Focus};
use crate::tui::layout::Areas;
use crate::tui::strings;
use crate::tui::wrap;
use ratatui::buffer::Buffer;

pub fn draw(buf: &mut Buffer, app: &App, areas: &Areas) {
    let r = areas.outline;
    if r.width == 0 || r.height == 0 {
        return;
    }
    let theme = app.theme();
    let focused = app.focus() == Focus::Outline;
    text::fill(buf, r, theme.text());
    let title = if app.outline().filtered() {
        strings::outline_filtered_header(
            app.outline().rows().iter().filter(|r| r.depth == 2).count(),
            app.measure_count(),
        )
    } else {
        strings::outline_header(app.measure_count())
    };
    let title = strings::pane_title(&title, focused && !theme.colour);
    text::bar(buf, r, &title, "", theme.bar(focused));
    let body = areas.outline_body();
    let outline = app.outline();
    let scroll = outline.scroll();
    for (i, row) in outline
        .rows()
        .iter()
        .enumerate()
        .skip(scroll)
        .take(body.height as usize)
    {
        let y = body.y + (i - scroll) as u16;
        let selected = i == outline.cursor();
        let style = match (selected, focused) {
            (true, true) => theme.selected(),
            (true, false) => theme.selected_dim(),
            _ => theme.text(),
        };
        if selected {
            text::fill(
                buf,
                ratatui::layout::Rect {
                    y,
                    height: 1,
                    ..body
                },
                style,
            );
        }
        let indent = (row.depth * 2) as u16;
        // A measure has no fold: the column marks how it changed between two editions.
        let (fold, fold_style) = match (row.expandable, row.expanded, row.mark) {
            (true, true, _) => ("▾", theme.dim()),
            (true, false, _) => ("▸", theme.dim()),
            (false, _, Some(c)) => (change_mark(c), theme.change(c)),
            _ => (" ", theme.dim()),
        };
        let mut x = body.x + indent.min(body.width);
        let w = body.width.saturating_sub(x - body.x);
        text::put_str(
            buf,
            x,
            y,
            w,
            fold,
            if selected { style } else { fold_style },
        );
        x = (x + 2).min(body.x + body.width);
        let mut w = body.width.saturating_sub(x - body.x);
        // A measure's marks and notes (a folded branch's, all under it) after its title.
        let counts = match (row.ghost, row.depth, row.expanded) {
            (None, 2, _) | (None, _, false) => app.notes().counts(row.id).map(|c| c.label()),
            _ => None,
        }
        .filter(|c| !c.is_empty());
        if let Some(c) = &counts {
            // A column of air on each side.
            let cw = crate::tui::wrap::str_cols(c) as u16 + 2;
            if cw + 4 < w {
                w -= cw;
                text::put_str(
                    buf,
                    x + w + 1,
                    y,
                    cw - 2,
                    c,
                    if selected { style } else { theme.label() },
                );
            }
        }
        let (t, _) = wrap::truncate(&row.text, w as usize);
        let st = if row.depth == 0 && !selected {
            theme.title()
        } else if row.ghost.is_some() && !selected {
            theme.dim()
        } else {
            style
        };
        text::put_str(buf, x, y, w, &t, st);
    }
}

/// The outline's mark for how a measure changed (ASCII: one column in every terminal).
pub(crate) fn change_mark(c: crate::compare::Change) -> &'static str {
    use crate::compare::Change;
    match c {
        Change::Added => "+",
        Change::Removed => "-",
        Change::Renamed => "~",
        Change::Moved => ">",
        Change::Same => " ",
    }
}
