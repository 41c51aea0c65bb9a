//! Reviewer notes from the command line: written by many processes at once, by processes
//! killed mid-write, read back as a review sheet; a damaged store is refused and left alone.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly, as it should.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SEED: &str = include_str!("../seeds/kenko-iryo-senryaku-2018.txt");

/// A data directory of the test's own.
fn data_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("senryaku-notes-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn senryaku(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_senryaku"));
    c.env("SENRYAKU_DATA_DIR", data)
        .env("SENRYAKU_NO_CACHE", "1");
    c
}

fn run(data: &Path, args: &[&str]) -> Output {
    senryaku(data).args(args).output().unwrap()
}

fn ok(data: &Path, args: &[&str]) -> String {
    let out = run(data, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn sheet(data: &Path, more: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["notes", "--json"];
    args.extend_from_slice(more);
    serde_json::from_str::<serde_json::Value>(&ok(data, &args))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// The number `note add` printed: `note 12 added: 1.4.2 plans 1`.
fn number(out: &str) -> i64 {
    out.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn forty_writers_at_once_keep_forty_notes() {
    let data = data_dir("forty");
    // No store yet: the writers race to make it, too.
    let children: Vec<_> = (0..40)
        .map(|i| {
            senryaku(&data)
                .args(["note", "add", "1.4.2", "--section", "plans", "--item", "1"])
                .arg(format!("writer {i}"))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut numbers = Vec::new();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        numbers.push(number(&String::from_utf8(out.stdout).unwrap()));
    }
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers.len(), 40);
    let notes = sheet(&data, &[]);
    assert_eq!(notes.len(), 40);
    let mut texts: Vec<String> = notes
        .iter()
        .map(|n| n["note"].as_str().unwrap().to_string())
        .collect();
    texts.sort();
    let mut want: Vec<String> = (0..40).map(|i| format!("writer {i}")).collect();
    want.sort();
    assert_eq!(texts, want);
}

#[test]
fn writers_killed_at_random_moments_lose_nothing_they_reported() {
    let data = data_dir("killed");
    let mut reported = Vec::new();
    // How long an add takes here, so that the kills fall before, during and after the write.
    let t = std::time::Instant::now();
    ok(&data, &["note", "add", "2.3.4", "the first"]);
    let span = (t.elapsed().as_micros() as u64 * 3 / 2).max(1);
    // A cheap generator of delays: the moment of each kill differs.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D ^ u64::from(std::process::id());
    for i in 0..40 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = std::time::Duration::from_micros(seed % span);
        let mut child = senryaku(&data)
            .args(["note", "add", "2.3.4", "--mark", "concern"])
            .arg(format!("attempt {i}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        if out.status.success() && text.contains("added") {
            reported.push(number(&text));
        }
    }
    // Some were killed before they were done, some after.
    eprintln!("{} of 40 adds reported done", reported.len());
    assert!(
        !reported.is_empty() && reported.len() < 40,
        "{}",
        reported.len()
    );
    // The store opens, and every add that said so is there.
    let notes = sheet(&data, &[]);
    let kept: Vec<i64> = notes
        .iter()
        .map(|n| n["number"].as_i64().unwrap())
        .collect();
    for n in &reported {
        assert!(kept.contains(n), "note {n} was reported added but is gone");
    }
    // And the store still takes notes.
    ok(&data, &["note", "add", "2.3.4", "after the kills"]);
}

fn assert_refused(data: &Path, store: &Path, what: &str) {
    let before = std::fs::read(store).unwrap();
    for args in [
        &["note", "add", "1.4.2", "x"][..],
        &["notes"][..],
        &["note", "rm", "1"][..],
    ] {
        let out = run(data, args);
        assert_eq!(out.status.code(), Some(2), "{what}: {args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{what}: {err}");
        assert!(
            err.contains("notes.db") && err.contains("damaged"),
            "{what}: {err}"
        );
        assert!(err.contains("left as it is"), "{what}: {err}");
        assert_eq!(
            std::fs::read(store).unwrap(),
            before,
            "{what}: the store changed"
        );
    }
}

#[test]
fn a_damaged_store_is_refused_and_left_byte_for_byte() {
    // Garbage.
    let data = data_dir("garbage");
    let store = data.join("notes.db");
    std::fs::write(
        &store,
        "not a database, but a reviewer's precious file\n".repeat(100),
    )
    .unwrap();
    assert_refused(&data, &store, "garbage");
    // A real store, cut short.
    let data = data_dir("truncated");
    for i in 0..200 {
        let text = format!("note {i} {}", "長い注記".repeat(40));
        ok(&data, &["note", "add", "1.1.1", &text]);
    }
    let store = data.join("notes.db");
    let full = std::fs::read(&store).unwrap();
    assert!(full.len() > 8192, "{}", full.len());
    std::fs::write(&store, &full[..full.len() / 2 + 100]).unwrap();
    assert_refused(&data, &store, "cut mid-page");
    std::fs::write(&store, &full[..4096]).unwrap();
    assert_refused(&data, &store, "cut at a page");
    // An empty file is not taken for a new store either.
    std::fs::write(&store, b"").unwrap();
    assert_refused(&data, &store, "empty");
}

#[test]
fn notes_belong_to_the_document_not_its_path() {
    let data = data_dir("content");
    let a = data.join("a");
    let b = data.join("elsewhere/copy");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::write(a.join("2018.txt"), SEED).unwrap();
    std::fs::write(b.join("renamed.txt"), SEED).unwrap();
    let first = a.join("2018.txt");
    let copy = b.join("renamed.txt");
    ok(
        &data,
        &[
            "note",
            "add",
            "1.4.2",
            "MID-NET",
            "--file",
            first.to_str().unwrap(),
        ],
    );
    let notes = sheet(&data, &["--file", copy.to_str().unwrap()]);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["note"], "MID-NET");
    // The embedded report is the same text: the same notes.
    assert_eq!(sheet(&data, &[]).len(), 1);
    // Another document has none.
    let other = data.join("other.txt");
    std::fs::write(&other, SEED.replace("MID-NET", "MIDNET")).unwrap();
    assert!(sheet(&data, &["--file", other.to_str().unwrap()]).is_empty());
    // A note is removed by its number, from its document only.
    let n = notes[0]["number"].as_i64().unwrap().to_string();
    let out = run(
        &data,
        &["note", "rm", &n, "--file", other.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    ok(&data, &["note", "rm", &n]);
    assert!(sheet(&data, &[]).is_empty());
}

#[test]
fn the_review_sheet_in_three_formats() {
    let data = data_dir("sheet");
    ok(
        &data,
        &[
            "note",
            "add",
            "1.4.2",
            "--section",
            "plans",
            "--item",
            "1",
            "--mark",
            "question",
            "MID-NET の利活用は, \"本格\" 運用か？",
        ],
    );
    ok(&data, &["note", "add", "1.4.2", "--mark", "checked", ""]);
    ok(
        &data,
        &[
            "note",
            "add",
            "2.3.4",
            "--fy",
            "2018",
            "--item",
            "1.2",
            "送出機関\n二行目",
        ],
    );
    // A place that is not there, and nothing to note: refused.
    assert_eq!(
        run(
            &data,
            &[
                "note",
                "add",
                "1.4.2",
                "--section",
                "plans",
                "--item",
                "9",
                "x"
            ]
        )
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        run(&data, &["note", "add", "1.4.2", " "]).status.code(),
        Some(2)
    );

    // JSON: in the report's order, with the citation and the item's text.
    let rows = sheet(&data, &[]);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["measure"], "1.4.2");
    assert_eq!(rows[0]["item"], "title");
    assert_eq!(rows[0]["mark"], "checked");
    assert_eq!(rows[1]["item"], "plans 1");
    assert_eq!(rows[1]["section"], "Ⅱ 平成 30 年度の主な取組方針");
    assert_eq!(rows[1]["title"], "レギュラトリーサイエンスの推進");
    assert_eq!(rows[1]["path"], "（１）４）②");
    assert!(
        rows[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("MID-NET の本格運用を開始し")
    );
    assert_eq!(
        rows[1]["report"],
        "健康・医療戦略の実行状況及び今後の取組方針 2018"
    );
    assert!(rows[1]["created"].as_str().unwrap().ends_with('Z'));
    assert_eq!(rows[2]["item"], "plans 1.2");
    // A note is one line: a line break in it becomes a space.
    assert_eq!(rows[2]["note"], "送出機関 二行目");

    // Markdown: grouped by part, then measure.
    let md = ok(&data, &["notes", "--format", "markdown"]);
    let part2 = md.find("## （２）").unwrap();
    let m142 = md
        .find("### （１）４）② レギュラトリーサイエンスの推進")
        .unwrap();
    let m234 = md.find("### （２）３）④ アジア健康構想の推進").unwrap();
    assert!(m142 < part2 && part2 < m234, "{md}");
    assert!(
        md.contains("- ? **Ⅱ 平成 30 年度の主な取組方針 · plans 1** — MID-NET"),
        "{md}"
    );
    assert!(md.contains("- ✓ **title**"), "{md}");

    // CSV: a byte-order mark, a header, RFC 4180 quoting, CRLF.
    let csv = ok(&data, &["notes", "--format", "csv"]);
    assert!(
        csv.starts_with(
            "\u{feff}number,report,file,measure,path,title,section,item,mark,note,text"
        )
    );
    assert_eq!(csv.matches("\r\n").count(), 4);
    assert!(
        csv.contains(",question,\"MID-NET の利活用は, \"\"本格\"\" 運用か？\","),
        "{csv}"
    );
    let mut reader =
        csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 3);
    assert_eq!(&records[1][9], "MID-NET の利活用は, \"本格\" 運用か？");
}

#[test]
fn reading_notes_makes_no_store() {
    let data = data_dir("nothing");
    assert!(sheet(&data, &[]).is_empty());
    let md = ok(&data, &["notes"]);
    assert!(md.starts_with("# Review: "), "{md}");
    assert_eq!(run(&data, &["note", "rm", "3"]).status.code(), Some(2));
    assert!(!data.join("notes.db").exists());
    // The first note makes it.
    ok(&data, &["note", "add", "1.1.1", "first"]);
    assert!(data.join("notes.db").exists());
}
