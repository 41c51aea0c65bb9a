//! Builds `assets/ipadic-readings.bin` from the MeCab IPADIC 2.7.0 sources.
//!
//! The sources ship, unchanged, in the `lindera-ipadic` 0.28.0 crate on crates.io
//! (`resources/mecab-ipadic-2.7.0-20070801.tar.gz`), so the dictionary can be rebuilt from
//! crates.io alone:
//!
//! ```text
//! cargo fetch --manifest-path tools/dictgen/Cargo.toml   # or any project using lindera-ipadic 0.28
//! cargo run -p senryaku-dictgen -- ~/.cargo/registry/src/*/lindera-ipadic-0.28.0/resources/mecab-ipadic-2.7.0-20070801.tar.gz assets/ipadic-readings.bin
//! ```
//!
//! The output keeps, of each entry, only what senryaku's reading analyzer needs: surface,
//! context ids, cost and reading. See `src/search/dict.rs` for the format.

use std::collections::BTreeMap;
use std::io::Read;

const MAGIC: &[u8; 8] = b"SRKDIC02";

/// Unknown-word classes, in the order `src/search/dict.rs` numbers them.
const CLASSES: [&str; 11] = [
    "DEFAULT",
    "SPACE",
    "KANJI",
    "SYMBOL",
    "NUMERIC",
    "ALPHA",
    "HIRAGANA",
    "KATAKANA",
    "KANJINUMERIC",
    "GREEK",
    "CYRILLIC",
];

struct Entry {
    left: u16,
    right: u16,
    cost: i16,
    reading: Vec<u8>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: senryaku-dictgen mecab-ipadic-2.7.0-20070801.tar.gz OUT.bin");
        std::process::exit(2);
    }
    if let Err(e) = run(&args[1], &args[2]) {
        eprintln!("senryaku-dictgen: {e}");
        std::process::exit(1);
    }
}

fn euc(bytes: &[u8]) -> String {
    encoding_rs::EUC_JP.decode(bytes).0.into_owned()
}

/// A katakana reading as one byte per kana (code point − U+30A0); `None` if it is not all kana.
fn reading_bytes(r: &str) -> Option<Vec<u8>> {
    r.chars()
        .map(|c| match c as u32 {
            0x30A1..=0x30FF => Some((c as u32 - 0x30A0) as u8),
            _ => None,
        })
        .collect()
}

fn run(input: &str, out: &str) -> Result<(), Box<dyn std::error::Error>> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(std::fs::File::open(input)?));
    for entry in archive.entries()? {
        let mut entry = entry?;
        let path = entry.path()?.to_string_lossy().into_owned();
        let name = path.rsplit('/').next().unwrap_or_default().to_string();
        if name.ends_with(".csv") || name == "matrix.def" || name == "unk.def" {
            let mut buf = Vec::new();
            entry.read_to_end(&mut buf)?;
            files.insert(name, buf);
        }
    }
    let mut lexicon: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    // IPADIC's files (EUC-JP), then `user.csv` (UTF-8, same columns): words of health policy
    // that IPADIC lacks and would otherwise misread (健診 as 健|診 けん|み).
    let user = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/user.csv"))?;
    let texts = files
        .iter()
        .filter(|(name, _)| name.ends_with(".csv"))
        .map(|(_, bytes)| euc(bytes))
        .chain(std::iter::once(user));
    for text in texts {
        for line in text.lines() {
            let f: Vec<&str> = line.split(',').collect();
            if f.len() < 12 {
                continue;
            }
            let reading = reading_bytes(f[11]).unwrap_or_default();
            lexicon.entry(f[0].to_string()).or_default().push(Entry {
                left: f[1].parse()?,
                right: f[2].parse()?,
                cost: f[3].parse()?,
                reading,
            });
        }
    }
    let mut unk = Vec::new();
    for line in euc(&files["unk.def"]).lines() {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() < 4 {
            continue;
        }
        let Some(class) = CLASSES.iter().position(|c| *c == f[0]) else {
            continue;
        };
        unk.push((
            class as u8,
            f[1].parse::<u16>()?,
            f[2].parse::<u16>()?,
            f[3].parse::<i16>()?,
        ));
    }
    let matrix_text = euc(&files["matrix.def"]);
    let mut lines = matrix_text.lines();
    let dims: Vec<usize> = lines
        .next()
        .ok_or("empty matrix.def")?
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    let (lsize, rsize) = (dims[0], dims[1]);
    let mut matrix = vec![0i16; lsize * rsize];
    let _ = rsize;
    for line in lines {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() == 3 {
            let (a, b, c): (usize, usize, i16) = (f[0].parse()?, f[1].parse()?, f[2].parse()?);
            // Stored by the left id of the word after, so that one word's costs
            // against every word before it lie in one row.
            matrix[b * lsize + a] = c;
        }
    }

    let mut entries: Vec<u8> = Vec::new();
    let mut readings: Vec<u8> = Vec::new();
    let mut builder = fst::MapBuilder::memory();
    let mut n = 0u64;
    for (surface, list) in &lexicon {
        let count = list.len().min(255) as u64;
        builder.insert(surface.as_bytes(), n << 8 | count)?;
        for e in list.iter().take(255) {
            entries.extend_from_slice(&e.left.to_le_bytes());
            entries.extend_from_slice(&e.right.to_le_bytes());
            entries.extend_from_slice(&e.cost.to_le_bytes());
            entries.extend_from_slice(&(e.reading.len() as u16).to_le_bytes());
            entries.extend_from_slice(&(readings.len() as u32).to_le_bytes());
            readings.extend_from_slice(&e.reading);
            n += 1;
        }
    }
    let fst = builder.into_inner()?;

    let mut o: Vec<u8> = Vec::new();
    o.extend_from_slice(MAGIC);
    o.extend_from_slice(&(lsize as u32).to_le_bytes());
    o.extend_from_slice(&(rsize as u32).to_le_bytes());
    o.extend_from_slice(&(unk.len() as u32).to_le_bytes());
    for (class, l, r, c) in &unk {
        o.push(*class);
        o.push(0);
        o.extend_from_slice(&l.to_le_bytes());
        o.extend_from_slice(&r.to_le_bytes());
        o.extend_from_slice(&c.to_le_bytes());
    }
    o.extend_from_slice(&(n as u32).to_le_bytes());
    o.extend_from_slice(&entries);
    o.extend_from_slice(&(readings.len() as u32).to_le_bytes());
    o.extend_from_slice(&readings);
    o.extend_from_slice(&(matrix.len() as u32).to_le_bytes());
    for c in &matrix {
        o.extend_from_slice(&c.to_le_bytes());
    }
    o.extend_from_slice(&(fst.len() as u32).to_le_bytes());
    o.extend_from_slice(&fst);
    std::fs::write(out, &o)?;
    eprintln!(
        "{} surfaces, {n} entries, {} unknown-word entries, matrix {lsize}×{rsize}: {} bytes",
        lexicon.len(),
        unk.len(),
        o.len()
    );
    Ok(())
}
