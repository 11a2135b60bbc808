//! The widget list, made from the folders: every `src/<kind>/` with a `spec.rs` that
//! says `impl Widget for <Type>` is a widget. `$OUT_DIR/widgets.rs` declares each
//! widget's module and lists it in `WIDGETS` (by kind), so a new widget is one folder
//! and nothing else. `YJ_WIDGETS=kind,kind` builds a bundle with only those widgets
//! (the size report builds one per widget).
//!
//! It also lists every widget's examples (`src/<kind>/examples/*.json`) once, for the
//! browser tests, the demo and the penalty menu: `$OUT_DIR/examples.rs` holds a module
//! `examples` with one static `&[(name, json)]` per widget (`PENALTY_CALCULATOR`),
//! sorted, each text `include_str!`-ed.
use std::fmt::Write;
use std::path::Path;

/// What a widget's `spec.rs` says it renders of another widget (`//! uses widget: kind`):
/// that widget's module comes along, unlisted, when only this one is built.
fn uses(spec: &str) -> Vec<String> {
    spec.lines()
        .filter_map(|l| {
            l.trim_start_matches("//!")
                .trim()
                .strip_prefix("uses widget:")
        })
        .map(|k| k.trim().to_string())
        .collect()
}

/// The first segment of the catalog keys a widget's words are under (`//! words: fs`
/// in its `spec.rs`): its module's catalog carries them (scripts/dist-manifest.mjs).
fn words(kind: &str, spec: &str) -> String {
    spec.lines()
        .find_map(|l| l.trim_start_matches("//!").trim().strip_prefix("words:"))
        .map(|w| w.trim().to_string())
        .unwrap_or_else(|| panic!("{kind}/spec.rs: no `//! words: <prefix>` line"))
}

/// The data files a widget needs the engine to have: before it renders (`//! data:
/// penalty-rules …` in its `spec.rs`, the names of `yaojian::penalty::data::FILES` and
/// built-in templates, `requirements-<id>`), or when it asks for them (`//! data-on-demand:
/// …`, the templates it shows only when picked). Its module lists them; `yaojian.js`
/// installs the first before the widget renders, the others when it asks. None without
/// the line.
fn data(spec: &str, line: &str) -> Vec<String> {
    spec.lines()
        .filter_map(|l| l.trim_start_matches("//!").trim().strip_prefix(line))
        .flat_map(|names| names.split_whitespace().map(str::to_string))
        .collect()
}

/// The call that installs data file `name` from `text`: its installer in [`INSTALLERS`],
/// or the built-in requirement or form templates' one.
fn installer(name: &str) -> Option<String> {
    if name.starts_with("requirements-") {
        return Some(format!(
            "yaojian::requirements::install_built_in({name:?}, text)"
        ));
    }
    if name.starts_with("form-") {
        return Some(format!("yaojian::form::install_built_in({name:?}, text)"));
    }
    INSTALLERS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, f)| format!("{f}(text)"))
}

/// The engine's installer of each data file a widget may name, in the order the files are
/// installed (`yaojian::penalty::data::FILES`): a bundle calls only those of the files its
/// widgets name, so it carries no other file's reader.
const INSTALLERS: [(&str, &str); 4] = [
    ("penalty-rules", "yaojian::penalty::data::install_rules"),
    (
        "penalty-circumstances",
        "yaojian::penalty::data::install_circumstances",
    ),
    (
        "penalty-benchmark",
        "yaojian::penalty::data::install_benchmark",
    ),
    ("penalty-titles", "yaojian::penalty::data::install_titles"),
];

/// A widget folder this build carries.
struct Found {
    kind: String,
    /// The Rust module it is declared as.
    module: String,
    /// The type that implements `Widget`.
    ty: String,
    /// Its catalog prefix.
    words: String,
    /// The widgets it renders (`//! uses widget:`).
    uses: Vec<String>,
    /// The data files it needs before it renders (`//! data:`).
    data: Vec<String>,
    /// The data files it asks for when it needs them (`//! data-on-demand:`).
    on_demand: Vec<String>,
    /// Listed in `WIDGETS` (false: carried only because a listed widget uses it).
    listed: bool,
}

