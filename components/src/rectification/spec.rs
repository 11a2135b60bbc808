//! The rectification list's contract: storage, the notice's number, paging; a list.
//!
//! words: cl
//! data: penalty-rules penalty-titles
//! data-on-demand: form-mah-representative-management form-representative-personal

use super::{Rectification, RectificationProps};
use crate::contract::{self, number_setting, EventDoc, Property, Setting, Spec, Widget};
use serde_json::Value;
use std::rc::Rc;
use yaojian::{FieldError, Lang};
use yew::{AttrValue, Callback};

static SPEC: Spec = Spec {
    kind: "rectification",
    title: "整改清单 rectification checklist (a sample list, or yours via `value`)",
    settings: &[
        Setting {
            name: "storage-key",
            values: "any text",
            effect: "every change to the list is kept in `localStorage` under `yaojian:checklist:` + this key, once the change is on screen and at once when the page is hidden; when the page sets no `value`, the kept list is shown (said so, with a \"discard\" button). Keep drafts for lists of hundreds, not thousands (about 5 MB a site); a failed save is shown and the list keeps working",
        },
        Setting {
            name: "notice-pattern",
            values: "e.g. `某药监责改〔{year}〕{seq:3}号`",
            effect: "the document number of the 责令改正通知书 (`{year}`, `{seq}`, `{seq:3}` pads to three digits). Without it the number is labelled a sample",
        },
        Setting {
            name: "notice-seq",
            values: "a whole number (default 1)",
            effect: "the sequence number the next notice takes",
        },
        Setting {
            name: "page-size",
            values: "a whole number (default 50)",
            effect: "rows a page shows; longer lists get a page navigation (previous, numbered pages, next)",
        },
        Setting {
            name: "endpoint",
            values: "the URL of `yaojian-server`'s API, e.g. `/api/v1` (docs/server.md)",
            effect: "the list is the one the bureau and the enterprise share on the server: one page at a time with its filters, search and counts; each action or edit is sent with the item's revision (`If-Match`) and the row changes once the server accepts it (\"正在保存…\" until then, and it cannot be sent twice); the actions offered follow the token's role (an enterprise starts and reports; an inspector adds items for an enterprise, numbered by the server, imports the findings of stored filings, edits, re-inspects and closes out); when someone else changed the item first, the widget says what they changed and shows the item as it is now, keeping what was typed; an expired sign-in says so and keeps it too. Without `endpoint` the list stays in the page (and its draft)",
        },
        Setting {
            name: "auth",
            values: "`token` (default), `cookie`",
            effect: "with `endpoint`: `token` calls the server with the `token` property; `cookie` with the `yaojian_token` cookie the portal set on the server's own origin (every action is then offered, and the server decides)",
        },
    ],
    properties: &[
        Property {
            name: "value",
            meaning: "read: the detail of the latest `yj-change`; write: a `yaojian/checklist/1` list ([schema](../schemas/checklist.schema.json)); not used with `endpoint`",
            text: false,
        },
        Property {
            name: "token",
            meaning: "with `endpoint`: the portal's signed token (a string), sent as `Authorization: Bearer`; a new token loads the list again",
            text: true,
        },
    ],
    events: &[
        EventDoc {
            name: "yj-change",
            detail: "`{type: \"checklist.change\", list}`: the whole list after every status change, add, edit or import, once the change is on screen (several in one frame: one event); not with `endpoint`, where the list is the server's",
        },
        EventDoc {
            name: "yj-draft-saved",
            detail: "`{type: \"checklist.draft_saved\", storage_key, saved_at}`, with `storage-key`",
        },
        contract::ERROR_EVENT,
    ],
};

impl Widget for Rectification {
    fn spec() -> &'static Spec {
        &SPEC
    }

    fn props(lang: Lang, on_emit: Callback<Value>) -> RectificationProps {
        RectificationProps {
            lang,
            on_emit,
            ..RectificationProps::default()
        }
    }

    fn lang(props: &mut RectificationProps) -> &mut Lang {
        &mut props.lang
    }

    fn set(p: &mut RectificationProps, name: &str, value: Option<&str>) -> Result<(), FieldError> {
        let attr = || value.map(|v| AttrValue::from(v.to_string()));
        match name {
            "storage-key" => p.storage_key = attr(),
            "notice-pattern" => {
                if let Some(v) = value {
                    yaojian::checklist::check_number_pattern(v, name)?;
                }
                p.notice_pattern = attr();
            }
            "notice-seq" => p.notice_seq = number_setting(name, value)?,
            "page-size" => {
                let n: Option<usize> = number_setting(name, value)?;
                if n == Some(0) {
                    return Err(FieldError::new(name, "embed.setting_number").with("value", 0));
                }
                p.page_size = n;
            }
            "endpoint" | "auth" => p.server.set(name, value)?,
            _ => return Err(contract::unknown_setting(name)),
        }
        Ok(())
    }

    /// The list of the last change.
    fn restore(last: &Value) -> Option<Value> {
        last.get("list").cloned()
    }

    /// The list is read straight into the engine's list: thousands of items are parsed
    /// once, not into a JSON value first.
    fn put(p: &mut RectificationProps, name: &str, json: &str) -> Result<(), Vec<FieldError>> {
        match name {
            "value" => p.value = Some(Rc::new(yaojian::checklist::ItemList::from_json(json)?)),
            "token" => crate::common::server::token_property(json, &mut p.server.token)?,
            _ => return Err(contract::unknown_property(name)),
        }
        Ok(())
    }
}
