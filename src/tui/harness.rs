//! A browser without a terminal, for tests and benchmarks: keys and events go in as they would
//! from the terminal, effects are carried out at once (searches run in place, copies are kept),
//! and frames are drawn on ratatui's `TestBackend`.

use super::action::Action;
use super::app::{App, Doc, Effect, Focus, Mode};
use super::theme::Theme;
use super::{event_action, ui};
use crate::report::Report;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::sync::Arc;

/// A browser driven by a test.
pub struct Harness {
    app: App,
    copies: Vec<String>,
    quit: bool,
    /// The notes worker, run in place.
    notes: Option<super::annotations::Worker>,
}

impl Harness {
    /// A browser over `report` in a `width`×`height` terminal.
    pub fn new(report: Report, width: u16, height: u16, colour: bool) -> Harness {
        let doc = Arc::new(Doc::new(report, "test".into()));
        Harness {
            app: App::new(doc, Theme { colour }, Rect::new(0, 0, width, height)),
            copies: Vec::new(),
            quit: false,
            notes: None,
        }
    }

    /// A browser over the newer of two editions compared (file names `old.txt`, `new.txt`).
    pub fn compared(new: Report, old: Report, width: u16, height: u16, colour: bool) -> Harness {
        let doc = Arc::new(Doc::compared(
            new,
            "new.txt".into(),
            Some((old, "old.txt".into())),
        ));
        Harness {
            app: App::new(doc, Theme { colour }, Rect::new(0, 0, width, height)),
            copies: Vec::new(),
            quit: false,
            notes: None,
        }
    }

    /// The plan → result view, when the detail pane shows it: each row as (plan, result)
    /// bullet numbers, 1-based.
    pub fn versus_rows(&self) -> Option<Vec<(Option<usize>, Option<usize>)>> {
        let v = self.app.versus()?;
        Some(
            v.rows()
                .iter()
                .map(|r| (r.plan.map(|p| p + 1), r.result.map(|r| r + 1)))
                .collect(),
        )
    }

    /// The row of the plan → result view under the cursor.
    pub fn versus_cursor(&self) -> Option<usize> {
        self.app.versus().map(|v| v.cursor())
    }

    /// The outline's visible rows as drawn marks and text: `~ ① 臨床研究法の着実な施行`.
    pub fn outline_marks(&self) -> Vec<String> {
        self.app
            .outline()
            .rows()
            .iter()
            .map(|r| {
                let mark = r.mark.map_or(" ", super::ui::change_mark);
                format!("{mark} {}", r.text)
            })
            .collect()
    }

    /// A browser whose notes are kept in the store at `store`, for a document whose content
    /// id is `content_id`.
    pub fn with_notes(
        report: Report,
        width: u16,
        height: u16,
        store: &std::path::Path,
        content_id: &str,
    ) -> Harness {
        let doc =
            Arc::new(Doc::new(report, "test.txt".into()).with_content_id(content_id.to_string()));
        let worker = super::annotations::Worker::new(Some(store.to_path_buf()), Arc::clone(&doc));
        let mut h = Harness {
            app: App::new(doc, Theme { colour: true }, Rect::new(0, 0, width, height)),
            copies: Vec::new(),
            quit: false,
            notes: Some(worker),
        };
        let start = h.app.enable_notes();
        h.carry_out(start);
        h
    }

    /// Keeps notes in the store at `store` (a browser made without them, two editions say).
    pub fn enable_notes(&mut self, store: &std::path::Path) {
        let doc = self.app.shared_doc();
        self.notes = Some(super::annotations::Worker::new(
            Some(store.to_path_buf()),
            doc,
        ));
        let start = self.app.enable_notes();
        self.carry_out(start);
    }

    /// Every note, as (address, mark, text), in the report's order.
    pub fn notes(&self) -> Vec<(String, Option<crate::notes::Mark>, String)> {
        let mut v: Vec<_> = self
            .app
            .notes()
            .notes()
            .iter()
            .map(|p| {
                (
                    p.loc,
                    p.note.address.clone(),
                    p.note.mark,
                    p.note.text.clone(),
                )
            })
            .collect();
        v.sort_by_key(|x| x.0);
        v.into_iter().map(|(_, a, m, t)| (a, m, t)).collect()
    }

    /// The node shown, as its id (`1.4.2`).
    pub fn selected(&self) -> String {
        self.app.selected().to_string()
    }

    /// The active bindings.
    pub fn mode(&self) -> Mode {
        self.app.mode()
    }

    /// The pane with the keyboard.
    pub fn focus(&self) -> Focus {
        self.app.focus()
    }

    /// The status bar's message.
    pub fn message(&self) -> Option<String> {
        self.app.message().map(str::to_string)
    }

    /// The search popup's query.
    pub fn search_query(&self) -> String {
        self.app.search().query().to_string()
    }

