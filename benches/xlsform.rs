//! Prints how long the XLSForm converter takes for a sheet of 1,000 question rows (ten
//! sections of 100, with translations, conditions, choices and findings), both ways.
//! A figure to track, not a test: `cargo bench --features xlsx --bench xlsform`.
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::Instant;
use yaojian::form::xlsform::{from_xlsx, to_xlsx, Headers};
use yaojian::form::Template;

/// Question `n` of a section: a yes/no with a finding, a choice, or text shown after a yes.
fn question(n: usize) -> Value {
    let label = json!({ "zh-CN": format!("第{n}项：是否存在问题？"), "en": format!("Item {n}: any problem?") });
    match n % 3 {
        0 => json!({ "id": format!("q{n}"), "kind": "yes_no", "required": true, "label": label,
            "finding": { "severity": "medium", "title": { "zh-CN": format!("第{n}项存在问题") } } }),
        1 => json!({ "id": format!("q{n}"), "kind": "single_choice", "label": label,
            "options": [{ "value": "a", "label": "甲" }, { "value": "b", "label": "乙" }] }),
        _ => json!({ "id": format!("q{n}"), "kind": "text", "max_length": 200, "label": label,
            "visible_if": { "equals": [format!("q{}", n - 2), true] } }),
    }
}

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn main() {
    let sections: Vec<Value> = (0..10)
        .map(|s| {
            json!({ "id": format!("s{s}"), "title": format!("第{s}节"),
            "questions": (s * 100..s * 100 + 100).map(question).collect::<Vec<_>>() })
        })
        .collect();
    let doc = json!({ "schema": "yaojian/form/1", "id": "bench", "version": "1",
        "title": "基准", "sections": sections });
    let template = Template::from_value(doc).expect("a valid template");
    let bytes = to_xlsx(&template, Headers::English).expect("writes");
    from_xlsx(&bytes).expect("reads");
    let runs = 15;
    let read = median_ms(runs, || {
        black_box(from_xlsx(black_box(&bytes)).ok());
    });
    let write = median_ms(runs, || {
        black_box(to_xlsx(black_box(&template), Headers::English).ok());
    });
    println!(
        "figure: xlsform: 1,000-row sheet ({} KB): from-xlsx {read:.1} ms, to-xlsx {write:.1} ms (median of {runs}, native release)",
        bytes.len() / 1024
    );
}
