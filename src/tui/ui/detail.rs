//! The detail pane: path, title, purpose, and the FY sections stacked or side by side.

use super::text;
use crate::report::At;
use crate::report::Fy;
use crate::tui::app::{App, Focus};
use crate::tui::detail::blocks::{Block, BlockKind, Region};
use crate::tui::layout::Areas;
use crate::tui::screen::{GUTTER, View};
use crate::tui::strings;
use ratatui::buffer::Buffer;
use ratatui::style::Style;

pub fn draw(buf: &mut Buffer, app: &App, areas: &Areas) {
    let r = areas.detail;
    if r.width == 0 || r.height == 0 {
        return;
    }
    let theme = app.theme();
    let focused = app.focus() == Focus::Detail;
    text::fill(buf, r, theme.text());
    let screen = app.screen();
    let views = &screen.views;
    let detail = app.detail();
    let at = |v: &View| {
        let s = detail.scroll_of(v.region);
        let end = (s + v.rect.height as usize).min(v.lines.len());
        format!("{}-{}/{}", (s + 1).min(end.max(1)), end, v.lines.len())
    };
    let side_by_side = screen.side_by_side();
    let columns: Vec<&View> = views
        .iter()
        .filter(|v| matches!(v.region, Some(Region::Left | Region::Right)))
        .collect();
    let right = if side_by_side
        && columns
            .iter()
            .any(|v| v.lines.len() > v.rect.height as usize)
    {
        // Where each column is: they scroll together, but one may be longer.
        columns
            .iter()
            .map(|v| {
                let label = if v.region == Some(Region::Left) {
                    "Ⅰ"
                } else {
                    "Ⅱ"
                };
                format!("{label} {}", at(v))
            })
            .collect::<Vec<_>>()
            .join("  ")
    } else {
        match screen.view_of(detail.cursor()) {
            Some(v) if v.lines.len() > v.rect.height as usize => at(v),
            _ => String::new(),
        }
    };
    let title = if side_by_side {
        format!(
            "{}  {} | {}",
            strings::DETAIL,
            strings::RESULTS_LABEL,
            strings::PLANS_LABEL
        )
    } else {
        strings::DETAIL.to_string()
    };
    let title = strings::pane_title(&title, focused && !theme.colour);
    text::bar(buf, r, &title, &right, theme.bar(focused));
    if let Some(div) = screen.column_divider {
        super::divider(buf, app, div);
    }
    let (highlights, current) = app.highlights();
    for v in views {
        draw_view(buf, app, v, focused, &highlights, current);
    }
}

fn block_style(app: &App, b: &Block) -> Style {
    let theme = app.theme();
    match b.kind {
        BlockKind::Path => theme.path(),
        BlockKind::Text(loc) if loc.at == At::Title => theme.title(),
        BlockKind::Heading(fy) => theme.heading(fy == Fy::Results),
        BlockKind::Child(_) => theme.label(),
        _ => theme.text(),
    }
}

fn draw_view(
    buf: &mut Buffer,
    app: &App,
    v: &View,
    focused: bool,
    highlights: &[Vec<(usize, usize)>],
    current: Option<(usize, (usize, usize))>,
) {
    let theme = app.theme();
    let detail = app.detail();
    let scroll = detail.scroll_of(v.region);
    let text_w = v.rect.width.saturating_sub(GUTTER);
    for (row, line) in v
        .lines
        .iter()
        .skip(scroll)
        .take(v.rect.height as usize)
        .enumerate()
    {
        let y = v.rect.y + row as u16;
        let Some(block) = detail.blocks().get(line.block) else {
            continue;
        };
        let (from, to) = detail.selection();
        if (from..=to).contains(&line.block) && block.kind.is_item() {
            let style = if detail.selecting() {
                theme.selected()
            } else {
                theme.cursor_bar(focused)
            };
            text::put_str(buf, v.rect.x, y, 2, "▌", style);
        }
        if line.first
            && let Some(p) = block.kind.loc().and_then(|l| app.notes().at(l))
        {
            gutter_marks(buf, app, v.rect.x + 2, y, p);
        }
        let mut x = v.rect.x + GUTTER;
        let mut room = text_w;
        let indent = if line.first {
            block.indent as u16
        } else {
            line.indent as u16
        };
        x += indent.min(room);
        room = room.saturating_sub(indent);
        let base = block_style(app, block);
        if line.first && !block.marker.is_empty() {
            let used = text::put_str(buf, x, y, room, &block.marker, theme.label());
            x += used;
            room = room.saturating_sub(used);
        }
        let chars: Vec<char> = block
            .text
            .chars()
            .skip(line.start)
            .take(line.end - line.start)
            .collect();
        let ranges: Vec<(usize, usize)> = highlights[line.block]
            .iter()
            .copied()
            .filter(|&(s, e)| e > line.start && s < line.end)
            .map(|(s, e)| (s.max(line.start) - line.start, e.min(line.end) - line.start))
            .collect();
        let cut = |(s, e): (usize, usize)| {
            (e > line.start && s < line.end)
                .then(|| (s.max(line.start) - line.start, e.min(line.end) - line.start))
        };
        let current = current
            .filter(|(b, _)| *b == line.block)
            .and_then(|(_, r)| cut(r));
        text::put(buf, x, y, room, chars.iter().copied(), |i| {
            let inside = |&(s, e): &(usize, usize)| i >= s && i < e;
            if current.as_ref().is_some_and(inside) {
                base.patch(theme.current_hit())
            } else if ranges.iter().any(inside) {
                base.patch(theme.hit())
            } else {
                base
            }
        });
    }
}

/// An annotated item's mark and note sign, in the gutter's last two columns.
pub(crate) fn gutter_marks(buf: &mut Buffer, app: &App, x: u16, y: u16, p: &crate::notes::Placed) {
    let theme = app.theme();
    if let Some(m) = p.note.mark {
        text::put_str(buf, x, y, 1, m.glyph(), theme.mark(m));
    }
    if !p.note.text.is_empty() {
        let sign = crate::tui::annotations::NOTE_SIGN;
        text::put_str(buf, x + 1, y, 1, sign, theme.label());
    }
}