    /// The search popup's hits, as the ids of their nodes, best first.
    pub fn search_hits(&self) -> Vec<String> {
        let units = &self.app.doc().index.units;
        self.app
            .search()
            .items()
            .iter()
            .map(|h| units[h.unit].node.to_string())
            .collect()
    }

    /// How many hits the search found in all.
    pub fn search_total(&self) -> usize {
        self.app.search().total()
    }

    /// The hit chosen in the popup.
    pub fn search_selected(&self) -> usize {
        self.app.search().selected()
    }

    /// The outline's visible rows, as ids.
    pub fn outline_rows(&self) -> Vec<String> {
        let rows = self.app.outline().rows();
        rows.iter().map(|r| r.id.to_string()).collect()
    }

    /// The first outline row shown.
    pub fn outline_scroll(&self) -> usize {
        self.app.outline().scroll()
    }

    /// The place under the detail cursor (`2.3.4 plans 1`), if it is a text of the report.
    pub fn cursor_place(&self) -> Option<String> {
        let d = self.app.detail();
        let loc = d.blocks().get(d.cursor())?.kind.loc()?;
        Some(loc.to_string())
    }

    /// The scroll of the detail view holding the cursor.
    pub fn detail_scroll(&self) -> usize {
        let d = self.app.detail();
        let region = self.app.screen().view_of(d.cursor()).and_then(|v| v.region);
        d.scroll_of(region)
    }

    /// How many views the detail pane has: 1 stacked, 3 side by side.
    pub fn detail_views(&self) -> usize {
        self.app.screen().views.len()
    }

    /// The terms the index of programs lists under its filter.
    pub fn program_terms(&self) -> Vec<String> {
        let Some(p) = self.app.programs() else {
            return Vec::new();
        };
        p.picker()
            .items()
            .iter()
            .map(|&i| p.entries()[i].term.clone())
            .collect()
    }

    /// The style matched characters are drawn in.
    pub fn hit_style(&self) -> ratatui::style::Style {
        self.app.theme().hit()
    }

    /// The style of the occurrence `n` / `N` stopped at.
    pub fn current_hit_style(&self) -> ratatui::style::Style {
        self.app.theme().current_hit()
    }

    /// How many hits the accepted search highlights.
    pub fn highlighted_hits(&self) -> usize {
        self.app.highlight().map_or(0, |h| h.hits.len())
    }

    /// Applies an action and carries out its effects.
    pub fn act(&mut self, action: Action) {
        let effects = self.app.update(action);
        self.carry_out(effects);
    }

    /// Carries out effects, and the effects of the answers to them.
    fn carry_out(&mut self, effects: Vec<Effect>) {
        let mut queue: Vec<Action> = Vec::new();
        let mut pending = effects;
        loop {
            for e in std::mem::take(&mut pending) {
                match e {
                    Effect::Notes(job) => {
                        if let Some(w) = self.notes.as_mut() {
                            queue.push(Action::NotesDone(Box::new(w.run(job))));
                        }
                    }
                    Effect::Quit => self.quit = true,
                    Effect::Mouse(_) | Effect::SaveHistory(_) | Effect::SaveOutlineWidth(_) => {}
                    Effect::Copy(text) => self.copies.push(text),
                    Effect::Search {
                        generation,
                        query,
                        scope,
                    } => {
                        let results = Box::new(self.app.doc().search(&query, scope));
                        queue.push(Action::SearchDone {
                            generation,
                            results,
                        });
                    }
                }
            }
            match queue.pop() {
                Some(a) => pending = self.app.update(a),
                None => return,
            }
        }
    }

    /// A terminal event, through the keymap.
    pub fn event(&mut self, ev: Event) {
        if let Some(a) = event_action(&self.app, ev) {
            self.act(a);
        }
    }

    /// A key press.
    pub fn key(&mut self, code: KeyCode) {
        self.key_mod(code, KeyModifiers::NONE);
    }

    /// A key press with modifiers.
    pub fn key_mod(&mut self, code: KeyCode, mods: KeyModifiers) {
        self.event(Event::Key(KeyEvent::new(code, mods)));
    }

    /// Each char of `s` as a key press.
    pub fn typed(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// A resize.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.act(Action::Resize { width, height });
    }

    /// The oldest copy not yet taken.
    pub fn take_copy(&mut self) -> Option<String> {
        (!self.copies.is_empty()).then(|| self.copies.remove(0))
    }

    /// Has the browser been asked to quit?
    pub fn quit(&self) -> bool {
        self.quit
    }

    /// Draws a frame.
    pub fn render(&self) -> Terminal<TestBackend> {
        let size = self.app.size();
        let mut t =
            Terminal::new(TestBackend::new(size.width, size.height)).unwrap_or_else(|e| match e {});
        let _ = t.draw(|f| ui::draw(f, &self.app));
        t
    }
}
