//! XLSForm's expressions, within the engine's condition language, both ways:
//!
//! | spreadsheet | condition |
//! |---|---|
//! | `${q} = 'v'`, `selected(${q}, 'v')` | `equals` (a yes/no question: `'yes'`/`'no'`, 是/否 → true/false) |
//! | `${q} != 'v'` | `not equals` |
//! | `${q} != ''` / `${q} = ''` | `answered` / `not answered` |
//! | `${q} = 'a' or ${q} = 'b'` | `one_of` (a bare chain of equalities on one question) |
//! | `not(…)`, `… and …`, `… or …`, `( … )` | `not`, `and`, `or` (`and` binds tighter) |
//!
//! A parenthesised operand stays one operand, so what the writer prints reads back as
//! the same condition. Full-width brackets, commas and curly quotes, which a Chinese
//! input method types, read as their ASCII forms.

use crate::expr::Expr;
use crate::form::Kind;
use serde_json::{json, Value};

/// Deepest nesting of brackets read (the engine refuses deeper conditions anyway).
const MAX_NESTING: usize = crate::expr::MAX_DEPTH;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token {
    Ref(String),
    Str(String),
    Num(String),
    Word(String),
    Open,
    Close,
    Comma,
    Dot,
    Op(&'static str),
}

impl Token {
    fn text(&self) -> String {
        match self {
            Token::Ref(q) => format!("${{{q}}}"),
            Token::Str(s) => format!("'{s}'"),
            Token::Num(s) | Token::Word(s) => s.clone(),
            Token::Open => "(".into(),
            Token::Close => ")".into(),
            Token::Comma => ",".into(),
            Token::Dot => ".".into(),
            Token::Op(o) => (*o).into(),
        }
    }
}

/// Why an expression could not be read: the code (`xlsform.<code>`) and the text near it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SyntaxError {
    pub code: &'static str,
    pub near: String,
    /// What was expected (`xlsform.expected`).
    pub want: String,
}

pub(super) fn syntax(code: &'static str, near: impl Into<String>) -> SyntaxError {
    SyntaxError {
        code,
        near: near.into(),
        want: String::new(),
    }
}

fn ascii(c: char) -> char {
    match c {
        '（' => '(',
        '）' => ')',
        '，' => ',',
        '＝' => '=',
        '！' => '!',
        '＜' => '<',
        '＞' => '>',
        '‘' | '’' => '\'',
        '“' | '”' => '"',
        _ => c,
    }
}

/// Splits an expression into tokens.
pub(super) fn tokens(src: &str) -> Result<Vec<Token>, SyntaxError> {
    let chars: Vec<char> = src.chars().map(ascii).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let rest: String = chars[i..].iter().take(12).collect();
        match c {
            c if c.is_whitespace() => i += 1,
            '$' if chars.get(i + 1) == Some(&'{') => {
                let end = chars[i..].iter().position(|&c| c == '}');
                let end = end.ok_or_else(|| syntax("unclosed_ref", rest.clone()))? + i;
                out.push(Token::Ref(
                    chars[i + 2..end].iter().collect::<String>().trim().into(),
                ));
                i = end + 1;
            }
            '\'' | '"' => {
                let end = chars[i + 1..].iter().position(|&d| d == c);
                let end = end.ok_or_else(|| syntax("unclosed_string", rest.clone()))? + i + 1;
                out.push(Token::Str(chars[i + 1..end].iter().collect()));
                i = end + 1;
            }
            '(' | ')' | ',' => {
                out.push(match c {
                    '(' => Token::Open,
                    ')' => Token::Close,
                    _ => Token::Comma,
                });
                i += 1;
            }
            '!' | '<' | '>' | '=' => {
                let two = chars.get(i + 1) == Some(&'=');
                let op = match (c, two) {
                    ('!', true) => "!=",
                    ('<', true) => "<=",
                    ('>', true) => ">=",
                    ('<', false) => "<",
                    ('>', false) => ">",
                    ('=', _) => "=",
                    _ => return Err(syntax("unexpected", rest)),
                };
                out.push(Token::Op(op));
                i += if two && c != '=' { 2 } else { 1 };
            }
            '.' if !chars.get(i + 1).is_some_and(char::is_ascii_digit) => {
                out.push(Token::Dot);
                i += 1;
            }
            c if c.is_ascii_digit() || c == '-' || c == '.' => {
                let len = chars[i + 1..]
                    .iter()
                    .take_while(|d| d.is_ascii_digit() || **d == '.')
                    .count();
                out.push(Token::Num(chars[i..=i + len].iter().collect()));
                i += len + 1;
            }
            c if c.is_alphabetic() => {
                let len = chars[i..]
                    .iter()
                    .take_while(|d| d.is_alphanumeric() || **d == '-' || **d == '_' || **d == ':')
                    .count();
                out.push(Token::Word(chars[i..i + len].iter().collect()));
                i += len;
            }
            _ => return Err(syntax("unexpected", rest)),
        }
    }
    Ok(out)
}

