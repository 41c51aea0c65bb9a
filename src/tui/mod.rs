//! The full-screen browser. One synchronous loop: draw the state, read an event, turn it
//! into an [`action::Action`] through the keymap, update the state.

pub mod action;
pub mod app;
pub mod detail;
pub mod keymap;
pub mod layout;
pub mod outline;
pub mod strings;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod wrap;

use action::Action;
use app::App;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;
use std::io;

use crate::clipboard;
use crate::report::Loaded;
use crate::report::excerpt::Format;

/// The action for a terminal event, if any. Key releases and repeats of other kinds are
/// ignored (only presses act).
pub fn event_action(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => keymap::action_for(app.mode, &k),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp {
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown {
                x: m.column,
                y: m.row,
            }),
            _ => None,
        },
        Event::Paste(s) => Some(Action::Paste(s)),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

/// Settings of the browser from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub copy_format: Format,
    pub clipboard: clipboard::Config,
}

/// Runs the browser on a loaded report until the user quits.
pub fn run(loaded: Loaded, options: Options) -> io::Result<()> {
    let (mut term, _guard) = terminal::init()?;
    let size = term.size()?;
    let mut app = App::new(
        loaded.report,
        loaded.origin.display_name(),
        theme::Theme::from_env(),
        Rect::new(0, 0, size.width, size.height),
    );
    app.copy_format = options.copy_format;
    let env = clipboard::Env::from_process();
    while !app.quit {
        term.draw(|f| ui::draw(f, &app))?;
        if let Some(action) = event_action(&app, event::read()?) {
            app.update(action);
        }
        if let Some(text) = app.take_copy() {
            let done = clipboard::copy(&text, &options.clipboard, &env, &mut io::stdout());
            app.update(Action::CopyDone(done.message()));
        }
    }
    Ok(())
}
