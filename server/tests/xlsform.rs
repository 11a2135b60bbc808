//! `POST /templates/from-xlsx`: a bureau's spreadsheet read into a template by the
//! engine's converter: who may call it, its size cap, what is not a spreadsheet, the
//! errors by cell, a sheet of 10,000 rows, and publishing what it returns.

mod common;
use common::*;
use serde_json::{json, Value};
use yaojian::form::xlsform::{to_workbook, to_xlsx, write_workbook, Headers, MAX_XLSX_BYTES};
use yaojian::form::Template;
use yaojian_server::token::Role;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn template(id: &str, sections: usize, per_section: usize) -> Template {
    let sections: Vec<Value> = (0..sections)
        .map(|s| {
            let questions: Vec<Value> = (0..per_section)
                .map(|q| {
                    json!({"id": format!("q{s}_{q}"), "kind": "yes_no", "required": true,
                    "label": {"zh-CN": format!("第{q}项"), "en": format!("Item {q}")}})
                })
                .collect();
            json!({"id": format!("s{s}"), "title": format!("第{s}节"), "questions": questions})
        })
        .collect();
    let doc = json!({"schema": "yaojian/form/1", "id": id, "version": "1", "title": "电子表格导入",
        "sections": sections});
    Template::from_value(doc).expect("a valid template")
}

/// `bytes` sent to `POST /templates/from-xlsx` as an xlsx file, by `token`.
async fn convert(s: &TestServer, token: &str, bytes: &[u8]) -> Reply {
    s.call("POST", "/templates/from-xlsx")
        .token(token)
        .raw(XLSX, bytes.to_vec())
        .send()
        .await
}

#[tokio::test]
async fn the_bureau_reads_a_spreadsheet_and_publishes_what_it_returns() {
    let bytes = to_xlsx(&template("from-sheet", 2, 3), Headers::Chinese).expect("xlsx");
    for s in servers().await {
        let inspector = s.token(Role::Inspector, "inspector-xm", None, Some("350200"));
        let r = convert(&s, &inspector, &bytes).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            Template::from_value(r.json.clone()).expect("a template"),
            template("from-sheet", 2, 3)
        );
        let published = s
            .call("PUT", "/templates/from-sheet/1")
            .token(&inspector)
            .json(&r.json)
            .send()
            .await;
        assert_eq!(published.status, 201, "{}", published.text);
        let versions = s
            .get("/templates/from-sheet/versions", &inspector)
            .send()
            .await;
        assert_eq!(versions.json["items"][0]["published_by"], "inspector-xm");
        // Only the bureau converts: an enterprise, a representative and no one are refused.
        let admin = s.token(Role::Admin, "admin-1", None, None);
        let ok = convert(&s, &admin, &bytes).await;
        assert_eq!(ok.status, 200);
        for (token, status) in [
            (
                Some(s.token(Role::Enterprise, "e1", Some(ORG_A), None)),
                403,
            ),
            (
                Some(s.token(Role::Representative, "r1", Some(ORG_A), None)),
                403,
            ),
            (None, 401),
        ] {
            let mut call = s
                .call("POST", "/templates/from-xlsx")
                .raw(XLSX, bytes.clone());
            if let Some(t) = &token {
                call = call.token(t);
            }
            assert_eq!(call.send().await.status, status);
        }
    }
}

#[tokio::test]
async fn mistakes_come_back_by_cell_and_other_files_are_refused() {
    let mut book = to_workbook(&template("with-errors", 1, 3), Headers::English).expect("sheets");
    book.sheets[0].rows[2][0] = "geopoint".into(); // survey!A3
    book.sheets[0].rows[4][1] = "q0_1".into(); // survey!B5: the id of row 4 again
    let bad = write_workbook(&book).expect("xlsx");
    for s in servers().await {
        let admin = s.token(Role::Admin, "admin-1", None, None);
        let post = |body: Vec<u8>, content_type: &'static str| {
            s.call("POST", "/templates/from-xlsx?lang=en")
                .token(&admin)
                .raw(content_type, body)
        };
        let r = post(bad.clone(), XLSX).send().await;
        assert_eq!(r.status, 422, "{}", r.text);
        let expected = [
            ("survey!A3", "xlsform.unknown_type"),
            ("survey!B5", "form.id"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect();
        assert_eq!(r.codes(), expected);
        assert!(r.json["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Unknown type “geopoint”"));
        // Not a spreadsheet; declared as something else; too large.
        let text = post(b"type,name,label\n".to_vec(), "application/octet-stream")
            .send()
            .await;
        assert_eq!(
            (text.status.as_u16(), text.codes()[0].1.as_str()),
            (422, "xlsform.not_spreadsheet")
        );
        let form = post(bad.clone(), "multipart/form-data").send().await;
        assert_eq!(
            (form.status.as_u16(), form.codes()[0].1.as_str()),
            (415, "request.content_type")
        );
        let huge = post(vec![b'P'; MAX_XLSX_BYTES + 1], XLSX).send().await;
        assert_eq!(
            (huge.status.as_u16(), huge.codes()[0].1.as_str()),
            (413, "request.too_large")
        );
    }
}

#[tokio::test]
async fn a_sheet_of_ten_thousand_rows_is_read() {
    // 100 sections of 99 questions: 9,900 question rows and 200 group rows.
    let big = template("ten-thousand", 100, 99);
    let bytes = to_xlsx(&big, Headers::English).expect("xlsx");
    assert!(bytes.len() < MAX_XLSX_BYTES, "{} bytes", bytes.len());
    for s in servers().await {
        let inspector = s.token(Role::Inspector, "inspector-xm", None, Some("350200"));
        let r = convert(&s, &inspector, &bytes).await;
        assert_eq!(r.status, 200, "{}", &r.text[..r.text.len().min(500)]);
        let t = Template::from_value(r.json).expect("a template");
        assert_eq!(t.question_count(), 9_900);
        assert_eq!(t, big);
    }
}
