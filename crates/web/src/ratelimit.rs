//! Sign-in rate limiting: after too many failures for one client and account, further
//! attempts are refused for a while. In memory: a restart forgets, which is acceptable for a
//! brake on password guessing.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const MAX_FAILURES: u32 = 5;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl LoginLimiter {
    fn key(client: &str, email: &str) -> String {
        format!("{client}\u{1f}{}", email.trim().to_lowercase())
    }

    /// Whether another attempt is allowed now.
    pub fn allowed(&self, client: &str, email: &str) -> bool {
        let map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(&Self::key(client, email)) {
            Some((n, since)) => *n < MAX_FAILURES || since.elapsed() > WINDOW,
            None => true,
        }
    }

    pub fn failed(&self, client: &str, email: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        // Keep the map from growing without bound under a spray of addresses.
        if map.len() > 100_000 {
            map.retain(|_, (_, since)| since.elapsed() <= WINDOW);
        }
        let entry = map.entry(Self::key(client, email)).or_insert((0, Instant::now()));
        if entry.1.elapsed() > WINDOW {
            *entry = (0, Instant::now());
        }
        entry.0 += 1;
    }

    pub fn succeeded(&self, client: &str, email: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&Self::key(client, email));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_repeated_failures_per_client_and_account() {
        let l = LoginLimiter::default();
        for _ in 0..MAX_FAILURES {
            assert!(l.allowed("1.2.3.4", "a@b.se"));
            l.failed("1.2.3.4", "A@b.se");
        }
        assert!(!l.allowed("1.2.3.4", "a@b.se"));
        assert!(l.allowed("5.6.7.8", "a@b.se"), "another client is not punished");
        assert!(l.allowed("1.2.3.4", "c@b.se"), "another account is not locked");
        l.succeeded("1.2.3.4", "a@b.se");
        assert!(l.allowed("1.2.3.4", "a@b.se"));
    }
}
