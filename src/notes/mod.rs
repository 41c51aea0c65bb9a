//! Reviewer notes and marks, kept so that nothing written is lost.
//!
//! The store is one SQLite database (`notes.db` in the data directory) in WAL mode with full
//! synchronous commits: a note is on disk when `add` returns, any number of processes may
//! write at once (each write is one short transaction, and a writer waits for the lock rather
//! than failing), and a crash at any moment leaves every committed note. SQLite does this
//! without locking code of our own.
//!
//! A note belongs to a document by the document's content (see
//! [`crate::report::Loaded::content_id`]), not its path, and is anchored to an item by the
//! item's address and a short quote of its text: when a parser change moves the item, the
//! quote finds it again ([`place`]).
//!
//! A store that is not a sound SQLite database is never written to: opening it is an error
//! that names it and says how to recover (its backup, kept beside it).

pub mod sheet;

use crate::report::{At, Fy, ItemAt, Loc, NodeId, Piece, Report};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The version of the store's tables (`PRAGMA user_version`). A store written by a newer
/// senryaku is refused rather than misread.
pub const SCHEMA_VERSION: i64 = 1;

/// The store's file name in the data directory.
pub const FILE: &str = "notes.db";

/// The backup the browser keeps beside the store.
pub const BACKUP: &str = "notes.db.bak";

/// How many characters of an item's text anchor a note to it.
pub const QUOTE_CHARS: usize = 24;

/// How long a writer waits for another to finish.
const BUSY: Duration = Duration::from_secs(20);

/// A reviewer's judgement of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// ✓: done, as it should be.
    Checked,
    /// ?: needs a question.
    Question,
    /// !: a concern.
    Concern,
}

impl Mark {
    /// The name stored and printed.
    pub fn name(self) -> &'static str {
        match self {
            Mark::Checked => "checked",
            Mark::Question => "question",
            Mark::Concern => "concern",
        }
    }

    /// The glyph drawn in the gutter and the outline.
    pub fn glyph(self) -> &'static str {
        match self {
            Mark::Checked => "✓",
            Mark::Question => "?",
            Mark::Concern => "!",
        }
    }

    /// From its stored name.
    pub fn parse(s: &str) -> Option<Mark> {
        match s {
            "checked" => Some(Mark::Checked),
            "question" => Some(Mark::Question),
            "concern" => Some(Mark::Concern),
            _ => None,
        }
    }

    /// What `m` turns a mark into: ✓, ?, !, none, ✓ ….
    pub fn cycle(m: Option<Mark>) -> Option<Mark> {
        match m {
            None => Some(Mark::Checked),
            Some(Mark::Checked) => Some(Mark::Question),
            Some(Mark::Question) => Some(Mark::Concern),
            Some(Mark::Concern) => None,
        }
    }
}

/// A note as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Its number, unique in the store.
    pub id: i64,
    /// The item's address as written: `1.4.2 plans 1`, `1.4.2 results 2.1`, `1.4.2 purpose`,
    /// `1.4.2 title`.
    pub address: String,
    /// The first characters of the item's text when the note was written.
    pub quote: String,
    /// The mark, if any.
    pub mark: Option<Mark>,
    /// What the reviewer wrote (may be empty: a mark alone).
    pub text: String,
    /// When it was written, in seconds since 1970 (UTC).
    pub created: i64,
    /// When it was last changed.
    pub updated: i64,
}