/// A cursor over tokens, shared by the condition and constraint readers.
pub(super) struct Cursor {
    toks: Vec<Token>,
    at: usize,
    depth: usize,
}

impl Cursor {
    pub(super) fn new(src: &str) -> Result<Cursor, SyntaxError> {
        Ok(Cursor {
            toks: tokens(src)?,
            at: 0,
            depth: 0,
        })
    }

    pub(super) fn peek(&self) -> Option<&Token> {
        self.toks.get(self.at)
    }

    pub(super) fn next(&mut self) -> Option<Token> {
        let t = self.toks.get(self.at).cloned();
        self.at += 1;
        t
    }

    /// The text from the current token on, for messages.
    pub(super) fn near(&self) -> String {
        let rest: Vec<String> = self
            .toks
            .iter()
            .skip(self.at)
            .take(4)
            .map(Token::text)
            .collect();
        if rest.is_empty() {
            "…".into()
        } else {
            rest.join(" ")
        }
    }

    pub(super) fn expect(&mut self, t: Token) -> Result<(), SyntaxError> {
        if self.peek() == Some(&t) {
            self.at += 1;
            Ok(())
        } else {
            Err(SyntaxError {
                want: t.text(),
                ..syntax("expected", self.near())
            })
        }
    }

    pub(super) fn word(&mut self, w: &str) -> bool {
        if matches!(self.peek(), Some(Token::Word(x)) if x == w) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    pub(super) fn done(&self) -> Result<(), SyntaxError> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(syntax("unexpected", self.near())),
        }
    }
}

/// Reads a condition; `kind_of` names the kind of a question (for yes/no answers).
pub(super) fn read(
    src: &str,
    kind_of: &dyn Fn(&str) -> Option<Kind>,
) -> Result<Value, SyntaxError> {
    let mut c = Cursor::new(src)?;
    if c.peek().is_none() {
        return Err(syntax("empty", ""));
    }
    let reader = Reader { kind_of };
    let (e, _) = reader.or(&mut c)?;
    c.done()?;
    Ok(e)
}

struct Reader<'a> {
    kind_of: &'a dyn Fn(&str) -> Option<Kind>,
}

/// An operand and whether it was a bare comparison (not bracketed, not a `not`).
type Operand = (Value, bool);

