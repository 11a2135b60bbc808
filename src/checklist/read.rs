//! The readers of the checklist's documents (the list, an item, a notice, its service,
//! the counts), field by field ([`crate::json::read`]): each document's one reader, in
//! the server and in the rectification widget's wasm. The names of each enum's values,
//! as documents write them, are here once.

use super::*;
pub use crate::json::read::named;
use crate::json::read::{self as r, date, list, one_of, Object, Read};
use serde_json::Value;

/// The lists, as documents name them.
pub const LIST_KINDS: [(&str, ListKind); 3] = [
    ("risk_hazard", ListKind::RiskHazard),
    ("problem_lead", ListKind::ProblemLead),
    ("rectification", ListKind::Rectification),
];
/// Where a problem came from.
pub const SOURCES: [(&str, Source); 7] = [
    ("inspection", Source::Inspection),
    ("sampling", Source::Sampling),
    ("complaint", Source::Complaint),
    ("lead", Source::Lead),
    ("self_inspection", Source::SelfInspection),
    ("risk_consultation", Source::RiskConsultation),
    ("other", Source::Other),
];
/// 立即整改 or 限期整改.
pub const MODES: [(&str, Mode); 2] = [("immediate", Mode::Immediate), ("deadline", Mode::Deadline)];
/// The statuses.
pub const STATUSES: [(&str, Status); 5] = [
    ("pending", Status::Pending),
    ("in_progress", Status::InProgress),
    ("awaiting_reinspection", Status::AwaitingReinspection),
    ("ready_for_close_out", Status::ReadyForCloseOut),
    ("closed", Status::Closed),
];
/// A re-inspection's conclusions.
pub const CONCLUSIONS: [(&str, Conclusion); 3] = [
    ("corrected", Conclusion::Corrected),
    ("partly_corrected", Conclusion::PartlyCorrected),
    ("not_corrected", Conclusion::NotCorrected),
];
/// The ways a notice is served.
pub const SERVICE_METHODS: [(&str, ServiceMethod); 6] = [
    ("direct", ServiceMethod::Direct),
    ("left", ServiceMethod::Left),
    ("post", ServiceMethod::Post),
    ("electronic", ServiceMethod::Electronic),
    ("entrusted", ServiceMethod::Entrusted),
    ("announcement", ServiceMethod::Announcement),
];

fn usize(v: &Value, path: &str) -> Read<usize> {
    v.as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| r::invalid(v, path, "usize"))
}

pub(crate) fn list_kind(v: &Value, path: &str) -> Read<ListKind> {
    one_of(v, path, &LIST_KINDS)
}

pub(crate) fn source(v: &Value, path: &str) -> Read<Source> {
    one_of(v, path, &SOURCES)
}

pub(crate) fn mode(v: &Value, path: &str) -> Read<Mode> {
    one_of(v, path, &MODES)
}

fn status(v: &Value, path: &str) -> Read<Status> {
    one_of(v, path, &STATUSES)
}

pub(crate) fn conclusion(v: &Value, path: &str) -> Read<Conclusion> {
    one_of(v, path, &CONCLUSIONS)
}

fn file_ref(v: &Value, path: &str) -> Read<FileRef> {
    let o = Object::of(v, path)?;
    Ok(FileRef {
        name: o.field("name", r::string)?,
        size: o.field("size", r::u64)?,
        mime: o.field("type", r::string)?,
        checksum: o.field("checksum", r::string)?,
    })
}

/// One piece of evidence.
pub fn evidence(v: &Value, path: &str) -> Read<Evidence> {
    let o = Object::of(v, path)?;
    Ok(Evidence {
        date: o.field("date", date)?,
        text: o.field("text", r::string)?,
        file: o.optional("file", file_ref)?,
    })
}

fn reinspection(v: &Value, path: &str) -> Read<Reinspection> {
    let o = Object::of(v, path)?;
    Ok(Reinspection {
        date: o.field("date", date)?,
        inspector: o.field("inspector", r::string)?,
        conclusion: o.field("conclusion", conclusion)?,
        notes: o.or_default("notes", r::string)?,
    })
}

fn close_out(v: &Value, path: &str) -> Read<CloseOut> {
    let o = Object::of(v, path)?;
    Ok(CloseOut {
        approver: o.field("approver", r::string)?,
        date: o.field("date", date)?,
    })
}

fn transition(v: &Value, path: &str) -> Read<Transition> {
    let o = Object::of(v, path)?;
    Ok(Transition {
        by: o.field("by", r::string)?,
        at: o.field("at", r::string)?,
        from: o.field("from", status)?,
        to: o.field("to", status)?,
        note: o.or_default("note", r::string)?,
        edit: o.or_default("edit", r::boolean)?,
        notice: o.optional("notice", r::string)?,
    })
}

/// An item as a list document writes it, before its checks.
pub fn item(v: &Value, path: &str) -> Read<Item> {
    let o = Object::of(v, path)?;
    Ok(Item {
        id: o.field("id", r::string)?,
        list: o.field("list", list_kind)?,
        source: o.field("source", source)?,
        problem: o.field("problem", r::string)?,
        provision: o.field("provision", r::string)?,
        legal_basis: o.field("legal_basis", r::string)?,
        rule: o.optional("rule", r::string)?,
        measures: o.field("measures", r::strings)?,
        unit: o.field("unit", r::string)?,
        person: o.field("person", r::string)?,
        mode: o.field("mode", mode)?,
        deadline: o.optional("deadline", date)?,
        status: o.field("status", status)?,
        evidence: o.or_default("evidence", |v, p| list(v, p, evidence))?,
        reinspections: o.or_default("reinspections", |v, p| list(v, p, reinspection))?,
        close_out: o.optional("close_out", close_out)?,
        history: o.or_default("history", |v, p| list(v, p, transition))?,
    })
}

