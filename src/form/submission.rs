//! The submission document (`yaojian/submission/1`): building it from a finished form
//! ([`submit`]), checking one that comes from outside ([`check_submission`]) against
//! the template and the validator's own clock, and its receipt reference: a content
//! hash anyone can compute ([`reference()`]) or one keyed with a server's secret
//! ([`keyed_reference`]).

use super::answers::{
    normalise_identifiers, parse_cst_timestamp, submittable, validate, Answers, Findings,
    SUBMISSION_SCHEMA,
};
use super::field::FieldRef;
use super::template::Template;
use crate::date::{cst_date_from_unix_millis, cst_timestamp, format_date, Date};
use crate::error::FieldError;
use crate::i18n::pick;
use crate::json::parse_document;
use crate::Lang;
use serde::Serialize;
use serde_json::Value;

/// The template a submission answers: its id and version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateRef {
    pub id: String,
    pub version: String,
}

/// What the form emits on submit and the server re-validates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Submission {
    pub schema: String,
    pub template: TemplateRef,
    /// Receipt reference, e.g. `ZC20261122-3F9A01C2`: derived from the content. Read
    /// as empty when missing, which only [`check_received_submission`] accepts.
    pub reference: String,
    /// The host's key for this respondent (the same key the draft is stored under).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// When the draft was started, `YYYY-MM-DDTHH:MM:SS+08:00`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    pub submitted_at: String,
    pub answers: Answers,
    pub findings: Findings,
}

impl Submission {
    /// Reads a submission document's shape, before its checks; every problem with its
    /// JSON path under `path`.
    pub fn read(v: &Value, path: &str) -> crate::json::read::Read<Submission> {
        use crate::json::read::{string, Object};
        let o = Object::of(v, path)?;
        let known = [
            "schema",
            "template",
            "reference",
            "key",
            "started_at",
            "submitted_at",
            "answers",
            "findings",
        ];
        o.only(&known)?;
        Ok(Submission {
            schema: o.field("schema", string)?,
            template: o.field("template", |v, path| {
                let t = Object::of(v, path)?;
                t.only(&["id", "version"])?;
                Ok(TemplateRef {
                    id: t.field("id", string)?,
                    version: t.field("version", string)?,
                })
            })?,
            reference: o.or_default("reference", string)?,
            key: o.optional("key", string)?,
            started_at: o.optional("started_at", string)?,
            submitted_at: o.field("submitted_at", string)?,
            answers: o.field("answers", crate::json::read::object)?,
            findings: o.or_default("findings", super::answers::read_findings)?,
        })
    }
}

/// The receipt reference: `ZC` + the submission date + 8 hex digits of a FNV-1a hash of
/// the template, key, time, answers and findings (explanation, measure, deadline).
/// The same content always gives the same reference; any change gives another. Anyone
/// can compute it: it shows a receipt matches its content, not who issued it (a server
/// issues [`keyed_reference`]s).
pub fn reference(s: &Submission) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in reference_text(s).bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let folded = (h >> 32) ^ (h & 0xffff_ffff);
    format!("ZC{}-{folded:08X}", reference_date(s))
}

/// `YYYYMMDD` of the submission day, as references show it.
fn reference_date(s: &Submission) -> String {
    s.submitted_at.get(..10).unwrap_or("").replace('-', "")
}

/// What a reference covers, in one canonical text.
fn reference_text(s: &Submission) -> String {
    let mut text = String::new();
    for part in [&s.template.id, &s.template.version, &s.submitted_at] {
        text.push_str(part);
        text.push('\u{1f}');
    }
    text.push_str(s.key.as_deref().unwrap_or(""));
    text.push('\u{1f}');
    text.push_str(&crate::json::canonical_text(&Value::Object(
        s.answers.clone(),
    )));
    for (q, f) in &s.findings {
        for part in [q, &f.explanation, &f.measure, &f.deadline] {
            text.push('\u{1f}');
            text.push_str(part);
        }
    }
    text
}

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// The keyed MAC of a submission's content (what [`reference()`] hashes) under `secret`.
fn content_mac(s: &Submission, secret: &[u8]) -> HmacSha256 {
    use hmac::Mac;
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(reference_text(s).as_bytes());
    // The keyed reference also covers when the draft was started.
    mac.update(b"\x1f");
    mac.update(s.started_at.as_deref().unwrap_or("").as_bytes());
    mac
}

/// The reference a server issues: `ZC` + the submission date + 16 hex digits of an
/// HMAC-SHA256 of the content under the server's `secret`. Unlike [`reference()`], nobody
/// without the secret can compute it, so a receipt shown to a bureau can be verified
/// ([`verify_keyed_reference`]) and cannot be forged.
pub fn keyed_reference(s: &Submission, secret: &[u8]) -> String {
    use hmac::Mac;
    let tag = content_mac(s, secret).finalize().into_bytes();
    let hex: String = tag[..8].iter().map(|b| format!("{b:02X}")).collect();
    format!("ZC{}-{hex}", reference_date(s))
}

