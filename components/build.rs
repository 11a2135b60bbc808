//! Lists every widget's examples (`src/<kind>/examples/*.json`) once, for the widget
//! list, the browser tests and the penalty menu: `$OUT_DIR/examples.rs` holds a module
//! `examples` with one static `&[(name, json)]` per widget (`PENALTY_CALCULATOR`), sorted,
//! each text `include_str!`-ed.
use std::fmt::Write;
use std::path::Path;

fn main() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    println!("cargo:rerun-if-changed=src");
    let mut found = Vec::new();
    for dir in std::fs::read_dir(&src).expect("components/src").flatten() {
        let examples = dir.path().join("examples");
        let Ok(files) = std::fs::read_dir(&examples) else {
            continue;
        };
        println!("cargo:rerun-if-changed={}", examples.display());
        let kind = dir.file_name().to_string_lossy().into_owned();
        for f in files.flatten() {
            let path = f.path();
            if path.extension().is_some_and(|e| e == "json") {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                found.push((kind.clone(), name, path));
            }
        }
    }
    found.sort();
    // One static per widget, so a widget's wasm carries only the examples it uses (the
    // penalty calculator's menu); `by_kind` is for the tests.
    let mut kinds: Vec<&str> = found.iter().map(|(k, _, _)| k.as_str()).collect();
    kinds.dedup();
    let mut out = String::from(
        "/// Every widget's examples, (name, JSON text), by kind.\npub mod examples {\n",
    );
    for kind in &kinds {
        let konst = kind.to_uppercase().replace('-', "_");
        writeln!(out, "    pub static {konst}: &[(&str, &str)] = &[").unwrap();
        for (_, name, path) in found.iter().filter(|(k, _, _)| k == kind) {
            writeln!(
                out,
                "        ({name:?}, include_str!({:?})),",
                path.display().to_string()
            )
            .unwrap();
        }
        out.push_str("    ];\n");
    }
    out.push_str("    /// The examples of `kind` (none for an unknown kind).\n    #[allow(dead_code)]\n    pub fn by_kind(kind: &str) -> &'static [(&'static str, &'static str)] {\n        match kind {\n");
    for kind in &kinds {
        let konst = kind.to_uppercase().replace('-', "_");
        writeln!(out, "            {kind:?} => {konst},").unwrap();
    }
    out.push_str("            _ => &[],\n        }\n    }\n}\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("examples.rs");
    std::fs::write(dest, out).expect("examples.rs");
}
