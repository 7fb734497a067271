//! The OpenID Connect protocol as a relying party needs it: the provider's discovery document,
//! the authorization URL with PKCE (S256), `state` and `nonce`, the code exchanged for an ID
//! token, and the ID token's signature (RS*, PS*, ES256/384 against the provider's JWKS) and
//! claims (issuer, audience, expiry, nonce) checked. Every refusal has a stable code the pages
//! translate; the provider's own words go to the log only.

use crate::{AppError, Result};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::time::Duration;

/// Seconds of clock difference forgiven on `exp` and `iat`.
pub const LEEWAY: i64 = 60;

fn refused(code: &'static str, why: impl std::fmt::Display) -> AppError {
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

/// Fetches `issuer`'s discovery document; its `issuer` must be the configured one exactly.
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

fn b64(part: &str) -> Result<Vec<u8>> {
    B64.decode(part.trim_end_matches('='))
        .map_err(|e| refused("sso-token", e))
}

/// Checks the signature of `token` with the matching key of `jwks`.
fn verify_signature(header: &Map<String, Value>, signed: &[u8], sig: &[u8], jwks: &Value) -> Result<()> {
    use ring::signature as s;
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
    let kid = header.get("kid").and_then(Value::as_str);
    let keys = jwks
        .get("keys")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let key = keys
        .iter()
        .filter(|k| k.get("use").and_then(Value::as_str).is_none_or(|u| u == "sig"))
        .find(|k| kid.is_none_or(|id| k.get("kid").and_then(Value::as_str) == Some(id)))
        .ok_or_else(|| refused("sso-signature", format!("no key {kid:?} in the provider's keys")))?;
    let field = |name: &str| -> Result<Vec<u8>> {
        b64(key
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| refused("sso-signature", format!("key without {name}")))?)
    };
    let rsa = |params: &'static s::RsaParameters| -> Result<()> {
        s::RsaPublicKeyComponents {
            n: field("n")?,
            e: field("e")?,
        }
        .verify(params, signed, sig)
        .map_err(|_| refused("sso-signature", "the signature does not verify"))
    };
    let ec = |alg: &'static s::EcdsaVerificationAlgorithm| -> Result<()> {
        let mut point = vec![0x04];
        point.extend(field("x")?);
        point.extend(field("y")?);
        s::UnparsedPublicKey::new(alg, point)
            .verify(signed, sig)
            .map_err(|_| refused("sso-signature", "the signature does not verify"))
    };
    // Only asymmetric algorithms: "none" and HMAC (which would take the public key as a secret)
    // are refused whatever the token says.
    match alg {
        "RS256" => rsa(&s::RSA_PKCS1_2048_8192_SHA256),
        "RS384" => rsa(&s::RSA_PKCS1_2048_8192_SHA384),
        "RS512" => rsa(&s::RSA_PKCS1_2048_8192_SHA512),
        "PS256" => rsa(&s::RSA_PSS_2048_8192_SHA256),
        "PS384" => rsa(&s::RSA_PSS_2048_8192_SHA384),
        "PS512" => rsa(&s::RSA_PSS_2048_8192_SHA512),
        "ES256" => ec(&s::ECDSA_P256_SHA256_FIXED),
        "ES384" => ec(&s::ECDSA_P384_SHA384_FIXED),
        other => Err(refused(
            "sso-signature",
            format!("algorithm {other:?} is not taken"),
        )),
    }
}

