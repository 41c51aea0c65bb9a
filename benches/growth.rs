//! Linear growth: parse time against paragraph length, and search time against matches per
//! unit, each at 1×, 4× and 16× of a base size. A quadratic step shows as 16× → 256× the time.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use senryaku::report::{self, Origin};
use senryaku::search::{Index, Query};
use std::hint::black_box;

/// A report whose one purpose paragraph is `lines` lines of full-width digits, without the
/// trailing spaces that mark paragraph ends (the slow path of the parser).
fn long_paragraph(lines: usize) -> Vec<u8> {
    let mut t = String::from("（１）部の題\n１）章の題\n① 施策の題\n");
    for _ in 0..lines {
        t.push_str("１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０\n");
    }
    t.push_str("Ⅰ 平成 29 年度の主な実行状況・成果\n・成果。\n");
    t.into_bytes()
}

/// A report whose one bullet holds `n` occurrences of あ.
fn many_matches(n: usize) -> Vec<u8> {
    let mut t = String::from(
        "（１）部の題 \n\n１）章の題 \n\n① 施策の題 \n\nⅠ 平成 29 年度の主な実行状況・成果 \n\n・",
    );
    for _ in 0..n {
        t.push_str("あいうえお");
    }
    t.push_str(" \n");
    t.into_bytes()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse: paragraph length");
    g.sample_size(10);
    for times in [1usize, 4, 16] {
        let bytes = long_paragraph(2_000 * times);
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(format!("{times}x"), |b| {
            b.iter(|| report::from_bytes(black_box(&bytes), Origin::Embedded).is_ok())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("search: matches in one unit");
    g.sample_size(10);
    let query = Query::parse("あ");
    for times in [1usize, 4, 16] {
        let Ok(loaded) = report::from_bytes(&many_matches(10_000 * times), Origin::Embedded) else {
            return;
        };
        let index = Index::build(&loaded.report);
        g.bench_function(format!("{times}x"), |b| {
            b.iter(|| index.search(&loaded.report, black_box(&query), 1).total)
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
