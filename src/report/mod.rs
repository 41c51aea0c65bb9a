//! The document: model, decoding and parsing. Knows nothing of the terminal.

pub(crate) mod decode;
pub mod excerpt;
pub mod export;
pub mod loc;
pub mod model;
pub(crate) mod parse;
pub(crate) mod terms;

pub use decode::{DecodeError, SourceEncoding};
pub use parse::ParseError;
pub use terms::Kind;

pub use loc::{At, Field, ItemAt, Loc, Piece};
pub use model::{Chapter, Fy, Item, Measure, Node, NodeId, Part, Report, Section};

use std::path::{Path, PathBuf};

/// The 2018 report as extracted from its PDF, embedded as the default document.
pub const SEED: &[u8] = include_bytes!("../../seeds/kenko-iryo-senryaku-2018.txt");

/// Where a report came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The report built into the binary.
    Embedded,
    /// A file.
    File(PathBuf),
}

impl Origin {
    /// The name shown for it.
    pub fn display_name(&self) -> String {
        match self {
            Origin::Embedded => "kenko-iryo-senryaku-2018.txt (embedded)".to_string(),
            Origin::File(p) => p.display().to_string(),
        }
    }
}

/// A loaded report with where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The report.
    pub report: Report,
    /// Where it came from.
    pub origin: Origin,
    /// How its bytes were encoded.
    pub encoding: decode::SourceEncoding,
}

/// Why a report could not be loaded. Displays as one line naming the file and the reason.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{path}: {reason}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// The bytes are not text senryaku reads.
    #[error("{path}: {source}")]
    Decode {
        /// The file.
        path: String,
        /// Why.
        source: decode::DecodeError,
    },
    /// The text is not a report.
    #[error("{path}: {source}")]
    Parse {
        /// The file.
        path: String,
        /// Why.
        source: parse::ParseError,
    },
}

/// Decodes and parses bytes.
pub fn from_bytes(bytes: &[u8], origin: Origin) -> Result<Loaded, LoadError> {
    let decoded = decode::decode(bytes);
    from_decoded(decoded, origin)
}

fn from_decoded(
    decoded: Result<decode::Decoded, decode::DecodeError>,
    origin: Origin,
) -> Result<Loaded, LoadError> {
    let name = origin.display_name();
    let decoded = decoded.map_err(|source| LoadError::Decode {
        path: name.clone(),
        source,
    })?;
    let report =
        parse::parse(&decoded.text).map_err(|source| LoadError::Parse { path: name, source })?;
    Ok(Loaded {
        report,
        origin,
        encoding: decoded.encoding,
    })
}

/// Loads a report from a file, or the embedded report when `path` is `None`.
pub fn load(path: Option<&Path>) -> Result<Loaded, LoadError> {
    let Some(path) = path else {
        return from_bytes(SEED, Origin::Embedded);
    };
    let io = |reason: String| LoadError::Io {
        path: path.display().to_string(),
        reason,
    };
    if path.is_dir() {
        return Err(io("is a directory".to_string()));
    }
    let bytes = std::fs::read(path).map_err(|e| io(io_reason(&e)))?;
    from_decoded(decode::decode_vec(bytes), Origin::File(path.to_path_buf()))
}

/// A short reason for an I/O error, without the "(os error 2)" noise.
fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file".to_string(),
        PermissionDenied => "permission denied".to_string(),
        IsADirectory => "is a directory".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}