/// Why the store cannot be used. Displays as one line naming the store.
#[derive(Debug, thiserror::Error)]
pub enum NotesError {
    /// Not a sound SQLite database: left as it is.
    #[error("{path}: the notes store is damaged ({reason}); it was left as it is. {recovery}")]
    Damaged {
        /// The store.
        path: String,
        /// What is wrong.
        reason: String,
        /// What the user can do.
        recovery: String,
    },
    /// Written by a newer senryaku.
    #[error(
        "{path}: notes written by a newer senryaku (schema {found}; this one reads {SCHEMA_VERSION}); left as they are"
    )]
    Newer {
        /// The store.
        path: String,
        /// Its schema version.
        found: i64,
    },
    /// Reading or writing failed.
    #[error("{path}: {reason}")]
    Io {
        /// The store.
        path: String,
        /// What failed.
        reason: String,
    },
    /// No note of that number for this document.
    #[error("no note {0} for this document (`senryaku notes` lists them)")]
    NoSuchNote(i64),
    /// No place to keep notes: neither `$SENRYAKU_DATA_DIR`, `$XDG_DATA_HOME` nor `$HOME`.
    #[error("no place for notes: set SENRYAKU_DATA_DIR (or XDG_DATA_HOME or HOME)")]
    NoDataDir,
}

/// The data directory: `$SENRYAKU_DATA_DIR`, else `$XDG_DATA_HOME/senryaku`, else
/// `~/.local/share/senryaku`.
pub fn data_dir() -> Option<PathBuf> {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("SENRYAKU_DATA_DIR")
        .or_else(|| var("XDG_DATA_HOME").map(|d| d.join("senryaku")))
        .or_else(|| var("HOME").map(|h| h.join(".local/share/senryaku")))
}

/// Where the store is.
pub fn default_path() -> Result<PathBuf, NotesError> {
    data_dir()
        .map(|d| d.join(FILE))
        .ok_or(NotesError::NoDataDir)
}

/// The document a note is written for.
#[derive(Debug, Clone, Copy)]
pub struct DocRef<'a> {
    /// Its content id.
    pub id: &'a str,
    /// Its title, for the review sheet.
    pub title: &'a str,
    /// Where it was last opened from.
    pub path: &'a str,
}

/// A note to write.
#[derive(Debug, Clone)]
pub struct NewNote<'a> {
    /// The item.
    pub loc: Loc,
    /// Its quote (see [`quote`]).
    pub quote: &'a str,
    /// The mark.
    pub mark: Option<Mark>,
    /// The text.
    pub text: &'a str,
}

/// What saving an edit did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// The note was changed.
    Updated(Note),
    /// Another writer changed or removed the note meanwhile: the edit was kept as a new note.
    Conflict(Note),
}

/// An open store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The store's name for messages (controls stripped: a path is untrusted text).
fn shown(path: &Path) -> String {
    crate::report::safe_path(path)
}

/// Checks, without writing, that an existing file looks like an SQLite database that was
/// not cut short: its header, its page size, its length.
fn check_header(path: &Path) -> Result<(), String> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let len = f.metadata().map_err(|e| e.to_string())?.len();
    if len == 0 {
        return Err("the file is empty".to_string());
    }
    let mut h = [0u8; 100];
    if len < 100 || f.read_exact(&mut h).is_err() {
        return Err(format!("{len} bytes, shorter than a database header"));
    }
    if &h[..16] != b"SQLite format 3\0" {
        return Err("not an SQLite database".to_string());
    }
    let page = match u16::from_be_bytes([h[16], h[17]]) {
        1 => 65536,
        p if p >= 512 && p.is_power_of_two() => u64::from(p),
        _ => return Err("a bad page size in its header".to_string()),
    };
    if len % page != 0 {
        return Err(format!(
            "cut short: {len} bytes is not a whole number of pages"
        ));
    }
    // The header's page count is valid when its change counter says so.
    let counter = u32::from_be_bytes([h[24], h[25], h[26], h[27]]);
    let valid_for = u32::from_be_bytes([h[92], h[93], h[94], h[95]]);
    let pages = u64::from(u32::from_be_bytes([h[28], h[29], h[30], h[31]]));
    if counter == valid_for && pages > len / page {
        return Err(format!("cut short: {} of {pages} pages", len / page));
    }
    Ok(())
}

