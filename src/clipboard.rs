//! Delivering copied text: a configured command if there is one, otherwise tmux's buffer (inside
//! tmux) and a clipboard program (wl-copy, xclip, xsel, pbcopy); and always an OSC 52 sequence
//! to the terminal, so a terminal over SSH gets it too.
//!
//! Hand-written rather than arboard/copypasta: those talk to X11/Wayland/macOS directly and know
//! nothing of tmux or OSC 52, which is what reaches a reviewer's clipboard over SSH.

use crate::report::decode::strip_controls;
use base64::Engine;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How to copy, from the command line or the environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// A shell command that receives the text on stdin, replacing tmux and the programs.
    pub command: Option<String>,
}

/// What the environment offers, read once (and set by hand in tests).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    pub tmux: bool,
    pub wayland: bool,
    pub x11: bool,
    pub path: Vec<PathBuf>,
}

impl Env {
    pub fn from_process() -> Env {
        let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
        Env {
            tmux: set("TMUX"),
            wayland: set("WAYLAND_DISPLAY"),
            x11: set("DISPLAY"),
            path: std::env::var_os("PATH")
                .map(|p| std::env::split_paths(&p).collect())
                .unwrap_or_default(),
        }
    }

    /// Is an executable named `name` on the PATH?
    pub fn has(&self, name: &str) -> bool {
        self.path.iter().any(|d| {
            let p = d.join(name);
            p.is_file()
                && std::fs::metadata(&p).is_ok_and(|m| {
                    use std::os::unix::fs::PermissionsExt;
                    m.permissions().mode() & 0o111 != 0
                })
        })
    }
}

/// The most text an OSC 52 sequence carries. Terminals cap what they accept (xterm and tmux
/// near 100 KB of payload, others at 1 MB); a larger copy is not sent that way at all.
pub const OSC52_MAX_BYTES: usize = 74_000;

/// The OSC 52 sequence that sets the system clipboard to `text`.
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\u{1b}]52;c;{b64}\u{7}")
}

/// What happened to a copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivery {
    /// Characters copied.
    pub chars: usize,
    /// Where the text went: `tmux`, `xclip`, `OSC 52`, …
    pub targets: Vec<String>,
    /// What went wrong, one entry a target.
    pub errors: Vec<String>,
}

impl Delivery {
    /// One line for the status bar.
    pub fn message(&self) -> String {
        let mut s = if self.targets.is_empty() {
            format!("Could not copy {} characters", self.chars)
        } else {
            format!(
                "Copied {} characters to {}",
                self.chars,
                self.targets.join(", ")
            )
        };
        if !self.errors.is_empty() {
            s.push_str(&format!("; {}", self.errors.join("; ")));
        }
        strip_controls(&s).replace('\n', " ")
    }

    fn record(&mut self, name: &str, r: Result<(), String>) {
        match r {
            Ok(()) => self.targets.push(name.to_string()),
            Err(e) => self.errors.push(e),
        }
    }
}

/// The process groups of clipboard programs still running, so that leaving the browser can
/// end them (a process-wide list: the programs are the process's children, whoever started
/// them).
static RUNNING: std::sync::Mutex<Vec<i32>> = std::sync::Mutex::new(Vec::new());

fn running() -> std::sync::MutexGuard<'static, Vec<i32>> {
    RUNNING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Kills every clipboard program still running (on leaving the browser).
pub fn kill_running() {
    for pgid in running().drain(..) {
        let _ = nix::sys::signal::killpg(
            nix::unistd::Pid::from_raw(pgid),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
}

/// How long a clipboard program may take.
pub const DEADLINE: Duration = Duration::from_secs(2);

/// Runs a program with `text` on stdin and waits at most [`DEADLINE`] for it. The text is
/// written from another thread, so a program that never reads cannot block; on time-out the
/// program's whole process group is killed, and every child is reaped. A failure says what
/// the program wrote on stderr.
fn pipe_to(program: &str, args: &[&str], text: &str) -> Result<(), String> {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    let name = strip_controls(program).into_owned();
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        // Its own process group, so that a shell's children die with it.
        .process_group(0)
        .spawn()
        .map_err(|e| format!("{name}: {e}"))?;
    let pgid = child.id() as i32;
    running().push(pgid);
    let writer = child.stdin.take().map(|mut stdin| {
        let text = text.to_string();
        std::thread::spawn(move || {
            // A closed pipe means the program stopped reading: its status tells the rest.
            let _ = stdin.write_all(text.as_bytes());
        })
    });
    let reader = child.stderr.take().map(|mut err| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = err.by_ref().take(4096).read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    });
    let deadline = Instant::now() + DEADLINE;
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break Ok(st),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => break Err(format!("{name} did not finish in {} s", DEADLINE.as_secs())),
            Err(e) => break Err(format!("{name}: {e}")),
        }
    };
    if status.is_err() {
        let group = nix::unistd::Pid::from_raw(pgid);
        let _ = nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGKILL);
        let _ = child.kill();
        let _ = child.wait();
    }
    running().retain(|&p| p != pgid);
    if let Some(w) = writer {
        let _ = w.join();
    }
    let stderr = reader
        .and_then(|r| r.join().ok())
        .map(|s| strip_controls(s.trim()).replace('\n', " "))
        .unwrap_or_default();
    match status {
        Ok(st) if st.success() => Ok(()),
        Ok(st) if stderr.is_empty() => Err(format!("{name} failed ({st})")),
        Ok(st) => Err(format!("{name} failed ({st}): {stderr}")),
        Err(e) => Err(e),
    }
}

