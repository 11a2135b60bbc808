//! The 不予处罚 template, built from the benchmark's no-penalty list and the
//! 行政处罚法第三十三条 circumstances.

use super::*;
use crate::expr::Expr;
use crate::i18n::I18nText;
use crate::penalty::rules::{circumstances, Benchmark, NoPenaltyList};
use serde_json::json;

fn i18n(zh: &str, tw: &str, en: &str) -> I18nText {
    [("zh-CN", zh), ("zh-TW", tw), ("en", en)]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A condition requirement from a circumstance of the penalty catalog, citing its clause.
fn from_circumstance(
    id: &str,
    c_id: &str,
    applies_if: Option<Expr>,
    sample: bool,
) -> Option<Requirement> {
    let c = circumstances().get(c_id)?;
    Some(Requirement {
        id: id.to_string(),
        kind: RequirementKind::Condition,
        title: c.label.clone(),
        explanation: i18n(&c.text, &c.text, &c.text),
        basis: Some(Basis {
            law: c.law.clone(),
            article: c.article,
            paragraph: c.paragraph,
            item: c.item,
            text: c.text.clone(),
        }),
        applies_if,
        sample,
    })
}

/// 不予处罚 eligibility (行政处罚法第三十三条), with the benchmark's no-penalty list: the
/// applicant picks the route, and the conditions of that route are the requirements.
pub fn no_penalty_template(bm: &Benchmark) -> Template {
    let list = bm.no_penalty_list.as_ref();
    let mut routes = vec![
        (
            "minor",
            i18n(
                "违法行为轻微并及时改正，没有造成危害后果（不予处罚）",
                "違法行為輕微並及時改正，沒有造成危害後果（不予處罰）",
                "Minor, corrected promptly, no harm (no penalty)",
            ),
        ),
        (
            "first",
            i18n(
                "初次违法且危害后果轻微并及时改正（可以不予处罚）",
                "初次違法且危害後果輕微並及時改正（可以不予處罰）",
                "First violation, slight harm, corrected promptly (penalty may be waived)",
            ),
        ),
        (
            "no_fault",
            i18n(
                "有证据足以证明没有主观过错（不予处罚）",
                "有證據足以證明沒有主觀過錯（不予處罰）",
                "Evidence proves no fault (no penalty)",
            ),
        ),
    ];
    if list.is_some_and(|l| !l.items.is_empty()) {
        routes.push((
            "listed",
            i18n(
                "属于本地不予处罚清单所列事项",
                "屬於本地不予處罰清單所列事項",
                "An item on the local no-penalty list",
            ),
        ));
    }
    let mut questions = vec![Question {
        id: "q_route".into(),
        kind: QuestionKind::SingleChoice,
        label: i18n(
            "您希望核对哪一种不予处罚情形？",
            "您希望核對哪一種不予處罰情形？",
            "Which no-penalty route do you want to check?",
        ),
        help: Some(i18n(
            "依据《中华人民共和国行政处罚法》第三十三条及本地清单",
            "依據《中華人民共和國行政處罰法》第三十三條及本地清單",
            "Under article 33 of the Administrative Penalty Law and the local list",
        )),
        options: routes
            .iter()
            .map(|(v, l)| Choice {
                value: v.to_string(),
                label: l.clone(),
            })
            .collect(),
    }];
    let route = |r: &str| Some(Expr::Equals("q_route".into(), json!(r)));
    let mut requirements = Vec::new();
    let mut condition = |id: &str, c_id: &str, applies: Option<Expr>| {
        if let Some(r) = from_circumstance(id, c_id, applies, false) {
            requirements.push(r);
        }
    };
    condition("r_minor", "minor", route("minor"));
    condition("r_minor_corrected", "corrected", route("minor"));
    condition("r_no_harm", "no_harm", route("minor"));
    condition("r_first_offence", "first_offence", route("first"));
    condition("r_minor_harm", "minor_harm", route("first"));
    condition("r_first_corrected", "corrected", route("first"));
    condition("r_no_fault", "apl33_no_fault", route("no_fault"));
    if let Some(list) = list.filter(|l| !l.items.is_empty()) {
        add_listed(list, &mut questions, &mut requirements);
    }
    Template {
        schema: SCHEMA.into(),
        id: NO_PENALTY_ID.into(),
        version: bm.id.clone(),
        title: i18n("不予行政处罚条件自检", "不予行政處罰條件自檢", "Eligibility for no administrative penalty"),
        description: i18n(
            "核对是否符合《中华人民共和国行政处罚法》第三十三条或本地不予处罚清单的全部条件。清单并未穷尽第三十三条。",
            "核對是否符合《中華人民共和國行政處罰法》第三十三條或本地不予處罰清單的全部條件。清單並未窮盡第三十三條。",
            "Check every condition of article 33 of the Administrative Penalty Law or of the local no-penalty list. The list never exhausts article 33.",
        ),
        notes: list.filter(|l| l.sample).map(|_| i18n("清单为示例，请以本地规定为准。", "清單為示例，請以本地規定為準。", "The list is sample content: check your local rules.")),
        questions,
        requirements,
    }
}

/// The local list's question (which item) and, for each item, its act and conditions,
/// asked when the user checks the "listed" route.
fn add_listed(
    list: &NoPenaltyList,
    questions: &mut Vec<Question>,
    requirements: &mut Vec<Requirement>,
) {
    questions.push(Question {
        id: "q_item".into(),
        kind: QuestionKind::SingleChoice,
        label: i18n(
            "清单中的哪一项？",
            "清單中的哪一項？",
            "Which item of the list?",
        ),
        help: Some(list.title.clone()),
        options: list
            .items
            .iter()
            .map(|i| Choice {
                value: i.id.clone(),
                label: i18n(&i.name, &i.name, &i.name),
            })
            .collect(),
    });
    for item in &list.items {
        let applies = || {
            Some(Expr::And(vec![
                Expr::Equals("q_route".into(), json!("listed")),
                Expr::Equals("q_item".into(), json!(item.id)),
            ]))
        };
        requirements.push(Requirement {
            id: format!("r_{}_act", item.id.replace('-', "_")),
            kind: RequirementKind::Condition,
            title: i18n(
                &format!("违法行为属于清单所列：{}", item.name),
                &format!("違法行為屬於清單所列：{}", item.name),
                &format!("The act is on the list: {}", item.name),
            ),
            explanation: i18n(
                &format!("法律依据：{}", item.basis),
                &format!("法律依據：{}", item.basis),
                &format!("Legal basis: {}", item.basis),
            ),
            basis: None,
            applies_if: applies(),
            sample: list.sample,
        });
        for c_id in &item.conditions {
            let id = format!("r_{}_{}", item.id.replace('-', "_"), c_id);
            requirements.extend(from_circumstance(&id, c_id, applies(), list.sample));
        }
    }
}
