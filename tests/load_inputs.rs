//! Other editions and bad inputs: encodings, line endings, concatenation, truncation, garbage.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly, as it should.

use proptest::prelude::*;
use senryaku::report::{self, Origin, Report, SEED};

fn parse(bytes: &[u8]) -> Result<Report, report::LoadError> {
    report::from_bytes(bytes, Origin::Embedded).map(|l| l.report)
}

fn seed_text() -> &'static str {
    std::str::from_utf8(SEED).unwrap()
}

#[test]
fn shift_jis_copy_parses_identically() {
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(seed_text());
    assert!(!unmappable, "the seed must be representable in Shift_JIS");
    let loaded = report::from_bytes(&sjis, Origin::Embedded).unwrap();
    assert_eq!(loaded.encoding, report::SourceEncoding::ShiftJis);
    assert_eq!(loaded.report, parse(SEED).unwrap());
}

#[test]
fn crlf_with_bom_parses_identically() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(seed_text().replace('\n', "\r\n").as_bytes());
    assert_eq!(parse(&bytes).unwrap(), parse(SEED).unwrap());
}

#[test]
fn shift_jis_crlf_parses_identically() {
    let crlf = seed_text().replace('\n', "\r\n");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&crlf);
    assert_eq!(parse(&sjis).unwrap(), parse(SEED).unwrap());
}

#[test]
fn control_characters_are_stripped_at_load() {
    let evil = seed_text().replacen(
        "ゲノム医療の実現の推進",
        "ゲノム\u{1b}]52;c;aGk=\u{7}医療の\u{202e}実現の推進\u{9b}",
        1,
    );
    let r = parse(evil.as_bytes()).unwrap();
    let title = &r.parts[0].chapters[0].measures[0].title;
    assert_eq!(title, "ゲノム]52;c;aGk=医療の実現の推進");
    let json = serde_json::to_string(&report::export::json_report(&r)).unwrap();
    assert!(!json.contains('\u{1b}') && !json.contains("\\u001b"));
}

#[test]
fn concatenated_reports_make_more_parts() {
    let doubled = format!("{}\n{}", seed_text(), seed_text());
    let r = parse(doubled.as_bytes()).unwrap();
    assert_eq!(r.parts.len(), 8);
    assert_eq!(r.measure_count(), 84);
    assert_eq!(r.parts[4].label, "（１）");
    assert_eq!(r.parts[4], r.parts[0]);
    assert!(
        r.measure("5.4.2".parse().unwrap())
            .is_some_and(|m| m.title == "レギュラトリーサイエンスの推進")
    );
}

#[test]
fn truncated_report_parses_what_is_there() {
    let text = seed_text();
    let cut = text.find("③ 産学官連携の推進").unwrap();
    let r = parse(&text.as_bytes()[..cut + "③ 産学官連携の推進".len()]).unwrap();
    assert_eq!(r.measure_count(), 3);
    assert_eq!(r.parts[0].chapters[0].measures[2].title, "産学官連携の推進");
    // Cut mid-character and mid-line: still parses.
    for end in [1000, 20_001, 50_003] {
        let bytes = &SEED[..end];
        let valid = match std::str::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap(),
        };
        let _ = parse(valid.as_bytes());
    }
}

#[test]
fn a_clean_single_spaced_edition_parses_the_same_outline() {
    // The same report without the PDF's blank lines and without trailing spaces.
    let clean: String = seed_text()
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    let r = parse(clean.as_bytes()).unwrap();
    let seed = parse(SEED).unwrap();
    assert_eq!(r.parts.len(), 4);
    assert_eq!(r.measure_count(), 42);
    let titles = |r: &Report| {
        r.measures()
            .map(|(id, m)| format!("{id}{}", m.title))
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&r), titles(&seed));
}

#[test]
fn bad_inputs_give_one_line_errors() {
    let cases: [(&[u8], &str); 4] = [
        (b"", "empty"),
        (b"\x00\x01\x02\x03ELF\x00\x00binary\xff\xfe", "binary"),
        (
            "これはただの文章です。\n見出しはありません。\n".as_bytes(),
            "no outline",
        ),
        (b"\xff\xfd\xfc\x80\x81 not text", "not text"),
    ];
    for (bytes, reason) in cases {
        let err = parse(bytes).unwrap_err().to_string();
        assert!(err.contains(reason), "{err:?} should say {reason}");
        assert!(!err.contains('\n'));
        assert!(err.starts_with("kenko-iryo-senryaku-2018.txt"), "{err}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = parse(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(s in "[（）１２①②⑤・･Ⅰ Ⅱ年度成果方針\n a-z。、\u{3000}]{0,400}") {
        let _ = parse(s.as_bytes());
    }

    #[test]
    fn shuffled_seed_lines_never_panic(seed in any::<u64>(), keep in 1usize..1500) {
        let mut lines: Vec<&str> = seed_text().split('\n').collect();
        // A deterministic Fisher-Yates from the proptest seed.
        let mut x = seed | 1;
        for i in (1..lines.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            lines.swap(i, (x % (i as u64 + 1)) as usize);
        }
        lines.truncate(keep);
        let text = lines.join("\n");
        if let Ok(r) = parse(text.as_bytes()) {
            // Whatever came out is a consistent tree with reachable ids.
            for (id, _) in r.measures() {
                prop_assert!(r.measure(id).is_some());
            }
        }
    }
}

#[test]
fn a_large_concatenation_parses_in_halves_like_one_copy_each() {
    // Over 1 MB the parser splits at a part heading and parses the halves on two threads.
    let one = parse(SEED).unwrap();
    let many: String = std::iter::repeat_n(seed_text(), 20)
        .collect::<Vec<_>>()
        .join("\n");
    let r = parse(many.as_bytes()).unwrap();
    assert_eq!(r.parts.len(), 4 * 20);
    for (i, chunk) in r.parts.chunks(4).enumerate() {
        assert_eq!(chunk, &one.parts[..], "copy {i}");
    }
    assert_eq!(r.title, one.title);
}
