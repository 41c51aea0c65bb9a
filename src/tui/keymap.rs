//! Keys → actions, per mode, as one table. The help overlay is generated from the same table,
//! so it cannot drift from what the keys do.

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_input::InputRequest as Req;

pub use super::app::Mode;

/// A key: its code and modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt (Shift is part of a printable char).
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::ALT,
    }
}
const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

/// Keys that do one thing in one mode, with the help overlay's words for it.
pub struct Binding {
    /// Where the keys act.
    pub mode: Mode,
    /// The keys.
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
    /// What the help overlay says.
    pub help: &'static str,
}

const fn b(mode: Mode, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        mode,
        keys,
        action,
        help,
    }
}

use KeyCode::*;
use Mode::*;

/// Alt-Backspace.
const ALT_BACKSPACE: Key = Key {
    code: Backspace,
    mods: KeyModifiers::ALT,
};

/// Every binding. Order is the order of the help overlay.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b(Normal, &[k('j'), code(Down)], Action::Down, "next row / next item"),
    b(Normal, &[k('k'), code(Up)], Action::Up, "previous row / previous item"),
    b(Normal, &[k('h'), code(Left)], Action::Left, "collapse, parent; in detail: left"),
    b(Normal, &[k('l'), code(Right)], Action::Right, "expand, first child; in detail: right"),
    b(Normal, &[code(Enter)], Action::Activate, "open or fold the selected entry"),
    b(Normal, &[code(Tab), code(BackTab)], Action::SwitchPane, "switch pane (outline / detail)"),
    b(Normal, &[k('g'), code(Home)], Action::Top, "go to top"),
    b(Normal, &[k('G'), code(End)], Action::Bottom, "go to bottom"),
    b(Normal, &[code(PageUp), ctrl('b'), k('b')], Action::PageUp, "page up"),
    b(Normal, &[code(PageDown), ctrl('f'), k(' ')], Action::PageDown, "page down"),
    b(Normal, &[ctrl('u')], Action::HalfPageUp, "half page up"),
    b(Normal, &[ctrl('d')], Action::HalfPageDown, "half page down"),
    b(Normal, &[k(']')], Action::NextMeasure, "next measure"),
    b(Normal, &[k('[')], Action::PrevMeasure, "previous measure"),
    b(Normal, &[k('s')], Action::ToggleLayout, "FY sections: side by side / stacked / auto"),
    b(Normal, &[k('d')], Action::ToggleCompare, "two editions: last edition's plans beside this one's results / normal view"),
    b(Normal, &[k('a')], Action::Annotate, "write or edit the note on the item under the cursor (or the measure)"),
    b(Normal, &[k('m')], Action::CycleMark, "mark the item: ✓ checked, ? question, ! concern, none"),
    b(Normal, &[k('A')], Action::OpenNotes, "list every note; Enter goes to its item"),
    b(Normal, &[k('f')], Action::FilterNoted, "outline: only measures with notes or marks / all"),
    b(Normal, &[k('<')], Action::NarrowOutline, "narrower outline"),
    b(Normal, &[k('>')], Action::WidenOutline, "wider outline"),
    b(Normal, &[k('+')], Action::ExpandAll, "expand the whole outline"),
    b(Normal, &[k('-')], Action::CollapseAll, "collapse the outline to parts"),
    b(Normal, &[k('/')], Action::OpenSearch, "search"),
    b(Normal, &[k(':')], Action::OpenGoto, "go to an id (:2.3.4)"),
    b(Normal, &[ctrl('o')], Action::JumpBack, "back to before the last jump (search, index, :)"),
    b(Normal, &[alt('i')], Action::JumpForward, "forward again (Ctrl-i is Tab in a terminal)"),
    b(Normal, &[k('p')], Action::OpenPrograms, "index of programs and acronyms"),
    b(Normal, &[k('n')], Action::NextHit, "next search hit"),
    b(Normal, &[k('N')], Action::PrevHit, "previous search hit"),
    b(Normal, &[code(Esc)], Action::ClearHighlight, "clear search highlights"),
    b(Normal, &[k('y')], Action::CopyItem, "copy the item under the cursor, with its citation"),
    b(Normal, &[k('v')], Action::VisualStart, "select a range of items to copy"),
    b(Normal, &[k('c')], Action::CopySection, "copy the cursor's FY section"),
    b(Normal, &[k('Y')], Action::CopyMeasure, "copy the whole measure, chapter or part"),
    b(Normal, &[k('M')], Action::ToggleCopyFormat, "copy as plain text / Markdown quote"),
    b(Normal, &[alt('m')], Action::ToggleMouse, "release the mouse to the terminal / take it back"),
    b(Normal, &[k('?')], Action::ToggleHelp, "show or hide this help"),
    b(Normal, &[k('q'), ctrl('c')], Action::Quit, "quit"),
    b(Visual, &[k('j'), code(Down)], Action::Down, "extend the range down"),
    b(Visual, &[k('k'), code(Up)], Action::Up, "extend the range up"),
    b(Visual, &[k('g'), code(Home)], Action::Top, "extend to the first item"),
    b(Visual, &[k('G'), code(End)], Action::Bottom, "extend to the last item"),
    b(Visual, &[k('y'), code(Enter)], Action::CopyItem, "copy the range"),
    b(Visual, &[k('v'), code(Esc)], Action::Close, "cancel the range"),
    b(Visual, &[k('q'), ctrl('c')], Action::Quit, "quit"),
    b(Search, &[code(Enter)], Action::Pick, "jump to the chosen hit"),
    b(Search, &[code(Up), ctrl('p'), ctrl('k')], Action::PickPrev, "previous hit"),
    b(Search, &[code(Down), ctrl('n'), ctrl('j')], Action::PickNext, "next hit"),
    b(Search, &[code(Esc)], Action::Close, "close search"),
    b(Search, &[code(Left), ctrl('b')], Action::Edit(Req::GoToPrevChar), "cursor left"),
    b(Search, &[code(Right), ctrl('f')], Action::Edit(Req::GoToNextChar), "cursor right"),
    b(Search, &[alt('b')], Action::Edit(Req::GoToPrevWord), "word left"),
    b(Search, &[alt('f')], Action::Edit(Req::GoToNextWord), "word right"),
    b(Search, &[code(Home), ctrl('a')], Action::Edit(Req::GoToStart), "start of line"),
    b(Search, &[code(End), ctrl('e')], Action::Edit(Req::GoToEnd), "end of line"),
    b(Search, &[code(Backspace), ctrl('h')], Action::Edit(Req::DeletePrevChar), "delete back"),
    b(Search, &[code(Delete), ctrl('d')], Action::Edit(Req::DeleteNextChar), "delete forward"),
    b(Search, &[ctrl('w'), ALT_BACKSPACE], Action::Edit(Req::DeletePrevWord), "delete word back"),
    b(Search, &[ctrl('u')], Action::Edit(Req::DeleteLine), "clear the query"),
    b(Search, &[code(Tab)], Action::CycleScope, "look in: all / results / plans / this measure"),
    b(Search, &[ctrl('r')], Action::HistoryOlder, "previous query (Up at the top, Down at the bottom walk it too)"),
    b(Search, &[code(PageUp)], Action::PageUp, "previous page of hits"),
    b(Search, &[code(PageDown)], Action::PageDown, "next page of hits"),
    b(Search, &[ctrl('c')], Action::Close, "close search"),
    b(Programs, &[code(Enter)], Action::Pick, "show its measures / jump to the measure"),
    b(Programs, &[code(Up), ctrl('p'), ctrl('k')], Action::PickPrev, "previous entry"),
    b(Programs, &[code(Down), ctrl('n'), ctrl('j')], Action::PickNext, "next entry"),
    b(Programs, &[code(Esc)], Action::Close, "back to the list / close the index"),
    b(Programs, &[code(Backspace), ctrl('h')], Action::Edit(Req::DeletePrevChar), "delete back"),
    b(Programs, &[ctrl('w'), ALT_BACKSPACE], Action::Edit(Req::DeletePrevWord), "delete word back"),
    b(Programs, &[ctrl('u')], Action::Edit(Req::DeleteLine), "clear the filter"),
    b(Programs, &[code(PageUp)], Action::PageUp, "previous page"),
    b(Programs, &[code(PageDown)], Action::PageDown, "next page"),
    b(Programs, &[ctrl('c')], Action::Close, "back / close the index"),
    b(Note, &[code(Enter)], Action::Pick, "save the note (empty, with no mark: remove it)"),
    b(Note, &[code(Esc), ctrl('c')], Action::Close, "cancel: the note stays as it was"),
    b(Note, &[code(Left), ctrl('b')], Action::Edit(Req::GoToPrevChar), "cursor left"),
    b(Note, &[code(Right), ctrl('f')], Action::Edit(Req::GoToNextChar), "cursor right"),
    b(Note, &[alt('b')], Action::Edit(Req::GoToPrevWord), "word left"),
    b(Note, &[alt('f')], Action::Edit(Req::GoToNextWord), "word right"),
    b(Note, &[code(Home), ctrl('a')], Action::Edit(Req::GoToStart), "start of line"),
    b(Note, &[code(End), ctrl('e')], Action::Edit(Req::GoToEnd), "end of line"),
    b(Note, &[code(Backspace), ctrl('h')], Action::Edit(Req::DeletePrevChar), "delete back"),
    b(Note, &[code(Delete), ctrl('d')], Action::Edit(Req::DeleteNextChar), "delete forward"),
    b(Note, &[ctrl('w'), ALT_BACKSPACE], Action::Edit(Req::DeletePrevWord), "delete word back"),
    b(Note, &[ctrl('u')], Action::Edit(Req::DeleteLine), "clear the note's text"),
    b(Notes, &[code(Enter)], Action::Pick, "go to the note's item"),
    b(Notes, &[code(Up), ctrl('p'), ctrl('k')], Action::PickPrev, "previous note"),
    b(Notes, &[code(Down), ctrl('n'), ctrl('j')], Action::PickNext, "next note"),
    b(Notes, &[code(Esc), ctrl('c')], Action::Close, "close the list"),
    b(Notes, &[ctrl('y')], Action::CopySheet, "copy the review sheet (Markdown, as `senryaku notes` prints it)"),
    b(Notes, &[code(Backspace), ctrl('h')], Action::Edit(Req::DeletePrevChar), "delete back"),
    b(Notes, &[ctrl('w'), ALT_BACKSPACE], Action::Edit(Req::DeletePrevWord), "delete word back"),
    b(Notes, &[ctrl('u')], Action::Edit(Req::DeleteLine), "clear the filter"),
    b(Notes, &[code(PageUp)], Action::PageUp, "previous page"),
    b(Notes, &[code(PageDown)], Action::PageDown, "next page"),
    b(Goto, &[code(Enter)], Action::Pick, "go to the id typed"),
    b(Goto, &[code(Esc), ctrl('c')], Action::Close, "cancel"),
    b(Goto, &[code(Backspace), ctrl('h')], Action::Edit(Req::DeletePrevChar), "delete back"),
    b(Help, &[k('j'), code(Down)], Action::Down, "scroll down"),
    b(Help, &[k('k'), code(Up)], Action::Up, "scroll up"),
    b(Help, &[code(PageDown), k(' '), ctrl('f')], Action::PageDown, "page down"),
    b(Help, &[code(PageUp), k('b'), ctrl('b')], Action::PageUp, "page up"),
    b(Help, &[ctrl('d')], Action::HalfPageDown, "half page down"),
    b(Help, &[ctrl('u')], Action::HalfPageUp, "half page up"),
    b(Help, &[k('g'), code(Home)], Action::Top, "top"),
    b(Help, &[k('G'), code(End)], Action::Bottom, "bottom"),
    b(Help, &[k('/')], Action::OpenSearch, "filter the keys by what they do (/copy, /page)"),
    b(Help, &[k('?'), k('q'), code(Esc), ctrl('c')], Action::Close, "close help"),
    b(HelpFilter, &[code(Enter)], Action::Pick, "keep the filter, back to scrolling"),
    b(HelpFilter, &[code(Esc), ctrl('c')], Action::Close, "clear the filter"),
    b(HelpFilter, &[code(Backspace), ctrl('h')], Action::Edit(Req::DeletePrevChar), "delete back"),
    b(HelpFilter, &[ctrl('u')], Action::Edit(Req::DeleteLine), "clear the filter's text"),
];

