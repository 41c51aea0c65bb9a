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
            Origin::File(p) => safe_path(p),
        }
    }
}

/// A path as it may be shown: characters that could act on a terminal (escape sequences, a
/// newline that would break a one-line error, bidi overrides) are written as `\u{..}`.
pub fn safe_path(p: &Path) -> String {
    let s = p.to_string_lossy();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\n' || c == '\t' || decode::is_unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The largest file read by default: 256 MB (a report is under 1 MB; 1000 copies of one
/// are 74 MB). `--max-size` raises it.
pub const DEFAULT_MAX_BYTES: u64 = 256 << 20;

/// A loaded report with where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The report.
    pub report: Report,
    /// Where it came from.
    pub origin: Origin,
    /// How its bytes were encoded.
    pub encoding: decode::SourceEncoding,
    /// What the document is, whatever its path: a 128-bit hash of its text (decoded), by
    /// which notes find their document again. xxh3: 74 MB hash in about 10 ms.
    pub content_id: String,
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
        parse::parse(decoded.text()).map_err(|source| LoadError::Parse { path: name, source })?;
    let content_id = format!(
        "{:032x}",
        xxhash_rust::xxh3::xxh3_128(decoded.text().as_bytes())
    );
    Ok(Loaded {
        report,
        origin,
        encoding: decoded.encoding,
        content_id,
    })
}

/// Loads a report from a file, or the embedded report when `path` is `None`, refusing files
/// over [`DEFAULT_MAX_BYTES`].
pub fn load(path: Option<&Path>) -> Result<Loaded, LoadError> {
    load_limited(path, DEFAULT_MAX_BYTES)
}

/// Loads a report, refusing a file over `max_bytes` in bounded time and memory: a regular
/// file by its size, a device or pipe (`/dev/zero`, `/dev/urandom`) by what its first bytes
/// are or by reading no more than the limit.
pub fn load_limited(path: Option<&Path>, max_bytes: u64) -> Result<Loaded, LoadError> {
    use std::io::Read;
    let Some(path) = path else {
        return from_bytes(SEED, Origin::Embedded);
    };
    let name = safe_path(path);
    let io = |reason: String| LoadError::Io {
        path: name.clone(),
        reason,
    };
    if path.is_dir() {
        return Err(io("is a directory".to_string()));
    }
    let file = std::fs::File::open(path).map_err(|e| io(io_reason(&e)))?;
    let too_big = |n: u64| {
        io(format!(
            "larger than {} MB ({} MB); --max-size raises the limit",
            max_bytes >> 20,
            n >> 20
        ))
    };
    let meta = file.metadata().map_err(|e| io(io_reason(&e)))?;
    if meta.is_file() && meta.len() > max_bytes {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::with_capacity(if meta.is_file() {
        meta.len() as usize
    } else {
        0
    });
    let mut reader = file.take(max_bytes + 1);
    // The first 64 KB say whether this is text at all; binary is refused before the rest.
    let mut head = [0u8; 1 << 16];
    let mut filled = 0;
    while filled < head.len() {
        match reader.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io(io_reason(&e))),
        }
    }
    bytes.extend_from_slice(&head[..filled]);
    if filled == head.len() && decode::sniff_binary(&bytes) {
        return Err(LoadError::Decode {
            path: name,
            source: DecodeError::Binary,
        });
    }
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| io(io_reason(&e)))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big(bytes.len() as u64));
    }
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
