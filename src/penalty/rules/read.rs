//! The readers of the penalty data (the rule table, the circumstances, the benchmark),
//! field by field ([`crate::json::read`]): the documents' one reader, natively and in a
//! widget's wasm. What each file must hold beyond its shape is checked by its caller.

use super::*;
use crate::json::read::{self as r, date, list, one_of, Object, Read};
use crate::sorted::SortedMap;
use serde_json::Value;

const FINE_KINDS: [(&str, FineKind); 3] = [
    ("multiple", FineKind::Multiple),
    ("fixed", FineKind::Fixed),
    ("up_to", FineKind::UpTo),
];

const GROUPS: [(&str, Group); 5] = [
    ("aggravating", Group::Aggravating),
    ("mitigating", Group::Mitigating),
    ("exempting", Group::Exempting),
    ("condition", Group::Condition),
    ("limitation", Group::Limitation),
];

/// An amount in yuan, written as text (`"1.50"`).
pub fn fen(v: &Value, path: &str) -> Read<Fen> {
    let text = r::string(v, path)?;
    crate::money::parse_yuan(&text).map_err(|e| r::detail(path, e.code().to_string()))
}

fn base(v: &Value, path: &str) -> Read<Base> {
    let names = [
        ("goods_value", Base::GoodsValue),
        ("illegal_income", Base::IllegalIncome),
        ("income", Base::Income),
        ("unit_income", Base::UnitIncome),
    ];
    one_of(v, path, &names)
}

fn channel(v: &Value, path: &str) -> Read<Channel> {
    let names = [
        ("production", Channel::Production),
        ("wholesale", Channel::Wholesale),
        ("retail", Channel::Retail),
    ];
    one_of(v, path, &names)
}

fn floor_by_channel(v: &Value, path: &str) -> Read<SortedMap<Channel, Fen>> {
    let mut out = SortedMap::new();
    for (k, v, path) in Object::of(v, path)?.fields() {
        out.insert(
            channel(&Value::String(k.to_string()), &path)?,
            fen(v, &path)?,
        );
    }
    Ok(out)
}

fn fine(v: &Value, path: &str) -> Read<Fine> {
    let o = Object::of(v, path)?;
    Ok(Fine {
        kind: o.field("kind", |v, p| one_of(v, p, &FINE_KINDS))?,
        base: o.optional("base", base)?,
        min_pct: o.optional("min_pct", r::i64)?,
        max_pct: o.optional("max_pct", r::i64)?,
        min: o.optional("min", fen)?,
        max: o.optional("max", fen)?,
        floor: o.optional("floor", fen)?,
        floor_by_channel: o.optional("floor_by_channel", floor_by_channel)?,
        discretionary: o.or_default("discretionary", r::boolean)?,
        source: o.field("source", r::string)?,
    })
}

fn sanction(v: &Value, path: &str) -> Read<Sanction> {
    let o = Object::of(v, path)?;
    Ok(Sanction {
        kind: o.field("kind", r::string)?,
        text: o.field("text", r::string)?,
        article: o.optional("article", r::u32)?,
        paragraph: o.optional("paragraph", r::u32)?,
    })
}

fn sanctions(v: &Value, path: &str) -> Read<Vec<Sanction>> {
    list(v, path, sanction)
}

fn individual(v: &Value, path: &str) -> Read<Individual> {
    let o = Object::of(v, path)?;
    Ok(Individual {
        article: o.field("article", r::u32)?,
        paragraph: o.field("paragraph", r::u32)?,
        who: o.field("who", r::string)?,
        fine: o.optional("fine", fine)?,
        sanctions: o.or_default("sanctions", sanctions)?,
        source: o.field("source", r::string)?,
    })
}

fn serious(v: &Value, path: &str) -> Read<Serious> {
    let o = Object::of(v, path)?;
    Ok(Serious {
        fine: o.optional("fine", fine)?,
        sanctions: o.or_default("sanctions", sanctions)?,
        individual: o.optional("individual", individual)?,
    })
}

fn rule(v: &Value, path: &str) -> Read<Rule> {
    let o = Object::of(v, path)?;
    Ok(Rule {
        id: o.field("id", r::string)?,
        article: o.field("article", r::u32)?,
        paragraph: o.field("paragraph", r::u32)?,
        item: o.optional("item", r::u32)?,
        title: o.field("title", r::string)?,
        keywords: o.or_default("keywords", r::strings)?,
        text: o.field("text", r::string)?,
        item_text: o.optional("item_text", r::string)?,
        enforcer: o.field("enforcer", r::string)?,
        order: o.optional("order", r::string)?,
        warning: o.field("warning", r::boolean)?,
        fine: o.optional("fine", fine)?,
        fine_requires_deadline_missed: o.or_default("fine_requires_deadline_missed", r::boolean)?,
        sanctions: o.or_default("sanctions", sanctions)?,
        deadline_missed_sanctions: o.or_default("deadline_missed_sanctions", sanctions)?,
        serious: o.optional("serious", serious)?,
        individual: o.optional("individual", individual)?,
        see_also: o.or_default("see_also", |v, p| list(v, p, r::u32))?,
        notes: o.or_default("notes", r::strings)?,
    })
}