impl Reader<'_> {
    fn or(&self, c: &mut Cursor) -> Result<Operand, SyntaxError> {
        let mut items = vec![self.and(c)?];
        while c.word("or") {
            items.push(self.and(c)?);
        }
        if items.len() == 1 {
            return Ok(items.pop().expect("one operand"));
        }
        if let Some(one_of) = one_of(&items) {
            return Ok((one_of, false));
        }
        Ok((
            json!({ "or": items.into_iter().map(|i| i.0).collect::<Vec<_>>() }),
            false,
        ))
    }

    fn and(&self, c: &mut Cursor) -> Result<Operand, SyntaxError> {
        let mut items = vec![self.unary(c)?];
        while c.word("and") {
            items.push(self.unary(c)?);
        }
        if items.len() == 1 {
            return Ok(items.pop().expect("one operand"));
        }
        Ok((
            json!({ "and": items.into_iter().map(|i| i.0).collect::<Vec<_>>() }),
            false,
        ))
    }

    fn unary(&self, c: &mut Cursor) -> Result<Operand, SyntaxError> {
        c.depth += 1;
        if c.depth > MAX_NESTING {
            return Err(syntax("too_deep", c.near()));
        }
        let out = self.unary_inner(c);
        c.depth -= 1;
        out
    }

    fn unary_inner(&self, c: &mut Cursor) -> Result<Operand, SyntaxError> {
        match c.peek().cloned() {
            Some(Token::Open) => {
                c.next();
                let (e, _) = self.or(c)?;
                c.expect(Token::Close)?;
                Ok((e, false))
            }
            Some(Token::Word(w)) if w == "not" => {
                c.next();
                c.expect(Token::Open)?;
                let (e, _) = self.or(c)?;
                c.expect(Token::Close)?;
                Ok((json!({ "not": e }), false))
            }
            Some(Token::Word(w)) if w == "selected" => {
                c.next();
                c.expect(Token::Open)?;
                let q = self.reference(c)?;
                c.expect(Token::Comma)?;
                let v = self.value(c, &q)?;
                c.expect(Token::Close)?;
                Ok((json!({ "equals": [q, v] }), true))
            }
            Some(Token::Ref(_)) => self.comparison(c),
            _ => Err(syntax("unexpected", c.near())),
        }
    }

    fn reference(&self, c: &mut Cursor) -> Result<String, SyntaxError> {
        match c.next() {
            Some(Token::Ref(q)) => Ok(q),
            _ => {
                c.at -= 1;
                Err(syntax("expected_ref", c.near()))
            }
        }
    }

    fn comparison(&self, c: &mut Cursor) -> Result<Operand, SyntaxError> {
        let q = self.reference(c)?;
        let op = match c.next() {
            Some(Token::Op(op)) if op == "=" || op == "!=" => op,
            Some(Token::Op(_)) => {
                c.at -= 1;
                return Err(syntax("comparison", c.near()));
            }
            _ => {
                c.at -= 1;
                return Err(SyntaxError {
                    want: "=".into(),
                    ..syntax("expected", c.near())
                });
            }
        };
        if matches!(c.peek(), Some(Token::Str(s)) if s.is_empty()) {
            c.next();
            let answered = json!({ "answered": q });
            return Ok(match op {
                "!=" => (answered, true),
                _ => (json!({ "not": answered }), true),
            });
        }
        let v = self.value(c, &q)?;
        let equals = json!({ "equals": [q, v] });
        Ok(match op {
            "!=" => (json!({ "not": equals }), true),
            _ => (equals, true),
        })
    }

    /// A value compared with question `q`'s answer.
    fn value(&self, c: &mut Cursor, q: &str) -> Result<Value, SyntaxError> {
        let yes_no = (self.kind_of)(q) == Some(Kind::YesNo);
        let v = match c.next() {
            Some(Token::Str(s)) if yes_no => match yes_no_value(&s) {
                Some(b) => Value::Bool(b),
                None => return Err(syntax("yes_no_value", format!("'{s}'"))),
            },
            Some(Token::Str(s)) => Value::String(s),
            Some(Token::Num(n)) => match serde_json::from_str::<serde_json::Number>(&n) {
                Ok(n) => Value::Number(n),
                Err(_) => return Err(syntax("unexpected", n)),
            },
            Some(Token::Word(w)) if w == "true" || w == "false" => {
                c.expect(Token::Open)?;
                c.expect(Token::Close)?;
                Value::Bool(w == "true")
            }
            _ => {
                c.at -= 1;
                return Err(syntax("expected_value", c.near()));
            }
        };
        Ok(v)
    }
}

/// `yes`/`no` (also true/false, 1/0, 是/否) as the answer of a yes/no question.
pub(super) fn yes_no_value(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "yes" | "true" | "1" | "是" | "y" => Some(true),
        "no" | "false" | "0" | "否" | "n" => Some(false),
        _ => None,
    }
}

