//! The plan → result view: the older edition's plans beside the newer edition's results, in
//! the detail pane, with changed words marked.

use super::text;
use crate::tui::app::{App, Focus};
use crate::tui::layout::Areas;
use crate::tui::strings;
use crate::tui::versus::{self, GUTTER, Look, Seg, VLine, Versus};
use ratatui::buffer::Buffer;
use ratatui::style::Style;

pub fn draw(buf: &mut Buffer, app: &App, areas: &Areas, v: &Versus) {
    let r = areas.detail;
    if r.width == 0 || r.height == 0 {
        return;
    }
    let theme = app.theme();
    let focused = app.focus() == Focus::Detail;
    text::fill(buf, r, theme.text());
    let rows = v.rows();
    let right = if rows.is_empty() {
        String::new()
    } else {
        let sim = rows
            .get(v.cursor())
            .filter(|row| row.plan.is_some() && row.result.is_some())
            .map(|row| row.similarity);
        strings::versus_position(v.cursor(), rows.len(), sim)
    };
    let title = format!("{}  {}", strings::DETAIL, strings::VERSUS);
    let title = strings::pane_title(&title, focused && !theme.colour);
    text::bar(buf, r, &title, &right, theme.bar(focused));
    let g = v.geometry();
    for (i, line) in v.head().iter().take(g.head.height as usize).enumerate() {
        draw_line(buf, app, v, line, g.head.y + i as u16);
    }
    for (i, line) in v
        .lines()
        .iter()
        .skip(v.scroll())
        .take(g.body.height as usize)
        .enumerate()
    {
        let y = g.body.y + i as u16;
        let on_cursor = line.row == Some(v.cursor());
        if on_cursor {
            let style = theme.cursor_bar(focused);
            text::put_str(buf, g.body.x, y, 2, "▌", style);
        }
        // The mark and note on the row's result, on the row's first line.
        let prev = (v.scroll() + i)
            .checked_sub(1)
            .and_then(|k| v.lines().get(k))
            .map(|l| l.row);
        let first_of_row = line.row.is_some() && prev != Some(line.row);
        if first_of_row
            && let Some(p) = line
                .row
                .and_then(|r| v.rows().get(r))
                .and_then(|r| r.result)
                .zip(v.new_measure())
                .and_then(|(r, id)| app.notes().at(versus::result_loc(id, r)))
        {
            super::detail::gutter_marks(buf, app, g.body.x + 2, y, p);
        }
        draw_line(buf, app, v, line, y);
    }
}

/// One screen line: a full-width segment, two columns with the divider, or a stacked result
/// indented past its `→`.
fn draw_line(buf: &mut Buffer, app: &App, v: &Versus, line: &VLine, y: u16) {
    let g = v.geometry();
    let x0 = g.body.x + GUTTER;
    let width = g.body.width.saturating_sub(GUTTER);
    if line.split {
        let lw = g.left_w as u16;
        if let Some(s) = &line.left {
            draw_seg(buf, app, v, s, x0, y, lw, true);
        }
        super::text::put_str(buf, x0 + lw + 1, y, 2, "│", app.theme().dim());
        if let Some(s) = &line.right {
            draw_seg(
                buf,
                app,
                v,
                s,
                x0 + lw + versus::DIVIDER as u16,
                y,
                g.right_w as u16,
                false,
            );
        }
        return;
    }
    if let Some(s) = &line.left {
        draw_seg(buf, app, v, s, x0, y, width, true);
    }
    if let Some(s) = &line.right {
        let indent = versus::STACKED_INDENT as u16;
        let starts_result = s.first
            && v.blocks()
                .get(s.block)
                .is_some_and(|b| !b.marker.is_empty() || b.look == Look::Missing);
        if starts_result {
            text::put_str(buf, x0, y, indent, "→", app.theme().label());
        }
        draw_seg(
            buf,
            app,
            v,
            s,
            x0 + indent,
            y,
            width.saturating_sub(indent),
            false,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_seg(buf: &mut Buffer, app: &App, v: &Versus, s: &Seg, x: u16, y: u16, max: u16, old: bool) {
    let theme = app.theme();
    let Some(b) = v.blocks().get(s.block) else {
        return;
    };
    let base: Style = match b.look {
        Look::Path => theme.path(),
        Look::Title => theme.title(),
        Look::Was | Look::Missing => theme.dim(),
        Look::Heading(results) => theme.heading(results),
        Look::Text => theme.text(),
    };
    let indent = versus::indent_of(b, s) as u16;
    let mut x = x + indent.min(max);
    let mut room = max.saturating_sub(indent);
    if s.first && !b.marker.is_empty() {
        let used = text::put_str(buf, x, y, room, &b.marker, theme.label());
        x += used;
        room = room.saturating_sub(used);
    }
    let changed = if old { theme.removed() } else { theme.added() };
    let chars = b.text.chars().skip(s.start).take(s.end - s.start);
    text::put(buf, x, y, room, chars, |i| {
        let at = s.start + i;
        if b.changes.iter().any(|&(a, e)| at >= a && at < e) {
            base.patch(changed)
        } else {
            base
        }
    });
}
