//! The API's one table: each endpoint's method, path, who may call it, what it answers
//! and its handler. The router and the OpenAPI document are both built from it, so the
//! document cannot drift from what the server does.

use crate::state::AppState;
use axum::routing::{get, patch, post, put, MethodRouter};
use serde_json::{json, Map, Value};

pub use crate::auth::Access;

/// `GET /openapi.json`: the document [`openapi`] builds from the table.
pub async fn openapi_json() -> axum::Json<Value> {
    axum::Json(openapi())
}

/// One endpoint of `/api/v1`.
pub struct Endpoint {
    pub method: &'static str,
    pub path: &'static str,
    pub summary: &'static str,
    pub access: Access,
    /// Query parameters: (name, required, description).
    pub query: &'static [(&'static str, bool, &'static str)],
    /// Request headers beyond Authorization: (name, required, description).
    pub headers: &'static [(&'static str, bool, &'static str)],
    /// The request body's schema (one of [`SCHEMAS`], or [`SPREADSHEET`]), when it takes one.
    pub body: Option<&'static str>,
    /// Statuses it answers besides the error statuses every endpoint may give.
    pub responses: &'static [(u16, &'static str)],
    pub handler: fn() -> MethodRouter<AppState>,
}

const LANG: (&str, bool, &str) = (
    "lang",
    false,
    "zh-CN (default), zh-TW or en; else Accept-Language",
);
const PAGE: [(&str, bool, &str); 5] = [
    ("template", false, "template id"),
    ("version", false, "template version"),
    ("after", false, "the `next` cursor of the previous page"),
    ("limit", false, "page size, 1–500 (default 50)"),
    LANG,
];
const ONE_TEMPLATE: [(&str, bool, &str); 3] = [
    ("template", true, "template id"),
    ("version", false, "template version (default: the latest)"),
    LANG,
];

/// Every endpoint, in the order the documentation lists them.
pub fn endpoints() -> Vec<Endpoint> {
    use crate::handlers::engine_api;
    let mut all = vec![Endpoint {
        method: "get",
        path: "/healthz",
        summary: "200 when the database answers",
        access: Access::Open,
        query: &[],
        headers: &[],
        body: None,
        responses: &[(200, "the database answers")],
        handler: || get(crate::handlers::health::health),
    }];
    all.extend(self_inspection_endpoints());
    all.extend(item_endpoints());
    all.extend([
        Endpoint {
            method: "post",
            path: "/penalty/assess",
            summary: "Assess a case (as `yaojian penalty assess`)",
            access: Access::Open,
            query: &[LANG],
            headers: &[],
            body: Some("PenaltyCase"),
            responses: &[(200, "the assessment"), (422, "invalid case")],
            handler: || post(engine_api::assess),
        },
        Endpoint {
            method: "post",
            path: "/requirements/check",
            summary:
                "Check an application's conditions and materials (as `yaojian requirements check`)",
            access: Access::Open,
            query: &[("template", true, "requirement template id"), LANG],
            headers: &[],
            body: None,
            responses: &[
                (200, "the check result"),
                (422, "invalid input or unknown template"),
            ],
            handler: || post(engine_api::check),
        },
        Endpoint {
            method: "get",
            path: "/openapi.json",
            summary: "This document",
            access: Access::Open,
            query: &[],
            headers: &[],
            body: None,
            responses: &[(200, "OpenAPI 3.1")],
            handler: || get(openapi_json),
        },
    ]);
    all
}

