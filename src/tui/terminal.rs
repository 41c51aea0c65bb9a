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
///
/// It also keeps a model of what the terminal shows, because a terminal erases a whole wide
/// glyph when any half of it is overwritten: a new glyph over the right half of an old one
/// blanks its left half, and a wide glyph drawn one column left of an old wide glyph blanks
/// that glyph's right half. ratatui's diff knows nothing of this (its buffers hold no trace of
/// the old glyph's extent), so a cell it thinks unchanged can be blank on screen: the gaps in
/// a highlighted row's background. Such cells are drawn again after each batch.
pub struct AmbiguousSafe<B: Backend> {
    inner: B,
    /// The cells as drawn, row-major; empty until the first draw or after a clear.
    shadow: Vec<Cell>,
    /// What the terminal holds at each column: 0 narrow or blank, 2 a wide glyph's first
    /// column, 1 its second.
    span: Vec<u8>,
    width: u16,
    height: u16,
}

impl<B: Backend> AmbiguousSafe<B> {
    /// Wraps a backend.
    pub fn new(inner: B) -> Self {
        AmbiguousSafe {
            inner,
            shadow: Vec::new(),
            span: Vec::new(),
            width: 0,
            height: 0,
        }
    }

    fn reset_model(&mut self) {
        self.shadow.clear();
        self.span.clear();
    }

    /// Applies a drawn cell to the model; pushes the cells the terminal blanked as a result.
    fn model_draw(&mut self, x: u16, y: u16, cell: &Cell, damaged: &mut Vec<(u16, u16)>) {
        if x >= self.width || y >= self.height {
            return;
        }
        let row = y as usize * self.width as usize;
        let at = |x: u16| row + x as usize;
        let w = if is_forced_wide(cell) {
            2
        } else {
            crate::width::str_cols(cell.symbol()).clamp(1, 2) as u8
        };
        let mut erase = |span: &mut Vec<u8>, x: u16| {
            span[at(x)] = 0;
            damaged.push((x, y));
        };
        // Over the second half of a wide glyph: its first half goes blank.
        if self.span[at(x)] == 1 && x > 0 {
            erase(&mut self.span, x - 1);
        }
        // A narrow glyph over the first half of a wide one: its second half goes blank.
        if self.span[at(x)] == 2 && w == 1 && x + 1 < self.width {
            erase(&mut self.span, x + 1);
        }
        // A wide glyph over the first half of another: that one's second half goes blank.
        if w == 2 && x + 2 < self.width && self.span[at(x + 1)] == 2 {
            erase(&mut self.span, x + 2);
        }
        self.span[at(x)] = if w == 2 { 2 } else { 0 };
        self.shadow[at(x)] = cell.clone();
        if w == 2 && x + 1 < self.width {
            self.span[at(x + 1)] = 1;
            // The frame's cell under the glyph's second half, which the diff never sends: a
            // blank in the glyph's style, as `ui::text::put` writes it.
            let mut under = cell.clone();
            under.set_symbol(" ");
            under.diff_option = CellDiffOption::None;
            self.shadow[at(x + 1)] = under;
        }
    }

