//! Per-query search time in process, on the report and on the report concatenated 100 times.

use criterion::{Criterion, criterion_group, criterion_main};
use senryaku::report::{self, Origin, SEED};
use senryaku::search::{Index, Query};
use std::hint::black_box;

const QUERIES: [&str; 9] = [
    "CiCLE",
    "MID-NET",
    "ゲノム医療",
    "ﾊﾞｲｵﾃﾞｻﾞｲﾝ",
    "robotto",
    "平成 30 年度",
    "データベス",
    "の データベス",
    "の",
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
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
