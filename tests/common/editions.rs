//! Editions built from the one real edition in `seeds/`, for the comparison's tests: the
//! seed is parsed, changed as a later edition would change it, and written back as a report's
//! plain text (one line per paragraph or bullet, as a clean extraction reads).

#![allow(clippy::unwrap_used, dead_code)]

use senryaku::report::{self, Item, Measure, Origin, Report, SEED};
use std::path::PathBuf;

/// The embedded report, parsed.
pub fn seed() -> Report {
    report::from_bytes(SEED, Origin::Embedded).unwrap().report
}

/// A report as text the parser reads back to the same report.
pub fn write(r: &Report) -> String {
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line("はじめに");
    for p in r.preface.split('\n') {
        line(p);
    }
    for part in &r.parts {
        line(&format!("{}{}", part.label, part.title));
        for ch in &part.chapters {
            line(&format!("{}{}", ch.label, ch.title));
            for m in &ch.measures {
                line(&format!("{} {}", m.label, m.title));
                for p in m.purpose.split('\n').filter(|p| !p.is_empty()) {
                    line(p);
                }
                for s in [&m.results, &m.plans] {
                    if s.heading.is_empty() {
                        continue;
                    }
                    line(&s.heading);
                    for item in &s.items {
                        line(&format!("・{}", item.text));
                        for sub in &item.items {
                            line(&sub.text);
                        }
                        if !item.tail.is_empty() {
                            line(&item.tail);
                        }
                    }
                }
            }
        }
    }
    out
}

/// Writes an edition to a file of its own (tests run at once).
pub fn file(name: &str, text: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("senryaku-editions-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A plan as its result would report it: `引き続き` dropped, the verb in the past tense.
pub fn carried_out(plan: &str) -> String {
    plan.replace("引き続き、", "")
        .replace("を推進する。", "を推進した。")
        .replace("を行う。", "を行った。")
        .replace("を進める。", "を進めた。")
        .replace("を図る。", "を図った。")
        .replace("する。", "した。")
}

fn carried_item(i: &Item) -> Item {
    Item {
        text: carried_out(&i.text),
        items: i.items.iter().map(carried_item).collect(),
        tail: carried_out(&i.tail),
    }
}

/// The years one edition on: 平成29 → 平成30, 平成30 → 令和元.
pub fn years_on(s: &str) -> String {
    s.replace("平成 30 年度", "令和元年度")
        .replace("平成 29 年度", "平成 30 年度")
}

/// The next edition: each measure's results are last year's plans carried out, in the
/// other order; its plans are the same plans a year on.
pub fn next(r: &Report) -> Report {
    let mut r = r.clone();
    for part in &mut r.parts {
        for ch in &mut part.chapters {
            for m in &mut ch.measures {
                let mut done: Vec<Item> = m.plans.items.iter().map(carried_item).collect();
                done.reverse();
                m.results.items = done;
                m.results.heading = m
                    .plans
                    .heading
                    .replace("取組方針", "実行状況・成果")
                    .replace('Ⅱ', "Ⅰ");
                m.plans.heading = years_on(&m.plans.heading);
            }
        }
    }
    r
}

/// The measure at `(part, chapter, measure)`, 1-based.
pub fn measure(r: &mut Report, p: usize, c: usize, m: usize) -> &mut Measure {
    &mut r.parts[p - 1].chapters[c - 1].measures[m - 1]
}

/// Renumbers the measures of a chapter after one was added or dropped: ①, ②, ….
pub fn renumber(r: &mut Report) {
    for part in &mut r.parts {
        for ch in &mut part.chapters {
            for (i, m) in ch.measures.iter_mut().enumerate() {
                if m.label != "・" {
                    m.label = char::from_u32('①' as u32 + i as u32).unwrap().to_string();
                }
            }
        }
    }
}

/// The next edition with the changes an outline must mark: 1.1.5 dropped, 1.3.1 and 2.1.2
/// reworded, chapters 2.3 and 2.4 swapped, and a measure added at the end of 2.1.
pub fn changed(r: &Report) -> Report {
    let mut r = next(r);
    r.parts[0].chapters[0].measures.remove(4);
    let m = measure(&mut r, 1, 3, 1);
    m.title = m.title.replace("円滑な施行", "着実な施行");
    let m = measure(&mut r, 2, 1, 2);
    m.title = format!("{}及び普及", m.title);
    let chapters = &mut r.parts[1].chapters;
    chapters.swap(2, 3);
    let (a, b) = (chapters[2].label.clone(), chapters[3].label.clone());
    chapters[2].label = b;
    chapters[3].label = a;
    let mut added = r.parts[1].chapters[0].measures[0].clone();
    added.title = "医療情報の利活用に向けた新たな基盤の構築".to_string();
    added.purpose = "医療機関の間で診療情報を安全に共有できる新たな基盤を整える。".to_string();
    for s in [&mut added.results, &mut added.plans] {
        s.items = vec![Item {
            text: "全国の医療機関を結ぶ情報基盤の設計に着手した。".to_string(),
            ..Item::default()
        }];
    }
    r.parts[1].chapters[0].measures.push(added);
    renumber(&mut r);
    r
}
