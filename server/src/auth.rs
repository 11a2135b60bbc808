//! Who is calling, from the verified token only, and what that caller may see.

use crate::db::{Arg, Conditions};
use crate::error::ApiError;
use crate::token::{now_secs, Claims, Role};
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use yaojian::Lang;

/// A caller whose token verified.
#[derive(Debug, Clone)]
pub struct Caller {
    pub claims: Claims,
}

/// The language of messages: `?lang=`, else `Accept-Language`, else 简体中文.
#[derive(Debug, Clone, Copy)]
pub struct Language(pub Lang);

/// Reads the language from `?lang=` or the first `Accept-Language` tag.
pub fn language_of(parts: &Parts) -> Lang {
    let from_query = parts.uri.query().and_then(|q| {
        q.split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "lang")
            .map(|(_, v)| v.to_string())
    });
    let from_header = || {
        parts
            .headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|t| t.split(';').next().unwrap_or("").to_string())
    };
    from_query
        .or_else(from_header)
        .map(|t| Lang::parse(&t))
        .unwrap_or_default()
}

impl<S: Send + Sync> FromRequestParts<S> for Language {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Language(language_of(parts)))
    }
}

/// The cookie a portal on the server's own origin may set instead of sending the header.
pub const TOKEN_COOKIE: &str = "yaojian_token";

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let lang = language_of(parts);
        let token = match bearer_token(parts) {
            Some(token) => token,
            None => {
                let token = cookie_token(parts)
                    .ok_or_else(|| ApiError::unauthorized("auth.missing", lang))?;
                refuse_cross_site_writes(parts, lang)?;
                token
            }
        };
        let claims = state
            .key
            .verify(&token, now_secs())
            .map_err(|e| ApiError::unauthorized(e.code(), lang))?;
        Ok(Caller { claims })
    }
}

/// `Authorization: Bearer <token>`, when the header is there and not empty.
fn bearer_token(parts: &Parts) -> Option<String> {
    let header = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let token = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))?
        .trim();
    (!token.is_empty()).then(|| token.to_string())
}

/// The `yaojian_token` cookie, when the request carries one.
fn cookie_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == TOKEN_COOKIE)
        .map(|(_, value)| value.trim().trim_matches('"').to_string())
        .filter(|t| !t.is_empty())
}

/// A browser sends cookies with a form another site posts; such a write is refused.
/// (Bodies must be JSON as well, which a plain cross-site form cannot send.)
fn refuse_cross_site_writes(parts: &Parts, lang: Lang) -> Result<(), ApiError> {
    use axum::http::Method;
    if matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    let fetch_site = parts
        .headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok());
    if fetch_site == Some("cross-site") {
        return Err(ApiError::new(
            axum::http::StatusCode::FORBIDDEN,
            "$.headers.cookie",
            "auth.cross_site",
            lang,
        ));
    }
    Ok(())
}

impl Caller {
    pub fn role(&self) -> Role {
        self.claims.role
    }

    /// Enterprises and representatives file self-inspections; the bureau does not.
    pub fn may_file(&self) -> bool {
        matches!(self.role(), Role::Enterprise | Role::Representative)
    }

    /// Inspectors and admins publish templates.
    pub fn may_publish(&self) -> bool {
        matches!(self.role(), Role::Inspector | Role::Admin)
    }

    /// The region a filing is counted in: the token's, else the 登记管理机关行政区划码
    /// inside the enterprise's 统一社会信用代码 (its characters 3–8).
    pub fn filing_region(&self) -> String {
        self.claims
            .region
            .clone()
            .or_else(|| {
                self.claims
                    .org
                    .as_ref()
                    .and_then(|o| o.get(2..8))
                    .map(str::to_string)
            })
            .unwrap_or_default()
    }

    /// Adds to `w` the condition that limits rows to what this caller may see: a
    /// representative its own filings, an enterprise its enterprise's, an inspector its
    /// region (a province's code covers its cities and counties), an admin everything.
    pub fn limit_to_visible(&self, w: &mut Conditions) {
        match self.role() {
            Role::Admin => {}
            Role::Representative => w.push("owner_sub = ?", Arg::Text(self.claims.sub.clone())),
            Role::Enterprise => w.push(
                "owner_org = ?",
                Arg::Text(self.claims.org.clone().unwrap_or_default()),
            ),
            Role::Inspector => {
                let prefix = region_prefix(self.claims.region.as_deref().unwrap_or(""));
                // The region is six digits (checked with the token): no LIKE metacharacters.
                w.push("owner_region LIKE ?", Arg::Text(format!("{prefix}%")));
            }
        }
    }
}

/// The part of a six-digit 行政区划代码 that names the area: `350000` → `35`,
/// `350100` → `3501`, `350102` → `350102`. The national code `000000` names all.
pub fn region_prefix(code: &str) -> &str {
    let mut p = code;
    while p.len() >= 2 && p.ends_with("00") {
        p = &p[..p.len() - 2];
    }
    p
}

#[cfg(test)]
mod tests {
    use super::region_prefix;

    #[test]
    fn a_region_covers_the_areas_inside_it() {
        assert_eq!(region_prefix("350000"), "35");
        assert_eq!(region_prefix("350100"), "3501");
        assert_eq!(region_prefix("350102"), "350102");
        assert_eq!(region_prefix("000000"), "");
    }
}