    /// Draws cells through the ambiguous-width handling, keeping the model.
    fn draw_cells(&mut self, cells: &[(u16, u16, Cell)], depth: u8) -> Result<(), B::Error> {
        let mut damaged = Vec::new();
        let mut run: Vec<(u16, u16, &Cell)> = Vec::new();
        for (x, y, cell) in cells {
            self.model_draw(*x, *y, cell, &mut damaged);
            if !is_forced_wide(cell) {
                run.push((*x, *y, cell));
                continue;
            }
            // Separate draw calls: each starts with an explicit cursor move.
            self.inner.draw(run.drain(..))?;
            if x + 1 < self.width {
                let mut blank = cell.clone();
                blank.set_symbol(" ");
                blank.diff_option = CellDiffOption::None;
                self.inner.draw(std::iter::once((x + 1, *y, &blank)))?;
            }
            self.inner.draw(std::iter::once((*x, *y, cell)))?;
        }
        self.inner.draw(run.into_iter())?;
        // Cells the terminal blanked: drawn again as the frame has them, unless the frame
        // has a wide glyph covering them (its second column is the glyph's own).
        damaged.sort_unstable_by_key(|&(x, y)| (y, x));
        damaged.dedup();
        let redo: Vec<(u16, u16, Cell)> = damaged
            .into_iter()
            .filter(|&(x, y)| {
                let i = y as usize * self.width as usize + x as usize;
                self.span[i] != 1
            })
            .map(|(x, y)| {
                let i = y as usize * self.width as usize + x as usize;
                (x, y, self.shadow[i].clone())
            })
            .collect();
        // A well-formed frame settles in one more pass; the bound only guards against a
        // frame that is not.
        if redo.is_empty() || depth >= 3 {
            Ok(())
        } else {
            self.draw_cells(&redo, depth + 1)
        }
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
        let size = self.inner.size()?;
        if (size.width, size.height) != (self.width, self.height) || self.shadow.is_empty() {
            self.width = size.width;
            self.height = size.height;
            let n = size.width as usize * size.height as usize;
            self.shadow = vec![Cell::default(); n];
            self.span = vec![0; n];
        }
        let cells: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        self.draw_cells(&cells, 0)
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
        self.reset_model();
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.reset_model();
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

/// What the terminal was before raw mode, and a handle on it, for [`restore_after_abort`].
struct Saved {
    tty: std::fs::File,
    termios: nix::libc::termios,
}

static SAVED: std::sync::OnceLock<Saved> = std::sync::OnceLock::new();

/// The sequences that undo [`init`]: paste and mouse reporting off, the main screen, the cursor.
const RESTORE_BYTES: &[u8] =
    b"\x1b[?2004l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

/// Puts the terminal back from a signal handler, when the process is about to die without
/// unwinding (an allocation failure aborts): only `tcsetattr` and `write`, which are
/// async-signal-safe, on what the terminal setup saved. Does nothing before it.
pub fn restore_after_abort() {
    use nix::sys::termios::{SetArg, Termios, tcsetattr};
    use std::os::fd::AsFd;
    if let Some(saved) = SAVED.get() {
        let _ = tcsetattr(
            saved.tty.as_fd(),
            SetArg::TCSANOW,
            &Termios::from(saved.termios),
        );
        let _ = nix::unistd::write(saved.tty.as_fd(), RESTORE_BYTES);
    }
}

fn save_terminal() {
    use std::os::fd::AsFd;
    let Ok(tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") else {
        return;
    };
    if let Ok(t) = nix::sys::termios::tcgetattr(tty.as_fd()) {
        let _ = SAVED.set(Saved {
            tty,
            termios: t.into(),
        });
    }
}

/// Captures the mouse (clicks and the wheel go to the browser) or releases it (the terminal's
/// own selection works).
pub fn set_mouse(on: bool) -> io::Result<()> {
    let mut out = io::stdout();
    if on {
        execute!(out, EnableMouseCapture)
    } else {
        execute!(out, DisableMouseCapture)
    }
}

/// Restores the terminal when dropped: on return, on `?` and on unwinding.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// How long the terminal has to answer the width probe. Terminals answer within a
/// millisecond; one that never answers costs this much at start, once.
const PROBE_WAIT_MS: u16 = 60;

/// Asks the terminal how wide it draws an East Asian Ambiguous glyph: draws ① at the top left
/// of the (alternate) screen, asks where the cursor is (`ESC [ 6 n`), and reads the answer
/// (`ESC [ 1 ; 2 R`: one column; `ESC [ 1 ; 3 R`: two) from the keyboard side, before anything
/// else reads it. `None` if the terminal does not answer in time. Hand-written: crossterm's
/// `cursor::position` waits two seconds for a terminal that never answers.
pub fn probe_ambiguous_narrow() -> Option<bool> {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::os::fd::AsFd;
    let mut out = io::stdout();
    out.write_all(b"\x1b[H\xe2\x91\xa0\x1b[6n").ok()?;
    out.flush().ok()?;
    let stdin = io::stdin();
    let fd = stdin.as_fd();
    let mut answer: Vec<u8> = Vec::new();
    let deadline =
        std::time::Instant::now() + std::time::Duration::from_millis(PROBE_WAIT_MS as u64);
    let col = loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            break None;
        }
        let mut fds = [PollFd::new(fd, PollFlags::POLLIN)];
        let ms = PollTimeout::from(left.as_millis().min(u16::MAX as u128) as u16);
        if poll(&mut fds, ms).ok()? == 0 {
            break None;
        }
        let mut buf = [0u8; 64];
        let n = nix::unistd::read(std::os::fd::AsRawFd::as_raw_fd(&fd), &mut buf).ok()?;
        if n == 0 {
            break None;
        }
        answer.extend_from_slice(&buf[..n]);
        if let Some(col) = cursor_column(&answer) {
            break Some(col);
        }
    };
    // Rub the probe out; the first frame draws over the rest.
    let _ = out.write_all(b"\x1b[H\x1b[2K");
    let _ = out.flush();
    match col? {
        2 => Some(true),
        3 => Some(false),
        _ => None,
    }
}

/// The column of a cursor-position report (`ESC [ row ; col R`) in what the terminal sent.
fn cursor_column(bytes: &[u8]) -> Option<u32> {
    let start = bytes.windows(2).position(|w| w == b"\x1b[")?;
    let rest = &bytes[start + 2..];
    let end = rest.iter().position(|&b| b == b'R')?;
    let body = std::str::from_utf8(&rest[..end]).ok()?;
    let (_, col) = body.split_once(';')?;
    col.parse().ok()
}

/// Enters raw mode and the alternate screen, with mouse and bracketed paste, and installs a
/// panic hook that restores the terminal before the panic message prints. No keyboard
/// enhancement flags: they break IME composition.
pub fn init(mouse: bool) -> io::Result<(Term, Guard)> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    save_terminal();
    terminal::enable_raw_mode()?;
    let guard = Guard;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    set_mouse(mouse)?;
    let backend = AmbiguousSafe::new(CrosstermBackend::new(io::stdout()));
    let term = ratatui::Terminal::new(backend)?;
    Ok((term, guard))
}

#[cfg(test)]
mod tests {
    use super::cursor_column;

    #[test]
    fn cursor_reports_are_read_whatever_comes_before() {
        assert_eq!(cursor_column(b"\x1b[1;2R"), Some(2));
        assert_eq!(cursor_column(b"x\x1b[12;3R"), Some(3));
        assert_eq!(cursor_column(b"\x1b[1;"), None);
        assert_eq!(cursor_column(b"junk"), None);
    }
}
