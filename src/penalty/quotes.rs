//! The statute's own words that assessment steps quote, each with its law and
//! article, in one place: `tests/penalty_quotes.rs` checks every one verbatim against
//! the texts in `data/law/`.

use super::rules::{LAW_APL, LAW_DAL};

/// A verbatim passage of a statute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// `LAW_APL` or `LAW_DAL`.
    pub law: &'static str,
    pub article: u32,
    pub text: &'static str,
}

impl Quote {
    /// The text as a step's quote.
    pub fn quoted(&self) -> Option<String> {
        Some(self.text.to_string())
    }
}

/// 行政处罚法第二十九条: one act, one fine, the highest.
pub const SEVERAL_NORMS: Quote = Quote {
    law: LAW_APL,
    article: 29,
    text: "同一个违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚。",
};

/// 行政处罚法第三十三条第三款: education where there is no penalty.
pub const EDUCATE: Quote = Quote {
    law: LAW_APL,
    article: 33,
    text: "对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育。",
};

/// 行政处罚法第六十三条第一款: the right to a hearing.
pub const HEARING: Quote = Quote {
    law: LAW_APL,
    article: 63,
    text: "行政机关拟作出下列行政处罚决定，应当告知当事人有要求听证的权利，当事人要求听证的，行政机关应当组织听证：",
};

/// 行政处罚法第三十六条: two years, or five.
pub const LIMITATION: Quote = Quote {
    law: LAW_APL,
    article: 36,
    text: "违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年。法律另有规定的除外。",
};

/// 行政处罚法第三十三条第一款, first sentence.
pub const MINOR_NO_HARM: Quote = Quote {
    law: LAW_APL,
    article: 33,
    text: "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。",
};

/// 行政处罚法第三十三条第一款, second sentence.
pub const FIRST_OFFENCE: Quote = Quote {
    law: LAW_APL,
    article: 33,
    text: "初次违法且危害后果轻微并及时改正的，可以不予行政处罚。",
};

/// 药品管理法第一百二十四条第三款.
pub const SMALL_IMPORT: Quote = Quote {
    law: LAW_DAL,
    article: 124,
    text: "未经批准进口少量境外已合法上市的药品，情节较轻的，可以依法减轻或者免予处罚。",
};

/// 行政处罚法第七十二条第一款第（一）项.
pub const LATE_FEE: Quote = Quote {
    law: LAW_APL,
    article: 72,
    text: "到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额",
};

/// 行政处罚法第三十七条: the law in force on the day.
pub const LAW_IN_FORCE: Quote = Quote {
    law: LAW_APL,
    article: 37,
    text: "实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。但是，作出行政处罚决定时，法律、法规、规章已被修改或者废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定。",
};

/// Every quote, for the test that checks them.
pub const ALL: [Quote; 9] = [
    SEVERAL_NORMS,
    EDUCATE,
    HEARING,
    LIMITATION,
    MINOR_NO_HARM,
    FIRST_OFFENCE,
    SMALL_IMPORT,
    LATE_FEE,
    LAW_IN_FORCE,
];