/// Shift is part of the char for printable keys (`G`, `?`), so it is ignored there.
fn matches(key: &Key, ev: &KeyEvent) -> bool {
    let mods = match ev.code {
        KeyCode::Char(_) => ev.modifiers - KeyModifiers::SHIFT,
        KeyCode::BackTab => KeyModifiers::NONE,
        _ => ev.modifiers,
    };
    key.code == ev.code && key.mods == mods
}

/// The action for a key in a mode. In search mode, an unbound printable key types itself.
pub fn action_for(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    let bound = BINDINGS
        .iter()
        .filter(|b| b.mode == mode)
        .find(|b| b.keys.iter().any(|k| matches(k, ev)))
        .map(|b| b.action.clone());
    if bound.is_some() {
        return bound;
    }
    match (mode, ev.code) {
        (Search | Programs | Goto | HelpFilter | Note | Notes, KeyCode::Char(c))
            if !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::Edit(Req::InsertChar(c)))
        }
        _ => None,
    }
}

/// A key as the help overlay shows it.
pub fn key_label(key: &Key) -> String {
    let base = match key.code {
        Char(' ') => "Space".to_string(),
        Char(c) => c.to_string(),
        Up => "Up".into(),
        Down => "Down".into(),
        Left => "Left".into(),
        Right => "Right".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        BackTab => "S-Tab".into(),
        Delete => "Delete".into(),
        Backspace => "Backspace".into(),
        other => format!("{other}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else if key.mods.contains(KeyModifiers::ALT) {
        format!("Alt-{base}")
    } else {
        base
    }
}

/// The help overlay's sections: a title and `(keys, description)` rows, from [`BINDINGS`].
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    [
        (Normal, "Browsing"),
        (Visual, "Range of items (after v)"),
        (Search, "Search popup (other keys type)"),
        (
            Programs,
            "Index of programs and acronyms (other keys filter)",
        ),
        (Goto, "Go to an id (after :; other keys type)"),
        (Note, "Writing a note (after a; other keys type)"),
        (Notes, "List of notes (after A; other keys filter)"),
        (Help, "Help"),
        (HelpFilter, "Help filter (after / in help; other keys type)"),
    ]
    .into_iter()
    .map(|(mode, title)| {
        let rows = BINDINGS
            .iter()
            .filter(|b| b.mode == mode)
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(key_label).collect();
                (keys.join(" "), b.help)
            })
            .collect();
        (title, rows)
    })
    .collect()
}

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// An empty line.
    Blank,
    /// A section title.
    Title(&'static str),
    /// Keys and what they do, side by side.
    Row(String, String),
    /// On a narrow overlay: the keys, then what they do on the next line.
    Keys(String),
    /// A description under its keys, or the continuation of a wrapped one.
    Help(String),
}

