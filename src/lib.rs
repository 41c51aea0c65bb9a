//! senryaku: a terminal browser for 「健康・医療戦略の実行状況及び今後の取組方針 2018」.
//!
//! The library holds the domain (`report`), the search engine (`search`) and the views
//! (`tui`); the binary is a thin shell over them.

pub mod cli;
pub mod clipboard;
pub mod programs;
pub mod report;
pub mod search;
pub mod tui;
