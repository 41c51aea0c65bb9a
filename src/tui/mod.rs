//! The full-screen browser. The loop draws the state, reads every event already queued, turns
//! each into an [`action::Action`] through the keymap, lets `App::update` apply it, and
//! carries out the effects it returns: searches on a worker thread (the newest query
//! wins), clipboard programs on another, so that nothing the loop does can block on a child
//! process or a big search. Signals end the loop with the terminal restored.

pub mod action;
pub(crate) mod annotations;
pub(crate) mod app;
pub(crate) mod detail;
mod harness;
pub(crate) mod history;
pub mod keymap;
pub(crate) mod layout;
pub(crate) mod outline;
pub(crate) mod picker;
pub(crate) mod programs;
pub(crate) mod screen;
pub(crate) mod strings;
pub(crate) mod terminal;
pub(crate) mod theme;
pub(crate) mod ui;
pub(crate) mod versus;
pub(crate) mod wrap;

pub use app::{Focus, Mode};
pub use harness::Harness;
pub use terminal::restore_after_abort;

use action::Action;
use app::{App, Doc, Effect};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::event::{MouseButton, MouseEventKind};
use ratatui::layout::Rect;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crate::clipboard;
use crate::report::Loaded;
use crate::report::excerpt::Format;

/// The action for a terminal event, if any. Key releases and repeats of other kinds are
/// ignored (only presses act). While the screen is too small, only `q` and Ctrl-c (quit) and
/// resizes get through.
pub(crate) fn event_action(app: &App, ev: Event) -> Option<Action> {
    if app.screen().areas.too_small {
        return match ev {
            Event::Key(k)
                if k.kind == KeyEventKind::Press
                    && (k.code == KeyCode::Char('q')
                        || (k.code == KeyCode::Char('c')
                            && k.modifiers.contains(KeyModifiers::CONTROL))) =>
            {
                Some(Action::Quit)
            }
            Event::Resize(width, height) => Some(Action::Resize { width, height }),
            _ => None,
        };
    }
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => keymap::action_for(app.mode(), &k),
        Event::Mouse(m) => {
            let (x, y) = (m.column, m.row);
            match m.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { x, y }),
                MouseEventKind::ScrollUp => Some(Action::ScrollUp { x, y }),
                MouseEventKind::ScrollDown => Some(Action::ScrollDown { x, y }),
                _ => None,
            }
        }
        Event::Paste(s) => Some(Action::Paste(s)),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

/// Settings of the browser from the command line.
#[derive(Debug, Clone)]
pub struct Options {
    /// How copies are written.
    pub(crate) copy_format: Format,
    /// Where copies go.
    pub(crate) clipboard: clipboard::Config,
    /// Capture the mouse at start.
    pub(crate) mouse: bool,
    /// Ambiguous glyphs drawn narrow (`Some(true)`), wide, or ask the terminal (`None`).
    pub(crate) ambiguous: Option<bool>,
    /// A warning to show in the status bar at start.
    pub(crate) notice: Option<String>,
}

/// How the browser ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal (its number) asked the process to end.
    Signal(i32),
}

/// The signals that end the browser: recorded by a handler, acted on by the loop.
fn install_signals() -> io::Result<Arc<AtomicUsize>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let caught = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGINT, SIGHUP, SIGQUIT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&caught), sig as usize)?;
    }
    Ok(caught)
}

/// What wakes the loop: a terminal event, or a worker's answer.
enum Msg {
    Event(Event),
    Reply(Action),
    /// Reading the terminal failed: it is gone.
    InputClosed,
}

/// The search worker: runs the newest query it has been sent, and answers through `reply`.
fn spawn_searcher(
    doc: Arc<Doc>,
    reply: mpsc::Sender<Msg>,
) -> mpsc::Sender<(u64, String, app::SearchScope)> {
    let (tx, rx) = mpsc::channel::<(u64, String, app::SearchScope)>();
    std::thread::spawn(move || {
        while let Ok(mut job) = rx.recv() {
            // Queries typed while the last one ran: only the newest matters.
            while let Ok(newer) = rx.try_recv() {
                job = newer;
            }
            let results = Box::new(doc.search(&job.1, job.2));
            let done = Action::SearchDone {
                generation: job.0,
                results,
            };
            if reply.send(Msg::Reply(done)).is_err() {
                return;
            }
        }
    });
    tx
}

/// The notes worker's thread. Dropped when the browser ends, it finishes the changes already
/// sent before the process goes on: nothing the user was told is being saved is dropped.
struct NotesThread {
    tx: Option<mpsc::Sender<annotations::Job>>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl NotesThread {
    fn spawn(doc: Arc<Doc>, reply: mpsc::Sender<Msg>) -> NotesThread {
        let (tx, rx) = mpsc::channel::<annotations::Job>();
        let path = crate::notes::default_path().ok();
        let handle = std::thread::spawn(move || {
            let mut worker = annotations::Worker::new(path, doc);
            while let Ok(job) = rx.recv() {
                let done = worker.run(job);
                // The browser may have ended: the job is done all the same.
                let _ = reply.send(Msg::Reply(Action::NotesDone(Box::new(done))));
            }
        });
        NotesThread {
            tx: Some(tx),
            handle: Some(handle),
        }
    }

    fn send(&self, job: annotations::Job) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(job);
        }
    }
}

impl Drop for NotesThread {
    fn drop(&mut self) {
        drop(self.tx.take());
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// Reads terminal events on their own thread, so the loop can wait on events and workers at
/// once, and notice signals while the terminal is silent.
fn spawn_input(tx: mpsc::Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(ev) => Msg::Event(ev),
                Err(_) => Msg::InputClosed,
            };
            let closed = matches!(msg, Msg::InputClosed);
            if tx.send(msg).is_err() || closed {
                return;
            }
        }
    });
}