/// Below this inner width the help overlay puts keys and descriptions on separate lines.
pub const HELP_STACKED_BELOW: u16 = 56;

/// The help overlay's lines for an inner width, only the rows whose keys or words hold
/// `filter` (folded as search folds) when it is not empty.
pub fn help_lines(width: u16, filter: &str) -> Vec<HelpLine> {
    let filter = crate::search::normalize::fold(filter);
    let keep = |k: &str, h: &str| {
        use crate::search::normalize::fold;
        filter.is_empty() || fold(k).contains(&filter) || fold(h).contains(&filter)
    };
    let stacked = width < HELP_STACKED_BELOW;
    let key_w = help_key_width(width) as usize;
    // Descriptions wrap, by display width, within their column.
    let pieces = |h: &str, w: usize| -> Vec<String> {
        let chars: Vec<char> = h.chars().collect();
        crate::tui::wrap::wrap_chars(&chars, w.max(1))
            .into_iter()
            .map(|(a, b)| chars[a..b].iter().collect::<String>().trim().to_string())
            .collect()
    };
    let mut lines = Vec::new();
    for (title, rows) in help_sections() {
        let rows: Vec<(String, &str)> = rows.into_iter().filter(|(k, h)| keep(k, h)).collect();
        if rows.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(HelpLine::Blank);
        }
        lines.push(HelpLine::Title(title));
        for (k, h) in rows {
            if stacked {
                lines.push(HelpLine::Keys(k));
                let w = (width as usize).saturating_sub(HELP_INDENT as usize);
                lines.extend(pieces(h, w).into_iter().map(HelpLine::Help));
            } else {
                let w = (width as usize).saturating_sub(2 + key_w);
                let mut ps = pieces(h, w).into_iter();
                lines.push(HelpLine::Row(k, ps.next().unwrap_or_default()));
                lines.extend(ps.map(|p| HelpLine::Row(String::new(), p)));
            }
        }
    }
    lines
}