/// What to do about a damaged store.
fn recovery(path: &Path) -> String {
    let backup = path.with_file_name(BACKUP);
    let when = std::fs::metadata(&backup)
        .and_then(|m| m.modified())
        .ok()
        .map(|t| humantime::format_rfc3339_seconds(t).to_string());
    match when {
        Some(t) => format!(
            "Move it aside to start afresh, or copy its backup from {t}, {}, over it",
            shown(&backup)
        ),
        None => {
            "Move it aside to start afresh; `sqlite3 FILE .recover` may save its notes".to_string()
        }
    }
}

fn sql_err(path: &Path) -> impl Fn(rusqlite::Error) -> NotesError + '_ {
    move |e| NotesError::Io {
        path: shown(path),
        reason: e.to_string(),
    }
}

/// Makes a connection wait for writers, commit durably, and log ahead.
fn tune(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY)?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

const SCHEMA: &str = "
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    path TEXT NOT NULL,
    seen INTEGER NOT NULL
);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document TEXT NOT NULL,
    address TEXT NOT NULL,
    quote TEXT NOT NULL,
    mark TEXT CHECK (mark IN ('checked', 'question', 'concern')),
    text TEXT NOT NULL,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL
);
CREATE INDEX notes_by_document ON notes (document, id);
";

