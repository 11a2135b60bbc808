//! Messages for the server's own error codes, in the three languages the widgets speak.
//! Engine errors carry the engine's catalog messages instead.

use yaojian::Lang;

/// (code, 简体, 繁體, English).
const MESSAGES: &[(&str, &str, &str, &str)] = &[
    (
        "auth.missing",
        "缺少登录凭证（Authorization: Bearer 令牌或 yaojian_token Cookie）。",
        "缺少登入憑證（Authorization: Bearer 權杖或 yaojian_token Cookie）。",
        "Sign-in is required (Authorization: Bearer token, or the yaojian_token cookie).",
    ),
    (
        "auth.invalid",
        "登录凭证无效。",
        "登入憑證無效。",
        "The sign-in token is not valid.",
    ),
    (
        "auth.expired",
        "登录凭证已过期，请重新登录。",
        "登入憑證已過期，請重新登入。",
        "The sign-in token has expired; sign in again.",
    ),
    (
        "auth.claims",
        "登录凭证的身份信息不完整或格式错误。",
        "登入憑證的身分資訊不完整或格式錯誤。",
        "The sign-in token's identity claims are missing or malformed.",
    ),
    (
        "auth.cross_site",
        "不接受其他网站借用登录 Cookie 发来的写入请求。",
        "不接受其他網站借用登入 Cookie 發來的寫入請求。",
        "A write sent from another site with the sign-in cookie is refused.",
    ),
    (
        "auth.forbidden",
        "当前身份无权进行此操作。",
        "目前身分無權進行此操作。",
        "This role may not do that.",
    ),
    ("not_found", "未找到。", "未找到。", "Not found."),
    (
        "method_not_allowed",
        "不支持此请求方法。",
        "不支援此請求方法。",
        "This method is not allowed here.",
    ),
    (
        "request.timeout",
        "请求未能在时限内完成，请稍后重试。",
        "請求未能在時限內完成，請稍後重試。",
        "The request was not completed in time; try again later.",
    ),
    (
        "request.if_match_missing",
        "修改事项须附 If-Match 请求头，写明所依据的版本号。",
        "修改事項須附 If-Match 請求標頭，寫明所依據的版本號。",
        "A change needs an If-Match header naming the revision it is made on.",
    ),
    (
        "request.if_match",
        "If-Match 请求头应为版本号（数字）。",
        "If-Match 請求標頭應為版本號（數字）。",
        "If-Match must be a revision number.",
    ),
    (
        "item.stale",
        "该事项已被他人修改，请查看最新内容后再操作。",
        "該事項已被他人修改，請查看最新內容後再操作。",
        "Someone changed this item meanwhile; look at the current item and try again.",
    ),
    (
        "item.org_region",
        "无法从该统一社会信用代码读出登记管理机关行政区划。",
        "無法從該統一社會信用代碼讀出登記管理機關行政區劃。",
        "No registration region can be read from this unified social credit code.",
    ),
    (
        "item.org_outside_region",
        "该企业不在您所辖区域内。",
        "該企業不在您所轄區域內。",
        "This enterprise is outside your region.",
    ),
    (
        "notice.request",
        "请给出事项编号列表（items），或者责任单位（unit）及其统一社会信用代码（org）。",
        "請給出事項編號列表（items），或者責任單位（unit）及其統一社會信用代碼（org）。",
        "Give the items' ids (items), or a responsible unit (unit) and its enterprise (org).",
    ),
    (
        "notice.too_many",
        "一份通知书最多列 500 个事项。",
        "一份通知書最多列 500 個事項。",
        "One notice lists at most 500 items.",
    ),
    (
        "notice.orgs",
        "一份通知书只能发给一家企业的事项。",
        "一份通知書只能發給一家企業的事項。",
        "One notice is for the items of one enterprise.",
    ),
    (
        "import.request",
        "请给出自查表编号列表（submissions）或自查表模板（template）。",
        "請給出自查表編號列表（submissions）或自查表範本（template）。",
        "Give the filings' references (submissions) or a template (template).",
    ),
    (
        "import.too_many",
        "一次最多导入 10000 份自查表。",
        "一次最多匯入 10000 份自查表。",
        "One import reads at most 10,000 filings.",
    ),
    (
        "request.content_type",
        "请求体须为 JSON（Content-Type: application/json）。",
        "請求內容須為 JSON（Content-Type: application/json）。",
        "The body must be JSON (Content-Type: application/json).",
    ),
    (
        "request.too_large",
        "请求体过大。",
        "請求內容過大。",
        "The body is too large.",
    ),
    (
        "request.body",
        "无法读取请求体。",
        "無法讀取請求內容。",
        "The body could not be read.",
    ),
    (
        "request.query",
        "查询参数有误。",
        "查詢參數有誤。",
        "A query parameter is not valid.",
    ),
    (
        "request.cursor",
        "分页游标无效。",
        "分頁游標無效。",
        "The paging cursor is not valid.",
    ),
    (
        "request.limit",
        "每页条数须为 1 至 500。",
        "每頁筆數須為 1 至 500。",
        "limit must be between 1 and 500.",
    ),
    (
        "idempotency.missing",
        "缺少 Idempotency-Key 请求头（1–200 个可见 ASCII 字符）。",
        "缺少 Idempotency-Key 標頭（1–200 個可見 ASCII 字元）。",
        "The Idempotency-Key header is required (1–200 visible ASCII characters).",
    ),
    (
        "idempotency.reused",
        "此 Idempotency-Key 已用于另一份内容。",
        "此 Idempotency-Key 已用於另一份內容。",
        "This Idempotency-Key was already used for other content.",
    ),
    (
        "submission.duplicate",
        "相同内容已提交过。",
        "相同內容已提交過。",
        "The same content was already submitted.",
    ),
    (
        "template.unknown",
        "没有此自查表模板。",
        "沒有此自查表範本。",
        "There is no such template.",
    ),
    (
        "template.diff_versions",
        "请指明要比较的两个版本：?from=旧版本&to=新版本。",
        "請指明要比較的兩個版本：?from=舊版本&to=新版本。",
        "Name the two versions to compare: ?from=OLD&to=NEW.",
    ),
    (
        "template.unknown_version",
        "此模板没有该版本。",
        "此範本沒有該版本。",
        "The template has no such version.",
    ),
    (
        "template.mismatch",
        "模板的 id 和 version 须与地址一致。",
        "範本的 id 與 version 須與網址一致。",
        "The template's id and version must match the address.",
    ),
    (
        "template.published",
        "该版本已发布，不能更改；请发布新版本。",
        "該版本已發布，不能更改；請發布新版本。",
        "This version is published and cannot change; publish a new version.",
    ),
    (
        "demo.user",
        "没有此示例用户。",
        "沒有此示例使用者。",
        "There is no such sample user.",
    ),
    (
        "server.busy",
        "服务器繁忙，请稍后重试。",
        "伺服器忙碌，請稍後重試。",
        "The server is busy; try again shortly.",
    ),
    (
        "server.internal",
        "服务器内部错误，请稍后重试。",
        "伺服器內部錯誤，請稍後重試。",
        "Internal server error; try again later.",
    ),
];

/// The message for `code` in `lang`; the code itself when there is none.
pub fn message(code: &str, lang: Lang) -> String {
    MESSAGES
        .iter()
        .find(|m| m.0 == code)
        .map(|m| match lang {
            Lang::ZhCn => m.1,
            Lang::ZhTw => m.2,
            Lang::En => m.3,
        })
        .unwrap_or(code)
        .to_string()
}

/// Every code with a message (for the tests that check each is worded).
pub fn codes() -> impl Iterator<Item = &'static str> {
    MESSAGES.iter().map(|m| m.0)
}
