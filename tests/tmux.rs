//! Inside tmux, a copy lands in tmux's buffer. Runs in a tmux server of its own; skipped (with a
//! note) where tmux is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly, as it should.

use std::process::Command;
use std::time::{Duration, Instant};

struct Server(String);

impl Server {
    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.0, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p"]).stdout).into_owned()
    }

    fn wait_for(&self, wanted: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.screen().contains(wanted) {
            assert!(
                Instant::now() < deadline,
                "never saw {wanted:?}:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A tmux server of its own, running the binary in a 120×40 window with `env` settings
/// (`-u VAR` removes one); `None` where tmux is not installed.
fn start(name: &str, env: &[&str]) -> Option<Server> {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux is not installed; skipping");
        return None;
    }
    let server = Server(format!("senryaku-{name}-{}", std::process::id()));
    // The search history goes to a directory of the test's, never the user's.
    let state = format!(
        "XDG_STATE_HOME={}",
        std::env::temp_dir()
            .join(format!("senryaku-tmux-state-{}", std::process::id()))
            .display()
    );
    let mut args = vec!["new-session", "-d", "-x", "120", "-y", "40", "env"];
    // Options (-u) first: after a NAME=VALUE, env reads the rest as the command.
    args.extend_from_slice(env);
    args.push(&state);
    // Nor does the reading cache go to the user's, nor do the notes.
    args.push("SENRYAKU_NO_CACHE=1");
    let data = format!(
        "SENRYAKU_DATA_DIR={}",
        std::env::temp_dir()
            .join(format!("senryaku-tmux-data-{}", std::process::id()))
            .display()
    );
    args.push(&data);
    args.push(env!("CARGO_BIN_EXE_senryaku"));
    let started = server.tmux(&args);
    assert!(
        started.status.success(),
        "{}",
        String::from_utf8_lossy(&started.stderr)
    );
    server.wait_for("NORMAL");
    Some(server)
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

#[test]
fn copy_inside_tmux_fills_its_buffer() {
    let env = [
        "-u",
        "DISPLAY",
        "-u",
        "WAYLAND_DISPLAY",
        "-u",
        "SENRYAKU_CLIPBOARD",
    ];
    let Some(server) = start("copy", &env) else {
        return;
    };
    server.tmux(&["send-keys", "/"]);
    server.wait_for("SEARCH");
    server.tmux(&["send-keys", "-l", "MID-NET"]);
    server.wait_for("2 hits");
    server.tmux(&["send-keys", "Enter"]);
    server.wait_for("1.4.2");
    server.tmux(&["send-keys", "y"]);
    server.wait_for("to tmux, OSC 52");
    let buffer = server.tmux(&["show-buffer"]);
    let got = String::from_utf8(buffer.stdout).unwrap();
    let report = senryaku::report::load(None).unwrap().report;
    let want = senryaku::report::excerpt::excerpt(
        &report,
        "1.4.2".parse().unwrap(),
        &senryaku::report::excerpt::Scope::Pieces(vec![
            senryaku::report::excerpt::parse_item(senryaku::report::Fy::Plans, "1").unwrap(),
        ]),
        senryaku::report::excerpt::Format::Plain,
    )
    .unwrap();
    assert_eq!(got, want);
    server.tmux(&["send-keys", "q"]);
}

/// The selected hit's band, typed one key at a time so that each frame draws over the last:
/// tmux erases a wide glyph when any half of it is overwritten, and no cell of the band may be
/// left without its background (`capture-pane -e` shows `ESC[49m` at such a hole).
#[test]
fn the_selected_band_has_no_holes_in_tmux() {
    let Some(server) = start("band", &["TERM=xterm-256color"]) else {
        return;
    };
    server.tmux(&["send-keys", "/"]);
    server.wait_for("SEARCH");
    for c in ["M", "I", "D", "-", "N", "E", "T"] {
        server.tmux(&["send-keys", "-l", c]);
        std::thread::sleep(Duration::from_millis(60));
    }
    server.wait_for("2 hits");
    std::thread::sleep(Duration::from_millis(200));
    let styled = server.tmux(&["capture-pane", "-p", "-e"]);
    let styled = String::from_utf8_lossy(&styled.stdout).into_owned();
    // The snippet row of the selected hit: it holds "アカデミア及び PMDA".
    let row = styled
        .lines()
        .find(|l| l.contains("アカデミア及び"))
        .expect("the first hit's snippet");
    let from = row.find("MID-NET").expect("the match");
    let to = row.find("PMDA").expect("PMDA");
    assert!(
        !row[from..to].contains("\u{1b}[49m"),
        "a hole in the band: {:?}",
        &row[from..to]
    );
    server.tmux(&["send-keys", "Escape"]);
    std::thread::sleep(Duration::from_millis(100));
    server.tmux(&["send-keys", "q"]);
}
