//! The binary's subcommands, run as a script would run them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly, as it should.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;

fn senryaku() -> Command {
    Command::cargo_bin("senryaku").unwrap()
}

fn stdout_of(args: &[&str]) -> String {
    let out = senryaku().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn help_and_version() {
    senryaku()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("toc"));
    senryaku()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")))
        // The licence of the dictionary built in is named, as IPADIC asks.
        .stdout(predicate::str::contains("mecab-ipadic-2.7.0-20070801"))
        .stdout(predicate::str::contains("NOTICE"));
    let notice = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/NOTICE")).unwrap();
    assert!(notice.contains("Nara Institute of Science"));
}

#[test]
fn toc_lists_the_outline_with_ids() {
    let out = stdout_of(&["toc"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + 4 + 16 + 42);
    // The preface first, as id 0.
    assert_eq!(lines[0], "0       はじめに");
    assert!(lines[1].starts_with("1 ") && lines[1].contains("（１）世界最高水準の医療"));
    assert!(out.contains("1.4.2       ② レギュラトリーサイエンスの推進\n"));
    assert!(out.contains("3.3.1       ・ 臨床研究登録情報の検索ポータルサイト運営事業等\n"));
}

#[test]
fn toc_json_has_ids_labels_titles() {
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&["toc", "--json"])).unwrap();
    // The preface, then the parts.
    assert_eq!(v.as_array().unwrap().len(), 1 + 4);
    assert_eq!(v[0]["id"], "0");
    assert_eq!(v[0]["title"], "はじめに");
    assert!(v[0].get("chapters").is_none());
    let m = &v[1]["chapters"][3]["measures"][1];
    assert_eq!(m["id"], "1.4.2");
    assert_eq!(m["label"], "②");
    assert_eq!(m["title"], "レギュラトリーサイエンスの推進");
}

#[test]
fn show_prints_a_measure_readably() {
    let out = stdout_of(&["show", "1.4.2"]);
    assert!(out.starts_with(
        "「健康・医療戦略の実行状況及び今後の取組方針 2018」（１）４）② レギュラトリーサイエンスの推進\n医療分野の研究開発の成果"
    ));
    assert!(out.contains("\nⅠ 平成 29 年度の主な実行状況・成果\n・医療情報データベースシステム（以下、MID-NET と言う。）"));
    assert!(out.contains("\nⅡ 平成 30 年度の主な取組方針\n・MID-NET の本格運用を開始し"));
    // Sub-items are indented under their bullet.
    let asia = stdout_of(&["show", "2.3.4"]);
    assert!(asia.contains("・介護分野における技能実習生の円滑な受入れのため、\n  ①アジア現地"));
    assert!(
        asia.contains(
            "\n  ⑤技能実習生の帰国後の受け皿となる日本の介護事業者の海外展開\n  について、"
        )
    );
    // A chapter lists its measures under its path.
    let chapter = stdout_of(&["show", "1.4"]);
    assert!(chapter.starts_with("[1.4] （１）世界最高水準"));
}

#[test]
fn show_one_section_or_item_as_the_browser_copies_it() {
    let sec = stdout_of(&["show", "1.4.2", "--fy", "2018"]);
    assert_eq!(sec.lines().count(), 3);
    assert!(
        sec.lines()
            .next()
            .unwrap()
            .ends_with("レギュラトリーサイエンスの推進 — Ⅱ 平成 30 年度の主な取組方針")
    );
    let item = stdout_of(&["show", "2.3.4", "--fy", "2018", "--item", "1"]);
    assert_eq!(item.lines().count(), 1 + 1 + 5 + 1);
    let sub = stdout_of(&["show", "2.3.4", "--fy", "2018", "--item", "1.5"]);
    assert_eq!(
        sub.lines().nth(1),
        Some("⑤技能実習生の帰国後の受け皿となる日本の介護事業者の海外展開")
    );
    let md = stdout_of(&["show", "1.4.2", "--fy", "2017", "--item", "2", "--markdown"]);
    assert!(md.starts_with("**「健康・医療戦略の実行状況及び今後の取組方針 2018」（１）４）②"));
    assert!(md.contains("\n\n> - 臨床試験成績のデータ収集を継続し"));
    for bad in [
        vec!["show", "1.4.2", "--fy", "2018", "--item", "9"],
        vec!["show", "1.4.2", "--fy", "2018", "--item", "x"],
        vec!["show", "1.4", "--fy", "2018"],
    ] {
        senryaku().args(&bad).assert().code(2).stderr(
            predicate::str::starts_with("senryaku: ").and(predicate::str::contains('\n').count(1)),
        );
    }
    // --item needs --fy.
    senryaku()
        .args(["show", "1.4.2", "--item", "1"])
        .assert()
        .failure();
}

