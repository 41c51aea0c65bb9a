//! Per-query search time in process, on the report and on the report concatenated 100 times.

use criterion::{Criterion, criterion_group, criterion_main};
use senryaku::report::{self, Origin, SEED};
use senryaku::search::{Index, Query};
use std::hint::black_box;

const QUERIES: [&str; 15] = [
    "CiCLE",
    "MID-NET",
    "ゲノム医療",
    "ﾊﾞｲｵﾃﾞｻﾞｲﾝ",
    "robotto",
    "平成 30 年度",
    "データベス",
    "の データベス",
    "の",
    // By reading (the readings analyzed once, before timing, as the browser does at start).
    "kenkou keiei",
    "げのむいりょう",
    "jisedai iryou kibanhou",
    "saisei",
    // The prefixes a person types on the way to `kenkou keiei`: every keystroke searches.
    "kenk",
    "kenkou kei",
];

fn bench(c: &mut Criterion) {
    for times in [1usize, 100] {
        let bytes: Vec<u8> = std::iter::repeat_n(SEED, times)
            .flatten()
            .copied()
            .collect();
        let Ok(loaded) = report::from_bytes(&bytes, Origin::Embedded) else {
            return;
        };
        let r = loaded.report;
        let index = Index::build(&r);
        index.prepare_readings(&r);
        let mut g = c.benchmark_group(format!("search report x{times}"));
        if times == 100 {
            g.sample_size(20);
        }
        for q in QUERIES {
            let query = Query::parse(q);
            g.bench_function(q, |b| {
                b.iter(|| index.search(black_box(&r), black_box(&query), 50).total)
            });
        }
        g.finish();
        let mut g = c.benchmark_group("index build");
        g.sample_size(10);
        g.bench_function(format!("report x{times}"), |b| {
            b.iter(|| Index::build(black_box(&r)).units.len())
        });
        g.finish();
        // Analysis of readings, uncached (the report's own come ready-made, so this one is
        // the report with one more line, which is analyzed like any other file).
        if times == 1 {
            let mut other = SEED.to_vec();
            other.extend_from_slice("\n・追記。\n".as_bytes());
            if let Ok(l) = report::from_bytes(&other, Origin::Embedded) {
                let mut g = c.benchmark_group("readings");
                g.sample_size(10);
                g.bench_function("analyze report", |b| {
                    b.iter(|| {
                        let ix = Index::build(black_box(&l.report));
                        ix.prepare_readings(&l.report);
                        ix.units.len()
                    })
                });
                g.finish();
            }
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