impl Store {
    /// Opens the store at `path`, creating it (and its directory) when there is none. An
    /// existing file that is not a sound store is an error, and is not written to.
    pub fn open(path: &Path) -> Result<Store, NotesError> {
        if !path.exists() {
            create(path)?;
        }
        if let Err(reason) = check_header(path) {
            return Err(NotesError::Damaged {
                path: shown(path),
                reason,
                recovery: recovery(path),
            });
        }
        let e = sql_err(path);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(&e)?;
        conn.busy_timeout(BUSY).map_err(&e)?;
        // Before anything is written: is it whole?
        let check: Result<String, _> = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0));
        match check {
            Ok(s) if s == "ok" => {}
            Ok(s) => {
                return Err(NotesError::Damaged {
                    path: shown(path),
                    reason: s,
                    recovery: recovery(path),
                });
            }
            Err(err) => {
                return Err(NotesError::Damaged {
                    path: shown(path),
                    reason: err.to_string(),
                    recovery: recovery(path),
                });
            }
        }
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(&e)?;
        if version > SCHEMA_VERSION {
            return Err(NotesError::Newer {
                path: shown(path),
                found: version,
            });
        }
        tune(&conn).map_err(&e)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Opens the store in the data directory.
    pub fn open_default() -> Result<Store, NotesError> {
        Store::open(&default_path()?)
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> NotesError + '_ {
        sql_err(&self.path)
    }

    /// Writes a note; it is on disk when this returns.
    pub fn add(&self, doc: DocRef, n: &NewNote) -> Result<Note, NotesError> {
        let t = now();
        let address = address(n.loc);
        let tx = self.conn.unchecked_transaction().map_err(self.err())?;
        remember(&tx, doc, t).map_err(self.err())?;
        tx.execute(
            "INSERT INTO notes (document, address, quote, mark, text, created, updated)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![doc.id, address, n.quote, n.mark.map(Mark::name), n.text, t],
        )
        .map_err(self.err())?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(self.err())?;
        Ok(Note {
            id,
            address,
            quote: n.quote.to_string(),
            mark: n.mark,
            text: n.text.to_string(),
            created: t,
            updated: t,
        })
    }

    /// Changes a note's text and mark, if no one else changed it since `seen` (its `updated`
    /// when it was read); otherwise keeps the edit as a new note beside it, so that neither
    /// writer's words are lost.
    pub fn update(
        &self,
        doc: DocRef,
        old: &Note,
        text: &str,
        mark: Option<Mark>,
    ) -> Result<Saved, NotesError> {
        let t = now().max(old.updated + 1);
        let changed = self
            .conn
            .execute(
                "UPDATE notes SET text = ?1, mark = ?2, updated = ?3
                 WHERE id = ?4 AND document = ?5 AND updated = ?6",
                params![text, mark.map(Mark::name), t, old.id, doc.id, old.updated],
            )
            .map_err(self.err())?;
        if changed == 1 {
            return Ok(Saved::Updated(Note {
                text: text.to_string(),
                mark,
                updated: t,
                ..old.clone()
            }));
        }
        let loc = parse_address(&old.address).unwrap_or(Loc::title(NodeId::PREFACE));
        let new = self.add(
            doc,
            &NewNote {
                loc,
                quote: &old.quote,
                mark,
                text,
            },
        )?;
        Ok(Saved::Conflict(new))
    }

    /// Removes a note of this document.
    pub fn remove(&self, doc: &str, id: i64) -> Result<(), NotesError> {
        let n = self
            .conn
            .execute(
                "DELETE FROM notes WHERE id = ?1 AND document = ?2",
                params![id, doc],
            )
            .map_err(self.err())?;
        if n == 0 {
            return Err(NotesError::NoSuchNote(id));
        }
        Ok(())
    }

    /// Every note of a document, oldest first.
    pub fn list(&self, doc: &str) -> Result<Vec<Note>, NotesError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, address, quote, mark, text, created, updated FROM notes
                 WHERE document = ?1 ORDER BY id",
            )
            .map_err(self.err())?;
        let rows = st
            .query_map([doc], |r| {
                let mark: Option<String> = r.get(3)?;
                Ok(Note {
                    id: r.get(0)?,
                    address: r.get(1)?,
                    quote: r.get(2)?,
                    mark: mark.as_deref().and_then(Mark::parse),
                    text: r.get(4)?,
                    created: r.get(5)?,
                    updated: r.get(6)?,
                })
            })
            .map_err(self.err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.err())
    }

    /// Where a document was last opened from, as its notes were written.
    pub fn document_path(&self, doc: &str) -> Result<Option<String>, NotesError> {
        self.conn
            .query_row("SELECT path FROM documents WHERE id = ?1", [doc], |r| {
                r.get(0)
            })
            .optional()
            .map_err(self.err())
    }

    /// Copies the store to its backup beside it (written whole, then renamed into place),
    /// unless the backup is younger than `every`.
    pub fn back_up(&self, every: Duration) -> Result<bool, NotesError> {
        let backup = self.path.with_file_name(BACKUP);
        let fresh = std::fs::metadata(&backup)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age < every);
        if fresh {
            return Ok(false);
        }
        let tmp = self
            .path
            .with_file_name(format!("{BACKUP}.{}.tmp", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        let tmp_s = tmp.to_string_lossy().to_string();
        self.conn
            .execute("VACUUM INTO ?1", [&tmp_s])
            .map_err(self.err())?;
        std::fs::rename(&tmp, &backup).map_err(|e| NotesError::Io {
            path: shown(&backup),
            reason: e.to_string(),
        })?;
        Ok(true)
    }
}

/// Records the document's title and path (the newest wins).
fn remember(conn: &Connection, doc: DocRef, t: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO documents (id, title, path, seen) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET title = ?2, path = ?3, seen = ?4",
        params![doc.id, doc.title, doc.path, t],
    )?;
    Ok(())
}