#[test]
fn fy_takes_the_documents_own_years_and_section_names_the_section() {
    let by_year = stdout_of(&["show", "1.4.2", "--fy", "2018", "--item", "1"]);
    let by_name = stdout_of(&["show", "1.4.2", "--section", "plans", "--item", "1"]);
    assert_eq!(by_year, by_name);
    assert!(by_year.contains("Ⅱ 平成 30 年度の主な取組方針"));
    let results = stdout_of(&["show", "1.4.2", "--fy", "2017"]);
    assert!(results.contains("Ⅰ 平成 29 年度の主な実行状況・成果"));
    // A year the document does not have: one line naming the years it has.
    senryaku()
        .args(["show", "1.4.2", "--fy", "2020"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2017 (results) and 2018 (plans)"))
        .stderr(predicate::str::contains("\n").count(1));
}

#[test]
fn show_json_and_chapters() {
    let v: serde_json::Value =
        serde_json::from_str(&stdout_of(&["show", "2.3.4", "--json"])).unwrap();
    assert_eq!(v["id"], "2.3.4");
    assert_eq!(v["plans"]["items"][0]["items"].as_array().unwrap().len(), 5);
    assert_eq!(v["plans"]["fiscal_year"], 2018);
    assert_eq!(v["results"]["fiscal_year"], 2017);
    assert_eq!(
        v["results"]["heading"],
        "Ⅰ 平成 29 年度の主な実行状況・成果"
    );
    let c: serde_json::Value =
        serde_json::from_str(&stdout_of(&["show", "1.4", "--json"])).unwrap();
    assert_eq!(c["measures"].as_array().unwrap().len(), 2);
    let chapter = stdout_of(&["show", "4.4"]);
    assert!(chapter.contains("医療等分野における識別子をはじめとした"));
}

#[test]
fn the_preface_is_searchable_and_shown_as_id_0() {
    // KPI is named only in the preface.
    let out = stdout_of(&["search", "KPI", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["measure"], "0");
    assert_eq!(v[0]["field"], "preface");
    let shown = stdout_of(&["show", "0"]);
    assert!(
        shown.starts_with("[0] はじめに\n\n「健康・医療戦略」"),
        "{shown}"
    );
    // The Markdown export has it once.
    let md = stdout_of(&["export", "--format", "markdown"]);
    assert_eq!(md.matches("## はじめに").count(), 1);
}

#[test]
fn show_rejects_bad_ids() {
    for id in ["9.9.9", "1.1.6", "x", "0.1", "1.2.3.4"] {
        senryaku().args(["show", id]).assert().code(2).stderr(
            predicate::str::starts_with("senryaku: ").and(predicate::str::contains("\n").count(1)),
        );
    }
}

#[test]
fn export_json_shape() {
    let v: serde_json::Value =
        serde_json::from_str(&stdout_of(&["export", "--format", "json"])).unwrap();
    assert!(
        v["preface"]
            .as_str()
            .unwrap()
            .starts_with("「健康・医療戦略」")
    );
    let parts = v["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 4);
    let total: usize = parts
        .iter()
        .flat_map(|p| p["chapters"].as_array().unwrap())
        .map(|c| c["measures"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, 42);
    let m = &parts[0]["chapters"][3]["measures"][1];
    for key in ["id", "label", "title", "purpose", "results", "plans"] {
        assert!(m.get(key).is_some(), "missing {key}");
    }
    // Schema 2: sections named for what they are, with their fiscal years.
    assert_eq!(v["schema"], 2);
    assert_eq!(v["fiscal_years"]["results"], 2017);
    assert_eq!(v["fiscal_years"]["plans"], 2018);
    assert!(m["results"]["items"][0].is_string());
    assert_eq!(m["plans"]["fiscal_year"], 2018);
    let asia = &parts[1]["chapters"][2]["measures"][3];
    assert_eq!(
        asia["plans"]["items"][0]["text"],
        "介護分野における技能実習生の円滑な受入れのため、"
    );
    assert_eq!(
        asia["plans"]["items"][0]["items"][4],
        "⑤技能実習生の帰国後の受け皿となる日本の介護事業者の海外展開"
    );
}

#[test]
fn export_markdown() {
    let md = stdout_of(&["export", "--format", "markdown"]);
    assert!(md.starts_with("# 健康・医療戦略の実行状況及び今後の取組方針 2018\n"));
    assert_eq!(md.matches("\n## （").count(), 4);
    assert_eq!(md.matches("\n### ").count(), 16);
    assert_eq!(md.matches("\n#### ").count(), 42);
    assert!(md.contains("- 介護分野における技能実習生の円滑な受入れのため、\n  - ①アジア現地"));
}

#[test]
fn file_option_reads_shift_jis() {
    let seed = std::str::from_utf8(senryaku::report::SEED).unwrap();
    let crlf = seed.replace('\n', "\r\n");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&crlf);
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(&sjis).unwrap();
    let path = f.path().to_str().unwrap();
    assert_eq!(stdout_of(&["toc", "--file", path]), stdout_of(&["toc"]));
}

#[test]
fn bad_files_fail_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    };
    let cases = [
        (write("empty.txt", b""), "empty"),
        (
            write("bin.dat", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00"),
            "binary",
        ),
        (
            write("prose.txt", "吾輩は猫である。名前はまだ無い。\n".as_bytes()),
            "no outline",
        ),
        (
            dir.path().join("missing.txt").to_str().unwrap().to_string(),
            "no such file",
        ),
        (dir.path().to_str().unwrap().to_string(), "is a directory"),
    ];
    for (path, reason) in cases {
        for args in [
            vec!["toc", "--file", &path],
            vec!["export", "--file", &path],
        ] {
            let out = senryaku().args(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(
                err.contains(&path) && err.contains(reason),
                "{err} should name {path} and {reason}"
            );
            assert!(!err.contains("panicked"));
        }
    }
}

#[test]
fn output_never_carries_control_bytes() {
    let seed = std::str::from_utf8(senryaku::report::SEED).unwrap();
    let evil = seed.replacen(
        "ゲノム医療の実現の推進",
        "ゲノム\u{1b}[2J医療\u{9d}の実現の推進\u{7}",
        1,
    );
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(evil.as_bytes()).unwrap();
    let path = f.path().to_str().unwrap();
    for args in [
        vec!["toc"],
        vec!["show", "1.1.1"],
        vec!["export", "--format", "markdown"],
    ] {
        let mut args = args.clone();
        args.extend(["--file", path]);
        let out = stdout_of(&args);
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}"
        );
        assert!(out.contains("2J医療の実現の推進"));
    }
}

#[test]
fn closed_pipe_is_not_an_error() {
    // `senryaku export | head -c 10`: the reader goes away early; no panic, no error.
    use std::io::Read;
    use std::process::{Command as Proc, Stdio};
    let mut child = Proc::new(env!("CARGO_BIN_EXE_senryaku"))
        .args(["export", "--format", "markdown"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut buf = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut buf).unwrap();
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(err.is_empty(), "{err}");
    assert!(status.success());
}

#[test]
fn search_json_shape_and_ranges() {
    let v: serde_json::Value =
        serde_json::from_str(&stdout_of(&["search", "MID-NET", "--json"])).unwrap();
    let hits = v.as_array().unwrap();
    assert!(!hits.is_empty());
    let h = &hits[0];
    assert_eq!(h["measure"], "1.4.2");
    assert_eq!(h["label"], "（１）４）②");
    assert!(h["field"] == "results" || h["field"] == "plans");
    assert!(h["score"].as_i64().unwrap() > 0);
    let text: Vec<char> = h["text"].as_str().unwrap().chars().collect();
    let r = &h["ranges"][0];
    let (s, e) = (
        r[0].as_u64().unwrap() as usize,
        r[1].as_u64().unwrap() as usize,
    );
    assert_eq!(text[s..e].iter().collect::<String>(), "MID-NET");
}

#[test]
fn search_text_marks_matches_when_piped() {
    let out = stdout_of(&["search", "ｃｉｃｌｅ", "--limit", "2"]);
    assert!(out.contains("【CiCLE】"), "{out}");
    assert!(!out.contains('\u{1b}'));
    assert_eq!(
        out.lines()
            .filter(|l| !l.starts_with("    ") && !l.starts_with('('))
            .count(),
        2
    );
    let limited = stdout_of(&["search", "ゲノム", "-n", "1"]);
    assert!(limited.contains("--limit 0 shows all"));
}

#[test]
fn search_without_hits_exits_1_like_grep() {
    senryaku()
        .args(["search", "存在しない言葉xyz"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("no match").and(predicate::str::contains('\n').count(1)));
}

#[test]
fn search_honours_file_and_errors() {
    senryaku()
        .args(["search", "x", "--file", "/nonexistent/report.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/nonexistent/report.txt: no such file",
        ));
}

#[test]
fn programs_json_lists_terms_long_names_and_measures() {
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&["programs", "--json"])).unwrap();
    let list = v.as_array().unwrap();
    let cicle = list.iter().find(|e| e["term"] == "CiCLE").unwrap();
    assert_eq!(cicle["long_name"], "医療研究開発革新基盤創成事業");
    assert_eq!(cicle["kind"], "acronym");
    assert_eq!(cicle["measures"], serde_json::json!(["1.1.3", "2.2.2"]));
    let ict = list.iter().find(|e| e["term"] == "ICT").unwrap();
    assert!(ict["long_name"].is_null());
    let genome = list
        .iter()
        .find(|e| e["term"] == "疾患克服に向けたゲノム医療実現プロジェクト")
        .unwrap();
    assert_eq!(genome["kind"], "program");
    let text = stdout_of(&["programs"]);
    assert!(text.contains("MID-NET  医療情報データベースシステム  [acronym] 1.4.2\n"));
}

#[test]
fn search_says_when_a_hit_came_through_an_alias() {
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "search",
        "医療情報データベース",
        "--json",
        "--limit",
        "0",
    ]))
    .unwrap();
    let alias = v
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["kind"] == "alias")
        .unwrap();
    assert_eq!(alias["via"], "MID-NET");
    assert_eq!(alias["measure"], "1.4.2");
    let text = stdout_of(&["search", "医療情報データベース"]);
    assert!(text.contains("[plans] via MID-NET"), "{text}");
}

