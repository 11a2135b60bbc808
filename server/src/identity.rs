//! A verified identity, complete for its role. What a token's claims must give each role
//! is checked once, here ("parse, don't validate"): the handlers read an enterprise's
//! 统一社会信用代码 or an inspector's region from fields that cannot be missing.

use crate::token::{Claims, Role, TokenError};
use yaojian::ident::Region;

/// Who is calling, as the verified token says.
#[derive(Debug, Clone, PartialEq)]
pub enum Identity {
    /// A medical representative: files, and sees their own filings.
    Representative(FilingParty),
    /// An enterprise: files, and sees its enterprise's filings.
    Enterprise(FilingParty),
    /// A bureau inspector: sees the filings of its region.
    Inspector { sub: String, region: Region },
    /// Sees everything.
    Admin { sub: String },
}

/// Someone who files: the person, their enterprise and where filings are counted.
#[derive(Debug, Clone, PartialEq)]
pub struct FilingParty {
    pub sub: String,
    /// 统一社会信用代码 of the enterprise, checked (GB 32100-2015).
    pub org: String,
    /// The region a filing is counted in: the token's `region`, else the registration
    /// authority's code inside `org` (characters 3–8); none when neither reads as one.
    pub region: Option<Region>,
}

impl Identity {
    /// The identity the claims give, when it is complete: a subject (1–128 characters,
    /// no control characters); for an enterprise or representative a valid
    /// 统一社会信用代码 (`org`); for an inspector a six-digit region. A claim that is
    /// there must be valid for every role.
    pub fn from_claims(c: &Claims) -> Result<Identity, TokenError> {
        let visible =
            |s: &str| !s.is_empty() && s.len() <= 128 && s.chars().all(|c| !c.is_control());
        if !visible(&c.sub) {
            return Err(TokenError::Claims);
        }
        let org = match &c.org {
            Some(org)
                if yaojian::ident::validate_uscc(org).ok().as_deref() != Some(org.as_str()) =>
            {
                return Err(TokenError::Claims)
            }
            org => org.clone(),
        };
        let region = match c.region.as_deref().map(Region::parse) {
            Some(None) => return Err(TokenError::Claims),
            Some(region) => region,
            None => None,
        };
        let sub = c.sub.clone();
        let party = |org: String| {
            let region = region.clone().or_else(|| Region::of_uscc(&org));
            FilingParty {
                sub: sub.clone(),
                org,
                region,
            }
        };
        match (c.role, org, region.clone()) {
            (Role::Representative, Some(org), _) => Ok(Identity::Representative(party(org))),
            (Role::Enterprise, Some(org), _) => Ok(Identity::Enterprise(party(org))),
            (Role::Inspector, _, Some(region)) => Ok(Identity::Inspector { sub, region }),
            (Role::Admin, _, _) => Ok(Identity::Admin { sub }),
            _ => Err(TokenError::Claims),
        }
    }

    /// The token's `sub`.
    pub fn sub(&self) -> &str {
        match self {
            Identity::Representative(f) | Identity::Enterprise(f) => &f.sub,
            Identity::Inspector { sub, .. } | Identity::Admin { sub } => sub,
        }
    }

    pub fn role(&self) -> Role {
        match self {
            Identity::Representative(_) => Role::Representative,
            Identity::Enterprise(_) => Role::Enterprise,
            Identity::Inspector { .. } => Role::Inspector,
            Identity::Admin { .. } => Role::Admin,
        }
    }

    /// Who files, for the roles that file (enterprises and representatives); the
    /// template decides which of them may (`yaojian::form::Template::check_filer`).
    pub fn filing_party(&self) -> Option<&FilingParty> {
        match self {
            Identity::Representative(f) | Identity::Enterprise(f) => Some(f),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(role: Role, org: Option<&str>, region: Option<&str>) -> Claims {
        Claims {
            sub: "u".into(),
            role,
            org: org.map(Into::into),
            region: region.map(Into::into),
            exp: 1,
            iat: None,
            nbf: None,
        }
    }

    #[test]
    fn each_role_gets_what_it_must_carry_or_nothing() {
        const ORG: &str = "91350100M000100Y43";
        let rep = Identity::from_claims(&claims(Role::Representative, Some(ORG), None)).unwrap();
        let f = rep.filing_party().unwrap();
        assert_eq!(
            (f.org.as_str(), f.region.as_ref().map(Region::code)),
            (ORG, Some("350100"))
        );
        // The token's own region wins over the one inside the code.
        let ent =
            Identity::from_claims(&claims(Role::Enterprise, Some(ORG), Some("350102"))).unwrap();
        assert_eq!(
            ent.filing_party()
                .unwrap()
                .region
                .as_ref()
                .map(Region::code),
            Some("350102")
        );
        assert_eq!(ent.role(), Role::Enterprise);
        let insp = Identity::from_claims(&claims(Role::Inspector, None, Some("350000"))).unwrap();
        assert!(matches!(&insp, Identity::Inspector { region, .. } if region.code() == "350000"));
        assert!(insp.filing_party().is_none());
        assert_eq!(
            Identity::from_claims(&claims(Role::Admin, None, None))
                .unwrap()
                .sub(),
            "u"
        );
        for incomplete in [
            claims(Role::Representative, None, Some("350000")),
            claims(Role::Enterprise, None, None),
            claims(Role::Inspector, Some(ORG), None),
            claims(Role::Admin, Some("91350100M000100Y44"), None),
            claims(Role::Inspector, None, Some("35000")),
            claims(Role::Enterprise, Some(ORG), Some("35'--")),
        ] {
            assert_eq!(
                Identity::from_claims(&incomplete),
                Err(TokenError::Claims),
                "{incomplete:?}"
            );
        }
    }
}
