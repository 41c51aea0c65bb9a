//! `senryaku compare`: editions built from the seed (a measure dropped, titles reworded,
//! chapters swapped, a measure added, the years moved on) aligned pair by pair.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly, as it should.

use assert_cmd::Command;
use std::path::PathBuf;

const SEED: &str = include_str!("../seeds/kenko-iryo-senryaku-2018.txt");

/// The seed's lines.
fn lines() -> Vec<String> {
    SEED.lines().map(str::to_string).collect()
}

/// The index of the first line that, trimmed, starts with `start`.
fn line_of(lines: &[String], start: &str) -> usize {
    lines
        .iter()
        .position(|l| l.trim().starts_with(start))
        .unwrap_or_else(|| panic!("no line {start}"))
}

/// Writes an edition to a temporary file of its own (tests run at once).
fn edition(name: &str, lines: &[String]) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("senryaku-compare-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

fn seed_file() -> PathBuf {
    edition("seed.txt", &lines())
}

/// (old, new, change) of every pair, from the JSON.
/// `senryaku compare A B --json [more]`, which must succeed, as JSON.
fn compare_json(a: &PathBuf, b: &PathBuf, more: &[&str]) -> serde_json::Value {
    let out = Command::cargo_bin("senryaku")
        .unwrap()
        .arg("compare")
        .arg(a)
        .arg(b)
        .arg("--json")
        .args(more)
        .env("SENRYAKU_NO_CACHE", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn compare(a: &PathBuf, b: &PathBuf) -> Vec<(String, String, String)> {
    let v = compare_json(a, b, &[]);
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or("-").to_string();
            let sim = p["similarity"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&sim));
            (s("old"), s("new"), s("change"))
        })
        .collect()
}

fn changed(pairs: &[(String, String, String)]) -> Vec<(String, String, String)> {
    pairs.iter().filter(|p| p.2 != "same").cloned().collect()
}

fn pair(old: &str, new: &str, change: &str) -> (String, String, String) {
    (old.to_string(), new.to_string(), change.to_string())
}

#[test]
fn identical_editions_are_the_same_throughout() {
    let seed = seed_file();
    let pairs = compare(&seed, &seed);
    assert_eq!(pairs.len(), 42);
    assert!(changed(&pairs).is_empty(), "{:?}", changed(&pairs));
}

#[test]
fn reworded_titles_are_renamed() {
    let mut l = lines();
    // (The seed's lines keep their trailing spaces: the parser reads paragraph ends by them.)
    let a = line_of(&l, "① 次世代医療基盤法の円滑な施行");
    l[a] = l[a].replace("円滑な施行", "着実な施行");
    let b = line_of(&l, "② 再生医療の実現の推進");
    l[b] = l[b].replace("実現の推進", "実用化の推進");
    let pairs = compare(&seed_file(), &edition("renamed.txt", &l));
    assert_eq!(
        changed(&pairs),
        vec![
            pair("1.1.2", "1.1.2", "renamed"),
            pair("4.1.1", "4.1.1", "renamed")
        ]
    );
}

#[test]
fn a_dropped_measure_is_removed_and_an_added_one_added() {
    // 4.3.2 遠隔医療 dropped: from its heading to the next chapter's.
    let mut l = lines();
    let from = line_of(&l, "② 遠隔医療");
    let to = line_of(&l, "４）医療情報・個人情報の利活用に関する制度");
    l.drain(from..to);
    let pairs = compare(&seed_file(), &edition("dropped.txt", &l));
    assert_eq!(changed(&pairs), vec![pair("4.3.2", "-", "removed")]);
    assert_eq!(pairs.len(), 42);

    // A new measure ③ at the end of chapter 4.3.
    let mut l = lines();
    let at = line_of(&l, "４）医療情報・個人情報の利活用に関する制度");
    let added = "③ 医療データの相互運用性の確保\n\n 異なるシステムの間でデータを交換できるようにする。\n\nⅠ 平成 29 年度の主な実行状況・成果\n\n・標準の案を作成した。\n\nⅡ 平成 30 年度の主な取組方針\n\n・標準を公表する。\n";
    for (k, line) in added.lines().enumerate() {
        // Paragraph ends carry a trailing space, as in the seed.
        let line = if line.is_empty() {
            String::new()
        } else {
            format!("{line} ")
        };
        l.insert(at + k, line);
    }
    let pairs = compare(&seed_file(), &edition("added.txt", &l));
    assert_eq!(changed(&pairs), vec![pair("-", "4.3.3", "added")]);
}

