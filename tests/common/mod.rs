//! What several test files share: the embedded report, parsed and indexed once per process.

#![allow(clippy::unwrap_used, dead_code)]

use senryaku::report::{self, Origin, Report, SEED};
use senryaku::search::Index;
use std::sync::OnceLock;

/// The embedded report and its index.
pub fn fixture() -> &'static (Report, Index) {
    static F: OnceLock<(Report, Index)> = OnceLock::new();
    F.get_or_init(|| {
        let r = report::from_bytes(SEED, Origin::Embedded).unwrap().report;
        let ix = Index::build(&r);
        (r, ix)
    })
}

/// A frame as lines of text; the cell after a wide glyph is skipped, as a terminal shows it.
pub fn screen(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        let mut line = String::new();
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