/// The hex digits of a reference in exactly the form [`keyed_reference`] writes: `ZC`,
/// the submission day, `-`, 16 upper-case hex digits.
fn keyed_hex(s: &Submission) -> Option<&str> {
    let hex = s
        .reference
        .strip_prefix(&format!("ZC{}-", reference_date(s)))?;
    let upper_hex = |b: u8| b.is_ascii_digit() || (b'A'..=b'F').contains(&b);
    (hex.len() == 16 && hex.bytes().all(upper_hex)).then_some(hex)
}

/// Whether `s.reference` is the one [`keyed_reference`] gives under `secret` (compared
/// in constant time).
pub fn verify_keyed_reference(s: &Submission, secret: &[u8]) -> bool {
    use hmac::Mac;
    let Some(hex) = keyed_hex(s) else {
        return false;
    };
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect();
    match bytes {
        Some(b) if b.len() == 8 && hex.len() == 16 => {
            content_mac(s, secret).verify_truncated_left(&b).is_ok()
        }
        _ => false,
    }
}

/// Builds the submission at `now_millis`: hidden answers dropped, findings limited to
/// those raised and labelled from the template, everything validated. On error nothing
/// is submitted and the errors say what to fix.
pub fn submit(
    t: &Template,
    answers: &Answers,
    findings: &Findings,
    key: Option<&str>,
    started_at: Option<&str>,
    now_millis: i64,
    lang: Lang,
) -> Result<Submission, crate::Errors> {
    let (mut answers, mut out) = submittable(t, answers, findings);
    normalise_identifiers(t, &mut answers);
    for (q, f) in out.iter_mut() {
        let spec = t.question(q).and_then(|q| q.finding.as_ref());
        f.severity = spec.map(|s| s.severity);
        f.title = spec.map(|s| pick(&s.title, lang));
        f.explanation = f.explanation.trim().to_string();
        f.measure = f.measure.trim().to_string();
        f.deadline = f.deadline.trim().to_string();
    }
    let today = cst_date_from_unix_millis(now_millis);
    let errs = validate(t, &answers, &out, today);
    if !errs.is_empty() {
        return Err(errs.into());
    }
    let mut s = Submission {
        schema: SUBMISSION_SCHEMA.to_string(),
        template: TemplateRef {
            id: t.id.clone(),
            version: t.version.clone(),
        },
        reference: String::new(),
        key: key.filter(|k| !k.is_empty()).map(str::to_string),
        // Without a start (a form filled in one go), it started when it was submitted.
        started_at: Some(started_at.map_or_else(|| cst_timestamp(now_millis), str::to_string)),
        submitted_at: cst_timestamp(now_millis),
        answers,
        findings: out,
    };
    s.reference = reference(&s);
    Ok(s)
}

/// Reads and checks a submission against its template, as `yaojian form validate`
/// does; see [`check_submission`]. `today` is the validator's own day (UTC+8), never
/// one the submission brings.
pub fn parse_submission(t: &Template, src: &str, today: Date) -> Result<Submission, crate::Errors> {
    let v = parse_document(src, "$")?;
    check_submission(t, v, today)
}

/// Checks a submission against its template: schema, template id and version, both
/// timestamps (`started_at` no later than `submitted_at`, and `submitted_at` no later
/// than the validator's `today`), the answers and findings with [`validate`] as of the
/// day of submission, each finding's severity and title against the template (the
/// returned submission carries the template's), then the content reference.
pub fn check_submission(t: &Template, v: Value, today: Date) -> Result<Submission, crate::Errors> {
    check_with(t, v, today, &content_matches).map(|(s, _)| s)
}

/// [`check_submission`] for a submission whose reference the holder of `secret` issued
/// ([`keyed_reference`]): the reference must be the keyed one.
pub fn check_issued_submission(
    t: &Template,
    v: Value,
    today: Date,
    secret: &[u8],
) -> Result<Submission, crate::Errors> {
    let keyed =
        |s: &mut Submission| verify_keyed_reference(s, secret).then_some(ReferenceStatus::Matches);
    check_with(t, v, today, &keyed).map(|(s, _)| s)
}

/// What a held submission's reference is, once checked ([`check_held_submission`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceStatus {
    /// The content reference, recomputed and equal: the content is as it was filed.
    Matches,
    /// A reference a server issued under its secret ([`keyed_reference`]): it has the
    /// keyed form, but only that server can check it.
    IssuedByServer,
}

/// Whether the reference is the content reference anyone can compute.
fn content_matches(s: &mut Submission) -> Option<ReferenceStatus> {
    (s.reference == reference(s)).then_some(ReferenceStatus::Matches)
}

