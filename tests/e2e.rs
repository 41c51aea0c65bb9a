//! The real binary in a pseudo-terminal: search for MID-NET, see the measure, resize, quit.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly, as it should.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Screen {
    parser: vt100::Parser,
    rx: mpsc::Receiver<Vec<u8>>,
    raw: Vec<u8>,
}

impl Screen {
    fn pump(&mut self, wait: Duration) {
        while let Ok(bytes) = self.rx.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
            if wait.is_zero() {
                break;
            }
        }
    }

    fn text(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen shows every string, or fails with what it shows.
    fn wait_for(&mut self, wanted: &[&str]) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump(Duration::from_millis(50));
            let text = self.text();
            if wanted.iter().all(|w| text.contains(w)) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {wanted:?}; screen:\n{text}"
            );
        }
    }
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The binary in a pty of `cols`×`rows`, with `args` and extra environment.
struct Running {
    screen: Screen,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

fn start(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Running {
    let pty = native_pty_system();
    let pair = pty.openpty(size(cols, rows)).expect("open a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_senryaku"));
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    for var in [
        "TMUX",
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "SENRYAKU_CLIPBOARD",
        "NO_COLOR",
    ] {
        cmd.env_remove(var);
    }
    // The search history goes to a directory of the test's, never the user's.
    let state = std::env::temp_dir().join(format!("senryaku-e2e-state-{}", std::process::id()));
    cmd.env("XDG_STATE_HOME", &state);
    // The notes too.
    cmd.env("SENRYAKU_DATA_DIR", state.join("data"));
    // Nor does the reading cache go to the user's.
    cmd.env("SENRYAKU_NO_CACHE", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = pair.slave.spawn_command(cmd).expect("spawn senryaku");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    Running {
        screen: Screen {
            parser: vt100::Parser::new(rows, cols, 0),
            rx,
            raw: Vec::new(),
        },
        child,
        writer,
        _master: pair.master,
    }
}

impl Running {
    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits at most `limit` for the process to end.
    fn wait_exit(&mut self, limit: Duration) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                self.screen.pump(Duration::from_millis(100));
                return st;
            }
            assert!(
                Instant::now() < deadline,
                "senryaku did not exit in {limit:?}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The terminal is as it was: main screen, cursor shown, mouse and paste reporting off.
    fn assert_restored(&self) {
        assert!(
            !self.screen.parser.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(
            !self.screen.parser.screen().hide_cursor(),
            "cursor still hidden"
        );
        let raw = String::from_utf8_lossy(&self.screen.raw);
        assert!(raw.contains("\u{1b}[?1000l") || raw.contains("\u{1b}[?1003l"));
        assert!(raw.contains("\u{1b}[?2004l"));
    }
}

#[test]
fn signals_restore_the_terminal_and_exit_with_their_status() {
    for (sig, name) in [(15, "TERM"), (1, "HUP"), (2, "INT"), (3, "QUIT")] {
        let mut r = start(&[], &[], 80, 24);
        r.screen.wait_for(&["NORMAL"]);
        assert!(r.screen.parser.screen().alternate_screen());
        let pid = r.child.process_id().unwrap();
        let st = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(st.success());
        let status = r.wait_exit(Duration::from_secs(3));
        assert_eq!(status.exit_code(), 128 + sig, "SIG{name}");
        r.assert_restored();
    }
}

/// An abort (what a failed allocation does) kills the process without unwinding: the
/// terminal is put back all the same.
#[test]
fn an_abort_restores_the_terminal() {
    let mut r = start(&[], &[], 80, 24);
    r.screen.wait_for(&["NORMAL"]);
    let pid = r.child.process_id().unwrap();
    let st = std::process::Command::new("kill")
        .args(["-ABRT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    let status = r.wait_exit(Duration::from_secs(3));
    assert!(!status.success());
    r.assert_restored();
}

#[test]
fn a_clipboard_command_that_never_reads_cannot_freeze_the_browser() {
    let marker = format!("sleep 3{}", std::process::id() % 1000);
    let cmd = format!("read -r l; {marker}");
    let mut r = start(&["--clipboard-cmd", &cmd], &[], 100, 30);
    r.screen.wait_for(&["NORMAL"]);
    // Y copies the measure; the command never reads it all. Keys still act at once.
    r.send(b"\tY");
    std::thread::sleep(Duration::from_millis(100));
    r.send(b"]");
    r.screen.wait_for(&["1.1.2"]);
    let asked = Instant::now();
    r.send(b"q");
    let status = r.wait_exit(Duration::from_secs(1));
    assert!(asked.elapsed() < Duration::from_secs(1));
    assert!(status.success());
    r.assert_restored();
    // The command and its children ended with the browser.
    std::thread::sleep(Duration::from_millis(200));
    let ps = std::process::Command::new("ps")
        .args(["-eo", "args"])
        .output()
        .unwrap();
    let ps = String::from_utf8_lossy(&ps.stdout);
    assert!(
        !ps.lines().any(|l| l.starts_with(&marker)),
        "{marker} still runs"
    );
}

#[test]
fn too_small_a_screen_takes_only_quit_and_resize() {
    let mut r = start(&[], &[], 30, 8);
    r.screen.wait_for(&["too small"]);
    // y would copy and / would open search: neither acts.
    r.send(b"y/abc");
    std::thread::sleep(Duration::from_millis(200));
    r.screen.pump(Duration::from_millis(50));
    let raw = String::from_utf8_lossy(&r.screen.raw).into_owned();
    assert!(!raw.contains("\u{1b}]52;"), "copied while too small");
    r.send(b"q");
    assert!(r.wait_exit(Duration::from_secs(2)).success());
}

#[test]
fn search_jump_resize_quit_in_a_real_terminal() {
    let mut r = start(&[], &[], 120, 40);

    // The first frame: the parts and a measure, on the alternate screen.
    let started = Instant::now();
    r.screen
        .wait_for(&["（１）世界最高水準", "ゲノム医療の実現の推進", "NORMAL"]);
    assert!(r.screen.parser.screen().alternate_screen());
    eprintln!("first frame after {:?}", started.elapsed());

    r.send(b"/");
    r.screen.wait_for(&["SEARCH"]);
    r.send(b"MID-NET");
    r.screen.wait_for(&["2 hits"]);
    r.send(b"\r");
    r.screen.wait_for(&[
        "レギュラトリーサイエンスの推進",
        "平成 29 年度の主な実行状況・成果",
        "平成 30 年度の主な取組方針",
        "1.4.2",
    ]);

    // Y copies the whole measure: an OSC 52 sequence whose payload is the excerpt.
    r.send(b"Y");
    r.screen.wait_for(&["Copied"]);
    let raw = String::from_utf8_lossy(&r.screen.raw).into_owned();
    let start = raw.find("\u{1b}]52;c;").expect("an OSC 52 sequence") + "\u{1b}]52;c;".len();
    let end = start + raw[start..].find('\u{7}').expect("OSC 52 ends with BEL");
    use base64::Engine;
    let payload = base64::engine::general_purpose::STANDARD
        .decode(&raw[start..end])
        .unwrap();
    let report = senryaku::report::load(None).unwrap().report;
    let want = senryaku::report::excerpt::excerpt(
        &report,
        "1.4.2".parse().unwrap(),
        &senryaku::report::excerpt::Scope::Measure,
        senryaku::report::excerpt::Format::Plain,
    )
    .unwrap();
    assert_eq!(String::from_utf8(payload).unwrap(), want);
    let msg = format!("Copied {} characters to OSC 52", want.chars().count());
    r.screen.wait_for(&[&msg]);

    // Resize: the browser redraws for the new size.
    r._master.resize(size(80, 24)).unwrap();
    r.screen.parser.screen_mut().set_size(24, 80);
    r.screen.wait_for(&["NORMAL", "1.4.2"]);
    let text = r.screen.text();
    assert!(text.lines().count() <= 24);
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80),
        "{text}"
    );

    r.send(b"q");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(st) = r.child.try_wait().unwrap() {
            break st;
        }
        assert!(Instant::now() < deadline, "senryaku did not exit on q");
        std::thread::sleep(Duration::from_millis(20));
    };
    r.screen.pump(Duration::from_millis(100));
    assert!(status.success(), "exit status {status:?}");
    assert!(
        !r.screen.parser.screen().alternate_screen(),
        "still on the alternate screen"
    );
    // Mouse reporting and bracketed paste were switched off again.
    let raw = String::from_utf8_lossy(&r.screen.raw);
    assert!(
        raw.contains("\u{1b}[?1000l")
            || raw.contains("\u{1b}[?1002l")
            || raw.contains("\u{1b}[?1003l")
    );
    assert!(raw.contains("\u{1b}[?2004l"));
    // No kitty keyboard protocol flags were pushed (they break IME composition).
    assert!(!raw.contains("\u{1b}[>"));
}

/// The column where the popup whose title bar shows `title` starts, and that bar's row.
fn popup_origin(screen: &vt100::Screen, title: &str) -> Option<(u16, u16)> {
    let (rows, cols) = screen.size();
    let first = title.chars().next()?.to_string();
    for r in 0..rows {
        for c in 1..cols {
            if screen
                .cell(r, c)
                .is_some_and(|cell| cell.contents() == first)
            {
                let text: String = (c..cols.min(c + title.chars().count() as u16))
                    .filter_map(|k| screen.cell(r, k).map(|x| x.contents().to_string()))
                    .collect();
                if text == title {
                    return Some((c - 1, r));
                }
            }
        }
    }
    None
}

/// Popups drawn over Japanese text, on the real byte stream: every row of a popup's left
/// border shows its `│`, and the selected hit's band has no hole in its background.
#[test]
fn popups_over_wide_glyphs_keep_their_frames_and_bands() {
    for (cols, rows) in [(120u16, 40u16), (79, 24), (41, 16), (200, 60)] {
        for (keys, title) in [
            (&b"/MID-NET"[..], "Search"),
            (&b"/CiCLE"[..], "Search"),
            (&b"p"[..], "Programs and acronyms"),
            (&b"?"[..], "Keys"),
            (&b"A"[..], "Notes"),
        ] {
            let mut r = start(&[], &[], cols, rows);
            r.screen.wait_for(&["NORMAL"]);
            // In the detail pane, so the item cursor ▌ lies under the popup's edge too.
            r.send(b"\t");
            std::thread::sleep(Duration::from_millis(50));
            // One key at a time, each drawn: the frames in between leave glyphs on screen.
            for k in keys {
                r.send(&[*k]);
                std::thread::sleep(Duration::from_millis(40));
            }
            r.screen.wait_for(&[title]);
            std::thread::sleep(Duration::from_millis(150));
            r.screen.pump(Duration::from_millis(50));
            let screen = r.screen.parser.screen();
            let (px, top) = popup_origin(screen, title).unwrap_or_else(|| {
                panic!("no {title} popup at {cols}x{rows}:\n{}", r.screen.text())
            });
            // The footer is the next row below the title whose first cell is not the border.
            let mut y = top + 1;
            while y < rows - 1 && screen.cell(y, px).is_some_and(|c| c.contents() == "│") {
                y += 1;
            }
            assert!(
                y >= top + 4,
                "{title} at {cols}x{rows}: left border broken at row {} of {}:\n{}",
                top + 1,
                y,
                r.screen.text()
            );
            let footer = y;
            // The selected hit's rows (search only): one unbroken band of the selected colour.
            if title == "Search" {
                let band_bg = vt100::Color::Idx(4);
                let mut band_rows = 0;
                for y in top + 1..footer {
                    let Some(c0) = screen.cell(y, px + 2) else {
                        continue;
                    };
                    if c0.bgcolor() != band_bg {
                        continue;
                    }
                    band_rows += 1;
                    let width = screen.size().1;
                    let mut x = px + 2;
                    while x < width && screen.cell(y, x).is_some_and(|c| c.contents() != "│") {
                        let cell = screen.cell(y, x).unwrap();
                        // The band's colour, or the matched characters' highlight.
                        let hit_bg = vt100::Color::Idx(3);
                        assert!(
                            cell.is_wide_continuation()
                                || cell.bgcolor() == band_bg
                                || cell.bgcolor() == hit_bg,
                            "hole in the band at {cols}x{rows} row {y} col {x}:\n{}",
                            r.screen.text()
                        );
                        x += 1;
                    }
                }
                assert_eq!(
                    band_rows, 2,
                    "{cols}x{rows}: the selected hit takes two rows"
                );
            }
            // Esc alone (Esc then q at once reads as Alt-q), then q.
            r.send(b"\x1b");
            std::thread::sleep(Duration::from_millis(80));
            r.send(b"q");
            let _ = r.wait_exit(Duration::from_secs(3));
        }
    }
}

/// `--no-mouse` leaves the mouse to the terminal; Alt-m takes it and gives it back.
#[test]
fn the_mouse_can_be_left_to_the_terminal() {
    let mut r = start(&["--no-mouse"], &[], 80, 24);
    r.screen.wait_for(&["NORMAL"]);
    let captured = |raw: &[u8]| String::from_utf8_lossy(raw).contains("\u{1b}[?1000h");
    assert!(!captured(&r.screen.raw));
    r.send(b"\x1bm");
    r.screen.wait_for(&["Mouse captured"]);
    assert!(captured(&r.screen.raw));
    r.send(b"\x1bm");
    r.screen.wait_for(&["Mouse released"]);
    r.send(b"q");
    assert!(r.wait_exit(Duration::from_secs(3)).success());
}

/// The search history outlives the browser: a query accepted in one run is Ctrl-r away in the
/// next.
#[test]
fn search_history_persists_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().to_str().unwrap();
    let mut r = start(&[], &[("XDG_STATE_HOME", state)], 100, 30);
    r.screen.wait_for(&["NORMAL"]);
    r.send(b"/");
    r.screen.wait_for(&["SEARCH"]);
    r.send(b"CiCLE");
    r.screen.wait_for(&["3 hits"]);
    r.send(b"\r");
    r.screen.wait_for(&["NORMAL"]);
    std::thread::sleep(Duration::from_millis(200));
    r.send(b"q");
    assert!(r.wait_exit(Duration::from_secs(3)).success());
    let saved = std::fs::read_to_string(dir.path().join("senryaku/search-history")).unwrap();
    assert_eq!(saved, "CiCLE\n");
    let mut r = start(&[], &[("XDG_STATE_HOME", state)], 100, 30);
    r.screen.wait_for(&["NORMAL"]);
    r.send(b"/");
    r.screen.wait_for(&["SEARCH"]);
    r.send(b"\x12");
    r.screen.wait_for(&["/ CiCLE", "3 hits"]);
    r.send(b"\x1b");
    std::thread::sleep(Duration::from_millis(80));
    r.send(b"q");
    assert!(r.wait_exit(Duration::from_secs(3)).success());
}

/// The column of the first `│` on the top row: where the outline ends.
fn divider_column(screen: &vt100::Screen) -> Option<u16> {
    (0..screen.size().1).find(|&c| screen.cell(0, c).is_some_and(|x| x.contents() == "│"))
}

/// `<` and `>` set the outline's width, and the next run keeps it.
#[test]
fn the_outline_width_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().to_str().unwrap();
    let mut r = start(&[], &[("XDG_STATE_HOME", state)], 120, 30);
    r.screen.wait_for(&["NORMAL"]);
    let before = divider_column(r.screen.parser.screen()).unwrap();
    r.send(b">");
    std::thread::sleep(Duration::from_millis(50));
    r.send(b">");
    std::thread::sleep(Duration::from_millis(200));
    r.screen.pump(Duration::from_millis(50));
    let wider = divider_column(r.screen.parser.screen()).unwrap();
    assert_eq!(wider, before + 8);
    r.send(b"q");
    assert!(r.wait_exit(Duration::from_secs(3)).success());
    let mut r = start(&[], &[("XDG_STATE_HOME", state)], 120, 30);
    r.screen.wait_for(&["NORMAL"]);
    assert_eq!(divider_column(r.screen.parser.screen()), Some(wider));
    r.send(b"q");
    assert!(r.wait_exit(Duration::from_secs(3)).success());
}

