//! Display width, the one place it is computed: columns a char or a string takes on screen.
//!
//! East Asian Wide and Fullwidth glyphs take two columns, and so do the Ambiguous ones (①, Ⅰ,
//! ―): terminals disagree on those, so the layout reserves two and the renderer keeps the
//! second blank. Half-width voiced marks are drawn as their full-width forms. Every width in
//! the program (wrapping, snippets, truncation, the input caret) goes through here.

use unicode_width::UnicodeWidthChar;

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
        c => c.width_cjk().unwrap_or(0),
    }
}

/// Does the terminal's idea of this char's width vary (East Asian Ambiguous)?
pub fn is_ambiguous(c: char) -> bool {
    c.width() != c.width_cjk()
}

/// Columns of a string in this layout.
pub fn str_cols(s: &str) -> usize {
    s.chars().map(cols).sum()
}
