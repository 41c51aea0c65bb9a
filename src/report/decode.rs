//! Bytes → clean text: encoding detection (UTF-8 with or without BOM, UTF-16 with BOM,
//! Shift_JIS/CP932), line endings to `\n`, and control characters stripped so that nothing
//! from the file can act on the terminal or the clipboard.

use std::borrow::Cow;

/// Which encoding the bytes were read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    /// UTF-8.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16, little-endian (with a BOM).
    Utf16Le,
    /// UTF-16, big-endian (with a BOM).
    Utf16Be,
    /// Shift_JIS (CP932).
    ShiftJis,
}

impl SourceEncoding {
    /// The encoding's name.
    pub fn name(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "UTF-8",
            SourceEncoding::Utf8Bom => "UTF-8 (BOM)",
            SourceEncoding::Utf16Le => "UTF-16LE",
            SourceEncoding::Utf16Be => "UTF-16BE",
            SourceEncoding::ShiftJis => "Shift_JIS",
        }
    }
}

/// Why bytes are not a report's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Nothing in the file.
    #[error("the file is empty")]
    Empty,
    /// Not text.
    #[error("binary data, not a text report")]
    Binary,
    /// Neither UTF-8 nor Shift_JIS.
    #[error("not text in UTF-8 or Shift_JIS")]
    UnknownEncoding,
}

#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: SourceEncoding,
}

/// Is this character one that must never reach the terminal or the clipboard?
/// C0 controls other than `\n` and `\t`, DEL, C1 controls, and the bidirectional
/// embedding/override/isolate controls and marks that can reorder what is shown.
pub fn is_unsafe_char(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{200e}' | '\u{200f}' | '\u{061c}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        // A BOM in the middle of text is invisible and means nothing.
        '\u{feff}' => true,
        _ => false,
    }
}

/// Counts unsafe characters (see [`is_unsafe_char`]): all of them, and those that say
/// "binary" (every one but CR and form feed). A byte scan: only a few lead bytes can start an
/// unsafe character, so most of the text is never decoded.
fn count_unsafe(s: &str) -> (usize, usize) {
    // Bytes that can start an unsafe character.
    const LEAD: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            t[b] = b != b'\n' as usize && b != b'\t' as usize;
            b += 1;
        }
        t[0x7f] = true;
        t[0xc2] = true;
        t[0xd8] = true;
        t[0xe2] = true;
        t[0xef] = true;
        t
    };
    let (mut all, mut binaryish) = (0, 0);
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| LEAD[b as usize]) {
        i += off;
        if let Some(c) = s.get(i..).and_then(|r| r.chars().next())
            && is_unsafe_char(c)
        {
            all += 1;
            if c != '\r' && c != '\u{c}' {
                binaryish += 1;
            }
        }
        i += 1;
    }
    (all, binaryish)
}

/// Removes every unsafe character (see [`is_unsafe_char`]); borrows when there is none.
pub fn strip_controls(s: &str) -> Cow<'_, str> {
    if count_unsafe(s).0 > 0 {
        Cow::Owned(s.chars().filter(|c| !is_unsafe_char(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// Turns CRLF and lone CR into LF.
fn normalize_newlines(s: &str) -> Cow<'_, str> {
    if s.contains('\r') {
        Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

/// NUL bytes, or more than 1% of bytes that are C0 controls other than white space.
fn looks_binary(bytes: &[u8]) -> bool {
    let controls = bytes
        .iter()
        .filter(|&&b| b == 0x7f || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    bytes.contains(&0) || controls * 100 > bytes.len()
}

/// Like [`decode`], but reuses the buffer when it already is clean UTF-8 (the common case),
/// saving a copy of the whole file.
pub fn decode_vec(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if !bytes.starts_with(b"\xEF\xBB\xBF") && !bytes.contains(&0) && !bytes.contains(&b'\r') {
        match String::from_utf8(bytes) {
            Ok(text) => {
                if text.trim().is_empty() {
                    return Err(DecodeError::Empty);
                }
                if count_unsafe(&text).0 == 0 {
                    return Ok(Decoded {
                        text,
                        encoding: SourceEncoding::Utf8,
                    });
                }
                return decode(text.as_bytes());
            }
            Err(e) => return decode(e.as_bytes()),
        }
    }
    decode(&bytes)
}

/// Decodes a report's bytes without being told the encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    let (raw, encoding): (Cow<'_, str>, SourceEncoding) = if let Some(rest) =
        bytes.strip_prefix(b"\xEF\xBB\xBF")
    {
        let s = std::str::from_utf8(rest).map_err(|_| DecodeError::UnknownEncoding)?;
        (Cow::Borrowed(s), SourceEncoding::Utf8Bom)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, which) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, SourceEncoding::Utf16Le)
        } else {
            (encoding_rs::UTF_16BE, SourceEncoding::Utf16Be)
        };
        let s = enc
            .decode_without_bom_handling_and_without_replacement(&bytes[2..])
            .ok_or(DecodeError::UnknownEncoding)?;
        (s, which)
    } else if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (Cow::Borrowed(s), SourceEncoding::Utf8)
    } else {
        // encoding_rs's Shift_JIS is the WHATWG one, i.e. Windows-31J/CP932.
        match encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(s) => (s, SourceEncoding::ShiftJis),
            None if looks_binary(bytes) => return Err(DecodeError::Binary),
            None => return Err(DecodeError::UnknownEncoding),
        }
    };

    // Text has few control characters; a file with many is binary even if it decodes.
    let (unsafe_chars, binaryish) = count_unsafe(&raw);
    if binaryish * 100 > raw.len() {
        return Err(DecodeError::Binary);
    }
    let text = if unsafe_chars == 0 {
        raw.into_owned()
    } else {
        let text = normalize_newlines(&raw);
        text.chars().filter(|c| !is_unsafe_char(*c)).collect()
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_controls_but_keeps_newline_and_tab() {
        let s = "a\u{1b}[31mb\u{7}c\u{9b}d\u{202e}e\tf\ng\u{7f}";
        assert_eq!(strip_controls(s), "a[31mbcde\tf\ng");
    }

    #[test]
    fn decodes_shift_jis_and_crlf() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("（１）健康\r\n・医療\r\n");
        let d = decode(&sjis).unwrap();
        assert_eq!(d.encoding, SourceEncoding::ShiftJis);
        assert_eq!(d.text, "（１）健康\n・医療\n");
    }

    #[test]
    fn bom_is_removed() {
        let d = decode("\u{feff}はじめに".as_bytes()).unwrap();
        assert_eq!(d.encoding, SourceEncoding::Utf8Bom);
        assert_eq!(d.text, "はじめに");
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b" \n\r\n").unwrap_err(), DecodeError::Empty);
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x00\x00").unwrap_err(),
            DecodeError::Binary
        );
        let noise: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 31) as u8 + 1).collect();
        assert_eq!(decode(&noise).unwrap_err(), DecodeError::Binary);
    }
}