/// The self-inspection endpoints: templates, filings, the summary and its CSV.
fn self_inspection_endpoints() -> Vec<Endpoint> {
    use crate::handlers::{submissions, summary, templates};
    vec![
        Endpoint {
            method: "get",
            path: "/templates",
            summary: "The latest version of each self-inspection template",
            access: Access::Open,
            query: &[LANG],
            headers: &[],
            body: None,
            responses: &[(200, "{items: [{id, version, title, sample}]}")],
            handler: || get(templates::list),
        },
        Endpoint {
            method: "post",
            path: "/templates/from-xlsx",
            summary: "Read an XLSForm spreadsheet (xlsx, xls or ods, at most 5 MB; the body) into a template, stored nowhere",
            access: Access::Bureau,
            query: &[LANG],
            headers: &[],
            body: Some(SPREADSHEET),
            responses: &[(200, "the template (yaojian/form/1), ready to publish with PUT"), (400, "the body could not be read"), (413, "over 5 MB"), (415, "not declared as a spreadsheet"), (422, "not a spreadsheet, or every mistake at its cell: {errors: [{path: \"survey!D7\", code, message}]}")],
            handler: || post(templates::from_xlsx),
        },
        Endpoint {
            method: "get",
            path: "/templates/{id}",
            summary: "A template's latest version",
            access: Access::Open,
            query: &[],
            headers: &[],
            body: None,
            responses: &[(200, "the template (yaojian/form-template/1)")],
            handler: || get(templates::latest),
        },
        Endpoint {
            method: "get",
            path: "/templates/{id}/versions",
            summary: "Every published version of a template, oldest first, with when and by whom",
            access: Access::Bureau,
            query: &[LANG],
            headers: &[],
            body: None,
            responses: &[(200, "{id, items: [{version, published_at, published_by, digest}]}"), (404, "no such template")],
            handler: || get(templates::versions),
        },
        Endpoint {
            method: "get",
            path: "/templates/{id}/diff",
            summary: "What changed between two published versions: the questions added, removed and changed, with their texts",
            access: Access::Bureau,
            query: &[("from", true, "the earlier version"), ("to", true, "the later version"), LANG],
            headers: &[],
            body: None,
            responses: &[(200, "{id, from, to, added: [{id, label}], removed: [{id, label}], changed: [{id, label, before, fields}]}"), (404, "no such template or version"), (422, "a version not named")],
            handler: || get(templates::diff),
        },
        Endpoint {
            method: "get",
            path: "/templates/{id}/{version}",
            summary: "One version of a template",
            access: Access::Open,
            query: &[],
            headers: &[],
            body: None,
            responses: &[(200, "the template")],
            handler: || get(templates::version),
        },
        Endpoint {
            method: "put",
            path: "/templates/{id}/{version}",
            summary: "Publish a template version; a published version never changes",
            access: Access::Bureau,
            query: &[LANG],
            headers: &[],
            body: Some("FormTemplate"),
            responses: &[(201, "published"), (200, "the same content was already published"), (409, "other content is published under this version"), (422, "not a valid template, or id/version differ from the path")],
            handler: || put(templates::publish),
        },
        Endpoint {
            method: "post",
            path: "/submissions",
            summary: "File a self-inspection: re-validated, given a keyed reference and the server's time",
            access: Access::Filers,
            query: &[LANG],
            headers: &[("Idempotency-Key", true, "the same key again gives the same answer and stores nothing twice")],
            body: Some("Submission"),
            responses: &[(201, "{reference, received_at, submission}"), (200, "the same content was already received under another key"), (409, "the key was used for other content"), (422, "invalid: every error with its path")],
            handler: || post(submissions::create),
        },
        Endpoint {
            method: "get",
            path: "/submissions",
            summary: "Stored submissions the caller may see, oldest first, in pages",
            access: Access::SignedIn,
            query: &PAGE,
            headers: &[],
            body: None,
            responses: &[(200, "{items, next}")],
            handler: || get(submissions::list),
        },
        Endpoint {
            method: "get",
            path: "/submissions/{reference}",
            summary: "One stored submission",
            access: Access::SignedIn,
            query: &[LANG],
            headers: &[],
            body: None,
            responses: &[(200, "{reference, received_at, template, owner, submission}")],
            handler: || get(submissions::get),
        },
        Endpoint {
            method: "get",
            path: "/summary",
            summary: "The bureau's counts over the submissions the caller may see (as `yaojian form summary`)",
            access: Access::SignedIn,
            query: &ONE_TEMPLATE,
            headers: &[],
            body: None,
            responses: &[(200, "the summary document")],
            handler: || get(summary::summary),
        },
        Endpoint {
            method: "get",
            path: "/submissions.csv",
            summary: "The summary's rows as CSV (UTF-8 with BOM), streamed",
            access: Access::SignedIn,
            query: &ONE_TEMPLATE,
            headers: &[],
            body: None,
            responses: &[(200, "text/csv")],
            handler: || get(summary::csv),
        },
    ]
}

