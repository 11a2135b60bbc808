//! The address of one field a respondent fills in, in its three forms: the JSON path
//! the engine reports (`$.answers.rows[0].name`), the key a form keeps typed text under
//! (`rows.0.name`), and the element-id suffix a widget gives its control
//! (`rows-0-name`). Paths are built and read here and nowhere else.

/// One field of a submission.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldRef {
    /// A top-level answer: `$.answers.<question>`.
    Answer(String),
    /// A cell of a group: `$.answers.<group>[<row>].<column>`.
    Cell {
        /// The group question.
        group: String,
        /// The row, from 0.
        row: usize,
        /// The column (a question of the group).
        column: String,
    },
    /// A part of an answer that is an object (an attestation's `agreed`, `name`,
    /// `date`): `$.answers.<question>.<part>`.
    Part {
        /// The question.
        question: String,
        /// The part.
        part: String,
    },
    /// A finding, or one of its parts (`explanation`, `measure`, `deadline`, `title`):
    /// `$.findings.<question>[.<part>]`.
    Finding {
        /// The question that raised it.
        question: String,
        /// The part, if the address is of one.
        part: Option<String>,
    },
}

impl FieldRef {
    /// The answer to `question`.
    pub fn answer(question: &str) -> FieldRef {
        FieldRef::Answer(question.to_string())
    }

    /// The cell of `group` at `row`, `column`.
    pub fn cell(group: &str, row: usize, column: &str) -> FieldRef {
        FieldRef::Cell {
            group: group.to_string(),
            row,
            column: column.to_string(),
        }
    }

    /// Part `part` of the answer to `question`.
    pub fn part(question: &str, part: &str) -> FieldRef {
        FieldRef::Part {
            question: question.to_string(),
            part: part.to_string(),
        }
    }

    /// The finding `question` raised, or its part `part`.
    pub fn finding(question: &str, part: Option<&str>) -> FieldRef {
        FieldRef::Finding {
            question: question.to_string(),
            part: part.map(str::to_string),
        }
    }

    /// The JSON path, as errors report it.
    pub fn path(&self) -> String {
        match self {
            FieldRef::Answer(q) => format!("$.answers.{q}"),
            FieldRef::Cell { group, row, column } => format!("$.answers.{group}[{row}].{column}"),
            FieldRef::Part { question, part } => format!("$.answers.{question}.{part}"),
            FieldRef::Finding {
                question,
                part: None,
            } => format!("$.findings.{question}"),
            FieldRef::Finding {
                question,
                part: Some(p),
            } => format!("$.findings.{question}.{p}"),
        }
    }

    /// The field a JSON path points into: `$.answers.q[1]` (an option of a multiple
    /// choice) is the answer `q`; `$.answers.g[0].c[1]` the cell `g`, 0, `c`. `None` for
    /// a path outside the answers and findings.
    pub fn parse(path: &str) -> Option<FieldRef> {
        if let Some(rest) = path.strip_prefix("$.findings.") {
            let (question, part) = match rest.split_once('.') {
                Some((q, p)) => (q, Some(p)),
                None => (rest, None),
            };
            return (!question.is_empty()).then(|| FieldRef::finding(question, part));
        }
        let rest = path.strip_prefix("$.answers.")?;
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        let (question, tail) = rest.split_at(end);
        if question.is_empty() {
            return None;
        }
        if let Some(after) = tail.strip_prefix('[') {
            let (row, cell) = after.split_once(']').unwrap_or((after, ""));
            let column = cell
                .strip_prefix('.')
                .map(|c| c.split(['.', '[']).next().unwrap_or(c));
            return match (row.parse(), column) {
                (Ok(row), Some(column)) if !column.is_empty() => {
                    Some(FieldRef::cell(question, row, column))
                }
                _ => Some(FieldRef::answer(question)),
            };
        }
        match tail.strip_prefix('.') {
            Some(part) if !part.is_empty() => Some(FieldRef::part(question, part)),
            _ => Some(FieldRef::answer(question)),
        }
    }

    /// The key a form keeps typed text under: `q`, `g.0.c`, `q.name`, `q:finding`.
    pub fn key(&self) -> String {
        match self {
            FieldRef::Answer(q) => q.clone(),
            FieldRef::Cell { group, row, column } => format!("{group}.{row}.{column}"),
            FieldRef::Part { question, part } => format!("{question}.{part}"),
            FieldRef::Finding { question, .. } => format!("{question}:finding"),
        }
    }

    /// The field a form key names: `g.0.c` is a cell, `q` an answer.
    pub fn from_key(key: &str) -> FieldRef {
        let mut it = key.splitn(3, '.');
        match (it.next(), it.next().map(str::parse::<usize>), it.next()) {
            (Some(g), Some(Ok(row)), Some(c)) => FieldRef::cell(g, row, c),
            _ => match key.split_once(':') {
                Some((q, "finding")) => FieldRef::finding(q, None),
                _ => FieldRef::answer(key),
            },
        }
    }

    /// The element-id suffix of the control: `q`, `g-0-c`, `q-name`, `q-measure`.
    pub fn dom_suffix(&self) -> String {
        match self {
            FieldRef::Answer(q) => q.clone(),
            FieldRef::Cell { group, row, column } => format!("{group}-{row}-{column}"),
            FieldRef::Part { question, part } => format!("{question}-{part}"),
            FieldRef::Finding {
                question,
                part: None,
            } => question.clone(),
            FieldRef::Finding {
                question,
                part: Some(p),
            } => format!("{question}-{p}"),
        }
    }

    /// The top-level question the field belongs to.
    pub fn question(&self) -> &str {
        match self {
            FieldRef::Answer(q) => q,
            FieldRef::Cell { group, .. } => group,
            FieldRef::Part { question, .. } | FieldRef::Finding { question, .. } => question,
        }
    }

    /// Whether the field is (part of) a finding.
    pub fn is_finding(&self) -> bool {
        matches!(self, FieldRef::Finding { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::FieldRef;

    #[test]
    fn every_form_reads_back_to_the_same_field() {
        for f in [
            FieldRef::answer("name"),
            FieldRef::cell("activities", 2, "institution"),
            FieldRef::part("attestation", "date"),
            FieldRef::finding("b_sales", Some("measure")),
            FieldRef::finding("b_sales", None),
        ] {
            assert_eq!(FieldRef::parse(&f.path()), Some(f.clone()), "{}", f.path());
        }
        let cell = FieldRef::cell("g", 0, "c");
        assert_eq!(cell.path(), "$.answers.g[0].c");
        assert_eq!(cell.key(), "g.0.c");
        assert_eq!(cell.dom_suffix(), "g-0-c");
        assert_eq!(FieldRef::from_key("g.0.c"), cell);
        assert_eq!(FieldRef::from_key("q"), FieldRef::answer("q"));
        assert_eq!(
            FieldRef::from_key("q:finding"),
            FieldRef::finding("q", None)
        );
    }

    #[test]
    fn deeper_paths_belong_to_their_field() {
        assert_eq!(
            FieldRef::parse("$.answers.q[1]"),
            Some(FieldRef::answer("q"))
        );
        assert_eq!(
            FieldRef::parse("$.answers.g[0].c[3]"),
            Some(FieldRef::cell("g", 0, "c"))
        );
        assert_eq!(FieldRef::parse("$.template.id"), None);
        assert_eq!(FieldRef::parse("$.answers."), None);
        assert_eq!(FieldRef::parse("$.answers.q").unwrap().question(), "q");
        assert!(FieldRef::parse("$.findings.q.deadline")
            .unwrap()
            .is_finding());
    }
}