/// A list document (`yaojian/checklist/1`), before its checks.
pub fn item_list(v: &Value, path: &str) -> Read<ItemList> {
    let o = Object::of(v, path)?;
    Ok(ItemList {
        schema: o.field("schema", r::string)?,
        items: o.field("items", |v, p| list(v, p, item))?,
    })
}

/// The add/edit form of an item, as typed.
pub fn item_input(v: &Value, path: &str) -> Read<ItemInput> {
    let o = Object::of(v, path)?;
    Ok(ItemInput {
        id: o.field("id", r::string)?,
        list: o.field("list", list_kind)?,
        source: o.field("source", source)?,
        problem: o.field("problem", r::string)?,
        provision: o.field("provision", r::string)?,
        legal_basis: o.field("legal_basis", r::string)?,
        rule: o.field("rule", r::string)?,
        measures: o.field("measures", r::string)?,
        unit: o.field("unit", r::string)?,
        person: o.field("person", r::string)?,
        mode: o.field("mode", mode)?,
        deadline: o.field("deadline", r::string)?,
    })
}

fn quotation(v: &Value, path: &str) -> Read<Quotation> {
    let o = Object::of(v, path)?;
    Ok(Quotation {
        rule: o.field("rule", r::string)?,
        citation: o.field("citation", r::string)?,
        text: o.field("text", r::string)?,
    })
}

fn notice_item(v: &Value, path: &str) -> Read<NoticeItem> {
    let o = Object::of(v, path)?;
    Ok(NoticeItem {
        id: o.field("id", r::string)?,
        problem: o.field("problem", r::string)?,
        provision: o.field("provision", r::string)?,
        legal_basis: o.field("legal_basis", r::string)?,
        measures: o.or_default("measures", r::strings)?,
        mode: o.field("mode", mode)?,
        deadline: o.optional("deadline", date)?,
        consequence: o.optional("consequence", quotation)?,
    })
}

/// A 责令改正通知书 as it is written.
pub fn notice(v: &Value, path: &str) -> Read<Notice> {
    let o = Object::of(v, path)?;
    Ok(Notice {
        number: o.field("number", r::string)?,
        bureau: o.optional("bureau", r::string)?,
        party: o.field("party", r::string)?,
        party_code: o.optional("party_code", r::string)?,
        items: o.field("items", |v, p| list(v, p, notice_item))?,
        mode: o.field("mode", mode)?,
        deadline: o.optional("deadline", date)?,
        date: o.field("date", date)?,
    })
}

/// The service of a notice, before its checks.
pub fn service(v: &Value, path: &str) -> Read<Service> {
    let o = Object::of(v, path)?;
    o.only(&["date", "method", "recipient"])?;
    Ok(Service {
        date: o.field("date", date)?,
        method: o.field("method", |v, p| one_of(v, p, &SERVICE_METHODS))?,
        recipient: o.field("recipient", r::string)?,
    })
}

/// The counts a report gives.
pub fn counts(v: &Value, path: &str) -> Read<Counts> {
    let o = Object::of(v, path)?;
    Ok(Counts {
        items: o.field("items", usize)?,
        leads_verified: o.field("leads_verified", usize)?,
        measures_implemented: o.field("measures_implemented", usize)?,
        closed: o.field("closed", usize)?,
        overdue: o.field("overdue", usize)?,
        due_soon: o.field("due_soon", usize)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written<T: serde::Serialize + Copy>(names: &[(&str, T)]) -> bool {
        names.iter().all(|(name, x)| wire_name(x) == *name)
    }

    #[test]
    fn the_names_read_are_the_names_written() {
        assert!(written(&LIST_KINDS) && written(&SOURCES) && written(&MODES));
        assert!(written(&STATUSES) && written(&CONCLUSIONS) && written(&SERVICE_METHODS));
        assert_eq!(STATUSES.map(|(_, s)| s), Status::ALL);
    }

    #[test]
    fn the_schemas_name_the_same_values() {
        let schema: Value =
            serde_json::from_str(include_str!("../../schemas/checklist.schema.json")).unwrap();
        let item = &schema["properties"]["items"]["items"]["properties"];
        for (field, names) in [
            ("list", LIST_KINDS.map(|(n, _)| n).to_vec()),
            ("source", SOURCES.map(|(n, _)| n).to_vec()),
            ("mode", MODES.map(|(n, _)| n).to_vec()),
            ("status", STATUSES.map(|(n, _)| n).to_vec()),
        ] {
            let listed: Vec<&str> = item[field]["enum"]
                .as_array()
                .unwrap_or_else(|| panic!("the schema lists the values of {field}"))
                .iter()
                .filter_map(Value::as_str)
                .collect();
            assert_eq!(listed, names, "{field}");
        }
        let conclusion = &item["reinspections"]["items"]["properties"]["conclusion"]["enum"];
        let names: Vec<Value> = CONCLUSIONS.iter().map(|(n, _)| Value::from(*n)).collect();
        assert_eq!(conclusion.as_array(), Some(&names));
    }
}