/// A bare chain of equalities on one question, read as `one_of`.
fn one_of(items: &[Operand]) -> Option<Value> {
    let mut question: Option<&Value> = None;
    let mut values = Vec::new();
    for (v, bare) in items {
        let pair = v
            .get("equals")
            .and_then(Value::as_array)
            .filter(|_| *bare)?;
        if question.is_some_and(|q| q != &pair[0]) {
            return None;
        }
        question = Some(&pair[0]);
        values.push(pair[1].clone());
    }
    Some(json!({ "one_of": [question?, values] }))
}

/// What in a condition the spreadsheet's syntax cannot write: a value holding both
/// kinds of quote or of a JSON type no expression writes, or an empty `and`/`or`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct WriteError(pub String);

/// Writes a condition as the reader reads it back.
pub(super) fn write(
    e: &Expr,
    kind_of: &dyn Fn(&str) -> Option<Kind>,
) -> Result<String, WriteError> {
    Ok(match e {
        Expr::Equals(q, v) if kind_of(q) == Some(Kind::MultipleChoice) => {
            format!("selected(${{{q}}}, {})", value(v, kind_of(q))?)
        }
        Expr::Equals(q, v) => format!("${{{q}}} = {}", value(v, kind_of(q))?),
        Expr::Answered(q) => format!("${{{q}}} != ''"),
        Expr::Not(inner) => match inner.as_ref() {
            Expr::Answered(q) => format!("${{{q}}} = ''"),
            Expr::Equals(q, v) if kind_of(q) != Some(Kind::MultipleChoice) => {
                format!("${{{q}}} != {}", value(v, kind_of(q))?)
            }
            other => format!("not({})", write(other, kind_of)?),
        },
        Expr::OneOf(q, vs) => {
            let one = |v: &Value| write(&Expr::Equals(q.clone(), v.clone()), kind_of);
            vs.iter()
                .map(one)
                .collect::<Result<Vec<_>, _>>()?
                .join(" or ")
        }
        Expr::And(es) | Expr::Or(es) if es.is_empty() => {
            return Err(WriteError(e.to_json().to_string()))
        }
        Expr::And(es) => operands(es, " and ", kind_of)?,
        Expr::Or(es) => operands(es, " or ", kind_of)?,
    })
}

fn operands(
    es: &[Expr],
    sep: &str,
    kind_of: &dyn Fn(&str) -> Option<Kind>,
) -> Result<String, WriteError> {
    // Equalities on one question, bare, would read back as `one_of`: bracket them.
    let first = es.first().and_then(|e| match e {
        Expr::Equals(q, _) => Some(q),
        _ => None,
    });
    let same_question = |e: &Expr| matches!(e, Expr::Equals(q, _) if Some(q) == first);
    let bracket_equalities = sep == " or " && es.len() > 1 && es.iter().all(same_question);
    let one = |e: &Expr| -> Result<String, WriteError> {
        let s = write(e, kind_of)?;
        Ok(match e {
            Expr::And(_) | Expr::Or(_) | Expr::OneOf(..) => format!("({s})"),
            Expr::Equals(..) if bracket_equalities => format!("({s})"),
            _ => s,
        })
    };
    Ok(es.iter().map(one).collect::<Result<Vec<_>, _>>()?.join(sep))
}

/// A value as an expression writes it.
fn value(v: &Value, kind: Option<Kind>) -> Result<String, WriteError> {
    match v {
        Value::Bool(b) if kind == Some(Kind::YesNo) => Ok(if *b { "'yes'" } else { "'no'" }.into()),
        Value::Bool(b) => Ok(format!("{b}()")),
        Value::Number(n) => Ok(n.to_string()),
        Value::String(s) => quote(s).ok_or_else(|| WriteError(s.clone())),
        other => Err(WriteError(other.to_string())),
    }
}

/// `'s'`, or `"s"` when it holds an apostrophe; none when it holds both quotes.
pub(super) fn quote(s: &str) -> Option<String> {
    if !s.contains('\'') {
        Some(format!("'{s}'"))
    } else if !s.contains('"') {
        Some(format!("\"{s}\""))
    } else {
        None
    }
}
