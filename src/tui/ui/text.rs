//! Writing text into the buffer by display width.
//!
//! Every glyph goes through [`put`], which uses the layout's widths (`wrap::cols`): a wide
//! glyph takes two cells; an East Asian Ambiguous one (①, Ⅰ, ―, │) also takes two, its cell
//! marked with a forced width so the frame diff skips the second cell, and the terminal
//! backend (`super::super::terminal::AmbiguousSafe`) blanks that cell before drawing the glyph.
//! Terminals that draw ① one column wide show it followed by a space; those that draw it two
//! columns wide show it whole; in neither does the rest of the line shift.

use crate::tui::wrap::{cols, display_char, is_ambiguous};
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;
use std::num::NonZeroU16;

/// Keeps the buffer free of half glyphs around a write of columns `from..to` on row `y`: a
/// wide glyph that starts left of `from` and reaches into it, or starts inside and reaches
/// past `to`, is replaced by blanks. Without this the frame would hold a wide glyph whose
/// second half was overwritten; the terminal diff then skips the overwritten cell (it takes
/// it for the glyph's trailing half), and a popup's border goes missing there.
fn clear_cut_glyphs(buf: &mut Buffer, from: u16, to: u16, y: u16) {
    let area = buf.area;
    let wide = |buf: &Buffer, x: u16| crate::width::str_cols(buf[(x, y)].symbol()) >= 2;
    let blank = |buf: &mut Buffer, x: u16| {
        let cell = &mut buf[(x, y)];
        cell.set_symbol(" ");
        cell.diff_option = CellDiffOption::None;
    };
    if from > area.x && from < area.x + area.width && wide(buf, from - 1) {
        blank(buf, from - 1);
    }
    if to > from && to < area.x + area.width && wide(buf, to - 1) {
        blank(buf, to);
    }
}

/// Writes `chars` at `(x, y)` within `max` columns (and the buffer), styling char `i` with
/// `style(i)`. A glyph that does not fit whole is not drawn. Returns the columns used.
pub fn put(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    chars: impl IntoIterator<Item = char>,
    style: impl Fn(usize) -> Style,
) -> u16 {
    let area = buf.area;
    if y < area.y || y >= area.y + area.height || x < area.x {
        return 0;
    }
    let limit = max.min((area.x + area.width).saturating_sub(x));
    let mut used: u16 = 0;
    for (i, c) in chars.into_iter().enumerate() {
        let c = if c == '\t' || c == '\n' {
            ' '
        } else {
            display_char(c)
        };
        let w = cols(c) as u16;
        if w == 0 {
            continue;
        }
        if used + w > limit {
            break;
        }
        let st = style(i);
        if used == 0 {
            clear_cut_glyphs(buf, x, x + w, y);
        }
        let cell = &mut buf[(x + used, y)];
        cell.set_char(c).set_style(st);
        if w == 2 {
            if is_ambiguous(c) {
                cell.diff_option = CellDiffOption::ForcedWidth(NonZeroU16::MIN.saturating_add(1));
            }
            let next = &mut buf[(x + used + 1, y)];
            next.set_char(' ').set_style(st);
        }
        used += w;
    }
    if used > 0 {
        clear_cut_glyphs(buf, x, x + used, y);
    }
    used
}

/// Writes a string in one style.
pub fn put_str(buf: &mut Buffer, x: u16, y: u16, max: u16, s: &str, style: Style) -> u16 {
    put(buf, x, y, max, s.chars(), |_| style)
}

/// Writes chars with `base` style and `hit` style over the given char ranges (sorted).
#[allow(clippy::too_many_arguments)]
pub fn put_highlighted(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    chars: &[char],
    ranges: &[(usize, usize)],
    base: Style,
    hit: Style,
) -> u16 {
    put(buf, x, y, max, chars.iter().copied(), |i| {
        if ranges.iter().any(|&(s, e)| i >= s && i < e) {
            base.patch(hit)
        } else {
            base
        }
    })
}

/// Fills a rect with spaces in a style (clearing what was there).
pub fn fill(buf: &mut Buffer, r: Rect, style: Style) {
    let r = r.intersection(buf.area);
    for y in r.y..r.y + r.height {
        clear_cut_glyphs(buf, r.x, r.x + r.width, y);
        for x in r.x..r.x + r.width {
            let cell = &mut buf[(x, y)];
            cell.reset();
            cell.set_char(' ').set_style(style);
        }
    }
}

/// A one-row bar: `text` on the left, `right` on the right, the rest filled, in one style.
pub fn bar(buf: &mut Buffer, r: Rect, text: &str, right: &str, style: Style) {
    if r.height == 0 || r.width == 0 {
        return;
    }
    let row = Rect { height: 1, ..r };
    fill(buf, row, style);
    let rw = crate::tui::wrap::str_cols(right) as u16;
    let left_max = if rw + 2 < r.width {
        r.width - rw - 1
    } else {
        r.width
    };
    let (t, _) = crate::tui::wrap::truncate(text, left_max.saturating_sub(1) as usize);
    put_str(buf, r.x + 1, r.y, left_max.saturating_sub(1), &t, style);
    if rw + 2 < r.width && !right.is_empty() {
        put_str(buf, r.x + r.width - rw - 1, r.y, rw, right, style);
    }
}

/// A popup: cleared, a title bar on top, a footer bar below, `│` down both sides (two
/// columns each). Returns the inner area.
pub fn popup(
    buf: &mut Buffer,
    r: Rect,
    title: &str,
    right: &str,
    footer: &str,
    theme: &crate::tui::theme::Theme,
) -> Rect {
    fill(buf, r, theme.popup());
    bar(buf, r, title, right, theme.bar(true));
    if r.height >= 2 {
        let foot = Rect {
            y: r.y + r.height - 1,
            height: 1,
            ..r
        };
        bar(buf, foot, footer, "", theme.status());
    }
    let side = 2.min(r.width / 2);
    for y in r.y + 1..(r.y + r.height).saturating_sub(1) {
        put_str(buf, r.x, y, side, "│", theme.dim());
        put_str(buf, r.x + r.width - side, y, side, "│", theme.dim());
    }
    Rect {
        x: r.x + side,
        y: r.y + 1,
        width: r.width.saturating_sub(2 * side),
        height: r.height.saturating_sub(2),
    }
}
