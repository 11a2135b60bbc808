//! The summary's state, one reducer: the batch loaded, what is being read, load
//! errors, the paste box, the filter and the page; and reading files into it.

use super::*;

/// A source that could not be read, and where to go to fix it.
#[derive(Clone, PartialEq, Debug)]
pub struct LoadError {
    pub source: String,
    pub error: FieldError,
    pub field: &'static str,
}

#[derive(Clone, PartialEq, Default)]
pub struct State {
    pub batch: Rc<Vec<Value>>,
    /// How many loads (files, pastes, host values) the batch is made of.
    pub loads: usize,
    pub errors: Vec<LoadError>,
    pub filter: Filter,
    pub page: usize,
    pub paste: String,
    /// Files being read.
    pub reading: usize,
    /// Bumped when the error summary should take focus.
    pub error_focus: u32,
    /// Bumped on every change of the batch (drives the emitted summary).
    pub revision: u32,
    /// Filings the server holds on each version of the template (its first page says).
    pub server_versions: Rc<Vec<(String, usize)>>,
}

pub enum Msg {
    /// The text of a source, or why it could not be read. `field` is the input to fix.
    Loaded {
        source: String,
        text: Result<String, String>,
        field: &'static str,
    },
    Reading(usize),
    /// The host set `value`.
    Replace(Rc<Value>),
    Clear,
    Paste(String),
    Filter(Filter),
    Page(usize),
    /// How many filings the server holds on each version of the template.
    ServerVersions(Vec<(String, usize)>),
}

impl State {
    /// A new batch in place of everything loaded (and its errors).
    fn start_over(&mut self, batch: Vec<Value>, loads: usize) {
        self.batch = Rc::new(batch);
        self.loads = loads;
        self.errors.clear();
        self.page = 0;
        self.revision += 1;
        self.server_versions = Rc::default();
    }
}

impl Reducible for State {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        match msg {
            Msg::Reading(n) => {
                s.reading += n;
                if n > 0 {
                    s.errors.clear();
                }
            }
            Msg::Loaded {
                source,
                text,
                field,
            } => {
                s.reading = s.reading.saturating_sub(1);
                let parsed = text
                    .map_err(|e| FieldError::new("$", "fs.read_failed").with("detail", e))
                    .and_then(|t| parse_batch(&t));
                match parsed {
                    Ok(items) => {
                        s.loads += 1;
                        Rc::make_mut(&mut s.batch).extend(items);
                        s.revision += 1;
                        s.page = 0;
                        if field == "paste" {
                            s.paste.clear();
                        }
                    }
                    Err(error) => {
                        s.errors.push(LoadError {
                            source,
                            error,
                            field,
                        });
                        s.error_focus += 1;
                    }
                }
            }
            Msg::Replace(v) => {
                let items = match &*v {
                    Value::Array(a) => a.clone(),
                    Value::Null => Vec::new(),
                    one => vec![one.clone()],
                };
                s.start_over(items, 1);
            }
            Msg::Clear => s.start_over(Vec::new(), 0),
            Msg::Paste(p) => s.paste = p,
            Msg::Filter(f) => {
                s.filter = f;
                s.page = 0;
            }
            Msg::Page(p) => s.page = p,
            Msg::ServerVersions(v) => s.server_versions = Rc::new(v),
        }
        Rc::new(s)
    }
}

pub(super) fn initial_state(value: Option<&Rc<Value>>) -> State {
    let s = Rc::new(State::default());
    match value {
        Some(v) => (*s.reduce(Msg::Replace(v.clone()))).clone(),
        None => (*s).clone(),
    }
}

/// Reads the chosen files one by one (text), each reported as a `Msg::Loaded`.
pub(super) fn read_files(files: web_sys::FileList, d: UseReducerDispatcher<State>) {
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    if files.is_empty() {
        return;
    }
    let total: f64 = files.iter().map(|f| f.size()).sum();
    if total > engine::summary::MAX_BATCH_BYTES as f64 {
        d.dispatch(Msg::Reading(1));
        d.dispatch(Msg::Loaded {
            source: files
                .iter()
                .map(|f| f.name())
                .collect::<Vec<_>>()
                .join("、"),
            text: Err(format!(
                "{} MB > {} MB",
                (total / 1_048_576.0).ceil() as u64,
                engine::summary::MAX_BATCH_BYTES / 1_048_576
            )),
            field: "files",
        });
        return;
    }
    d.dispatch(Msg::Reading(files.len()));
    yew::platform::spawn_local(async move {
        for f in files {
            let text = wasm_bindgen_futures::JsFuture::from(f.text())
                .await
                .map(|v| v.as_string().unwrap_or_default())
                .map_err(|e| crate::common::js_error_text(&e));
            d.dispatch(Msg::Loaded {
                source: f.name(),
                text,
                field: "files",
            });
        }
    });
}
