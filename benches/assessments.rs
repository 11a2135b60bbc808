//! Prints how many penalty assessments per second the engine makes natively.
//! A figure to track, not a test: `cargo bench --bench assessments`.
use std::hint::black_box;
use std::time::Instant;
use yaojian::money::Fen;
use yaojian::penalty::*;
use yaojian::Lang;

fn main() {
    let rules: Vec<&Rule> = rule_table().rules.iter().collect();
    let circ = ["dal137_4", "apl32_1"];
    let cases: Vec<Case> = (0..rules.len() * 8)
        .map(|i| Case {
            rule: rules[i % rules.len()].id.clone(),
            goods_value: Some(Fen(1_000_000 + i as i64 * 123_457)),
            illegal_income: Some(Fen(500_000 + i as i64 * 7_919)),
            income: Some(Fen(300_000)),
            unit_income: Some(Fen(2_000_000)),
            channel: Some(Channel::Retail),
            serious: i % 3 == 0,
            deadline_missed: i % 2 == 0,
            circumstances: circ.iter().take(i % 3).map(|s| s.to_string()).collect(),
            ..Case::default()
        })
        .collect();
    let bm = default_benchmark();
    // Warm up (first use parses the compiled-in tables).
    for c in &cases {
        black_box(assess(c, bm, Lang::ZhCn).ok());
    }
    for (label, rounds) in [("assess", 200usize)] {
        let start = Instant::now();
        let mut n = 0usize;
        for _ in 0..rounds {
            for c in &cases {
                black_box(assess(black_box(c), bm, Lang::ZhCn).ok());
                n += 1;
            }
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "penalty {label}: {n} assessments in {secs:.3} s = {:.0} assessments/s ({:.1} µs each)",
            n as f64 / secs,
            secs * 1e6 / n as f64
        );
    }
    let start = Instant::now();
    let json = r#"{"rule":"dal-117-1","goods_value":"8000","channel":"retail","circumstances":["apl32_1"]}"#;
    let n = 20_000;
    for _ in 0..n {
        black_box(assess_json(black_box(json), Lang::ZhCn).ok());
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "penalty assess_json (parse + assess): {:.0} cases/s",
        n as f64 / secs
    );
}
