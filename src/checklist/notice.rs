//! The 责令改正通知书: its document number from the bureau's pattern and its fields.

use super::*;
use crate::date::Date;
use crate::error::FieldError;
use serde::Serialize;

/// A 责令改正通知书 for one or more items of the same party: a legal document that names
/// the issuing bureau and the party, and for each item its problem, the provision it
/// breaks, its legal basis, its deadline and what follows if it is not corrected.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    /// From the pattern: `{year}` and `{seq}` (`{seq:3}` pads to three digits).
    pub number: String,
    /// The issuing bureau (发文机关) as the bureau set it; `None`: a line to fill in.
    pub bureau: Option<String>,
    /// 当事人: the responsible unit.
    pub party: String,
    /// The party's 统一社会信用代码, when the list knows it (the list on the server).
    pub party_code: Option<String>,
    /// One entry per item, in the order given.
    pub items: Vec<NoticeItem>,
    /// 立即改正 when every item is; else 限期改正.
    pub mode: Mode,
    /// The earliest deadline of the items, for 限期改正.
    #[serde(with = "crate::date::iso_opt")]
    pub deadline: Option<Date>,
    #[serde(with = "crate::date::iso")]
    pub date: Date,
}

/// One item as its notice states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoticeItem {
    pub id: String,
    /// 问题 (the facts found)
    pub problem: String,
    /// 违反的规定
    pub provision: String,
    /// 法律依据
    pub legal_basis: String,
    /// 整改要求
    pub measures: Vec<String>,
    pub mode: Mode,
    #[serde(with = "crate::date::iso_opt")]
    pub deadline: Option<Date>,
    /// What follows if it is not corrected: the rule the item names, quoted.
    pub consequence: Option<Quotation>,
}

/// A rule of the penalty table quoted as written, with its citation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quotation {
    /// The rule's id (`yaojian penalty rules`).
    pub rule: String,
    /// 《中华人民共和国药品管理法》第一百二十六条 style.
    pub citation: String,
    /// The paragraph verbatim (and the item, when the rule is one item of a list).
    pub text: String,
}

impl NoticeItem {
    /// The item as a notice states it; its rule quoted when the penalty table has it.
    pub fn of(i: &Item) -> NoticeItem {
        let consequence = i.rule.as_deref().and_then(|id| {
            let rule = crate::penalty::rule_table().get(id)?;
            Some(Quotation {
                rule: id.to_string(),
                citation: rule.citation().label,
                text: rule.verbatim(),
            })
        });
        NoticeItem {
            id: i.id.clone(),
            problem: i.problem.clone(),
            provision: i.provision.clone(),
            legal_basis: i.legal_basis.clone(),
            measures: i.measures.clone(),
            mode: i.mode,
            deadline: i.deadline.filter(|_| i.mode == Mode::Deadline),
            consequence,
        }
    }
}

/// The document-number pattern used until a bureau sets its own: sample content, and
/// said to be so wherever a number made from it is shown.
pub const SAMPLE_NUMBER_PATTERN: &str = "示例药监责改〔{year}〕{seq:3}号";

/// The widest `{seq:N}` a number pattern may ask for: a `u32` has at most 10 digits.
pub const MAX_SEQ_WIDTH: usize = 10;

/// Checks a document-number pattern before it is used: only `{year}`, `{seq}` and
/// `{seq:N}` (N from 1 to [`MAX_SEQ_WIDTH`]) in braces, and a `{seq…}` somewhere, so two
/// notices never get the same number. The error's path is `path`.
pub fn check_number_pattern(pattern: &str, path: &str) -> Result<(), FieldError> {
    let bad = |code: &str| Err(FieldError::new(path, code).with("value", pattern));
    let mut rest = pattern;
    let mut has_seq = false;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..]
            .find('}')
            .filter(|_| !rest[..open].contains('}'))
        else {
            return bad("checklist.pattern_unclosed");
        };
        let spec = &rest[open + 1..open + len];
        match spec.strip_prefix("seq") {
            Some("") => has_seq = true,
            Some(w) => match w.strip_prefix(':').and_then(|w| w.parse::<usize>().ok()) {
                Some(1..=MAX_SEQ_WIDTH) => has_seq = true,
                _ => return bad("checklist.pattern_width"),
            },
            None if spec == "year" => {}
            None => return bad("checklist.pattern_placeholder"),
        }
        rest = &rest[open + len + 1..];
    }
    if rest.contains('}') || !has_seq {
        return bad(if has_seq {
            "checklist.pattern_unclosed"
        } else {
            "checklist.pattern_no_seq"
        });
    }
    Ok(())
}