/// At start the browser asks the terminal how wide it draws ① (a cursor-position query) and
/// lays out for the answer: one column here, so `① ゲノム` has one space, not two. `--ambiguous
/// wide` keeps two columns, whatever the terminal says.
#[test]
fn ambiguous_width_is_asked_of_the_terminal() {
    for (args, wanted, unwanted) in [
        (&[][..], "① ゲノム医療の実現の推進", "①  ゲノム"),
        (
            &["--ambiguous", "wide"][..],
            "①  ゲノム医療の実現の推進",
            "① ゲノム",
        ),
    ] {
        let mut r = start(args, &[], 100, 30);
        // The answer of a terminal that draws ① one column wide: the cursor at column 2.
        r.send(b"\x1b[1;2R");
        r.screen.wait_for(&["NORMAL", wanted]);
        let text = r.screen.text();
        assert!(!text.contains(unwanted), "{text}");
        // The probe leaves nothing behind, and the query was sent.
        assert!(
            r.screen.raw.windows(4).any(|w| w == b"\x1b[6n") || !args.is_empty(),
            "no cursor-position query"
        );
        r.send(b"q");
        r.wait_exit(Duration::from_secs(5));
        r.assert_restored();
    }
}

#[path = "common/editions.rs"]
mod editions;

/// `senryaku NEW OLD`: the newer edition opens with the older's plans beside its results,
/// whichever order the two are given in; `d` goes back to the normal view.
#[test]
fn two_editions_open_as_plans_beside_results() {
    let seed = editions::seed();
    let old = editions::file("old-edition.txt", &editions::write(&seed));
    let new = editions::file(
        "new-edition.txt",
        &editions::write(&editions::changed(&seed)),
    );
    let (new, old) = (new.to_str().unwrap(), old.to_str().unwrap());
    let mut r = start(&["--ambiguous", "narrow", new, old], &[], 120, 40);
    r.screen.wait_for(&[
        "Plans → results",
        "[1.1.1 → 1.1.1]",
        "~ ① 臨床研究法の着実な施行",
        "- ⑤ 日本医療研究開発大賞の創",
        "Ⅱ 平成 30 年度の主な取組方針",
        "Ⅰ 平成 30 年度の主な実行状況・成果",
    ]);
    r.send(b":1.4.2\r");
    r.screen.wait_for(&["[1.4.2 → 1.4.2]", "row 1/2"]);
    r.send(b"d");
    r.screen.wait_for(&["Normal view (d: plans → results)"]);
    assert!(!r.screen.text().contains("row 1/2"));
    r.send(b"q");
    let status = r.wait_exit(Duration::from_secs(3));
    assert!(status.success());
    r.assert_restored();
}

