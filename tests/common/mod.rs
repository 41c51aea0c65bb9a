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
