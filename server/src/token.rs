//! The portal's signed tokens: JWTs with HS256 under the key file's secret, and the key
//! file itself.
//!
//! Only HS256 is accepted (a token naming any other `alg`, `none` included, is refused).
//! It is written here on `hmac` + `sha2`, which the engine already uses for receipt
//! references, because the JWT crates need a crypto backend for HS256 that brings RSA
//! (RUSTSEC-2023-0071) or a C/cmake build; the whole of HS256 is the code below.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::path::Path;

/// Who a token says the caller is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Enterprise,
    Representative,
    Inspector,
    Admin,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Enterprise => "enterprise",
            Role::Representative => "representative",
            Role::Inspector => "inspector",
            Role::Admin => "admin",
        }
    }
}

/// The claims the server reads. Others a portal adds (`iss`, `aud`, …) are ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: Role,
    /// 统一社会信用代码 of the enterprise (enterprise and representative tokens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    /// 行政区划代码, six digits (inspector tokens; others may carry it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Expiry, seconds since 1970 (required).
    pub exp: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
}

/// Why a token was refused; each is a 401 with its own code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not three base64url parts, not HS256, or a signature that does not match.
    Invalid,
    Expired,
    /// Signed, but its identity is incomplete or malformed.
    Claims,
}

impl TokenError {
    pub fn code(self) -> &'static str {
        match self {
            TokenError::Invalid => "auth.invalid",
            TokenError::Expired => "auth.expired",
            TokenError::Claims => "auth.claims",
        }
    }
}

/// The shared secret (the key file's bytes, surrounding white space trimmed).
#[derive(Clone)]
pub struct Key(Vec<u8>);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

/// Shortest secret accepted, bytes (as `yaojian form validate --key`).
pub const MIN_SECRET: usize = 16;

impl Key {
    pub fn from_secret(secret: &[u8]) -> Result<Key, String> {
        let s = secret.trim_ascii();
        if s.len() < MIN_SECRET {
            return Err(format!("the secret is shorter than {MIN_SECRET} bytes"));
        }
        Ok(Key(s.to_vec()))
    }

    /// Reads a key file.
    pub fn load(path: &Path) -> Result<Key, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Key::from_secret(&bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Reads a key file, first creating it (32 random bytes as hex, mode 0600) when it
    /// does not exist.
    pub fn load_or_create(path: &Path) -> Result<Key, String> {
        if !path.exists() {
            let mut raw = [0u8; 32];
            getrandom::fill(&mut raw).map_err(|e| format!("no randomness: {e}"))?;
            let hex: String = raw.iter().map(|b| format!("{b:02x}")).collect();
            write_private(path, format!("{hex}\n").as_bytes())
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Key::load(path)
    }

    pub fn secret(&self) -> &[u8] {
        &self.0
    }

    fn mac(&self) -> Hmac<Sha256> {
        Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length")
    }

    /// A signed token carrying `claims`.
    pub fn sign(&self, claims: &Claims) -> String {
        let header = B64.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let payload = B64.encode(serde_json::to_vec(claims).unwrap_or_default());
        let signing_input = format!("{header}.{payload}");
        let mut mac = self.mac();
        mac.update(signing_input.as_bytes());
        let sig = B64.encode(mac.finalize().into_bytes());
        format!("{signing_input}.{sig}")
    }

    /// The claims of a token signed with this key, valid at `now` (seconds since 1970);
    /// whether they make a complete identity is `Identity::from_claims` (identity.rs).
    pub fn verify(&self, token: &str, now: i64) -> Result<Claims, TokenError> {
        let mut parts = token.split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenError::Invalid);
        };
        let header: serde_json::Value = B64
            .decode(h)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or(TokenError::Invalid)?;
        if header.get("alg").and_then(|a| a.as_str()) != Some("HS256") {
            return Err(TokenError::Invalid);
        }
        let sig = B64.decode(s).map_err(|_| TokenError::Invalid)?;
        let mut mac = self.mac();
        mac.update(h.as_bytes());
        mac.update(b".");
        mac.update(p.as_bytes());
        mac.verify_slice(&sig).map_err(|_| TokenError::Invalid)?;
        let payload = B64.decode(p).map_err(|_| TokenError::Invalid)?;
        let claims: Claims = serde_json::from_slice(&payload).map_err(|_| TokenError::Claims)?;
        if claims.exp <= now {
            return Err(TokenError::Expired);
        }
        if claims.nbf.is_some_and(|nbf| nbf > now) {
            return Err(TokenError::Invalid);
        }
        Ok(claims)
    }
}

/// Writes a new file readable by its owner only.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Seconds since 1970, now.
pub fn now_secs() -> i64 {
    yaojian::date::now_unix_millis().div_euclid(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key {
        Key::from_secret(b"0123456789abcdef0123456789abcdef").unwrap()
    }

    fn claims(role: Role) -> Claims {
        Claims {
            sub: "u1".into(),
            role,
            org: Some("91350100M000100Y43".into()),
            region: Some("350100".into()),
            exp: 2_000,
            iat: None,
            nbf: None,
        }
    }

    #[test]
    fn a_signed_token_verifies_until_it_expires() {
        let t = key().sign(&claims(Role::Enterprise));
        assert_eq!(key().verify(&t, 1_999).unwrap().sub, "u1");
        assert_eq!(key().verify(&t, 2_000), Err(TokenError::Expired));
    }

    #[test]
    fn another_key_a_changed_payload_or_another_alg_is_refused() {
        let t = key().sign(&claims(Role::Admin));
        let other = Key::from_secret(b"another secret of enough bytes").unwrap();
        assert_eq!(other.verify(&t, 0), Err(TokenError::Invalid));
        let parts: Vec<&str> = t.split('.').collect();
        let mut forged = claims(Role::Admin);
        forged.sub = "someone else".into();
        let p = B64.encode(serde_json::to_vec(&forged).unwrap());
        assert_eq!(
            key().verify(&format!("{}.{p}.{}", parts[0], parts[2]), 0),
            Err(TokenError::Invalid)
        );
        let none = B64.encode(br#"{"alg":"none"}"#);
        assert_eq!(
            key().verify(&format!("{none}.{}.", parts[1]), 0),
            Err(TokenError::Invalid)
        );
        assert_eq!(key().verify("a.b", 0), Err(TokenError::Invalid));
        assert_eq!(key().verify("", 0), Err(TokenError::Invalid));
    }

    #[test]
    fn a_short_secret_is_refused() {
        assert!(Key::from_secret(b"  short  ").is_err());
    }
}
