//! The sheets' and columns' names, in English (XLSForm's) or Chinese, and the language
//! suffix of a translated column (`label::en`, `题目::zh-TW`, `label::English (en)`).

use super::sheets::Sheet;
use crate::error::FieldError;
use crate::sorted::SortedMap;

/// Which names a written spreadsheet uses for its sheets and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Headers {
    /// XLSForm's own: `survey`, `type`, `label` …
    #[default]
    English,
    /// 题目、类型、题目 … (English where a column has no Chinese name).
    Chinese,
}

/// Each sheet's English and Chinese names.
pub(super) const SURVEY: [&str; 2] = ["survey", "题目"];
pub(super) const CHOICES: [&str; 2] = ["choices", "选项"];
pub(super) const SETTINGS: [&str; 2] = ["settings", "设置"];

/// The survey's columns: the English name first, the Chinese name if it has one.
pub(super) const SURVEY_COLUMNS: &[(&str, Option<&str>)] = &[
    ("type", Some("类型")),
    ("name", Some("编号")),
    ("label", Some("题目")),
    ("hint", Some("说明")),
    ("required", Some("必填")),
    ("relevant", Some("显示条件")),
    ("required_if", Some("必填条件")),
    ("constraint", None),
    ("constraint_message", Some("格式说明")),
    ("statement", Some("承诺内容")),
    ("finding", Some("问题等级")),
    ("finding_when", Some("问题条件")),
    ("finding_title", Some("问题")),
    ("finding_provision", Some("依据")),
    ("finding_rule", None),
];

pub(super) const CHOICE_COLUMNS: &[(&str, Option<&str>)] = &[
    ("list_name", Some("列表名")),
    ("name", Some("编号")),
    ("label", Some("选项")),
];

pub(super) const SETTING_COLUMNS: &[(&str, Option<&str>)] = &[
    ("form_id", Some("表单编号")),
    ("form_title", Some("表单标题")),
    ("version", Some("版本")),
    ("default_language", Some("默认语言")),
    ("description", Some("表单说明")),
    ("sample", Some("示例")),
    ("filers", Some("填报角色")),
    ("submitter_name", Some("提交人姓名题")),
    ("submitter_organisation", Some("提交人单位题")),
    ("submitter_identifier", Some("提交人证件题")),
];

/// A sheet's or column's name under `headers`.
pub(super) fn name_in(
    pair: (&'static str, Option<&'static str>),
    headers: Headers,
) -> &'static str {
    match (headers, pair.1) {
        (Headers::Chinese, Some(zh)) => zh,
        _ => pair.0,
    }
}

/// The header written for column `base` in language `lang` (none: the default language).
pub(super) fn header(base: &str, lang: Option<&str>) -> String {
    match lang {
        Some(l) => format!("{base}::{l}"),
        None => base.to_string(),
    }
}

/// The language tag of a column suffix: `en`, `English (en)` → `en`; `zh-tw` → `zh-TW`.
pub(super) fn lang_tag(suffix: &str) -> String {
    let s = suffix.trim();
    let inner = match (s.rfind('('), s.rfind(')')) {
        (Some(a), Some(b)) if a < b => &s[a + 1..b],
        _ => s,
    };
    let inner = inner.trim();
    crate::Lang::ALL
        .iter()
        .map(|l| l.tag())
        .find(|t| t.eq_ignore_ascii_case(inner))
        .map(str::to_string)
        .unwrap_or_else(|| inner.to_string())
}

/// A sheet's header row read: for each column name (English), the column of each
/// language (`None`: the default language).
#[derive(Debug, Default)]
pub(super) struct Columns {
    map: SortedMap<&'static str, SortedMap<Option<String>, usize>>,
}

impl Columns {
    /// Reads the first row of `sheet` against `known`; a column named twice is an error,
    /// a column the converter does not use (XLSForm's `appearance`, …) is left alone.
    pub(super) fn read(
        sheet: &Sheet,
        known: &[(&'static str, Option<&'static str>)],
        errs: &mut Vec<FieldError>,
    ) -> Columns {
        let mut cols = Columns::default();
        let Some(head) = sheet.rows.first() else {
            return cols;
        };
        for (i, h) in head.iter().enumerate() {
            let (base, lang) = match h.split_once("::") {
                Some((b, l)) => (b.trim(), Some(lang_tag(l))),
                None => (h.trim(), None),
            };
            let Some(&(en, _)) = known
                .iter()
                .find(|(en, zh)| base.eq_ignore_ascii_case(en) || Some(base) == *zh)
            else {
                continue;
            };
            let slot = cols.map.entry(en).or_default();
            if slot.insert(lang, i).is_some() {
                errs.push(
                    FieldError::new(sheet.address(0, i), "xlsform.duplicate_column")
                        .with("column", h.trim()),
                );
            }
        }
        cols
    }

    /// The column of `name` in the default language.
    pub(super) fn get(&self, name: &str) -> Option<usize> {
        self.map.get(name)?.get(&None).copied()
    }

    /// Whether the sheet has column `name` in any language.
    pub(super) fn has(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    /// Every column of `name`: its language (`None`: the default) and index.
    pub(super) fn langs(&self, name: &str) -> impl Iterator<Item = (Option<&str>, usize)> {
        self.map
            .get(name)
            .into_iter()
            .flat_map(|m| m.iter().map(|(l, &i)| (l.as_deref(), i)))
    }
}
