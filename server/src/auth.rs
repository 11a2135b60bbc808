//! Who is calling, from the verified token only, and what that caller may see.

use crate::error::ApiError;
use crate::identity::Identity;
use crate::state::AppState;
use crate::store::Scope;
use crate::token::{now_secs, Role};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use yaojian::Lang;

/// A caller whose token verified, with an identity complete for its role.
#[derive(Debug, Clone)]
pub struct Caller {
    pub identity: Identity,
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
        // Verified already by the endpoint's access check (`require`).
        if let Some(caller) = parts.extensions.get::<Caller>() {
            return Ok(caller.clone());
        }
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
        let identity = state
            .key
            .verify(&token, now_secs())
            .and_then(|claims| Identity::from_claims(&claims))
            .map_err(|e| ApiError::unauthorized(e.code(), lang))?;
        Ok(Caller { identity })
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

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No token needed.
    Open,
    /// Any valid token; rows are limited to what its role may see.
    SignedIn,
    /// Enterprise or representative tokens.
    Filers,
    /// Inspector or admin tokens.
    Bureau,
    /// The parties of a rectification item: enterprise, inspector or admin tokens (a
    /// representative has none).
    ItemParties,
}

/// Who a request was answered for (the token's `sub`), carried on the response to the
/// request's log line.
#[derive(Debug, Clone)]
pub struct SignedInAs(pub String);

/// What the endpoint table's `access` column lets through, checked before the handler
/// runs (and before its body is read): a token for every access but `Open`, a filing
/// role for `Filers`, a bureau role for `Bureau`. The caller it verified is handed on.
pub async fn require(
    access: Access,
    state: AppState,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Result<axum::response::Response, ApiError> {
    if access == Access::Open {
        return Ok(next.run(request).await);
    }
    let (mut parts, body) = request.into_parts();
    let caller = Caller::from_request_parts(&mut parts, &state).await?;
    let allowed = match access {
        Access::Open | Access::SignedIn => true,
        Access::Filers => caller.identity.filing_party().is_some(),
        Access::Bureau => matches!(caller.role(), Role::Inspector | Role::Admin),
        Access::ItemParties => caller.role() != Role::Representative,
    };
    if !allowed {
        return Err(ApiError::forbidden(language_of(&parts)));
    }
    let sub = SignedInAs(caller.identity.sub().to_string());
    parts.extensions.insert(caller);
    let mut response = next
        .run(axum::extract::Request::from_parts(parts, body))
        .await;
    // For the request's log line (the `sub` only: never the token).
    response.extensions_mut().insert(sub);
    Ok(response)
}

impl Caller {
    pub fn role(&self) -> Role {
        self.identity.role()
    }

    /// Which stored filings this caller may see: a representative its own filings, an
    /// enterprise its enterprise's, an inspector its region (a province's code covers its
    /// cities and counties: `yaojian::ident::Region`), an admin everything. The one place
    /// that turns a role into what every read of the store is limited to.
    pub fn scope(&self) -> Scope {
        match &self.identity {
            Identity::Admin { .. } => Scope::All,
            Identity::Representative(f) => Scope::Owner(f.sub.clone()),
            Identity::Enterprise(f) => Scope::Org(f.org.clone()),
            Identity::Inspector { region, .. } => Scope::RegionPrefix(region.prefix().to_string()),
        }
    }
}