/// Two editions naming the same years: compared as given, and the status bar says so.
#[test]
fn two_editions_of_the_same_years_are_compared_with_a_warning() {
    let seed = editions::file("same.txt", &editions::write(&editions::seed()));
    let seed = seed.to_str().unwrap();
    let mut r = start(
        &["--ambiguous", "narrow", seed, "--compare", seed],
        &[],
        120,
        40,
    );
    r.screen
        .wait_for(&["compared as given", "[1.1.1 → 1.1.1]  same"]);
    r.send(b"q");
    assert!(r.wait_exit(Duration::from_secs(3)).success());
}

/// Notes written in the browser are there when it opens again, even after a `kill -9`; a
/// store that is damaged is named, and the browser does not write to it.
#[test]
fn notes_survive_closing_and_reopening_the_browser() {
    let data = std::env::temp_dir().join(format!("senryaku-e2e-notes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let env = [("SENRYAKU_DATA_DIR", data.to_str().unwrap())];
    // Browsing alone makes no store.
    let mut r = start(&["--ambiguous", "narrow"], &env, 120, 40);
    r.screen.wait_for(&["NORMAL"]);
    r.send(b"jjq");
    assert!(r.wait_exit(Duration::from_secs(3)).success());
    assert!(!data.join("notes.db").exists());
    let mut r = start(&["--ambiguous", "narrow"], &env, 120, 40);
    r.screen.wait_for(&["NORMAL"]);
    // 1.4.2, its first result: marked ?, then a note.
    r.send(b":1.4.2\r");
    r.screen.wait_for(&["[1.4.2]"]);
    r.send(b"jmm");
    r.screen.wait_for(&["Saved", "?1"]);
    r.send(b"a");
    r.screen.wait_for(&["note 1.4.2 results 1:"]);
    r.send("MID-NET の利活用は".as_bytes());
    r.send(b"\r");
    r.screen.wait_for(&["Saved", "?1 *1"]);
    // Killed outright once it said "Saved": nothing of it is lost.
    let pid = r.child.process_id().unwrap();
    let st = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    assert!(!r.wait_exit(Duration::from_secs(3)).success());

    let mut r = start(&["--ambiguous", "narrow"], &env, 120, 40);
    r.screen.wait_for(&["② レギュラトリーサイエ", "?1 *1"]);
    r.send(b"A");
    r.screen
        .wait_for(&["1/1 notes", "? 1.4.2 results 1", "MID-NET の利活用は"]);
    r.send(b"\r");
    r.screen.wait_for(&["[1.4.2]", "?*・"]);
    r.send(b"q");
    assert!(r.wait_exit(Duration::from_secs(3)).success());

    // Damaged: named on the status bar, and left as it was.
    let store = data.join("notes.db");
    std::fs::write(&store, b"garbage, not a database").unwrap();
    let mut r = start(&["--ambiguous", "narrow"], &env, 160, 40);
    r.screen.wait_for(&["Notes unavailable", "damaged"]);
    r.send(b"m");
    r.screen.wait_for(&["Notes unavailable"]);
    r.send(b"q");
    assert!(r.wait_exit(Duration::from_secs(3)).success());
    assert_eq!(std::fs::read(&store).unwrap(), b"garbage, not a database");
}
