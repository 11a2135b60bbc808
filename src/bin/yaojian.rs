//! `yaojian`: the engine on the command line, for bureau back ends and scripts.
//! Output is JSON on stdout; a bad input exits non-zero with a JSON error naming the field.

use clap::{Parser, Subcommand};
use std::io::Read;
use std::process::ExitCode;
use yaojian::{FieldError, Lang};

/// Writes to standard output. A reader that went away (`… | head`) ends the program
/// quietly instead of a panic; any other write error is reported on stderr.
fn write_out(args: std::fmt::Arguments) {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    if let Err(e) = o.write_fmt(args).and_then(|_| o.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("yaojian: {e}");
        std::process::exit(1);
    }
}

macro_rules! out {
    ($($t:tt)*) => { write_out(format_args!($($t)*)) };
}

/// [`out!`] with the value on a line of its own.
macro_rules! outln {
    ($v:expr) => {
        write_out(format_args!("{}\n", $v))
    };
}

#[derive(Parser)]
#[command(
    name = "yaojian",
    version,
    about = "药监 engine: penalty assessment, form validation, checklists and requirement checks as JSON"
)]
struct Cli {
    /// Language of messages: zh-CN (default), zh-TW or en.
    #[arg(long, global = true, default_value = "zh-CN")]
    lang: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse an amount of yuan (1500000, 1,500,000.00, 150万, 150万元) and print it in fen and formatted.
    Money { amount: String },
    /// Check an identifier: `uscc` (统一社会信用代码) or `resident-id` (居民身份证号码).
    Id {
        #[arg(value_parser = ["uscc", "resident-id"])]
        kind: String,
        value: String,
    },
    /// Penalty calculation (处罚裁量) under 药品管理法 chapter 11.
    #[command(subcommand)]
    Penalty(PenaltyCommand),
    /// Requirement checks (办事指南自检) for applicants.
    #[command(subcommand)]
    Requirements(RequirementsCommand),
    /// Rectification checklists (整改清单).
    #[command(subcommand)]
    Checklist(ChecklistCommand),
    /// Self-inspection forms (自查表): validate submissions, print the schema, summarise.
    #[command(subcommand)]
    Form(FormCommand),
}

#[derive(Subcommand)]
enum FormCommand {
    /// Read a submission (JSON) on stdin and check it against the template: exit 0, or 1
    /// with a JSON list of errors (path, code, message).
    Validate {
        /// A template file (JSON), or the id of a built-in template.
        #[arg(long)]
        template: String,
        /// The validator's day (YYYY-MM-DD, China Standard Time); default today. A
        /// submission dated later is refused; its answers are judged as of its own day.
        #[arg(long)]
        today: Option<String>,
        /// A file holding the secret the reference was issued with (`form receipt`):
        /// the reference must then be the keyed one.
        #[arg(long)]
        key: Option<std::path::PathBuf>,
    },
    /// Check a submission on stdin as `validate` does and print it with a reference keyed
    /// with the secret in --key, which only the holder of the secret can issue or verify.
    Receipt {
        #[arg(long)]
        template: String,
        #[arg(long)]
        today: Option<String>,
        #[arg(long)]
        key: std::path::PathBuf,
    },
    /// Print the JSON Schema of templates (or, with --submission, of submissions).
    Schema {
        #[arg(long)]
        submission: bool,
    },
    /// List the built-in templates.
    Templates,
    /// Print a built-in template's JSON, a starting point for a bureau's own.
    Show { id: String },
    /// Read submissions (a JSON array) on stdin and print counts per question and finding,
    /// submitters with findings and missing attestations; --csv prints the submitters as CSV.
    Summary {
        #[arg(long)]
        template: String,
        #[arg(long)]
        csv: bool,
    },
    /// Read one submission on stdin and print its findings as a checklist (yaojian/checklist/1).
    Items {
        #[arg(long)]
        template: String,
    },
    /// Read an XLSForm spreadsheet (xlsx, xls or ods) and print its template
    /// (yaojian/form/1); exit 1 with every mistake at its cell (`survey!D7`).
    FromXlsx { file: std::path::PathBuf },
    /// Write a template (a JSON file, or the id of a built-in template) as an XLSForm
    /// spreadsheet that `from-xlsx` reads back as the same template.
    ToXlsx {
        #[arg(long)]
        template: String,
        #[arg(short, long)]
        output: std::path::PathBuf,
        /// Name the sheets and columns in Chinese (题目, 选项, 设置; 类型, 编号, 题目 …).
        #[arg(long)]
        chinese: bool,
    },
}