/// Checks everything but the reference, then the reference with `reference_status`
/// (`None`: it is not the one it must be). Each caller passes its own check, so a
/// widget, which never holds a server's secret, carries no HMAC code.
fn check_with(
    t: &Template,
    v: Value,
    today: Date,
    reference_status: &dyn Fn(&mut Submission) -> Option<ReferenceStatus>,
) -> Result<(Submission, ReferenceStatus), crate::Errors> {
    let mut s = Submission::read(&v, "$")?;
    let mut errs = envelope_errors(t, &s, today);
    if !errs.is_empty() {
        return Err(errs.into());
    }
    let submitted = parse_cst_timestamp(&s.submitted_at).unwrap_or(today);
    errs = validate(t, &s.answers, &s.findings, submitted);
    errs.extend(take_finding_labels(t, &mut s.findings));
    match reference_status(&mut s) {
        Some(status) if errs.is_empty() => Ok((s, status)),
        None if errs.is_empty() => {
            Err(vec![FieldError::new("$.reference", "form.reference")].into())
        }
        _ => Err(errs.into()),
    }
}

/// [`check_submission`] for what a receiver is sent (`yaojian-server`'s `POST
/// /submissions`): a back end that files without the widget may leave the reference
/// out, and the submission is given its content reference; a reference that is there
/// must match the content.
pub fn check_received_submission(
    t: &Template,
    v: Value,
    today: Date,
) -> Result<Submission, crate::Errors> {
    let given_unless_absent = |s: &mut Submission| {
        if s.reference.is_empty() {
            s.reference = reference(s);
        }
        content_matches(s)
    };
    check_with(t, v, today, &given_unless_absent).map(|(s, _)| s)
}

/// [`check_submission`] for a submission held outside the server that received it (a
/// pasted or uploaded filing, a read-only view): a reference in the form a server
/// issues ([`keyed_reference`]) cannot be checked without that server's secret, so it
/// is reported as [`ReferenceStatus::IssuedByServer`], never as tampering. Any other
/// reference must be the content reference.
pub fn check_held_submission(
    t: &Template,
    v: Value,
    today: Date,
) -> Result<(Submission, ReferenceStatus), crate::Errors> {
    let content_or_issued = |s: &mut Submission| {
        content_matches(s).or_else(|| keyed_hex(s).map(|_| ReferenceStatus::IssuedByServer))
    };
    check_with(t, v, today, &content_or_issued)
}

/// A stored filing as the server's API returns it (`{reference, received_at,
/// template, owner, submission}`) → the submission inside; anything else as it is.
pub fn unwrap_record(v: Value) -> Value {
    match v {
        Value::Object(mut m)
            if !m.contains_key("schema") && m.get("submission").is_some_and(Value::is_object) =>
        {
            m.shift_remove("submission").unwrap_or_default()
        }
        other => other,
    }
}

/// The errors of a submission's envelope: schema, template, timestamps.
fn envelope_errors(t: &Template, s: &Submission, today: Date) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if s.schema != SUBMISSION_SCHEMA {
        errs.push(
            FieldError::new("$.schema", "form.submission_schema")
                .with("expected", SUBMISSION_SCHEMA),
        );
    }
    for (field, expected, found) in [
        ("id", &t.id, &s.template.id),
        ("version", &t.version, &s.template.version),
    ] {
        if expected != found {
            errs.push(
                FieldError::new(format!("$.template.{field}"), "form.template_mismatch")
                    .with("expected", expected)
                    .with("found", found),
            );
        }
    }
    let submitted = parse_cst_timestamp(&s.submitted_at);
    match submitted {
        None => errs.push(FieldError::new("$.submitted_at", "form.timestamp")),
        Some(d) if d > today => errs.push(
            FieldError::new("$.submitted_at", "form.submitted_future")
                .with("today", format_date(today)),
        ),
        Some(_) => {}
    }
    match s
        .started_at
        .as_deref()
        .map(|st| (st, parse_cst_timestamp(st)))
    {
        None => errs.push(FieldError::new("$.started_at", "form.timestamp")),
        Some((_, None)) => errs.push(FieldError::new("$.started_at", "form.timestamp")),
        // Both are the same fixed-width UTC+8 form, so text order is time order.
        Some((st, Some(_))) if submitted.is_some() && st > s.submitted_at.as_str() => errs.push(
            FieldError::new("$.started_at", "form.started_after_submitted")
                .with("submitted_at", &s.submitted_at),
        ),
        Some(_) => {}
    }
    errs
}

/// Puts the template's severity and title on each finding. A severity or title that
/// the submission states differently (a title in none of the template's languages) is
/// an error: a reader must never see what the respondent made up in their place.
fn take_finding_labels(t: &Template, findings: &mut Findings) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (q, f) in findings.iter_mut() {
        let Some(spec) = t.question(q).and_then(|q| q.finding.as_ref()) else {
            continue;
        };
        if f.title
            .as_ref()
            .is_some_and(|x| !spec.title.values().any(|v| v == x))
        {
            errs.push(FieldError::new(
                FieldRef::finding(q, Some("title")).path(),
                "form.finding_title",
            ));
        }
        f.severity = Some(spec.severity);
        if f.title.is_none() {
            f.title = Some(pick(&spec.title, Lang::default()));
        }
    }
    errs
}