#[test]
fn swapped_chapters_move_their_measures() {
    // Chapters １） and ２） of part （４） change places.
    let l = lines();
    let one = line_of(&l, "１）医療・介護・健康分野のデジタル基盤の構築");
    let two = line_of(&l, "２）医療・介護・健康分野のデジタル基盤の利活用");
    let three = line_of(&l, "３）医療・介護・健康分野の現場の高度なデジタル化");
    let mut swapped: Vec<String> = l[..one].to_vec();
    swapped.extend_from_slice(&l[two..three]);
    swapped.extend_from_slice(&l[one..two]);
    swapped.extend_from_slice(&l[three..]);
    let pairs = compare(&seed_file(), &edition("swapped.txt", &swapped));
    let moved = changed(&pairs);
    assert!(!moved.is_empty());
    assert!(moved.iter().all(|p| p.2 == "moved"), "{moved:?}");
    // The measures of 4.1 are now in 4.2, and the other way round.
    assert!(
        moved.contains(&pair("4.1.1", "4.2.1", "moved")),
        "{moved:?}"
    );
    assert_eq!(pairs.len(), 42);
}

#[test]
fn the_earlier_edition_is_the_old_one_whichever_comes_first() {
    // The next year's edition: years moved on (平成 30 → 令和元, 平成 29 → 平成 30), and
    // 4.3.2 gone from it.
    let mut l: Vec<String> = lines()
        .into_iter()
        .map(|s| {
            s.replace("平成 30 年度", "令和元年度")
                .replace("平成 29 年度", "平成 30 年度")
        })
        .collect();
    let from = line_of(&l, "② 遠隔医療");
    let to = line_of(&l, "４）医療情報・個人情報の利活用に関する制度");
    l.drain(from..to);
    let next = edition("next.txt", &l);
    // Given newest first, the seed is still the old edition: 4.3.2 is removed, not added.
    for pairs in [compare(&next, &seed_file()), compare(&seed_file(), &next)] {
        assert_eq!(changed(&pairs), vec![pair("4.3.2", "-", "removed")]);
    }
}

#[test]
fn the_text_table_and_bad_input() {
    let seed = seed_file();
    let out = Command::cargo_bin("senryaku")
        .unwrap()
        .args(["compare"])
        .arg(&seed)
        .arg(&seed)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("1.4.2    1.4.2    same      1.00  レギュラトリーサイエンスの推進"),
        "{text}"
    );
    // The same fiscal years: a warning, and compared anyway.
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("warning: both editions name fiscal years 2017 and 2018"),
        "{err}"
    );
    // A file that is not a report: one line naming it.
    let bad = edition(
        "licence.txt",
        &[
            "MIT License".to_string(),
            "Permission is granted.".to_string(),
        ],
    );
    let out = Command::cargo_bin("senryaku")
        .unwrap()
        .arg("compare")
        .arg(&seed)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("licence.txt") && err.lines().count() == 1,
        "{err}"
    );
    // The same for the browser on two editions, before it takes the terminal.
    for args in [[&seed, &bad], [&bad, &seed]] {
        let out = Command::cargo_bin("senryaku")
            .unwrap()
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("licence.txt") && err.lines().count() == 1,
            "{err}"
        );
    }
    let out = Command::cargo_bin("senryaku")
        .unwrap()
        .arg("--compare")
        .arg(&bad)
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("licence.txt")
    );
}