/// Fills a document-number pattern such as `某药监责改〔{year}〕{seq:3}号`. Never
/// panics: a width outside 1..=[`MAX_SEQ_WIDTH`] is clamped (check a pattern from
/// outside with [`check_number_pattern`] first, to tell its author).
pub fn document_number(pattern: &str, year: i32, seq: u32) -> String {
    let mut out = String::with_capacity(pattern.len() + MAX_SEQ_WIDTH);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(len) = rest[open..].find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let spec = &rest[open + 1..open + len];
        if spec == "year" {
            out.push_str(&year.to_string());
        } else if let Some(w) = spec.strip_prefix("seq") {
            let width = w.trim_start_matches(':').parse().unwrap_or(0);
            let width: usize = std::cmp::min(width, MAX_SEQ_WIDTH);
            out.push_str(&format!("{seq:0width$}"));
        } else {
            out.push_str(&rest[open..=open + len]);
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The notice for `items` (one party), dated `date`, numbered from `pattern` and `seq`.
/// The bureau and the party's code are the caller's to set.
pub fn notice(items: &[&Item], pattern: &str, seq: u32, date: Date) -> Option<Notice> {
    use chrono::Datelike;
    let first = items.first()?;
    let mode = if items.iter().all(|i| i.mode == Mode::Immediate) {
        Mode::Immediate
    } else {
        Mode::Deadline
    };
    Some(Notice {
        number: document_number(pattern, date.year(), seq),
        bureau: None,
        party: first.unit.clone(),
        party_code: None,
        items: items.iter().map(|i| NoticeItem::of(i)).collect(),
        mode,
        deadline: items
            .iter()
            .filter_map(|i| i.deadline)
            .min()
            .filter(|_| mode == Mode::Deadline),
        date,
    })
}

/// The notice for `items`, checked first: at least one item, none closed out, all of one
/// responsible unit (a notice goes to one party). Errors are at `$.items`.
pub fn notice_for(
    items: &[&Item],
    pattern: &str,
    seq: u32,
    date: Date,
) -> Result<Notice, FieldError> {
    let at = |code: &str| FieldError::new("$.items", code);
    if let Some(closed) = items.iter().find(|i| i.status == Status::Closed) {
        return Err(at("checklist.notice_closed").with("id", &closed.id));
    }
    if items.iter().any(|i| i.unit != items[0].unit) {
        return Err(at("checklist.notice_parties"));
    }
    notice(items, pattern, seq, date).ok_or_else(|| at("checklist.notice_empty"))
}

/// How a notice was served (送达), as the 行政处罚法 (第六十一条) and the 民事诉讼法 it
/// refers to name the ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceMethod {
    /// 直接送达
    Direct,
    /// 留置送达
    Left,
    /// 邮寄送达
    Post,
    /// 电子送达 (with the party's consent)
    Electronic,
    /// 委托送达
    Entrusted,
    /// 公告送达
    Announcement,
}

/// The service (送达) of a notice: when, how and to whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Service {
    #[serde(with = "crate::date::iso")]
    pub date: Date,
    pub method: ServiceMethod,
    /// 受送达人
    pub recipient: String,
}

/// A service as a request body gives it, checked: a recipient named on one line.
pub fn service_of(v: serde_json::Value) -> Result<Service, crate::Errors> {
    let s = super::read::service(&v, "$")?;
    if s.recipient.trim().is_empty() {
        return Err(FieldError::new("$.recipient", "required").into());
    }
    crate::text::check_hidden(&s.recipient, true, "$.recipient")?;
    check_length(&s.recipient, "recipient", "$.recipient")?;
    Ok(s)
}

impl ItemList {
    /// Records in the history of each item `notice` names that it was issued: an entry
    /// with its number, by `by` at `at` (`from` and `to` the item's status). Once per
    /// number: showing the same notice again records nothing. Says how many it recorded.
    pub fn record_notice(&mut self, notice: &Notice, by: &str, at: &str) -> usize {
        let mut recorded = 0;
        for entry in &notice.items {
            let Some(item) = self.items.iter_mut().find(|i| i.id == entry.id) else {
                continue;
            };
            let number = Some(notice.number.as_str());
            if item.history.iter().any(|t| t.notice.as_deref() == number) {
                continue;
            }
            item.history.push(Transition {
                by: by.to_string(),
                at: at.to_string(),
                from: item.status,
                to: item.status,
                note: String::new(),
                edit: false,
                notice: Some(notice.number.clone()),
            });
            recorded += 1;
        }
        recorded
    }
}
