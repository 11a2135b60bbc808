//! Filings held outside the server that received them (pasted into the checklist's
//! import, shown read-only), stored records as the API returns them, and the roles a
//! template names as its filers.
use serde_json::{json, Value};
use yaojian::form::answers::{
    check_held_submission, check_submission, keyed_reference, submit, FindingAnswer, Findings,
    ReferenceStatus,
};
use yaojian::form::summary::parse_batch;
use yaojian::form::{self, built_in, Filer, Template};
use yaojian::Lang;

/// 2026-11-22 10:00:00 +08:00 in Unix milliseconds.
const NOW: i64 = 1_795_312_800_000;
const STARTED: &str = "2026-11-22T09:30:00+08:00";
const SECRET: &[u8] = b"the secret of some yaojian server";

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// A personal self-inspection with one finding, as the widget submits it.
fn filed() -> form::Submission {
    let t = built_in("representative-personal").unwrap();
    let a = json!({
        "name": "王敏", "id_number": "11010519491231002X", "phone": "13800138000",
        "mah_name": "示例药业有限公司", "mah_uscc": "91350100M000100Y43",
        "filed": true, "filing_date": "2025-03-01", "contract": "labour_contract",
        "b_unfiled": false, "b_no_consent": false, "b_sales": false, "b_prescriptions": false,
        "b_funding": false, "b_misleading": false, "b_kickbacks": true,
        "activity_count": 0,
        "attestation": {"agreed": true, "name": "王敏", "date": "2026-11-22"}
    });
    let mut f = Findings::new();
    f.insert(
        "b_kickbacks".into(),
        FindingAnswer {
            explanation: "节日向药剂科人员赠送购物卡".into(),
            measure: "收回并登记，全员培训".into(),
            deadline: "2026-12-15".into(),
            ..Default::default()
        },
    );
    let a = a.as_object().unwrap().clone();
    submit(&t, &a, &f, None, Some(STARTED), NOW, Lang::ZhCn).unwrap()
}

/// The same filing as the server stores it: with the reference it issued.
fn stored_by_server() -> Value {
    let mut s = filed();
    s.reference = keyed_reference(&s, SECRET);
    serde_json::to_value(s).unwrap()
}

/// A stored filing as `GET /submissions/{reference}` returns it.
fn record(submission: Value) -> Value {
    json!({
        "reference": submission["reference"],
        "received_at": "2026-11-22T10:00:01+08:00",
        "template": submission["template"],
        "owner": {"sub": "demo-representative", "role": "representative", "org": "91350100M000100Y43", "region": "350100"},
        "submission": submission,
    })
}

fn empty_list() -> yaojian::checklist::ItemList {
    yaojian::checklist::ItemList {
        schema: "yaojian/checklist/1".into(),
        items: vec![],
    }
}

#[test]
fn a_reference_the_server_issued_is_not_taken_for_tampering() {
    let t = built_in("representative-personal").unwrap();
    let v = stored_by_server();
    // Without the server's secret the strict check cannot tell it from a forgery ...
    let strict = check_submission(&t, v.clone(), today()).unwrap_err();
    assert_eq!(strict.iter().next().unwrap().code, "form.reference");
    // ... so a held filing says whose reference it is instead.
    let (s, status) = check_held_submission(&t, v, today()).unwrap();
    assert_eq!(status, ReferenceStatus::IssuedByServer);
    assert_eq!(s.answers["name"], "王敏");
    // A filing with the content reference is checked in full.
    let content = serde_json::to_value(filed()).unwrap();
    let (_, status) = check_held_submission(&t, content.clone(), today()).unwrap();
    assert_eq!(status, ReferenceStatus::Matches);
    // Changed after submission: still refused.
    let mut changed = content;
    changed["answers"]["name"] = json!("李四");
    let e = check_held_submission(&t, changed, today()).unwrap_err();
    assert_eq!(e.iter().next().unwrap().path, "$.reference");
    // A reference of neither form is refused, as is a keyed one in lower case.
    for bad in [
        "ZC20261122-XYZ",
        "ZC20261122-0123456789abcdef",
        "ZC20261121-0123456789ABCDEF",
    ] {
        let mut v = stored_by_server();
        v["reference"] = json!(bad);
        let e = check_held_submission(&t, v, today()).unwrap_err();
        assert_eq!(e.iter().next().unwrap().code, "form.reference", "{bad}");
    }
    // The content of a server-issued filing is still checked in full.
    let mut wrong = stored_by_server();
    wrong["answers"]["phone"] = json!("123");
    let e = check_held_submission(&t, wrong, today()).unwrap_err();
    assert!(e.iter().any(|e| e.path == "$.answers.phone"), "{e:?}");
}

