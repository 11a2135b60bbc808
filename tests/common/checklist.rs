//! Items and dates the checklist tests share.
use yaojian::checklist::*;
use yaojian::date::{parse_date, Date};

/// When the recorded changes of the tests happen.
pub const AT: &str = "2026-11-22T10:00:00+08:00";

pub fn d(s: &str) -> Date {
    parse_date(s).unwrap()
}

/// An item in `status`; one 待销号 carries the report and the passing re-inspection that
/// brought it there.
pub fn item(status: Status) -> Item {
    let ready = status == Status::ReadyForCloseOut;
    Item {
        id: "i1".into(),
        list: ListKind::Rectification,
        source: Source::Inspection,
        problem: "冷库温度记录不全".into(),
        provision: "药品经营质量管理规范".into(),
        legal_basis: "《中华人民共和国药品管理法》第一百二十六条".into(),
        rule: Some("dal-126".into()),
        measures: vec!["补全记录".into(), "培训保管员".into()],
        unit: "某医药公司".into(),
        person: "张三".into(),
        mode: Mode::Deadline,
        deadline: Some(d("2026-12-01")),
        status,
        evidence: if ready {
            evidence("2026-11-28")
        } else {
            vec![]
        },
        reinspections: if ready {
            vec![Reinspection {
                date: d("2026-11-30"),
                inspector: "李四".into(),
                conclusion: Conclusion::Corrected,
                notes: String::new(),
            }]
        } else {
            vec![]
        },
        close_out: None,
        history: vec![],
    }
}

pub fn evidence(date: &str) -> Vec<Evidence> {
    vec![Evidence {
        date: d(date),
        text: "整改报告及温度记录".into(),
        file: None,
    }]
}
