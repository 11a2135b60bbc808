//! Talking to `yaojian-server` (docs/server.md): one request function over `fetch`, the
//! server's `{"errors": [...]}` read into `FieldError`s, and the idempotency keys of
//! filings. Widgets use it when the host sets `endpoint`; without it they stay local.

use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yaojian::{FieldError, Lang};

/// Where the API is and who is calling.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Endpoint {
    /// e.g. `/api/v1` or `https://bureau.example/api/v1` (no trailing slash).
    pub base: String,
    /// The portal's signed token, sent as `Authorization: Bearer`.
    pub token: Option<String>,
}

/// Who a token names, as far as the widget needs to know: read from the token, not
/// verified (the server verifies every request), so that what one person keeps in the
/// browser (drafts, queued filings) is kept apart from the next person's.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Person {
    /// The token's `sub` claim.
    pub sub: String,
    /// The token's `role` claim (`enterprise`, `representative`, …), when it has one.
    pub role: Option<String>,
}

/// The `auth` setting of the widgets that talk to the server.
pub const AUTH_CHOICES: &[&str] = &["token", "cookie"];

/// What a widget that talks to the server is told, the same for every such widget: the
/// `endpoint` and `auth` settings and the `token` property.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct ServerSettings {
    /// `yaojian-server`'s API (e.g. `/api/v1`); without it the widget stays in the page.
    pub endpoint: Option<yew::AttrValue>,
    /// The portal's signed token, sent as `Authorization: Bearer`.
    pub token: Option<yew::AttrValue>,
    /// `auth="cookie"`: the portal signed in with the server's cookie, not a token.
    pub auth_cookie: bool,
}

impl ServerSettings {
    /// The server, when the host named one, called with the token.
    pub fn endpoint(&self) -> Option<Endpoint> {
        Endpoint::configured(self.endpoint.as_deref(), self.token.as_deref())
    }

    /// Whether someone is signed in: a token, or the server's cookie.
    pub fn signed_in(&self) -> bool {
        self.auth_cookie || self.token.as_deref().is_some_and(|t| !t.is_empty())
    }

    /// The `endpoint` or `auth` setting (`name`); any other name is refused.
    pub fn set(&mut self, name: &str, value: Option<&str>) -> Result<(), FieldError> {
        match name {
            "endpoint" => self.endpoint = value.map(|v| yew::AttrValue::from(v.trim().to_string())),
            "auth" => {
                let choice = crate::contract::choice_setting(name, value, AUTH_CHOICES)?;
                self.auth_cookie = choice == Some("cookie");
            }
            _ => return Err(crate::contract::unknown_setting(name)),
        }
        Ok(())
    }
}

/// What the claims part of a JWT says about the caller; `None` for anything that is not
/// a token with a `sub`.
pub fn person_of_token(token: &str) -> Option<Person> {
    let mut parts = token.split('.');
    let (_, claims, _) = (parts.next()?, parts.next()?, parts.next()?);
    let claims: Value = serde_json::from_slice(&base64url_decode(claims)?).ok()?;
    let sub = claims["sub"]
        .as_str()
        .filter(|s| !s.is_empty())?
        .to_string();
    let role = claims["role"].as_str().map(str::to_string);
    Some(Person { sub, role })
}

/// Unpadded base64url (RFC 4648 §5), as JWTs write their parts.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        acc = (acc << 6) | u32::from(value(c)?);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// What a request came back with.
#[derive(Clone, PartialEq, Debug)]
pub enum Reply {
    /// A 2xx answer and its JSON.
    Ok(u16, Value),
    /// The server refused it (4xx): its errors, each with a path and message.
    Refused(u16, Vec<FieldError>),
    /// No answer (offline, cut, DNS, CORS) or the server could not answer now (5xx,
    /// 429): worth retrying with the same idempotency key.
    Unreachable(String),
}

impl Endpoint {
    pub fn new(base: &str, token: Option<&str>) -> Endpoint {
        Endpoint {
            base: base.trim_end_matches('/').to_string(),
            token: token.filter(|t| !t.is_empty()).map(str::to_string),
        }
    }

    /// The server a widget's `endpoint` setting names (none when unset or blank), called
    /// with the `token` property.
    pub fn configured(endpoint: Option<&str>, token: Option<&str>) -> Option<Endpoint> {
        let base = endpoint.filter(|e| !e.trim().is_empty())?;
        Some(Endpoint::new(base, token))
    }

    /// `path` under the base, with `?lang=` so the server's messages match the widget.
    pub fn url(&self, path: &str, lang: Lang) -> String {
        let sep = if path.contains('?') { '&' } else { '?' };
        format!("{}{path}{sep}lang={}", self.base, lang.tag())
    }

    /// One request; `body` is JSON, `headers` are added (`Idempotency-Key`,
    /// `If-Match`).
    pub async fn request(
        &self,
        method: &str,
        url: &str,
        body: Option<&str>,
        headers: &[(&str, &str)],
    ) -> Reply {
        match self.fetch(method, url, body, headers).await {
            Ok((status, text)) => reply_of(status, &text),
            Err(e) => Reply::Unreachable(e),
        }
    }