#[test]
fn a_batch_takes_records_and_pages_as_the_api_returns_them() {
    let stored = stored_by_server();
    let one = parse_batch(&record(stored.clone()).to_string()).unwrap();
    assert_eq!(one, vec![stored.clone()]);
    let page = json!({"items": [record(stored.clone()), record(stored.clone())], "next": null});
    assert_eq!(
        parse_batch(&page.to_string()).unwrap(),
        vec![stored.clone(), stored.clone()]
    );
    let mixed = json!([record(stored.clone()), stored.clone()]);
    assert_eq!(
        parse_batch(&mixed.to_string()).unwrap(),
        vec![stored.clone(), stored]
    );
}

#[test]
fn importing_a_stored_filing_adds_its_findings_and_says_whose_reference_it_is() {
    let stored = stored_by_server();
    for text in [stored.to_string(), record(stored.clone()).to_string()] {
        let batch = parse_batch(&text).unwrap();
        let got = form::import_findings(&empty_list(), batch, None, today(), Lang::ZhCn);
        assert!(got.errors.is_empty(), "{:?}", got.errors);
        assert_eq!(got.added.len(), 1);
        assert_eq!(got.issued_by_server, 1);
        assert_eq!(
            got.added[0].id,
            format!("{}-b_kickbacks", stored["reference"].as_str().unwrap())
        );
    }
    // A filing the browser made itself is checked in full and counted as such.
    let own = serde_json::to_value(filed()).unwrap();
    let got = form::import_findings(&empty_list(), vec![own], None, today(), Lang::ZhCn);
    assert_eq!((got.added.len(), got.issued_by_server), (1, 0));
}

#[test]
fn a_template_names_the_roles_that_file_it() {
    let personal = built_in("representative-personal").unwrap();
    let mah = built_in("mah-representative-management").unwrap();
    assert_eq!(personal.filers, vec![Filer::Representative]);
    assert_eq!(mah.filers, vec![Filer::Enterprise]);
    assert!(personal.check_filer("representative", Lang::ZhCn).is_ok());
    let e = personal.check_filer("enterprise", Lang::ZhCn).unwrap_err();
    assert_eq!(
        (e.path.as_str(), e.code.as_str()),
        ("$.template.id", "form.filer")
    );
    assert_eq!(
        e.message(Lang::ZhCn),
        "此自查表由医药代表填报，当前登录的身份不能提交。"
    );
    let en = personal.check_filer("enterprise", Lang::En).unwrap_err();
    assert_eq!(
        en.message(Lang::En),
        "This self-inspection form is filed by medical representatives; the signed-in role cannot file it."
    );
    assert!(mah.check_filer("representative", Lang::ZhCn).is_err());
    assert!(mah.check_filer("enterprise", Lang::ZhCn).is_ok());
    // A template that names no filers is for every role that files.
    let open = Template::from_value(json!({"schema": "yaojian/form/1", "id": "t", "version": "1",
        "title": "T", "sections": [{"id": "s", "title": "S", "questions": [{"id": "q", "kind": "text", "label": "Q"}]}]}))
    .unwrap();
    assert!(open.filers.is_empty());
    assert!(open.check_filer("enterprise", Lang::ZhCn).is_ok());
    // Two roles, in the order given; an unknown one is named by its path.
    let both = Template::from_value(json!({"schema": "yaojian/form/1", "id": "t", "version": "1",
        "filers": ["representative", "enterprise"], "title": "T",
        "sections": [{"id": "s", "title": "S", "questions": [{"id": "q", "kind": "text", "label": "Q"}]}]}))
    .unwrap();
    assert!(both.check_filer("enterprise", Lang::ZhCn).is_ok());
    assert!(both.check_filer("inspector", Lang::ZhCn).is_err());
    let bad = Template::from_value(json!({"schema": "yaojian/form/1", "id": "t", "version": "1",
        "filers": ["inspector"], "title": "T",
        "sections": [{"id": "s", "title": "S", "questions": [{"id": "q", "kind": "text", "label": "Q"}]}]}))
    .unwrap_err();
    assert!(
        bad.iter().any(|e| e.path.starts_with("$.filers")),
        "{bad:?}"
    );
}
