//! The search history: queries accepted with Enter, newest last, walked with ↑ at the top of
//! the hit list, ↓ at its bottom, or Ctrl-r; kept across runs in a small text file, one query
//! a line, written whole to a temporary file and renamed over the old one (off the UI thread).

use std::path::{Path, PathBuf};

/// Most queries kept.
pub const KEPT: usize = 200;

/// The queries and where the walk through them is.
#[derive(Debug, Clone, Default)]
pub struct History {
    entries: Vec<String>,
    /// The entry shown while walking; `None` when not walking.
    at: Option<usize>,
}

impl History {
    /// A history of these queries, oldest first.
    pub fn new(entries: Vec<String>) -> History {
        History { entries, at: None }
    }

    /// The queries, oldest first.
    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Adds an accepted query (moved to the end if it was there); ends any walk.
    pub fn push(&mut self, query: &str) {
        let q = query.trim();
        self.at = None;
        if q.is_empty() {
            return;
        }
        self.entries.retain(|e| e != q);
        self.entries.push(q.to_string());
        if self.entries.len() > KEPT {
            let extra = self.entries.len() - KEPT;
            self.entries.drain(..extra);
        }
    }

    /// The query before the one shown (the newest, when not walking yet).
    pub fn older(&mut self) -> Option<&str> {
        let next = match self.at {
            None => self.entries.len().checked_sub(1)?,
            Some(i) => i.checked_sub(1)?,
        };
        self.at = Some(next);
        self.entries.get(next).map(String::as_str)
    }

    /// The query after the one shown; `Some("")` past the newest (back to an empty query).
    pub fn newer(&mut self) -> Option<&str> {
        let i = self.at?;
        if i + 1 < self.entries.len() {
            self.at = Some(i + 1);
            self.entries.get(i + 1).map(String::as_str)
        } else {
            self.at = None;
            Some("")
        }
    }

    /// Ends a walk (the query was edited).
    pub fn stop(&mut self) {
        self.at = None;
    }
}

/// Where the browser keeps its state: `$XDG_STATE_HOME/senryaku`, else
/// `~/.local/state/senryaku`.
pub fn state_dir() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_STATE_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(std::env::var_os("HOME")?).join(".local/state"),
    };
    Some(base.join("senryaku"))
}

/// Where the history is kept: `search-history` in the [`state_dir`].
pub fn path() -> Option<PathBuf> {
    Some(state_dir()?.join("search-history"))
}

/// Where the outline's width set with `<` and `>` is kept.
pub fn outline_width_path() -> Option<PathBuf> {
    Some(state_dir()?.join("outline-width"))
}

/// The outline's width kept from an earlier run (0 when none, or unreadable).
pub fn load_outline_width(path: &Path) -> u16 {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

/// Reads a history file; a missing or unreadable one is an empty history. Lines with control
/// characters (a damaged file) are skipped.
pub fn load(path: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let mut out: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.chars().any(|c| c.is_control()))
        .map(str::to_string)
        .collect();
    if out.len() > KEPT {
        out.drain(..out.len() - KEPT);
    }
    out
}

/// Keeps the outline's width (through [`save`]'s temporary file and rename).
pub fn save_outline_width(path: &Path, w: u16) -> std::io::Result<()> {
    save(path, &[w.to_string()])
}

/// Writes a history file whole: to a temporary file beside it, then renamed over it, so a
/// crash leaves the old file or the new one, never half of one.
pub fn save(path: &Path, entries: &[String]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let mut text = entries.join("\n");
    text.push('\n');
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_back_and_forth_and_keeps_one_of_each() {
        let mut h = History::new(vec!["CiCLE".into(), "MID-NET".into()]);
        h.push("CiCLE");
        assert_eq!(h.entries(), ["MID-NET", "CiCLE"]);
        assert_eq!(h.older(), Some("CiCLE"));
        assert_eq!(h.older(), Some("MID-NET"));
        assert_eq!(h.older(), None);
        assert_eq!(h.newer(), Some("CiCLE"));
        assert_eq!(h.newer(), Some(""));
        assert_eq!(h.newer(), None);
    }

    #[test]
    fn saves_and_loads_through_a_rename() {
        let dir = std::env::temp_dir().join(format!("senryaku-hist-{}", std::process::id()));
        let path = dir.join("a").join("search-history");
        save(&path, &["ゲノム医療".to_string(), "kenkou".to_string()]).unwrap();
        assert_eq!(load(&path), ["ゲノム医療", "kenkou"]);
        std::fs::write(&path, "ok\nbad\u{1b}[31m\n\n").unwrap();
        assert_eq!(load(&path), ["ok"]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