#[derive(Subcommand)]
enum ChecklistCommand {
    /// Read a checklist (JSON) on stdin and print counts, overdue and due-soon items, and case suggestions.
    Report {
        /// The day to judge deadlines on (YYYY-MM-DD, China Standard Time); default today.
        #[arg(long)]
        today: Option<String>,
        /// "Due soon" means within this many days.
        #[arg(long, default_value_t = yaojian::checklist::DUE_SOON_DAYS)]
        soon: i64,
    },
    /// Read a checklist (JSON) on stdin and print it as CSV (UTF-8 with BOM).
    Csv {
        #[arg(long)]
        today: Option<String>,
    },
}

#[derive(Subcommand)]
enum RequirementsCommand {
    /// Read `{"answers": {...}, "have": [...]}` on stdin and print which requirements are met, missing or not applicable.
    Check {
        /// A template file (JSON), or the id of a built-in template.
        #[arg(long)]
        template: String,
        /// A penalty benchmark file whose no-penalty list the 不予处罚 template uses.
        #[arg(long)]
        benchmark: Option<String>,
    },
    /// List the built-in templates.
    Templates,
    /// Print a built-in template as JSON, a starting point for a bureau's own.
    Show {
        id: String,
        /// A penalty benchmark file whose no-penalty list the 不予处罚 template uses.
        #[arg(long)]
        benchmark: Option<String>,
    },
}