    /// Posts a file as the body (`content_type` declares it), read as [`Endpoint::request`]
    /// reads the answer.
    pub async fn post_file(&self, url: &str, file: &web_sys::Blob, content_type: &str) -> Reply {
        let body = (file.into(), content_type);
        match self.send("POST", url, Some(body), &[]).await {
            Ok((status, text)) => reply_of(status, &text),
            Err(e) => Reply::Unreachable(e),
        }
    }

    /// The raw answer: status and body text.
    pub async fn fetch(
        &self,
        method: &str,
        url: &str,
        body: Option<&str>,
        extra: &[(&str, &str)],
    ) -> Result<(u16, String), String> {
        let body = body.map(|b| (wasm_bindgen::JsValue::from_str(b), "application/json"));
        self.send(method, url, body, extra).await
    }

    async fn send(
        &self,
        method: &str,
        url: &str,
        body: Option<Body<'_>>,
        extra: &[(&str, &str)],
    ) -> Result<(u16, String), String> {
        let js = |e: wasm_bindgen::JsValue| format!("{e:?}");
        let init = web_sys::RequestInit::new();
        init.set_method(method);
        let headers = web_sys::Headers::new().map_err(js)?;
        headers.set("Accept", "application/json").map_err(js)?;
        if let Some(t) = &self.token {
            headers
                .set("Authorization", &format!("Bearer {t}"))
                .map_err(js)?;
        }
        for (name, value) in extra {
            headers.set(name, value).map_err(js)?;
        }
        if let Some((b, content_type)) = body {
            headers.set("Content-Type", content_type).map_err(js)?;
            init.set_body(&b);
        }
        init.set_headers(&headers);
        let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(js)?;
        let window = web_sys::window().ok_or("no window")?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
            .await
            .map_err(js)?
            .dyn_into()
            .map_err(js)?;
        let text = JsFuture::from(response.text().map_err(js)?)
            .await
            .map_err(js)?
            .as_string()
            .unwrap_or_default();
        Ok((response.status(), text))
    }
}

/// What a request sends: a body (JSON text, a file) and its content type.
type Body<'a> = (wasm_bindgen::JsValue, &'a str);

/// Reads an answer: 2xx → its JSON; 5xx and 429 → worth retrying; other 4xx → the
/// server's errors.
pub fn reply_of(status: u16, text: &str) -> Reply {
    let v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    match status {
        200..=299 => Reply::Ok(status, v),
        429 | 500..=599 => Reply::Unreachable(format!("HTTP {status}")),
        _ => Reply::Refused(status, server_errors(&v, status)),
    }
}

/// The server's errors as the widget's: each keeps its path; the message is the
/// server's own (already in the widget's language), carried by `error.server.message`.
pub fn server_errors(v: &Value, status: u16) -> Vec<FieldError> {
    let list: Vec<FieldError> = v["errors"]
        .as_array()
        .map(|errs| {
            errs.iter()
                .map(|e| {
                    FieldError::new(e["path"].as_str().unwrap_or("$"), "server.message")
                        .with("message", e["message"].as_str().unwrap_or(""))
                        .with("code", e["code"].as_str().unwrap_or(""))
                })
                .collect()
        })
        .unwrap_or_default();
    if list.is_empty() {
        vec![FieldError::new("$", "server.status").with("status", status)]
    } else {
        list
    }
}

/// Words to show as an error of the whole form (the server's, or the widget's about the
/// server), carried by `error.server.message`.
pub fn said(text: String) -> FieldError {
    FieldError::new("$", "server.message").with("message", text)
}

/// The server's refusal in words: its messages, one after another.
pub fn refusal_text(errs: &[FieldError], lang: Lang) -> String {
    errs.iter()
        .map(|e| e.message(lang))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A new idempotency key: random, so two filings never share one.
pub fn new_idempotency_key() -> String {
    let crypto = web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &"crypto".into()).ok());
    let uuid = crypto.and_then(|c| {
        let f = js_sys::Reflect::get(&c, &"randomUUID".into()).ok()?;
        f.dyn_ref::<js_sys::Function>()?.call0(&c).ok()?.as_string()
    });
    uuid.unwrap_or_else(|| {
        format!(
            "{}-{}",
            js_sys::Date::now() as u64,
            (js_sys::Math::random() * 1e12) as u64
        )
    })
}

/// A template read from the server (`GET {endpoint}/templates/{id}`).
#[derive(Clone, PartialEq, Debug)]
pub enum ServerTemplate {
    /// No endpoint, or the host gave the template itself.
    NotUsed,
    Loading,
    Ready(std::rc::Rc<yaojian::form::Template>),
    /// The server could not be reached: the widget uses its built-in copy.
    Unreachable,
    /// The server answered, but not with a usable template.
    Failed(std::rc::Rc<Vec<FieldError>>),
}