/// Runs the binary and returns (status, stderr).
fn failure(args: &[&str]) -> (Option<i32>, String) {
    let out = senryaku().args(args).output().unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn hostile_inputs_are_refused_quickly_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(300 << 20)
        .unwrap();
    let big = big.to_str().unwrap();
    let gpl = dir.path().join("COPYING");
    std::fs::write(
        &gpl,
        "GNU GENERAL PUBLIC LICENSE\n\n(1) assert copyright on the software, and\n\n(2) offer you this License\n\n1) a\n",
    )
    .unwrap();
    let gpl = gpl.to_str().unwrap();
    let cases: [(Vec<&str>, &str); 6] = [
        (vec!["toc", "--file", "/dev/zero"], "/dev/zero: binary data"),
        (
            vec!["toc", "--file", "/dev/urandom"],
            "/dev/urandom: binary data",
        ),
        (vec!["toc", "--file", big], "larger than 256 MB (300 MB)"),
        (
            vec!["toc", "--file", big, "--max-size", "100"],
            "larger than 100 MB",
        ),
        (vec!["toc", "--file", gpl], "no outline"),
        (vec!["search", ""], "needs a query"),
    ];
    for (args, want) in cases {
        let started = std::time::Instant::now();
        let (code, err) = failure(&args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(want), "{err} should say {want}");
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }
    let many: Vec<String> = (0..33).map(|i| format!("t{i}")).collect();
    let (code, err) = failure(&["search", &many.join(" ")]);
    assert_eq!(code, Some(2));
    assert!(err.contains("at most 32 terms"), "{err}");
}