#[derive(Subcommand)]
enum PenaltyCommand {
    /// Print the statute table as JSON (an array of rules with id, article, paragraph, item, title, text…).
    Rules,
    /// Print the circumstance ids a case may list, with group, citation and label.
    Circumstances,
    /// Print the default discretion benchmark, a starting point for a bureau's own.
    Benchmark,
    /// Read one case as JSON on stdin and print the assessment as JSON.
    Assess {
        /// Another version of the law (a rule table, yaojian/penalty-rules/1) beside the
        /// built-in 2019 one; the case's date selects the one in force (第三十七条).
        #[arg(long)]
        law: Vec<std::path::PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::parse(&cli.lang);
    let result = match cli.command {
        Command::Money { amount } => money(&amount),
        Command::Id { kind, value } => id(&kind, &value),
        Command::Penalty(cmd) => penalty(cmd, lang),
        Command::Requirements(cmd) => requirements(cmd, lang),
        Command::Form(cmd) => return form(cmd, lang),
        Command::Checklist(ChecklistCommand::Csv { today }) => {
            // CSV is not JSON: print it directly, errors as usual.
            match checklist_input(today.as_deref()) {
                Ok((list, day)) => {
                    out!("{}", yaojian::checklist::items_csv(&list, day, lang));
                    return ExitCode::SUCCESS;
                }
                Err(e) => Err(e),
            }
        }
        Command::Checklist(ChecklistCommand::Report { today, soon }) => {
            checklist_input(today.as_deref())
                .map(|(list, day)| to_json(&yaojian::checklist::report(&list, day, soon, lang)))
        }
    };
    match result {
        Ok(v) => {
            outln!(serde_json::to_string_pretty(&v).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(errors) => {
            let list: Vec<_> = errors.iter().map(|e| e.localized(lang)).collect();
            outln!(serde_json::json!({ "errors": list }));
            ExitCode::from(1)
        }
    }
}

type CliResult = Result<serde_json::Value, yaojian::Errors>;

/// Reads all of stdin, refusing documents over the engine's size cap.
fn read_stdin() -> Result<String, yaojian::Errors> {
    read_stdin_capped(yaojian::MAX_DOCUMENT_BYTES)
}

fn read_stdin_capped(cap: usize) -> Result<String, yaojian::Errors> {
    let mut buf = String::new();
    let limit = cap as u64 + 1;
    std::io::stdin()
        .take(limit)
        .read_to_string(&mut buf)
        .map_err(|e| vec![FieldError::new("$", "json.invalid").with("detail", e)])?;
    if buf.len() > cap {
        return Err(vec![FieldError::new("$", "json.too_large").with("max", cap)].into());
    }
    Ok(buf)
}

/// Reads a file of at most `cap` bytes.
fn read_file_capped(path: &std::path::Path, cap: usize) -> Result<Vec<u8>, yaojian::Errors> {
    let file_error =
        |e: std::io::Error| vec![FieldError::new("$.file", "cli.file").with("detail", e)];
    let mut buf = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(cap as u64 + 1).read_to_end(&mut buf))
        .map_err(file_error)?;
    if buf.len() > cap {
        return Err(vec![FieldError::new("$.file", "json.too_large").with("max", cap)].into());
    }
    Ok(buf)
}

fn money(amount: &str) -> CliResult {
    let fen = yaojian::money::parse_yuan(amount).map_err(|e| vec![e.at("$.amount")])?;
    Ok(serde_json::json!({
        "fen": fen.fen(),
        "yuan": fen.yuan_string(),
        "display": fen.to_display(),
        "cn": fen.to_cn(),
    }))
}

fn id(kind: &str, value: &str) -> CliResult {
    use yaojian::ident;
    if kind == "uscc" {
        let v = ident::validate_uscc(value)
            .map_err(|e| vec![FieldError::new("$.value", e.code("uscc"))])?;
        Ok(serde_json::json!({ "valid": true, "value": v }))
    } else {
        let today = yaojian::date::cst_date_from_unix_millis(yaojian::date::now_unix_millis());
        let v = ident::validate_resident_id(value, Some(today))
            .map_err(|e| vec![FieldError::new("$.value", e.code("resident_id"))])?;
        Ok(
            serde_json::json!({ "valid": true, "value": v.number, "birth_date": v.birth_date.to_string() }),
        )
    }
}

fn penalty(cmd: PenaltyCommand, lang: Lang) -> CliResult {
    use yaojian::penalty;
    match cmd {
        PenaltyCommand::Rules => Ok(to_json(&penalty::rule_table().rules)),
        PenaltyCommand::Circumstances => {
            let list: Vec<_> = penalty::circumstances()
                .circumstances
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "id": c.id, "group": c.group, "citation": c.citation().label,
                        "label": c.label(lang), "text": c.text,
                    })
                })
                .collect();
            Ok(serde_json::Value::Array(list))
        }
        PenaltyCommand::Benchmark => Ok(to_json(penalty::default_benchmark())),
        PenaltyCommand::Assess { law } => {
            let mut extra = Vec::new();
            for path in &law {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| vec![FieldError::new("$.law", "cli.file").with("detail", e)])?;
                extra.push(penalty::rule_table_from_json(&text)?);
            }
            let mut tables = penalty::rule_tables();
            tables.extend(extra.iter());
            let src = read_stdin()?;
            penalty::assess_json_in(&src, &tables, lang).map(|a| to_json(&a))
        }
    }
}

/// Any serialisable value as JSON, for the subcommands' uniform output.
fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

