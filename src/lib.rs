//! senryaku: a terminal browser for the Japanese government report
//! 「健康・医療戦略の実行状況及び今後の取組方針」, the yearly follow-up of Japan's Health and
//! Medical Strategy.
//!
//! The library holds the domain ([`report`]: the model, its one address type [`report::Loc`]
//! and the walks over it, decoding, parsing, exports and excerpts), the search engine
//! ([`search`]), the index of programs ([`programs`]) and the browser ([`tui`]); the binary is
//! a thin shell over [`cli`]. The domain knows nothing of the terminal.

#![forbid(unsafe_code)]

pub mod cli;
pub(crate) mod clipboard;
pub mod compare;
pub mod notes;
pub mod programs;
pub mod report;
pub mod search;
pub mod tui;
pub(crate) mod width;