#[test]
fn other_encodings_are_read_or_named() {
    let seed = std::str::from_utf8(senryaku::report::SEED).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (jis, _, _) = encoding_rs::ISO_2022_JP.encode(seed);
    let p = dir.path().join("jis.txt");
    std::fs::write(&p, &jis).unwrap();
    assert_eq!(
        stdout_of(&["toc", "--file", p.to_str().unwrap()]),
        stdout_of(&["toc"])
    );
    let utf16: Vec<u8> = seed.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let p = dir.path().join("utf16.txt");
    std::fs::write(&p, &utf16).unwrap();
    assert_eq!(
        stdout_of(&["toc", "--file", p.to_str().unwrap()]),
        stdout_of(&["toc"])
    );
    let mut bad = seed.as_bytes()[..300].to_vec();
    bad.extend_from_slice(b"\x80\xfe\xff rest");
    let p = dir.path().join("bad.txt");
    std::fs::write(&p, &bad).unwrap();
    let (code, err) = failure(&["toc", "--file", p.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(err.contains("byte 0x80 at offset"), "{err}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Whatever a file's name holds, the error names it on one line without a control char.
    #[test]
    fn paths_in_errors_carry_no_control_characters(
        name in "[a-z\u{1b}\u{7}\u{9b}\u{202e}\n\r\t\\[;0-9]{1,12}"
    ) {
        let path = format!("/nonexistent-dir/{name}");
        let (code, err) = failure(&["toc", "--file", &path]);
        proptest::prop_assert_eq!(code, Some(2));
        proptest::prop_assert_eq!(err.lines().count(), 1);
        proptest::prop_assert!(err.ends_with('\n'));
        let body = &err[..err.len() - 1];
        proptest::prop_assert!(
            !body.chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{:?}", body
        );
    }
}

#[test]
fn search_takes_fzf_query_syntax() {
    let out = stdout_of(&["search", "CiCLE | MID-NET", "--json", "--limit", "0"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["measure"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"1.4.2") && ids.contains(&"2.2.2"), "{ids:?}");
    let out = stdout_of(&["search", "ゲノム !がん", "--json", "--limit", "0"]);
    assert!(!out.contains("がん"));
    // An exact term that is not there: no match, exit 1.
    senryaku().args(["search", "'kenkou"]).assert().code(1);
}