/// Creates a new store: built under a temporary name, then linked into place, so that no
/// one ever opens a half-made store, and a store another process made meanwhile is kept.
fn create(path: &Path) -> Result<(), NotesError> {
    let io = |e: std::io::Error| NotesError::Io {
        path: shown(path),
        reason: e.to_string(),
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let name = path
        .file_name()
        .map_or("notes".into(), |n| n.to_string_lossy().to_string());
    let tmp = path.with_file_name(format!(".{name}.{}.new", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let made = (|| -> rusqlite::Result<()> {
        let conn = Connection::open(&tmp)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.execute_batch(SCHEMA)?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        conn.close().map_err(|(_, e)| e)
    })();
    if let Err(e) = made {
        let _ = std::fs::remove_file(&tmp);
        return Err(sql_err(path)(e));
    }
    // A link fails if the store appeared meanwhile: then that one is used.
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(io(e)),
    }
}

/// An item's address as stored: `1.4.2 plans 1`, `1.4.2 results 2.1`, `1.4.2 purpose`,
/// `1.4.2 title`. A bullet's tail is addressed as its bullet.
pub fn address(loc: Loc) -> String {
    match loc.at {
        At::Item(i) if i.piece == Piece::Tail => Loc {
            at: At::Item(i.bullet()),
            ..loc
        }
        .to_string(),
        _ => loc.to_string(),
    }
}

/// Reads an address back.
pub fn parse_address(s: &str) -> Option<Loc> {
    let mut words = s.split_whitespace();
    let node: NodeId = words.next()?.parse().ok()?;
    let at = match (words.next()?, words.next()) {
        ("title", None) => At::Title,
        ("purpose", None) | ("preface", None) => At::Purpose,
        ("results", Some(n)) => crate::report::excerpt::parse_item(Fy::Results, n)?,
        ("plans", Some(n)) => crate::report::excerpt::parse_item(Fy::Plans, n)?,
        _ => return None,
    };
    if words.next().is_some() {
        return None;
    }
    Some(Loc { node, at })
}

/// The quote that anchors a note to the text at `loc`: its first characters.
pub fn quote(report: &Report, loc: Loc) -> String {
    let text = report.text(anchor_loc(loc)).unwrap_or("");
    crate::report::decode::strip_controls(text)
        .chars()
        .take(QUOTE_CHARS)
        .collect()
}

/// The place a note is kept at for `loc` (a tail goes with its bullet).
pub fn anchor_loc(loc: Loc) -> Loc {
    match loc.at {
        At::Item(ItemAt {
            piece: Piece::Tail, ..
        }) => parse_address(&address(loc)).unwrap_or(loc),
        _ => loc,
    }
}

/// How well a note found its item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// At its address, with its quote.
    Exact,
    /// Its quote is at another address now (the parser moved the item).
    Moved,
    /// At its address, but the text there no longer starts with its quote.
    Changed,
    /// Neither its address nor its quote is in the document.
    Lost,
}

/// A note and the item it belongs to in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The note.
    pub note: Note,
    /// Its item, unless lost.
    pub loc: Option<Loc>,
    /// How it was found.
    pub anchor: Anchor,
}

