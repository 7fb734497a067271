//! Drafts of unfinished answers, sealed with a key derived from the respondent's token.
//!
//! The invitation row that holds a draft names the person it was sent to, so the draft must not
//! be readable from the database alone: only someone holding the link can open it. The key is
//! SHA-256 over a fixed label and the token; the token is never stored.

use crate::{AppError, Result};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use mognad_domain::answer::Answers;
use rand::RngCore;
use sha2::{Digest, Sha256};

const NONCE_LEN: usize = 12;

fn cipher(token: &str) -> ChaCha20Poly1305 {
    let mut h = Sha256::new();
    h.update(b"mognad draft key\0");
    h.update(token.as_bytes());
    ChaCha20Poly1305::new(Key::from_slice(&h.finalize()))
}

pub fn seal(token: &str, answers: &Answers) -> Result<Vec<u8>> {
    let plain = serde_json::to_vec(answers).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut nonce = [0u8; NONCE_LEN];
    rand::rng().fill_bytes(&mut nonce);
    let sealed = cipher(token)
        .encrypt(Nonce::from_slice(&nonce), plain.as_slice())
        .map_err(|_| AppError::Internal("sealing a draft failed".into()))?;
    Ok([nonce.as_slice(), &sealed].concat())
}

/// Opens a sealed draft; `None` if it was sealed with another token or is damaged.
pub fn open(token: &str, sealed: &[u8]) -> Option<Answers> {
    if sealed.len() < NONCE_LEN {
        return None;
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    let plain = cipher(token).decrypt(Nonce::from_slice(nonce), body).ok()?;
    serde_json::from_slice(&plain).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_token_opens_a_draft() {
        let model = &mognad_domain::model::builtin()[0];
        let mut a = Answers::empty(model);
        a.values[0] = 3;
        a.comments[0] = "hemligt".into();
        let sealed = seal("token-a", &a).unwrap();
        assert!(!sealed.windows(7).any(|w| w == b"hemligt"));
        assert_eq!(open("token-a", &sealed), Some(a));
        assert_eq!(open("token-b", &sealed), None);
        assert_eq!(open("token-a", &sealed[..5]), None);
    }
}
