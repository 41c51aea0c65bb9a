//! Every string the browser shows, in one place.

use super::layout::Arrangement;
use super::screen::Stacked;

pub(crate) const OUTLINE: &str = "Outline";
pub(crate) const DETAIL: &str = "Detail";
pub(crate) const SEARCH_TITLE: &str = "Search";
pub(crate) const SEARCH_PROMPT: &str = "/ ";
pub(crate) const SEARCH_EMPTY: &str =
    "Type to search titles, purposes and FY items: CiCLE, ｍｉｄ－ｎｅｔ, ばいおでざいん, robotto";
pub(crate) const SEARCH_NONE: &str = "No match";
pub(crate) const SEARCH_KEYS: &str = "Up/Down choose  Enter jump  Esc close";
pub(crate) const PROGRAMS_TITLE: &str = "Programs and acronyms";
pub(crate) const PROGRAMS_KEYS: &str = "type to filter  Up/Down choose  Enter measures  Esc close";
pub(crate) const PROGRAMS_OPEN_KEYS: &str = "Up/Down choose  Enter jump  Esc back";
pub(crate) const HELP_TITLE: &str = "Keys";
pub(crate) const HELP_FOOTER: &str = "/ filters, ? or Esc closes";
pub(crate) const HELP_NO_MATCH: &str = "No key does that (Esc clears the filter)";
pub(crate) const HELP_FILTER_PROMPT: &str = "/";
pub(crate) const HINTS: &str = "? help  / search  Tab pane  q quit";
pub(crate) const NO_MORE_MEASURES: &str = "No more measures that way";
pub(crate) const NO_SEARCH: &str = "No search yet: press / to search";
pub(crate) const NO_OLDER_JUMP: &str = "No older jump (Ctrl-o goes back after /, p or :)";
pub(crate) const NO_NEWER_JUMP: &str = "No newer jump";
/// The search prompt, naming the scope when it is not the whole report: `/ `, `/[plans] `.
pub(crate) fn search_prompt(scope: crate::tui::app::SearchScope) -> String {
    use crate::tui::app::SearchScope;
    match scope {
        SearchScope::All => SEARCH_PROMPT.to_string(),
        SearchScope::Results => "/[results] ".to_string(),
        SearchScope::Plans => "/[plans] ".to_string(),
        SearchScope::Node(id) => format!("/[{id}] "),
    }
}

/// What Alt-m did.
pub(crate) fn mouse(captured: bool) -> &'static str {
    if captured {
        "Mouse captured (Alt-m releases it)"
    } else {
        "Mouse released to the terminal (Alt-m takes it back)"
    }
}

pub(crate) const GOTO_PROMPT: &str = ":";

/// What `:` says when the id typed names nothing.
pub(crate) fn no_such_id(typed: &str) -> String {
    let shown: String = typed.chars().filter(|c| !c.is_control()).take(20).collect();
    format!("No part, chapter or measure {shown:?}: ids are like 2, 2.3 or 2.3.4")
}

pub(crate) const NOT_A_MEASURE: &str = "Select a measure to copy";
pub(crate) const RESULTS_LABEL: &str = "Ⅰ results";
pub(crate) const PLANS_LABEL: &str = "Ⅱ plans";

pub(crate) fn too_small(w: u16, h: u16) -> String {
    format!("Terminal too small: {w}x{h}. senryaku needs at least 40x12.")
}

/// What `s` did: the arrangement chosen, and why the screen does not show it when it cannot.
pub(crate) fn arrangement(a: Arrangement, stacked_because: Option<Stacked>) -> String {
    match stacked_because {
        None => format!("FY sections: {}", a.name()),
        Some(Stacked::TooNarrow(w)) => format!(
            "FY sections: {} when the detail pane is {w}+ columns wide; stacked for now",
            a.name()
        ),
        Some(Stacked::NoSections) => {
            format!("FY sections: {} for measures; this is not one", a.name())
        }
    }
}

/// What `c` says when it has no section to copy.
pub(crate) fn no_section(outline_focused: bool, on_measure: bool) -> &'static str {
    match (on_measure, outline_focused) {
        (false, _) => "Select a measure to copy a section (Y copies a whole measure)",
        (true, true) => "Tab to the detail pane and put the cursor in a section to copy it",
        (true, false) => "Put the cursor on an item of Ⅰ or Ⅱ (j/k) to copy its section",
    }
}

pub(crate) fn hit_position(n: usize, total: usize, wrapped: bool) -> String {
    if wrapped {
        format!("Hit {n}/{total} (wrapped around)")
    } else {
        format!("Hit {n}/{total}")
    }
}

/// The search popup's count, with the chosen hit's position: `17/274 hits`.
pub(crate) fn hit_count(selected: usize, shown: usize, total: usize) -> String {
    let at = selected + 1;
    match (shown, total) {
        (_, 0) => SEARCH_NONE.to_string(),
        (s, t) if s < t => format!("{at}/{s} of {t} hits"),
        (_, 1) => "1 hit".to_string(),
        (_, t) => format!("{at}/{t} hits"),
    }
}

/// A pane's title; without colour the focused one is marked, since bold alone is easy to miss.
pub(crate) fn pane_title(title: &str, marked: bool) -> String {
    if marked {
        format!("> {title}")
    } else {
        title.to_string()
    }
}

pub(crate) fn outline_header(measures: usize) -> String {
    format!("{OUTLINE} ({measures} measures)")
}

pub(crate) fn copy_format(f: crate::report::excerpt::Format) -> String {
    format!("Copies as {}", f.name())
}

/// The index's count, with the chosen entry's position: `3/107 entries`.
pub(crate) fn entry_count(selected: usize, shown: usize, total: usize) -> String {
    match (shown, total) {
        (0, _) => format!("0 of {total}"),
        (s, t) if s == t => format!("{}/{t} entries", selected + 1),
        (s, t) => format!("{}/{s} of {t}", selected + 1),
    }
}

