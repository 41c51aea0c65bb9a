//! A picker: a one-line query over a list, shared by the search popup and the index of
//! programs (as television's `Picker`). It owns its query and its selection; what the list
//! holds, and what a changed query or a pick means, is its owner's business.

use super::action::Action;
use tui_input::{Input, InputRequest};

/// A selection in a list of `len` rows, moved by the list keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListNav {
    selected: usize,
    len: usize,
}

impl ListNav {
    /// The selected row (0 when the list is empty).
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// A new length; the selection goes back to the first row.
    pub fn reset(&mut self, len: usize) {
        self.len = len;
        self.selected = 0;
    }

    /// Moves by `by` rows, stopping at the ends. Did it move?
    pub fn step(&mut self, by: isize) -> bool {
        let max = self.len.saturating_sub(1);
        let new = self.selected.saturating_add_signed(by).min(max);
        let moved = new != self.selected;
        self.selected = new;
        moved
    }

    /// Handles a list key (`page` rows a page). Was it one?
    pub fn update(&mut self, action: &Action, page: usize) -> bool {
        let page = page.max(1) as isize;
        match action {
            Action::PickNext | Action::ScrollDown { .. } => self.step(1),
            Action::PickPrev | Action::ScrollUp { .. } => self.step(-1),
            Action::PageDown => self.step(page),
            Action::PageUp => self.step(-page),
            _ => return false,
        };
        true
    }
}

/// What a key did to a picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    /// Nothing the owner needs to know.
    Nothing,
    /// The query changed: the owner refills the list.
    QueryChanged,
    /// Enter on the selected row.
    Accept,
    /// Esc or Ctrl-c: close.
    Close,
}

/// A query and a list of `T` with a selection.
#[derive(Debug, Clone)]
pub struct Picker<T> {
    input: Input,
    items: Vec<T>,
    /// How many items matched before the owner capped the list.
    total: usize,
    nav: ListNav,
    /// The query's text is selected: the next typed character replaces it (as in fzf).
    replace: bool,
}

impl<T> Default for Picker<T> {
    fn default() -> Self {
        Picker {
            input: Input::default(),
            items: Vec::new(),
            total: 0,
            nav: ListNav::default(),
            replace: false,
        }
    }
}

impl<T> Picker<T> {
    /// The query as typed.
    pub fn query(&self) -> &str {
        self.input.value()
    }

    /// The input line, for drawing its caret.
    pub fn input(&self) -> &Input {
        &self.input
    }

    /// Is the whole query selected, so that typing replaces it?
    pub fn query_selected(&self) -> bool {
        self.replace && !self.input.value().is_empty()
    }

    /// Selects the query so the next typed character replaces it; editing keys keep it.
    pub fn select_query(&mut self) {
        self.replace = true;
    }

    /// Sets the query (a pasted or recalled one).
    pub fn set_query(&mut self, q: &str) {
        self.input = Input::new(q.to_string());
        self.replace = false;
    }

    /// The list.
    pub fn items(&self) -> &[T] {
        &self.items
    }

    /// How many matched in all.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The selected row.
    pub fn selected(&self) -> usize {
        self.nav.selected()
    }

    /// The selected item.
    pub fn current(&self) -> Option<&T> {
        self.items.get(self.nav.selected())
    }

    /// Replaces the list; the selection goes back to the top.
    pub fn set_items(&mut self, items: Vec<T>, total: usize) {
        self.nav.reset(items.len());
        self.items = items;
        self.total = total;
    }

    /// Handles a key or a paste; `page` is how many rows the list shows.
    pub fn update(&mut self, action: Action, page: usize) -> Picked {
        if self.nav.update(&action, page) {
            return Picked::Nothing;
        }
        match action {
            Action::Close | Action::Quit => Picked::Close,
            Action::Pick => Picked::Accept,
            Action::Edit(req) => {
                let typing = matches!(req, InputRequest::InsertChar(_));
                let replace = std::mem::take(&mut self.replace);
                if replace && typing {
                    self.input.reset();
                }
                let changed = edit(&mut self.input, req) || (replace && typing);
                if changed {
                    Picked::QueryChanged
                } else {
                    Picked::Nothing
                }
            }
            Action::Paste(text) => {
                if std::mem::take(&mut self.replace) {
                    self.input.reset();
                }
                // One line of text; control characters never reach the input.
                for c in text.chars() {
                    type_char(&mut self.input, c);
                }
                Picked::QueryChanged
            }
            _ => Picked::Nothing,
        }
    }
}

/// Types a char into an input. Half-width katakana become full-width, and a half-width voiced
/// mark joins the kana before it (ﾊﾞ → バ): what an IME would have produced, and what every
/// terminal draws alike. Search folds width anyway, so the query means the same.
fn type_char(input: &mut Input, c: char) -> bool {
    use unicode_normalization::UnicodeNormalization;
    match c {
        '\u{ff9e}' | '\u{ff9f}' => {
            let mark = if c == '\u{ff9e}' {
                '\u{3099}'
            } else {
                '\u{309a}'
            };
            let prev = input.value().chars().nth(input.cursor().wrapping_sub(1));
            if let Some(composed) = prev.and_then(|p| unicode_normalization::char::compose(p, mark))
            {
                input.handle(InputRequest::DeletePrevChar);
                input.handle(InputRequest::InsertChar(composed));
            } else {
                input.handle(InputRequest::InsertChar(if c == '\u{ff9e}' {
                    '゛'
                } else {
                    '゜'
                }));
            }
            true
        }
        c if c.is_control() || crate::report::decode::is_unsafe_char(c) => false,
        '\u{ff61}'..='\u{ff9d}' => {
            for d in c.to_string().nfkc() {
                input.handle(InputRequest::InsertChar(d));
            }
            true
        }
        c => input.handle(InputRequest::InsertChar(c)).is_some(),
    }
}

/// Handles an input request: typed chars through [`type_char`]. Did the value change?
fn edit(input: &mut Input, req: InputRequest) -> bool {
    match req {
        InputRequest::InsertChar(c) => type_char(input, c),
        req => input.handle(req).is_some_and(|c| c.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_replaces_a_selected_query_and_editing_keeps_it() {
        let mut p: Picker<u8> = Picker::default();
        p.set_query("MID-NET");
        p.select_query();
        assert_eq!(
            p.update(Action::Edit(InputRequest::InsertChar('C')), 5),
            Picked::QueryChanged
        );
        assert_eq!(p.query(), "C");
        p.select_query();
        p.update(Action::Edit(InputRequest::GoToEnd), 5);
        p.update(Action::Edit(InputRequest::InsertChar('i')), 5);
        assert_eq!(p.query(), "Ci");
    }

    #[test]
    fn list_keys_stop_at_the_ends() {
        let mut p: Picker<u8> = Picker::default();
        p.set_items(vec![1, 2, 3], 3);
        p.update(Action::PickPrev, 5);
        assert_eq!(p.selected(), 0);
        p.update(Action::PageDown, 5);
        assert_eq!(p.current(), Some(&3));
        assert_eq!(p.update(Action::Pick, 5), Picked::Accept);
        assert_eq!(p.update(Action::Quit, 5), Picked::Close);
    }
}