/// Has the terminal hung up? (A closed SSH connection or terminal window, when no SIGHUP
/// came: reading the terminal then returns nothing, forever.)
fn hung_up() -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::os::fd::AsFd;
    let stdin = io::stdin();
    let mut fds = [PollFd::new(stdin.as_fd(), PollFlags::POLLIN)];
    poll(&mut fds, PollTimeout::ZERO).is_ok()
        && fds[0].revents().is_some_and(|r| {
            r.intersects(PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL)
        })
}

/// How long the loop handles queued messages before it draws.
const BATCH: Duration = Duration::from_millis(30);

/// Runs the browser on a loaded report until the user quits or a signal arrives.
pub fn run(loaded: Loaded, old: Option<Loaded>, options: Options) -> io::Result<Exit> {
    let exit = run_loop(loaded, old, options);
    // A clipboard program still running when the browser ends ends with it.
    clipboard::kill_running();
    exit
}

fn run_loop(loaded: Loaded, old: Option<Loaded>, options: Options) -> io::Result<Exit> {
    let caught = install_signals()?;
    let (mut term, _guard) = terminal::init(options.mouse)?;
    let narrow = options.ambiguous.or_else(terminal::probe_ambiguous_narrow);
    crate::width::set_ambiguous_narrow(narrow.unwrap_or(false));
    let size = term.size()?;
    let old = old.map(|o| (o.report, o.origin.display_name()));
    let doc = Arc::new(
        Doc::compared(loaded.report, loaded.origin.display_name(), old)
            .with_content_id(loaded.content_id),
    );
    let mut app = App::new(
        Arc::clone(&doc),
        theme::Theme::from_env(),
        Rect::new(0, 0, size.width, size.height),
    );
    app.set_copy_format(options.copy_format);
    if let Some(n) = options.notice {
        app.set_message(n);
    }
    app.set_mouse(options.mouse);
    let history_path = history::path();
    if let Some(p) = &history_path {
        app.set_history(history::load(p));
    }
    let width_path = history::outline_width_path();
    if let Some(p) = &width_path {
        app.set_outline_width(history::load_outline_width(p));
    }
    let (tx, rx) = mpsc::channel::<Msg>();
    // Readings are analyzed while the user reads, so the first romaji query need not wait
    // (the embedded report's come ready-made).
    let prepared = Arc::clone(&doc);
    std::thread::spawn(move || prepared.index.prepare_readings(&prepared.report));
    let notes = NotesThread::spawn(Arc::clone(&doc), tx.clone());
    for e in app.enable_notes() {
        if let Effect::Notes(job) = e {
            notes.send(job);
        }
    }
    let searcher = spawn_searcher(doc, tx.clone());
    spawn_input(tx.clone());
    let env = clipboard::Env::from_process();
    let mut dirty = true;
    loop {
        let sig = caught.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(Exit::Signal(sig as i32));
        }
        // Drawn only when something changed.
        if std::mem::take(&mut dirty)
            && let Err(e) = term.draw(|f| ui::draw(f, &app))
        {
            // A terminal that went away is a hang-up, not an error to report on it.
            return if hung_up() {
                Ok(Exit::Signal(signal_hook::consts::SIGHUP))
            } else {
                Err(e)
            };
        }
        let first = match rx.recv_timeout(Duration::from_millis(250)) {
            Ok(msg) => msg,
            Err(mpsc::RecvTimeoutError::Timeout) if hung_up() => {
                return Ok(Exit::Signal(signal_hook::consts::SIGHUP));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(Exit::Quit),
        };
        // Everything already queued is handled before the next frame.
        let start = Instant::now();
        let mut next = Some(first);
        let mut effects = Vec::new();
        while let Some(msg) = next.take() {
            let action = match msg {
                Msg::Event(ev) => event_action(&app, ev),
                Msg::Reply(a) => Some(a),
                Msg::InputClosed => return Ok(Exit::Signal(signal_hook::consts::SIGHUP)),
            };
            if let Some(a) = action {
                effects.extend(app.update(a));
                dirty = true;
            }
            if start.elapsed() < BATCH {
                next = rx.try_recv().ok();
            }
        }
        for e in effects {
            match e {
                Effect::Quit => return Ok(Exit::Quit),
                Effect::Mouse(on) => terminal::set_mouse(on)?,
                Effect::SaveOutlineWidth(w) => {
                    if let Some(p) = width_path.clone() {
                        std::thread::spawn(move || history::save_outline_width(&p, w));
                    }
                }
                Effect::SaveHistory(entries) => {
                    // Written off this thread; a failure only loses the newest query.
                    if let Some(p) = history_path.clone() {
                        std::thread::spawn(move || history::save(&p, &entries));
                    }
                }
                Effect::Search {
                    generation,
                    query,
                    scope,
                } => {
                    let _ = searcher.send((generation, query, scope));
                }
                Effect::Notes(job) => notes.send(job),
                Effect::Copy(text) => {
                    // OSC 52 goes to the terminal from this thread, between frames; the
                    // programs run on a worker, which answers with what happened.
                    let mut osc = clipboard::Delivery::default();
                    clipboard::send_osc52(&text, &mut io::stdout(), &mut osc);
                    let (config, env, tx) = (options.clipboard.clone(), env.clone(), tx.clone());
                    std::thread::spawn(move || {
                        let mut d = clipboard::deliver(&text, &config, &env);
                        d.targets.extend(osc.targets);
                        d.errors.extend(osc.errors);
                        let _ = tx.send(Msg::Reply(Action::CopyDone(d.message())));
                    });
                }
            }
        }
    }
}