const ITEMS: [(&str, bool, &str); 10] = [
    (
        "status",
        false,
        "pending, in_progress, awaiting_reinspection, ready_for_close_out or closed",
    ),
    ("list", false, "risk_hazard, problem_lead or rectification"),
    (
        "source",
        false,
        "inspection, sampling, complaint, lead, self_inspection, risk_consultation or other",
    ),
    ("unit", false, "the responsible unit, exactly"),
    ("org", false, "统一社会信用代码 of the enterprise"),
    (
        "overdue",
        false,
        "true: only items past their deadline (UTC+8) and not closed out",
    ),
    (
        "q",
        false,
        "text to find in the id, problem, unit, person or provision",
    ),
    ("after", false, "the `next` cursor of the previous page"),
    ("limit", false, "page size, 1–500 (default 50)"),
    LANG,
];
const ITEMS_FILTERS: [(&str, bool, &str); 8] = [
    ITEMS[0], ITEMS[1], ITEMS[2], ITEMS[3], ITEMS[4], ITEMS[5], ITEMS[6], LANG,
];
const IF_MATCH: (&str, bool, &str) = (
    "If-Match",
    true,
    "the item's revision (its ETag) the change is made on; 409 when it is not the current one",
);

/// The rectification items that the bureau and the enterprise share.
fn item_endpoints() -> Vec<Endpoint> {
    use crate::handlers::{item_changes, item_import, item_reports, items, notices};
    vec![
        Endpoint {
            method: "post",
            path: "/items",
            summary: "Record a rectification item (待整改) about an enterprise; an empty id is numbered",
            access: Access::Bureau,
            query: &[LANG],
            headers: &[],
            body: Some("ItemCreate"),
            responses: &[(201, "the item with its history, `org`, `region` and `revision` (also the ETag)"), (409, "the id is taken"), (422, "invalid: every error with its path")],
            handler: || post(items::create),
        },
        Endpoint {
            method: "get",
            path: "/items",
            summary: "The items the caller may see, filtered, oldest first, in pages, with counts by status",
            access: Access::ItemParties,
            query: &ITEMS,
            headers: &[],
            body: None,
            responses: &[(200, "{items, next, counts}")],
            handler: || get(items::list),
        },
        Endpoint {
            method: "get",
            path: "/items/{id}",
            summary: "One item with its whole history (who did what, when)",
            access: Access::ItemParties,
            query: &[LANG],
            headers: &[],
            body: None,
            responses: &[(200, "the item, its history and revision (also the ETag)")],
            handler: || get(items::get),
        },
        Endpoint {
            method: "patch",
            path: "/items/{id}",
            summary: "Edit an item's fields; recorded in its history with the fields changed",
            access: Access::Bureau,
            query: &[LANG],
            headers: &[IF_MATCH],
            body: Some("ItemEdit"),
            responses: &[(200, "the item as changed, and its new revision"), (409, "changed meanwhile (the body carries `current`), or closed out"), (422, "invalid: every error with its path"), (428, "no If-Match")],
            handler: || patch(item_changes::edit),
        },
        Endpoint {
            method: "post",
            path: "/items/{id}/actions",
            summary: "Start, report (with evidence), re-inspect or close out (销号) an item",
            access: Access::ItemParties,
            query: &[LANG],
            headers: &[IF_MATCH],
            body: Some("ItemAction"),
            responses: &[(200, "the item as changed, and its new revision"), (409, "not allowed from its status (the engine's reason), or changed meanwhile (with `current`)"), (422, "invalid: every error with its path"), (428, "no If-Match")],
            handler: || post(item_changes::act),
        },
        Endpoint {
            method: "post",
            path: "/items/import",
            summary: "Turn the findings of stored filings into items; a finding already imported is skipped",
            access: Access::Bureau,
            query: &[LANG],
            headers: &[],
            body: Some("ItemImport"),
            responses: &[(200, "{added, already, results: [{submission, question, id, result: added | already}]}"), (404, "a filing that is not there or not the caller's"), (422, "invalid request, or more than 10,000 filings")],
            handler: || post(item_import::import),
        },
        Endpoint {
            method: "get",
            path: "/items.csv",
            summary: "The items the caller may see (filtered as GET /items) as CSV (UTF-8 with BOM), streamed",
            access: Access::ItemParties,
            query: &ITEMS_FILTERS,
            headers: &[],
            body: None,
            responses: &[(200, "text/csv")],
            handler: || get(item_reports::csv),
        },
        Endpoint {
            method: "get",
            path: "/report",
            summary: "The counts bureaus publish (核查问题线索N件、实施整改措施N项、整改销号N件), per list and unit, overdue and due soon, as of the server's day",
            access: Access::ItemParties,
            query: &ITEMS_FILTERS,
            headers: &[],
            body: None,
            responses: &[(200, "the engine's report: today, counts, summary, by_list, by_owner, by_unit, overdue, due_soon, open_case")],
            handler: || get(item_reports::report),
        },
        Endpoint {
            method: "post",
            path: "/notices",
            summary: "Issue a 责令改正通知书 for items, or every open item of a unit; numbered once, by the database",
            access: Access::Bureau,
            query: &[LANG],
            headers: &[],
            body: Some("NoticeRequest"),
            responses: &[(201, "the notice: the engine's fields, `items`, `issued_by`, `issued_at`, `sample_pattern`, `services`"), (404, "an item that is not there or not the caller's"), (422, "no items, a closed item, more than one party")],
            handler: || post(notices::issue),
        },
        Endpoint {
            method: "get",
            path: "/notices/{number}",
            summary: "A notice as issued, with its services",
            access: Access::ItemParties,
            query: &[LANG],
            headers: &[],
            body: None,
            responses: &[(200, "the notice")],
            handler: || get(notices::get),
        },
        Endpoint {
            method: "post",
            path: "/notices/{number}/service",
            summary: "Record the service (送达) of a notice: date, method, recipient; append only",
            access: Access::Bureau,
            query: &[LANG],
            headers: &[],
            body: Some("NoticeService"),
            responses: &[(201, "the notice with every service recorded"), (422, "invalid: every error with its path")],
            handler: || post(notices::serve),
        },
    ]
}

