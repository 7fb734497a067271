//! Checking an ID token: its signature against the provider's published keys (RS256/384/512,
//! PS256/384/512, ES256/384; never `none` or HMAC, whatever the token says) and its claims —
//! issuer, audience (and `azp` when there are several), expiry and nonce.

use super::oidc::refused;
use crate::Result;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde_json::{Map, Value};

/// Seconds of clock difference forgiven on `exp` and `iat`.
pub const LEEWAY: i64 = 60;

fn b64(part: &str) -> Result<Vec<u8>> {
    B64.decode(part.trim_end_matches('='))
        .map_err(|e| refused("sso-token", e))
}

/// Checks the signature of `token` with the matching key of `jwks`.
fn verify_signature(header: &Map<String, Value>, signed: &[u8], sig: &[u8], jwks: &Value) -> Result<()> {
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
    let kid = header.get("kid").and_then(Value::as_str);
    let keys = jwks
        .get("keys")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    // The key the token names; without a name, any signing key of the provider (during a key
    // rotation there are two).
    let candidates: Vec<&Value> = keys
        .iter()
        .filter(|k| k.get("use").and_then(Value::as_str).is_none_or(|u| u == "sig"))
        .filter(|k| kid.is_none_or(|id| k.get("kid").and_then(Value::as_str) == Some(id)))
        .collect();
    if candidates.is_empty() {
        return Err(refused(
            "sso-signature",
            format!("no key {kid:?} in the provider's keys"),
        ));
    }
    let mut last = None;
    for key in candidates {
        match verify_with(key, alg, signed, sig) {
            Ok(()) => return Ok(()),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| refused("sso-signature", "no key verifies")))
}

fn verify_with(key: &Value, alg: &str, signed: &[u8], sig: &[u8]) -> Result<()> {
    use ring::signature as s;
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
        .get("nbf")
        .and_then(Value::as_i64)
        .is_some_and(|nbf| nbf > now + LEEWAY)
    {
        return Err(refused("sso-expired", "not valid yet"));
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
    use crate::AppError;
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
}