/// Columns a description is indented by on a narrow overlay.
pub const HELP_INDENT: u16 = 3;

/// The width of the keys column of a wide overlay.
pub fn help_key_width(width: u16) -> u16 {
    help_sections()
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| crate::width::str_cols(k)))
        .max()
        .unwrap_or(0)
        .min(width as usize / 2) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_map_per_mode() {
        let none = KeyModifiers::NONE;
        assert_eq!(action_for(Normal, &ev(Char('j'), none)), Some(Action::Down));
        assert_eq!(
            action_for(Normal, &ev(Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(Normal, &ev(Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            action_for(Normal, &ev(Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        // In search, j and q type themselves; arrows choose.
        assert_eq!(
            action_for(Search, &ev(Char('j'), none)),
            Some(Action::Edit(Req::InsertChar('j')))
        );
        assert_eq!(
            action_for(Search, &ev(Char('q'), none)),
            Some(Action::Edit(Req::InsertChar('q')))
        );
        assert_eq!(action_for(Search, &ev(Down, none)), Some(Action::PickNext));
        // Ctrl-c closes a popup and quits only from browsing.
        assert_eq!(
            action_for(Search, &ev(Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Close)
        );
        assert_eq!(
            action_for(Search, &ev(Char('n'), KeyModifiers::CONTROL)),
            Some(Action::PickNext)
        );
        assert_eq!(
            action_for(Normal, &ev(Char('x'), KeyModifiers::CONTROL)),
            None
        );
    }

    #[test]
    fn help_lists_every_binding() {
        let rows: usize = help_sections().iter().map(|(_, r)| r.len()).sum();
        assert_eq!(rows, BINDINGS.len());
        let normal = &help_sections()[0].1;
        assert!(normal.iter().any(|(k, h)| k == "q Ctrl-c" && *h == "quit"));
        assert!(normal.iter().any(|(k, _)| k == "j Down"));
    }
}
