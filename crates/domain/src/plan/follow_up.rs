//! Following up a recurring problem: the contacts submitters left, each person once however they
//! wrote it ("Åsa@Ekby.se " and "asa@ekby.se"; "070-123 45 67" and "0701234567"), and which of
//! them a mail can reach.

use crate::text::Email;

/// The form under which two contacts are the same person's: an address in lower case, a phone
/// number's digits (and a leading `+`), anything else trimmed with its spaces collapsed.
pub fn contact_key(raw: &str) -> String {
    let t = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.contains('@') {
        return t.to_lowercase();
    }
    let phone = t.chars().all(|c| c.is_ascii_digit() || " -+()/".contains(c))
        && t.chars().filter(char::is_ascii_digit).count() >= 5;
    if phone {
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        return if t.starts_with('+') {
            format!("+{digits}")
        } else {
            digits
        };
    }
    t.to_lowercase()
}

/// Whether a mail can go to the contact.
pub fn mailable(raw: &str) -> bool {
    Email::parse(raw.trim()).is_ok()
}

/// The distinct contacts among `raw`, in first-seen order, each with how many times it came.
pub fn distinct<'a>(raw: impl IntoIterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut out: Vec<(String, String, usize)> = Vec::new();
    for r in raw {
        let key = contact_key(r);
        if key.is_empty() {
            continue;
        }
        match out.iter_mut().find(|(k, _, _)| *k == key) {
            Some(e) => e.2 += 1,
            None => out.push((key, r.trim().to_owned(), 1)),
        }
    }
    out.into_iter().map(|(_, shown, n)| (shown, n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_written_twice_is_one_contact() {
        assert_eq!(contact_key(" Åsa@Ekby.se "), "åsa@ekby.se");
        assert_eq!(contact_key("070-123 45 67"), contact_key("0701234567"));
        assert_eq!(contact_key("+46 70 123 45 67"), "+46701234567");
        assert_ne!(contact_key("+46 70 123 45 67"), contact_key("070 123 45 67"));
        assert_eq!(contact_key("Rum  4,   vån 2"), "rum 4, vån 2");
        let d = distinct([
            "asa@ekby.se",
            "070-1234567",
            "ASA@ekby.se",
            " ",
            "0701234567",
            "per@ekby.se",
        ]);
        assert_eq!(
            d,
            vec![
                ("asa@ekby.se".to_owned(), 2),
                ("070-1234567".to_owned(), 2),
                ("per@ekby.se".to_owned(), 1)
            ]
        );
    }

    #[test]
    fn only_addresses_are_mailable() {
        assert!(mailable(" asa@ekby.se"));
        assert!(!mailable("070-1234567"));
        assert!(!mailable("asa at ekby"));
    }
}
