//! The screen plan: where every pane goes and how the detail pane's text is laid out for the
//! current state. Computed once after each change of state, then read by the update step
//! (scrolling, paging, mouse hit-testing) and by the renderer alike, so neither lays out again.

use super::detail::blocks::{self, Block, Line, Region};
use super::layout::{self, Areas, Arrangement};
use ratatui::layout::Rect;

/// Columns left of the detail text: the item cursor (`▌`, two columns where the terminal
/// draws Ambiguous glyphs wide), the item's mark and its note sign.
pub const GUTTER: u16 = 4;

/// One scrollable view of the detail pane and its laid-out lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// Which side-by-side region, or `None` when stacked.
    pub region: Option<Region>,
    /// Where it is drawn.
    pub rect: Rect,
    /// The wrapped lines.
    pub lines: Vec<Line>,
}

/// Why the sections are not side by side although that was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stacked {
    /// The detail pane is narrower than this many columns.
    TooNarrow(u16),
    /// Not a measure: nothing to put side by side.
    NoSections,
}

/// Everything the renderer and the update step need to know about the layout.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Screen {
    /// The panes.
    pub areas: Areas,
    /// The detail pane's views: one stacked, or header, left and right.
    pub views: Vec<View>,
    /// The divider between the side-by-side columns.
    pub column_divider: Option<Rect>,
    /// Why side by side is not shown, when it was asked for.
    pub stacked_because: Option<Stacked>,
}

/// What the plan depends on.
#[derive(Debug, Clone, Copy)]
pub struct Inputs {
    /// The terminal.
    pub size: Rect,
    /// The arrangement asked for.
    pub arrangement: Arrangement,
    /// Which pane narrow screens show.
    pub detail_focused: bool,
    /// The outline's width asked for, in columns (0: automatic).
    pub outline_width: u16,
}

impl Screen {
    /// Plans the screen for a state.
    pub fn plan(inputs: Inputs, blocks: &[Block]) -> Screen {
        let areas = layout::areas(
            inputs.size,
            inputs.arrangement,
            inputs.detail_focused,
            inputs.outline_width,
        );
        let mut screen = Screen {
            areas,
            ..Screen::default()
        };
        let body = areas.detail_body();
        if areas.too_small || body.width <= GUTTER || body.height == 0 {
            return screen;
        }
        let text_w = |r: Rect| (r.width.saturating_sub(GUTTER)) as usize;
        let stacked = |why: Option<Stacked>| {
            let lines = blocks::layout(blocks, None, text_w(body));
            (
                vec![View {
                    region: None,
                    rect: body,
                    lines,
                }],
                why,
            )
        };
        let asked = inputs.arrangement == Arrangement::SideBySide;
        let has_sections = blocks.iter().any(|b| b.region() != Region::Header);
        let (views, why) = if !has_sections {
            stacked(asked.then_some(Stacked::NoSections))
        } else if !areas.side_by_side {
            stacked(asked.then_some(Stacked::TooNarrow(layout::SIDE_BY_SIDE_MIN)))
        } else {
            let header_lines = blocks::layout(blocks, Some(Region::Header), text_w(body));
            // Chosen automatically, side by side gives way when the header would not fit whole.
            if inputs.arrangement == Arrangement::Auto
                && header_lines.len() + 1 > layout::max_header(body.height)
            {
                stacked(None)
            } else {
                // One blank row between the header and the columns.
                let (header, left, divider, right) =
                    layout::side_regions(body, header_lines.len() + 1);
                screen.column_divider = Some(divider);
                let column = |region, rect| View {
                    region: Some(region),
                    rect,
                    lines: blocks::layout(blocks, Some(region), text_w(rect)),
                };
                (
                    vec![
                        View {
                            region: Some(Region::Header),
                            rect: header,
                            lines: header_lines,
                        },
                        column(Region::Left, left),
                        column(Region::Right, right),
                    ],
                    None,
                )
            }
        };
        screen.views = views;
        screen.stacked_because = why;
        screen
    }

    /// Are the sections side by side?
    pub fn side_by_side(&self) -> bool {
        self.views.iter().any(|v| v.region.is_some())
    }

    /// The view that shows block `b`, or the first.
    pub fn view_of(&self, b: usize) -> Option<&View> {
        self.views
            .iter()
            .find(|v| v.lines.iter().any(|l| l.block == b))
            .or(self.views.first())
    }
}
