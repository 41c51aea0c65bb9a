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

/// The OSC 52 sequence that sets the system clipboard to `text`.
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\u{1b}]52;c;{b64}\u{7}")
}

/// What happened to a copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivery {
    pub chars: usize,
    /// Where the text went: `tmux`, `xclip`, `OSC 52`, …
    pub targets: Vec<String>,
    pub errors: Vec<String>,
}

impl Delivery {
    /// One line for the status bar.
    pub fn message(&self) -> String {
        let mut s = format!(
            "Copied {} characters to {}",
            self.chars,
            self.targets.join(", ")
        );
        if !self.errors.is_empty() {
            s.push_str(&format!("; {}", self.errors.join("; ")));
        }
        s
    }
}

/// Runs a program with `text` on stdin; waits at most two seconds for it.
fn pipe_to(program: &str, args: &[&str], text: &str) -> Result<(), String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{program}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| format!("{program}: {e}"))?;
    }
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        match child.try_wait() {
            Ok(Some(st)) if st.success() => return Ok(()),
            Ok(Some(st)) => return Err(format!("{program} failed ({st})")),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            Ok(None) => {
                let _ = child.kill();
                return Err(format!("{program} did not finish"));
            }
            Err(e) => return Err(format!("{program}: {e}")),
        }
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

/// Copies `text`: to the configured command, or to tmux and a clipboard program; then OSC 52 to
/// `terminal`. Never fails: what went wrong is in the returned [`Delivery`].
pub fn copy(text: &str, config: &Config, env: &Env, terminal: &mut impl Write) -> Delivery {
    let text = strip_controls(text);
    let mut d = Delivery {
        chars: text.chars().count(),
        ..Delivery::default()
    };
    let mut record = |name: &str, r: Result<(), String>| match r {
        Ok(()) => d.targets.push(name.to_string()),
        Err(e) => d.errors.push(e),
    };
    if let Some(cmd) = config.command.as_deref().filter(|c| !c.trim().is_empty()) {
        record(cmd, pipe_to("sh", &["-c", cmd], &text));
    } else {
        if env.tmux && env.has("tmux") {
            // -w also sets the outer terminal's clipboard (tmux 3.2+); older tmux lacks it.
            let r = pipe_to("tmux", &["load-buffer", "-w", "-"], &text)
                .or_else(|_| pipe_to("tmux", &["load-buffer", "-"], &text));
            record("tmux", r);
        }
        if let Some((prog, args)) = clipboard_program(env) {
            record(prog, pipe_to(prog, args, &text));
        }
    }
    let osc = terminal
        .write_all(osc52(&text).as_bytes())
        .and_then(|_| terminal.flush())
        .map_err(|e| format!("OSC 52: {e}"));
    record("OSC 52", osc);
    d
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
        let d = copy("a\u{1b}[2Jb", &Config::default(), &env, &mut term);
        assert_eq!(d.chars, 5);
        assert_eq!(d.targets, vec!["OSC 52"]);
        assert_eq!(term, osc52("a[2Jb").into_bytes());
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
        let d = copy("ゲノム医療", &config, &Env::from_process(), &mut term);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "ゲノム医療");
        assert!(d.message().starts_with("Copied 5 characters to cat > "));
        let failing = Config {
            command: Some("exit 3".into()),
        };
        let d = copy("x", &failing, &Env::from_process(), &mut term);
        // The shell may exit before reading (a broken pipe) or after (status 3): an error either way.
        assert!(!d.errors.is_empty(), "{d:?}");
        assert_eq!(d.targets, vec!["OSC 52"], "{d:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