#[test]
fn plans_are_matched_to_the_results_that_carry_them_out() {
    // The next edition: 1.4.2's results are its plans, carried out (past tense, 引き続き
    // dropped, in the other order), and the years move on.
    let l = lines();
    let head = line_of(&l, "② レギュラトリーサイエンスの推進");
    let results = head
        + l[head..]
            .iter()
            .position(|s| s.trim().starts_with('Ⅰ'))
            .unwrap();
    let plans = head
        + l[head..]
            .iter()
            .position(|s| s.trim().starts_with('Ⅱ'))
            .unwrap();
    let end = line_of(&l, "５）その他国が行う必要な施策等");
    let done: Vec<String> = l[plans + 1..end]
        .iter()
        .map(|s| {
            s.replace("引き続き、", "")
                .replace("を行う。", "を行った。")
                .replace("を進める。", "を進めた。")
                .replace("を図る。", "を図った。")
        })
        .collect();
    // The bullets in the other order: split at the ・ lines.
    let mut bullets: Vec<Vec<String>> = Vec::new();
    for s in done {
        if s.trim_start().starts_with('・') || bullets.is_empty() {
            bullets.push(Vec::new());
        }
        if let Some(b) = bullets.last_mut() {
            b.push(s);
        }
    }
    bullets.reverse();
    let mut next: Vec<String> = l[..=results].to_vec();
    next.push(String::new());
    next.extend(bullets.into_iter().flatten());
    next.extend_from_slice(&l[plans..]);
    let next: Vec<String> = next
        .into_iter()
        .map(|s| {
            s.replace("平成 30 年度", "令和元年度")
                .replace("平成 29 年度", "平成 30 年度")
        })
        .collect();
    let v = compare_json(
        &edition("next.txt", &next),
        &seed_file(),
        &["--measure", "1.4.2"],
    );
    // Last year's plans (平成 30 年度) beside this year's results for the same year.
    assert_eq!(v["results_heading"], "Ⅰ 平成 30 年度の主な実行状況・成果");
    assert_eq!(v["plans_heading"], "Ⅱ 平成 30 年度の主な取組方針");
    let pairs = v["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 2);
    // Plan 1 is carried out by result 2 and plan 2 by result 1 (they were reversed).
    assert_eq!(pairs[0]["result"], 2, "{v}");
    assert_eq!(pairs[1]["result"], 1, "{v}");
    assert!(
        pairs
            .iter()
            .all(|p| p["similarity"].as_f64().unwrap() > 0.6),
        "{v}"
    );
}

#[test]
fn a_later_edition_names_its_own_years_in_json_and_show() {
    let next: Vec<String> = lines()
        .into_iter()
        .map(|s| {
            s.replace("平成 30 年度", "令和元年度")
                .replace("平成 29 年度", "平成 30 年度")
        })
        .collect();
    let path = edition("reiwa.txt", &next);
    let run = |args: &[&str]| {
        Command::cargo_bin("senryaku")
            .unwrap()
            .args(args)
            .arg("--file")
            .arg(&path)
            .output()
            .unwrap()
    };
    let out = run(&["export", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], 2);
    assert_eq!(v["fiscal_years"]["results"], 2018);
    assert_eq!(v["fiscal_years"]["plans"], 2019);
    let m = &v["parts"][0]["chapters"][3]["measures"][1];
    assert_eq!(m["plans"]["heading"], "Ⅱ 令和元年度の主な取組方針");
    assert_eq!(m["plans"]["fiscal_year"], 2019);
    let out = run(&["show", "1.4.2", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["results"]["fiscal_year"], 2018);
    // --fy takes this edition's years, and says which they are when given another.
    let out = run(&["show", "1.4.2", "--fy", "2019", "--item", "1"]);
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Ⅱ 令和元年度の主な取組方針")
    );
    let out = run(&["show", "1.4.2", "--fy", "2017"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("2018 (results) and 2019 (plans)"), "{err}");
}

#[path = "common/editions.rs"]
mod editions;

#[test]
fn a_written_edition_reads_back_as_the_same_report() {
    let seed = editions::seed();
    let text = editions::write(&seed);
    let back = senryaku::report::from_bytes(text.as_bytes(), senryaku::report::Origin::Embedded)
        .unwrap()
        .report;
    assert_eq!(back.parts, seed.parts);
    assert_eq!(back.measure_count(), 42);
    let next = editions::next(&seed);
    let back = senryaku::report::from_bytes(
        editions::write(&next).as_bytes(),
        senryaku::report::Origin::Embedded,
    )
    .unwrap()
    .report;
    assert_eq!(back.parts, next.parts);
    assert_eq!(back.fiscal_years(), (Some(2018), Some(2019)));
}

/// Writes the next edition to `$SENRYAKU_WRITE_NEXT`, to try the browser on by hand.
#[test]
fn write_the_next_edition_when_asked() {
    if let Some(path) = std::env::var_os("SENRYAKU_WRITE_NEXT") {
        let next = editions::changed(&editions::seed());
        std::fs::write(path, editions::write(&next)).unwrap();
    }
}
