//! Random valid templates for the round-trip property: every question kind, texts with
//! quotes, brackets, `::`, `${…}` and a leading `=`, translations, bounds, patterns,
//! group questions, findings, and conditions of every form over earlier questions.

use serde_json::{json, Map, Value};

use super::rng::Rng;

const PIECES: &[&str] = &[
    "药品",
    "冷链",
    "是否",
    "醫藥",
    "Drug",
    "cold chain",
    "\"quoted\"",
    "it's",
    "(a, b)",
    "label::en",
    "${q1}",
    "=SUM(A1)",
    "50%",
    "第88条",
    "？",
    "：",
    "…",
    "x = 'y'",
    "\n第二行",
];

fn words(r: &mut Rng) -> String {
    let n = 1 + r.below(3);
    (0..n)
        .map(|_| *r.pick(PIECES))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A text in zh-CN, sometimes with zh-TW and English too.
fn text(r: &mut Rng) -> Value {
    let mut m = Map::new();
    m.insert("zh-CN".into(), json!(words(r)));
    if r.chance(50) {
        m.insert("en".into(), json!(words(r)));
    }
    if r.chance(30) {
        m.insert("zh-TW".into(), json!(words(r)));
    }
    Value::Object(m)
}

const KINDS: &[&str] = &[
    "yes_no",
    "single_choice",
    "multiple_choice",
    "text",
    "long_text",
    "number",
    "money",
    "date",
    "uscc",
    "resident_id",
    "phone",
    "email",
    "group",
    "attestation",
];

/// An earlier question a condition may read: its id, kind and option values.
#[derive(Clone)]
struct Earlier {
    id: String,
    kind: &'static str,
    options: Vec<String>,
}

/// A value question `q`'s answer may be compared with.
fn value(r: &mut Rng, q: &Earlier) -> Value {
    match q.kind {
        "yes_no" => json!(r.chance(50)),
        "single_choice" | "multiple_choice" => json!(r.pick(&q.options)),
        "number" | "money" => json!(r.below(1000) as i64 - 100),
        _ => json!(*r.pick(&["a", "it's", "是", "x y"])),
    }
}

fn condition(r: &mut Rng, earlier: &[Earlier], depth: usize) -> Value {
    let q = r.pick(earlier).clone();
    match r.below(if depth > 2 { 4 } else { 7 }) {
        0 | 1 => json!({ "equals": [q.id, value(r, &q)] }),
        2 => json!({ "answered": q.id }),
        3 => {
            let mut vs: Vec<Value> = (0..2 + r.below(2)).map(|_| value(r, &q)).collect();
            vs.dedup();
            if vs.len() < 2 {
                return json!({ "not": { "answered": q.id } });
            }
            json!({ "one_of": [q.id, vs] })
        }
        4 => json!({ "not": condition(r, earlier, depth + 1) }),
        op => {
            let n = 2 + r.below(2);
            let items: Vec<Value> = (0..n).map(|_| condition(r, earlier, depth + 1)).collect();
            let mut m = Map::new();
            m.insert(
                if op == 5 { "and" } else { "or" }.into(),
                Value::Array(items),
            );
            Value::Object(m)
        }
    }
}

fn bounds(r: &mut Rng, kind: &str, q: &mut Map<String, Value>) {
    match kind {
        "number" => {
            q.insert("min".into(), json!(-(r.below(100) as f64) / 4.0));
            if r.chance(50) {
                q.insert("max".into(), json!(r.below(10_000)));
            }
            if r.chance(50) {
                q.insert("integer".into(), json!(true));
            }
        }
        "money" => {
            q.insert("max".into(), json!(r.below(1_000_000_000)));
        }
        "date" => {
            q.insert("min".into(), json!("2020-02-29"));
            q.insert(
                "max".into(),
                json!(if r.chance(50) { "today" } else { "2030-12-31" }),
            );
        }
        "text" | "long_text" => {
            q.insert("max_length".into(), json!(10 + r.below(500)));
            if r.chance(40) {
                q.insert(
                    "pattern".into(),
                    json!(*r.pick(&["[0-9]{6}", "[A-Z]{2}-\\d+", "(a|b)'s"])),
                );
                q.insert("pattern_hint".into(), text(r));
            }
        }
        _ => {}
    }
}

fn question(r: &mut Rng, id: String, earlier: &[Earlier], in_group: bool) -> (Value, Earlier) {
    let kinds = if in_group { &KINDS[..12] } else { KINDS };
    let kind = *r.pick(kinds);
    let mut q = Map::new();
    q.insert("id".into(), json!(id));
    q.insert("kind".into(), json!(kind));
    q.insert("label".into(), text(r));
    if r.chance(30) {
        q.insert("help".into(), text(r));
    }
    if r.chance(50) {
        q.insert("required".into(), json!(true));
    }
    if !earlier.is_empty() && r.chance(40) {
        q.insert("visible_if".into(), condition(r, earlier, 0));
    }
    if !earlier.is_empty() && r.chance(20) {
        q.insert("required_if".into(), condition(r, earlier, 0));
    }
    if r.chance(60) {
        bounds(r, kind, &mut q);
    }
    let mut options = Vec::new();
    if kind.ends_with("_choice") {
        let n = 2 + r.below(4);
        options = (0..n)
            .map(|i| format!("v{i}{}", ["", "x", "'s", " y"][r.below(4)]))
            .collect();
        let opts: Vec<Value> = options
            .iter()
            .map(|v| json!({ "value": v, "label": text(r) }))
            .collect();
        q.insert("options".into(), Value::Array(opts));
    }
    if kind == "attestation" {
        q.insert("statement".into(), text(r));
    }
    if kind == "group" {
        let cols: Vec<Value> = (0..1 + r.below(3))
            .map(|i| question(r, format!("{id}_c{i}"), &[], true).0)
            .collect();
        q.insert("questions".into(), Value::Array(cols));
        q.insert("min_rows".into(), json!(r.below(3)));
    }
    let me = Earlier { id, kind, options };
    if !in_group && kind != "group" && r.chance(30) {
        q.insert("finding".into(), finding(r, &me, earlier));
    }
    (Value::Object(q), me)
}

fn finding(r: &mut Rng, me: &Earlier, earlier: &[Earlier]) -> Value {
    let mut f = Map::new();
    f.insert(
        "severity".into(),
        json!(*r.pick(&["high", "medium", "low"])),
    );
    f.insert("title".into(), text(r));
    if r.chance(50) {
        f.insert("provision".into(), text(r));
    }
    if r.chance(40) {
        f.insert(
            "rule".into(),
            json!(*r.pick(&["dal-126", "dal-141-2", "dal-115"])),
        );
    }
    if me.kind != "yes_no" || r.chance(30) {
        let mut with_me = earlier.to_vec();
        with_me.push(me.clone());
        f.insert("when".into(), condition(r, &with_me, 0));
    }
    Value::Object(f)
}

/// A valid template from `seed`.
pub fn template(seed: u64) -> Value {
    let mut r = Rng(seed);
    let mut earlier: Vec<Earlier> = Vec::new();
    let mut sections = Vec::new();
    let mut count = 0;
    for s in 0..1 + r.below(3) {
        // A section's condition reads only the questions of the sections before it.
        let before = earlier.clone();
        let mut questions = Vec::new();
        for _ in 0..1 + r.below(6) {
            count += 1;
            let id = format!("q{count}");
            let (q, me) = question(&mut r, id, &earlier, false);
            questions.push(q);
            if me.kind != "group" && me.kind != "attestation" {
                earlier.push(me);
            }
        }
        let mut section =
            json!({ "id": format!("s{s}"), "title": text(&mut r), "questions": questions });
        if r.chance(30) {
            section["help"] = text(&mut r);
        }
        if !before.is_empty() && r.chance(30) {
            section["visible_if"] = condition(&mut r, &before, 0);
        }
        sections.push(section);
    }
    let mut doc = json!({
        "schema": "yaojian/form/1",
        "id": "generated-form",
        "version": format!("2026.{}", r.below(20)),
        "title": text(&mut r),
        "sections": sections,
        "sample": r.chance(50),
    });
    if r.chance(50) {
        doc["description"] = text(&mut r);
        doc["filers"] = json!(["enterprise", "representative"]);
        doc["submitter"] = json!({ "name": "q1" });
    }
    doc
}
