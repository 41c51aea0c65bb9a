//! Where each pane goes for a terminal size: a pure function of size and a few settings, used
//! by the renderer and by the update step (scrolling, mouse hit-testing) alike.

use ratatui::layout::Rect;

/// The smallest usable terminal.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// Below this width only the focused pane is shown.
pub const SINGLE_PANE_BELOW: u16 = 60;
/// Columns of the detail pane from which FY sections go side by side (auto layout).
pub const SIDE_BY_SIDE_FROM: u16 = 100;
/// Columns of the detail pane below which side by side cannot be forced.
pub const SIDE_BY_SIDE_MIN: u16 = 50;
/// Narrowest and widest outline when its width is set by hand.
pub const OUTLINE_MIN: u16 = 16;
/// Columns of a vertical divider (`│` is East Asian Ambiguous: it gets two columns).
pub const DIVIDER: u16 = 2;

/// How the FY sections are arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Arrangement {
    #[default]
    Auto,
    SideBySide,
    Stacked,
}

impl Arrangement {
    pub fn next(self) -> Arrangement {
        match self {
            Arrangement::Auto => Arrangement::SideBySide,
            Arrangement::SideBySide => Arrangement::Stacked,
            Arrangement::Stacked => Arrangement::Auto,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Arrangement::Auto => "auto",
            Arrangement::SideBySide => "side by side",
            Arrangement::Stacked => "stacked",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub too_small: bool,
    /// Outline pane, with its header bar as the first row (zero-sized when hidden).
    pub outline: Rect,
    pub divider: Rect,
    /// Detail pane, with its header bar as the first row (zero-sized when hidden).
    pub detail: Rect,
    pub side_by_side: bool,
    pub status: Rect,
    /// The search popup's frame.
    pub popup: Rect,
}

impl Areas {
    /// The outline's rows, below its header bar.
    pub fn outline_body(&self) -> Rect {
        body(self.outline)
    }
    pub fn detail_body(&self) -> Rect {
        body(self.detail)
    }
}

/// A pane without its header bar.
pub fn body(r: Rect) -> Rect {
    Rect {
        y: r.y.saturating_add(1),
        height: r.height.saturating_sub(1),
        ..r
    }
}

/// Most rows the header (path, title, purpose) takes when FY sections are side by side.
pub fn max_header(body_height: u16) -> usize {
    (body_height as usize * 2 / 5).max(3)
}

/// Splits the detail body for side-by-side: header rows on top (at most 2/5 of the height),
/// then two columns with a divider between.
pub fn side_regions(body: Rect, header_lines: usize) -> (Rect, Rect, Rect, Rect) {
    let hh = header_lines.min(max_header(body.height)) as u16;
    let header = Rect {
        height: hh.min(body.height),
        ..body
    };
    let rest = Rect {
        y: body.y + header.height,
        height: body.height - header.height,
        ..body
    };
    let left_w = rest.width.saturating_sub(DIVIDER) / 2;
    let left = Rect {
        width: left_w,
        ..rest
    };
    let divider = Rect {
        x: rest.x + left_w,
        width: DIVIDER.min(rest.width),
        ..rest
    };
    let right = Rect {
        x: divider.x + divider.width,
        width: rest.width.saturating_sub(left_w + divider.width),
        ..rest
    };
    (header, left, divider, right)
}

/// Lays out the screen. `detail_focused` decides the pane shown on narrow terminals;
/// `outline_width` is the outline's width set by hand (0: three tenths of the screen).
pub fn areas(
    size: Rect,
    arrangement: Arrangement,
    detail_focused: bool,
    outline_width: u16,
) -> Areas {
    if size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
        return Areas {
            too_small: true,
            ..Areas::default()
        };
    }
    let status = Rect {
        y: size.y + size.height - 1,
        height: 1,
        ..size
    };
    let main = Rect {
        height: size.height - 1,
        ..size
    };
    let (outline, divider, detail) = if main.width < SINGLE_PANE_BELOW {
        if detail_focused {
            (Rect::default(), Rect::default(), main)
        } else {
            (main, Rect::default(), Rect::default())
        }
    } else {
        let auto = (main.width * 3 / 10).clamp(26, 48);
        let widest = main.width.saturating_sub(DIVIDER + SINGLE_PANE_BELOW / 2);
        let ow = match outline_width {
            0 => auto,
            w => w.clamp(OUTLINE_MIN, widest.max(OUTLINE_MIN)),
        };
        let outline = Rect { width: ow, ..main };
        let divider = Rect {
            x: main.x + ow,
            width: DIVIDER,
            ..main
        };
        let detail = Rect {
            x: divider.x + DIVIDER,
            width: main.width - ow - DIVIDER,
            ..main
        };
        (outline, divider, detail)
    };
    let side_by_side = match arrangement {
        Arrangement::Auto => detail.width >= SIDE_BY_SIDE_FROM,
        Arrangement::SideBySide => detail.width >= SIDE_BY_SIDE_MIN,
        Arrangement::Stacked => false,
    };
    let pw = main.width.saturating_sub(4).clamp(MIN_WIDTH - 2, 110);
    let ph = main.height.saturating_sub(2).min(36);
    let popup = Rect {
        x: main.x + (main.width.saturating_sub(pw)) / 2,
        y: main.y + (main.height.saturating_sub(ph)) / 2,
        width: pw.min(main.width),
        height: ph,
    };
    Areas {
        too_small: false,
        outline,
        divider,
        detail,
        side_by_side,
        status,
        popup,
    }
}

/// Is a point inside a rect?
pub fn contains(r: Rect, x: u16, y: u16) -> bool {
    x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
}