/// The clipboard program for this environment, with its arguments.
fn clipboard_program(env: &Env) -> Option<(&'static str, &'static [&'static str])> {
    let candidates: [(&str, &[&str], bool); 4] = [
        ("wl-copy", &[], env.wayland),
        ("xclip", &["-selection", "clipboard"], env.x11),
        ("xsel", &["--clipboard", "--input"], env.x11),
        ("pbcopy", &[], true),
    ];
    candidates
        .into_iter()
        .find(|(name, _, usable)| *usable && env.has(name))
        .map(|(name, args, _)| (name, args))
}

/// Copies `text` to the configured command, or to tmux and a clipboard program. Blocks for at
/// most a few seconds: the browser calls it on a worker thread. Never fails: what went wrong
/// is in the returned [`Delivery`].
pub fn deliver(text: &str, config: &Config, env: &Env) -> Delivery {
    let text = strip_controls(text);
    let mut d = Delivery {
        chars: text.chars().count(),
        ..Delivery::default()
    };
    if let Some(cmd) = config.command.as_deref().filter(|c| !c.trim().is_empty()) {
        d.record(cmd, pipe_to("sh", &["-c", cmd], &text));
    } else {
        if env.tmux && env.has("tmux") {
            // -w also sets the outer terminal's clipboard (tmux 3.2+); older tmux lacks it.
            let r = pipe_to("tmux", &["load-buffer", "-w", "-"], &text)
                .or_else(|_| pipe_to("tmux", &["load-buffer", "-"], &text));
            d.record("tmux", r);
        }
        if let Some((prog, args)) = clipboard_program(env) {
            d.record(prog, pipe_to(prog, args, &text));
        }
    }
    d
}

/// Sends `text` to the terminal as OSC 52 (what reaches a clipboard over SSH), unless it is
/// larger than terminals accept. Adds the outcome to `d`.
pub fn send_osc52(text: &str, terminal: &mut impl Write, d: &mut Delivery) {
    let text = strip_controls(text);
    if text.len() > OSC52_MAX_BYTES {
        d.errors.push(format!(
            "too large for OSC 52 ({} KB; terminals take {} KB)",
            text.len() / 1000,
            OSC52_MAX_BYTES / 1000
        ));
        return;
    }
    let osc = terminal
        .write_all(osc52(&text).as_bytes())
        .and_then(|_| terminal.flush())
        .map_err(|e| format!("OSC 52: {e}"));
    d.record("OSC 52", osc);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_bytes_for_japanese() {
        let text = "「健康・医療戦略」\n・MID-NET の本格運用";
        let seq = osc52(text);
        assert_eq!(
            seq.as_bytes(),
            b"\x1b]52;c;44CM5YGl5bq344O75Yy755mC5oim55Wl44CNCuODu01JRC1ORVQg44Gu5pys5qC86YGL55So\x07"
        );
    }

    #[test]
    fn copy_sends_osc52_and_strips_controls() {
        let mut term = Vec::new();
        let env = Env::default();
        let mut d = deliver("a\u{1b}[2Jb", &Config::default(), &env);
        send_osc52("a\u{1b}[2Jb", &mut term, &mut d);
        assert_eq!(d.chars, 5);
        assert_eq!(d.targets, vec!["OSC 52"]);
        assert_eq!(term, osc52("a[2Jb").into_bytes());
    }

    #[test]
    fn a_command_that_never_reads_is_killed_and_reaped_and_its_stderr_shown() {
        let big = "健".repeat(100_000);
        let config = Config {
            command: Some("read -r l; sleep 30".into()),
        };
        let start = Instant::now();
        let d = deliver(&big, &config, &Env::default());
        assert!(start.elapsed() < DEADLINE + Duration::from_secs(2));
        assert!(d.targets.is_empty(), "{d:?}");
        assert!(d.errors[0].contains("did not finish"), "{d:?}");
        let config = Config {
            command: Some("no-such-clipboard-program-x".into()),
        };
        let d = deliver("x", &config, &Env::default());
        assert!(d.errors[0].contains("not found"), "{d:?}");
        // Too big for OSC 52: said, not sent.
        let mut term = Vec::new();
        let mut d = Delivery::default();
        send_osc52(&big, &mut term, &mut d);
        assert!(term.is_empty());
        assert!(d.errors[0].contains("too large for OSC 52"));
    }

    #[test]
    fn configured_command_receives_the_text() {
        let dir = std::env::temp_dir().join(format!("senryaku-clip-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let out = dir.join("out.txt");
        let config = Config {
            command: Some(format!("cat > '{}'", out.display())),
        };
        let mut term = Vec::new();
        let mut d = deliver("ゲノム医療", &config, &Env::from_process());
        send_osc52("ゲノム医療", &mut term, &mut d);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "ゲノム医療");
        assert!(d.message().starts_with("Copied 5 characters to cat > "));
        let failing = Config {
            command: Some("exit 3".into()),
        };
        let mut d = deliver("x", &failing, &Env::from_process());
        send_osc52("x", &mut term, &mut d);
        // The shell may exit before reading (a broken pipe) or after (status 3): an error either way.
        assert!(!d.errors.is_empty(), "{d:?}");
        assert_eq!(d.targets, vec!["OSC 52"], "{d:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