fn requirements(cmd: RequirementsCommand, lang: Lang) -> CliResult {
    use yaojian::penalty::Benchmark;
    use yaojian::requirements as rq;
    let benchmark = |file: &Option<String>| -> Result<Benchmark, yaojian::Errors> {
        match file {
            None => Ok(yaojian::penalty::default_benchmark().clone()),
            Some(f) => {
                let src = std::fs::read_to_string(f).map_err(|e| {
                    vec![FieldError::new("$.benchmark", "json.invalid").with("detail", e)]
                })?;
                Benchmark::from_json(&src)
            }
        }
    };
    let template = |name: &str, bm: &Benchmark| -> Result<rq::Template, yaojian::Errors> {
        match std::fs::read_to_string(name) {
            Ok(src) => rq::Template::from_json(&src),
            Err(_) => rq::built_in(name, Some(bm)).ok_or_else(|| {
                yaojian::Errors::from(
                    FieldError::new("$.template", "requirements.no_template").with("name", name),
                )
            }),
        }
    };
    match cmd {
        RequirementsCommand::Check {
            template: name,
            benchmark: b,
        } => {
            let t = template(&name, &benchmark(&b)?)?;
            let src = read_stdin()?;
            rq::check_json(&t, &src, lang).map(|r| to_json(&r))
        }
        RequirementsCommand::Templates => {
            let bm = yaojian::penalty::default_benchmark();
            let list: Vec<_> = rq::built_in_ids()
                .into_iter()
                .filter_map(|id| rq::built_in(id, Some(bm)))
                .map(|t| serde_json::json!({"id": t.id, "version": t.version, "title": yaojian::penalty::rules::pick(&t.title, lang)}))
                .collect();
            Ok(serde_json::Value::Array(list))
        }
        RequirementsCommand::Show { id, benchmark: b } => {
            template(&id, &benchmark(&b)?).map(|t| to_json(&t))
        }
    }
}

/// `--today` as a date, or today in China Standard Time.
fn day_or_today(today: Option<&str>) -> Result<yaojian::date::Date, yaojian::Errors> {
    match today {
        Some(t) => yaojian::date::parse_date(t).map_err(|e| e.at("$.today").into()),
        None => Ok(yaojian::date::cst_date_from_unix_millis(
            yaojian::date::now_unix_millis(),
        )),
    }
}

/// The secret in a key file (its bytes, surrounding white space trimmed).
fn secret(path: &std::path::Path) -> Result<Vec<u8>, yaojian::Errors> {
    let bytes = std::fs::read(path)
        .map_err(|e| vec![FieldError::new("$.key", "cli.key_file").with("detail", e)])?;
    let text = bytes.trim_ascii();
    if text.len() < 16 {
        return Err(vec![FieldError::new("$.key", "cli.key_short").with("min", 16)].into());
    }
    Ok(text.to_vec())
}

/// The checklist on stdin and the day to judge it on.
fn checklist_input(
    today: Option<&str>,
) -> Result<(yaojian::checklist::ItemList, yaojian::date::Date), yaojian::Errors> {
    let day = day_or_today(today)?;
    let src = read_stdin()?;
    Ok((yaojian::checklist::ItemList::from_json(&src)?, day))
}

fn print_json(v: &serde_json::Value) {
    outln!(serde_json::to_string_pretty(v).unwrap_or_default());
}