/// The widgets, by kind. A widget another one uses is carried unlisted when only the
/// other is built.
fn widgets(src: &Path) -> Vec<Found> {
    println!("cargo:rerun-if-env-changed=YJ_WIDGETS");
    let only: Option<Vec<String>> = std::env::var("YJ_WIDGETS")
        .ok()
        .filter(|v| !v.is_empty())
        .map(|v| v.split(',').map(|k| k.trim().to_string()).collect());
    let mut all = Vec::new();
    for dir in std::fs::read_dir(src).expect("components/src").flatten() {
        let kind = dir.file_name().to_string_lossy().into_owned();
        let Ok(spec) = std::fs::read_to_string(dir.path().join("spec.rs")) else {
            continue;
        };
        let Some(ty) = spec
            .split("impl Widget for ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
        else {
            panic!("{kind}/spec.rs: no `impl Widget for <Type>`");
        };
        all.push(Found {
            module: kind.replace('-', "_"),
            listed: only.as_ref().is_none_or(|o| o.contains(&kind)),
            ty: ty.to_string(),
            words: words(&kind, &spec),
            uses: uses(&spec),
            data: data(&spec, "data:"),
            on_demand: data(&spec, "data-on-demand:"),
            kind,
        });
    }
    let used: Vec<String> = all
        .iter()
        .filter(|w| w.listed)
        .flat_map(|w| w.uses.clone())
        .collect();
    all.retain(|w| w.listed || used.contains(&w.kind));
    all.sort_by(|a, b| a.kind.cmp(&b.kind));
    all
}

fn write_widgets(src: &Path, list: &[Found]) {
    let mut out = String::from("// Made by build.rs from the widget folders.\n");
    for w in list {
        let path = src.join(&w.kind).join("mod.rs");
        writeln!(
            out,
            "#[path = {:?}]\npub mod {};",
            path.display().to_string(),
            w.module
        )
        .unwrap();
    }
    out.push_str(
        "/// Every widget the bundle carries, by kind.\npub const WIDGETS: &[Entry] = &[\n",
    );
    for w in list.iter().filter(|w| w.listed) {
        writeln!(out, "    Entry::of::<{}::{}>(),", w.module, w.ty).unwrap();
    }
    out.push_str("];\n");
    out.push_str("/// The kinds of the widgets the bundle carries, listed or not.\n");
    out.push_str("pub const KINDS: &[&str] = &[");
    for w in list {
        write!(out, "{:?}, ", w.kind).unwrap();
    }
    out.push_str("];\n");
    out.push_str("/// The catalog prefixes of the widgets the bundle carries, listed or not.\n");
    out.push_str("pub const WORDS: &[&str] = &[");
    for w in list {
        write!(out, "{:?}, ", w.words).unwrap();
    }
    out.push_str("];\n");
    // A widget carried only because another renders it (the form in the builder, shown
    // with the builder's own template) has its files fetched when it asks for them.
    let named: Vec<&String> = list
        .iter()
        .filter(|w| w.listed)
        .flat_map(|w| &w.data)
        .collect();
    let asked: Vec<&String> = list
        .iter()
        .flat_map(|w| {
            w.on_demand
                .iter()
                .chain(w.data.iter().filter(|_| !w.listed))
        })
        .collect();
    if let Some(name) = named.iter().chain(&asked).find(|n| installer(n).is_none()) {
        panic!("a widget's `//! data:` names {name}, which build.rs has no installer for");
    }
    // In INSTALLERS' order, which is the order the files are installed in; templates last.
    let mut data: Vec<&str> = INSTALLERS
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| named.iter().any(|n| n.as_str() == *name))
        .collect();
    for n in &named {
        if !data.contains(&n.as_str()) {
            data.push(n);
        }
    }
    let mut on_demand: Vec<&str> = Vec::new();
    for n in &asked {
        if !data.contains(&n.as_str()) && !on_demand.contains(&n.as_str()) {
            on_demand.push(n);
        }
    }
    out.push_str("/// The data files the widgets the bundle carries need, in the order they are installed.\n");
    writeln!(out, "pub const DATA: &[&str] = &{data:?};").unwrap();
    out.push_str(
        "/// The data files the widgets fetch when they need them (templates not shown first).\n",
    );
    writeln!(out, "pub const DATA_ON_DEMAND: &[&str] = &{on_demand:?};").unwrap();
    out.push_str("/// Installs data file `name` when a widget of the bundle needs it.\n");
    out.push_str("pub fn install_data(name: &str, text: &str) -> Option<Result<(), yaojian::Errors>> {\n    match name {\n");
    for name in data.iter().chain(&on_demand) {
        let call = installer(name).unwrap_or_default();
        writeln!(out, "        {name:?} => Some({call}),").unwrap();
    }
    out.push_str("        _ => None,\n    }\n}\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("widgets.rs");
    std::fs::write(dest, out).expect("widgets.rs");
}

fn main() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    println!("cargo:rerun-if-changed=src");
    let list = widgets(&src);
    write_widgets(&src, &list);
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