fn law_ref(v: &Value, path: &str) -> Read<LawRef> {
    let o = Object::of(v, path)?;
    Ok(LawRef {
        id: o.field("id", r::string)?,
        title: o.field("title", r::string)?,
        edition: o.field("edition", r::string)?,
        effective_from: o.field("effective_from", date)?,
        effective_to: o.optional("effective_to", date)?,
    })
}

/// A rule table's shape (`yaojian/penalty-rules/1`).
pub fn rule_table(v: &Value, path: &str) -> Read<RuleTable> {
    let o = Object::of(v, path)?;
    Ok(RuleTable {
        schema: o.field("schema", r::string)?,
        law: o.field("law", law_ref)?,
        rules: o.field("rules", |v, p| list(v, p, rule))?,
    })
}

fn circumstance(v: &Value, path: &str) -> Read<Circumstance> {
    let o = Object::of(v, path)?;
    Ok(Circumstance {
        id: o.field("id", r::string)?,
        group: o.field("group", |v, p| one_of(v, p, &GROUPS))?,
        law: o.field("law", r::string)?,
        article: o.field("article", r::u32)?,
        paragraph: o.optional("paragraph", r::u32)?,
        item: o.optional("item", r::u32)?,
        text: o.field("text", r::string)?,
        label: o.field("label", r::string_map)?,
    })
}

/// A circumstances catalog's shape (`yaojian/penalty-circumstances/1`).
pub fn circumstances(v: &Value, path: &str) -> Read<Circumstances> {
    let o = Object::of(v, path)?;
    Ok(Circumstances {
        schema: o.field("schema", r::string)?,
        circumstances: o.field("circumstances", |v, p| list(v, p, circumstance))?,
    })
}

fn band(v: &Value, path: &str) -> Read<BandSpec> {
    let o = Object::of(v, path)?;
    Ok(BandSpec {
        id: o.field("id", r::string)?,
        weight: o.field("weight", r::u32)?,
    })
}

fn party_amounts(v: &Value, path: &str) -> Read<PartyAmounts> {
    let o = Object::of(v, path)?;
    o.only(&["organisation", "individual"])?;
    Ok(PartyAmounts {
        organisation: o.field("organisation", fen)?,
        individual: o.field("individual", fen)?,
    })
}

fn hearing_threshold(v: &Value, path: &str) -> Read<HearingThreshold> {
    let o = Object::of(v, path)?;
    Ok(HearingThreshold {
        organisation: o.field("organisation", fen)?,
        individual: o.field("individual", fen)?,
        confiscation: o.optional("confiscation", party_amounts)?,
    })
}

fn no_penalty_item(v: &Value, path: &str) -> Read<NoPenaltyItem> {
    let o = Object::of(v, path)?;
    Ok(NoPenaltyItem {
        id: o.field("id", r::string)?,
        name: o.field("name", r::string)?,
        rules: o.field("rules", r::strings)?,
        kind: o.field("kind", r::string)?,
        basis: o.field("basis", r::string)?,
        conditions: o.field("conditions", r::strings)?,
    })
}

fn no_penalty_list(v: &Value, path: &str) -> Read<NoPenaltyList> {
    let o = Object::of(v, path)?;
    Ok(NoPenaltyList {
        title: o.field("title", r::string_map)?,
        sample: o.or_default("sample", r::boolean)?,
        items: o.field("items", |v, p| list(v, p, no_penalty_item))?,
    })
}

/// A benchmark's shape (`yaojian/penalty-benchmark/1`).
pub fn benchmark(v: &Value, path: &str) -> Read<Benchmark> {
    let o = Object::of(v, path)?;
    Ok(Benchmark {
        schema: o.field("schema", r::string)?,
        id: o.field("id", r::string)?,
        title: o.field("title", r::string_map)?,
        is_default: o.or_default("is_default", r::boolean)?,
        note: o.or_default("note", r::string_map)?,
        document: o.optional("document", r::string)?,
        effective_from: o.optional("effective_from", date)?,
        effective_to: o.optional("effective_to", date)?,
        bands: o.field("bands", |v, p| list(v, p, band))?,
        conflict_band: o.field("conflict_band", r::string)?,
        reduced_floor_pct: o.field("reduced_floor_pct", r::i64)?,
        rounding_fen: o.field("rounding_fen", r::i64)?,
        hearing_threshold: o.field("hearing_threshold", hearing_threshold)?,
        first_offence_years: o
            .optional_present("first_offence_years", r::u32)?
            .unwrap_or(5),
        no_penalty_list: o.optional("no_penalty_list", no_penalty_list)?,
    })
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use super::*;

    fn written<T: serde::Serialize>(x: &T) -> Value {
        serde_json::to_value(x).unwrap()
    }

    /// Every field written is read back under the same name: what the engine writes
    /// (the CLI's output, a widget's event) reads as it was.
    #[test]
    fn what_is_written_reads_back_the_same() {
        let table = crate::penalty::rule_table();
        assert_eq!(&rule_table(&written(table), "$").unwrap(), table);
        let list = crate::penalty::circumstances();
        assert_eq!(&circumstances(&written(list), "$").unwrap(), list);
        let bench = crate::penalty::default_benchmark();
        assert_eq!(&benchmark(&written(bench), "$").unwrap(), bench);
    }
}
