//! Display width, the one place it is computed: columns a char or a string takes on screen.
//!
//! East Asian Wide and Fullwidth glyphs take two columns, and so do the Ambiguous ones (①, Ⅰ,
//! ―): terminals disagree on those, so the layout reserves two and the renderer keeps the
//! second blank, unless the browser learnt at start that the terminal draws them one column
//! wide (a cursor-position query, or `--ambiguous narrow`): then they take one. Half-width voiced marks are drawn as their full-width forms. Every width in
//! the program (wrapping, snippets, truncation, the input caret) goes through here.

use std::sync::atomic::{AtomicBool, Ordering};
use unicode_width::UnicodeWidthChar;

/// Are Ambiguous glyphs one column wide on this terminal? Set once, before the first frame.
static AMBIGUOUS_NARROW: AtomicBool = AtomicBool::new(false);

/// Says whether the terminal draws East Asian Ambiguous glyphs one column wide.
pub fn set_ambiguous_narrow(narrow: bool) {
    AMBIGUOUS_NARROW.store(narrow, Ordering::Relaxed);
}

/// Does the layout give Ambiguous glyphs one column?
pub fn ambiguous_narrow() -> bool {
    AMBIGUOUS_NARROW.load(Ordering::Relaxed)
}

/// The glyph drawn for a char. Half-width voiced sound marks (ﾞ ﾟ) are drawn as their
/// full-width forms: some terminals (tmux among them) combine the half-width ones into the char
/// before, taking no column, which would shift the rest of the line.
pub fn display_char(c: char) -> char {
    match c {
        '\u{ff9e}' => '゛',
        '\u{ff9f}' => '゜',
        c => c,
    }
}

/// Columns a char takes in this layout.
pub fn cols(c: char) -> usize {
    match display_char(c) {
        '\t' => 1,
        c if c.is_control() => 0,
        c if ambiguous_narrow() => c.width().unwrap_or(0),
        c => c.width_cjk().unwrap_or(0),
    }
}

/// Does the terminal's idea of this char's width vary (East Asian Ambiguous), so that the
/// renderer must keep its second column blank? Not once the terminal said it draws them
/// narrow.
pub fn is_ambiguous(c: char) -> bool {
    !ambiguous_narrow() && c.width() != c.width_cjk()
}

/// Columns of a string in this layout.
pub fn str_cols(s: &str) -> usize {
    s.chars().map(cols).sum()
}
