//! The penalty engine's data (`data/penalty/`): the rule table, the circumstances, the
//! default benchmark and the table's translations. Each file has one checked reader,
//! whoever the caller is:
//! - with feature `embedded-data` (the CLI, the server, the engine's tests) the files are
//!   compiled in and read on first use;
//! - a widget's wasm carries none: `yaojian.js` fetches the files its module lists
//!   (`dist/penalty-*.<hash>.json`, the translations in the page's language only) and
//!   hands each to [`install`] before the widget renders. A file asked for and never
//!   given is reported ([`crate::data::missing`]) and read as empty.

use super::rules::{BandSpec, Benchmark, Circumstances, HearingThreshold, RuleTable};
use crate::error::{Errors, FieldError};
use crate::i18n::I18nText;
use crate::money::Fen;
use std::sync::OnceLock;

/// The names of the files, as the release and [`install`] know them, in the order they
/// are installed (the benchmark is checked against the rules and circumstances).
pub const FILES: [&str; 4] = [RULES, CIRCUMSTANCES, BENCHMARK, TITLES];
/// `data/penalty/drug-law-2019.rules.json`: the statute table.
pub const RULES: &str = "penalty-rules";
/// `data/penalty/circumstances.json`: the circumstances catalog.
pub const CIRCUMSTANCES: &str = "penalty-circumstances";
/// `data/penalty/benchmark.default.json`: the default discretion benchmark.
pub const BENCHMARK: &str = "penalty-benchmark";
/// `data/penalty/drug-law-2019.i18n.json`: the table's texts in zh-TW and English; the
/// release cuts it by language (none for zh-CN, the table's own language).
pub const TITLES: &str = "penalty-titles";

static RULE_TABLE: OnceLock<RuleTable> = OnceLock::new();
static CIRCUMSTANCE_LIST: OnceLock<Circumstances> = OnceLock::new();
static DEFAULT_BENCHMARK: OnceLock<Benchmark> = OnceLock::new();
// What is read while a file is missing: kept apart, so the file can still be installed.
static NO_RULE_TABLE: OnceLock<RuleTable> = OnceLock::new();
static NO_CIRCUMSTANCES: OnceLock<Circumstances> = OnceLock::new();
static NO_BENCHMARK: OnceLock<Benchmark> = OnceLock::new();

/// The shipped statute table (`data/penalty/drug-law-2019.rules.json`).
#[cfg(feature = "embedded-data")]
pub const RULES_JSON: &str = include_str!("../../data/penalty/drug-law-2019.rules.json");
/// The shipped circumstances catalog (`data/penalty/circumstances.json`).
#[cfg(feature = "embedded-data")]
pub const CIRCUMSTANCES_JSON: &str = include_str!("../../data/penalty/circumstances.json");
/// The shipped default benchmark (`data/penalty/benchmark.default.json`).
#[cfg(feature = "embedded-data")]
pub const DEFAULT_BENCHMARK_JSON: &str = include_str!("../../data/penalty/benchmark.default.json");
/// The shipped translations (`data/penalty/drug-law-2019.i18n.json`).
#[cfg(feature = "embedded-data")]
pub const TITLES_JSON: &str = include_str!("../../data/penalty/drug-law-2019.i18n.json");

/// The compiled-in files (feature `embedded-data`), by name, in [`FILES`]' order.
#[cfg(feature = "embedded-data")]
pub const EMBEDDED: [(&str, &str); 4] = [
    (RULES, RULES_JSON),
    (CIRCUMSTANCES, CIRCUMSTANCES_JSON),
    (BENCHMARK, DEFAULT_BENCHMARK_JSON),
    (TITLES, TITLES_JSON),
];

/// Reads data file `name` and installs it; `None` when `name` is not one of [`FILES`].
/// A file is installed once: the same file again is accepted and changes nothing, another
/// one is refused (`data.already_installed`); the translations add to each other, one
/// language at a time. A widget's wasm calls
/// the installer of each file it needs instead, so that it carries no other file's reader.
pub fn install(name: &str, text: &str) -> Option<Result<(), Errors>> {
    Some(match name {
        RULES => install_rules(text),
        CIRCUMSTANCES => install_circumstances(text),
        BENCHMARK => install_benchmark(text),
        TITLES => install_titles(text),
        _ => return None,
    })
}

/// Installs the rule table (`penalty-rules`), checked as every rule table is.
pub fn install_rules(text: &str) -> Result<(), Errors> {
    keep(&RULE_TABLE, RULES, super::rule_table_from_json(text)?)
}

/// Installs the circumstances catalog (`penalty-circumstances`).
pub fn install_circumstances(text: &str) -> Result<(), Errors> {
    keep(&CIRCUMSTANCE_LIST, CIRCUMSTANCES, read_circumstances(text)?)
}

/// Installs the default benchmark (`penalty-benchmark`), checked against the rule table
/// and the circumstances (so after them).
pub fn install_benchmark(text: &str) -> Result<(), Errors> {
    keep(&DEFAULT_BENCHMARK, BENCHMARK, Benchmark::from_json(text)?)
}

