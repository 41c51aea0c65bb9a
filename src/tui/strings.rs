//! Every string the browser shows, in one place.

use super::layout::Arrangement;
use crate::search::Field;

pub const OUTLINE: &str = "Outline";
pub const DETAIL: &str = "Detail";
pub const SEARCH_TITLE: &str = "Search";
pub const SEARCH_PROMPT: &str = "/ ";
pub const SEARCH_EMPTY: &str =
    "Type to search titles, purposes and FY items: CiCLE, ｍｉｄ－ｎｅｔ, ばいおでざいん, robotto";
pub const SEARCH_NONE: &str = "No match";
pub const SEARCH_KEYS: &str = "Up/Down choose  Enter jump  Esc close";
pub const PROGRAMS_TITLE: &str = "Programs and acronyms";
pub const PROGRAMS_KEYS: &str = "type to filter  Up/Down choose  Enter measures  Esc close";
pub const PROGRAMS_OPEN_KEYS: &str = "Up/Down choose  Enter jump  Esc back";
pub const HELP_TITLE: &str = "Keys";
pub const HELP_FOOTER: &str = "? or Esc closes this help";
pub const HINTS: &str = "? help  / search  Tab pane  q quit";
pub const NO_MORE_MEASURES: &str = "No more measures that way";
pub const NO_SEARCH: &str = "No search yet: press / to search";
pub const NO_SECTION: &str = "Put the cursor on an FY item (j/k) to copy its section";
pub const NOT_A_MEASURE: &str = "Select a measure to copy";
pub const RESULTS_LABEL: &str = "Ⅰ results";
pub const PLANS_LABEL: &str = "Ⅱ plans";

pub fn too_small(w: u16, h: u16) -> String {
    format!("Terminal too small: {w}x{h}. senryaku needs at least 40x12.")
}

pub fn arrangement(a: Arrangement) -> String {
    format!("FY sections: {}", a.name())
}

pub fn hit_position(n: usize, total: usize, wrapped: bool) -> String {
    if wrapped {
        format!("Hit {n}/{total} (wrapped around)")
    } else {
        format!("Hit {n}/{total}")
    }
}

pub fn hit_count(shown: usize, total: usize) -> String {
    match (shown, total) {
        (_, 0) => SEARCH_NONE.to_string(),
        (s, t) if s < t => format!("{s} of {t} hits"),
        (_, 1) => "1 hit".to_string(),
        (_, t) => format!("{t} hits"),
    }
}

pub fn field(f: Field) -> &'static str {
    match f {
        Field::Part => "part",
        Field::Chapter => "chapter",
        Field::Title => "title",
        Field::Purpose => "purpose",
        Field::Fy2017 => "FY2017",
        Field::Fy2018 => "FY2018",
    }
}

pub fn outline_header(measures: usize) -> String {
    format!("{OUTLINE} ({measures} measures)")
}

pub fn copy_format(f: crate::report::excerpt::Format) -> String {
    format!("Copies as {}", f.name())
}

pub fn entry_count(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total} entries")
    } else {
        format!("{shown} of {total}")
    }
}

pub fn measure_count(n: usize) -> String {
    match n {
        1 => "1 measure".to_string(),
        n => format!("{n} measures"),
    }
}