/// `yaojian form …`. `validate` prints a bare list of errors, as the bureau back ends
/// expect; the other subcommands report errors like the rest of the tool.
fn form(cmd: FormCommand, lang: Lang) -> ExitCode {
    use yaojian::form;
    let fail = |errors: Vec<FieldError>, bare: bool| {
        let list: Vec<_> = errors.iter().map(|e| e.localized(lang)).collect();
        if bare {
            print_json(&to_json(&list));
        } else {
            outln!(serde_json::json!({ "errors": list }));
        }
        ExitCode::from(1)
    };
    let template = |name: &str| -> Result<form::Template, yaojian::Errors> {
        match std::fs::read_to_string(name) {
            Ok(src) => form::Template::from_json(&src),
            Err(_) => form::built_in(name).ok_or_else(|| {
                yaojian::Errors::from(
                    FieldError::new("$.template", "requirements.no_template").with("name", name),
                )
            }),
        }
    };
    let result: Result<serde_json::Value, yaojian::Errors> = match cmd {
        FormCommand::Validate {
            template: name,
            today,
            key,
        } => {
            let checked = template(&name).and_then(|t| {
                let day = day_or_today(today.as_deref())?;
                let v = yaojian::json::parse_document(&read_stdin()?, "$").map_err(|e| vec![e])?;
                match key {
                    Some(k) => form::answers::check_issued_submission(&t, v, day, &secret(&k)?),
                    None => form::answers::check_submission(&t, v, day),
                }
            });
            return match checked {
                Ok(s) => {
                    print_json(&serde_json::json!({
                        "valid": true,
                        "reference": s.reference,
                        "template": s.template,
                        "findings": s.findings.len(),
                    }));
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e.into(), true),
            };
        }
        FormCommand::Schema { submission } => {
            let src = if submission {
                form::SUBMISSION_SCHEMA_JSON
            } else {
                form::TEMPLATE_SCHEMA
            };
            out!("{src}");
            return ExitCode::SUCCESS;
        }
        FormCommand::Templates => Ok(serde_json::Value::Array(
            form::built_in_ids()
                .into_iter()
                .filter_map(form::built_in)
                .map(|t| serde_json::json!({"id": t.id, "version": t.version, "title": t.title(lang), "sample": t.sample}))
                .collect(),
        )),
        FormCommand::Show { id } => match form::built_in_source(&id) {
            Some(src) => {
                out!("{src}");
                return ExitCode::SUCCESS;
            }
            None => Err(vec![
                FieldError::new("$.template", "requirements.no_template").with("name", &id)
            ].into()),
        },
        FormCommand::Summary {
            template: name,
            csv,
        } => (|| {
            let t = template(&name)?;
            let src = read_stdin_capped(form::summary::MAX_BATCH_BYTES)?;
            let batch = form::summary::parse_batch(&src).map_err(|e| vec![e])?;
            let sum = form::summary::summarize(&t, batch, lang);
            if csv {
                let rows: Vec<_> = sum.rows.iter().collect();
                out!("{}", form::summary::rows_csv(&t, &rows, lang));
                return Ok(serde_json::Value::Null);
            }
            Ok(to_json(&sum))
        })(),
        FormCommand::Receipt {
            template: name,
            today,
            key,
        } => (|| {
            let t = template(&name)?;
            let day = day_or_today(today.as_deref())?;
            let mut s = form::parse_submission(&t, &read_stdin()?, day)?;
            s.reference = form::answers::keyed_reference(&s, &secret(&key)?);
            Ok(to_json(&s))
        })(),
        FormCommand::FromXlsx { file } => read_file_capped(&file, form::xlsform::MAX_XLSX_BYTES)
            .and_then(|bytes| form::xlsform::from_xlsx(&bytes)),
        FormCommand::ToXlsx {
            template: name,
            output,
            chinese,
        } => (|| {
            use form::xlsform::Headers;
            let headers = if chinese { Headers::Chinese } else { Headers::English };
            let bytes = form::xlsform::to_xlsx(&template(&name)?, headers)?;
            std::fs::write(&output, bytes)
                .map_err(|e| vec![FieldError::new("$.output", "cli.file").with("detail", e)])?;
            Ok(serde_json::Value::Null)
        })(),
        FormCommand::Items { template: name } => (|| {
            let t = template(&name)?;
            let today = day_or_today(None)?;
            let s = form::parse_submission(&t, &read_stdin()?, today)?;
            let items = form::rectification_items(&t, &s, lang);
            Ok(serde_json::json!({"schema": yaojian::checklist::SCHEMA, "items": items}))
        })(),
    };
    match result {
        Ok(serde_json::Value::Null) => ExitCode::SUCCESS,
        Ok(v) => {
            print_json(&v);
            ExitCode::SUCCESS
        }
        Err(e) => fail(e.into(), false),
    }
}