/// Adds a translations file (`penalty-titles`) to those installed.
pub fn install_titles(text: &str) -> Result<(), Errors> {
    super::translations::install(text)
}

/// Puts file `name`'s `value` in `cell`, unless another one is there already.
fn keep<T: PartialEq>(cell: &'static OnceLock<T>, name: &str, value: T) -> Result<(), Errors> {
    match cell.set(value) {
        Ok(()) => Ok(()),
        Err(again) if cell.get() == Some(&again) => Ok(()),
        Err(_) => Err(FieldError::new("$", "data.already_installed")
            .with("file", name)
            .into()),
    }
}

/// Reads the circumstances catalog: its schema, no id twice.
fn read_circumstances(text: &str) -> Result<Circumstances, Errors> {
    let v = crate::json::parse_document(text, "$")?;
    let c = super::rules::read::circumstances(&v, "$")?;
    let mut errs = Vec::new();
    if c.schema != "yaojian/penalty-circumstances/1" {
        let e = FieldError::new("$.schema", "penalty.circumstances_schema");
        errs.push(e.with("expected", "yaojian/penalty-circumstances/1"));
    }
    for (i, x) in c.circumstances.iter().enumerate() {
        if c.circumstances[..i].iter().any(|o| o.id == x.id) {
            let e = FieldError::new(
                format!("$.circumstances[{i}].id"),
                "penalty.circumstances_duplicate",
            );
            errs.push(e.with("id", &x.id));
        }
    }
    if errs.is_empty() {
        Ok(c)
    } else {
        Err(errs.into())
    }
}

/// The file installed in `cell`: read from the compiled-in text when there is one, else
/// as installed. When neither, it is missing: reported, and read as `empty` (held in
/// `none`, so that the file can still be installed later).
fn installed<T>(
    cell: &'static OnceLock<T>,
    name: &'static str,
    none: &'static OnceLock<T>,
    empty: fn() -> T,
) -> &'static T {
    #[cfg(feature = "embedded-data")]
    if cell.get().is_none() {
        if let Some((_, text)) = EMBEDDED.iter().find(|(n, _)| *n == name) {
            let _ = install(name, text);
        }
    }
    cell.get().unwrap_or_else(|| {
        crate::data::missing(name);
        none.get_or_init(empty)
    })
}

/// Which of the rule table, the circumstances and the default benchmark (in the order
/// they are installed) are not there: neither compiled in nor installed. A widget that
/// needs them only sometimes (the requirement checker's 不予处罚 template) asks for these
/// before it reads them, so none is reported missing.
pub fn files_wanted() -> Vec<String> {
    if cfg!(feature = "embedded-data") {
        return Vec::new();
    }
    let there = [
        RULE_TABLE.get().is_some(),
        CIRCUMSTANCE_LIST.get().is_some(),
        DEFAULT_BENCHMARK.get().is_some(),
    ];
    [RULES, CIRCUMSTANCES, BENCHMARK]
        .into_iter()
        .zip(there)
        .filter(|(_, there)| !there)
        .map(|(name, _)| name.to_string())
        .collect()
}

/// The statute table (`penalty-rules`).
pub fn rule_table() -> &'static RuleTable {
    installed(&RULE_TABLE, RULES, &NO_RULE_TABLE, || RuleTable {
        schema: String::new(),
        law: super::LawRef {
            id: String::new(),
            title: String::new(),
            edition: String::new(),
            effective_from: chrono::NaiveDate::MIN,
            effective_to: None,
        },
        rules: Vec::new(),
    })
}

/// The circumstances catalog (`penalty-circumstances`).
pub fn circumstances() -> &'static Circumstances {
    installed(&CIRCUMSTANCE_LIST, CIRCUMSTANCES, &NO_CIRCUMSTANCES, || {
        Circumstances {
            schema: String::new(),
            circumstances: Vec::new(),
        }
    })
}

/// The default discretion benchmark (`penalty-benchmark`); missing, three equal bands.
pub fn default_benchmark() -> &'static Benchmark {
    installed(&DEFAULT_BENCHMARK, BENCHMARK, &NO_BENCHMARK, || Benchmark {
        schema: "yaojian/penalty-benchmark/1".into(),
        id: "fallback".into(),
        title: I18nText::new(),
        is_default: true,
        note: I18nText::new(),
        document: None,
        effective_from: None,
        effective_to: None,
        bands: super::rules::BAND_IDS
            .iter()
            .map(|id| BandSpec {
                id: id.to_string(),
                weight: 1,
            })
            .collect(),
        conflict_band: "ordinary".into(),
        reduced_floor_pct: 10,
        rounding_fen: 100,
        hearing_threshold: HearingThreshold {
            organisation: Fen::from_yuan(100_000),
            individual: Fen::from_yuan(10_000),
            confiscation: None,
        },
        first_offence_years: 5,
        no_penalty_list: None,
    })
}
