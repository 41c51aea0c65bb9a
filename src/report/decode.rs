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
    /// ISO-2022-JP (JIS, as old mail and some exports use).
    Iso2022Jp,
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
            SourceEncoding::Iso2022Jp => "ISO-2022-JP",
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
    /// Neither UTF-8 nor Shift_JIS: where the first byte that is not UTF-8 is.
    #[error(
        "not text in UTF-8, Shift_JIS, UTF-16 or ISO-2022-JP (byte 0x{byte:02X} at offset {offset}, line {line})"
    )]
    UnknownEncoding {
        /// The byte.
        byte: u8,
        /// Its offset in the file.
        offset: usize,
        /// Its line, 1-based.
        line: usize,
    },
    /// A file in an encoding that was recognised but holds bytes it does not allow.
    #[error("not valid {0}")]
    Invalid(&'static str),
}

/// The error for bytes in no known encoding: where the first byte that is not UTF-8 is.
fn unknown(bytes: &[u8]) -> DecodeError {
    let offset = match std::str::from_utf8(bytes) {
        Ok(_) => 0,
        Err(e) => e.valid_up_to(),
    };
    DecodeError::UnknownEncoding {
        byte: bytes.get(offset).copied().unwrap_or(0),
        offset,
        line: 1 + memchr::memchr_iter(b'\n', &bytes[..offset]).count(),
    }
}

/// UTF-16 without a byte-order mark: many NUL bytes, nearly all at odd offsets (little-endian,
/// an ASCII char is `xx 00`) or at even ones (big-endian). Japanese text has NULs only in the
/// ASCII it holds (spaces, digits, line ends), which a report always has.
fn utf16_without_bom(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, SourceEncoding)> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b == 0 {
            if i.is_multiple_of(2) {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let nuls = even + odd;
    // Some NULs, not all bytes NUL (/dev/zero), nearly all on one side.
    if nuls * 50 < bytes.len() || nuls * 10 > bytes.len() * 9 {
        return None;
    }
    if odd * 20 >= nuls * 19 {
        Some((encoding_rs::UTF_16LE, SourceEncoding::Utf16Le))
    } else if even * 20 >= nuls * 19 {
        Some((encoding_rs::UTF_16BE, SourceEncoding::Utf16Be))
    } else {
        None
    }
}

/// A report's text, and the encoding it came in.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, as UTF-8 bytes already checked to be valid: a file that is clean UTF-8
    /// becomes its text without a copy and without std's slower second check.
    utf8: Vec<u8>,
    /// The encoding it came in.
    pub encoding: SourceEncoding,
}

