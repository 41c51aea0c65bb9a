//! Decode + parse of the report, and of the report concatenated 10 and 100 times.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use senryaku::report::{self, Origin, SEED};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("decode+parse");
    for times in [1usize, 10, 100] {
        let bytes: Vec<u8> = std::iter::repeat_n(SEED, times)
            .flatten()
            .copied()
            .collect();
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        if times == 100 {
            g.sample_size(20);
        }
        g.bench_function(format!("report x{times}"), |b| {
            b.iter(|| {
                report::from_bytes(black_box(&bytes), Origin::Embedded)
                    .map(|l| l.report.parts.len())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