fn parameters(e: &Endpoint) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = e.path;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').map_or(rest.len(), |n| start + n);
        out.push(json!({"name": &rest[start + 1..end], "in": "path", "required": true, "schema": {"type": "string"}}));
        rest = &rest[end..];
    }
    for (name, required, description) in e.query {
        out.push(json!({"name": name, "in": "query", "required": required, "description": description, "schema": {"type": "string"}}));
    }
    for (name, required, description) in e.headers {
        out.push(json!({"name": name, "in": "header", "required": required, "description": description, "schema": {"type": "string"}}));
    }
    out
}

fn operation(e: &Endpoint) -> Value {
    let error = json!({"description": "errors", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}});
    let mut responses = Map::new();
    for (status, description) in e.responses {
        let r = if *status >= 400 {
            json!({"description": description, "content": error["content"]})
        } else {
            json!({"description": description})
        };
        responses.insert(status.to_string(), r);
    }
    if e.body.is_some() {
        responses.entry("400").or_insert(
            json!({"description": "not JSON, or a key named twice", "content": error["content"]}),
        );
        responses.entry("408").or_insert(
            json!({"description": "not answered within the server's request timeout (a body too slow to arrive)", "content": error["content"]}),
        );
        responses
            .entry("413")
            .or_insert(json!({"description": "over the size cap", "content": error["content"]}));
        responses
            .entry("415")
            .or_insert(json!({"description": "not application/json", "content": error["content"]}));
    }
    if e.access != Access::Open {
        responses.insert(
            "401".into(),
            json!({"description": "missing, expired or forged token", "content": error["content"]}),
        );
        responses.insert("404".into(), json!({"description": "not there, or not the caller's to see", "content": error["content"]}));
    }
    if matches!(
        e.access,
        Access::Filers | Access::Bureau | Access::ItemParties
    ) {
        responses.insert(
            "403".into(),
            json!({"description": "this role may not, or the cookie came with a write from another site", "content": error["content"]}),
        );
    }
    let mut op = json!({"summary": e.summary, "parameters": parameters(e), "responses": responses});
    op["x-yaojian-access"] = json!(format!("{:?}", e.access).to_lowercase());
    if e.access != Access::Open {
        op["security"] = json!([{"bearer": []}, {"cookie": []}]);
    }
    match e.body {
        Some(SPREADSHEET) => {
            let binary = json!({"schema": {"type": "string", "format": "binary"}});
            let content: Map<String, Value> = crate::handlers::templates::SPREADSHEET_TYPES
                .iter()
                .map(|t| (t.to_string(), binary.clone()))
                .collect();
            op["requestBody"] = json!({"required": true, "content": content});
        }
        Some(schema) => {
            op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
        }
        None => {}
    }
    op
}

