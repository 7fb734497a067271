//! Time-based one-time passwords (RFC 6238, as authenticator apps make them): HMAC-SHA1 over
//! 30-second steps, six digits. Pure arithmetic; storing the secret and refusing a code used
//! twice are the callers' business.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// Seconds per step.
pub const STEP: i64 = 30;
/// Steps either side of now a code is taken from, for clocks a little apart.
pub const DRIFT: i64 = 1;

/// A secret as authenticator apps take it: base32 without padding.
pub fn encode_secret(bytes: &[u8]) -> String {
    data_encoding::BASE32_NOPAD.encode(bytes)
}

/// The secret's bytes; spaces and lower case (as people copy it) are forgiven.
pub fn decode_secret(text: &str) -> Option<Vec<u8>> {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    data_encoding::BASE32_NOPAD.decode(clean.as_bytes()).ok()
}

/// The HOTP value (RFC 4226) for `counter`, to `digits` digits.
pub fn hotp(secret: &[u8], counter: u64, digits: u32) -> u32 {
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(&counter.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = usize::from(h[h.len() - 1] & 0x0f);
    let bin = (u32::from(h[offset]) & 0x7f) << 24
        | u32::from(h[offset + 1]) << 16
        | u32::from(h[offset + 2]) << 8
        | u32::from(h[offset + 3]);
    bin % 10u32.pow(digits)
}

/// The step a moment (seconds since the epoch) falls in.
pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP)
}

/// The six-digit code for a step, as the app shows it.
pub fn code_at(secret: &[u8], step: i64) -> String {
    format!("{:06}", hotp(secret, step as u64, 6))
}

/// The step within [`DRIFT`] of `now_step` whose code `typed` is, if any. Spaces in what was
/// typed are forgiven; anything but six digits is no code.
pub fn matching_step(secret: &[u8], typed: &str, now_step: i64) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != 6 || !typed.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    (now_step - DRIFT..=now_step + DRIFT).find(|s| {
        let code = code_at(secret, *s);
        // Compared without stopping at the first difference.
        code.bytes()
            .zip(typed.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    })
}

/// The `otpauth://` address an authenticator app reads (typed in, or from a QR code).
pub fn otpauth_uri(issuer: &str, account: &str, secret_b32: &str) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    format!(
        "otpauth://totp/{}:{}?secret={secret_b32}&issuer={}&algorithm=SHA1&digits=6&period=30",
        enc(issuer),
        enc(account),
        enc(issuer)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn the_rfc_6238_vectors_for_sha1() {
        // Appendix B of RFC 6238: time, eight-digit TOTP.
        for (t, want) in [
            (59, 94287082),
            (1111111109, 7081804),
            (1111111111, 14050471),
            (1234567890, 89005924),
            (2000000000, 69279037),
            (20000000000, 65353130),
        ] {
            assert_eq!(hotp(RFC_SECRET, step_at(t) as u64, 8), want, "at {t}");
        }
    }

    #[test]
    fn the_rfc_4226_vectors() {
        let want = [
            755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489,
        ];
        for (counter, w) in want.iter().enumerate() {
            assert_eq!(hotp(RFC_SECRET, counter as u64, 6), *w);
        }
    }

    #[test]
    fn a_code_is_taken_one_step_either_side_and_no_further() {
        let now = step_at(1_700_000_000);
        for (offset, taken) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let code = code_at(RFC_SECRET, now + offset);
            assert_eq!(
                matching_step(RFC_SECRET, &code, now).is_some(),
                taken,
                "offset {offset}"
            );
        }
        let spaced = code_at(RFC_SECRET, now);
        let spaced = format!("{} {}", &spaced[..3], &spaced[3..]);
        assert_eq!(matching_step(RFC_SECRET, &spaced, now), Some(now));
        assert_eq!(matching_step(RFC_SECRET, "12345", now), None);
        assert_eq!(matching_step(RFC_SECRET, "abcdef", now), None);
    }

    #[test]
    fn secrets_round_trip_through_base32() {
        let b32 = encode_secret(RFC_SECRET);
        assert_eq!(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(decode_secret(&b32.to_lowercase()).unwrap(), RFC_SECRET);
        assert_eq!(
            decode_secret("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ").unwrap(),
            RFC_SECRET
        );
        assert!(decode_secret("not base32!").is_none());
        assert!(
            otpauth_uri("Mognad", "a@b.se", &b32).starts_with("otpauth://totp/Mognad:a%40b.se?secret=GEZD")
        );
    }
}
