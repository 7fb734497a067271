//! The OpenID Connect protocol as a relying party needs it: the provider's discovery document,
//! the authorization URL with PKCE (S256), `state` and `nonce`, and the code exchanged for an
//! ID token, which `id_token` checks. Every refusal has a stable code the pages translate; the
//! provider's own words go to the log only.

use crate::{AppError, Result};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::time::Duration;

pub(crate) fn refused(code: &'static str, why: impl std::fmt::Display) -> AppError {
    tracing::warn!(code, %why, "single sign-on refused");
    AppError::Refused {
        code,
        message: format!("single sign-on failed ({code})"),
    }
}

fn client() -> &'static reqwest::Client {
    static CLIENT: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client with rustls")
    })
}

/// What Mognad reads of a provider's discovery document.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Discovery {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    #[serde(default)]
    pub token_endpoint_auth_methods_supported: Vec<String>,
}

/// An address Mognad talks to a provider at: https, or plain http to this machine only (a
/// provider run beside Mognad for trying it out). The host is compared whole, so
/// `http://localhost.example` is not this machine.
pub fn acceptable_url(raw: &str) -> bool {
    match reqwest::Url::parse(raw) {
        Ok(u) if u.scheme() == "https" => u.host_str().is_some_and(|h| !h.is_empty()),
        Ok(u) if u.scheme() == "http" => matches!(u.host_str(), Some("localhost" | "127.0.0.1" | "[::1]")),
        _ => false,
    }
}

/// Fetches `issuer`'s discovery document; its `issuer` must be the configured one exactly, and
/// every endpoint it names must be an acceptable address.
pub async fn discover(issuer: &str) -> Result<Discovery> {
    let url = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    let doc: Discovery = get_json(&url).await?;
    if doc.issuer != issuer {
        return Err(refused(
            "sso-issuer",
            format!("discovery names issuer {}", doc.issuer),
        ));
    }
    for endpoint in [&doc.authorization_endpoint, &doc.token_endpoint, &doc.jwks_uri] {
        if !acceptable_url(endpoint) {
            return Err(refused(
                "sso-issuer",
                format!("discovery names endpoint {endpoint}"),
            ));
        }
    }
    Ok(doc)
}

async fn get_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T> {
    let res = client()
        .get(url)
        .send()
        .await
        .map_err(|e| refused("sso-unreachable", e))?;
    if !res.status().is_success() {
        return Err(refused(
            "sso-unreachable",
            format!("{url} answered {}", res.status()),
        ));
    }
    res.json().await.map_err(|e| refused("sso-unreachable", e))
}

/// Random URL-safe text of `bytes` random bytes.
pub fn random(bytes: usize) -> String {
    use rand::RngCore;
    let mut b = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut b);
    B64.encode(b)
}

/// The PKCE challenge (S256) for a verifier.
pub fn challenge(verifier: &str) -> String {
    B64.encode(Sha256::digest(verifier.as_bytes()))
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The address the browser is sent to at the provider.
pub fn authorization_url(
    d: &Discovery,
    client_id: &str,
    redirect_uri: &str,
    state: &str,
    nonce: &str,
    verifier: &str,
) -> String {
    let sep = if d.authorization_endpoint.contains('?') {
        '&'
    } else {
        '?'
    };
    format!(
        "{}{sep}response_type=code&client_id={}&redirect_uri={}&scope={}&state={}&nonce={}&code_challenge={}&code_challenge_method=S256",
        d.authorization_endpoint,
        encode(client_id),
        encode(redirect_uri),
        encode("openid email profile"),
        encode(state),
        encode(nonce),
        challenge(verifier),
    )
}

/// Exchanges the code for the ID token (the JWT as text).
pub async fn exchange(
    d: &Discovery,
    client_id: &str,
    secret: Option<&str>,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
) -> Result<String> {
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
        ("code_verifier", verifier),
    ];
    let mut req = client().post(&d.token_endpoint);
    let methods = &d.token_endpoint_auth_methods_supported;
    match secret {
        // The default method when the provider names none is client_secret_basic.
        Some(s) if methods.is_empty() || methods.iter().any(|m| m == "client_secret_basic") => {
            req = req.basic_auth(encode(client_id), Some(encode(s)));
        }
        Some(s) => {
            form.push(("client_id", client_id));
            form.push(("client_secret", s));
        }
        None => form.push(("client_id", client_id)),
    }
    let res = req
        .form(&form)
        .send()
        .await
        .map_err(|e| refused("sso-exchange", e))?;
    let status = res.status();
    let body: Value = res.json().await.map_err(|e| refused("sso-exchange", e))?;
    if !status.is_success() {
        return Err(refused(
            "sso-exchange",
            format!("token endpoint answered {status}: {body}"),
        ));
    }
    body.get("id_token")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| refused("sso-exchange", "no id_token in the answer"))
}

/// The provider's signing keys.
pub async fn keys(d: &Discovery) -> Result<Value> {
    get_json(&d.jwks_uri).await
}

pub use super::id_token::{LEEWAY, verify_id_token};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_this_machine_is_talked_to() {
        assert!(acceptable_url("https://login.microsoftonline.com/t/v2.0"));
        assert!(acceptable_url("http://localhost:8080"));
        assert!(acceptable_url("http://127.0.0.1:9000/realms/x"));
        assert!(!acceptable_url("http://localhost.evil.example"));
        assert!(!acceptable_url("http://10.0.0.5/idp"));
        assert!(!acceptable_url("ftp://idp.example"));
        assert!(!acceptable_url("https://"));
        assert!(!acceptable_url("not a url"));
    }

    #[test]
    fn the_pkce_challenge_is_the_unpadded_base64url_sha256_of_the_verifier() {
        // Known answer from Python's hashlib and base64 for the same verifier.
        assert_eq!(
            challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gZWFOEjXk"),
            "f7Gnl8yE2HqPO3jWgUcBsbk1zQozsHeU3CvdI3GaI_M"
        );
        let v = random(32);
        assert_eq!(
            v.len(),
            43,
            "a verifier of 43 characters, as RFC 7636 asks at least"
        );
        assert!(
            challenge(&v)
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
    }
}
