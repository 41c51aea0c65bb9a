//! Styles, with colour or, under `NO_COLOR`, with bold, underline and reverse only.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub colour: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        Theme {
            colour: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn pick(&self, colour: Style, plain: Style) -> Style {
        if self.colour { colour } else { plain }
    }

    pub fn text(&self) -> Style {
        Style::default()
    }
    pub fn dim(&self) -> Style {
        self.pick(Style::default().fg(Color::DarkGray), Style::default())
    }
    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub fn path(&self) -> Style {
        self.pick(Style::default().fg(Color::Cyan), Style::default())
    }
    pub fn heading(&self, results: bool) -> Style {
        let c = if results { Color::Green } else { Color::Yellow };
        self.pick(
            Style::default().fg(c).add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }
    pub fn label(&self) -> Style {
        self.pick(Style::default().fg(Color::Cyan), Style::default())
    }
    /// A matched character.
    pub fn hit(&self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }
    /// The occurrence `n` / `N` stopped at, among the highlighted ones.
    pub fn current_hit(&self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::Black)
                .bg(Color::LightGreen)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    }
    /// The selected row of a focused list.
    pub fn selected(&self) -> Style {
        self.pick(
            Style::default().bg(Color::Blue).fg(Color::White),
            Style::default().add_modifier(Modifier::REVERSED),
        )
    }
    /// The selected row of an unfocused list.
    pub fn selected_dim(&self) -> Style {
        self.pick(
            Style::default().bg(Color::DarkGray),
            Style::default().add_modifier(Modifier::UNDERLINED),
        )
    }
    /// The item cursor in the detail pane.
    pub fn cursor_bar(&self, focused: bool) -> Style {
        match (focused, self.colour) {
            (true, true) => Style::default()
                .fg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            (false, true) => Style::default().fg(Color::DarkGray),
            (true, false) => Style::default().add_modifier(Modifier::BOLD),
            (false, false) => Style::default(),
        }
    }
    pub fn bar(&self, focused: bool) -> Style {
        match (focused, self.colour) {
            (true, true) => Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            (false, true) => Style::default().bg(Color::DarkGray).fg(Color::White),
            (true, false) => Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            (false, false) => Style::default().add_modifier(Modifier::REVERSED),
        }
    }
    pub fn status(&self) -> Style {
        self.pick(
            Style::default().bg(Color::Black).fg(Color::Gray),
            Style::default().add_modifier(Modifier::REVERSED),
        )
    }
    pub fn mode(&self) -> Style {
        self.pick(
            Style::default()
                .bg(Color::Cyan)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }
    pub fn key(&self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }
    /// Words of an older edition's plan that its result does not carry.
    pub fn removed(&self) -> Style {
        self.pick(
            Style::default().fg(Color::LightRed),
            Style::default().add_modifier(Modifier::UNDERLINED),
        )
    }
    /// Words of a newer edition's result that its plan did not have.
    pub fn added(&self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }
    /// The outline's mark of how a measure changed between editions.
    pub fn change(&self, c: crate::compare::Change) -> Style {
        use crate::compare::Change;
        let colour = match c {
            Change::Added => Color::Green,
            Change::Removed => Color::Red,
            Change::Renamed => Color::Yellow,
            Change::Moved => Color::Magenta,
            Change::Same => Color::Reset,
        };
        self.pick(
            Style::default().fg(colour).add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }
    /// A reviewer's mark: ✓ green, ? yellow, ! red.
    pub fn mark(&self, m: crate::notes::Mark) -> Style {
        use crate::notes::Mark;
        let colour = match m {
            Mark::Checked => Color::Green,
            Mark::Question => Color::Yellow,
            Mark::Concern => Color::Red,
        };
        self.pick(
            Style::default().fg(colour).add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }
    pub fn popup(&self) -> Style {
        Style::default()
    }
}
