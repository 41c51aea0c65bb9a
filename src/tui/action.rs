//! Everything the browser can be asked to do. Keys, mouse and paste become one of these;
//! [`super::app::App::update`] is the only place that changes state.

use tui_input::InputRequest;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Up,
    Down,
    /// h/←: collapse, go to parent, or move left (detail column, then outline).
    Left,
    /// l/→: expand, go to first child, or move right.
    Right,
    Top,
    Bottom,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    /// Enter: toggle a part or chapter, open a measure in the detail pane.
    Activate,
    SwitchPane,
    NextMeasure,
    PrevMeasure,
    ToggleLayout,
    ExpandAll,
    CollapseAll,
    OpenSearch,
    /// p: the index of programs and acronyms.
    OpenPrograms,
    NextHit,
    PrevHit,
    ClearHighlight,
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
    /// Close the popup on top (search, help).
    Close,
    // Search popup.
    SearchInput(InputRequest),
    SearchUp,
    SearchDown,
    SearchAccept,
    Paste(String),
    // Mouse.
    Click {
        x: u16,
        y: u16,
    },
    ScrollUp {
        x: u16,
        y: u16,
    },
    ScrollDown {
        x: u16,
        y: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
}