pub(crate) fn measure_count(n: usize) -> String {
    match n {
        1 => "1 measure".to_string(),
        n => format!("{n} measures"),
    }
}

// The plan → result view.
pub(crate) const VERSUS: &str = "Plans → results";
pub(crate) const NO_RESULT: &str = "— no result carries this plan out";
pub(crate) const NO_PLAN: &str = "— not in the earlier edition's plans";
pub(crate) const NO_COMPARISON: &str =
    "No earlier edition to compare: open two (senryaku OLD NEW, or --compare OLD)";
pub(crate) const VERSUS_ON: &str =
    "Plans → results: last edition's plans beside this one's results (d: normal view)";
pub(crate) const VERSUS_OFF: &str = "Normal view (d: plans → results)";
pub(crate) const GHOST_ONLY: &str =
    "A removed measure is only in the earlier edition: shown as plans → results";
pub(crate) const VISUAL_IN_VERSUS: &str =
    "y copies the row, Y every row; d back to the normal view to select a range";

/// The line that says what a measure was in the older edition.
pub(crate) fn was(path: &str, title: &str, source: &str) -> String {
    format!("was {path} {title} [{source}]")
}

/// A heading for a side the edition lacks.
pub(crate) fn not_in(source: &str) -> String {
    format!("— not in {source}")
}

/// The status bar's names of the two editions compared, and how many measures changed
/// (`~2 >7 +1 -1`, the outline's marks).
pub(crate) fn editions(old: &str, new: &str, changes: &str) -> String {
    if changes.is_empty() {
        format!("{old} → {new}  (no changes)")
    } else {
        format!("{old} → {new}  ({changes})")
    }
}

/// The view's bar: which row of how many, and how alike the row's two sides are.
pub(crate) fn versus_position(row: usize, rows: usize, similarity: Option<f64>) -> String {
    match similarity {
        Some(s) => format!("row {}/{rows}  {:.0}% alike", row + 1, s * 100.0),
        None => format!("row {}/{rows}", row + 1),
    }
}

/// The status bar's position on a removed measure: its id in the earlier edition.
pub(crate) fn removed_position(old_id: &str) -> String {
    format!("{old_id} removed")
}

// Notes and marks.
pub(crate) const NOTES_LOADING: &str = "Notes are still being read; a moment";
pub(crate) const NOTES_OFF: &str =
    "Notes are off: no place to keep them (set SENRYAKU_DATA_DIR, XDG_DATA_HOME or HOME)";
pub(crate) const NOTE_CANCELLED: &str = "Note not changed (Esc)";
pub(crate) const NOTE_UNCHANGED: &str = "Note not changed";
pub(crate) const SAVING: &str = "Saving…";
pub(crate) const SAVED: &str = "Saved";
pub(crate) const NOTES_TITLE: &str = "Notes";
pub(crate) const NOTES_KEYS: &str = "type to filter  Enter go  Ctrl-y copy the sheet  Esc close";
pub(crate) const NOTES_NONE: &str =
    "No notes yet: a writes one on the item under the cursor, m marks it";
pub(crate) const NOTE_LOST: &str = "That note's item is not in this document (its quote is shown)";
pub(crate) const NO_NOTE_TARGET: &str = "Put the cursor on an item or a measure to note it";

/// The notes store could not be read.
pub(crate) fn notes_failed(e: &str) -> String {
    format!("Notes unavailable: {e}")
}

/// A change could not be saved.
pub(crate) fn not_saved(e: &str) -> String {
    format!("NOT SAVED: {e}")
}

/// Another writer changed the note being saved.
pub(crate) fn conflict(id: i64) -> String {
    format!("Another writer changed this note meanwhile; your words were kept as note {id}")
}

/// Notes whose item is gone from the document.
pub(crate) fn notes_lost(n: usize) -> String {
    format!("{n} notes no longer find their item (A lists them)")
}

/// What `m` did.
pub(crate) fn marked(m: Option<crate::notes::Mark>) -> String {
    match m {
        Some(m) => format!("Marked {} {} (saving…)", m.glyph(), m.name()),
        None => "Mark removed (saving…)".to_string(),
    }
}

/// The note editor's prompt: `note 1.4.2 plans 1: `.
pub(crate) fn note_prompt(address: &str) -> String {
    format!("note {address}: ")
}

/// What `f` did.
pub(crate) fn filter(on: bool) -> &'static str {
    if on {
        "Outline: only measures with notes or marks (f shows all)"
    } else {
        "Outline: every measure"
    }
}

/// The notes list's count: `3/12 notes`.
pub(crate) fn note_count(selected: usize, shown: usize, total: usize) -> String {
    match (shown, total) {
        (0, t) => format!("0 of {t}"),
        (s, t) if s == t => format!("{}/{t} notes", selected + 1),
        (s, t) => format!("{}/{s} of {t}", selected + 1),
    }
}

/// The outline's header while it shows only annotated measures.
pub(crate) fn outline_filtered_header(shown: usize, measures: usize) -> String {
    format!("{OUTLINE} (noted: {shown} of {measures}, f: all)")
}

/// The plans → results view's summary: `2 of 3 plans carried out · 1 result not in the plans`.
pub(crate) fn carried_summary(carried: usize, plans: usize, unforeseen: usize) -> String {
    let noun = if plans == 1 { "plan" } else { "plans" };
    let mut s = format!("{carried} of {plans} {noun} carried out");
    match unforeseen {
        0 => {}
        1 => s.push_str(" · 1 result not in the plans"),
        n => s.push_str(&format!(" · {n} results not in the plans")),
    }
    s
}
