//! The real terminal: entering and leaving the alternate screen (on quit, on error and on
//! panic), and a backend wrapper that keeps East Asian Ambiguous glyphs from shifting lines.

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::crossterm::{
    cursor,
    event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture},
    execute,
    terminal::{self, EnterAlternateScreen, LeaveAlternateScreen},
};
use ratatui::layout::{Position, Size};
use std::io::{self, Stdout, Write};

/// Draws East Asian Ambiguous glyphs (①, Ⅰ, ―, │) safely whatever width the terminal gives them.
///
/// The renderer gives such a glyph two cells and marks it with a forced width of two, so the
/// frame diff never emits the second cell. Here, before the glyph is drawn, that second cell is
/// blanked with an explicit cursor move, and the glyph is drawn with another; the next glyph
/// also starts with a cursor move. A terminal that draws ① one column wide shows `① `; one that
/// draws it two wide shows `①`; neither shifts what follows.
pub struct AmbiguousSafe<B: Backend> {
    inner: B,
}

impl<B: Backend> AmbiguousSafe<B> {
    pub fn new(inner: B) -> Self {
        AmbiguousSafe { inner }
    }
}

fn is_forced_wide(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::ForcedWidth(w) if w.get() == 2)
}

impl<B: Backend> Backend for AmbiguousSafe<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let width = self.inner.size()?.width;
        let mut run: Vec<(u16, u16, &'a Cell)> = Vec::new();
        for (x, y, cell) in content {
            if !is_forced_wide(cell) {
                run.push((x, y, cell));
                continue;
            }
            // Separate draw calls: each starts with an explicit cursor move.
            self.inner.draw(run.drain(..))?;
            if x + 1 < width {
                let mut blank = cell.clone();
                blank.set_symbol(" ");
                blank.diff_option = CellDiffOption::None;
                self.inner.draw(std::iter::once((x + 1, y, &blank)))?;
            }
            self.inner.draw(std::iter::once((x, y, cell)))?;
        }
        self.inner.draw(run.into_iter())
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        // Never fails: the terminal may be gone (a dropped connection), and ratatui would then
        // print an error on dropping the terminal, which itself fails on a closed stderr.
        // [`restore`] shows the cursor again anyway.
        let _ = self.inner.show_cursor();
        Ok(())
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

pub type Term = ratatui::Terminal<AmbiguousSafe<CrosstermBackend<Stdout>>>;

/// Puts the terminal back: raw mode off, mouse and paste reporting off, main screen, cursor
/// shown. Safe to call more than once, and from a panic hook.
pub fn restore() {
    let _ = terminal::disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

/// Restores the terminal when dropped: on return, on `?` and on unwinding.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Enters raw mode and the alternate screen, with mouse and bracketed paste, and installs a
/// panic hook that restores the terminal before the panic message prints. No keyboard
/// enhancement flags: they break IME composition.
pub fn init() -> io::Result<(Term, Guard)> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    terminal::enable_raw_mode()?;
    let guard = Guard;
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    let backend = AmbiguousSafe::new(CrosstermBackend::new(io::stdout()));
    let term = ratatui::Terminal::new(backend)?;
    Ok((term, guard))
}