/// The ID token's claims once its signature, issuer, audience, expiry and nonce hold.
pub fn verify_id_token(
    token: &str,
    jwks: &Value,
    issuer: &str,
    client_id: &str,
    nonce: &str,
    now: i64,
) -> Result<Map<String, Value>> {
    let parts: Vec<&str> = token.split('.').collect();
    let [h, p, sig] = parts.as_slice() else {
        return Err(refused("sso-token", "an ID token has three parts"));
    };
    let header: Map<String, Value> = serde_json::from_slice(&b64(h)?).map_err(|e| refused("sso-token", e))?;
    verify_signature(&header, format!("{h}.{p}").as_bytes(), &b64(sig)?, jwks)?;
    let claims: Map<String, Value> = serde_json::from_slice(&b64(p)?).map_err(|e| refused("sso-token", e))?;
    if claims.get("iss").and_then(Value::as_str) != Some(issuer) {
        return Err(refused(
            "sso-issuer",
            format!("token from {:?}", claims.get("iss")),
        ));
    }
    let audience_ok = match claims.get("aud") {
        Some(Value::String(a)) => a == client_id,
        Some(Value::Array(list)) => {
            list.iter().any(|a| a.as_str() == Some(client_id))
                && claims
                    .get("azp")
                    .is_none_or(|azp| azp.as_str() == Some(client_id))
        }
        _ => false,
    };
    if !audience_ok {
        return Err(refused(
            "sso-audience",
            format!("token for {:?}", claims.get("aud")),
        ));
    }
    let exp = claims
        .get("exp")
        .and_then(Value::as_i64)
        .ok_or_else(|| refused("sso-token", "no exp"))?;
    if exp + LEEWAY <= now {
        return Err(refused("sso-expired", format!("expired at {exp}, now {now}")));
    }
    if claims
        .get("iat")
        .and_then(Value::as_i64)
        .is_some_and(|iat| iat > now + LEEWAY)
    {
        return Err(refused("sso-expired", "issued in the future"));
    }
    if claims.get("nonce").and_then(Value::as_str) != Some(nonce) {
        return Err(refused("sso-nonce", "the nonce is not the one sent"));
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::rand::SystemRandom;
    use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};

    /// A provider's key, its JWKS and a signer, for ES256.
    fn provider() -> (EcdsaKeyPair, Value) {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng).unwrap();
        let public = pair.public_key().as_ref();
        let jwks = serde_json::json!({"keys": [{
            "kty": "EC", "crv": "P-256", "kid": "k1", "use": "sig",
            "x": B64.encode(&public[1..33]), "y": B64.encode(&public[33..65]),
        }]});
        (pair, jwks)
    }

    fn sign(pair: &EcdsaKeyPair, header: Value, claims: Value) -> String {
        let h = B64.encode(header.to_string());
        let p = B64.encode(claims.to_string());
        let sig = pair
            .sign(&SystemRandom::new(), format!("{h}.{p}").as_bytes())
            .unwrap();
        format!("{h}.{p}.{}", B64.encode(sig.as_ref()))
    }

    fn claims(now: i64) -> Value {
        serde_json::json!({"iss": "https://idp.example", "aud": "mognad", "exp": now + 300,
                           "iat": now, "nonce": "n1", "sub": "42", "email": "eva@ekby.se"})
    }

    #[test]
    fn a_good_token_passes_and_each_broken_part_is_named() {
        let now = 1_800_000_000;
        let (pair, jwks) = provider();
        let header = serde_json::json!({"alg": "ES256", "kid": "k1"});
        let check = |token: &str| verify_id_token(token, &jwks, "https://idp.example", "mognad", "n1", now);
        let good = sign(&pair, header.clone(), claims(now));
        assert_eq!(check(&good).unwrap()["email"], "eva@ekby.se");

        let code = |token: String| match check(&token) {
            Err(AppError::Refused { code, .. }) => code,
            other => panic!("not refused: {other:?}"),
        };
        let with = |key: &str, v: Value| {
            let mut c = claims(now);
            c[key] = v;
            sign(&pair, header.clone(), c)
        };
        assert_eq!(code(with("aud", "someone-else".into())), "sso-audience");
        // A list naming Mognad is taken; with `azp` naming another party, not.
        assert!(check(&with("aud", serde_json::json!(["other", "mognad"]))).is_ok());
        let mut c = claims(now);
        c["aud"] = serde_json::json!(["other", "mognad"]);
        c["azp"] = "other".into();
        assert_eq!(code(sign(&pair, header.clone(), c)), "sso-audience");
        assert_eq!(code(with("exp", (now - LEEWAY - 1).into())), "sso-expired");
        assert_eq!(code(with("iss", "https://evil.example".into())), "sso-issuer");
        assert_eq!(code(with("nonce", "n2".into())), "sso-nonce");
        // Another key's signature, a changed payload, "none" and HMAC are all refused.
        let (other, _) = provider();
        assert_eq!(code(sign(&other, header.clone(), claims(now))), "sso-signature");
        let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
        parts[1] = B64.encode(claims(now).to_string().replace("eva@", "eve@"));
        assert_eq!(code(parts.join(".")), "sso-signature");
        assert_eq!(
            code(sign(
                &pair,
                serde_json::json!({"alg": "none", "kid": "k1"}),
                claims(now)
            )),
            "sso-signature"
        );
        assert_eq!(
            code(sign(
                &pair,
                serde_json::json!({"alg": "HS256", "kid": "k1"}),
                claims(now)
            )),
            "sso-signature"
        );
        assert_eq!(code("not.a".into()), "sso-token");
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