/// The `body` of an endpoint that takes a spreadsheet file, not JSON.
pub const SPREADSHEET: &str = "Spreadsheet";

/// The published JSON Schemas the request bodies follow, by component name.
pub const SCHEMAS: &[(&str, &str)] = &[
    (
        "FormTemplate",
        include_str!("../../schemas/form.schema.json"),
    ),
    (
        "Submission",
        include_str!("../../schemas/submission.schema.json"),
    ),
    (
        "PenaltyCase",
        include_str!("../../schemas/penalty-case.schema.json"),
    ),
    (
        "ItemCreate",
        include_str!("../../schemas/item-create.schema.json"),
    ),
    (
        "ItemEdit",
        include_str!("../../schemas/item-edit.schema.json"),
    ),
    (
        "ItemAction",
        include_str!("../../schemas/item-action.schema.json"),
    ),
    (
        "NoticeRequest",
        include_str!("../../schemas/notice-request.schema.json"),
    ),
    (
        "NoticeService",
        include_str!("../../schemas/notice-service.schema.json"),
    ),
    (
        "ItemImport",
        include_str!("../../schemas/item-import.schema.json"),
    ),
];

/// The OpenAPI 3.1 document of [`endpoints`].
pub fn openapi() -> Value {
    let mut schemas = Map::new();
    for (name, src) in SCHEMAS {
        schemas.insert(
            name.to_string(),
            serde_json::from_str(src).unwrap_or(Value::Null),
        );
    }
    let mut paths = Map::new();
    for e in endpoints() {
        let item = paths.entry(e.path).or_insert_with(|| json!({}));
        item[e.method] = operation(&e);
    }
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {"title": "yaojian-server", "version": env!("CARGO_PKG_VERSION"),
                 "description": "Self-inspection filings, summaries, shared rectification items and the engine's checks. Errors are always {\"errors\":[{path, code, message}]}."},
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT (HS256; claims sub, role, org, region, exp)"},
                "cookie": {"type": "apiKey", "in": "cookie", "name": crate::auth::TOKEN_COOKIE, "description": "the same JWT, set by a portal on the server's origin; writes from another site are refused"},
            },
            "schemas": schemas,
        }
    });
    doc["components"]["schemas"]["Errors"] = json!({"type": "object", "required": ["errors"], "properties": {"errors": {"type": "array", "items": {
        "type": "object", "required": ["path", "code", "message"],
        "properties": {"path": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}}}}}});
    doc
}