/// Reads template `id` (default: the personal self-inspection) from the server when
/// `endpoint` is set.
#[yew::hook]
pub fn use_server_template(
    endpoint: Option<Endpoint>,
    id: Option<yew::AttrValue>,
    lang: Lang,
) -> ServerTemplate {
    use yew::prelude::*;
    let state = use_state(|| ServerTemplate::NotUsed);
    // Which request is the latest: a reply to an earlier one (another id, since chosen)
    // is dropped, never shown in place of the template asked for now.
    let asked = use_mut_ref(|| 0u64);
    {
        let state = state.clone();
        let base = endpoint.as_ref().map(|e| e.base.clone());
        use_effect_with((base, id), move |(base, id)| {
            *asked.borrow_mut() += 1;
            let this = *asked.borrow();
            let Some(endpoint) = endpoint.filter(|_| base.is_some()) else {
                state.set(ServerTemplate::NotUsed);
                return;
            };
            state.set(ServerTemplate::Loading);
            let id = yaojian::form::chosen_id(id.as_deref()).to_string();
            yew::platform::spawn_local(async move {
                let url = endpoint.url(
                    &format!("/templates/{}", js_sys::encode_uri_component(&id)),
                    lang,
                );
                let got = match endpoint.request("GET", &url, None, &[]).await {
                    Reply::Ok(_, v) => match yaojian::form::Template::from_value(v) {
                        Ok(t) => ServerTemplate::Ready(std::rc::Rc::new(t)),
                        Err(e) => ServerTemplate::Failed(std::rc::Rc::new(e.into())),
                    },
                    Reply::Refused(_, errs) => ServerTemplate::Failed(std::rc::Rc::new(errs)),
                    Reply::Unreachable(_) => ServerTemplate::Unreachable,
                };
                if *asked.borrow() == this {
                    state.set(got);
                }
            });
        });
    }
    (*state).clone()
}

/// The template a form widget shows ([`use_form_template`]).
pub struct FormTemplate {
    /// How the server's copy of the template stands.
    pub from_server: ServerTemplate,
    /// The server's copy once it came, else the host's or the built-in one.
    pub template: std::rc::Rc<Option<std::rc::Rc<yaojian::form::Template>>>,
    /// Whether the built-in template is shown and its file is not here yet.
    pub built_in_on_its_way: bool,
}

/// The template a form widget shows, and how the server's copy of it stands: with
/// `endpoint` (and no template from the host), the server's copy of `id` once it came;
/// else the host's or the built-in one.
#[yew::hook]
pub fn use_form_template(
    endpoint: Option<Endpoint>,
    template: Option<std::rc::Rc<yaojian::form::Template>>,
    id: Option<yew::AttrValue>,
    lang: Lang,
    on_emit: &yew::Callback<Value>,
) -> FormTemplate {
    let from_server =
        use_server_template(endpoint.filter(|_| template.is_none()), id.clone(), lang);
    let needed = !matches!(from_server, ServerTemplate::Ready(_));
    let built_in = crate::common::properties::use_template(template, id, needed, on_emit);
    let chosen = yew::use_memo((from_server.clone(), built_in.template), |(s, b)| match s {
        ServerTemplate::Ready(t) => Some(t.clone()),
        _ => (**b).clone(),
    });
    FormTemplate {
        from_server,
        template: chosen,
        built_in_on_its_way: built_in.on_its_way,
    }
}

/// The `token` property (a text property: `yaojian.js` hands the page's string over as a
/// JSON string): the token, or null to forget it.
pub fn token_property(
    text: &str,
    token: &mut Option<yew::AttrValue>,
) -> Result<(), Vec<FieldError>> {
    match crate::contract::parse_property(text)? {
        Value::String(t) => *token = Some(yew::AttrValue::from(t)),
        Value::Null => *token = None,
        _ => return Err(vec![FieldError::new("$", "server.token_shape")]),
    }
    Ok(())
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::token_property;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The token comes as a JSON string (`el.token = jwt` reaches the widget so, since the
    /// contract says `token` is text: `tests/e2e/examples.test.mjs` sets it that way).
    #[wasm_bindgen_test]
    fn the_token_property_takes_a_json_string_or_null() {
        let mut token = None;
        token_property("\"abc.def.ghi\"", &mut token).unwrap();
        assert_eq!(token.as_deref(), Some("abc.def.ghi"));
        token_property("null", &mut token).unwrap();
        assert_eq!(token, None);
        let deep = format!("{}1{}", "[".repeat(300), "]".repeat(300));
        for bad in [
            "{}",
            "12",
            "a b",
            "",
            "[[[",
            "eyJhbGciOiJIUzI1NiJ9.e30.sig",
            deep.as_str(),
        ] {
            let errs = token_property(bad, &mut token).unwrap_err();
            assert!(!errs.is_empty(), "{bad}");
            assert_eq!(token, None, "{bad}: nothing taken");
        }
    }
}
