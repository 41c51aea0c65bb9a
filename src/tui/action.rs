//! Everything the browser can be asked to do. Keys, mouse, paste and the replies of workers
//! become one of these; `App::update` is the only place that changes state.

use crate::search::Results;
use tui_input::InputRequest;

/// An action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave the browser.
    Quit,
    /// Previous row or item.
    Up,
    /// Next row or item.
    Down,
    /// h/←: collapse, go to parent, or move left (detail column, then outline).
    Left,
    /// l/→: expand, go to first child, or move right.
    Right,
    /// First row or item.
    Top,
    /// Last row or item.
    Bottom,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
    /// Half a page up.
    HalfPageUp,
    /// Half a page down.
    HalfPageDown,
    /// Enter: toggle a part or chapter, open a measure in the detail pane.
    Activate,
    /// Tab: the other pane.
    SwitchPane,
    /// `]`: the next measure.
    NextMeasure,
    /// `[`: the previous measure.
    PrevMeasure,
    /// `s`: side by side, stacked, auto.
    ToggleLayout,
    /// `d`: the plan → result view of two editions, or the normal view.
    ToggleCompare,
    /// `a`: write or edit the note on the item under the cursor (or the measure).
    Annotate,
    /// `m`: the item's mark goes ✓, ?, !, none.
    CycleMark,
    /// `A`: the list of every note.
    OpenNotes,
    /// `f`: the outline shows only measures with notes or marks, or everything.
    FilterNoted,
    /// Ctrl-y in the list of notes: copy the review sheet (Markdown).
    CopySheet,
    /// What the notes worker did.
    NotesDone(Box<super::annotations::Done>),
    /// Alt-m: release the mouse to the terminal, or take it back.
    ToggleMouse,
    /// `:`: go to a part, chapter or measure by its id.
    OpenGoto,
    /// Ctrl-o: back to where the last jump came from.
    JumpBack,
    /// Alt-i: forward again after going back.
    JumpForward,
    /// `>`: a wider outline.
    WidenOutline,
    /// `<`: a narrower outline.
    NarrowOutline,
    /// `+`: open every branch.
    ExpandAll,
    /// `-`: fold to the parts.
    CollapseAll,
    /// `/`: the search popup.
    OpenSearch,
    /// p: the index of programs and acronyms.
    OpenPrograms,
    /// `n`: the next hit.
    NextHit,
    /// `N`: the previous hit.
    PrevHit,
    /// Esc: hide the highlights.
    ClearHighlight,
    /// `?`: the help overlay.
    ToggleHelp,
    // Copying.
    /// y: the item under the cursor, or the selected range.
    CopyItem,
    /// v: start selecting a range of items.
    VisualStart,
    /// Y: the whole measure.
    CopyMeasure,
    /// c: the FY section the cursor is in.
    CopySection,
    /// M: plain text or Markdown.
    ToggleCopyFormat,
    /// What the clipboard did, for the status bar.
    CopyDone(String),
    /// Results of the search for query number `generation`, from the search worker.
    SearchDone {
        /// Which query these answer: a stale answer is dropped.
        generation: u64,
        /// The hits.
        results: Box<Results>,
    },
    /// Close the popup on top (search, help).
    Close,
    // Pickers (the search popup, the index of programs).
    /// Edit the query.
    Edit(InputRequest),
    /// Choose the previous row.
    PickPrev,
    /// Choose the next row.
    PickNext,
    /// Enter on the chosen row.
    Pick,
    /// Ctrl-r in search: the previous query of the history.
    HistoryOlder,
    /// Tab in search: all, results, plans, this measure.
    CycleScope,
    /// Pasted text (bracketed paste).
    Paste(String),
    // Mouse.
    /// A click.
    Click {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// The wheel, up.
    ScrollUp {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// The wheel, down.
    ScrollDown {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// The terminal's new size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
}