/// Finds each note's item: at its address if the text there starts with its quote; else
/// where its quote is, in its measure first, then anywhere; else at its address all the
/// same. The report's texts are walked once for all the notes that moved.
pub fn place(report: &Report, notes: Vec<Note>) -> Vec<Placed> {
    let starts = |loc: Loc, q: &str| report.text(loc).is_some_and(|t| t.starts_with(q));
    let mut out: Vec<Placed> = Vec::with_capacity(notes.len());
    let mut lost: Vec<usize> = Vec::new();
    for note in notes {
        let at = parse_address(&note.address);
        // An empty quote (an empty item's) holds its address alone.
        let exact = at.is_some_and(|l| {
            (note.quote.is_empty() && report.text(l).is_some()) || starts(l, &note.quote)
        });
        let anchor = if exact { Anchor::Exact } else { Anchor::Lost };
        if !exact {
            lost.push(out.len());
        }
        out.push(Placed {
            loc: at.filter(|_| exact),
            anchor,
            note,
        });
    }
    if lost.is_empty() {
        return out;
    }
    // The quotes of the notes not at their address, looked for in one walk: each text's
    // first characters, at each length a quote has (at most QUOTE_CHARS), looked up in a
    // map of the quotes, so that the cost is the report's length, not times the notes'.
    let mut quotes: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut lengths: Vec<usize> = Vec::new();
    for (k, &i) in lost.iter().enumerate() {
        let q = out[i].note.quote.as_str();
        if !q.is_empty() {
            quotes.entry(q).or_default().push(k);
            lengths.push(q.chars().count());
        }
    }
    lengths.sort_unstable();
    lengths.dedup();
    let mut found: Vec<Vec<Loc>> = vec![Vec::new(); lost.len()];
    let longest = lengths.last().copied().unwrap_or(0);
    let mut ends: Vec<usize> = Vec::with_capacity(longest + 1);
    for (loc, text) in report.texts() {
        // Where each of the text's first characters ends, once per text: `ends[n - 1]` is
        // the byte end of its first n characters.
        ends.clear();
        ends.extend(
            text.char_indices()
                .skip(1)
                .map(|(b, _)| b)
                .chain(std::iter::once(text.len()))
                .take(longest),
        );
        for &n in &lengths {
            let Some(&end) = n.checked_sub(1).and_then(|i| ends.get(i)) else {
                continue;
            };
            if let Some(ks) = quotes.get(&text[..end]) {
                for &k in ks {
                    found[k].push(loc);
                }
            }
        }
    }
    for (k, &i) in lost.iter().enumerate() {
        let p = &mut out[i];
        let was = parse_address(&p.note.address);
        // The same measure first, then the first in the document.
        let best = found[k]
            .iter()
            .find(|l| was.is_some_and(|w| w.node == l.node))
            .or(found[k].first())
            .copied();
        match (best, was) {
            (Some(l), _) => {
                p.loc = Some(l);
                p.anchor = Anchor::Moved;
            }
            (None, Some(w)) if report.text(w).is_some() => {
                p.loc = Some(w);
                p.anchor = Anchor::Changed;
            }
            _ => {}
        }
    }
    out
}

/// A note's time as RFC 3339 (UTC), for the review sheet.
pub fn time(secs: i64) -> String {
    let t = std::time::UNIX_EPOCH + Duration::from_secs(secs.max(0) as u64);
    humantime::format_rfc3339_seconds(t).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Origin, SEED, from_bytes};

    #[test]
    fn addresses_read_back() {
        for s in [
            "1.4.2 plans 1",
            "1.4.2 results 2.1",
            "1.4.2 purpose",
            "1.4.2 title",
            "1.4 title",
        ] {
            assert_eq!(parse_address(s).map(address).as_deref(), Some(s));
        }
        assert_eq!(parse_address("1.4.2 plans"), None);
        assert_eq!(parse_address("x plans 1"), None);
    }

    #[test]
    fn marks_cycle_through_none() {
        let mut m = None;
        let mut seen = Vec::new();
        for _ in 0..4 {
            m = Mark::cycle(m);
            seen.push(m);
        }
        assert_eq!(
            seen,
            [
                Some(Mark::Checked),
                Some(Mark::Question),
                Some(Mark::Concern),
                None
            ]
        );
    }

    #[test]
    fn a_note_follows_its_quote_when_its_item_moves() {
        let r = from_bytes(SEED, Origin::Embedded).unwrap().report;
        let at = parse_address("1.4.2 plans 2").unwrap();
        let q = quote(&r, at);
        let note = |address: &str, quote: &str| Note {
            id: 1,
            address: address.to_string(),
            quote: quote.to_string(),
            mark: None,
            text: String::new(),
            created: 0,
            updated: 0,
        };
        let placed = place(
            &r,
            vec![
                note("1.4.2 plans 2", &q),
                // The parser once numbered the bullets otherwise.
                note("1.4.2 plans 1", &q),
                note("1.4.2 plans 1", "どこにもない文章です"),
                note("9.9.9 plans 1", "どこにもない文章です"),
            ],
        );
        assert_eq!(placed[0].anchor, Anchor::Exact);
        assert_eq!(placed[1].anchor, Anchor::Moved);
        assert_eq!(placed[1].loc, Some(at));
        assert_eq!(placed[2].anchor, Anchor::Changed);
        assert_eq!(placed[3].anchor, Anchor::Lost);
        assert_eq!(placed[3].loc, None);
    }
}