impl Decoded {
    fn new(text: String, encoding: SourceEncoding) -> Decoded {
        Decoded {
            utf8: text.into_bytes(),
            encoding,
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        // Checked when made (SIMD, about 1 ms for 7 MB); never empty here otherwise.
        simdutf8::basic::from_utf8(&self.utf8).unwrap_or_default()
    }
}

/// [`count_unsafe`] on two threads for a large text, split at a line break.
fn count_unsafe_par(s: &str) -> (usize, usize) {
    if s.len() < 1 << 20 {
        return count_unsafe(s);
    }
    let mid = s[s.len() / 2..]
        .find('\n')
        .map_or(s.len(), |i| s.len() / 2 + i);
    let (a, b) = s.split_at(mid);
    std::thread::scope(|scope| {
        let second = scope.spawn(|| count_unsafe(b));
        let x = count_unsafe(a);
        let y = second.join().unwrap_or_else(|_| count_unsafe(b));
        (x.0 + y.0, x.1 + y.1)
    })
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
        // Full-width forms (0xEF) and general punctuation (0xE2) are common in Japanese;
        // their second byte rules most of them out without decoding.
        let second = bytes.get(i + 1).copied().unwrap_or(0);
        let possible = match bytes[i] {
            0xe2 => matches!(second, 0x80 | 0x81),
            0xef => second == 0xbb,
            _ => true,
        };
        if possible
            && let Some(c) = s.get(i..).and_then(|r| r.chars().next())
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

/// Do the first bytes of a file already show it is not text? (NULs that are not UTF-16, or
/// many control bytes.) For refusing `/dev/zero` or a binary without reading all of it.
pub fn sniff_binary(head: &[u8]) -> bool {
    let bom = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    // Cut at an even length so a UTF-16 file is judged on whole units.
    let head = &head[..head.len() & !1];
    !bom && looks_binary(head) && utf16_without_bom(head).is_none()
}

/// Like [`decode`], but reuses the buffer when it already is clean UTF-8 (the common case),
/// saving a copy of the whole file.
pub fn decode_vec(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if !bytes.starts_with(b"\xEF\xBB\xBF") && !bytes.contains(&0) && !bytes.contains(&b'\r') {
        let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
            return decode(&bytes);
        };
        if text.trim().is_empty() {
            return Err(DecodeError::Empty);
        }
        if count_unsafe_par(text).0 == 0 {
            return Ok(Decoded {
                utf8: bytes,
                encoding: SourceEncoding::Utf8,
            });
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
        let s = std::str::from_utf8(rest).map_err(|_| unknown(bytes))?;
        (Cow::Borrowed(s), SourceEncoding::Utf8Bom)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, which) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, SourceEncoding::Utf16Le)
        } else {
            (encoding_rs::UTF_16BE, SourceEncoding::Utf16Be)
        };
        let s = enc
            .decode_without_bom_handling_and_without_replacement(&bytes[2..])
            .ok_or(DecodeError::Invalid(which.name()))?;
        (s, which)
    } else if bytes.contains(&0) {
        let Some((enc, which)) = utf16_without_bom(bytes) else {
            return Err(DecodeError::Binary);
        };
        let s = enc
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or(DecodeError::Binary)?;
        (s, which)
    } else if memchr::memmem::find(bytes, b"\x1b$B").is_some()
        || memchr::memmem::find(bytes, b"\x1b$@").is_some()
    {
        let s = encoding_rs::ISO_2022_JP
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or(DecodeError::Invalid("ISO-2022-JP"))?;
        (s, SourceEncoding::Iso2022Jp)
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (Cow::Borrowed(s), SourceEncoding::Utf8)
    } else {
        // encoding_rs's Shift_JIS is the WHATWG one, i.e. Windows-31J/CP932.
        match encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(s) => (s, SourceEncoding::ShiftJis),
            None if looks_binary(bytes) => return Err(DecodeError::Binary),
            None => return Err(unknown(bytes)),
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
    Ok(Decoded::new(text, encoding))
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
        assert_eq!(d.text(), "（１）健康\n・医療\n");
    }

    #[test]
    fn bom_is_removed() {
        let d = decode("\u{feff}はじめに".as_bytes()).unwrap();
        assert_eq!(d.encoding, SourceEncoding::Utf8Bom);
        assert_eq!(d.text(), "はじめに");
    }

    #[test]
    fn names_utf16_without_bom_iso2022jp_and_where_bytes_go_wrong() {
        let text = "（１）健康・医療 \n１）研究 \n";
        for (enc, which) in [
            (encoding_rs::UTF_16LE, SourceEncoding::Utf16Le),
            (encoding_rs::UTF_16BE, SourceEncoding::Utf16Be),
        ] {
            let bytes: Vec<u8> = text
                .encode_utf16()
                .flat_map(|u| {
                    if enc == encoding_rs::UTF_16LE {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    }
                })
                .collect();
            let d = decode(&bytes).unwrap();
            assert_eq!((d.encoding, d.text()), (which, text));
        }
        let (jis, _, _) = encoding_rs::ISO_2022_JP.encode(text);
        let d = decode(&jis).unwrap();
        assert_eq!((d.encoding, d.text()), (SourceEncoding::Iso2022Jp, text));
        // Valid UTF-8 for two lines, then a byte that is neither UTF-8 nor Shift_JIS.
        let mut bad = "（１）健康\n・医療\n".as_bytes().to_vec();
        bad.extend_from_slice(b"\x80\xff\xfe");
        let e = decode(&bad).unwrap_err().to_string();
        assert!(e.contains("byte 0x80 at offset 26, line 3"), "{e}");
        assert_eq!(decode(&[0u8; 4096]).unwrap_err(), DecodeError::Binary);
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
